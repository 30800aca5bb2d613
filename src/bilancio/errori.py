"""Problems are data, and errors have a kind: the report of a check, and every exception.

Every check returns a :class:`Rapporto` listing every problem, each with a place. Every
exception the library raises is defined here, in one hierarchy under
:class:`ErroreBilancio`, and belongs to one of five kinds:

* :class:`ErroreDati`: the data has errors (or a piece of the report, such as a template
  or the logo, cannot be used);
* :class:`InputIlleggibile`: there is nothing to read, or it cannot be read;
* :class:`UsoNonValido`: the caller asked for something not allowed (an unknown theme,
  a file that exists and must not be replaced);
* :class:`UscitaNonScrivibile`: the output cannot be written (a folder that is a file,
  read-only, or a destination another program holds open);
* :class:`ErroreInterno`: a bug of ours (a rule that raises, a model the workbook cannot
  represent).

Nothing here knows about the terminal: the command line maps each kind to its exit code,
in one place (``bilancio.cli.comune.codice_uscita``), and prints the message.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

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
    interno: bool = Field(
        default=False,
        description="Errore interno dello strumento (una regola che non si è potuta eseguire), non dei dati",
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

    def __init__(self, /, **dati: Any) -> None:
        # the `calcolo` field's type is the compute step's, which this module does not import
        # (the command line's start-up): a caller that made a report of problems before any
        # computing (convert, init, import) gets the model completed here, once
        if not type(self).__pydantic_complete__:
            from . import calcolo  # noqa: F401  (its import completes Rapporto)
        super().__init__(**dati)

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
    def interni(self) -> list[Problema]:
        """The internal errors: rules that raised, reported in place of their result."""
        return [p for p in self.problemi if p.interno]

    @property
    def valido(self) -> bool:
        return self.leggibile and not self.errori

    def esito(self, *, rigoroso: bool = False) -> int:
        """Exit code: 0 valid, 1 errors (or warnings when strict), 2 unreadable input,
        3 a rule that could not run (a bug: the check is incomplete)."""
        if not self.leggibile:
            return 2
        if self.interni:
            return 3
        if self.errori or (rigoroso and self.avvisi):
            return 1
        return 0


# --- the exceptions ----------------------------------------------------------------------


class ErroreBilancio(Exception):
    """Base of every exception the library raises; ``str(exc)`` is the Italian message."""


# the five kinds: each has one exit code (bilancio.cli.comune.codice_uscita)


class ErroreDati(ErroreBilancio):
    """The input has errors: the data, or a piece of the report (template, logo, glyph)."""


class InputIlleggibile(ErroreBilancio):
    """The input cannot be read at all (missing path, no year file, wrong kind of file)."""


class UsoNonValido(ErroreBilancio):
    """A choice of the caller is not one of those allowed (an unknown theme or format, a
    file that exists and must not be replaced without ``force``)."""


class UscitaNonScrivibile(ErroreBilancio, OSError):
    """The output cannot be written: a folder that is a file, that cannot be created or
    written, or a destination another program holds open. Nothing was half-written: the
    previous output is intact."""

    def __init__(self, messaggio: str, percorso: str | None = None) -> None:
        super().__init__(messaggio)
        self.percorso = percorso


class ErroreInterno(ErroreBilancio):
    """A bug of ours, never the answer to bad input: to be reported to the developers."""


# --- data errors


class DatiNonValidi(ErroreDati):
    """The input has errors; ``rapporto`` lists them all."""

    def __init__(self, rapporto: Rapporto) -> None:
        self.rapporto = rapporto
        n = len(rapporto.errori)
        super().__init__(f"{n} {'errore' if n == 1 else 'errori'} nei dati di {rapporto.percorso}")


class AvvisiNonAmmessi(DatiNonValidi):
    """``--strict``: the data has warnings, and warnings stop the build."""

    def __init__(self, rapporto: Rapporto) -> None:
        super().__init__(rapporto)
        n = len(rapporto.avvisi)
        self.args = (
            f"{n} {'avviso' if n == 1 else 'avvisi'} nei dati di {rapporto.percorso} (modalità rigorosa)",
        )


class ConversioneNonRiuscita(ErroreDati):
    """The source has problems that prevent a faithful conversion; ``problemi`` lists them.

    ``leggibile`` is false when the source could not be read at all (a syntax error).
    """

    def __init__(self, messaggio: str, problemi: list[Problema], leggibile: bool = True) -> None:
        super().__init__(messaggio)
        self.problemi = problemi
        self.leggibile = leggibile


class ImportazioneNonRiuscita(ErroreDati):
    """The instance could not be imported; ``problemi`` says where and why (nothing written)."""

    def __init__(self, problemi: list[Problema]) -> None:
        self.problemi = problemi
        super().__init__("; ".join(p.messaggio for p in problemi))


class NumeroNonValido(ErroreDati, ValueError):
    """A number the data cannot take as written: why, in Italian, and how to write it.

    A ``ValueError`` too, so that pydantic reports it as the field's error (the
    validation layer shows ``spiegazione`` and ``atteso``, at the value's line).
    """

    def __init__(self, spiegazione: str, atteso: str) -> None:
        super().__init__(spiegazione)
        self.spiegazione = spiegazione
        self.atteso = atteso


class ImmagineNonValida(ErroreDati):
    """The image cannot be used; the message says why, in Italian."""


class ErroreReport(ErroreDati):
    """The report cannot be built (a template, an image or a stylesheet is missing or not allowed)."""


class GlifoMancante(ErroreReport):
    """A character of the document is in none of the bundled fonts."""


# --- unreadable input


class FileRifiutato(InputIlleggibile):
    """The file is not a workbook we can safely read; the message says why, in Italian."""


class InputRifiutato(InputIlleggibile):
    """YAML refused while composing (a limit crossed), with its place (``mark``) and advice.

    The YAML reader turns it into a located problem of the report.
    """

    def __init__(self, messaggio: str, mark: Any, atteso: str) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.mark = mark
        self.atteso = atteso


class XbrlNonValido(InputIlleggibile):
    """An XBRL instance that cannot be read, with where: the file and, when known, the line."""

    def __init__(self, file: str, messaggio: str, riga: int | None = None) -> None:
        self.file = file
        self.messaggio = messaggio
        self.riga = riga
        super().__init__(f"{file}:{riga}: {messaggio}" if riga else f"{file}: {messaggio}")


class ErroreSito(InputIlleggibile):
    """The site cannot be assembled from its input (shards missing when merging, a
    templates folder that does not exist)."""


# --- misuse


class SceltaNonValida(ErroreReport, UsoNonValido):
    """An unknown theme or format: the caller's misuse, not a problem of the report."""


class DestinazioneEsistente(UsoNonValido):
    """The destination exists and overwriting was not asked for."""


class CartellaEsistente(UsoNonValido):
    """A file ``init`` would create exists already (and ``--force`` was not given)."""


class AnnoGiaPresente(UsoNonValido):
    """``init`` on a folder that already has the file of the year it would write."""


# --- internal errors


class RegolaNonValida(ErroreInterno):
    """A rule registered twice, or for no entity type (a bug in a rule module)."""


class FormulaNonValida(ErroreInterno):
    """An indicator's formula registered twice, or for a code not in the catalogue."""


class CifraNonValida(ErroreInterno, TypeError):
    """A formula read a value that is not a figure (a bug in the formula or the model)."""


class LayoutNonSupportato(ErroreInterno, TypeError):
    """A model has a shape the workbook cannot represent (a bug to fix in the layout)."""


class ModelloNonValido(UsoNonValido):
    """A user's template overrides nothing, or a block its parent does not have."""


class ServizioGiaAttivo(UsoNonValido):
    """``bilancio serve`` started where a check service of this installation answers
    already; ``stato`` is what that service says of itself (pid, version, requests)."""

    def __init__(self, stato: dict[str, Any]) -> None:
        super().__init__(f"Il servizio di controllo è già attivo (pid {stato.get('pid')}).")
        self.stato = stato


#: every exception of the library, for ``bilancio.__all__`` and the tests
ECCEZIONI: tuple[type[ErroreBilancio], ...] = (
    ErroreBilancio,
    ErroreDati,
    InputIlleggibile,
    UsoNonValido,
    UscitaNonScrivibile,
    ErroreInterno,
    DatiNonValidi,
    AvvisiNonAmmessi,
    ConversioneNonRiuscita,
    ImportazioneNonRiuscita,
    NumeroNonValido,
    ImmagineNonValida,
    ErroreReport,
    GlifoMancante,
    FileRifiutato,
    InputRifiutato,
    XbrlNonValido,
    ErroreSito,
    SceltaNonValida,
    DestinazioneEsistente,
    CartellaEsistente,
    AnnoGiaPresente,
    RegolaNonValida,
    FormulaNonValida,
    CifraNonValida,
    LayoutNonSupportato,
    ModelloNonValido,
    ServizioGiaAttivo,
)
