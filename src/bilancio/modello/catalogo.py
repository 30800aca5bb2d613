"""The catalogue of derived figures: code, label, unit, section and formula of each.

The codes are stable: scripts read them from ``check --json`` and a year file declares the
figures its printed report shows under them (``dichiarati:``). The computation of each
code is in :mod:`bilancio.calcolo.indicatori`; a test keeps the two, and the README's
table, in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = [
    "Unita",
    "Indicatore",
    "CATALOGO",
    "indicatore",
    "per_famiglia",
    "basi",
    "tutte_le_basi",
    "tabella_readme",
    "CodiceIndicatore",
]


class Unita(str, Enum):
    """How a figure is measured (and printed)."""

    NUMERO = "numero"
    EURO = "euro"
    PERCENTUALE = "%"
    ORE = "ore"
    RAPPORTO = "rapporto"
    ANNI = "anni"


@dataclass(frozen=True)
class Indicatore:
    codice: str
    etichetta: str
    unita: Unita
    sezione: str  # key of the section (modello.sezioni)
    formula: str  # in words, as the README prints it
    famiglia: str = ""  # figures that differ only by their base share a family
    base: str = ""  # the base within the family ("" = the family's default)
    decimali: int = 0  # decimals the reports print

    @property
    def nome_famiglia(self) -> str:
        return self.famiglia or self.codice


def _i(
    codice: str,
    etichetta: str,
    unita: Unita,
    sezione: str,
    formula: str,
    *,
    famiglia: str = "",
    base: str = "",
    decimali: int | None = None,
) -> Indicatore:
    if decimali is None:
        decimali = 2 if unita in (Unita.PERCENTUALE, Unita.RAPPORTO) else 0
    return Indicatore(codice, etichetta, unita, sezione, formula, famiglia, base, decimali)


N, E, P, H, R, A = (
    Unita.NUMERO,
    Unita.EURO,
    Unita.PERCENTUALE,
    Unita.ORE,
    Unita.RAPPORTO,
    Unita.ANNI,
)
_TIPI_SOCIO = (
    ("lavoratori", "lavoratori"),
    ("volontari", "volontari"),
    ("fruitori", "fruitori"),
    ("persone_giuridiche", "persone giuridiche"),
    ("sovventori", "sovventori e finanziatori"),
)
_FASCE = (
    ("fino_29", "fino a 29 anni"),
    ("30_39", "da 30 a 39 anni"),
    ("40_49", "da 40 a 49 anni"),
    ("50_59", "da 50 a 59 anni"),
    ("60_oltre", "60 anni e oltre"),
)

CATALOGO: tuple[Indicatore, ...] = (
    # --- 3. governo --------------------------------------------------------------------
    _i("soci_totale", "Soci totali", N, "governo", "somma dei soci per tipologia"),
    *(
        _i(
            f"soci_quota_{k}",
            f"Quota di soci {t} sul totale dei soci",
            P,
            "governo",
            f"soci {t} / soci totali × 100",
        )
        for k, t in _TIPI_SOCIO
    ),
    _i(
        "soci_lavoratori_quota",
        "Soci lavoratori sul totale dei lavoratori",
        P,
        "governo",
        "soci cooperatori lavoratori / lavoratori totali × 100",
        famiglia="soci_lavoratori_quota",
        base="lavoratori",
    ),
    _i(
        "soci_lavoratori_quota_dipendenti",
        "Soci lavoratori sul totale dei dipendenti",
        P,
        "governo",
        "soci cooperatori lavoratori / lavoratori dipendenti × 100",
        famiglia="soci_lavoratori_quota",
        base="dipendenti",
    ),
    _i(
        "cda_componenti",
        "Componenti del consiglio di amministrazione",
        N,
        "governo",
        "numero dei consiglieri elencati",
    ),
    _i(
        "cda_quota_donne",
        "Quota di donne nel consiglio di amministrazione",
        P,
        "governo",
        "consigliere / consiglieri × 100",
    ),
    # --- 4. persone --------------------------------------------------------------------
    _i(
        "lavoratori_totale",
        "Lavoratori totali",
        N,
        "persone",
        "dipendenti + autonomi + occasionali",
    ),
    _i(
        "lavoratori_quota_dipendenti",
        "Quota di lavoratori dipendenti",
        P,
        "persone",
        "dipendenti / lavoratori totali × 100",
    ),
    _i(
        "lavoratori_quota_donne",
        "Quota di lavoratrici sul totale dei lavoratori",
        P,
        "persone",
        "donne di ogni tipologia / lavoratori totali × 100",
    ),
    _i(
        "dipendenti_quota_donne",
        "Quota di donne tra i dipendenti",
        P,
        "persone",
        "dipendenti donne / dipendenti × 100",
    ),
    _i(
        "lavoratori_quota_stranieri",
        "Quota di lavoratori di nazionalità straniera",
        P,
        "persone",
        "stranieri di ogni tipologia / lavoratori totali × 100",
    ),
    _i(
        "lavoratori_eta_media",
        "Età media dei lavoratori",
        A,
        "persone",
        "media delle età medie delle tipologie, pesata sul numero di lavoratori",
        decimali=1,
    ),
    *(
        _i(
            f"lavoratori_quota_eta_{k}",
            f"Quota di lavoratori {t}",
            P,
            "persone",
            f"lavoratori {t} / lavoratori per fascia d'età × 100",
        )
        for k, t in _FASCE
    ),
    _i(
        "dipendenti_quota_tempo_indeterminato",
        "Quota di dipendenti a tempo indeterminato",
        P,
        "persone",
        "dipendenti a tempo indeterminato / dipendenti × 100",
    ),
    _i(
        "dipendenti_quota_tempo_determinato",
        "Quota di dipendenti a tempo determinato",
        P,
        "persone",
        "dipendenti a tempo determinato / dipendenti × 100",
    ),
    _i(
        "dipendenti_quota_tempo_pieno",
        "Quota di dipendenti a tempo pieno",
        P,
        "persone",
        "dipendenti a tempo pieno / dipendenti × 100",
    ),
    _i(
        "dipendenti_quota_part_time",
        "Quota di dipendenti part-time",
        P,
        "persone",
        "dipendenti part-time / dipendenti × 100",
    ),
    _i(
        "formazione_ore",
        "Ore di formazione complessive",
        H,
        "persone",
        "somma di partecipanti × ore pro capite di ogni attività",
        decimali=2,
    ),
    _i(
        "formazione_ore_per_lavoratore",
        "Ore di formazione per lavoratore",
        H,
        "persone",
        "ore di formazione / lavoratori totali",
        decimali=2,
    ),
    _i(
        "formazione_costo",
        "Costo della formazione",
        E,
        "persone",
        "somma dei costi delle attività di formazione",
    ),
    _i(
        "rapporto_retributivo",
        "Rapporto tra retribuzione annua lorda massima e minima",
        R,
        "persone",
        "retribuzione massima / retribuzione minima",
    ),
    _i(
        "svantaggiati_quota",
        "Lavoratori svantaggiati sui non svantaggiati (metodo INPS)",
        P,
        "persone",
        "svantaggiati / (lavoratori del ramo B − svantaggiati) × 100",
        famiglia="svantaggiati_quota",
        base="non_svantaggiati",
    ),
    _i(
        "svantaggiati_quota_lavoratori",
        "Lavoratori svantaggiati sul totale dei lavoratori del ramo B",
        P,
        "persone",
        "svantaggiati / lavoratori del ramo B × 100",
        famiglia="svantaggiati_quota",
        base="lavoratori",
    ),
    # --- 5. attività -------------------------------------------------------------------
    _i("servizi_numero", "Servizi e progetti", N, "attivita", "numero dei servizi elencati"),
    _i(
        "beneficiari_totale",
        "Beneficiari totali",
        N,
        "attivita",
        "somma dei beneficiari dei servizi che li contano",
    ),
    _i(
        "servizi_ore",
        "Ore di servizio complessive",
        H,
        "attivita",
        "somma delle ore dei servizi che le rilevano",
        decimali=2,
    ),
    _i(
        "servizi_interventi",
        "Interventi complessivi",
        N,
        "attivita",
        "somma degli interventi dei servizi che li rilevano",
    ),
    # --- 6. economia -------------------------------------------------------------------
    _i(
        "valore_produzione",
        "Valore della produzione",
        E,
        "economia",
        "totale A del conto economico (dato)",
    ),
    _i(
        "costo_lavoro",
        "Costo del lavoro",
        E,
        "economia",
        "costi del personale (B9) + costo del lavoro compreso nei servizi",
    ),
    _i(
        "peso_costo_lavoro",
        "Peso del costo del lavoro sul valore della produzione",
        P,
        "economia",
        "costo del lavoro / valore della produzione × 100",
        famiglia="peso_costo_lavoro",
        base="valore_produzione",
    ),
    _i(
        "peso_costo_lavoro_costi_produzione",
        "Peso del costo del lavoro sui costi della produzione",
        P,
        "economia",
        "costo del lavoro / totale costi della produzione (B) × 100",
        famiglia="peso_costo_lavoro",
        base="costi_produzione",
    ),
    _i(
        "costo_lavoro_soci_quota",
        "Quota del costo del lavoro pagata ai soci lavoratori",
        P,
        "economia",
        "costo del lavoro dei soci lavoratori / costo del lavoro × 100",
    ),
    _i(
        "valore_produzione_quota_ramo_a",
        "Quota del valore della produzione del ramo A",
        P,
        "economia",
        "valore del ramo A / (ramo A + ramo B) × 100",
    ),
    _i(
        "valore_produzione_quota_ramo_b",
        "Quota del valore della produzione del ramo B",
        P,
        "economia",
        "valore del ramo B / (ramo A + ramo B) × 100",
    ),
    _i(
        "ricavi_computo_interesse_generale",
        "Ricavi complessivi al netto delle voci escluse dal DM 22 giugno 2021",
        E,
        "economia",
        "ricavi complessivi − voci escluse dal DM 22 giugno 2021 (rendite, plusvalenze, "
        "sopravvenienze attive, contratti con enti controllati o controllanti; una voce non "
        "indicata non è esclusa)",
    ),
    _i(
        "ricavi_interesse_generale_quota",
        "Ricavi da attività di interesse generale sui ricavi complessivi (DM 22 giugno 2021)",
        P,
        "economia",
        "ricavi da attività di interesse generale / ricavi complessivi al netto delle voci "
        "escluse × 100",
        famiglia="ricavi_interesse_generale_quota",
        base="ricavi_complessivi",
    ),
    _i(
        "ricavi_interesse_generale_quota_valore_produzione",
        "Ricavi da attività di interesse generale sul valore della produzione",
        P,
        "economia",
        "ricavi da attività di interesse generale / valore della produzione × 100",
        famiglia="ricavi_interesse_generale_quota",
        base="valore_produzione",
    ),
    _i(
        "ricavi_totale",
        "Ricavi per provenienza: totale",
        E,
        "economia",
        "somma dei ricavi per provenienza",
    ),
    _i(
        "ricavi_pubblici",
        "Ricavi da fonti pubbliche",
        E,
        "economia",
        "contributi pubblici + ricavi da enti pubblici",
    ),
    _i(
        "ricavi_privati",
        "Ricavi da fonti private",
        E,
        "economia",
        "ricavi per provenienza − ricavi da fonti pubbliche",
    ),
    _i(
        "quota_pubblica",
        "Incidenza delle fonti pubbliche",
        P,
        "economia",
        "ricavi da fonti pubbliche / ricavi per provenienza × 100",
    ),
    _i(
        "quota_privata",
        "Incidenza delle fonti private",
        P,
        "economia",
        "ricavi da fonti private / ricavi per provenienza × 100",
    ),
    _i(
        "patrimonio_netto",
        "Patrimonio netto",
        E,
        "economia",
        "totale dichiarato, altrimenti capitale + riserve + risultato",
    ),
    _i(
        "risultato_esercizio",
        "Risultato d'esercizio",
        E,
        "economia",
        "utile o perdita dell'esercizio (dato)",
    ),
    # the value-added statement (GBS): determination from the CEE lines, distribution
    _i(
        "costi_intermedi",
        "Costi intermedi della produzione",
        E,
        "economia",
        "B6 + B7 + B8 + B11 + B12 + B13 + B14 senza imposte indirette e liberalità",
    ),
    _i(
        "valore_aggiunto_caratteristico_lordo",
        "Valore aggiunto caratteristico lordo",
        E,
        "economia",
        "valore della produzione (A) − costi intermedi della produzione",
    ),
    _i(
        "saldo_componenti_accessori",
        "Saldo dei componenti accessori e finanziari",
        E,
        "economia",
        "C15 + C16 ± C17-bis ± D (gli interessi C17 vanno ai finanziatori)",
    ),
    _i(
        "valore_aggiunto_globale_lordo",
        "Valore aggiunto globale lordo",
        E,
        "economia",
        "valore aggiunto caratteristico lordo + saldo dei componenti accessori e finanziari",
    ),
    _i(
        "valore_aggiunto_globale_netto",
        "Valore aggiunto globale netto",
        E,
        "economia",
        "valore aggiunto globale lordo − ammortamenti e svalutazioni (B10)",
    ),
    _i(
        "va_personale",
        "Valore aggiunto al personale",
        E,
        "economia",
        "costi del personale (B9, compresi i soci lavoratori) + ristorni destinati dall'utile",
    ),
    _i(
        "va_pubblica_amministrazione",
        "Valore aggiunto alla Pubblica Amministrazione",
        E,
        "economia",
        "imposte sul reddito (20) + imposte indirette comprese in B14",
    ),
    _i(
        "va_capitale_credito",
        "Valore aggiunto ai finanziatori (capitale di credito)",
        E,
        "economia",
        "interessi e altri oneri finanziari (C17)",
    ),
    _i(
        "va_capitale_rischio",
        "Valore aggiunto ai soci (capitale di rischio)",
        E,
        "economia",
        "dividendi e rivalutazione del capitale sociale",
    ),
    _i(
        "va_cooperativa",
        "Valore aggiunto alla cooperativa",
        E,
        "economia",
        "utile destinato a riserve + utile portato a nuovo",
    ),
    _i(
        "va_movimento_cooperativo",
        "Valore aggiunto al movimento cooperativo",
        E,
        "economia",
        "quota dell'utile ai fondi mutualistici (3%)",
    ),
    _i(
        "va_comunita",
        "Valore aggiunto alla comunità",
        E,
        "economia",
        "erogazioni liberali comprese in B14",
    ),
    _i(
        "valore_aggiunto_distribuito",
        "Valore aggiunto distribuito",
        E,
        "economia",
        "somma del valore aggiunto distribuito a personale, Pubblica Amministrazione, "
        "finanziatori, soci, cooperativa, movimento cooperativo e comunità",
    ),
)

_PER_CODICE = {i.codice: i for i in CATALOGO}
assert len(_PER_CODICE) == len(CATALOGO), "codici duplicati nel catalogo"

CodiceIndicatore = Enum(  # type: ignore[misc]  # built from the catalogue: one source
    "CodiceIndicatore", {i.codice: i.codice for i in CATALOGO}, type=str
)
"""The catalogue's codes as an enumeration, for validation, the schema and the workbook."""


def indicatore(codice: str) -> Indicatore:
    return _PER_CODICE[codice]


def per_famiglia(famiglia: str, base: str | None) -> Indicatore | None:
    """The figure of a family with the given base (``None``: the family's own code)."""
    if base is None:
        return _PER_CODICE.get(famiglia)
    return next(
        (i for i in CATALOGO if i.nome_famiglia == famiglia and i.base == base),
        None,
    )


def basi(famiglia: str) -> list[str]:
    """The bases a family's figures are computed on (empty for a figure with one base)."""
    return [i.base for i in CATALOGO if i.nome_famiglia == famiglia and i.base]


def tutte_le_basi() -> list[str]:
    """Every base of every family, once, in catalogue order (the workbook's drop-down)."""
    return list(dict.fromkeys(i.base for i in CATALOGO if i.base))


def tabella_readme() -> str:
    """The README's table of indicators (a test keeps the README equal to it)."""
    righe = [
        "| code | label | formula | unit | base |",
        "|---|---|---|---|---|",
    ]
    for i in CATALOGO:
        base = f"`{i.base}` (of `{i.nome_famiglia}`)" if i.base else ""
        righe.append(f"| `{i.codice}` | {i.etichetta} | {i.formula} | {i.unita.value} | {base} |")
    return "\n".join(righe) + "\n"
