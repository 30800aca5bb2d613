"""The report's context, shared by both themes: typed models of everything a template shows, already formatted.

A report is a cover, a list of numbered sections (the eight of DM 4 luglio 2019, with the
introduction first when there is one, as the CIPM report numbers them), each made of
paragraphs of *blocks* (text, table, list, key figures, chart, "non presente"), the
conformity table, and the pieces of the short brochure (key figures with their change
against the previous year, charts, one page per area, next year's goals).

Everything is computed and formatted here, in Python, with :mod:`bilancio.formato`, so
templates only lay out strings: a figure reads the same in both themes, in the HTML and
in the PDF, and a template override cannot get a number wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Annotated, Any, Literal

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from .. import formato
from ..calcolo import Calcolo, CifreServizio, calcola
from ..caricamento import Bilancio
from ..conformita import VOCE
from ..errori import Rapporto
from ..modello import Anno, AnnoPrecedente, NonPresente, contenuto
from ..modello.attivita import Servizio
from ..modello.governo import Soci
from ..variazioni import Riga, confronta
from .blocchi import (
    Anagrafica,
    Approvazione,
    Assemblee,
    AttivitaVolontari,
    BaseSociale,
    Collaborazioni,
    Compensi,
    Consiglio,
    Conteggi,
    Diffusione,
    DurataCarica,
    FontiEntrate,
    Formazione,
    ForzaLavoro,
    Incidenza,
    Inserimento,
    InteresseGenerale,
    Monitoraggio,
    Obiettivi,
    OrganoControllo,
    RaccoltaFondi,
    Reti,
    Riepilogo,
    Rimborsi,
    Riunioni,
    RiunioniCda,
    SchedaAttivita,
    Sedi,
    Stakeholder,
    Triennale,
)
from .testo import markdown

COLORE_PREDEFINITO = "#1f4e79"
ANNI_ECONOMIA = 3  # the guidelines' reports show three years side by side


class Modello(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


# --- blocks ----------------------------------------------------------------------------


class Testo(Modello):
    """Narrative text, already rendered from Markdown (raw HTML disabled)."""

    tipo: Literal["testo"] = "testo"
    html: Markup


class Tabella(Modello):
    """A table of formatted strings; ``numeriche`` marks the right-aligned columns."""

    tipo: Literal["tabella"] = "tabella"
    titolo: str | None = None
    colonne: list[str]
    righe: list[list[str]]
    numeriche: list[bool] = Field(default_factory=list)
    totale: list[str] | None = None
    nota: str | None = None
    classe: str = ""

    def model_post_init(self, __context: Any) -> None:
        if not self.numeriche:
            self.numeriche = [False] + [True] * (len(self.colonne) - 1)

    def visibili(self) -> list[int]:
        """The columns with something to print: one empty in every row is left out."""
        righe = [*self.righe, *([self.totale] if self.totale else [])]
        return [
            i
            for i in range(len(self.colonne))
            if i == 0 or any(i < len(r) and r[i].strip() for r in righe)
        ]


class Elenco(Modello):
    tipo: Literal["elenco"] = "elenco"
    titolo: str | None = None
    voci: list[Markup]
    numerato: bool = False


class Cifra(Modello):
    """A key figure as the brochure prints it: label, large value, change against last year."""

    etichetta: str
    valore: str
    variazione: str | None = None
    verso: Literal["su", "giu", "pari", "nd"] | None = None


class Cifre(Modello):
    tipo: Literal["cifre"] = "cifre"
    voci: list[Cifra]


class Grafico(Modello):
    """An SVG chart with the data table it draws (its text alternative)."""

    tipo: Literal["grafico"] = "grafico"
    titolo: str
    svg: Markup
    alternativa: Tabella


class Assente(Modello):
    """An item declared absent: it reads "non presente" with the reason, never an empty table."""

    tipo: Literal["assente"] = "assente"
    motivo: str | None = None


Blocco = Annotated[
    Testo
    | Tabella
    | Elenco
    | Cifre
    | Grafico
    | Assente
    | BaseSociale
    | Consiglio
    | Conteggi
    | OrganoControllo
    | Assemblee
    | Collaborazioni
    | Sedi
    | Reti
    | Obiettivi
    | Riunioni
    | Stakeholder
    | ForzaLavoro
    | Formazione
    | SchedaAttivita
    | Riepilogo
    | Triennale
    | FontiEntrate
    | Incidenza
    | Anagrafica
    | Compensi
    | Rimborsi
    | Inserimento
    | InteresseGenerale
    | RaccoltaFondi
    | Monitoraggio
    | RiunioniCda
    | Approvazione
    | Diffusione
    | DurataCarica
    | AttivitaVolontari,
    Field(discriminator="tipo"),
]


class Paragrafo(Modello):
    id: str
    titolo: str | None = None
    blocchi: list[Blocco] = Field(default_factory=list)


class Sezione(Modello):
    id: str
    numero: int
    titolo: str
    sezione_dm: int | None = Field(
        default=None, description="Number of the section in DM 4/7/2019 §6"
    )
    paragrafi: list[Paragrafo] = Field(default_factory=list)
    modello: str = Field(
        default="", description="Its template, completo/sezioni/<modello> (e.g. 3-governo.html)"
    )
    breve: bool = Field(
        default=False, description="Short enough to follow the previous section on its page"
    )

    def paragrafo(self, id: str) -> Paragrafo | None:
        """The paragraph ``id`` of the section, ``None`` when the data has nothing for it."""
        return next((p for p in self.paragrafi if p.id == id), None)


class VoceTavola(Modello):
    codice: str
    titolo: str
    stato: str
    presente: bool
    rimando: str | None = Field(default=None, description="Anchor of the paragraph that covers it")
    dove: str | None = None
    motivo: str | None = None


class Copertina(Modello):
    denominazione: str
    nome: str
    anno: int
    qualifica: str
    sede: str | None = None
    contatti: list[str] = Field(default_factory=list)
    logo: str | None = Field(default=None, description="data: URI of the logo, if any")


class Report(Modello):
    """Everything a theme needs: one object, built once, rendered by either theme."""

    tema: str
    lingua: str = "it"
    titolo: str
    autore: str
    soggetto: str
    parole_chiave: str
    data: str = Field(description="ISO date of the document, from the data (approval or year end)")
    anno: int
    colore: str
    colore_chiaro: str
    copertina: Copertina
    sezioni: list[Sezione] = Field(
        default_factory=list, description="The DM sections: theme completo only"
    )
    conformita: list[VoceTavola] = Field(
        default_factory=list, description="The conformity table: theme completo only"
    )
    sintesi: Sintesi | None = Field(default=None, description="The brochure: theme sintesi only")
    legenda: str | None = Field(
        default=None, description="The one line explaining «n.d.», when the report prints it"
    )


# --- helpers ---------------------------------------------------------------------------


def _n(valore: Any) -> str:
    return formato.numero(valore, None) if isinstance(valore, Decimal) else formato.numero(valore)


def _e(valore: Any) -> str:
    return formato.euro(valore)


def _p(valore: Any) -> str:
    """Shares as the published reports print them: whole percent."""
    return formato.percentuale(valore, 0)


def _si_no(valore: bool | None) -> str:
    return formato.ND if valore is None else ("Sì" if valore else "No")


def _verso(vecchio: Any, nuovo: Any) -> Literal["su", "giu", "pari", "nd"]:
    if vecchio is None or nuovo is None:
        return "nd"
    v, n = Decimal(str(vecchio)), Decimal(str(nuovo))
    return "su" if n > v else "giu" if n < v else "pari"


def _cifra(
    etichetta: str,
    nuovo: Any,
    vecchio: Any,
    anno_prec: int | None,
    *,
    modo: str,
    fmt: Callable[[Any], str],
    riga: Riga | None = None,
) -> Cifra:
    """A key figure with the brochure's wording of its change.

    The change comes from the row of :func:`bilancio.variazioni.confronta` (the engine of
    `bilancio diff`) when there is one, else from ``formato.testo_variazione``: the same
    wording and the same code path either way.
    """
    if anno_prec is None:
        return Cifra(etichetta=etichetta, valore=fmt(nuovo))
    if riga is not None:
        return Cifra(
            etichetta=etichetta,
            valore=fmt(nuovo),
            variazione=riga.testo_variazione(anno_prec),
            verso=_verso(riga.vecchio, riga.nuovo),
        )
    return Cifra(
        etichetta=etichetta,
        valore=fmt(nuovo),
        variazione=formato.testo_variazione(vecchio, nuovo, anno_prec, modo=modo),
        verso=_verso(vecchio, nuovo),
    )


def _slug(testo: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in testo)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")[:48].rstrip("-") or "x"


def _assente_o(valore: Any, costruisci: Callable[[Any], list[Any]]) -> list[Any]:
    """Blocks for an item: "non presente" with its reason, or what ``costruisci`` makes of it."""
    if isinstance(valore, NonPresente):
        return [Assente(motivo=valore.non_presente)]
    if valore is None or valore == [] or valore == "":
        return []
    return costruisci(valore)


def _testo(valore: str | None) -> list[Any]:
    return [Testo(html=markdown(valore))] if valore else []


def _par(id: str, titolo: str | None, blocchi: Iterable[Any]) -> Paragrafo | None:
    # a table with neither rows nor a total says nothing: its heading would stand alone
    blocchi = [
        b
        for b in blocchi
        if b is not None and not (isinstance(b, Tabella) and not b.righe and not b.totale)
    ]
    if not blocchi:
        return None
    for b in blocchi[:1]:
        if isinstance(b, Tabella | Triennale) and b.titolo == titolo:
            b.titolo = None  # the paragraph's heading already says it
    return Paragrafo(id=id, titolo=titolo, blocchi=blocchi)


def _voce_par(
    id: str, titolo: str, valore: Any, costruisci: Callable[[Any], list[Any]]
) -> Paragrafo | None:
    return _par(id, titolo, _assente_o(valore, costruisci))


def _data_uri_logo(logo: bytes | None, tipo: str | None) -> str | None:
    if logo is None or tipo is None:
        return None
    import base64

    return f"data:{tipo};base64,{base64.b64encode(logo).decode('ascii')}"


def tinta(colore: str, fattore: float) -> str:
    r, g, b = (int(colore[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c + (255 - c) * fattore):02x}" for c in (r, g, b))


# --- the builder -----------------------------------------------------------------------


class Costruttore:
    """What both themes read: the data, the computed figures, the DM items' anchors."""

    def __init__(
        self, bilancio: Bilancio, rapporto: Rapporto, logo: tuple[bytes, str] | None
    ) -> None:
        self.b = bilancio
        self.r = rapporto
        self.ente = bilancio.ente
        self.anno = bilancio.anno.anno
        self.dati = bilancio.anno
        self.colore = self.ente.colore or COLORE_PREDEFINITO
        self.logo = logo
        # the reference year and up to two earlier ones, most recent first (like CIPM's tables)
        self.anni = sorted(bilancio.anni, reverse=True)[:ANNI_ECONOMIA]
        # every derived figure, from the compute step (`check` computed it already)
        self.c: Calcolo = rapporto.calcolo if rapporto.calcolo is not None else calcola(bilancio)
        self.prec = self.c.precedente  # the latest earlier year with data (not always anno - 1)
        self.dati_prec = bilancio.dati(self.prec) if self.prec is not None else None
        self.ancore: dict[str, tuple[str, str]] = {}  # DM item -> (anchor, "§n titolo")
        # the year-on-year changes, from the same engine as `bilancio diff`
        self.righe: dict[str, Riga] = {}
        if self.dati_prec is not None and self.prec is not None:
            confronto = confronta(
                self.dati_prec,
                self.dati,
                self.prec,
                self.anno,
                ente=self.ente,
                cifre=(self.c.anni[self.prec], self.c.anni[self.anno]),
            )
            self.righe = confronto.indice()

    def v(self, codice: str, anno: int | None = None) -> Any:
        """A computed figure of ``anno`` (the reference year), ``None`` when not known."""
        return self.c.cifra(codice, anno).valore

    def indice_servizio(self, s: Servizio) -> int:
        """A service's place in the reference year's list (its names may repeat or share a start)."""
        servizi = contenuto(self.dati.attivita.servizi) if self.dati.attivita else None
        return next(i for i, x in enumerate(servizi or []) if x is s)

    def cifre_servizio(self, s: Servizio) -> CifreServizio:
        """The computed figures of a service of the reference year."""
        return self.c.anni[self.anno].servizi[self.indice_servizio(s)]

    def beneficiari(self, s: Servizio) -> Any:
        """A service's beneficiaries, ``None`` when it does not count them (or not known)."""
        c = self.cifre_servizio(s)
        return c.beneficiari.valore if c.conta_beneficiari else None

    # the section each DM item is covered in, for the conformity table
    def _segna(self, codice: str, paragrafo: Paragrafo | None, sezione: str) -> Paragrafo | None:
        if paragrafo is not None:
            self.ancore[codice] = (paragrafo.id, sezione)
        return paragrafo

    def _voce(
        self, codice: str, valore: Any, costruisci: Callable[[Any], list[Any]], sezione: str
    ) -> Paragrafo | None:
        """The paragraph of a DM item (id and heading from VOCI_DM): its content, or why absent."""
        v = VOCE[codice]
        return self._segna(
            codice, _voce_par(v.ancora, v.titolo_report, valore, costruisci), sezione
        )

    def _paragrafo(self, codice: str, blocchi: Iterable[Any], sezione: str) -> Paragrafo | None:
        """The paragraph of a DM item that is not a single value (id and heading from VOCI_DM)."""
        v = VOCE[codice]
        return self._segna(codice, _par(v.ancora, v.titolo_report, blocchi), sezione)

    def _data_documento(self) -> dt.date:
        """The document's date comes from the data, never the clock: approval, else 31/12."""
        met = self.dati.metodologia
        appr = contenuto(met.approvazione) if met else None
        if appr is not None:
            return appr.data
        return dt.date(self.anno, 12, 31)

    # --- cover ---------------------------------------------------------------------------

    def copertina(self) -> Copertina:
        e = self.ente
        sede = None
        if e.sede_legale:
            s = e.sede_legale
            sede = ", ".join(
                (
                    s.indirizzo,
                    " ".join(
                        filter(None, (s.cap, s.comune, f"({s.provincia})" if s.provincia else None))
                    ),
                )
            )
        contatti = []
        if e.contatti:
            c = e.contatti
            contatti = [x for x in (c.telefono and f"tel. {c.telefono}", c.email, c.sito_web) if x]
        return Copertina(
            denominazione=e.denominazione,
            nome=e.nome,
            anno=self.anno,
            qualifica=e.tipo.etichetta,
            sede=sede,
            contatti=contatti,
            logo=_data_uri_logo(*self.logo) if self.logo else None,
        )

    def _soci(self, dati: Anno | AnnoPrecedente | None) -> Soci | None:
        if dati is None or dati.governo is None:
            return None
        return contenuto(dati.governo.soci)


def _primi_paragrafi(testo: str, n: int) -> str:
    """The brochure's "chi siamo" is short: the first paragraphs of the entity's history."""
    return "\n\n".join(testo.strip().split("\n\n")[:n])


def _senza_vuote(righe: list[list[str]]) -> list[list[str]]:
    """Rows of a three-year table with at least one figure: a line of "n/d" says nothing."""
    return [r for r in righe if any(c != formato.ND for c in r[1:])]


def _opt(valore: int | None) -> str:
    return "" if valore is None else _n(valore)


def _somma_opt(valori: Iterable[int | None]) -> str:
    lista = list(valori)
    if any(v is None for v in lista):
        return ""
    return _n(sum(v for v in lista if v is not None))


def _breve(titolo: str) -> str:
    """Short labels for chart axes: the table beside the chart keeps the full wording."""
    sostituzioni = {
        "Ricavi da enti pubblici per servizi sociali, socio-sanitari e socio-educativi": "Enti pubblici: servizi sociali",
        "Ricavi da enti pubblici per altri servizi (manutenzione verde, pulizie...)": "Enti pubblici: altri servizi",
        "Ricavi da privati cittadini (inclusa quota di cofinanziamento)": "Privati cittadini",
        "Ricavi da privati - imprese": "Imprese private",
        "Ricavi da privati - non profit": "Non profit",
        "Ricavi da consorzi e/o altre cooperative": "Consorzi e cooperative",
        "Ricavi da altri": "Altri",
    }
    return sostituzioni.get(titolo, titolo)


LEGENDA_ND = (
    f"{formato.ND} = dato non disponibile: non indicato nei dati della cooperativa per "
    "quell'anno, o calcolato da un dato non indicato."
)


# The brochure's model lives with its theme (report/sintesi/modello.py), which reads the
# blocks above; imported last so that ``from .comune import Sintesi`` keeps working.
from .sintesi.modello import Sintesi  # noqa: E402

Report.model_rebuild()
