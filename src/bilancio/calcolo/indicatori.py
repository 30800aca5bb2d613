"""The formula of every figure in the catalogue, written once.

Each function takes the :class:`~.vista.Vista` of one year and returns a
:class:`~.cifre.Cifra`. Labels, units and formulas in words are in
:mod:`bilancio.modello.catalogo`; a test checks that every code there has a formula here.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..errori import FormulaNonValida
from ..modello.catalogo import CATALOGO
from .cifre import Cifra, differenza, ignota, nota, quota, rapporto, somma
from .servizi import beneficiari_dei_servizi, servizi_dell_anno
from .vista import Percorso, Vista

Formula = Callable[[Vista], Cifra]
FORMULE: dict[str, Formula] = {}
_CODICI = {i.codice for i in CATALOGO}


def formula(codice: str) -> Callable[[Formula], Formula]:
    def registra(funzione: Formula) -> Formula:
        if codice not in _CODICI:
            raise FormulaNonValida(f"{codice} non è nel catalogo degli indicatori")
        if codice in FORMULE:
            raise FormulaNonValida(f"formula duplicata: {codice}")
        FORMULE[codice] = funzione
        return funzione

    return registra


def _blocco(v: Vista, percorso: Percorso, descrizione: str) -> Cifra | None:
    """Unknown when a whole block is missing or declared absent; ``None`` when present."""
    if v.valore(percorso) is not None:
        return None
    return v.dato(percorso, descrizione)


def _totale(
    v: Vista, blocco: Percorso, parti: list[tuple[Percorso, str]], descrizione: str
) -> Cifra:
    """The sum of a breakdown; the declared ``totale`` when the parts cannot give it."""
    if (manca := _blocco(v, blocco, descrizione)) is not None:
        return manca
    calcolato = somma(v.parti(parti)) if v.parti(parti) else ignota(f"manca {descrizione} {v.anno}")
    if calcolato.nota:
        return calcolato
    dichiarato = v.valore((*blocco, "totale"))
    return nota(dichiarato) if dichiarato is not None else calcolato


# --- 3. governo ---------------------------------------------------------------------------

SOCI: Percorso = ("governo", "soci")
TIPI_SOCIO = (
    ("lavoratori", "dei soci lavoratori"),
    ("volontari", "dei soci volontari"),
    ("fruitori", "dei soci fruitori"),
    ("persone_giuridiche", "dei soci persone giuridiche"),
    ("sovventori", "dei soci sovventori e finanziatori"),
)


def _parti_soci() -> list[tuple[Percorso, str]]:
    return [((*SOCI, k), f"il numero {d}") for k, d in TIPI_SOCIO]


@formula("soci_totale")
def soci_totale(v: Vista) -> Cifra:
    return _totale(v, SOCI, _parti_soci(), "la base sociale")


def _quota_soci(tipo: str, descrizione: str) -> Formula:
    def calcola(v: Vista) -> Cifra:
        percorso = (*SOCI, tipo)
        if (manca := _blocco(v, SOCI, "la base sociale")) is not None:
            return manca
        if not v.atteso(percorso):
            return ignota(f"il numero {descrizione} non è indicato")
        return quota(v.dato(percorso, f"il numero {descrizione}"), soci_totale(v))

    return calcola


for _tipo, _descrizione in TIPI_SOCIO:
    formula(f"soci_quota_{_tipo}")(_quota_soci(_tipo, _descrizione))


@formula("soci_lavoratori_quota")
def soci_lavoratori_quota(v: Vista) -> Cifra:
    return quota(
        v.dato((*SOCI, "lavoratori"), "il numero dei soci lavoratori"), lavoratori_totale(v)
    )


@formula("soci_lavoratori_quota_dipendenti")
def soci_lavoratori_quota_dipendenti(v: Vista) -> Cifra:
    return quota(
        v.dato((*SOCI, "lavoratori"), "il numero dei soci lavoratori"),
        v.dato((*LAVORATORI, "dipendenti", "numero"), "il numero dei lavoratori dipendenti"),
    )


CDA: Percorso = ("governo", "consiglio_amministrazione")


@formula("cda_componenti")
def cda_componenti(v: Vista) -> Cifra:
    if (manca := _blocco(v, CDA, "il consiglio di amministrazione")) is not None:
        return manca
    componenti = v.elenco((*CDA, "componenti"))
    if componenti and v.completo:
        return nota(len(componenti))
    return v.dato((*CDA, "totale_componenti"), "il numero dei consiglieri")


@formula("cda_quota_donne")
def cda_quota_donne(v: Vista) -> Cifra:
    if (manca := _blocco(v, CDA, "il consiglio di amministrazione")) is not None:
        return manca
    if (parziale := v.elenco_parziale("consiglieri")) is not None:
        return parziale
    componenti = v.elenco((*CDA, "componenti")) or []
    if not componenti:
        return ignota(f"mancano i componenti del consiglio di amministrazione {v.anno}")
    if any(c.genere is None for c in componenti):
        return ignota(f"manca il genere di qualche consigliere {v.anno}")
    donne = sum(1 for c in componenti if c.genere.value == "F")
    return quota(nota(donne), nota(len(componenti)))


# --- 4. persone ---------------------------------------------------------------------------

LAVORATORI: Percorso = ("persone", "lavoratori")
GRUPPI = (
    ("dipendenti", "lavoratori dipendenti"),
    ("autonomi", "lavoratori autonomi"),
    ("occasionali", "lavoratori occasionali"),
)


def _gruppi(v: Vista) -> list[tuple[str, str]]:
    """The worker groups this cooperative states in some year."""
    return [(g, d) for g, d in GRUPPI if v.atteso((*LAVORATORI, g, "numero"))]


@formula("lavoratori_totale")
def lavoratori_totale(v: Vista) -> Cifra:
    parti = [((*LAVORATORI, g, "numero"), f"il numero dei {d}") for g, d in GRUPPI]
    return _totale(v, LAVORATORI, parti, "il numero dei lavoratori")


def _per_gruppo(v: Vista, campo: str, descrizione: str) -> Cifra:
    """``campo`` (donne, stranieri...) summed over every group; unknown if a group lacks it."""
    if (manca := _blocco(v, LAVORATORI, "il numero dei lavoratori")) is not None:
        return manca
    gruppi = _gruppi(v)
    if not gruppi:
        return ignota(f"manca il numero dei lavoratori {v.anno}")
    # "il numero delle donne tra i" + "lavoratori dipendenti"
    return somma(
        v.dato((*LAVORATORI, g, campo), f"{descrizione} {d.removeprefix('dei ')}")
        for g, d in gruppi
    )


@formula("lavoratori_quota_dipendenti")
def lavoratori_quota_dipendenti(v: Vista) -> Cifra:
    return quota(
        v.dato((*LAVORATORI, "dipendenti", "numero"), "il numero dei lavoratori dipendenti"),
        lavoratori_totale(v),
    )


@formula("lavoratori_quota_donne")
def lavoratori_quota_donne(v: Vista) -> Cifra:
    return quota(_per_gruppo(v, "donne", "il numero delle donne tra i"), lavoratori_totale(v))


@formula("dipendenti_quota_donne")
def dipendenti_quota_donne(v: Vista) -> Cifra:
    dip = (*LAVORATORI, "dipendenti")
    return quota(
        v.dato((*dip, "donne"), "il numero delle donne tra i dipendenti"),
        v.dato((*dip, "numero"), "il numero dei lavoratori dipendenti"),
    )


@formula("lavoratori_quota_stranieri")
def lavoratori_quota_stranieri(v: Vista) -> Cifra:
    return quota(
        _per_gruppo(v, "stranieri", "il numero degli stranieri tra i"), lavoratori_totale(v)
    )


@formula("lavoratori_eta_media")
def lavoratori_eta_media(v: Vista) -> Cifra:
    if (manca := _blocco(v, LAVORATORI, "il numero dei lavoratori")) is not None:
        return manca
    gruppi = _gruppi(v)
    if not gruppi:
        return ignota(f"manca il numero dei lavoratori {v.anno}")
    pesi: list[Cifra] = []
    numeri: list[Cifra] = []
    for g, d in gruppi:
        numero = v.dato((*LAVORATORI, g, "numero"), f"il numero dei {d}")
        eta = v.dato((*LAVORATORI, g, "eta_media"), f"l'età media dei {d}")
        if not eta.nota:
            return eta
        if not numero.nota:
            return numero
        assert numero.valore is not None and eta.valore is not None
        pesi.append(nota(Decimal(numero.valore) * Decimal(eta.valore)))
        numeri.append(numero)
    return rapporto(somma(pesi), somma(numeri))


FASCE = ("fino_29", "30_39", "40_49", "50_59", "60_oltre")


def _quota_fascia(fascia: str) -> Formula:
    def calcola(v: Vista) -> Cifra:
        base = (*LAVORATORI, "fasce_eta")
        if not any(v.atteso((*base, f)) for f in FASCE):
            return ignota(f"mancano i lavoratori per fascia d'età {v.anno}")
        parti = v.parti(((*base, f), f"il numero dei lavoratori nella fascia {f}") for f in FASCE)
        return quota(
            v.dato((*base, fascia), f"il numero dei lavoratori nella fascia {fascia}"), somma(parti)
        )

    return calcola


for _fascia in FASCE:
    formula(f"lavoratori_quota_eta_{_fascia}")(_quota_fascia(_fascia))


def _quota_contratto(campo: str, descrizione: str) -> Formula:
    def calcola(v: Vista) -> Cifra:
        return quota(
            v.dato(("persone", "contratti", campo), f"il numero dei dipendenti {descrizione}"),
            v.dato((*LAVORATORI, "dipendenti", "numero"), "il numero dei lavoratori dipendenti"),
        )

    return calcola


for _campo, _descrizione in (
    ("tempo_indeterminato", "a tempo indeterminato"),
    ("tempo_determinato", "a tempo determinato"),
    ("tempo_pieno", "a tempo pieno"),
    ("part_time", "part-time"),
):
    formula(f"dipendenti_quota_{_campo}")(_quota_contratto(_campo, _descrizione))


FORMAZIONE: Percorso = ("persone", "formazione")


@formula("formazione_ore")
def formazione_ore(v: Vista) -> Cifra:
    if (manca := _blocco(v, FORMAZIONE, "la formazione")) is not None:
        return manca
    if (parziale := v.elenco_parziale("corsi")) is not None:
        return parziale
    corsi = v.elenco(FORMAZIONE) or []
    return somma(nota(c.partecipanti * c.ore_pro_capite) for c in corsi)


@formula("formazione_ore_per_lavoratore")
def formazione_ore_per_lavoratore(v: Vista) -> Cifra:
    return rapporto(formazione_ore(v), lavoratori_totale(v))


@formula("formazione_costo")
def formazione_costo(v: Vista) -> Cifra:
    if (manca := _blocco(v, FORMAZIONE, "la formazione")) is not None:
        return manca
    if (parziale := v.elenco_parziale("corsi")) is not None:
        return parziale
    corsi = v.elenco(FORMAZIONE) or []
    return somma(
        nota(c.costo) if c.costo is not None else ignota(f"manca il costo di «{c.tema}» {v.anno}")
        for c in corsi
    )


@formula("rapporto_retributivo")
def rapporto_retributivo(v: Vista) -> Cifra:
    r = ("persone", "retribuzioni")
    return rapporto(
        v.dato((*r, "retribuzione_massima"), "la retribuzione annua lorda massima"),
        v.dato((*r, "retribuzione_minima"), "la retribuzione annua lorda minima"),
    )


INSERIMENTO: Percorso = ("persone", "inserimento_lavorativo")


def _svantaggiati(v: Vista) -> tuple[Cifra, Cifra]:
    return (
        v.dato((*INSERIMENTO, "svantaggiati"), "il numero dei lavoratori svantaggiati"),
        v.dato((*INSERIMENTO, "lavoratori"), "il numero dei lavoratori del ramo B"),
    )


@formula("svantaggiati_quota")
def svantaggiati_quota(v: Vista) -> Cifra:
    svantaggiati, lavoratori = _svantaggiati(v)
    return quota(
        svantaggiati,
        differenza(lavoratori, svantaggiati),
        zero="tutti i lavoratori del ramo B sono svantaggiati: il rapporto INPS non è definito",
    )


@formula("svantaggiati_quota_lavoratori")
def svantaggiati_quota_lavoratori(v: Vista) -> Cifra:
    svantaggiati, lavoratori = _svantaggiati(v)
    return quota(svantaggiati, lavoratori)


# --- 5. attività --------------------------------------------------------------------------

SERVIZI: Percorso = ("attivita", "servizi")


@formula("servizi_numero")
def servizi_numero(v: Vista) -> Cifra:
    if (manca := _blocco(v, SERVIZI, "l'elenco dei servizi")) is not None:
        return manca
    if (parziale := v.elenco_parziale("servizi")) is not None:
        return parziale
    return nota(len(v.elenco(SERVIZI) or []))


@formula("beneficiari_totale")
def beneficiari_totale(v: Vista) -> Cifra:
    if v.valore(SERVIZI) is None:
        dichiarato = v.valore(("attivita", "totale_beneficiari"))
        if dichiarato is not None:
            return nota(dichiarato)
        return v.dato(SERVIZI, "l'elenco dei servizi")
    if (parziale := v.elenco_parziale("servizi")) is not None:
        dichiarato = v.valore(("attivita", "totale_beneficiari"))
        return nota(dichiarato) if dichiarato is not None else parziale
    return beneficiari_dei_servizi(servizi_dell_anno(v), v.anno)


def _somma_servizi(v: Vista, campo: str, descrizione: str) -> Cifra:
    if (manca := _blocco(v, SERVIZI, "l'elenco dei servizi")) is not None:
        return manca
    if (parziale := v.elenco_parziale("servizi")) is not None:
        return parziale
    cifre = [getattr(s, campo) for s in servizi_dell_anno(v)]
    attese = [c for c in cifre if c is not None]
    if not attese:
        return ignota(f"nessun servizio rileva {descrizione} {v.anno}")
    return somma(attese)


@formula("servizi_ore")
def servizi_ore(v: Vista) -> Cifra:
    return _somma_servizi(v, "ore", "le ore")


@formula("servizi_interventi")
def servizi_interventi(v: Vista) -> Cifra:
    return _somma_servizi(v, "interventi", "gli interventi")


# --- 6. economia --------------------------------------------------------------------------

ECONOMIA: Percorso = ("economia",)


@formula("valore_produzione")
def valore_produzione(v: Vista) -> Cifra:
    return v.dato((*ECONOMIA, "valore_produzione"), "il valore della produzione")


@formula("risultato_esercizio")
def risultato_esercizio(v: Vista) -> Cifra:
    return v.dato((*ECONOMIA, "risultato_esercizio"), "il risultato d'esercizio")


@formula("costo_lavoro")
def costo_lavoro(v: Vista) -> Cifra:
    parti = [
        ((*ECONOMIA, "costo_personale"), "i costi del personale (B9)"),
        ((*ECONOMIA, "costo_lavoro_in_servizi"), "il costo del lavoro compreso nei servizi"),
    ]
    trovate = v.parti(parti)
    if not trovate:
        return ignota(f"mancano i costi del personale {v.anno}")
    return somma(trovate)


@formula("peso_costo_lavoro")
def peso_costo_lavoro(v: Vista) -> Cifra:
    return quota(costo_lavoro(v), valore_produzione(v))


@formula("peso_costo_lavoro_costi_produzione")
def peso_costo_lavoro_costi_produzione(v: Vista) -> Cifra:
    return quota(
        costo_lavoro(v),
        v.dato((*ECONOMIA, "costi_produzione"), "il totale dei costi della produzione (B)"),
    )


@formula("costo_lavoro_soci_quota")
def costo_lavoro_soci_quota(v: Vista) -> Cifra:
    return quota(
        v.dato((*ECONOMIA, "costo_lavoro_soci"), "il costo del lavoro dei soci lavoratori"),
        costo_lavoro(v),
    )


RAMI: Percorso = (*ECONOMIA, "valore_produzione_per_ramo")


def _quota_ramo(ramo: str) -> Formula:
    def calcola(v: Vista) -> Cifra:
        a = v.dato((*RAMI, "ramo_a"), "il valore della produzione del ramo A")
        b = v.dato((*RAMI, "ramo_b"), "il valore della produzione del ramo B")
        return quota(a if ramo == "a" else b, somma((a, b)))

    return calcola


formula("valore_produzione_quota_ramo_a")(_quota_ramo("a"))
formula("valore_produzione_quota_ramo_b")(_quota_ramo("b"))

# --- general-interest revenues (art. 2 c.3 d.lgs. 112/2017; computed as DM 22 giugno 2021) ---

INTERESSE_GENERALE: Percorso = (*ECONOMIA, "ricavi_attivita_interesse_generale")
_ESCLUSI: Percorso = (*ECONOMIA, "ricavi_esclusi_computo")
_VOCI_ESCLUSE = (
    (
        (*_ESCLUSI, "rendite_finanziarie_immobiliari"),
        "i proventi da rendite finanziarie e immobiliari",
    ),
    ((*_ESCLUSI, "plusvalenze"), "le plusvalenze di tipo finanziario o patrimoniale"),
    ((*_ESCLUSI, "sopravvenienze_attive"), "le sopravvenienze attive"),
    (
        (*_ESCLUSI, "enti_controllati_controllanti"),
        "i ricavi da contratti con enti controllati o controllanti",
    ),
)


def _ricavi_interesse_generale(v: Vista) -> Cifra:
    return v.dato(INTERESSE_GENERALE, "i ricavi da attività di interesse generale")


@formula("ricavi_computo_interesse_generale")
def ricavi_computo_interesse_generale(v: Vista) -> Cifra:
    complessivi = v.dato((*ECONOMIA, "ricavi_complessivi"), "i ricavi complessivi")
    # the items DM 22 giugno 2021 leaves out that this cooperative states (in some year):
    # one it states in no year has nothing to leave out
    return differenza(complessivi, somma(v.parti(_VOCI_ESCLUSE)))


@formula("ricavi_interesse_generale_quota")
def ricavi_interesse_generale_quota(v: Vista) -> Cifra:
    base = ricavi_computo_interesse_generale(v)
    if base.nota and base.valore is not None and base.valore < 0:
        return ignota(
            f"le voci escluse superano i ricavi complessivi {v.anno}: la quota non è definita"
        )
    return quota(
        _ricavi_interesse_generale(v),
        base,
        zero=f"i ricavi complessivi {v.anno}, al netto delle voci escluse, sono zero",
    )


@formula("ricavi_interesse_generale_quota_valore_produzione")
def ricavi_interesse_generale_quota_valore_produzione(v: Vista) -> Cifra:
    return quota(_ricavi_interesse_generale(v), valore_produzione(v))


FONTI: Percorso = (*ECONOMIA, "ricavi_per_fonte")
_FONTI_PUBBLICHE = (
    ("contributi_pubblici", "i contributi pubblici"),
    ("enti_pubblici_servizi_sociali", "i ricavi da enti pubblici per servizi sociali"),
    ("enti_pubblici_altri_servizi", "i ricavi da enti pubblici per altri servizi"),
)
_FONTI_PRIVATE = (
    ("contributi_privati", "i contributi privati"),
    ("privati_cittadini", "i ricavi da privati cittadini"),
    ("privati_imprese", "i ricavi da imprese private"),
    ("privati_non_profit", "i ricavi da privati non profit"),
    ("consorzi_cooperative", "i ricavi da consorzi e cooperative"),
    ("altri", "i ricavi da altri"),
)


def _fonti(v: Vista, voci: tuple[tuple[str, str], ...]) -> Cifra:
    if (manca := _blocco(v, FONTI, "la ripartizione dei ricavi per provenienza")) is not None:
        return manca
    return somma(v.parti(((*FONTI, k), d) for k, d in voci))


@formula("ricavi_pubblici")
def ricavi_pubblici(v: Vista) -> Cifra:
    return _fonti(v, _FONTI_PUBBLICHE)


@formula("ricavi_privati")
def ricavi_privati(v: Vista) -> Cifra:
    return _fonti(v, _FONTI_PRIVATE)


@formula("ricavi_totale")
def ricavi_totale(v: Vista) -> Cifra:
    return somma((ricavi_pubblici(v), ricavi_privati(v)))


@formula("quota_pubblica")
def quota_pubblica(v: Vista) -> Cifra:
    return quota(ricavi_pubblici(v), ricavi_totale(v))


@formula("quota_privata")
def quota_privata(v: Vista) -> Cifra:
    return quota(ricavi_privati(v), ricavi_totale(v))


PATRIMONIO: Percorso = (*ECONOMIA, "patrimonio")


@formula("patrimonio_netto")
def patrimonio_netto(v: Vista) -> Cifra:
    if (manca := _blocco(v, PATRIMONIO, "il patrimonio")) is not None:
        return manca
    dichiarato = v.valore((*PATRIMONIO, "patrimonio_netto"))
    if dichiarato is not None:
        return nota(dichiarato)
    risultato = v.dato((*PATRIMONIO, "utile_perdita"), "l'utile o la perdita nel patrimonio")
    if not risultato.nota:
        risultato = v.dato((*ECONOMIA, "risultato_esercizio"), "il risultato d'esercizio")
    return somma(
        (
            v.dato((*PATRIMONIO, "capitale_sociale"), "il capitale sociale"),
            v.dato((*PATRIMONIO, "riserve"), "le riserve"),
            risultato,
        )
    )


# --- the value-added statement (GBS) ------------------------------------------------------
# Determination from the CEE lines; distribution from the CEE lines that are distributed
# (B9, taxes 20, interest C17) and from what the data states the CEE does not hold (the
# split of B14, the allocation of the result). Neither side is the remainder of the other.

CE: Percorso = (*ECONOMIA, "conto_economico")
B: Percorso = (*CE, "costi_produzione")
C: Percorso = (*CE, "proventi_oneri_finanziari")
DVA: Percorso = (*ECONOMIA, "distribuzione_valore_aggiunto")


def _ce(v: Vista, percorso: Percorso, descrizione: str) -> Cifra:
    if (manca := _blocco(v, CE, "il conto economico (schema CEE)")) is not None:
        return manca
    return v.dato(percorso, descrizione)


def _dva(
    v: Vista, campo: str, descrizione: str, blocco: str = "la distribuzione del valore aggiunto"
) -> Cifra:
    if (manca := _blocco(v, DVA, blocco)) is not None:
        return manca
    return v.dato((*DVA, campo), descrizione)


_RIPARTIZIONE_B14 = (
    "la ripartizione degli oneri diversi di gestione (B14) in imposte indirette e liberalità "
    "(distribuzione_valore_aggiunto)"
)


def _b14_imposte(v: Vista) -> Cifra:
    return _dva(v, "imposte_indirette", "la parte di B14 in imposte indirette", _RIPARTIZIONE_B14)


def _b14_liberalita(v: Vista) -> Cifra:
    return _dva(v, "liberalita", "la parte di B14 in erogazioni liberali", _RIPARTIZIONE_B14)


@formula("costi_intermedi")
def costi_intermedi(v: Vista) -> Cifra:
    b14 = _ce(v, (*B, "oneri_diversi_gestione"), "gli oneri diversi di gestione (B14)")
    b14_intermedi = differenza(differenza(b14, _b14_imposte(v)), _b14_liberalita(v))
    return somma(
        (
            _ce(v, (*B, "materie_prime"), "il costo per materie prime (B6)"),
            _ce(v, (*B, "servizi"), "il costo per servizi (B7)"),
            _ce(v, (*B, "godimento_beni_terzi"), "il costo per godimento di beni di terzi (B8)"),
            _ce(
                v,
                (*B, "variazioni_rimanenze_materie"),
                "la variazione delle rimanenze di materie (B11)",
            ),
            _ce(v, (*B, "accantonamenti_rischi"), "gli accantonamenti per rischi (B12)"),
            _ce(v, (*B, "altri_accantonamenti"), "gli altri accantonamenti (B13)"),
            b14_intermedi,
        )
    )


@formula("valore_aggiunto_caratteristico_lordo")
def valore_aggiunto_caratteristico_lordo(v: Vista) -> Cifra:
    return differenza(valore_produzione(v), costi_intermedi(v))


@formula("saldo_componenti_accessori")
def saldo_componenti_accessori(v: Vista) -> Cifra:
    return somma(
        (
            _ce(v, (*C, "proventi_partecipazioni"), "i proventi da partecipazioni (C15)"),
            _ce(v, (*C, "altri_proventi_finanziari"), "gli altri proventi finanziari (C16)"),
            _ce(v, (*C, "utili_perdite_cambi"), "gli utili e perdite su cambi (C17-bis)"),
            _ce(
                v,
                (*CE, "rettifiche_attivita_passivita_finanziarie"),
                "le rettifiche di valore di attività e passività finanziarie (D)",
            ),
        )
    )


@formula("valore_aggiunto_globale_lordo")
def valore_aggiunto_globale_lordo(v: Vista) -> Cifra:
    return somma((valore_aggiunto_caratteristico_lordo(v), saldo_componenti_accessori(v)))


@formula("valore_aggiunto_globale_netto")
def valore_aggiunto_globale_netto(v: Vista) -> Cifra:
    b10 = _ce(
        v, (*B, "ammortamenti_svalutazioni", "valore"), "gli ammortamenti e svalutazioni (B10)"
    )
    return differenza(valore_aggiunto_globale_lordo(v), b10)


@formula("va_personale")
def va_personale(v: Vista) -> Cifra:
    return somma(
        (
            v.dato((*ECONOMIA, "costo_personale"), "i costi del personale (B9)"),
            _dva(v, "ristorni", "i ristorni destinati dall'utile"),
        )
    )


@formula("va_pubblica_amministrazione")
def va_pubblica_amministrazione(v: Vista) -> Cifra:
    return somma((_ce(v, (*CE, "imposte"), "le imposte sul reddito (20)"), _b14_imposte(v)))


@formula("va_capitale_credito")
def va_capitale_credito(v: Vista) -> Cifra:
    return _ce(
        v, (*C, "interessi_oneri_finanziari"), "gli interessi e altri oneri finanziari (C17)"
    )


@formula("va_capitale_rischio")
def va_capitale_rischio(v: Vista) -> Cifra:
    return _dva(v, "dividendi", "i dividendi (0 se non distribuiti)")


@formula("va_cooperativa")
def va_cooperativa(v: Vista) -> Cifra:
    return somma(
        (
            _dva(v, "riserve", "l'utile destinato a riserve"),
            _dva(v, "utile_portato_nuovo", "l'utile portato a nuovo (0 se nessuno)"),
        )
    )


@formula("va_movimento_cooperativo")
def va_movimento_cooperativo(v: Vista) -> Cifra:
    return _dva(v, "fondi_mutualistici", "la quota dell'utile ai fondi mutualistici")


@formula("va_comunita")
def va_comunita(v: Vista) -> Cifra:
    return _b14_liberalita(v)


DISTRIBUZIONE: tuple[tuple[str, Formula], ...] = (
    ("va_personale", va_personale),
    ("va_pubblica_amministrazione", va_pubblica_amministrazione),
    ("va_capitale_credito", va_capitale_credito),
    ("va_capitale_rischio", va_capitale_rischio),
    ("va_cooperativa", va_cooperativa),
    ("va_movimento_cooperativo", va_movimento_cooperativo),
    ("va_comunita", va_comunita),
)


@formula("valore_aggiunto_distribuito")
def valore_aggiunto_distribuito(v: Vista) -> Cifra:
    return somma(f(v) for _, f in DISTRIBUZIONE)
