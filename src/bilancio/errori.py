"""Problems are data: every check returns a report listing them all, each with a place.

Nothing here knows about the terminal; the CLI turns a :class:`Rapporto` into a table,
JSON or an exit code.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:  # the compute step's result; resolved by bilancio.calcolo at import
    from .calcolo import Calcolo


class Gravita(str, Enum):
    ERRORE = "errore"
    AVVISO = "avviso"


class Posizione(BaseModel):
    """Where a value came from: a YAML line and column, or a workbook sheet and cell."""

    model_config = ConfigDict(frozen=True)

    file: str
    riga: int | None = None
    colonna: int | None = None
    foglio: str | None = None
    cella: str | None = None
    intestazione: str | None = None  # a workbook column's header (or row label), for messages

    def __str__(self) -> str:
        if self.foglio:
            dove = (
                f"{self.file} — {self.foglio}!{self.cella}"
                if self.cella
                else f"{self.file} — {self.foglio}"
            )
            return f"{dove} «{self.intestazione}»" if self.intestazione else dove
        if self.riga is not None:
            return f"{self.file}:{self.riga}:{self.colonna or 1}"
        return self.file


class Problema(BaseModel):
    """One problem found in the input, in Italian, with where, what and why."""

    codice: str = Field(description="Identificativo della regola, es. SOCI-VOLONTARI")
    gravita: Gravita
    messaggio: str
    posizione: Posizione | None = None
    campo: str | None = Field(
        default=None, description="Percorso del campo, es. governo.soci.lavoratori"
    )
    trovato: str | None = None
    atteso: str | None = None
    riferimento: str | None = Field(default=None, description="Norma o regola aritmetica violata")
    breve: str | None = Field(
        default=None,
        description="Il problema in una riga, quando la spiegazione (atteso) è comune ai problemi "
        "dello stesso codice: `check` li raggruppa e la mostra una volta",
    )

    @property
    def dove(self) -> str:
        return str(self.posizione) if self.posizione else ""


class StatoVoce(str, Enum):
    PRESENTE = "presente"
    ASSENTE = "dichiarata assente"
    MANCANTE = "mancante"


class VoceConformita(BaseModel):
    """One item of DM 4/7/2019 §6 and how the data covers it."""

    codice: str
    sezione: int
    titolo: str
    campo: str
    stato: StatoVoce
    motivo: str | None = None


class Rapporto(BaseModel):
    """Everything `bilancio check` found, for one reference year of one cooperative."""

    percorso: str
    anno: int | None = None
    file: list[str] = Field(default_factory=list)
    problemi: list[Problema] = Field(default_factory=list)
    conformita: list[VoceConformita] = Field(default_factory=list)
    calcolo: Calcolo | None = Field(
        default=None,
        description="Ogni cifra calcolata di ogni anno (null con il motivo se non nota)",
    )
    leggibile: bool = True
    regole_parziali: bool = Field(
        default=False,
        description="I file hanno errori: le regole sono state applicate alle sole parti valide",
    )
    parti_escluse: list[str] = Field(
        default_factory=list,
        description="Le parti dell'anno di struttura errata, escluse dalle regole (es. governo)",
    )

    @property
    def errori(self) -> list[Problema]:
        return [p for p in self.problemi if p.gravita is Gravita.ERRORE]

    @property
    def avvisi(self) -> list[Problema]:
        return [p for p in self.problemi if p.gravita is Gravita.AVVISO]

    @property
    def valido(self) -> bool:
        return self.leggibile and not self.errori

    def esito(self, *, rigoroso: bool = False) -> int:
        """Exit code: 0 valid, 1 errors (or warnings when strict), 2 unreadable input."""
        if not self.leggibile:
            return 2
        if self.errori or (rigoroso and self.avvisi):
            return 1
        return 0


class ErroreBilancio(Exception):
    """Base of the library's exceptions."""


class UsoNonValido(ErroreBilancio):
    """A choice of the caller is not one of those allowed (an unknown theme or format).

    The command line answers it as misuse, with exit code 2.
    """


class DatiNonValidi(ErroreBilancio):
    """The input has errors; ``rapporto`` lists them all."""

    def __init__(self, rapporto: Rapporto) -> None:
        self.rapporto = rapporto
        n = len(rapporto.errori)
        super().__init__(f"{n} {'errore' if n == 1 else 'errori'} nei dati di {rapporto.percorso}")


class InputIlleggibile(ErroreBilancio):
    """The input cannot be read at all (missing path, no year file, wrong kind of file)."""
