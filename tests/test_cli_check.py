"""`bilancio check` through the command line: messages, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import bilancio
from bilancio.cli import _registra, app
from conftest import ESEMPI

_registra()
runner = CliRunner()


def invoca(*argomenti: str):
    return runner.invoke(app, list(argomenti))


def test_valid_example_exits_zero() -> None:
    r = invoca("check", str(ESEMPI / "cipm"))
    assert r.exit_code == 0, r.output
    assert "OK" in r.output and "0 errori" in r.output


def test_strict_makes_warnings_fail() -> None:
    assert invoca("check", str(ESEMPI / "cipm"), "--strict").exit_code == 1


def test_errors_exit_one_with_location(coop) -> None:
    cartella = coop("anno: 2025\ngoverno:\n  soci:\n    lavoratori: 4\n    volontari: 5\n")
    r = invoca("check", str(cartella))
    assert r.exit_code == 1
    assert (
        f"{cartella / '2025.yaml'}:5:16: errore SOCI-VOLONTARI governo.soci.volontari" in r.output
    )
    assert "NON VALIDO" in r.output


def test_syntax_error_exits_two(coop) -> None:
    cartella = coop("anno: 2025\ngoverno:\n  soci: {lavoratori: 3\n")
    r = invoca("check", str(cartella))
    assert r.exit_code == 2
    assert "2025.yaml:4:1: errore SINTASSI" in r.output
    assert "Traceback" not in r.output


def test_missing_path_exits_two() -> None:
    r = invoca("check", "/non/esiste")
    assert r.exit_code == 2
    assert "non esiste" in r.output


def test_missing_year_exits_two() -> None:
    r = invoca("check", str(ESEMPI / "cipm"), "--year", "2019")
    assert r.exit_code == 2
    assert "anni disponibili: 2020" in r.output


def test_misuse_exits_two() -> None:
    assert invoca("check").exit_code == 2
    assert invoca("check", str(ESEMPI / "cipm"), "--year", "abc").exit_code == 2


def test_single_year_file(tmp_path: Path) -> None:
    r = invoca("check", str(ESEMPI / "cipm" / "2020.yaml"))
    assert r.exit_code == 0, r.output


def test_json_equals_library() -> None:
    r = invoca("check", str(ESEMPI / "cipm"), "--json")
    assert r.exit_code == 0
    dati = json.loads(r.output)
    libreria = bilancio.check(ESEMPI / "cipm").model_dump(mode="json")
    for chiave, valore in libreria.items():
        assert dati[chiave] == valore
    assert dati["valido"] is True and dati["errori"] == 0


def test_json_on_errors(coop) -> None:
    cartella = coop({"anno": 2025, "governo": {"soci": {"lavoratori": "tre"}}})
    r = invoca("check", str(cartella), "--json")
    assert r.exit_code == 1
    [p] = json.loads(r.output)["problemi"]
    assert p["codice"] == "SCHEMA" and p["campo"] == "governo.soci.lavoratori"
    assert p["posizione"]["riga"] == 4


def test_conformity_table() -> None:
    r = invoca("check", str(ESEMPI / "cipm"), "--conformita")
    assert "Tavola di conformità" in r.output and "dichiarata assente" in r.output


def test_internal_error_has_no_traceback_without_debug(monkeypatch, coop) -> None:
    import bilancio.controllo as modulo  # the command imports it when it runs

    def guasto(*a, **k):
        raise RuntimeError("guasto simulato")

    monkeypatch.setattr(modulo, "controlla", guasto)
    cartella = coop({"anno": 2025})
    r = invoca("check", str(cartella))
    assert r.exit_code == 3
    assert "errore interno" in r.output and "Traceback" not in r.output
    r = invoca("check", str(cartella), "--debug")
    assert r.exit_code == 3
    # --debug shows the traceback, down to where the error was raised
    assert "Traceback (most recent call last)" in r.stderr
    assert 'raise RuntimeError("guasto simulato")' in r.stderr
    assert r.stderr.rstrip().endswith("RuntimeError: guasto simulato")


def test_debug_also_shows_where_a_library_error_came_from(tmp_path: Path) -> None:
    r = invoca("check", str(tmp_path / "manca"))
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = invoca("check", str(tmp_path / "manca"), "--debug")
    assert r.exit_code == 2
    assert "errore:" in r.stderr and "Traceback (most recent call last)" in r.stderr
    assert "bilancio.errori.InputIlleggibile" in r.stderr


def test_every_command_has_help() -> None:
    r = invoca("--help")
    assert r.exit_code == 0
    for comando in ("check", "schema"):
        assert comando in r.output
        assert invoca(comando, "--help").exit_code == 0


def test_json_locates_workbook_cells_with_their_header(tmp_path: Path) -> None:
    import shutil

    import openpyxl

    cartella = tmp_path / "coop"
    cartella.mkdir()
    shutil.copy(ESEMPI / "cipm" / "ente.yaml", cartella / "ente.yaml")
    bilancio.convert(ESEMPI / "cipm" / "2020.yaml", cartella / "2020.xlsx")
    cartella_lavoro = openpyxl.load_workbook(cartella / "2020.xlsx")
    foglio = cartella_lavoro["Soci"]
    cella = next(c for riga in foglio.iter_rows() for c in riga if c.value == 20)
    cella.value = "venti"
    cartella_lavoro.save(cartella / "2020.xlsx")
    r = invoca("check", str(cartella), "--json")
    assert r.exit_code == 1
    [p] = json.loads(r.output)["problemi"]
    assert p["posizione"]["foglio"] == "Soci" and p["posizione"]["cella"] == cella.coordinate
    assert p["posizione"]["intestazione"] == "Soci cooperatori lavoratori"
    assert p["campo"] == "governo.soci.lavoratori" and p["trovato"] == "«venti»"
