"""`bilancio import FILE.xbrl DIR`: into YAML (comments kept) and XLSX, then `check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from typer.testing import CliRunner

from bilancio.caricamento import carica
from bilancio.cli import app

ESEMPI = Path(__file__).parents[1] / "data" / "examples"
XBRL = Path(__file__).parent / "fixtures" / "xbrl"
runner = CliRunner()


def _bilancio(*argomenti: object):
    return runner.invoke(app, [str(a) for a in argomenti])


def _copia(tmp_path: Path, esempio: str) -> Path:
    cartella = tmp_path / esempio
    shutil.copytree(ESEMPI / esempio, cartella)
    return cartella


def test_import_yaml_mantiene_commenti_e_chiavi_poi_check(tmp_path):
    cartella = _copia(tmp_path, "cipm")
    prima = (cartella / "2020.yaml").read_text(encoding="utf-8")
    esito = _bilancio("import", XBRL / "cipm_2020.xbrl", cartella)
    assert esito.exit_code == 0, esito.output
    assert "esercizio 2020 (bilancio abbreviato)" in esito.output
    dopo = (cartella / "2020.yaml").read_text(encoding="utf-8")
    # every line before the economic section is byte for byte the same, comments included
    inizio = prima.index("\neconomia:")
    assert dopo[:inizio] == prima[:inizio]
    assert dopo.startswith("# yaml-language-server")
    dati_prima, dati_dopo = yaml.safe_load(prima), yaml.safe_load(dopo)
    for chiave in dati_prima:
        if chiave not in ("economia", "anni_precedenti"):
            assert dati_dopo[chiave] == dati_prima[chiave], chiave
    for chiave, valore in dati_prima["economia"].items():
        if isinstance(valore, dict):  # nothing typed was lost
            assert valore.items() <= dati_dopo["economia"][chiave].items(), chiave
        else:
            assert dati_dopo["economia"][chiave] == valore, chiave
    ce = dati_dopo["economia"]["conto_economico"]
    assert ce["costi_produzione"]["servizi"] == 300000
    assert dati_dopo["economia"]["patrimonio"]["riserva_legale"] == 30000
    # the previous-year contexts fill anni_precedenti (2019 has no file of its own)
    ce_2019 = dati_dopo["anni_precedenti"][2019]["economia"]["conto_economico"]
    assert ce_2019["valore_produzione"]["totale"] == 345224
    assert (
        dati_dopo["anni_precedenti"][2019]["governo"]
        == dati_prima["anni_precedenti"][2019]["governo"]
    )
    assert _bilancio("check", cartella).exit_code == 0
    # a second import changes nothing
    assert _bilancio("import", XBRL / "cipm_2020.xbrl", cartella).exit_code == 0
    assert (cartella / "2020.yaml").read_text(encoding="utf-8") == dopo


def test_import_xlsx_poi_check(tmp_path):
    cartella = tmp_path / "cipm"
    cartella.mkdir()
    shutil.copy(ESEMPI / "cipm" / "ente.yaml", cartella)
    assert (
        _bilancio("convert", ESEMPI / "cipm" / "2020.yaml", cartella / "2020.xlsx").exit_code == 0
    )
    esito = _bilancio("import", XBRL / "cipm_2020.xbrl", cartella)
    assert esito.exit_code == 0, esito.output
    assert "disegni" not in esito.output  # the comments' own drawings are kept by openpyxl
    bilancio = carica(cartella).bilancio
    assert bilancio.anno.economia.conto_economico.costi_produzione.servizi == 300000
    assert bilancio.anno.economia.patrimonio.altre_riserve == 62995
    # the comparative column, in the «Anni precedenti» sheet
    ce_2019 = bilancio.precedenti[2019].economia.conto_economico
    assert ce_2019.costi_produzione.servizi == 310000
    assert bilancio.precedenti[2019].economia.patrimonio.riserva_legale == 27000
    assert _bilancio("check", cartella).exit_code == 0


def test_nuovo_file_e_anni_precedenti(tmp_path):
    cartella = tmp_path / "girasole"
    cartella.mkdir()
    shutil.copy(ESEMPI / "girasole" / "ente.yaml", cartella)
    esito = _bilancio("import", XBRL / "ordinario_2025.xbrl", cartella)
    assert esito.exit_code == 0, esito.output
    dati = yaml.safe_load((cartella / "2025.yaml").read_text(encoding="utf-8"))
    assert dati["anno"] == 2025  # the year ending 30/06/2025
    personale = dati["economia"]["conto_economico"]["costi_produzione"]["personale"]
    assert personale["trattamento_quiescenza"] == 0  # absent, and B9 proves it zero
    prec = dati["anni_precedenti"][2024]["economia"]
    assert prec["patrimonio"]["patrimonio_netto"] == 228000  # not the 30/06/2023 opening
    assert prec["patrimonio"]["riserve"] == 142000


def test_abbreviato_dettaglio_non_scritto(tmp_path):
    cartella = tmp_path / "a"
    cartella.mkdir()
    shutil.copy(ESEMPI / "arcobaleno" / "ente.yaml", cartella)
    assert _bilancio("import", XBRL / "abbreviato_2025.xbrl", cartella).exit_code == 0
    dati = yaml.safe_load((cartella / "2025.yaml").read_text(encoding="utf-8"))
    personale = dati["economia"]["conto_economico"]["costi_produzione"]["personale"]
    assert personale["tfr_quiescenza_altri_costi"] == 20000
    assert "trattamento_fine_rapporto" not in personale  # unknown, not zero


def test_anno_con_file_riesposto_avvisa(tmp_path):
    cartella = _copia(tmp_path, "arcobaleno")
    prima_2024 = (cartella / "2024.yaml").read_bytes()
    esito = _bilancio("import", XBRL / "abbreviato_2025.xbrl", cartella)
    assert esito.exit_code == 0, esito.output
    assert "XBRL-RIESPOSTO" in esito.output
    assert "€ 1.012.350" in esito.output or "€ 1.086.410" in esito.output
    assert "€ 425.000" in esito.output and "2024.yaml" in esito.output
    assert (cartella / "2024.yaml").read_bytes() == prima_2024  # never changed


def test_istanza_ostile_nessun_file_scritto(tmp_path):
    cartella = _copia(tmp_path, "cipm")
    prima = (cartella / "2020.yaml").read_bytes()
    ostile = tmp_path / "bomba.xbrl"
    ostile.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<x>&a;</x>')
    esito = _bilancio("import", ostile, cartella)
    assert esito.exit_code == 1
    assert "DOCTYPE" in esito.output and "Nessun file scritto" in esito.output
    assert "Traceback" not in esito.output
    assert (cartella / "2020.yaml").read_bytes() == prima


def test_istanza_di_un_altra_impresa_rifiutata(tmp_path):
    cartella = _copia(tmp_path, "cipm")
    esito = _bilancio("import", XBRL / "ordinario_2025.xbrl", cartella)
    assert esito.exit_code == 1
    assert "01234560157" in esito.output and "97162980151" in esito.output
    assert not (cartella / "2025.yaml").exists()


def test_anno_assente_nell_istanza(tmp_path):
    cartella = _copia(tmp_path, "cipm")
    esito = _bilancio("import", XBRL / "cipm_2020.xbrl", cartella, "--year", "2018")
    assert esito.exit_code == 1 and "2018" in esito.output
