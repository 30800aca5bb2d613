"""`bilancio check` through the command line: messages, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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
    dati = json.loads(r.output)
    # the rules ran on the parts that validated (here only conformity warnings)
    [p] = [p for p in dati["problemi"] if p["gravita"] == "errore"]
    assert p["codice"] == "SCHEMA" and p["campo"] == "governo.soci.lavoratori"
    assert p["posizione"]["riga"] == 4
    assert dati["regole_parziali"] is True and dati["parti_escluse"] == ["governo"]


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
    [p] = [p for p in json.loads(r.output)["problemi"] if p["gravita"] == "errore"]
    assert p["posizione"]["foglio"] == "Soci" and p["posizione"]["cella"] == cella.coordinate
    assert p["posizione"]["intestazione"] == "Soci cooperatori lavoratori"
    assert p["campo"] == "governo.soci.lavoratori" and p["trovato"] == "«venti»"


# --- grouped warnings, the summary, -q and -v ---------------------------------------------------


def test_repeated_warnings_are_grouped_with_the_explanation_once() -> None:
    r = invoca("check", str(ESEMPI / "cosper"))
    assert r.exit_code == 1
    rapporto = bilancio.check(ESEMPI / "cosper")
    mancanti = [v.codice for v in rapporto.conformita if v.stato.value == "mancante"]
    assert len(mancanti) > 5
    righe = r.output.splitlines()
    # one heading with the count, the explanation once, one line per missing item
    (intestazione,) = [x for x in righe if x.startswith("avviso CONFORMITA")]
    assert intestazione.endswith(f": {len(mancanti)}")
    assert r.output.count("rif.: DM 4 luglio 2019 §6") == 1
    voci = [x for x in righe if x.startswith("  • ") and "«" in x and "CONFORMITA" not in x]
    for codice in mancanti:
        (riga,) = [x for x in voci if f": {codice} «" in x]
        assert "2025.yaml:" in riga or "ente.yaml:" in riga
    # errors are not lost in the grouping: each with its place, value found and expected
    for p in rapporto.errori:
        assert f"{p.dove}: errore {p.codice}" in r.output
        assert p.messaggio in r.output
    assert len(righe) < 70  # it was 130 before the grouping


def test_the_summary_says_what_is_wrong_what_is_missing_and_what_next() -> None:
    r = invoca("check", str(ESEMPI / "cosper"))
    riepilogo = r.output[r.output.rindex("Riepilogo") :]
    assert (
        "Da correggere: 3 errori (BENEFICIARI-SERVIZIO 1, INTERVENTI-SERVIZIO 1, DURATA-MEDIA 1)"
        in (riepilogo)
    )
    assert "Da completare: 29 voci del DM 4 luglio 2019 mancanti (1.1, 1.2," in riepilogo
    assert "Da verificare: 1 avviso (SVANTAGGIATI-B 1)" in riepilogo
    assert "Prossimo passo: correggere gli errori" in riepilogo
    assert riepilogo.rstrip().splitlines()[-1].startswith("NON VALIDO")
    ok = invoca("check", str(ESEMPI / "arcobaleno"))
    assert ok.exit_code == 0
    if "Riepilogo" in ok.output:
        assert "«bilancio build" in ok.output


def test_summary_when_the_structure_is_wrong_says_the_rules_are_still_to_run(coop) -> None:
    cartella = coop({"anno": 2025, "governo": {"soci": {"lavoratori": "tre"}}})
    r = invoca("check", str(cartella))
    assert "Da correggere: 1 errore (SCHEMA 1)" in r.output
    assert "sono stati applicati alle parti valide; su «3. Struttura, governo" in r.output
    # a wrong year number: no rules at all, and the summary says when they will run
    cartella = coop({"anno": "duemila", "governo": {"soci": {"lavoratori": 3}}}, nome="2024")
    r = invoca("check", str(cartella / "2024.yaml"))
    assert "le regole di legge e i controlli aritmetici partono quando la struttura" in r.output


def test_quiet_prints_errors_and_the_summary_only() -> None:
    tutto = invoca("check", str(ESEMPI / "cosper"))
    breve = invoca("check", str(ESEMPI / "cosper"), "-q")
    assert breve.exit_code == tutto.exit_code == 1
    assert "avviso CONFORMITA" not in breve.output and "avviso SVANTAGGIATI-B" not in breve.output
    assert "errore BENEFICIARI-SERVIZIO" in breve.output
    assert "Da completare: 29 voci" in breve.output  # warnings are counted in the summary
    assert len(breve.output.splitlines()) < 25
    assert invoca("check", str(ESEMPI / "cosper"), "--quiet").output == breve.output


def test_verbose_prints_every_problem_in_full() -> None:
    rapporto = bilancio.check(ESEMPI / "cosper")
    r = invoca("check", str(ESEMPI / "cosper"), "-v")
    assert r.exit_code == 1
    for p in rapporto.problemi:
        assert f"{p.dove}: {p.gravita.value} {p.codice}" in r.output
        assert f"  {p.messaggio}" in r.output
    assert r.output.count("rif.: DM 4 luglio 2019 §6") == len(
        [p for p in rapporto.problemi if p.codice == "CONFORMITA"]
    )


def test_quiet_and_verbose_together_is_misuse() -> None:
    r = invoca("check", str(ESEMPI / "cipm"), "-q", "-v")
    assert r.exit_code == 2


def test_json_is_the_same_with_quiet_and_verbose() -> None:
    base = invoca("check", str(ESEMPI / "cosper"), "--json").output
    assert invoca("check", str(ESEMPI / "cosper"), "--json", "-q").output == base
    assert invoca("check", str(ESEMPI / "cosper"), "--json", "-v").output == base


@pytest.mark.slow  # prints a PDF
def test_build_quiet_counts_layout_warnings_and_prints_the_summary_line(tmp_path: Path) -> None:
    modelli = tmp_path / "modelli" / "completo"
    modelli.mkdir(parents=True)
    (modelli / "rapporto.html").write_text(
        '{% extends "!completo/rapporto.html" %}\n'
        "{% block stile %}{{ super() }} p { colore-uno: red; } h2 { colore-due: red; }"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    argomenti = ["build", str(ESEMPI / "cipm"), "-o", str(tmp_path / "out"), "--format", "pdf"]
    r = invoca(*argomenti, "--templates", str(tmp_path / "modelli"), "-q")
    assert r.exit_code == 0, r.output
    testo = " ".join(r.output.split())
    assert "2 avvisi di impaginazione (WeasyPrint): senza -q sono elencati." in testo
    assert "colore-uno" not in testo
    # the check's warnings: only the summary line
    assert "OK " in testo and "11 avvisi" in testo and "avviso CONFORMITA" not in testo
    assert "scritto" in testo


def test_an_output_encoding_without_our_characters_gets_question_marks_not_an_error() -> None:
    """«», …, è in an ASCII or Latin-1 output (a C locale, PYTHONIOENCODING): each becomes a
    «?» and the check ends with its own code, never an internal error."""
    import os
    import subprocess
    import sys

    from conftest import ESEMPI

    for codifica in ("ascii", "latin-1"):
        esito = subprocess.run(
            [sys.executable, "-m", "bilancio", "check", str(ESEMPI / "cosper"), "-v", "--cifre"],
            env={**os.environ, "PYTHONIOENCODING": codifica},
            capture_output=True,
            timeout=120,
        )
        assert esito.returncode == 1, esito.stderr.decode(codifica)
        testo = esito.stdout.decode(codifica)
        assert "BENEFICIARI-SERVIZIO" in testo and "?" in testo
        assert "errore interno" not in esito.stderr.decode(codifica)
