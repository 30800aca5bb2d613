"""The README's promises: its Python snippet runs, its commands and options are the real ones,
and every library error is an ErroreBilancio."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperOption
from typer.testing import CliRunner

import bilancio
from bilancio.cli import app
from conftest import ENTE_MINIMO, RADICE, scrivi_coop

README = (RADICE / "README.md").read_text(encoding="utf-8")
COMANDI = typer.main.get_command(app).commands  # type: ignore[attr-defined]
OPZIONE = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _sezione(titolo: str) -> str:
    """The text of the README section ``## <titolo>``, up to the next ``##``."""
    m = re.search(rf"^## {re.escape(titolo)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert m, f"il README non ha la sezione «{titolo}»"
    return m.group(1)


def _blocco(testo: str, lingua: str = "") -> str:
    """The first fenced code block of ``testo`` (in ``lingua``, if given)."""
    m = re.search(rf"^```{lingua}\n(.*?)^```", testo, re.S | re.M)
    assert m, f"nessun blocco ```{lingua}"
    return m.group(1)


# --- the Python API snippet ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_python_api_snippet_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's snippet, run as written, from a folder with the repository's data/."""
    codice = _blocco(_sezione("Python API"), "python")
    (tmp_path / "data").symlink_to(RADICE / "data")
    monkeypatch.chdir(tmp_path)
    stampato = io.StringIO()
    spazio: dict[str, object] = {}
    with contextlib.redirect_stdout(stampato):
        exec(compile(codice, "README.md", "exec"), spazio)
    righe = stampato.getvalue().splitlines()
    assert righe[0] == "True []"  # cipm is valid
    assert righe[1] == "84.39 None"  # the labour-cost weight of 2019, from the compute step
    assert righe[2].startswith("Centro Italiano per la Promozione della Mediazione") and righe[
        2
    ].endswith(" 362745")
    esito = spazio["esito"]
    assert isinstance(esito, bilancio.Esito)
    assert sorted(f.name for f in esito.file) == ["cipm-2020-sintesi.html", "cipm-2020-sintesi.pdf"]
    assert all(f.is_file() and f.resolve().parent == tmp_path / "output" for f in esito.file)
    confronto = spazio["confronto"]
    assert isinstance(confronto, bilancio.Confronto)
    assert (confronto.anno_vecchio, confronto.anno_nuovo) == (2024, 2025)
    assert any(
        (Path(p).name == "2020.xlsx" and Path(p).is_file())
        for p in re.findall(r'"([^"]+\.xlsx)"', codice)
    )
    riepilogo = spazio["riepilogo"]
    assert isinstance(riepilogo, bilancio.RiepilogoSito)
    assert (tmp_path / "public" / "index.html").is_file()


# --- commands and options ------------------------------------------------------------------------


def _opzioni(comando: Any) -> list[TyperOption]:
    return [p for p in comando.params if isinstance(p, TyperOption) and p.name != "help"]


def test_every_command_is_in_the_readme_and_has_help_text() -> None:
    runner = CliRunner()
    assert set(COMANDI) == {
        *("check", "diff", "build", "convert", "init", "site", "schema", "import", "serve"),
        "pre-commit",  # hidden from the list: the pre-commit hook's entry (.pre-commit-hooks.yaml)
    }
    for nome, comando in COMANDI.items():
        assert f"bilancio {nome}" in README, nome
        r = runner.invoke(app, [nome, "--help"], terminal_width=200)
        assert r.exit_code == 0, r.output
        assert comando.help and comando.help.split("\n")[0] in r.output, nome
        for opzione in _opzioni(comando):
            assert opzione.help, f"{nome} {opzione.opts[0]} senza testo di aiuto"
            assert opzione.help.split()[0] in r.output, (nome, opzione.opts)


@pytest.mark.parametrize("nome", ["check", "diff", "build", "site"])
def test_the_readme_usage_lists_the_real_options(nome: str) -> None:
    """Each command's usage block in the README names every option, and only real ones."""
    uso = _blocco(_sezione(f"`bilancio {nome}`"))
    scritte = set(OPZIONE.findall(uso))
    reali = _opzioni(COMANDI[nome])
    for opzione in reali:
        nomi = [o for o in opzione.opts + opzione.secondary_opts if o.startswith("--")]
        assert scritte & set(nomi), f"il README non documenta {nomi[0]} di bilancio {nome}"
    tutte = {o for p in reali for o in p.opts + p.secondary_opts}
    assert scritte <= tutte, f"il README cita opzioni inesistenti: {scritte - tutte}"


def test_help_of_diff_and_site_explains_their_arguments() -> None:
    runner = CliRunner()
    diff = " ".join(runner.invoke(app, ["diff", "--help"], terminal_width=200).output.split())
    assert "Confronta due anni" in diff
    assert "Il file (o la cartella) con cui confrontare CARTELLA" in diff
    site = " ".join(runner.invoke(app, ["site", "--help"], terminal_width=200).output.split())
    assert "Pubblica i bilanci sociali di tutte le cooperative come sito statico." in site
    assert "Esce con 1 se qualche report non si è potuto costruire" in site


# --- "every library error derives from bilancio.ErroreBilancio" ------------------------------------


def test_every_exception_class_of_the_library_is_an_errore_bilancio() -> None:
    """Every exception is defined once, in bilancio.errori, under ErroreBilancio."""
    trovate = []
    for modulo in pkgutil.walk_packages(bilancio.__path__, "bilancio."):
        if modulo.name == "bilancio.__main__":  # runs the command line when imported
            continue
        for _, classe in inspect.getmembers(importlib.import_module(modulo.name), inspect.isclass):
            if issubclass(classe, BaseException) and classe.__module__.startswith("bilancio"):
                trovate.append(classe)
    nomi = {f"{c.__module__}.{c.__qualname__}" for c in trovate}
    assert "bilancio.errori.ErroreReport" in nomi  # the walk sees the package
    assert {c.__module__ for c in trovate} == {"bilancio.errori"}
    assert all(issubclass(c, bilancio.ErroreBilancio) for c in trovate)
    # a bug of ours is an ErroreInterno (exit 3), never an answer to the user's input
    assert issubclass(bilancio.LayoutNonSupportato, bilancio.ErroreInterno)


def test_bad_input_to_every_public_verb_raises_an_errore_bilancio(tmp_path: Path) -> None:
    manca = tmp_path / "manca"
    valida = scrivi_coop(tmp_path / "coop", {"anno": 2025}, ENTE_MINIMO)
    rotta = scrivi_coop(
        tmp_path / "rotta", {"anno": 2025, "governo": {"soci": {"lavoratori": "tre"}}}
    )
    (tmp_path / "file").write_text("non una cartella", encoding="utf-8")
    chiamate = {
        "check": lambda: bilancio.check(manca),
        "load": lambda: bilancio.load(manca),
        "load (dati non validi)": lambda: bilancio.load(rotta),
        "diff": lambda: bilancio.diff(manca),
        "build": lambda: bilancio.build(valida, theme="brochure", output=tmp_path / "out"),
        "convert": lambda: bilancio.convert(manca / "2025.yaml", tmp_path / "2025.xlsx"),
        "init": lambda: bilancio.init(tmp_path / "file", "Prova"),
        "site": lambda: bilancio.site(manca, tmp_path / "sito"),
    }
    for nome, chiamata in chiamate.items():
        with pytest.raises(bilancio.ErroreBilancio):
            try:
                chiamata()
            except bilancio.ErroreBilancio:
                raise
            except Exception as exc:
                pytest.fail(f"{nome}: {type(exc).__name__} invece di un ErroreBilancio: {exc}")
    assert not bilancio.check(rotta).valido  # bad data: check reports, it does not raise
