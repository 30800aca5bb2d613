"""`bilancio schema`: write the JSON Schemas editors use to complete and check YAML files."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .comune import DEBUG_OPTION, gestisci_errori, out


@app.command("schema")
@gestisci_errori
def schema(
    cartella: Path = typer.Option(
        Path("schemas"), "--output", "-o", help="Cartella in cui scrivere gli schemi."
    ),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Genera gli schemi JSON dei file ente.yaml e ANNO.yaml (per l'editor e la validazione)."""
    from ..schemi import scrivi_schemi

    for percorso in scrivi_schemi(cartella):
        out.print(f"scritto {percorso}")
