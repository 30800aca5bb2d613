"""The compute step: each figure of the catalogue, its unknown case, and unknown is never zero."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilancio.calcolo import calcola
from bilancio.calcolo.indicatori import FORMULE
from bilancio.caricamento import Bilancio
from bilancio.formato import arrotonda
from bilancio.modello import Anno, AnnoPrecedente, Ente
from bilancio.modello.catalogo import CATALOGO
from conftest import ENTE_MINIMO

# Round figures, so every expected value below is worked out by hand, not by the code.
BASE: dict[str, Any] = {
    "anno": 2025,
    "governo": {
        "soci": {"lavoratori": 30, "volontari": 10},
        "consiglio_amministrazione": {
            "componenti": [
                {"nome": "A", "ruolo": "Presidente", "genere": "F"},
                {"nome": "B", "ruolo": "Consigliere", "genere": "M"},
                {"nome": "C", "ruolo": "Consigliera", "genere": "F"},
                {"nome": "D", "ruolo": "Consigliera", "genere": "F"},
            ]
        },
    },
    "persone": {
        "lavoratori": {
            "dipendenti": {
                "numero": 40,
                "uomini": 10,
                "donne": 30,
                "stranieri": 4,
                "eta_media": 40,
            },
            "autonomi": {"numero": 10, "uomini": 5, "donne": 5, "stranieri": 1, "eta_media": 50},
            "fasce_eta": {"fino_29": 10, "30_39": 15, "40_49": 15, "50_59": 5, "60_oltre": 5},
        },
        "contratti": {
            "tempo_indeterminato": 30,
            "tempo_determinato": 10,
            "tempo_pieno": 16,
            "part_time": 24,
        },
        "formazione": [
            {"tema": "Sicurezza", "partecipanti": 10, "ore_pro_capite": 4, "costo": 500},
            {"tema": "Relazione", "partecipanti": 5, "ore_pro_capite": 10, "costo": 250},
        ],
        "retribuzioni": {"retribuzione_massima": 36000, "retribuzione_minima": 18000},
        "inserimento_lavorativo": {"lavoratori": 40, "svantaggiati": 10},
    },
    "attivita": {
        "servizi": [
            {
                "nome": "Domiciliare",
                "beneficiari": {"anziani": 100},
                "ore": 1000,
                "interventi": 500,
            },
            {"nome": "Educativa", "totale_beneficiari": 50, "ore": 500},
            {"nome": "Sportello", "nuclei": 12},
        ]
    },
    "economia": {
        "valore_produzione": 1000000,
        "costo_personale": 600000,
        "costo_lavoro_in_servizi": 50000,
        "costi_produzione": 950000,
        "costo_lavoro_soci": 390000,
        "valore_produzione_per_ramo": {"ramo_a": 800000, "ramo_b": 200000},
        # the 70% of general-interest revenues (DM 22 giugno 2021): 900.000 on 1.020.000
        # less 20.000 excluded (one item of the four written) = 1.000.000
        "ricavi_attivita_interesse_generale": 900000,
        "ricavi_complessivi": 1020000,
        "ricavi_esclusi_computo": {"sopravvenienze_attive": 20000},
        "risultato_esercizio": 10000,
        "ricavi_per_fonte": {"enti_pubblici_servizi_sociali": 700000, "privati_cittadini": 300000},
        "patrimonio": {"capitale_sociale": 20000, "riserve": 170000, "utile_perdita": 10000},
        # CEE lines consistent with the figures above (B9 600.000 stays a flat key only, so
        # the totals B and A-B are not derived from the statement here)
        "conto_economico": {
            "costi_produzione": {
                "materie_prime": 20000,
                "servizi": 250000,
                "godimento_beni_terzi": 30000,
                "ammortamenti_svalutazioni": {"totale": 20000},
                "variazioni_rimanenze_materie": 0,
                "accantonamenti_rischi": 0,
                "altri_accantonamenti": 0,
                "oneri_diversi_gestione": 30000,
            },
            "proventi_oneri_finanziari": {
                "proventi_partecipazioni": 0,
                "altri_proventi_finanziari": 1000,
                "interessi_oneri_finanziari": 6000,
                "utili_perdite_cambi": 0,
            },
            "rettifiche_attivita_passivita_finanziarie": 0,
            "imposte": 35000,
        },
        "distribuzione_valore_aggiunto": {
            "imposte_indirette": 4000,
            "liberalita": 1000,
            "ristorni": 0,
            "fondi_mutualistici": 300,
            "dividendi": 0,
            "riserve": 9700,
            "utile_portato_nuovo": 0,
        },
    },
}

# code -> value worked out by hand from BASE (rounded to 2 decimals where it is a share)
ATTESI: dict[str, str] = {
    "soci_totale": "40",
    "soci_quota_lavoratori": "75.00",
    "soci_quota_volontari": "25.00",
    "soci_lavoratori_quota": "60.00",  # 30 / 50 workers
    "soci_lavoratori_quota_dipendenti": "75.00",  # 30 / 40 employees
    "cda_componenti": "4",
    "cda_quota_donne": "75.00",
    "lavoratori_totale": "50",
    "lavoratori_quota_dipendenti": "80.00",
    "lavoratori_quota_donne": "70.00",  # 35 / 50
    "dipendenti_quota_donne": "75.00",
    "lavoratori_quota_stranieri": "10.00",
    "lavoratori_eta_media": "42.00",  # (40 × 40 + 10 × 50) / 50
    "lavoratori_quota_eta_fino_29": "20.00",
    "lavoratori_quota_eta_30_39": "30.00",
    "lavoratori_quota_eta_40_49": "30.00",
    "lavoratori_quota_eta_50_59": "10.00",
    "lavoratori_quota_eta_60_oltre": "10.00",
    "dipendenti_quota_tempo_indeterminato": "75.00",
    "dipendenti_quota_tempo_determinato": "25.00",
    "dipendenti_quota_tempo_pieno": "40.00",
    "dipendenti_quota_part_time": "60.00",
    "formazione_ore": "90",
    "formazione_ore_per_lavoratore": "1.80",
    "formazione_costo": "750",
    "rapporto_retributivo": "2.00",
    "svantaggiati_quota": "33.33",  # INPS: 10 / 30 non-disadvantaged
    "svantaggiati_quota_lavoratori": "25.00",
    "servizi_numero": "3",
    "beneficiari_totale": "150",  # the counter service counts households, not people
    "servizi_ore": "1500",
    "servizi_interventi": "500",
    "valore_produzione": "1000000",
    "costo_lavoro": "650000",
    "peso_costo_lavoro": "65.00",
    "peso_costo_lavoro_costi_produzione": "68.42",  # 650.000 / 950.000
    "costo_lavoro_soci_quota": "60.00",
    "valore_produzione_quota_ramo_a": "80.00",
    "valore_produzione_quota_ramo_b": "20.00",
    "ricavi_computo_interesse_generale": "1000000",
    "ricavi_interesse_generale_quota": "90.00",
    "ricavi_interesse_generale_quota_valore_produzione": "90.00",
    "ricavi_totale": "1000000",
    "ricavi_pubblici": "700000",
    "ricavi_privati": "300000",
    "quota_pubblica": "70.00",
    "quota_privata": "30.00",
    "patrimonio_netto": "200000",  # 20.000 + 170.000 + 10.000
    "risultato_esercizio": "10000",
    # value added: B6 20.000 + B7 250.000 + B8 30.000 + B14 (30.000 - 4.000 - 1.000)
    "costi_intermedi": "325000",
    "valore_aggiunto_caratteristico_lordo": "675000",  # 1.000.000 - 325.000
    "saldo_componenti_accessori": "1000",  # C16
    "valore_aggiunto_globale_lordo": "676000",
    "valore_aggiunto_globale_netto": "656000",  # - B10 20.000
    "va_personale": "600000",
    "va_pubblica_amministrazione": "39000",  # 35.000 + 4.000
    "va_capitale_credito": "6000",
    "va_capitale_rischio": "0",
    "va_cooperativa": "9700",
    "va_movimento_cooperativo": "300",
    "va_comunita": "1000",
    "valore_aggiunto_distribuito": "656000",  # balances
}

# code -> (what to remove from BASE, what the reason says)
IGNOTI: dict[str, tuple[tuple[Any, ...], str]] = {
    "soci_totale": (("governo", "soci"), "manca la base sociale 2025"),
    "soci_quota_lavoratori": (("governo", "soci"), "base sociale 2025"),
    "soci_quota_volontari": (("governo", "soci"), "base sociale 2025"),
    "soci_quota_fruitori": ((), "soci fruitori non è indicato"),
    "soci_quota_persone_giuridiche": ((), "persone giuridiche non è indicato"),
    "soci_quota_sovventori": ((), "sovventori e finanziatori non è indicato"),
    "soci_lavoratori_quota": (("persone", "lavoratori"), "numero dei lavoratori 2025"),
    "soci_lavoratori_quota_dipendenti": (
        ("persone", "lavoratori", "dipendenti"),
        "lavoratori dipendenti 2025",
    ),
    "cda_componenti": (("governo", "consiglio_amministrazione"), "consiglio di amministrazione"),
    "cda_quota_donne": (
        ("governo", "consiglio_amministrazione", "componenti", 1, "genere"),
        "genere",
    ),
    "lavoratori_totale": (("persone", "lavoratori"), "numero dei lavoratori 2025"),
    "lavoratori_quota_dipendenti": (("persone", "lavoratori", "dipendenti"), "dipendenti 2025"),
    "lavoratori_quota_donne": (
        ("persone", "lavoratori", "autonomi", "donne"),
        "donne tra i lavoratori autonomi 2025",
    ),
    "dipendenti_quota_donne": (("persone", "lavoratori", "dipendenti", "donne"), "donne"),
    "lavoratori_quota_stranieri": (
        ("persone", "lavoratori", "dipendenti", "stranieri"),
        "stranieri tra i lavoratori dipendenti 2025",
    ),
    "lavoratori_eta_media": (
        ("persone", "lavoratori", "autonomi", "eta_media"),
        "età media dei lavoratori autonomi 2025",
    ),
    "lavoratori_quota_eta_fino_29": (("persone", "lavoratori", "fasce_eta"), "fascia d'età"),
    "lavoratori_quota_eta_30_39": (("persone", "lavoratori", "fasce_eta"), "fascia d'età"),
    "lavoratori_quota_eta_40_49": (("persone", "lavoratori", "fasce_eta"), "fascia d'età"),
    "lavoratori_quota_eta_50_59": (("persone", "lavoratori", "fasce_eta"), "fascia d'età"),
    "lavoratori_quota_eta_60_oltre": (("persone", "lavoratori", "fasce_eta"), "fascia d'età"),
    "dipendenti_quota_tempo_indeterminato": (("persone", "contratti"), "tempo indeterminato"),
    "dipendenti_quota_tempo_determinato": (("persone", "contratti"), "tempo determinato"),
    "dipendenti_quota_tempo_pieno": (("persone", "contratti"), "tempo pieno"),
    "dipendenti_quota_part_time": (("persone", "contratti"), "part-time"),
    "formazione_ore": (("persone", "formazione"), "formazione 2025"),
    "formazione_ore_per_lavoratore": (("persone", "formazione"), "formazione 2025"),
    "formazione_costo": (("persone", "formazione"), "formazione 2025"),
    "rapporto_retributivo": (
        ("persone", "retribuzioni", "retribuzione_minima"),
        "retribuzione annua lorda minima 2025",
    ),
    "svantaggiati_quota": (("persone", "inserimento_lavorativo"), "svantaggiati 2025"),
    "svantaggiati_quota_lavoratori": (("persone", "inserimento_lavorativo"), "svantaggiati"),
    "servizi_numero": (("attivita", "servizi"), "elenco dei servizi 2025"),
    "beneficiari_totale": (("attivita", "servizi"), "elenco dei servizi 2025"),
    "servizi_ore": (("attivita", "servizi"), "elenco dei servizi 2025"),
    "servizi_interventi": (("attivita", "servizi", 0, "interventi"), "nessun servizio rileva"),
    "valore_produzione": (("economia", "valore_produzione"), "valore della produzione 2025"),
    "costo_lavoro": (
        ("economia",),
        "manca il valore della produzione 2025|mancano i costi del personale 2025",
    ),
    "peso_costo_lavoro": (("economia", "valore_produzione"), "valore della produzione 2025"),
    "peso_costo_lavoro_costi_produzione": (
        ("economia", "costi_produzione"),
        "totale dei costi della produzione (B) 2025",
    ),
    "costo_lavoro_soci_quota": (("economia", "costo_lavoro_soci"), "soci lavoratori 2025"),
    "valore_produzione_quota_ramo_a": (
        ("economia", "valore_produzione_per_ramo", "ramo_b"),
        "ramo B 2025",
    ),
    "valore_produzione_quota_ramo_b": (
        ("economia", "valore_produzione_per_ramo"),
        "del ramo",
    ),
    "ricavi_computo_interesse_generale": (
        ("economia", "ricavi_complessivi"),
        "ricavi complessivi 2025",
    ),
    "ricavi_interesse_generale_quota": (
        ("economia", "ricavi_attivita_interesse_generale"),
        "ricavi da attività di interesse generale 2025",
    ),
    "ricavi_interesse_generale_quota_valore_produzione": (
        ("economia", "valore_produzione"),
        "valore della produzione 2025",
    ),
    "ricavi_totale": (("economia", "ricavi_per_fonte"), "ripartizione dei ricavi"),
    "ricavi_pubblici": (("economia", "ricavi_per_fonte"), "ripartizione dei ricavi"),
    "ricavi_privati": (("economia", "ricavi_per_fonte"), "ripartizione dei ricavi"),
    "quota_pubblica": (("economia", "ricavi_per_fonte"), "ripartizione dei ricavi"),
    "quota_privata": (("economia", "ricavi_per_fonte"), "ripartizione dei ricavi"),
    "patrimonio_netto": (("economia", "patrimonio", "riserve"), "le riserve 2025"),
    "risultato_esercizio": (("economia", "risultato_esercizio"), "risultato d'esercizio 2025"),
    "costi_intermedi": (
        ("economia", "conto_economico", "costi_produzione", "servizi"),
        "costo per servizi (B7) 2025",
    ),
    "valore_aggiunto_caratteristico_lordo": (
        ("economia", "distribuzione_valore_aggiunto", "imposte_indirette"),
        "B14 in imposte indirette 2025",
    ),
    "saldo_componenti_accessori": (
        ("economia", "conto_economico", "rettifiche_attivita_passivita_finanziarie"),
        "(D) 2025",
    ),
    "valore_aggiunto_globale_lordo": (
        ("economia", "conto_economico", "proventi_oneri_finanziari", "altri_proventi_finanziari"),
        "altri proventi finanziari (C16) 2025",
    ),
    "valore_aggiunto_globale_netto": (
        ("economia", "conto_economico", "costi_produzione", "ammortamenti_svalutazioni"),
        "ammortamenti e svalutazioni (B10) 2025",
    ),
    "va_personale": (
        ("economia", "distribuzione_valore_aggiunto", "ristorni"),
        "ristorni destinati dall'utile 2025",
    ),
    "va_pubblica_amministrazione": (
        ("economia", "conto_economico", "imposte"),
        "imposte sul reddito (20) 2025",
    ),
    "va_capitale_credito": (
        ("economia", "conto_economico", "proventi_oneri_finanziari", "interessi_oneri_finanziari"),
        "(C17) 2025",
    ),
    "va_capitale_rischio": (
        ("economia", "distribuzione_valore_aggiunto", "dividendi"),
        "dividendi",
    ),
    "va_cooperativa": (
        ("economia", "distribuzione_valore_aggiunto", "riserve"),
        "destinato a riserve 2025",
    ),
    "va_movimento_cooperativo": (
        ("economia", "distribuzione_valore_aggiunto", "fondi_mutualistici"),
        "fondi mutualistici 2025",
    ),
    "va_comunita": (
        ("economia", "distribuzione_valore_aggiunto", "liberalita"),
        "erogazioni liberali 2025",
    ),
    "valore_aggiunto_distribuito": (
        ("economia", "distribuzione_valore_aggiunto"),
        "la distribuzione del valore aggiunto 2025",
    ),
}


def _bilancio(
    anno: dict[str, Any], precedenti: dict[int, dict[str, Any]] | None = None
) -> Bilancio:
    return Bilancio(
        ente=Ente.model_validate(ENTE_MINIMO),
        anno=Anno.model_validate(anno),
        precedenti={a: AnnoPrecedente.model_validate(d) for a, d in (precedenti or {}).items()},
    )


def _senza(dati: dict[str, Any], percorso: tuple[Any, ...]) -> dict[str, Any]:
    copia = copy.deepcopy(dati)
    if not percorso:
        return copia
    contenitore: Any = copia
    for parte in percorso[:-1]:
        contenitore = contenitore[parte]
    del contenitore[percorso[-1]]
    return copia


def test_every_code_of_the_catalogue_has_one_formula_and_a_test() -> None:
    codici = [i.codice for i in CATALOGO]
    assert set(FORMULE) == set(codici)
    # each figure is tested both ways below (ramo shares are unknown here: type A has no B)
    assert set(ATTESI) | {"soci_quota_fruitori", "soci_quota_persone_giuridiche",
                           "soci_quota_sovventori"} == set(codici)  # fmt: skip
    assert set(IGNOTI) == set(codici)


@pytest.mark.parametrize("codice", sorted(ATTESI))
def test_each_figure_from_hand_worked_data(codice: str) -> None:
    cifra = calcola(_bilancio(BASE)).cifra(codice)
    assert cifra.nota, cifra.motivo
    atteso = Decimal(ATTESI[codice])
    decimali = max(0, -atteso.as_tuple().exponent)  # type: ignore[operator]
    assert arrotonda(cifra.valore, decimali) == atteso


@pytest.mark.parametrize("codice", sorted(IGNOTI))
def test_each_figure_is_unknown_with_its_reason_when_an_input_is_missing(codice: str) -> None:
    percorso, motivo = IGNOTI[codice]
    cifra = calcola(_bilancio(_senza(BASE, percorso))).cifra(codice)
    assert cifra.valore is None
    assert any(m in (cifra.motivo or "") for m in motivo.split("|")), cifra.motivo


def test_a_declared_zero_stays_zero() -> None:
    dati = _senza(BASE, ("persone", "lavoratori", "autonomi"))
    dati["persone"]["lavoratori"]["autonomi"] = {"numero": 0, "donne": 0, "stranieri": 0}
    c = calcola(_bilancio(dati))
    assert c.cifra("lavoratori_totale").valore == 40
    assert c.cifra("lavoratori_quota_donne").valore == 75


def test_the_issue_case_a_year_knowing_only_its_collaborators() -> None:
    """2022 knows only its 351 collaborators: no total, no share, no +931% change."""
    anno = {
        "anno": 2023,
        "persone": {"lavoratori": {"dipendenti": {"numero": 3269}, "autonomi": {"numero": 351}}},
    }
    c = calcola(_bilancio(anno, {2022: {"persone": {"lavoratori": {"autonomi": {"numero": 351}}}}}))
    assert c.cifra("lavoratori_totale", 2023).valore == 3620
    totale_2022 = c.cifra("lavoratori_totale", 2022)
    assert totale_2022.valore is None
    assert totale_2022.motivo == "manca il numero dei lavoratori dipendenti 2022"
    assert c.cifra("lavoratori_quota_dipendenti", 2022).valore is None
    variazione = c.variazioni["lavoratori_totale"]
    assert variazione.delta.valore is None and variazione.percentuale.valore is None
    assert variazione.percentuale_non_definita is not None
    assert variazione.percentuale_non_definita.value == "dato_mancante"


def test_a_category_no_year_states_is_not_part_of_the_breakdown() -> None:
    c = calcola(_bilancio(BASE, {2024: {"governo": {"soci": {"lavoratori": 28, "volontari": 9}}}}))
    assert c.cifra("soci_totale", 2024).valore == 37  # fruitori etc. are stated in no year


def test_a_declared_total_stands_in_for_parts_not_known() -> None:
    precedente = {"persone": {"lavoratori": {"autonomi": {"numero": 8}, "totale": 47}}}
    c = calcola(_bilancio(BASE, {2024: precedente}))
    assert c.cifra("lavoratori_totale", 2024).valore == 47


def test_earlier_years_key_figures_do_not_total_a_partial_list_of_services() -> None:
    precedente = {
        "attivita": {"servizi": [{"nome": "Domiciliare", "beneficiari": {"anziani": 90}}]}
    }
    c = calcola(_bilancio(BASE, {2024: precedente}))
    assert c.cifra("beneficiari_totale", 2024).valore is None
    assert "anni_precedenti" in (c.cifra("beneficiari_totale", 2024).motivo or "")
    servizio = c.anni[2024].servizi[0]
    assert servizio.beneficiari.valore == 90
    # the same service records hours in 2025: in 2024 they are expected, and unknown
    assert servizio.ore is not None and servizio.ore.valore is None


def test_a_service_counting_other_units_is_said_not_added_as_zero() -> None:
    c = calcola(_bilancio(BASE))
    sportello = c.anni[2025].servizi[2]
    assert not sportello.conta_beneficiari and sportello.conta == ["nuclei"]
    assert sportello.beneficiari.valore is None


def test_changes_from_zero_and_across_a_change_of_sign_have_no_percentage() -> None:
    anno = _senza(BASE, ())
    anno["economia"]["risultato_esercizio"] = 10000
    c = calcola(_bilancio(anno, {2024: {"economia": {"risultato_esercizio": -5000}}}))
    v = c.variazioni["risultato_esercizio"]
    assert v.delta.valore == 15000 and v.percentuale.valore is None
    assert v.percentuale_non_definita is not None
    assert v.percentuale_non_definita.value == "cambio_segno"
    c = calcola(_bilancio(anno, {2024: {"economia": {"risultato_esercizio": 0}}}))
    assert c.variazioni["risultato_esercizio"].percentuale_non_definita.value == "da_zero"  # type: ignore[union-attr]
    anno["economia"]["risultato_esercizio"] = 0
    c = calcola(_bilancio(anno, {2024: {"economia": {"risultato_esercizio": 0}}}))
    v = c.variazioni["risultato_esercizio"]
    assert v.invariata and v.percentuale.valore == 0


def test_whole_span_and_any_year_are_compared() -> None:
    precedenti = {
        2024: {"economia": {"valore_produzione": 900000}},
        2020: {"economia": {"valore_produzione": 800000}},
    }
    c = calcola(_bilancio(BASE, precedenti))
    assert list(c.anni) == [2020, 2024, 2025]
    assert c.precedente == 2024
    assert c.variazioni_periodo["valore_produzione"].da == 2020
    assert c.variazioni_periodo["valore_produzione"].percentuale.valore == 25
    assert c.variazione("valore_produzione", 2020, 2024).delta.valore == 100000


def test_json_numbers_are_rounded_as_printed_and_never_binary_noise() -> None:
    dati = calcola(_bilancio(BASE)).model_dump(mode="json")
    cifre = dati["anni"]["2025"]["cifre"]
    assert cifre["svantaggiati_quota"] == {"valore": 33.33, "motivo": None}
    assert cifre["lavoratori_totale"] == {"valore": 50, "motivo": None}
    assert cifre["soci_quota_fruitori"]["valore"] is None
    assert "non è indicato" in cifre["soci_quota_fruitori"]["motivo"]


# --- unknown is never zero: a property over the examples ------------------------------------


def _foglie(valore: Any, percorso: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every number in a data tree."""
    if isinstance(valore, dict):
        return [p for k, v in valore.items() for p in _foglie(v, (*percorso, k))]
    if isinstance(valore, list):
        return [p for i, v in enumerate(valore) for p in _foglie(v, (*percorso, i))]
    if isinstance(valore, (int, float, Decimal)) and not isinstance(valore, bool):
        return [percorso]
    return []


def _con(dati: dict[str, Any], percorso: tuple[Any, ...], valore: Any) -> dict[str, Any]:
    copia = copy.deepcopy(dati)
    contenitore: Any = copia
    for parte in percorso[:-1]:
        contenitore = contenitore[parte]
    contenitore[percorso[-1]] = valore
    return copia


def _valida(anno: dict[str, Any], precedente: dict[str, Any]) -> Bilancio | None:
    try:
        return _bilancio(anno, {2024: precedente})
    except ValueError:  # pydantic's ValidationError: a removal that breaks the schema
        return None


# two years stating the same figures: each figure is stated, hence expected, in both
_DUE_ANNI = {k: BASE[k] for k in ("governo", "persone", "attivita", "economia")}
_FOGLIE = [("precedente", *p) for p in _foglie(_DUE_ANNI)] + [
    ("anno", *p) for p in _foglie(BASE) if p[0] != "anno"
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_FOGLIE))
def test_removing_a_figure_never_yields_a_result_computed_as_if_it_were_zero(
    foglia: tuple[Any, ...],
) -> None:
    lato, *percorso = foglia
    dati = {"anno": copy.deepcopy(BASE), "precedente": copy.deepcopy(_DUE_ANNI)}
    completo = _valida(dati["anno"], dati["precedente"])
    assert completo is not None
    senza = {**dati, lato: _senza(dati[lato], tuple(percorso))}
    con_zero = {**dati, lato: _con(dati[lato], tuple(percorso), 0)}
    b_senza = _valida(senza["anno"], senza["precedente"])
    b_zero = _valida(con_zero["anno"], con_zero["precedente"])
    if b_senza is None or b_zero is None:
        return  # the schema refuses the removal (a required figure) or the zero
    anno = 2025 if lato == "anno" else 2024
    pieno, vuoto, zero = calcola(completo), calcola(b_senza), calcola(b_zero)
    for i in CATALOGO:
        v = vuoto.cifra(i.codice, anno)
        z = zero.cifra(i.codice, anno)
        p = pieno.cifra(i.codice, anno)
        if v.nota and z.nota and z.valore != p.valore:
            assert v.valore != z.valore, (i.codice, foglia, v, z)


def test_outputs_of_one_unit_are_totalled_mixed_units_and_shares_are_not() -> None:
    def servizio(*output: tuple[int, str]) -> dict[str, Any]:
        return {
            "nome": "S",
            "totale_beneficiari": 1,
            "output": [
                {"descrizione": f"voce {i}", "valore": v, "unita": u}
                for i, (v, u) in enumerate(output)
            ],
        }

    casi = [
        servizio((106, "progetti"), (15, "progetti"), (68, "progetti")),
        servizio((7, "corsi"), (52, "persone")),
        servizio((48, "%"), (20, "%")),
        servizio((3, "progetti")),
    ]
    dati = copy.deepcopy(BASE)
    for i, s in enumerate(casi):
        s["nome"] = f"S{i}"
    dati["attivita"]["servizi"] = casi
    servizi = calcola(_bilancio(dati)).anni[2025].servizi
    assert servizi[0].output_unita == "progetti" and servizi[0].output_totale is not None
    assert servizi[0].output_totale.valore == 189  # 106 + 15 + 68
    for s in servizi[1:]:  # different units, shares, a single output: nothing to add up
        assert s.output_unita is None and s.output_totale is None


def test_general_interest_share_without_excluded_items_and_on_a_base_that_is_not_positive() -> None:
    economia = {k: v for k, v in BASE["economia"].items() if k != "ricavi_esclusi_computo"}
    # no excluded item written: none is excluded (DM 22 giugno 2021), the base is the total
    c = calcola(_bilancio({**BASE, "economia": economia}))
    assert c.cifra("ricavi_computo_interesse_generale").valore == Decimal(1020000)
    assert arrotonda(c.cifra("ricavi_interesse_generale_quota").valore, 2) == Decimal("88.24")
    # the excluded items exceed the total: no share, and the reason says why
    economia["ricavi_esclusi_computo"] = {"plusvalenze": 1020000}
    c = calcola(_bilancio({**BASE, "economia": economia}))
    assert c.cifra("ricavi_computo_interesse_generale").valore == Decimal(0)
    quota = c.cifra("ricavi_interesse_generale_quota")
    assert quota.valore is None and "zero" in (quota.motivo or "")
    economia["ricavi_esclusi_computo"] = {"plusvalenze": 1100000}
    quota = calcola(_bilancio({**BASE, "economia": economia})).cifra(
        "ricavi_interesse_generale_quota"
    )
    assert quota.valore is None and "superano i ricavi complessivi" in (quota.motivo or "")
