"""Typed blocks of the full report: the data of a table, not its rows.

Each block holds figures already computed (the compute step) and formatted
(:mod:`bilancio.formato`); which columns and rows are printed, their headings and their
order are decided by the block's macro, ``templates/completo/blocchi/<tipo>.html``, which
a user can override alone. ``None`` means the data does not say: a macro leaves out a
column that no row has, and prints "n.d." only for a figure that is unknown.
"""

from __future__ import annotations

from typing import Literal

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field


class _Modello(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


# --- 2. the entity -----------------------------------------------------------------------


class Sede(_Modello):
    indirizzo: str
    comune: str
    descrizione: str | None = None


class Sedi(_Modello):
    tipo: Literal["sedi"] = "sedi"
    sedi: list[Sede]


class Rete(_Modello):
    denominazione: str
    tipologia: str | None = None
    anno: str | None = Field(default=None, description="Year of joining")


class Reti(_Modello):
    """The networks the cooperative belongs to (DM 2.11)."""

    tipo: Literal["reti"] = "reti"
    reti: list[Rete]


# --- 3. governance ----------------------------------------------------------------------


class Amministratore(_Modello):
    """A board member as CIPM's table lists them."""

    nome: str
    carica: str
    prima_nomina: str | None = None
    mandati: str | None = None
    eta: str | None = None
    socio: str | None = Field(default=None, description="The kind of member, if a member")
    rappresentante_pg: bool = Field(
        default=False, description="Represents a legal-person member (società)"
    )


class Composizione(_Modello):
    """The board's composition: each count formatted, ``None`` when not known."""

    totale: str
    maschi: str | None = None
    femmine: str | None = None
    svantaggiati: str | None = None
    normodotati: str | None = None
    soci_lavoratori: str | None = None
    soci_volontari: str | None = None
    soci_fruitori: str | None = None
    sovventori: str | None = None
    persone_giuridiche: str | None = None
    altro: str | None = None


class Consiglio(_Modello):
    tipo: Literal["consiglio"] = "consiglio"
    componenti: list[Amministratore]
    composizione: Composizione


class TipoSoci(_Modello):
    tipologia: str
    numero: str
    precedente: str | None = None
    variazione: str | None = None


class BaseSociale(_Modello):
    """The members by kind, this year and the previous one."""

    tipo: Literal["base_sociale"] = "base_sociale"
    anno: int
    anno_prec: int | None = None
    tipi: list[TipoSoci]
    totale: TipoSoci
    ammessi: str | None = None
    usciti: str | None = None


class Portatore(_Modello):
    tipologia: str
    modalita: str | None = None
    intensita: int
    livello: str


class Stakeholder(_Modello):
    """The stakeholder map: each stakeholder's involvement on the guidelines' 1-5 scale."""

    tipo: Literal["stakeholder"] = "stakeholder"
    portatori: list[Portatore]
    scala: list[str]
    grafico: Markup | None = Field(default=None, description="Bars of the involvement, SVG")


class Controllore(_Modello):
    nome: str
    ruolo: str | None = None
    nomina: str | None = None
    compenso: str | None = None


class OrganoControllo(_Modello):
    tipo: Literal["organo_controllo"] = "organo_controllo"
    tipologia: str
    durata: str | None = None
    componenti: list[Controllore] = Field(default_factory=list)


class Assemblea(_Modello):
    anno: int
    assemblea: str
    data: str
    punti: list[str] = Field(description="The items of the agenda, in order")
    partecipazione: str | None = None
    deleghe: str | None = None


class Assemblee(_Modello):
    """The members' meetings of the last three years, oldest first (CIPM's table)."""

    tipo: Literal["assemblee"] = "assemblee"
    assemblee: list[Assemblea]


class Collaborazione(_Modello):
    soggetto: str
    tipologia: str | None = None
    tipo_collaborazione: str | None = None
    forma: str | None = None


class Collaborazioni(_Modello):
    tipo: Literal["collaborazioni"] = "collaborazioni"
    voci: list[Collaborazione]


# --- 4. people ---


class Conteggi(_Modello):
    """A "label: number" table, by the data's field names: its macro names the rows."""

    tipo: Literal["conteggi"] = "conteggi"
    tabella: str = Field(description="contratti, istruzione, tirocini, volontari, svantaggio")
    valori: dict[str, str] = Field(description="Field name -> formatted figure, as given")
    totale: str | None = None


class Corso(_Modello):
    tema: str
    ambito: str
    partecipanti: str
    ore_pro_capite: str
    ore_totali: str
    obbligatoria: bool
    costo: str


class Formazione(_Modello):
    """The training of the year, course by course, with its totals (DM 4.3)."""

    tipo: Literal["formazione"] = "formazione"
    corsi: list[Corso]
    partecipanti: str
    ore: str
    costo: str


class GruppoLavoro(_Modello):
    tipologia: str
    totale: str
    uomini: str | None = None
    donne: str | None = None
    soci: str | None = None
    precedente: str | None = None


class ForzaLavoro(_Modello):
    tipo: Literal["forza_lavoro"] = "forza_lavoro"
    anno_prec: int | None = None
    gruppi: list[GruppoLavoro]
    totale: GruppoLavoro


# --- 5. activities ----------------------------------------------------------------------


class VoceServizio(_Modello):
    etichetta: str
    valore: str


class SchedaAttivita(_Modello):
    """A service: who it served and what it did (figures in the service's own units)."""

    tipo: Literal["servizio"] = "servizio"
    id: str
    nome: str
    area: str | None = None
    attivita: str | None = None
    territorio: str | None = None
    committente: str | None = None
    voci: list[VoceServizio] = Field(default_factory=list)
    totale: str | None = Field(default=None, description="Beneficiaries, if it counts them")
    testo: Markup = Markup("")


class ServizioContato(_Modello):
    nome: str
    area: str | None = None
    beneficiari: str


class ServizioAltreUnita(_Modello):
    nome: str
    area: str | None = None
    unita: list[str] = Field(description="What it counts instead (projects, accesses...)")


class CategoriaUtenza(_Modello):
    categoria: str
    numero: str


class Riepilogo(_Modello):
    """The beneficiaries of the year: by service, by category, and why the totals differ."""

    tipo: Literal["riepilogo"] = "riepilogo"
    anno: int
    servizi: list[ServizioContato]
    altre_unita: list[ServizioAltreUnita] = Field(default_factory=list)
    totale: str
    categorie: list[CategoriaUtenza] = Field(default_factory=list)
    totale_categorie: str | None = None
    senza_categoria: str | None = Field(
        default=None,
        description="Beneficiaries of services that give only a total: the gap between totals",
    )


class Obiettivo(_Modello):
    descrizione: str
    esito: str | None = None
    fattori: str | None = None


class Obiettivi(_Modello):
    """The year's goals and how far they were reached (DM 5.2)."""

    tipo: Literal["obiettivi"] = "obiettivi"
    voci: list[Obiettivo]


# --- 6. economy -------------------------------------------------------------------------


class VoceTriennale(_Modello):
    etichetta: str
    valori: list[str] = Field(description="One figure per year, as the statement's years")

    @property
    def nota(self) -> bool:
        """Whether any year's figure is known: a row of "n.d." only says nothing."""
        return any(v != "n.d." for v in self.valori)


class Triennale(_Modello):
    """A statement over up to three years, most recent first, as CIPM's tables are."""

    tipo: Literal["triennale"] = "triennale"
    titolo: str | None = None
    anni: list[int]
    voci: list[VoceTriennale]
    totale: VoceTriennale | None = None
    nota: str | None = None


class FonteEntrata(_Modello):
    tipologia: str
    pubblico: str
    privato: str
    totale: str


class FontiEntrate(_Modello):
    """The year's revenues by kind, split between public and private payers."""

    tipo: Literal["fonti_entrate"] = "fonti_entrate"
    anno: int
    voci: list[FonteEntrata]
    totale: FonteEntrata


# --- 7. other information ---------------------------------------------------------------


class Riunione(_Modello):
    organo: str
    data: str
    partecipanti: str | None = None
    argomenti: list[str] = Field(default_factory=list)


class Riunioni(_Modello):
    """The meetings of the bodies that approved the statements (DM 7.4)."""

    tipo: Literal["riunioni"] = "riunioni"
    voci: list[Riunione]


# --- "label: value" blocks ---------------------------------------------------------------
# Each holds the figures of one set of details, formatted; its macro,
# templates/completo/blocchi/<tipo>.html, writes the labels and prints a row only for a
# value the block has (``None``: the data does not say, no row).


class Scheda(_Modello):
    """A block of "label: value" details: what every such block shares."""

    def conta(self) -> int:
        """How many rows it prints, about: to tell a short section from a long one."""
        n = 0
        for v in self.__dict__.values():
            if isinstance(v, list):
                n += len(v)
            elif isinstance(v, str) and v:
                n += 1
        return n


class Anagrafica(Scheda):
    """The entity's identity and contacts (DM 2.1-2.5)."""

    tipo: Literal["anagrafica"] = "anagrafica"
    denominazione: str
    codice_fiscale: str | None = None
    partita_iva: str | None = None
    forma_giuridica: str
    qualificazione: str
    impresa_sociale: bool = False
    sede_legale: str | None = None
    data_costituzione: str | None = None
    albo_cooperative: str | None = Field(default=None, description="Number in the register")
    altri_registri: list[str] = Field(default_factory=list)
    telefono: str | None = None
    email: str | None = None
    pec: str | None = None
    sito_web: str | None = None
    codici_ateco: list[str] = Field(default_factory=list)


class Compensi(Scheda):
    """Pay: the highest and lowest gross yearly pay and their ratio (DM 4.5)."""

    tipo: Literal["compensi"] = "compensi"
    massimo: str | None = None
    minimo: str | None = None
    rapporto: str | None = Field(default=None, description="Highest over lowest (law: 8)")


class Rimborsi(Scheda):
    """The volunteers' reimbursements (DM 4.6)."""

    tipo: Literal["rimborsi"] = "rimborsi"
    modalita: str
    importo: str
    volontari: str = Field(description="Volunteers reimbursed")
    massimo_giornaliero: str | None = None
    massimo_mensile: str | None = None
    delibera: str | None = Field(default=None, description="Self-certification resolution, sì/no")


class Inserimento(Scheda):
    """Job placement of disadvantaged people in the B branch (DM 4.7, l. 381/1991 art. 4):
    the two shares always print, "n.d." when not computable, as the law checks them."""

    tipo: Literal["inserimento"] = "inserimento"
    lavoratori: str
    svantaggiati: str
    quota_inps: str = Field(description="Disadvantaged over the others (INPS method, min 30%)")
    quota_lavoratori: str = Field(description="Disadvantaged over all B-branch workers")


class InteresseGenerale(Scheda):
    """Revenue from activities of general interest and its share (d.lgs. 112/2017 art. 2)."""

    tipo: Literal["interesse_generale"] = "interesse_generale"
    ricavi: str
    quota_ricavi: str | None = Field(
        default=None,
        description="Share of total revenues net of the items DM 22 giugno 2021 excludes: the "
        "law's ratio; None when the total revenues are not given",
    )
    minimo_di_legge: bool = Field(
        description="Does the law's 70% minimum apply (an impresa sociale that is not a "
        "cooperativa sociale, art. 2 c.3 d.lgs. 112/2017)?"
    )
    quota_valore_produzione: str | None = Field(
        default=None, description="Share of the value of production; None when not known"
    )


class Raccolta(_Modello):
    descrizione: str
    finalita: str | None = None
    importo: str | None = None
    informazione: str | None = Field(default=None, description="How the public was informed")


class RaccoltaFondi(Scheda):
    """The fundraising of the year, one activity after another (DM 6.4)."""

    tipo: Literal["raccolta_fondi"] = "raccolta_fondi"
    voci: list[Raccolta]

    def conta(self) -> int:
        return sum(1 + sum(1 for v in r.__dict__.values() if v) for r in self.voci)


class Monitoraggio(Scheda):
    """The supervisory body's monitoring (DM 8): who, when, and its findings, sì/no."""

    tipo: Literal["monitoraggio"] = "monitoraggio"
    organo: str
    data: str | None = None
    interesse_generale: str | None = None
    assenza_lucro: str | None = None
    conformita: str | None = Field(default=None, description="Compliance with the DM 4/7/2019")


class QuotaAnno(_Modello):
    importo: str | None = Field(default=None, description="None: the year's amount is unknown")
    quota: str


class Incidenza(_Modello):
    """Public and private revenue over the years, amount and share of the value of
    production, most recent first (DM 6.2)."""

    tipo: Literal["incidenza"] = "incidenza"
    anni: list[int]
    pubblico: list[QuotaAnno]
    privato: list[QuotaAnno]


class RiunioniCda(_Modello):
    """How often the board met in the year, and how many took part (DM 3)."""

    tipo: Literal["riunioni_cda"] = "riunioni_cda"
    anno: int
    riunioni: str
    partecipazione: str | None = Field(default=None, description="Average attendance, %")


# --- sentences: the template words them ----------------------------------------------


class Approvazione(_Modello):
    """Who approved the report and when (DM 1.3)."""

    tipo: Literal["approvazione"] = "approvazione"
    organo: str
    data: str


class Diffusione(_Modello):
    """The channels through which the report is published (DM 1.4)."""

    tipo: Literal["diffusione"] = "diffusione"
    canali: list[str]


class DurataCarica(_Modello):
    """How long the board's term lasts (DM 3), as the data words it."""

    tipo: Literal["durata_carica"] = "durata_carica"
    durata: str


class AttivitaVolontari(_Modello):
    """What the volunteers do (DM 4.2): the data's text, rendered from Markdown."""

    tipo: Literal["attivita_volontari"] = "attivita_volontari"
    html: Markup
