"""One reference year of a bilancio sociale: the root of a ``2025.yaml`` file."""

from __future__ import annotations

from pydantic import Field

from .altre_informazioni import AltreInformazioni
from .attivita import Attivita
from .comuni import Anno4, Modello, voce
from .economia import Economia
from .ente import Ente
from .governo import Governo
from .metodologia import Metodologia
from .monitoraggio import Monitoraggio
from .persone import Persone


class AnnoPrecedente(Modello):
    """Key figures of an earlier year, for a cooperative that has no file for it.

    Same keys as the year file; give only what the report compares (members, workers,
    economic tables). When ``2024.yaml`` exists, that file is the source instead.
    """

    governo: Governo | None = Field(default=None, title="Struttura, governo e amministrazione")
    persone: Persone | None = Field(default=None, title="Persone che operano per l'ente")
    attivita: Attivita | None = Field(default=None, title="Obiettivi e attività")
    economia: Economia | None = Field(default=None, title="Situazione economico-finanziaria")


class Anno(Modello):
    """Bilancio sociale of one reference year, in the order of DM 4/7/2019 §6."""

    anno: Anno4 = Field(title="Anno di riferimento")
    data_riferimento: str | None = Field(
        default=None,
        title="Data di riferimento dei dati",
        description="Predefinita: 31/12 dell'anno",
    )
    ente: Ente | None = Field(
        default=None,
        title="Informazioni generali sull'ente",
        description="Solo se la cartella non ha un file ente.yaml",
    )
    metodologia: Metodologia | None = Field(default=None, title="1. Metodologia adottata")
    governo: Governo | None = Field(default=None, title="3. Struttura, governo e amministrazione")
    persone: Persone | None = Field(default=None, title="4. Persone che operano per l'ente")
    attivita: Attivita | None = Field(default=None, title="5. Obiettivi e attività")
    economia: Economia | None = Field(default=None, title="6. Situazione economico-finanziaria")
    altre_informazioni: AltreInformazioni | None = Field(
        default=None, title="7. Altre informazioni"
    )
    monitoraggio: voce(Monitoraggio) | None = Field(
        default=None, title="8. Monitoraggio svolto dall'organo di controllo"
    )
    anni_precedenti: dict[Anno4, AnnoPrecedente] = Field(
        default_factory=dict,
        title="Dati chiave degli anni precedenti",
        description="Per confronti e tabelle triennali quando manca il file dell'anno",
    )
