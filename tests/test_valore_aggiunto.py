"""The value-added statement (GBS): determined from the CEE lines, distributed as stated."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bilancio.calcolo import calcola
from bilancio.caricamento import carica
from bilancio.controllo import controlla
from bilancio.report import costruisci_report
from bilancio.report.stampa import html

ESEMPI = Path(__file__).parents[1] / "data" / "examples"
XBRL = Path(__file__).parent / "fixtures" / "xbrl"

# CIPM 2020: result 38.674 = 1.160 (3% to the mutual funds) + 37.514 to reserves;
# B14 9.776 of which 1.200 indirect taxes, no donations
DISTRIBUZIONE = {
    "imposte_indirette": 1200,
    "liberalita": 0,
    "ristorni": 0,
    "fondi_mutualistici": 1160,
    "dividendi": 0,
    "riserve": 37514,
    "utile_portato_nuovo": 0,
}


def _cipm(tmp_path: Path, distribuzione: dict | None) -> Path:
    cartella = tmp_path / "cipm"
    shutil.copytree(ESEMPI / "cipm", cartella)
    shutil.copy(XBRL / "cipm_2020.xbrl", cartella / "2020.xbrl")
    if distribuzione is not None:
        testo = (cartella / "2020.yaml").read_text(encoding="utf-8")
        blocco = yaml.safe_dump({"distribuzione_valore_aggiunto": distribuzione}, sort_keys=False)
        rientrato = "".join("  " + r + "\n" for r in blocco.splitlines())
        testo = testo.replace("economia:\n", "economia:\n" + rientrato, 1)
        (cartella / "2020.yaml").write_text(testo, encoding="utf-8")
    return cartella


def test_il_prospetto_quadra_all_euro(tmp_path):
    cartella = _cipm(tmp_path, DISTRIBUZIONE)
    rapporto = controlla(cartella)
    assert not [p for p in rapporto.problemi if p.gravita.value == "errore"], rapporto.problemi
    c = calcola(carica(cartella).bilancio)
    # by hand: A 362.745 - (5.000 + 300.000 + 6.000 + 0 + 0 + 0 + 9.776 - 1.200) = 43.169
    assert c.cifra("valore_aggiunto_caratteristico_lordo").valore == 43169
    assert c.cifra("valore_aggiunto_globale_lordo").valore == 43174  # + C16 5
    assert c.cifra("valore_aggiunto_globale_netto").valore == 40174  # - B10 3.000
    # 0 personnel (CIPM pays collaborators, in B7) + 1.200 + 300 + 37.514 + 1.160
    assert c.cifra("valore_aggiunto_distribuito").valore == 40174


def test_prospetto_che_non_quadra_e_un_errore(tmp_path):
    cartella = _cipm(tmp_path, {**DISTRIBUZIONE, "riserve": 37000})
    (errore,) = [p for p in controlla(cartella).problemi if p.codice == "VALORE-AGGIUNTO"]
    assert "€ 39.660" in errore.messaggio and "€ 40.174" in errore.messaggio
    assert errore.posizione is not None and errore.posizione.file.endswith("2020.yaml")


def test_senza_distribuzione_dice_cosa_manca(tmp_path):
    cartella = _cipm(tmp_path, None)
    c = calcola(carica(cartella).bilancio)
    assert c.cifra("valore_aggiunto_globale_netto").valore is None
    assert "B14" in c.cifra("valore_aggiunto_globale_netto").motivo
    assert "distribuzione del valore aggiunto" in c.cifra("valore_aggiunto_distribuito").motivo


def test_il_prospetto_nella_sezione_6(tmp_path):
    cartella = _cipm(tmp_path, DISTRIBUZIONE)
    caricato = carica(cartella)
    report = costruisci_report(caricato.bilancio, controlla(cartella), "completo")
    pagina = html(report)
    assert "Prospetto di determinazione e distribuzione del valore aggiunto" in pagina
    assert "Valore aggiunto globale netto" in pagina and "€ 40.174" in pagina
    # without the distribution the statement says what is missing
    cartella_nd = _cipm(tmp_path / "nd", None)
    report = costruisci_report(carica(cartella_nd).bilancio, controlla(cartella_nd), "completo")
    assert "Non calcolabile per il 2020" in html(report)
