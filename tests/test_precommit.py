"""The pre-commit hook (issue 14, point 7): `bilancio pre-commit` checks every cooperative's
folder a commit changes, found from git, with `pass_filenames: false`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bilancio.cli import _registra, app
from bilancio.cli.precommit import cartelle_modificate, tutte_le_cartelle
from conftest import ESEMPI, RADICE

_registra()
runner = CliRunner()

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="serve git")


def _git(cartella: Path, *argomenti: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=prova", "-c", "user.email=prova@example.org", *argomenti],
        cwd=cartella,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data repository with two valid cooperatives and Cosper (errors), all committed."""
    radice = tmp_path / "dati"
    for nome in ("cipm", "girasole", "cosper"):
        shutil.copytree(ESEMPI / nome, radice / "cooperative" / nome)
    (radice / "README.md").write_text("dati\n", encoding="utf-8")
    _git(radice, "init", "-q")
    _git(radice, "add", ".")
    _git(radice, "commit", "-q", "-m", "dati")
    monkeypatch.chdir(radice)
    monkeypatch.delenv("PRE_COMMIT_FROM_REF", raising=False)
    monkeypatch.delenv("PRE_COMMIT_TO_REF", raising=False)
    return radice


def test_l_hook_e_dichiarato_come_chiede_pre_commit() -> None:
    (hook,) = yaml.safe_load((RADICE / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "bilancio-check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert hook["entry"] == "bilancio pre-commit"
    # the files that make a cooperative's data
    for nome in (
        "cooperative/cipm/2025.yaml",
        "c/ente.yml",
        "c/2025.xlsx",
        "c/2025.xbrl",
        "c/logo.png",
    ):
        assert re.search(hook["files"], nome), nome
    assert not re.search(hook["files"], "README.md")
    # the command it calls exists, and its help is Italian
    r = runner.invoke(app, ["pre-commit", "--help"])
    assert r.exit_code == 0 and "ogni cartella di cooperativa" in r.output


def test_trova_le_cartelle_dei_file_modificati(tmp_path: Path) -> None:
    for nome in ("a", "b", "gruppo/c"):
        (tmp_path / nome).mkdir(parents=True)
        (tmp_path / nome / "ente.yaml").write_text("denominazione: x\n", encoding="utf-8")
    (tmp_path / "a" / "allegati").mkdir()
    modificati = ["a/2025.yaml", "a/allegati/logo.png", "gruppo/c/2024.yaml", "README.md", "b/x"]
    assert cartelle_modificate(tmp_path, modificati) == [
        (tmp_path / n).resolve() for n in ("a", "b", "gruppo/c")
    ]
    # a file removed from a folder still names it; a folder removed whole names nothing
    assert cartelle_modificate(tmp_path, ["a/2023.yaml", "d/2025.yaml"]) == [
        (tmp_path / "a").resolve()
    ]
    assert tutte_le_cartelle(tmp_path) == [(tmp_path / n).resolve() for n in ("a", "b", "gruppo/c")]


def test_controlla_solo_le_cartelle_del_commit(repository: Path) -> None:
    anno = repository / "cooperative" / "cipm" / "2020.yaml"
    anno.write_text(anno.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(repository, "add", str(anno))
    r = runner.invoke(app, ["pre-commit"])
    assert r.exit_code == 0, r.output
    assert "cooperative/cipm" in r.output and "cosper" not in r.output
    assert "1 cartella controllata, nessuna da correggere" in r.output


def test_un_errore_ferma_il_commit(repository: Path) -> None:
    ente = repository / "cooperative" / "cosper" / "ente.yaml"
    ente.write_text(ente.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    altro = repository / "cooperative" / "girasole" / "2025.yaml"
    altro.write_text(altro.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(repository, "add", ".")
    r = runner.invoke(app, ["pre-commit"])
    assert r.exit_code == 1, r.output
    assert "cooperative/cosper/2025.yaml:" in r.output  # located, as check prints it
    assert "NON VALIDO cooperative/cosper" in r.output and "OK cooperative/girasole" in r.output
    assert "2 cartelle controllate, da correggere prima del commit" in r.output


def test_senza_file_nel_commit_controlla_tutto(repository: Path) -> None:
    r = runner.invoke(app, ["pre-commit"])  # pre-commit run --all-files: nothing staged
    assert r.exit_code == 1
    assert "3 cartelle controllate" in r.output


def test_fuori_da_un_repository_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    r = runner.invoke(app, ["pre-commit"])
    assert r.exit_code == 2
    assert "l'hook va usato in un repository git" in r.output
    assert "Traceback" not in r.output


def test_tra_due_revisioni(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-push, or `pre-commit run --from-ref A --to-ref B`: the folders changed between them."""
    anno = repository / "cooperative" / "girasole" / "2025.yaml"
    anno.write_text(anno.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(repository, "commit", "-q", "-am", "girasole")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "HEAD~1")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    r = runner.invoke(app, ["pre-commit"])
    assert r.exit_code == 0, r.output
    assert "OK cooperative/girasole" in r.output and "1 cartella controllata" in r.output


@pytest.mark.slow
def test_pre_commit_esegue_l_hook_del_repository(repository: Path, tmp_path: Path) -> None:
    """pre-commit itself installs this checkout's hook (language: python) and runs it."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.is_file():
        pytest.fail("manca pre-commit (extra dev): make install")
    ambiente = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    ambiente.pop("VIRTUAL_ENV", None)

    def prova() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(RADICE), "bilancio-check"],
            cwd=repository,
            env=ambiente,
            capture_output=True,
            text=True,
            timeout=900,
        )

    anno = repository / "cooperative" / "cipm" / "2020.yaml"
    anno.write_text(anno.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(repository, "add", str(anno))
    esito = prova()
    assert esito.returncode == 0, esito.stdout + esito.stderr
    assert re.search(r"bilancio check\.+Passed", esito.stdout), esito.stdout
    # Cosper's errors stop the commit, located as check prints them
    ente = repository / "cooperative" / "cosper" / "ente.yaml"
    ente.write_text(ente.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(repository, "add", str(ente))
    esito = prova()
    assert esito.returncode == 1, esito.stdout + esito.stderr
    assert re.search(r"bilancio check\.+Failed", esito.stdout), esito.stdout
    assert "cooperative/cosper/2025.yaml:" in esito.stdout
    assert "2 cartelle controllate, da correggere prima del commit" in esito.stdout
