"""The data model of a bilancio sociale, one module per section of DM 4 luglio 2019 §6.

=========================================  ==========================
Sezione del DM                             Modulo
=========================================  ==========================
1. Metodologia adottata                    ``metodologia``
2. Informazioni generali sull'ente         ``ente`` (file ``ente.yaml``)
3. Struttura, governo e amministrazione    ``governo``
4. Persone che operano per l'ente          ``persone``
5. Obiettivi e attività                    ``attivita``
6. Situazione economico-finanziaria        ``economia``
7. Altre informazioni                      ``altre_informazioni``
8. Monitoraggio dell'organo di controllo   ``monitoraggio``
=========================================  ==========================

The CEE income statement of section 6 (``economia.conto_economico``) is in ``conto_economico``.

The modules that define models do not use ``from __future__ import annotations``: pydantic
would then compile and evaluate every field's annotation from its text (some 1.400 at each
start of ``check``); written as objects they are read as they are. A name used before its
class is complete (a method returning its own class) is quoted.
"""

from .altre_informazioni import AltreInformazioni, RiunioneApprovazione
from .anno import Anno, AnnoPrecedente
from .attivita import (
    Attivita,
    Categoria,
    DimensioneValore,
    EsitoObiettivo,
    Obiettivo,
    Output,
    Servizio,
)
from .comuni import NonPresente, Voce, contenuto, presente
from .conto_economico import (
    AltriRicaviProventi,
    AmmortamentiSvalutazioni,
    ContoEconomico,
    CostiPersonale,
    CostiProduzione,
    ProventiOneriFinanziari,
    ValoreProduzione,
)
from .economia import (
    CapitalePerSocio,
    Economia,
    Patrimonio,
    RaccoltaFondi,
    RicaviEsclusi,
    RicaviPerFonte,
    RicavoPerTipologia,
    TipologiaRicavo,
)
from .ente import Ente, FormaGiuridica, Qualifica, Rete, Sede, TipoCooperativa
from .governo import (
    Amministratore,
    Assemblea,
    ConsiglioAmministrazione,
    Governo,
    LivelloCoinvolgimento,
    OrganoControllo,
    Soci,
    Stakeholder,
    TipoSocio,
)
from .metodologia import Metodologia
from .monitoraggio import Monitoraggio
from .persone import (
    Formazione,
    Gruppo,
    InserimentoLavorativo,
    Istruzione,
    Lavoratori,
    Persone,
    Retribuzioni,
    RimborsiVolontari,
    Volontari,
)

__all__ = [name for name in dir() if not name.startswith("_")]
