"""The bundled examples reproduce the published reports' figures, and their own mistakes."""

from __future__ import annotations

from decimal import Decimal

import bilancio
from bilancio.calcolo import calcola
from bilancio.caricamento import carica
from bilancio.formato import percentuale
from conftest import ESEMPI, esempio


def test_every_example_is_readable_without_schema_errors() -> None:
    cartelle = sorted(p for p in ESEMPI.iterdir() if p.is_dir())
    assert cartelle
    for cartella in cartelle:
        rapporto = bilancio.check(cartella)
        assert rapporto.leggibile, cartella
        assert not [p for p in rapporto.problemi if p.codice == "SCHEMA"], (
            cartella,
            rapporto.problemi,
        )


def test_cipm_is_valid_and_reproduces_printed_figures() -> None:
    rapporto = bilancio.check(esempio("cipm"))
    assert rapporto.valido, rapporto.errori
    dati = bilancio.load(ESEMPI / "cipm")
    assert dati.anni == [2018, 2019, 2020]
    c = calcola(dati)
    assert c.cifra("beneficiari_totale").valore == 1008
    assert [percentuale(c.cifra("peso_costo_lavoro", a).valore, 0) for a in (2020, 2019, 2018)] == [
        "79%",
        "84%",
        "85%",
    ]
    assert percentuale(c.cifra("quota_pubblica").valore, 0) == "56%"
    assert percentuale(c.cifra("quota_privata").valore, 0) == "44%"
    assert c.cifra("patrimonio_netto").valore == Decimal("132589")
    assert c.cifra("patrimonio_netto", 2019).valore == Decimal("94211")
    assert c.cifra("soci_totale").valore == 23
    assert c.cifra("lavoratori_totale").valore == 53


def test_cosper_reports_the_brochures_own_mistakes() -> None:
    rapporto = bilancio.check(esempio("cosper"))
    assert rapporto.leggibile and not rapporto.valido
    errori = {(p.codice, p.trovato, p.atteso) for p in rapporto.errori}
    # "85 minori ... 41 + 32 + 11"
    assert ("BENEFICIARI-SERVIZIO", "84", "85") in errori
    # 305 hours over 113 interventions is not "2 ore e 31 minuti"
    assert ("DURATA-MEDIA", "2 ore e 31 minuti", "2 ore e 42 minuti") in errori
    # "10.895 accessi totali" but 7.557 + 3.036 + 303 = 10.896
    assert ("INTERVENTI-SERVIZIO", "10.896", "10.895") in errori
    assert len(errori) == 3
    dati = carica(ESEMPI / "cosper")  # loads even with rule errors (load would raise)
    assert dati.anno == 2025


def test_type_b_example_passes_its_rules() -> None:
    rapporto = bilancio.check(esempio("arcobaleno"))
    assert rapporto.valido, rapporto.errori
    dati = bilancio.load(ESEMPI / "arcobaleno")
    assert dati.ente.tipo.ha_ramo_b
    inps = calcola(dati).cifra("svantaggiati_quota").valore
    assert inps is not None and inps >= 30
