"""`bilancio diff` through the command line: every format, every exit code, the same data as the library."""

from __future__ import annotations

import copy
import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

import bilancio
from bilancio.cli import _registra, app
from conftest import ESEMPI, esempio
from test_diff import ANNO_2024, ANNO_2025, anni, scrivi_anni

_registra()
runner = CliRunner()


def invoca(*argomenti: str | Path):
    return runner.invoke(app, [str(a) for a in argomenti])


@pytest.fixture
def cartella(tmp_path: Path) -> Path:
    return scrivi_anni(tmp_path / "coop", ANNO_2024, ANNO_2025)


# --- formats -------------------------------------------------------------------------------------


def test_table_is_the_default(cartella: Path) -> None:
    r = invoca("diff", cartella)
    assert r.exit_code == 0, r.output
    assert "Confronto 2024 → 2025" in r.stdout
    for testo in (
        "3. Struttura, governo e amministrazione",
        "+20,00%",
        "€ 110.000",
        "n.s.",
        "aggiunto",
        "rimosso",
    ):
        assert testo in r.stdout, testo
    assert "voci confrontate" in r.stdout
    assert "Traceback" not in r.output


def test_json_equals_what_the_library_returns(cartella: Path) -> None:
    r = invoca("diff", cartella, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == json.loads(bilancio.diff(cartella).model_dump_json())
    dati = json.loads(r.stdout)
    costi = next(x for x in dati["righe"] if x["chiave"] == "economia.costi_servizi")
    assert costi["vecchio"] == 0 and costi["nuovo"] == 5000 and costi["delta_percentuale"] is None


def test_json_carries_threshold_and_only_changed(cartella: Path) -> None:
    r = invoca("diff", cartella, "--format", "json", "--threshold", "25", "--only-changed")
    dati = json.loads(r.stdout)
    assert dati["soglia"] == 25
    assert all(x["stato"] != "invariato" for x in dati["righe"])
    soci = next(x for x in dati["righe"] if x["chiave"] == "governo.soci.lavoratori")
    assert soci["oltre_soglia"] is False  # +20% is under 25%
    atteso = bilancio.diff(cartella, threshold=25).solo_variati()
    assert dati == json.loads(atteso.model_dump_json())


def test_csv_italian_dialect_by_default(cartella: Path) -> None:
    r = invoca("diff", cartella, "--format", "csv")
    assert r.exit_code == 0, r.output
    righe = list(csv.reader(io.StringIO(r.stdout), delimiter=";"))
    intestazione = righe[0]
    assert intestazione[:4] == ["sezione", "chiave", "voce", "unita"]
    per_chiave = {x[1]: dict(zip(intestazione, x, strict=True)) for x in righe[1:]}
    soci = per_chiave["governo.soci.lavoratori"]
    assert (soci["vecchio"], soci["nuovo"], soci["variazione"], soci["variazione_percentuale"]) == (
        "10",
        "12",
        "2",
        "20,00",
    )
    assert per_chiave["economia.costi_servizi"]["variazione_percentuale"] == "n.s."
    assert per_chiave["attivita.servizi[Doposcuola]"]["stato"] == "rimosso"


def test_csv_excel_dialect(cartella: Path) -> None:
    r = invoca("diff", cartella, "--format", "csv", "--csv-dialect", "excel")
    righe = list(csv.reader(io.StringIO(r.stdout)))
    intestazione = righe[0]
    peso = next(
        dict(zip(intestazione, x, strict=True))
        for x in righe
        if x[1] == "indicatori.peso_costo_lavoro"
    )
    assert peso["unita"] == "%" and peso["variazione_percentuale"] == "0.00"
    assert (peso["nuovo"], peso["variazione"]) == ("60", "0")
    valore = next(
        dict(zip(intestazione, x, strict=True))
        for x in righe
        if x[1] == "economia.valore_produzione"
    )
    assert (valore["vecchio"], valore["nuovo"], valore["variazione_percentuale"]) == (
        "100000",
        "110000",
        "10.00",
    )


def test_markdown_for_pull_request_comments(cartella: Path) -> None:
    r = invoca("diff", cartella, "--format", "markdown")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("## Confronto 2024 → 2025")
    assert "| Voce | 2024 | 2025 | Variazione | Var. % | Note |" in r.stdout
    assert "| **Costi per servizi** | **€ 0** | **€ 5.000** | **+€ 5.000** | **n.s.** |" in r.stdout


def test_only_changed_hides_unchanged_rows(cartella: Path) -> None:
    completo = invoca("diff", cartella, "--format", "markdown").stdout
    ridotto = invoca("diff", cartella, "--format", "markdown", "--only-changed").stdout
    assert "| Peso del costo del lavoro sul valore della produzione | 60,00% |" in completo
    assert "Peso del costo del lavoro" not in ridotto
    assert "Soci cooperatori lavoratori" in ridotto


def test_two_files(tmp_path: Path, cartella: Path) -> None:
    altrove = tmp_path / "altrove"
    altrove.mkdir()
    (altrove / "2024.yaml").write_text(
        (cartella / "2024.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    r = invoca("diff", altrove / "2024.yaml", cartella / "2025.yaml", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["fonte_vecchio"] == str(altrove / "2024.yaml")


def test_from_and_to(tmp_path: Path) -> None:
    vecchissimo = copy.deepcopy(ANNO_2024)
    vecchissimo["anno"] = 2023
    cartella = scrivi_anni(tmp_path / "c", vecchissimo, ANNO_2024, ANNO_2025)
    dati = json.loads(
        invoca("diff", cartella, "--from", "2023", "--to", "2024", "--format", "json").stdout
    )
    assert (dati["anno_vecchio"], dati["anno_nuovo"]) == (2023, 2024)


# --- exit codes ----------------------------------------------------------------------------------------


def test_fail_over_exits_four_when_a_change_exceeds(cartella: Path) -> None:
    r = invoca("diff", cartella, "--fail-over", "15")
    assert r.exit_code == 4  # "threshold exceeded", told apart from invalid data (1)
    assert "superano il 15%" in r.stderr
    # a change from zero exceeds any threshold
    assert invoca("diff", cartella, "--fail-over", "1000").exit_code == 4


def test_fail_over_exits_zero_when_nothing_exceeds(tmp_path: Path) -> None:
    cartella = scrivi_anni(tmp_path / "c", ANNO_2024)
    uguale = copy.deepcopy(ANNO_2024)
    uguale["anno"] = 2025
    scrivi_anni(cartella, uguale, ente=False)
    r = invoca("diff", cartella, "--fail-over", "0", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["righe"]


def test_unreadable_input_exits_two_with_located_errors(tmp_path: Path) -> None:
    cartella = scrivi_anni(tmp_path / "c", ANNO_2024)
    (cartella / "2025.yaml").write_text(
        "anno: 2025\ngoverno:\n  soci: {lavoratori: 3\n", encoding="utf-8"
    )
    r = invoca("diff", cartella)
    assert r.exit_code == 2
    assert f"{cartella / '2025.yaml'}:4:1: errore SINTASSI" in r.stderr
    assert "Traceback" not in r.output


def test_invalid_data_exits_one_like_check_with_located_errors(tmp_path: Path) -> None:
    cartella = scrivi_anni(tmp_path / "c", ANNO_2024)
    (cartella / "2025.yaml").write_text(
        "anno: 2025\ngoverno:\n  soci:\n    lavoratori: -3\n", encoding="utf-8"
    )
    r = invoca("diff", cartella, "--format", "json")
    assert r.exit_code == 1 == invoca("check", cartella).exit_code
    assert f"{cartella / '2025.yaml'}:4:17: errore SCHEMA governo.soci.lavoratori" in r.stderr
    assert r.stdout == ""


def test_missing_path_and_missing_year_exit_two(tmp_path: Path, cartella: Path) -> None:
    r = invoca("diff", tmp_path / "manca")
    assert r.exit_code == 2 and "non esiste" in r.stderr
    r = invoca("diff", cartella, "--from", "2010")
    assert (
        r.exit_code == 2
        and "Non ci sono dati per il 2010 (anni disponibili: 2024, 2025)." in r.stderr
    )


def test_misuse_exits_two(cartella: Path) -> None:
    assert invoca("diff", cartella, "--threshold", "molto").exit_code == 2
    assert invoca("diff", cartella, "--format", "pdf").exit_code == 2
    assert invoca("diff", cartella, "--csv-dialect", "tedesco").exit_code == 2


def test_help_lists_the_options() -> None:
    r = invoca("diff", "--help")
    assert r.exit_code == 0
    for opzione in (
        "--from",
        "--to",
        "--threshold",
        "--only-changed",
        "--format",
        "--csv-dialect",
        "--fail-over",
        "--debug",
    ):
        assert opzione in r.stdout


def test_readme_documents_the_command() -> None:
    readme = (ESEMPI.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "## `bilancio diff`" in readme
    for opzione in ("--from", "--threshold", "--only-changed", "--csv-dialect", "--fail-over"):
        assert opzione in readme


# --- the bundled examples ------------------------------------------------------------------------------


def test_cosper_in_the_terminal_and_in_json() -> None:
    esempio("cosper")
    r = invoca("diff", ESEMPI / "cosper")
    assert r.exit_code == 0, r.output
    for testo in ("-3,77%", "+5,04%", "+5,08%", "+2,68%", "-4,85%", "+10,74%"):
        assert testo in r.stdout
    dati = json.loads(invoca("diff", ESEMPI / "cosper", "--format", "json").stdout)
    soci = next(x for x in dati["righe"] if x["chiave"] == "governo.soci.lavoratori")
    assert (soci["vecchio"], soci["nuovo"], soci["delta"]) == (106, 102, -4)


def test_cipm_years_by_option() -> None:
    esempio("cipm")
    r = invoca("diff", ESEMPI / "cipm", "--from", "2019", "--to", "2020", "--format", "markdown")
    assert r.exit_code == 0, r.output
    assert "| Valore della produzione | € 345.224 | € 362.745 | +€ 17.521 | +5,08% |" in r.stdout
    assert (
        "| **Totale patrimonio netto** | **€ 94.211** | **€ 132.589** | **+€ 38.378** | **+40,74%** |"
        in r.stdout
    )


# --- property: the CLI's JSON is the library's result ------------------------------------------------------


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(anni(2024), anni(2025))
def test_cli_json_equals_library_for_any_data(
    vecchi: dict[str, Any], nuovi: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as cartella:
        percorso = scrivi_anni(Path(cartella) / "coop", vecchi, nuovi)
        r = invoca("diff", percorso, "--format", "json")
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout) == json.loads(bilancio.diff(percorso).model_dump_json())
        for formato in ("csv", "markdown", "table"):
            assert invoca("diff", percorso, "--format", formato).exit_code == 0


def test_a_spreadsheet_against_a_yaml_file(tmp_path: Path, cartella: Path) -> None:
    """XLSX files are compared like YAML ones (through `bilancio convert`, when available)."""
    foglio = tmp_path / "foglio" / "2024.xlsx"
    foglio.parent.mkdir()
    convertito = invoca("convert", cartella / "2024.yaml", foglio)
    if convertito.exit_code != 0 or not foglio.exists():
        pytest.skip("conversione in XLSX non disponibile")
    r = invoca("diff", foglio, cartella / "2025.yaml", "--format", "json")
    assert r.exit_code == 0, r.output
    dati = json.loads(r.stdout)
    atteso = json.loads(bilancio.diff(cartella).model_dump_json())
    for chiave in ("fonte_vecchio", "fonte_nuovo"):
        dati.pop(chiave), atteso.pop(chiave)
    assert dati == atteso
