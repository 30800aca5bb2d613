"""One reference year of a bilancio sociale: the root of a ``2025.yaml`` file."""

from pydantic import Field

from .altre_informazioni import AltreInformazioni
from .attivita import Attivita
from .comuni import Anno4, Modello, Voce
from .dichiarati import Dichiarati
from .economia import Economia
from .ente import Ente
from .governo import Governo
from .metodologia import Metodologia
from .monitoraggio import Monitoraggio
from .persone import Persone
from .sezioni import sezione_dm


class AnnoPrecedente(Modello):
    """Key figures of an earlier year, for a cooperative that has no file for it.

    Same keys as the year file; give only what the report compares (members, workers,
    economic tables). When ``2024.yaml`` exists, that file is the source instead.
    """

    governo: Governo | None = Field(default=None, title=sezione_dm("governo").titolo)
    persone: Persone | None = Field(default=None, title=sezione_dm("persone").titolo)
    attivita: Attivita | None = Field(default=None, title=sezione_dm("attivita").titolo)
    economia: Economia | None = Field(default=None, title=sezione_dm("economia").titolo)
    dichiarati: Dichiarati = Field(
        default_factory=dict,
        title="Cifre stampate nel report dell'anno",
        description="Per codice di indicatore; check le confronta con quelle calcolate",
    )


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
        title=sezione_dm("ente").titolo,
        description="Solo se la cartella non ha un file ente.yaml",
    )
    metodologia: Metodologia | None = Field(
        default=None, title=sezione_dm("metodologia").intestazione
    )
    governo: Governo | None = Field(default=None, title=sezione_dm("governo").intestazione)
    persone: Persone | None = Field(default=None, title=sezione_dm("persone").intestazione)
    attivita: Attivita | None = Field(default=None, title=sezione_dm("attivita").intestazione)
    economia: Economia | None = Field(default=None, title=sezione_dm("economia").intestazione)
    altre_informazioni: AltreInformazioni | None = Field(
        default=None, title=sezione_dm("altre_informazioni").intestazione
    )
    monitoraggio: Voce[Monitoraggio] | None = Field(
        default=None, title=sezione_dm("monitoraggio").intestazione
    )
    dichiarati: Dichiarati = Field(
        default_factory=dict,
        title="Cifre stampate nel report",
        description="Per codice di indicatore (vedi README); check le confronta con quelle calcolate",
    )
    anni_precedenti: dict[Anno4, AnnoPrecedente] = Field(
        default_factory=dict,
        title="Dati chiave degli anni precedenti",
        description="Per confronti e tabelle triennali quando manca il file dell'anno",
    )
