"""`bilancio init` and `bilancio convert` through the command line."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

import bilancio
from bilancio import conversione
from bilancio.cli import _registra, app
from bilancio.conversione import leggi_anno
from bilancio.modello import Anno, Ente
from bilancio.scheletro import anno_di_riferimento
from conftest import ESEMPI, RADICE

_registra()
runner = CliRunner()
COMPLETO = RADICE / "tests" / "fixtures" / "xlsx" / "completo" / "2025.yaml"


def invoca(*argomenti: str):
    return runner.invoke(app, list(argomenti))


# --- init ----------------------------------------------------------------------------------


def test_init_yaml_writes_commented_skeletons(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    r = invoca("init", str(cartella), "--name", "Cooperativa Il Faro", "--year", "2025")
    assert r.exit_code == 0, r.output
    assert (
        f"scritto {cartella / 'ente.yaml'}" in r.output
        and f"scritto {cartella / '2025.yaml'}" in r.output
    )
    ente = (cartella / "ente.yaml").read_text(encoding="utf-8")
    anno = (cartella / "2025.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(ente)["denominazione"] == "Cooperativa Il Faro"
    dati = yaml.safe_load(anno)
    assert dati["anno"] == 2025
    # every section of the guidelines, in order, each item explained in Italian
    sezioni = [k for k in Anno.model_fields if k != "ente"]
    assert list(dati) == sezioni
    assert "# Base sociale" in anno and "# Soci cooperatori volontari" in anno
    assert "Organo di controllo" in anno and "non_presente" in anno
    assert "# Qualificazione ai sensi del Codice del Terzo settore" in ente and "A+B" in ente
    for campo in Ente.model_fields:
        assert f"{campo}:" in ente


def test_fresh_skeleton_only_asks_for_the_cooperative_type(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    assert invoca("init", str(cartella), "--name", "Il Faro").exit_code == 0
    rapporto = bilancio.check(cartella)
    assert rapporto.anno == anno_di_riferimento()
    assert [(p.codice, p.campo) for p in rapporto.errori] == [("SCHEMA", "tipo")]
    ente = (cartella / "ente.yaml").read_text(encoding="utf-8").replace("\ntipo:", "\ntipo: A", 1)
    (cartella / "ente.yaml").write_text(ente, encoding="utf-8")
    assert bilancio.check(cartella).valido


def test_init_xlsx_writes_a_workbook_that_loads(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    r = invoca("init", str(cartella), "--xlsx", "--name", "Il Faro", "--year", "2025")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in cartella.iterdir()) == ["2025.xlsx"]
    wb = openpyxl.load_workbook(cartella / "2025.xlsx")
    assert wb.sheetnames[0] == "Istruzioni" and "Soci" in wb.sheetnames
    rapporto = bilancio.check(cartella)
    assert [(p.codice, p.campo) for p in rapporto.errori] == [("SCHEMA", "ente.tipo")]
    assert "Ente!B" in rapporto.errori[0].dove  # the cell to fill


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    assert invoca("init", str(cartella), "--year", "2025").exit_code == 0
    (cartella / "2025.yaml").write_text("anno: 2025\n", encoding="utf-8")
    r = invoca("init", str(cartella), "--year", "2025")
    assert r.exit_code == 2 and "--force" in r.output
    assert (cartella / "2025.yaml").read_text(encoding="utf-8") == "anno: 2025\n"
    assert invoca("init", str(cartella), "--year", "2025", "--force").exit_code == 0
    assert (cartella / "2025.yaml").read_text(encoding="utf-8") != "anno: 2025\n"


def test_init_xlsx_beside_a_yaml_year_is_refused(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    assert invoca("init", str(cartella), "--year", "2025").exit_code == 0
    r = invoca("init", str(cartella), "--year", "2025", "--xlsx", "--force")
    assert r.exit_code == 2 and "2025.yaml" in r.output
    assert not (cartella / "2025.xlsx").exists()


def test_init_xlsx_leaves_ente_to_ente_yaml(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    assert invoca("init", str(cartella), "--year", "2024", "--name", "Il Faro").exit_code == 0
    assert invoca("init", str(cartella), "--year", "2025", "--xlsx").exit_code == 0
    assert "ente" not in bilancio.lettura.leggi(cartella / "2025.xlsx").dati


def test_init_and_convert_have_help() -> None:
    for comando in ("init", "convert"):
        r = invoca(comando, "--help")
        assert r.exit_code == 0 and "--force" in r.output


# --- convert -------------------------------------------------------------------------------


def test_convert_yaml_to_xlsx_and_back(tmp_path: Path) -> None:
    xlsx = tmp_path / "2025.xlsx"
    r = invoca("convert", str(COMPLETO), str(xlsx))
    assert r.exit_code == 0, r.output
    assert f"scritto {xlsx}" in r.output
    indietro = tmp_path / "indietro" / "2025.yaml"
    assert invoca("convert", str(xlsx), str(indietro)).exit_code == 0
    assert leggi_anno(indietro).model_dump() == leggi_anno(COMPLETO).model_dump()


def test_convert_never_overwrites_without_force(tmp_path: Path) -> None:
    destinazione = tmp_path / "2020.xlsx"
    destinazione.write_bytes(b"mio")
    r = invoca("convert", str(ESEMPI / "cipm" / "2020.yaml"), str(destinazione))
    assert r.exit_code == 2 and "--force" in r.output
    assert destinazione.read_bytes() == b"mio"
    assert (
        invoca(
            "convert", str(ESEMPI / "cipm" / "2020.yaml"), str(destinazione), "--force"
        ).exit_code
        == 0
    )
    assert destinazione.read_bytes().startswith(b"PK")


def test_convert_with_errors_writes_nothing_and_lists_them(tmp_path: Path) -> None:
    sorgente = tmp_path / "2025.yaml"
    sorgente.write_text(
        "anno: 2025\ngoverno:\n  soci:\n    lavoratori: tanti\n    volontari: -1\n",
        encoding="utf-8",
    )
    r = invoca("convert", str(sorgente), str(tmp_path / "2025.xlsx"))
    assert r.exit_code == 1
    assert f"{sorgente}:4:17" in r.output and f"{sorgente}:5:16" in r.output
    assert "Nessun file scritto" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025.yaml"]


def test_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def guasto(anno: Anno) -> bytes:
        raise OSError("disco pieno")

    monkeypatch.setattr(conversione, "xlsx_anno", guasto)
    with pytest.raises(OSError):
        conversione.converti(COMPLETO, tmp_path / "2025.xlsx")
    assert os.listdir(tmp_path) == []


def test_convert_unreadable_source_exits_two(tmp_path: Path) -> None:
    finto = tmp_path / "2025.xlsx"
    finto.write_text("a;b\n", encoding="utf-8")
    r = invoca("convert", str(finto), str(tmp_path / "2025.yaml"))
    assert r.exit_code == 2 and "CSV" in r.output
    assert not (tmp_path / "2025.yaml").exists()
    assert invoca("convert", str(tmp_path / "manca.yaml"), str(tmp_path / "x.xlsx")).exit_code == 2


def test_convert_refuses_a_year_name_that_disagrees(tmp_path: Path) -> None:
    r = invoca("convert", str(COMPLETO), str(tmp_path / "2024.xlsx"))
    assert r.exit_code == 2 and "2025.xlsx" in r.output


def test_readme_documents_init_and_convert() -> None:
    readme = (RADICE / "README.md").read_text(encoding="utf-8")
    sezione = readme.split("## Spreadsheets (XLSX)", 1)[1].split("\n## ", 1)[0]
    assert "bilancio init" in sezione and "--xlsx" in sezione and "bilancio convert" in sezione
    assert readme.index("## Spreadsheets (XLSX)") < readme.index("## Python API")


def test_init_of_a_new_year_keeps_ente_yaml(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    assert invoca("init", str(cartella), "--year", "2024", "--name", "Il Faro").exit_code == 0
    ente = (cartella / "ente.yaml").read_text(encoding="utf-8").replace("\ntipo:", "\ntipo: B", 1)
    (cartella / "ente.yaml").write_text(ente, encoding="utf-8")
    r = invoca("init", str(cartella), "--year", "2025", "--force")
    assert r.exit_code == 0 and "ente.yaml" not in r.output
    assert (cartella / "ente.yaml").read_text(encoding="utf-8") == ente
    assert (cartella / "2025.yaml").exists()


def test_convert_shows_what_the_workbook_had_to_ignore(tmp_path: Path) -> None:
    xlsx = tmp_path / "2025.xlsx"
    conversione.converti(COMPLETO, xlsx)
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Governo"]
    riga = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Collaborazioni") + 1
    ws.cell(riga, 9).value = "Colonna mia"
    ws.cell(riga + 1, 9).value = "dato"
    wb.save(xlsx)
    r = invoca("convert", str(xlsx), str(tmp_path / "2025.yaml"))
    assert r.exit_code == 0, r.output
    assert "avviso" in r.output and "Colonna mia" in r.output
