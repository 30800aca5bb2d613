"""The report's context: typed models of everything a template shows, already formatted.

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
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Annotated, Any, Literal

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from .. import formato
from ..calcolo import Calcolo, CifreServizio, calcola
from ..caricamento import Bilancio
from ..conformita import VOCE
from ..errori import Rapporto, StatoVoce
from ..modello import Anno, AnnoPrecedente, NonPresente, contenuto
from ..modello.attivita import Categoria, Servizio
from ..modello.economia import CapitalePerSocio, Economia, RicaviPerFonte
from ..modello.ente import RAMO_B
from ..modello.governo import Soci
from ..modello.persone import Lavoratori
from ..modello.sezioni import SEZIONI_DM
from ..variazioni import Riga, confronta
from . import grafici
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


class Elenco(Modello):
    tipo: Literal["elenco"] = "elenco"
    titolo: str | None = None
    voci: list[Markup]
    numerato: bool = False


class Campi(Modello):
    """Label: value pairs (the entity's details, the approval...)."""

    tipo: Literal["campi"] = "campi"
    titolo: str | None = None
    righe: list[tuple[str, str]]


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
    motivo: str


Blocco = Annotated[
    Testo | Tabella | Elenco | Campi | Cifre | Grafico | Assente, Field(discriminator="tipo")
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


class SchedaServizio(Modello):
    nome: str
    cifre: list[Cifra] = Field(default_factory=list)
    dettaglio: Tabella | None = None
    testo: Markup = Markup("")


class PaginaArea(Modello):
    id: str
    titolo: str
    servizi: list[SchedaServizio]


class Sintesi(Modello):
    """The brochure: key figures, charts, one page per area, next year's goals."""

    chi_siamo: Markup = Markup("")
    valori: list[Markup] = Field(default_factory=list)
    valori_brevi: bool = Field(
        default=True, description="Short values read as tags, long ones as a list"
    )
    reti: list[str] = Field(default_factory=list)
    data_soci: str
    soci: list[Cifra] = Field(default_factory=list)
    soci_totale: Cifra | None = None
    grafico_soci: Grafico | None = None
    lavoratori_testo: str | None = None
    lavoratori: list[Cifra] = Field(default_factory=list)
    svantaggiati: list[Cifra] = Field(
        default_factory=list, description="Type B: the disadvantaged workers' shares, both methods"
    )
    grafico_lavoratori: Grafico | None = None
    mutualita: list[str] = Field(default_factory=list)
    economia: list[Cifra] = Field(default_factory=list)
    grafico_ricavi: Grafico | None = None
    grafico_andamento: Grafico | None = None
    aree: list[PaginaArea] = Field(default_factory=list)
    obiettivi: list[Markup] = Field(default_factory=list)


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
    sezioni: list[Sezione]
    conformita: list[VoceTavola]
    sintesi: Sintesi
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
    return out.strip("-")[:48] or "x"


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
    blocchi = [b for b in blocchi if b is not None]
    if not blocchi:
        return None
    for b in blocchi[:1]:
        if isinstance(b, Tabella) and b.titolo == titolo:
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


class _Costruttore:
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

    def cifre_servizio(self, s: Servizio) -> CifreServizio:
        """The computed figures of a service of the reference year."""
        servizi = contenuto(self.dati.attivita.servizi) if self.dati.attivita else None
        indice = next(i for i, x in enumerate(servizi or []) if x is s)
        return self.c.anni[self.anno].servizi[indice]

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

    def costruisci(self) -> Report:
        sezioni = self.sezioni()
        dati_doc = self._data_documento()
        nome = self.ente.nome
        report = Report(
            tema="",
            titolo=f"Bilancio sociale {self.anno} — {nome}",
            autore=self.ente.denominazione,
            soggetto=(
                f"Bilancio sociale {self.anno} di {self.ente.denominazione}, redatto secondo le linee guida "
                "del DM 4 luglio 2019"
            ),
            parole_chiave=f"bilancio sociale, {self.anno}, {self.ente.tipo.etichetta}, DM 4 luglio 2019",
            data=dati_doc.isoformat(),
            anno=self.anno,
            colore=self.colore,
            colore_chiaro=tinta(self.colore, 0.88),
            copertina=self.copertina(),
            sezioni=sezioni,
            conformita=self.conformita(),
            sintesi=self.sintesi(),
        )
        if f'"{formato.ND}' in report.model_dump_json(include={"sezioni", "sintesi"}):
            report.legenda = LEGENDA_ND
        return report

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

    # --- the full report ---------------------------------------------------------------

    def sezioni(self) -> list[Sezione]:
        sezioni: list[Sezione] = []
        met = self.dati.metodologia
        if met is not None and met.premessa:
            sezioni.append(
                Sezione(
                    id="premessa",
                    numero=0,
                    titolo="Premessa/Introduzione",
                    paragrafi=[Paragrafo(id="premessa-testo", blocchi=_testo(met.premessa))],
                )
            )
        costruttori = {
            "metodologia": self.s_metodologia,
            "ente": self.s_ente,
            "governo": self.s_governo,
            "persone": self.s_persone,
            "attivita": self.s_attivita,
            "economia": self.s_economia,
            "altre_informazioni": self.s_altre,
            "monitoraggio": self.s_monitoraggio,
        }
        for sez in SEZIONI_DM:
            funzione = costruttori[sez.chiave]
            dm, ident, titolo = sez.numero, sez.ancora, sez.titolo_in_report
            numero = len(sezioni) + 1
            etichetta = f"{numero}. {titolo}"
            paragrafi = [p for p in funzione(etichetta) if p is not None]
            if not paragrafi:
                paragrafi = [
                    Paragrafo(
                        id=f"{ident}-vuota",
                        blocchi=[
                            Assente(
                                motivo="Nessuna informazione fornita per questa sezione (si veda la tavola di conformità)."
                            )
                        ],
                    )
                ]
            sezioni.append(
                Sezione(id=ident, numero=numero, titolo=titolo, sezione_dm=dm, paragrafi=paragrafi)
            )
        for i, s in enumerate(sezioni, start=1):
            s.numero = i
        return sezioni

    # 1. Metodologia
    def s_metodologia(self, sez: str) -> list[Paragrafo | None]:
        m = self.dati.metodologia
        if m is None:
            return []
        return [
            _par("metodologia-destinatari", "Destinatari del documento", _testo(m.destinatari)),
            _par("metodologia-redazione", "Modalità di redazione", _assente_o(m.redazione, _testo)),
            self._voce(
                "1.1", m.standard, lambda v: [Elenco(voci=[Markup.escape(x) for x in v])], sez
            ),
            self._voce("1.2", m.cambiamenti, _testo, sez),
            _par(
                "metodologia-norme",
                "Riferimenti normativi",
                [Elenco(voci=[Markup.escape(x) for x in m.riferimenti_normativi])]
                if m.riferimenti_normativi
                else [],
            ),
            self._voce(
                "1.3",
                m.approvazione,
                lambda a: [
                    Testo(
                        html=Markup(
                            "<p>Il presente bilancio sociale è stato approvato da: {} in data {}.</p>"
                        ).format(a.organo, formato.data(a.data))
                    )
                ],
                sez,
            ),
            self._voce(
                "1.4",
                m.diffusione,
                lambda v: [
                    Testo(
                        html=Markup(
                            "<p>Il presente bilancio sociale viene diffuso attraverso i seguenti canali:</p>"
                        )
                    ),
                    Elenco(voci=[Markup.escape(x) for x in v]),
                ],
                sez,
            ),
        ]

    # 2. Ente
    def s_ente(self, sez: str) -> list[Paragrafo | None]:
        e = self.ente
        righe: list[tuple[str, str]] = [("Nome dell'ente", e.denominazione)]
        if e.codice_fiscale:
            righe.append(("Codice fiscale", e.codice_fiscale))
        if e.partita_iva:
            righe.append(("Partita IVA", e.partita_iva))
        righe.append(
            (
                "Forma giuridica e qualificazione ai sensi del codice del Terzo settore",
                f"{e.forma_giuridica.etichetta} — {e.tipo.etichetta}"
                + (" — Impresa sociale" if e.impresa_sociale else ""),
            )
        )
        if e.sede_legale:
            righe.append(("Indirizzo sede legale", self.copertina().sede or ""))
        if e.data_costituzione:
            righe.append(("Data di costituzione", formato.data(e.data_costituzione)))
        if e.numero_albo_cooperative:
            righe.append(("N° iscrizione Albo delle cooperative", e.numero_albo_cooperative))
        for r in e.altri_registri:
            righe.append(("Altre iscrizioni", r))
        if e.contatti:
            for etichetta, valore in (
                ("Telefono", e.contatti.telefono),
                ("Email", e.contatti.email),
                ("PEC", e.contatti.pec),
                ("Sito web", e.contatti.sito_web),
            ):
                if valore:
                    righe.append((etichetta, valore))
        if e.codici_ateco:
            righe.append(("Codici ATECO", ", ".join(e.codici_ateco)))
        identita = Paragrafo(
            id=VOCE["2.1"].ancora, titolo=VOCE["2.1"].titolo_report, blocchi=[Campi(righe=righe)]
        )
        for codice in ("2.1", "2.2", "2.3", "2.4", "2.5"):
            self._segna(codice, identita, sez)

        def sedi(v: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Indirizzo", "Comune", "Descrizione"],
                    numeriche=[False, False, False],
                    righe=[
                        [
                            s.indirizzo,
                            " ".join(
                                filter(
                                    None,
                                    (s.cap, s.comune, f"({s.provincia})" if s.provincia else None),
                                )
                            ),
                            s.descrizione or "",
                        ]
                        for s in v
                    ],
                )
            ]

        def reti(v: Any) -> list[Any]:
            return [
                Tabella(
                    titolo="Reti associative (denominazione e anno di adesione)",
                    colonne=["Denominazione", "Tipo", "Anno"],
                    numeriche=[False, False, True],
                    righe=[
                        [
                            r.denominazione,
                            r.tipo or "",
                            str(r.anno_adesione) if r.anno_adesione else "",
                        ]
                        for r in v
                    ],
                )
            ]

        valori = e.valori
        return [
            identita,
            self._voce("2.6", e.altre_sedi, sedi, sez),
            self._voce("2.7", e.aree_territoriali, _testo, sez),
            self._paragrafo(
                "2.8",
                [
                    *_assente_o(
                        valori,
                        lambda v: [Elenco(titolo="Valori", voci=[markdown(x) for x in v])],
                    ),
                    *_assente_o(e.missione, _testo),
                ],
                sez,
            ),
            self._voce("2.9", e.attivita_statutarie, _testo, sez),
            self._voce("2.10", e.attivita_secondarie, _testo, sez),
            self._voce("2.11", e.reti, reti, sez),
            self._voce("2.12", e.contesto, _testo, sez),
            _voce_par("ente-storia", "Storia dell'organizzazione", e.storia, _testo),
        ]

    # 3. Governo
    def s_governo(self, sez: str) -> list[Paragrafo | None]:
        g = self.dati.governo
        if g is None:
            return []
        anno = self.anno

        def soci(s: Soci) -> list[Any]:
            tipi = [
                ("Soci cooperatori lavoratori", "lavoratori"),
                ("Soci cooperatori volontari", "volontari"),
                ("Soci cooperatori fruitori", "fruitori"),
                ("Soci persone giuridiche", "persone_giuridiche"),
                ("Soci sovventori e finanziatori", "sovventori"),
            ]
            prec = self._soci(self.dati_prec)
            anno_prec = self.prec or 0  # used only with `prec`, which exists only with it
            colonne = ["Tipologia soci", f"{anno}"]
            if prec is not None:
                colonne += [f"{anno_prec}", "Variazione"]
            righe = []
            for etichetta, campo in tipi:
                if getattr(s, campo) is None and (prec is None or getattr(prec, campo) is None):
                    continue  # a type the cooperative states in neither year
                riga = [etichetta, _n(getattr(s, campo))]
                if prec is not None:
                    riga += [
                        _n(getattr(prec, campo)),
                        formato.testo_variazione(
                            getattr(prec, campo), getattr(s, campo), anno_prec
                        ).replace(f" rispetto al {anno_prec}", ""),
                    ]
                righe.append(riga)
            totale_soci, totale_prec = self.v("soci_totale"), self.v("soci_totale", anno_prec)
            totale = ["Totale soci", _n(totale_soci)]
            if prec is not None:
                totale += [
                    _n(totale_prec),
                    formato.testo_variazione(totale_prec, totale_soci, anno_prec).replace(
                        f" rispetto al {anno_prec}", ""
                    ),
                ]
            blocchi: list[Any] = [Tabella(colonne=colonne, righe=righe, totale=totale)]
            movimenti = []
            if s.ammessi is not None:
                movimenti.append(f"soci ammessi nell'anno: {_n(s.ammessi)}")
            if s.receduti is not None:
                movimenti.append(f"soci usciti nell'anno: {_n(s.receduti)}")
            if movimenti:
                blocchi.append(
                    Testo(html=Markup("<p>{}.</p>").format("; ".join(movimenti).capitalize()))
                )
            return blocchi

        def cda(c: Any) -> list[Any]:
            blocchi: list[Any] = []
            if c.componenti:
                blocchi.append(
                    Tabella(
                        titolo="Dati amministratori — CdA",
                        colonne=[
                            "Nome e cognome",
                            "Carica",
                            "Data prima nomina",
                            "Mandati",
                            "Età",
                            "Socio",
                        ],
                        numeriche=[False, False, True, True, True, False],
                        righe=[
                            [
                                a.nome,
                                a.ruolo,
                                formato.data(a.data_prima_nomina) if a.data_prima_nomina else "",
                                _n(a.mandati) if a.mandati is not None else "",
                                _n(a.eta) if a.eta is not None else "",
                                a.socio.etichetta
                                if a.socio
                                else (
                                    "Rappresentante di persona giuridica"
                                    if a.rappresentante_persona_giuridica
                                    else ""
                                ),
                            ]
                            for a in c.componenti
                        ],
                        classe="cda",
                    )
                )
                n = len(c.componenti)
                maschi = sum(
                    1 for a in c.componenti if a.genere is not None and a.genere.value == "M"
                )
                femmine = sum(
                    1 for a in c.componenti if a.genere is not None and a.genere.value == "F"
                )
                comp = c.composizione
                righe = [["Totale componenti (persone)", _n(n)]]
                if any(a.genere for a in c.componenti):
                    righe += [["di cui maschi", _n(maschi)], ["di cui femmine", _n(femmine)]]
                elif comp is not None and comp.maschi is not None:
                    righe += [
                        ["di cui maschi", _n(comp.maschi)],
                        ["di cui femmine", _n(comp.femmine)],
                    ]
                righe.append(
                    [
                        "di cui persone svantaggiate",
                        _n(sum(1 for a in c.componenti if a.svantaggiato)),
                    ]
                )
                if comp is not None:
                    for etichetta, campo in (
                        ("di cui soci cooperatori lavoratori", "soci_lavoratori"),
                        ("di cui soci cooperatori volontari", "soci_volontari"),
                        ("di cui soci cooperatori fruitori", "soci_fruitori"),
                        ("di cui soci sovventori/finanziatori", "sovventori"),
                        ("di cui rappresentanti di soci persone giuridiche", "persone_giuridiche"),
                        ("Altro", "altro"),
                    ):
                        valore = getattr(comp, campo)
                        if valore is not None:
                            righe.append([etichetta, _n(valore)])
                else:
                    per_tipo: dict[str, int] = {}
                    for a in c.componenti:
                        if a.socio is not None:
                            per_tipo[a.socio.etichetta] = per_tipo.get(a.socio.etichetta, 0) + 1
                    righe += [[f"di cui {k.lower()}", _n(v)] for k, v in per_tipo.items()]
                blocchi.append(
                    Tabella(
                        titolo="Composizione del CdA",
                        colonne=["Membri CdA", "Numero"],
                        righe=righe,
                        classe="stretta",
                    )
                )
            return blocchi

        def nomina(c: Any) -> list[Any]:
            blocchi = _testo(c.modalita_nomina)
            if c.durata_carica:
                blocchi.append(
                    Testo(
                        html=Markup("<p>Durata della carica: {}.</p>").format(
                            c.durata_carica.rstrip(".")
                        )
                    )
                )
            return blocchi

        def riunioni(c: Any) -> list[Any]:
            if c.riunioni is None:
                return []
            frase = f"Nel corso del {anno} il CdA si è riunito {_n(c.riunioni)} volte"
            if c.partecipazione_media is not None:
                frase += f"; la partecipazione media è stata del {_p(c.partecipazione_media)}"
            return [Testo(html=Markup("<p>{}.</p>").format(frase))]

        def controllo(o: Any) -> list[Any]:
            blocchi: list[Any] = [
                Campi(
                    righe=[("Tipologia", o.tipo)]
                    + ([("Durata della carica", o.durata_carica)] if o.durata_carica else [])
                )
            ]
            if o.componenti:
                blocchi.append(
                    Tabella(
                        colonne=["Nome e cognome", "Ruolo", "Data di nomina", "Compenso"],
                        numeriche=[False, False, True, False],
                        righe=[
                            [
                                x.nome,
                                x.ruolo or "",
                                formato.data(x.data_nomina) if x.data_nomina else "",
                                x.compenso or "",
                            ]
                            for x in o.componenti
                        ],
                    )
                )
            return blocchi

        cda_v = contenuto(g.consiglio_amministrazione)
        return [
            self._voce("3.1", g.soci, soci, sez),
            _par("governo-sistema", "Sistema di governo e controllo", _testo(g.sistema_di_governo)),
            self._voce("3.2", g.consiglio_amministrazione, cda, sez),
            _par("governo-nomina", "Modalità di nomina e durata carica", nomina(cda_v))
            if cda_v
            else None,
            _par("governo-riunioni", "N. di CdA/anno e partecipazione media", riunioni(cda_v))
            if cda_v
            else None,
            self._voce("3.3", g.organo_controllo, controllo, sez),
            self._voce("3.4", g.assemblee, lambda _: self._assemblee(), sez),
            _par(
                "governo-democrazia",
                "Democraticità interna e partecipazione",
                _testo(g.democrazia_interna),
            ),
            self._voce("3.5", g.stakeholder, self._stakeholder, sez),
            _par(
                "governo-collaborazioni",
                "Tipologia di collaborazioni",
                [
                    Tabella(
                        colonne=[
                            "Descrizione",
                            "Tipologia soggetto",
                            "Tipo di collaborazione",
                            "Forme di collaborazione",
                        ],
                        numeriche=[False] * 4,
                        righe=[
                            [c.soggetto, c.tipologia_soggetto or "", c.tipo or "", c.forma or ""]
                            for c in g.collaborazioni
                        ],
                        classe="fitta",
                    )
                ]
                if g.collaborazioni
                else [],
            ),
            self._voce("3.6", g.coinvolgimento_lavoratori_utenti, _testo, sez),
        ]

    def _soci(self, dati: Anno | AnnoPrecedente | None) -> Soci | None:
        if dati is None or dati.governo is None:
            return None
        return contenuto(dati.governo.soci)

    def _assemblee(self) -> list[Any]:
        righe = []
        for a in sorted(self.anni):
            dati = self.b.dati(a)
            if dati is None or dati.governo is None:
                continue
            for x in contenuto(dati.governo.assemblee) or []:
                odg = (
                    "; ".join(f"{i}) {p}" for i, p in enumerate(x.ordine_del_giorno, 1))
                    if len(x.ordine_del_giorno) > 1
                    else "".join(x.ordine_del_giorno)
                )
                righe.append(
                    [
                        str(a),
                        x.tipo.etichetta,
                        formato.data(x.data),
                        odg,
                        _p(x.partecipazione) if x.partecipazione is not None else "",
                        _p(x.deleghe) if x.deleghe is not None else "",
                    ]
                )
        return [
            Tabella(
                colonne=[
                    "Anno",
                    "Assemblea",
                    "Data",
                    "Punti all'ordine del giorno",
                    "% partecipazione",
                    "% deleghe",
                ],
                numeriche=[False, False, False, False, True, True],
                righe=righe,
                classe="assemblee",
            )
        ]

    def _stakeholder(self, v: Any) -> list[Any]:
        from ..modello.governo import LivelloCoinvolgimento

        return [
            Tabella(
                colonne=["Tipologia stakeholder", "Modalità di coinvolgimento", "Intensità"],
                numeriche=[False, False, False],
                righe=[
                    [
                        s.tipologia,
                        s.modalita_coinvolgimento or "",
                        f"{int(s.intensita)} - {s.intensita.etichetta}",
                    ]
                    for s in v
                ],
                classe="stakeholder",
            ),
            Testo(
                html=Markup('<p class="scala"><strong>Scala:</strong> {}</p>').format(
                    " · ".join(f"{int(x)} - {x.etichetta}" for x in LivelloCoinvolgimento)
                )
            ),
        ]

    # 4. Persone
    def s_persone(self, sez: str) -> list[Paragrafo | None]:
        p = self.dati.persone
        if p is None:
            return []

        def lavoratori(lav: Lavoratori) -> list[Any]:
            nomi = {
                "dipendenti": "Lavoratori dipendenti",
                "autonomi": "Lavoratori autonomi",
                "occasionali": "Lavoratori occasionali",
            }
            prec_lav = (
                contenuto(self.dati_prec.persone.lavoratori)
                if self.dati_prec and self.dati_prec.persone
                else None
            )
            colonne = ["Tipologia", "Totale", "Uomini", "Donne", "di cui soci"]
            if prec_lav is not None:
                colonne.append(f"Totale {self.prec}")
            righe = []
            for chiave, gruppo in lav.gruppi.items():
                riga = [
                    nomi[chiave],
                    _n(gruppo.numero),
                    _opt(gruppo.uomini),
                    _opt(gruppo.donne),
                    _opt(gruppo.soci),
                ]
                if prec_lav is not None:
                    pg = prec_lav.gruppi.get(chiave)
                    riga.append(_n(pg.numero) if pg else "")
                righe.append(riga)
            gruppi = list(lav.gruppi.values())
            totale = [
                "Totale lavoratori",
                _n(self.v("lavoratori_totale")),
                _somma_opt(g.uomini for g in gruppi),
                _somma_opt(g.donne for g in gruppi),
                _somma_opt(g.soci for g in gruppi),
            ]
            if prec_lav is not None:
                totale.append(_n(self.v("lavoratori_totale", self.prec)))
            return [Tabella(colonne=colonne, righe=righe, totale=totale)]

        def contratti(c: Any) -> list[Any]:
            righe = [
                [t, _n(getattr(c, k))]
                for t, k in (
                    ("A tempo indeterminato", "tempo_indeterminato"),
                    ("A tempo determinato", "tempo_determinato"),
                    ("A tempo pieno", "tempo_pieno"),
                    ("Part-time", "part_time"),
                )
                if getattr(c, k) is not None
            ]
            return (
                [
                    Tabella(
                        colonne=["Dipendenti per tipo di contratto", "Numero"],
                        righe=righe,
                        classe="stretta",
                    )
                ]
                if righe
                else []
            )

        def istruzione(i: Any) -> list[Any]:
            righe = [[f.title, _n(getattr(i, k))] for k, f in type(i).model_fields.items()]
            return [
                Tabella(
                    colonne=["Livello di istruzione", "N. lavoratori"],
                    righe=righe,
                    totale=["Totale", _n(i.somma)],
                    classe="stretta",
                )
            ]

        def tirocini(t: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Tirocini e stage", "Numero"],
                    righe=[
                        ["Totale tirocini e stage", _n(t.numero)],
                        ["di cui volontari in Servizio Civile", _n(t.servizio_civile)],
                    ],
                    classe="stretta",
                )
            ]

        def volontari(v: Any) -> list[Any]:
            righe = [["Totale volontari", _n(v.numero)]]
            if v.soci is not None:
                righe.append(["di cui soci volontari", _n(v.soci)])
            if v.servizio_civile is not None:
                righe.append(["di cui volontari in Servizio Civile", _n(v.servizio_civile)])
            if v.nell_attivita_impresa is not None:
                righe.append(
                    ["di cui impiegati nell'attività d'impresa", _n(v.nell_attivita_impresa)]
                )
            for etichetta, valore in (
                ("Registro dei volontari tenuto", v.registro),
                ("Volontari assicurati", v.assicurazione),
            ):
                if valore is not None:
                    righe.append([etichetta, _si_no(valore)])
            blocchi: list[Any] = [
                Tabella(colonne=["Volontari", "Numero"], righe=righe, classe="stretta")
            ]
            if v.attivita:
                blocchi += [
                    Testo(
                        html=Markup(
                            "<p><strong>Natura delle attività svolte dai volontari</strong></p>"
                        )
                    ),
                    *_testo(v.attivita),
                ]
            return blocchi

        def formazione(corsi: Any) -> list[Any]:
            righe = [
                [
                    c.tema,
                    c.ambito.etichetta.replace("Formazione ", "").capitalize(),
                    _n(c.partecipanti),
                    formato.numero(c.ore_pro_capite, 2),
                    _n(c.ore_totali),
                    "Sì" if c.obbligatoria else "No",
                    formato.euro(c.costo, 2),
                ]
                for c in corsi
            ]
            ore = self.v("formazione_ore")
            costo = self.v("formazione_costo")
            return [
                Tabella(
                    colonne=[
                        "Tema formativo",
                        "Ambito",
                        "N. partecipanti",
                        "Ore pro capite",
                        "Ore totali",
                        "Obbligatoria",
                        "Costi sostenuti",
                    ],
                    numeriche=[False, False, True, True, True, False, True],
                    righe=righe,
                    totale=[
                        "Totale",
                        "",
                        _n(sum(c.partecipanti for c in corsi)),
                        "",
                        _n(ore),
                        "",
                        formato.euro(costo, 2),
                    ],
                    classe="formazione",
                )
            ]

        def retribuzioni(r: Any) -> list[Any]:
            blocchi = _testo(r.struttura) + _testo(r.compensi_organi)
            righe = []
            if r.retribuzione_massima is not None:
                righe.append(("Retribuzione annua lorda massima", _e(r.retribuzione_massima)))
            if r.retribuzione_minima is not None:
                righe.append(("Retribuzione annua lorda minima", _e(r.retribuzione_minima)))
            if (rapporto := self.v("rapporto_retributivo")) is not None:
                righe.append(
                    (
                        "Rapporto tra retribuzione massima e minima (limite di legge: 8)",
                        formato.numero(rapporto, 2),
                    )
                )
            if righe:
                blocchi.append(Campi(righe=righe))
            blocchi += _testo(r.giustificazione)
            return blocchi

        def rimborsi(r: Any) -> list[Any]:
            righe = [
                ("Modalità", r.modalita.etichetta),
                ("Importo totale dei rimborsi", formato.euro(r.importo_totale, 2)),
                ("Volontari che hanno ricevuto rimborsi", _n(r.volontari_rimborsati)),
            ]
            return [Campi(righe=righe), *_testo(r.note)]

        def inserimento(i: Any) -> list[Any]:
            righe = [
                ("Lavoratori del ramo B (esclusi i soci volontari)", _n(i.lavoratori)),
                ("di cui persone svantaggiate (art. 4 l. 381/1991)", _n(i.svantaggiati)),
                (
                    "Svantaggiati su non svantaggiati (metodo INPS, minimo 30%)",
                    formato.percentuale(self.v("svantaggiati_quota"), 1),
                ),
                (
                    "Svantaggiati sul totale dei lavoratori del ramo B",
                    formato.percentuale(self.v("svantaggiati_quota_lavoratori"), 1),
                ),
            ]
            blocchi: list[Any] = [Campi(righe=righe)]
            if i.tipologie:
                blocchi.append(
                    Tabella(
                        colonne=["Tipologia di svantaggio", "Numero"],
                        righe=[[k, _n(v)] for k, v in i.tipologie.items()],
                        classe="stretta",
                    )
                )
            return blocchi

        return [
            self._voce("4.1", p.lavoratori, lavoratori, sez),
            _voce_par(
                "persone-contratti", "Dipendenti per tipo di contratto", p.contratti, contratti
            ),
            _voce_par(
                "persone-istruzione",
                "Livello di istruzione del personale occupato",
                p.istruzione,
                istruzione,
            ),
            _voce_par("persone-tirocini", "Tirocini e stage", p.tirocini, tirocini),
            self._segna(
                "4.9",
                self._segna(
                    "4.8",
                    self._voce("4.2", p.volontari, volontari, sez),
                    sez,
                ),
                sez,
            ),
            self._voce("4.3", p.formazione, formazione, sez),
            self._voce("4.4", p.contratto_collettivo, _testo, sez),
            self._voce("4.5", p.retribuzioni, retribuzioni, sez),
            self._voce("4.6", p.rimborsi_volontari, rimborsi, sez),
            self._voce("4.7", p.inserimento_lavorativo, inserimento, sez)
            if self.ente.qualificazione in RAMO_B
            else None,
            _par(
                "persone-mutualita",
                "Meccanismi di mutualità interna",
                [Elenco(voci=[Markup.escape(x) for x in p.mutualita_interna])]
                if p.mutualita_interna
                else [],
            ),
        ]

    # 5. Attività
    def s_attivita(self, sez: str) -> list[Paragrafo | None]:
        a = self.dati.attivita
        if a is None:
            return []

        def dimensioni() -> list[Any]:
            voci = []
            for d in a.dimensioni_valore:
                if d.presente:
                    voci.append(
                        Markup("{}: <strong>{}</strong>").format(
                            d.dimensione, d.commento or "presente"
                        )
                    )
                else:
                    voci.append(Markup("{}: <strong>non presente</strong>").format(d.dimensione))
            return [Elenco(voci=voci)] if voci else []

        def servizi(lista: list[Servizio]) -> list[Any]:
            blocchi: list[Any] = []
            for s in lista:
                blocchi.append(self._tabella_servizio(s))
                if s.descrizione:
                    blocchi += _testo(s.descrizione)
                if s.esiti:
                    blocchi += _testo(s.esiti)
            return blocchi

        def riepilogo(lista: list[Servizio]) -> list[Any]:
            totale = self.v("beneficiari_totale")
            con_area = any(s.area for s in lista)
            colonne = ["Servizio", *(["Area"] if con_area else []), "Beneficiari"]
            righe = []
            for s in lista:
                c = self.cifre_servizio(s)
                if c.conta_beneficiari:
                    valore = _n(c.beneficiari.valore)
                else:  # counted in other units: said, not added as a zero
                    valore = "non conteggiati" + (
                        f" (conta {', '.join(c.conta)})" if c.conta else ""
                    )
                righe.append([s.nome, *([s.area or ""] if con_area else []), valore])
            blocchi: list[Any] = [
                Tabella(
                    titolo="Beneficiari per servizio",
                    colonne=colonne,
                    righe=righe,
                    numeriche=[False, *([False] if con_area else []), True],
                    totale=["Totale", *([""] if con_area else []), _n(totale)],
                    classe="riepilogo",
                )
            ]
            per_cat: dict[Categoria, int] = {}
            for s in lista:
                for categoria, n in s.beneficiari.items():
                    per_cat[categoria] = per_cat.get(categoria, 0) + n
            if per_cat:
                ordine = list(Categoria)
                righe_cat = [
                    [c.etichetta, _n(n)]
                    for c, n in sorted(per_cat.items(), key=lambda x: ordine.index(x[0]))
                ]
                blocchi.append(
                    Tabella(
                        titolo="Beneficiari per categoria",
                        colonne=["Tipologia utenza", "Numero"],
                        righe=righe_cat,
                        totale=["Totale", _n(sum(per_cat.values()))],
                        classe="stretta",
                    )
                )
            blocchi.append(
                Testo(
                    html=Markup(
                        '<p class="totale-utenti">Numero totale di utenti che hanno fruito dei servizi della cooperativa nell\'anno {}: <strong>{} utenti</strong></p>'
                    ).format(self.anno, _n(totale))
                )
            )
            return blocchi

        def obiettivi(lista: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Obiettivo", "Esito", "Fattori rilevanti"],
                    numeriche=[False, False, False],
                    righe=[
                        [o.descrizione, o.esito.etichetta if o.esito else "", o.motivazione or ""]
                        for o in lista
                    ],
                    classe="obiettivi",
                )
            ]

        return [
            _par(
                "attivita-dimensioni", "Dimensioni di valore e obiettivi di impatto", dimensioni()
            ),
            self._voce("5.1", a.servizi, servizi, sez),
            _voce_par("attivita-riepilogo", "Beneficiari: riepilogo", a.servizi, riepilogo),
            _voce_par(
                "attivita-esterne",
                "Tipologia attività esterne (eventi di socializzazione con la comunità locale)",
                a.attivita_esterne,
                _testo,
            ),
            self._voce("5.2", a.obiettivi, obiettivi, sez),
            _par(
                "attivita-prossimo-anno",
                f"Obiettivi per il {self.anno + 1}",
                [
                    Elenco(
                        voci=[markdown(o.descrizione) for o in a.obiettivi_prossimo_anno],
                        numerato=True,
                    )
                ]
                if a.obiettivi_prossimo_anno
                else [],
            ),
            self._voce("5.3", a.rischi, _testo, sez),
        ]

    def _tabella_servizio(self, s: Servizio) -> Tabella:
        righe = [[c.etichetta, _n(n)] for c, n in s.beneficiari.items()]
        if not righe and s.totale_beneficiari is not None:
            righe = [["Beneficiari", _n(s.totale_beneficiari)]]
        righe += [[f"{c.etichetta} (indiretti)", _n(n)] for c, n in s.beneficiari_indiretti.items()]
        for sede, n in s.dettaglio_beneficiari.items():
            righe.append([f"di cui {sede}", _n(n)])
        for etichetta, valore, unita in (
            ("Ore di servizio", s.ore, None),
            ("Interventi", s.interventi, None),
            ("Nuclei familiari", s.nuclei, None),
            ("Posti", s.posti, None),
        ):
            if valore is not None:
                righe.append([etichetta, _n(valore) + (f" {unita}" if unita else "")])
        calcolate = self.cifre_servizio(s)
        durata = (
            s.durata_media_minuti
            if s.durata_media_minuti is not None
            else calcolate.durata_media_minuti.valore
            if calcolate.durata_media_minuti is not None
            else None
        )
        if durata is not None:
            righe.append(["Durata media per intervento", formato.durata(durata)])
        if calcolate.ore_per_beneficiario is not None and calcolate.ore_per_beneficiario.nota:
            righe.append(
                ["Ore per beneficiario", formato.numero(calcolate.ore_per_beneficiario.valore, 1)]
            )
        for o in s.output:
            righe.append([o.descrizione, _n(o.valore) + (f" {o.unita}" if o.unita else "")])
        sotto = [
            x
            for x in (
                s.area,
                s.attivita and f"Attività: {s.attivita}",
                s.territorio and f"Territorio: {s.territorio}",
                s.committente and f"Committente: {s.committente}",
            )
            if x
        ]
        return Tabella(
            titolo=s.nome,
            nota=" · ".join(sotto) or None,
            colonne=["Tipologia utenza e attività", "N."],
            righe=righe,
            totale=["Totale beneficiari", _n(self.beneficiari(s))]
            if self.cifre_servizio(s).conta_beneficiari
            else None,
            classe="servizio",
        )

    # 6. Economia
    def _economie(self) -> list[tuple[int, Economia]]:
        out = []
        for a in self.anni:
            d = self.b.dati(a)
            if d is not None and d.economia is not None:
                out.append((a, d.economia))
        return out

    def s_economia(self, sez: str) -> list[Paragrafo | None]:
        ec = self.dati.economia
        if ec is None:
            return []
        anni = self._economie()
        intest = [str(a) for a, _ in anni]

        def riga_euro(etichetta: str, valori: Sequence[Any]) -> list[str]:
            return [etichetta, *(_e(v) if v is not None else formato.ND for v in valori)]

        def fonti() -> list[Any]:
            per_anno = [(a, contenuto(e.ricavi_per_fonte)) for a, e in anni]
            campi = [
                k
                for k in RicaviPerFonte.model_fields
                if any(f is not None and getattr(f, k) is not None for _, f in per_anno)
            ]
            righe = [
                riga_euro(
                    RicaviPerFonte.model_fields[k].title or k,
                    [getattr(f, k) if f else None for _, f in per_anno],
                )
                for k in campi
            ]
            blocchi: list[Any] = [
                Tabella(
                    titolo="Ricavi e provenienza",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    totale=riga_euro("Totale", [self.v("ricavi_totale", a) for a, _ in per_anno]),
                    classe="triennale",
                )
            ]
            # public / private split: amounts and shares, every year
            righe_pp = []
            for etichetta, attr, quota in (
                ("Incidenza fonti pubbliche", "ricavi_pubblici", "quota_pubblica"),
                ("Incidenza fonti private", "ricavi_privati", "quota_privata"),
            ):
                riga = [etichetta]
                for a, _ in anni:
                    importo, share = self.v(attr, a), self.v(quota, a)
                    riga.append(
                        f"{_e(importo)} · {_p(share)}" if importo is not None else formato.ND
                    )
                righe_pp.append(riga)
            blocchi.append(
                Tabella(
                    titolo="Incidenza pubblico/privato sul valore della produzione",
                    colonne=["", *intest],
                    righe=righe_pp,
                    classe="triennale",
                )
            )
            return blocchi

        def patrimonio() -> list[Any]:
            per_anno = [(a, contenuto(e.patrimonio)) for a, e in anni]
            righe = []
            for k, t in (
                ("capitale_sociale", "Capitale sociale"),
                ("riserve", "Totale riserve"),
                ("utile_perdita", "Utile/perdita dell'esercizio"),
            ):
                righe.append(riga_euro(t, [getattr(p, k) if p else None for _, p in per_anno]))
            return [
                Tabella(
                    titolo="Patrimonio",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    totale=riga_euro(
                        "Totale patrimonio netto", [self.v("patrimonio_netto", a) for a, _ in anni]
                    ),
                    classe="triennale",
                )
            ]

        def conto() -> list[Any]:
            righe = []
            for k, t in (
                ("risultato_esercizio", "Risultato netto di esercizio"),
                ("ristorni", "Eventuali ristorni a conto economico"),
                ("risultato_gestione", "Valore del risultato di gestione (A-B bilancio CEE)"),
            ):
                if any(getattr(e, k) is not None for _, e in anni):
                    righe.append(riga_euro(t, [getattr(e, k) for _, e in anni]))
            return (
                [
                    Tabella(
                        titolo="Conto economico",
                        colonne=["", *intest],
                        righe=_senza_vuote(righe),
                        classe="triennale",
                    )
                ]
                if righe
                else []
            )

        def capitale() -> list[Any]:
            per_anno = [(a, e.capitale_per_socio) for a, e in anni]
            if not any(c for _, c in per_anno):
                return []
            righe = [
                riga_euro(
                    (CapitalePerSocio.model_fields[k].title or k),
                    [getattr(c, k) if c else None for _, c in per_anno],
                )
                for k in CapitalePerSocio.model_fields
            ]
            return [
                Tabella(
                    titolo="Composizione del capitale sociale",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    totale=riga_euro("Totale", [c.totale if c else None for _, c in per_anno]),
                    classe="triennale",
                )
            ]

        def produzione() -> list[Any]:
            righe = [
                riga_euro(
                    "Valore della produzione (totale A del conto economico, bilancio CEE)",
                    [e.valore_produzione for _, e in anni],
                )
            ]
            for k, t in (
                (
                    "ricavi_vendite_prestazioni",
                    "di cui ricavi delle vendite e delle prestazioni (A1)",
                ),
                ("contributi_conto_esercizio", "di cui contributi in conto esercizio (A5)"),
            ):
                if any(getattr(e, k) is not None for _, e in anni):
                    righe.append(riga_euro(t, [getattr(e, k) for _, e in anni]))
            return [
                Tabella(
                    titolo="Valore della produzione",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    classe="triennale",
                )
            ]

        def lavoro() -> list[Any]:
            righe = [
                riga_euro(
                    "Costo del lavoro (totale voce B9 del conto economico)",
                    [e.costo_personale for _, e in anni],
                )
            ]
            if any(e.costo_lavoro_in_servizi is not None for _, e in anni):
                righe.append(
                    riga_euro(
                        "Costo del lavoro compreso nella voce B7 (servizi)",
                        [e.costo_lavoro_in_servizi for _, e in anni],
                    )
                )
            righe.append(
                riga_euro("Totale costo del lavoro", [self.v("costo_lavoro", a) for a, _ in anni])
            )
            righe.append(
                [
                    "Peso su totale valore di produzione",
                    *(_p(self.v("peso_costo_lavoro", a)) for a, _ in anni),
                ]
            )
            return [
                Tabella(
                    titolo="Costo del lavoro",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    classe="triennale",
                )
            ]

        def tipologie() -> list[Any]:
            if not ec.ricavi_per_tipologia:
                return []
            righe = [
                [r.tipologia.etichetta, _e(r.pubblico), _e(r.privato), _e(r.somma)]
                for r in ec.ricavi_per_tipologia
            ]
            tot = [
                sum((getattr(r, k) for r in ec.ricavi_per_tipologia), Decimal(0))
                for k in ("pubblico", "privato")
            ]
            return [
                Tabella(
                    titolo=f"Fonti delle entrate {self.anno}",
                    colonne=["Tipologia", "Enti pubblici", "Enti privati", "Totale"],
                    righe=righe,
                    totale=["Totale", _e(tot[0]), _e(tot[1]), _e(tot[0] + tot[1])],
                )
            ]

        def interesse_generale() -> list[Any]:
            if ec.ricavi_attivita_interesse_generale is None or not ec.valore_produzione:
                return []
            quota = ec.ricavi_attivita_interesse_generale / ec.valore_produzione * 100
            return [
                Campi(
                    righe=[
                        (
                            "Ricavi da attività di interesse generale",
                            _e(ec.ricavi_attivita_interesse_generale),
                        ),
                        ("Quota sul valore della produzione (minimo di legge: 70%)", _p(quota)),
                    ]
                )
            ]

        def valore_aggiunto() -> list[Any]:
            # the GBS statement: shown when a year has the CEE statement or the distribution
            if not any(e.conto_economico or e.distribuzione_valore_aggiunto for _, e in anni):
                return []

            def riga(etichetta: str, codice: str) -> list[str]:
                return riga_euro(etichetta, [self.v(codice, a) for a, _ in anni])

            def b10(e: Economia) -> Any:
                ce = e.conto_economico
                ammortamenti = (
                    ce.costi_produzione.ammortamenti_svalutazioni
                    if ce and ce.costi_produzione
                    else None
                )
                return ammortamenti.valore if ammortamenti else None

            manca = sorted(
                {
                    m
                    for codice in ("valore_aggiunto_globale_netto", "valore_aggiunto_distribuito")
                    if (m := self.c.cifra(codice, self.anno).motivo)
                }
            )
            nota = f"Non calcolabile per il {self.anno}: {'; '.join(manca)}." if manca else None
            return [
                Tabella(
                    titolo="Determinazione del valore aggiunto",
                    colonne=["", *intest],
                    righe=[
                        riga("Valore della produzione (A)", "valore_produzione"),
                        riga(
                            "− Costi intermedi (B6, B7, B8, B11, B12, B13; B14 senza imposte indirette e liberalità)",
                            "costi_intermedi",
                        ),
                        riga(
                            "Valore aggiunto caratteristico lordo",
                            "valore_aggiunto_caratteristico_lordo",
                        ),
                        riga(
                            "± Componenti accessori e finanziari (C15, C16, C17-bis, D)",
                            "saldo_componenti_accessori",
                        ),
                        riga("Valore aggiunto globale lordo", "valore_aggiunto_globale_lordo"),
                        riga_euro("− Ammortamenti e svalutazioni (B10)", [b10(e) for _, e in anni]),
                    ],
                    totale=riga("Valore aggiunto globale netto", "valore_aggiunto_globale_netto"),
                    nota=nota,
                    classe="triennale",
                ),
                Tabella(
                    titolo="Distribuzione del valore aggiunto",
                    colonne=["", *intest],
                    righe=[
                        riga(
                            "Personale (costi B9, compresi i soci lavoratori, e ristorni)",
                            "va_personale",
                        ),
                        riga(
                            "Pubblica Amministrazione (imposte sul reddito e indirette)",
                            "va_pubblica_amministrazione",
                        ),
                        riga(
                            "Finanziatori (interessi e oneri finanziari, C17)",
                            "va_capitale_credito",
                        ),
                        riga("Soci (dividendi)", "va_capitale_rischio"),
                        riga("Cooperativa (riserve e utile portato a nuovo)", "va_cooperativa"),
                        riga(
                            "Movimento cooperativo (fondi mutualistici 3%)",
                            "va_movimento_cooperativo",
                        ),
                        riga("Comunità (erogazioni liberali)", "va_comunita"),
                    ],
                    totale=riga("Valore aggiunto distribuito", "valore_aggiunto_distribuito"),
                    classe="triennale",
                ),
            ]

        def raccolta(lista: Any) -> list[Any]:
            blocchi: list[Any] = []
            for r in lista:
                righe = [("Attività", r.descrizione)]
                if r.finalita:
                    righe.append(("Finalità", r.finalita))
                if r.importo is not None:
                    righe.append(("Importo raccolto", _e(r.importo)))
                if r.informazione_pubblico:
                    righe.append(("Informazione al pubblico", r.informazione_pubblico))
                blocchi.append(Campi(righe=righe))
            return blocchi

        vp = _par(VOCE["6.1"].ancora, VOCE["6.1"].titolo_report, produzione())
        return [
            self._voce("6.2", ec.ricavi_per_fonte, lambda _: fonti(), sez),
            self._voce("6.3", ec.patrimonio, lambda _: patrimonio(), sez),
            _par("economia-conto", "Conto economico", conto()),
            _par("economia-capitale", "Composizione del capitale sociale", capitale()),
            self._segna("6.1", vp, sez),
            _par(
                "economia-lavoro",
                "Costo del lavoro e suo peso sul valore della produzione",
                lavoro(),
            ),
            _par(
                "economia-valore-aggiunto",
                "Prospetto di determinazione e distribuzione del valore aggiunto",
                valore_aggiunto(),
            ),
            _par("economia-tipologie", "Capacità di diversificare i committenti", tipologie()),
            _par(
                "economia-interesse-generale",
                "Ricavi da attività di interesse generale (art. 2 c.3 d.lgs. 112/2017)",
                interesse_generale(),
            ),
            self._voce("6.4", ec.raccolta_fondi, raccolta, sez),
            self._voce("6.5", ec.criticita, _testo, sez),
            _par("economia-commento", "Commento alla situazione economica", _testo(ec.commento)),
        ]

    # 7. Altre informazioni
    def s_altre(self, sez: str) -> list[Paragrafo | None]:
        a = self.dati.altre_informazioni
        if a is None:
            return []

        def riunioni(lista: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Organo", "Data", "Partecipanti", "Principali questioni trattate"],
                    numeriche=[False, False, True, False],
                    righe=[
                        [
                            r.organo,
                            formato.data(r.data),
                            _opt(r.partecipanti),
                            "; ".join(r.argomenti),
                        ]
                        for r in lista
                    ],
                )
            ]

        return [
            self._voce("7.1", a.contenziosi, _testo, sez),
            self._voce("7.2", a.ambiente, _testo, sez),
            self._voce("7.3", a.parita_genere, _testo, sez),
            _voce_par("altre-diritti", "Rispetto dei diritti umani", a.diritti_umani, _testo),
            _voce_par(
                "altre-anticorruzione", "Prevenzione della corruzione", a.anticorruzione, _testo
            ),
            self._voce("7.4", a.riunioni_approvazione, riunioni, sez),
            _par("altre-altro", "Altre informazioni", _testo(a.altro)),
        ]

    # 8. Monitoraggio
    def s_monitoraggio(self, sez: str) -> list[Paragrafo | None]:
        def monitoraggio(m: Any) -> list[Any]:
            righe = [("Organo che ha svolto il monitoraggio", m.organo)]
            if m.data:
                righe.append(("Data della relazione", formato.data(m.data)))
            for etichetta, valore in (
                (
                    "Svolgimento esclusivo o principale di attività di interesse generale",
                    m.attivita_interesse_generale,
                ),
                (
                    "Rispetto del divieto di distribuzione, anche indiretta, di utili",
                    m.assenza_scopo_di_lucro,
                ),
                (
                    "Attestazione di conformità alle linee guida (DM 4/7/2019)",
                    m.conformita_linee_guida,
                ),
            ):
                if valore is not None:
                    righe.append((etichetta, _si_no(valore)))
            return [Campi(righe=righe), *_testo(m.relazione)]

        return [self._voce("8.1", self.dati.monitoraggio, monitoraggio, sez)]

    # --- conformity table ----------------------------------------------------------------

    def conformita(self) -> list[VoceTavola]:
        voci = []
        for v in self.r.conformita:
            ancora = self.ancore.get(v.codice)
            presente = v.stato is StatoVoce.PRESENTE
            voci.append(
                VoceTavola(
                    codice=v.codice,
                    titolo=v.titolo,
                    stato={
                        StatoVoce.PRESENTE: "presente",
                        StatoVoce.ASSENTE: "non presente",
                        StatoVoce.MANCANTE: "mancante",
                    }[v.stato],
                    presente=presente,
                    rimando=ancora[0] if ancora and v.stato is not StatoVoce.MANCANTE else None,
                    dove=ancora[1] if ancora and v.stato is not StatoVoce.MANCANTE else None,
                    motivo=v.motivo
                    if v.stato is StatoVoce.ASSENTE
                    else ("Voce non fornita nei dati." if v.stato is StatoVoce.MANCANTE else None),
                )
            )
        return voci

    # --- the brochure ----------------------------------------------------------------------

    def sintesi(self) -> Sintesi:
        e = self.ente
        sintesi = Sintesi(data_soci=formato.data(dt.date(self.anno, 12, 31)).replace("/", "."))
        sintesi.chi_siamo = markdown(
            _primi_paragrafi(contenuto(e.storia) or contenuto(e.missione) or "", 3)
        )
        sintesi.valori = [markdown(x) for x in (contenuto(e.valori) or [])]
        sintesi.valori_brevi = all(len(x) <= 60 for x in (contenuto(e.valori) or []))
        sintesi.reti = [r.denominazione for r in (contenuto(e.reti) or [])]
        prec = self.prec

        soci = self._soci(self.dati)
        soci_prec = self._soci(self.dati_prec)
        if soci is not None:
            tipi = (
                ("Soci lavoratori", "lavoratori"),
                ("Soci volontari", "volontari"),
                ("Soci fruitori", "fruitori"),
                ("Soci persone giuridiche", "persone_giuridiche"),
                ("Soci sovventori", "sovventori"),
            )
            sintesi.soci = [
                _cifra(
                    t,
                    getattr(soci, k),
                    getattr(soci_prec, k) if soci_prec else None,
                    prec if soci_prec else None,
                    modo="assoluta",
                    fmt=_n,
                    riga=self.righe.get(f"governo.soci.{k}"),
                )
                for t, k in tipi
                if getattr(soci, k) or (soci_prec and getattr(soci_prec, k))
            ]
            sintesi.soci_totale = _cifra(
                "Totale",
                self.v("soci_totale"),
                self.v("soci_totale", prec) if soci_prec else None,
                prec if soci_prec else None,
                modo="assoluta",
                fmt=_n,
                riga=self.righe.get("indicatori.soci_totale"),
            )
            voci = [(t, getattr(soci, k)) for t, k in tipi if getattr(soci, k)]
            if len(voci) > 1:
                sintesi.grafico_soci = self._grafico_torta(
                    "grafico-soci",
                    f"Composizione della base sociale al 31/12/{self.anno}",
                    voci,
                    "Tipologia",
                    _n,
                )

        lav = contenuto(self.dati.persone.lavoratori) if self.dati.persone else None
        lav_prec = (
            contenuto(self.dati_prec.persone.lavoratori)
            if self.dati_prec and self.dati_prec.persone
            else None
        )
        if lav is not None and lav.gruppi:
            nomi = {
                "dipendenti": "Lavoratori dipendenti",
                "autonomi": "Lavoratori autonomi",
                "occasionali": "Lavoratori occasionali",
            }
            sintesi.lavoratori = [
                _cifra(
                    nomi[k],
                    g.numero,
                    lav_prec.gruppi[k].numero if lav_prec and k in lav_prec.gruppi else None,
                    prec if lav_prec else None,
                    modo="assoluta",
                    fmt=_n,
                    riga=self.righe.get(f"persone.lavoratori.{k}.numero"),
                )
                for k, g in lav.gruppi.items()
            ]
            sintesi.lavoratori_testo = self._frase_lavoratori(lav)
            ins = contenuto(self.dati.persone.inserimento_lavorativo) if self.dati.persone else None
            if self.ente.qualificazione in RAMO_B and ins is not None:
                sintesi.svantaggiati = [
                    Cifra(etichetta="Lavoratori svantaggiati", valore=_n(ins.svantaggiati)),
                    Cifra(
                        etichetta="Sul totale dei lavoratori del ramo B",
                        valore=formato.percentuale(self.v("svantaggiati_quota_lavoratori"), 1),
                    ),
                    Cifra(
                        etichetta="Sui non svantaggiati (metodo INPS, minimo 30%)",
                        valore=formato.percentuale(self.v("svantaggiati_quota"), 1),
                    ),
                ]
            voci = [(nomi[k], g.numero) for k, g in lav.gruppi.items() if g.numero]
            if len(voci) > 1:
                sintesi.grafico_lavoratori = self._grafico_torta(
                    "grafico-lavoratori",
                    f"Lavoratori per tipologia nel {self.anno}",
                    voci,
                    "Tipologia",
                    _n,
                )
        if self.dati.persone:
            sintesi.mutualita = list(self.dati.persone.mutualita_interna)

        ec = self.dati.economia
        ec_prec = self.dati_prec.economia if self.dati_prec else None
        if ec is not None:
            personale = (
                "Costi del personale" if ec.costo_lavoro_in_servizi is None else "Costo del lavoro"
            )
            righe = (
                (
                    "Valore della produzione",
                    "economia.valore_produzione",
                    lambda x: x.valore_produzione,
                ),
                (personale, "indicatori.costo_lavoro", "costo_lavoro"),
                ("Costi per servizi", "economia.costi_servizi", lambda x: x.costi_servizi),
                (
                    "Utile (perdita) della produzione",
                    "economia.risultato_gestione",
                    lambda x: x.risultato_gestione,
                ),
                (
                    "Risultato d'esercizio",
                    "economia.risultato_esercizio",
                    lambda x: x.risultato_esercizio if x.risultato_gestione is None else None,
                ),
                ("Patrimonio netto", "indicatori.patrimonio_netto", "patrimonio_netto"),
            )
            for etichetta, chiave, estrai in righe:
                if isinstance(estrai, str):  # a computed figure
                    nuovo = self.v(estrai)
                    vecchio = self.v(estrai, prec) if prec is not None else None
                else:
                    nuovo = estrai(ec)
                    vecchio = estrai(ec_prec) if ec_prec else None
                if nuovo is None:
                    continue
                sintesi.economia.append(
                    _cifra(
                        etichetta,
                        nuovo,
                        vecchio,
                        prec if ec_prec is not None else None,
                        modo="percentuale",
                        fmt=_e,
                        riga=self.righe.get(chiave),
                    )
                )
            fonti = contenuto(ec.ricavi_per_fonte)
            if fonti is not None and fonti.voci():
                voci = [
                    (RicaviPerFonte.model_fields[k].title or k, v)
                    for k, v in fonti.voci().items()
                    if v
                ]
                if voci:
                    titolo = f"Ricavi {self.anno} per provenienza"
                    sintesi.grafico_ricavi = Grafico(
                        titolo=titolo,
                        svg=Markup(
                            grafici.barre(
                                "grafico-ricavi",
                                titolo,
                                [(_breve(t), v) for t, v in voci],
                                self.colore,
                                _e,
                            )
                        ),
                        alternativa=Tabella(
                            colonne=["Provenienza", "Importo", "Quota"],
                            righe=[
                                [t, _e(v), _p(v / self.v("ricavi_totale") * 100)]
                                for t, v in sorted(voci, key=lambda x: -x[1])
                            ],
                            totale=["Totale", _e(self.v("ricavi_totale")), "100%"],
                        ),
                    )
            serie = [
                (a, d.economia.valore_produzione)
                for a in sorted(self.b.anni)
                if (d := self.b.dati(a)) is not None
                and d.economia is not None
                and d.economia.valore_produzione is not None
            ]
            if len(serie) > 1:
                titolo = "Andamento del valore della produzione"
                righe_vp = []
                for i, (a, v) in enumerate(serie):
                    var = (
                        formato.testo_variazione(
                            serie[i - 1][1], v, serie[i - 1][0], modo="percentuale"
                        )
                        if i
                        else ""
                    )
                    righe_vp.append([str(a), _e(v), var])
                sintesi.grafico_andamento = Grafico(
                    titolo=titolo,
                    svg=Markup(
                        grafici.andamento(
                            "grafico-andamento",
                            titolo,
                            [a for a, _ in serie],
                            [v for _, v in serie],
                            self.colore,
                            _e,
                        )
                    ),
                    alternativa=Tabella(
                        colonne=["Anno", "Valore della produzione", "Variazione"], righe=righe_vp
                    ),
                )

        att = self.dati.attivita
        servizi = (contenuto(att.servizi) or []) if att else []
        aree: dict[str, list[Servizio]] = {}
        for s in servizi:
            aree.setdefault(s.area or "Servizi e progetti", []).append(s)
        for area, lista in aree.items():
            sintesi.aree.append(
                PaginaArea(
                    id=f"area-{_slug(area)}", titolo=area, servizi=[self._scheda(s) for s in lista]
                )
            )
        if att:
            sintesi.obiettivi = [markdown(o.descrizione) for o in att.obiettivi_prossimo_anno]
        return sintesi

    def _grafico_torta(
        self,
        ident: str,
        titolo: str,
        voci: list[tuple[str, int]],
        colonna: str,
        fmt: Callable[[Any], str],
    ) -> Grafico:
        totale = sum(v for _, v in voci)
        return Grafico(
            titolo=titolo,
            svg=Markup(grafici.torta(ident, titolo, voci, self.colore, fmt)),
            alternativa=Tabella(
                colonne=[colonna, "Numero", "Quota"],
                righe=[[t, fmt(v), _p(Decimal(v) / totale * 100)] for t, v in voci],
                totale=["Totale", fmt(totale), "100%"],
            ),
        )

    def _frase_lavoratori(self, lav: Lavoratori) -> str:
        totale = self.v("lavoratori_totale")
        parti = []
        if lav.dipendenti:
            parti.append(
                f"{_n(lav.dipendenti.numero)} con un contratto dipendente ({_p(self.v('lavoratori_quota_dipendenti'))})"
            )
        if lav.autonomi:
            n = lav.autonomi.numero
            parti.append(f"{_n(n)} {'lavoratore autonomo' if n == 1 else 'lavoratori autonomi'}")
        if lav.occasionali:
            n = lav.occasionali.numero
            parti.append(
                f"{_n(n)} {'lavoratore con contratto occasionale' if n == 1 else 'lavoratori con contratto occasionale'}"
            )
        elenco = parti[0] if len(parti) == 1 else ", ".join(parti[:-1]) + " e " + parti[-1]
        return f"Nel {self.anno} hanno lavorato in cooperativa {_n(totale)} persone: {elenco}."

    def _scheda(self, s: Servizio) -> SchedaServizio:
        cifre = (
            [Cifra(etichetta="Beneficiari", valore=_n(self.beneficiari(s)))]
            if self.cifre_servizio(s).conta_beneficiari
            else []
        )
        for etichetta, valore in (
            ("Ore di servizio", s.ore),
            ("Interventi", s.interventi),
            ("Nuclei familiari", s.nuclei),
            ("Posti", s.posti),
        ):
            if valore is not None:
                cifre.append(Cifra(etichetta=etichetta, valore=_n(valore)))
        if s.durata_media_minuti is not None:
            cifre.append(
                Cifra(
                    etichetta="Durata media per intervento",
                    valore=formato.durata(s.durata_media_minuti),
                )
            )
        for o in s.output:
            cifre.append(
                Cifra(
                    etichetta=o.descrizione + (f" ({o.unita})" if o.unita else ""),
                    valore=_n(o.valore),
                )
            )
        dettaglio = None
        if s.dettaglio_beneficiari or len(s.beneficiari) > 1:
            righe = [[k, _n(v)] for k, v in s.dettaglio_beneficiari.items()] or [
                [c.etichetta, _n(v)] for c, v in s.beneficiari.items()
            ]
            dettaglio = Tabella(
                colonne=["Dettaglio", "Beneficiari"],
                righe=righe,
                totale=["Totale", _n(self.beneficiari(s))],
                classe="stretta",
            )
        testo = markdown("\n\n".join(x for x in (s.descrizione, s.esiti) if x))
        return SchedaServizio(nome=s.nome, cifre=cifre, dettaglio=dettaglio, testo=testo)


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


def costruisci_report(
    bilancio: Bilancio, rapporto: Rapporto, tema: str, logo: tuple[bytes, str] | None = None
) -> Report:
    """The typed context of a report: every section, table, figure and chart, formatted."""
    report = _Costruttore(bilancio, rapporto, logo).costruisci()
    report.tema = tema
    return report
