"""`bilancio pre-commit`: the pre-commit hook (.pre-commit-hooks.yaml, id bilancio-check).

pre-commit calls it without file names (``pass_filenames: false``): it asks git which files
the commit changes and checks, once each, every cooperative's folder holding one of them
(the nearest folder above the file with an ``ente.yaml``). With nothing staged (``pre-commit
run --all-files``) it checks every cooperative's folder of the repository.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

import typer
from rich.markup import escape

from ..errori import UsoNonValido
from . import app
from .comune import DEBUG_OPTION, err, gestisci_errori, out, stampa_rapporto

ENTE = ("ente.yaml", "ente.yml")


def _git(*argomenti: str, cartella: Path) -> list[str]:
    try:
        esito = subprocess.run(
            ["git", *argomenti], cwd=cartella, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise UsoNonValido("serve git: il comando «git» non si trova") from None
    if esito.returncode != 0:
        dettaglio = esito.stderr.strip() or f"git {argomenti[0]} non riuscito"
        raise UsoNonValido(f"l'hook va usato in un repository git ({dettaglio})")
    return [r for r in esito.stdout.splitlines() if r.strip()]


def _cooperativa(file: Path, radice: Path) -> Path | None:
    """The nearest folder holding ``file`` (or that held it) with an ente.yaml, within radice."""
    for cartella in file.parents:
        if not cartella.is_relative_to(radice):
            return None
        if any((cartella / nome).is_file() for nome in ENTE):
            return cartella
    return None


def cartelle_modificate(radice: Path, nomi: Iterable[str]) -> list[Path]:
    """The cooperatives' folders (under ``radice``) holding one of the changed files ``nomi``."""
    radice = radice.resolve()
    trovate = {_cooperativa(radice / nome, radice) for nome in nomi}
    return sorted(c for c in trovate if c is not None)


def tutte_le_cartelle(radice: Path) -> list[Path]:
    """Every cooperative's folder of the repository (those with an ente.yaml)."""
    cartelle = {
        p.parent
        for nome in ENTE
        for p in radice.resolve().rglob(nome)
        if not any(parte.startswith(".") for parte in p.relative_to(radice.resolve()).parts)
    }
    return sorted(cartelle)


def _modificati(radice: Path) -> list[str]:
    """The files the commit changes; with `pre-commit run --from-ref/--to-ref` (and pre-push),
    the files changed between the two revisions pre-commit names."""
    da, a = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    if da and a:
        return _git("diff", "--name-only", f"{da}...{a}", cartella=radice)
    return _git("diff", "--cached", "--name-only", cartella=radice)


@app.command("pre-commit", hidden=True)
@gestisci_errori
def pre_commit(
    rigoroso: bool = typer.Option(
        False, "--strict", help="Anche gli avvisi fanno fallire il commit."
    ),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Controlla, come `bilancio check`, ogni cartella di cooperativa che il commit modifica.

    Per l'hook «bilancio-check» di pre-commit. Senza file nel commit (pre-commit run
    --all-files) controlla tutte le cartelle del repository. Esce con 0 se nessuna ha
    errori, 1 se qualcuna ne ha (o avvisi, con --strict), 2 se qualcuna non si può leggere.
    """
    from ..controllo import controlla
    from ..errori import InputIlleggibile

    radice = Path(_git("rev-parse", "--show-toplevel", cartella=Path.cwd())[0])
    modificati = _modificati(radice)
    cartelle = cartelle_modificate(radice, modificati) if modificati else tutte_le_cartelle(radice)
    if not cartelle:
        out.print("bilancio: nessuna cartella di cooperativa modificata, niente da controllare")
        return
    esito = 0
    for cartella in cartelle:
        relativa = Path(os.path.relpath(cartella))  # messages name files as git shows them
        try:
            rapporto = controlla(relativa)
        except InputIlleggibile as exc:
            err.print(f"[bold red]errore:[/] {escape(str(relativa))}: {escape(str(exc))}")
            esito = max(esito, 2)
            continue
        stampa_rapporto(rapporto)
        esito = max(esito, rapporto.esito(rigoroso=rigoroso))
    da_correggere = "nessuna da correggere" if esito == 0 else "da correggere prima del commit"
    quante = "cartella controllata" if len(cartelle) == 1 else "cartelle controllate"
    out.print(f"bilancio: {len(cartelle)} {quante}, {da_correggere}")
    raise typer.Exit(esito)
