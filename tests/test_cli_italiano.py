"""The command line speaks Italian, its own framework's words included.

Typer bundles Click and its strings are English; bilancio.cli.italiano replaces them. These
tests fail if a Typer upgrade brings English back (a new string, a renamed hook).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

import bilancio
from bilancio.cli import app
from conftest import ENTE_MINIMO, scrivi_coop

COMANDI = typer.main.get_command(app).commands  # type: ignore[attr-defined]

# English words of Typer/Click and pydantic that must never reach the user
INGLESE = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Show this message|Missing|Try|Error|Invalid|"
    r"No such|is not one of|Input should|Value error|required|default|for help|Got unexpected|"
    r"Did you mean|requires an? |does not take|Aborted|argument|option|range|list|COMMAND|ARGS|"
    r"OPTIONS)\b"
)


def _invoca(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(app, list(args), terminal_width=200)
    return r.exit_code, r.output


# the type names the help shows: Italian, or a list of choices
TIPI = {"<percorso>", "<intero>", "<numero>", "<testo>", "<sì/no>", "<data>"}


def _nessun_inglese(testo: str) -> None:
    trovate = INGLESE.findall(testo)
    assert not trovate, f"parole inglesi {trovate} in:\n{testo}"
    tipi = {t for t in re.findall(r"<[^>]+>", testo) if "|" not in t}
    assert tipi <= TIPI, f"tipi non tradotti: {tipi - TIPI}"


@pytest.mark.parametrize("nome", [None, *COMANDI])
def test_help_of_every_command_is_italian(nome: str | None) -> None:
    args = [nome] if nome else []
    for aiuto in ("--help", "-h"):
        codice, testo = _invoca(*args, aiuto)
        assert codice == 0, testo
        assert testo.startswith(f"Uso: bilancio{' ' + nome if nome else ''} [OPZIONI]")
        assert "Opzioni:" in testo and "-h, --help  " in testo
        assert "Mostra questo aiuto ed esce." in testo
        _nessun_inglese(testo)


def test_without_a_command_the_help_is_shown_with_exit_2() -> None:
    codice, testo = _invoca()
    assert codice == 2
    assert "Comandi:" in testo
    _nessun_inglese(testo)


def test_commands_are_listed_in_the_order_a_user_needs_them() -> None:
    _, testo = _invoca("--help")
    elenco = testo.split("Comandi:")[1]
    nomi = [r.split()[0] for r in elenco.strip().splitlines()]
    assert nomi == [
        *("init", "check", "build", "diff", "convert", "site", "import", "schema", "serve")
    ]


def test_version() -> None:
    codice, testo = _invoca("--version")
    assert (codice, testo) == (0, f"bilancio {bilancio.__version__}\n")


def test_a_cooperatives_folder_has_one_name_in_every_command() -> None:
    for nome in ("init", "check", "build", "diff", "import"):
        _, testo = _invoca(nome, "--help")
        assert re.search(rf"^Uso: bilancio {nome} \[OPZIONI\] .*\bCARTELLA\b", testo, re.M), nome
        assert not re.search(r"\b(PATH|PERCORSO|DIR)\b", testo), nome


@pytest.mark.parametrize(
    ("args", "atteso"),
    [
        (["check"], "errore: manca l'argomento CARTELLA"),
        (["check", "x", "--foo"], "errore: opzione sconosciuta: --foo"),
        (["check", "x", "--year"], "errore: l'opzione --year richiede un valore"),
        (["check", "x", "--year", "abc"], "atteso un numero intero, trovato «abc»"),
        (["check", "x", "y"], "errore: argomenti in più non previsti: y"),
        (["check", "x", "--json=1"], "errore: l'opzione --json non prende valori"),
        (
            ["build", "x", "--theme", "complet"],
            "valore non valido per --theme / --tema: «complet» non è tra i valori ammessi: "
            "completo, sintesi",
        ),
        (["site", "x", "--jobs", "0"], "--jobs / -j: deve essere almeno 1, trovato «0»"),
        (["init", "x", "--year", "1800"], "deve essere almeno 1900, trovato «1800»"),
        (["site", "x", "--shard", "5/4"], "atteso I/N con 1 ≤ I ≤ N"),
        (["diff", "x", "--threshold", "tanto"], "atteso un numero (percentuale)"),
        (["chek", "x"], "errore: comando sconosciuto «chek» (forse 'check'"),
    ],
)
def test_usage_errors_are_italian_and_exit_2(args: list[str], atteso: str) -> None:
    codice, testo = _invoca(*args)
    assert codice == 2, testo
    assert atteso in testo
    _nessun_inglese(testo)


def test_a_usage_error_shows_the_usage_line_and_where_help_is() -> None:
    _, testo = _invoca("check")
    assert testo.startswith(
        "Uso: bilancio check [OPZIONI] CARTELLA\nAiuto: bilancio check --help\n"
    )


def test_an_unknown_format_of_build_is_misuse(tmp_path: Path) -> None:
    coop = scrivi_coop(tmp_path / "coop", {"anno": 2025}, ENTE_MINIMO)
    codice, testo = _invoca("build", str(coop), "--format", "docx", "-o", str(tmp_path / "out"))
    assert codice == 2, testo
    assert "Formato «docx» sconosciuto: scegliere tra html, pdf." in testo
    assert not (tmp_path / "out").exists()
