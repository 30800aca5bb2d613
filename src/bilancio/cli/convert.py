"""`bilancio convert SRC DST`: a year between YAML and XLSX, in either direction."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from . import app
from .comune import DEBUG_OPTION, codice_uscita, err, gestisci_errori, out, stampa_rapporto

if TYPE_CHECKING:
    from ..errori import Problema


@app.command("convert")
@gestisci_errori
def convert(
    sorgente: Path = typer.Argument(
        ..., metavar="SORGENTE", help="File dell'anno da convertire (es. 2025.yaml o 2025.xlsx)."
    ),
    destinazione: Path = typer.Argument(
        ...,
        metavar="DESTINAZIONE",
        help="File da creare: .xlsx oppure .yaml (il formato segue l'estensione).",
    ),
    forza: bool = typer.Option(False, "--force", help="Sostituisce la destinazione se esiste già."),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Converte un anno tra YAML e XLSX (in entrambi i sensi) senza perdere dati.

    La cartella di lavoro creata ha la formattazione e gli elenchi a discesa del modello.
    Se la sorgente ha errori di struttura non scrive nulla e li elenca tutti (uscita 1);
    non sostituisce mai un file esistente senza --force (uscita 2), né scrive dove non si
    può (uscita 2, il file precedente intatto).
    """
    from ..conversione import ConversioneNonRiuscita, converti
    from ..errori import Rapporto

    avvisi: list[Problema] = []
    try:
        scritto = converti(sorgente, destinazione, forza=forza, avvisi=avvisi)
    except ConversioneNonRiuscita as exc:
        rapporto = Rapporto(percorso=str(sorgente), problemi=exc.problemi, leggibile=exc.leggibile)
        stampa_rapporto(rapporto, console=err)
        err.print(f"[bold red]errore:[/] {escape(str(exc))} Nessun file scritto.")
        raise typer.Exit(codice_uscita(exc)) from None
    if avvisi:  # data the source holds that could not be placed: say so, loudly
        stampa_rapporto(Rapporto(percorso=str(sorgente), problemi=avvisi), console=err)
    out.print(f"scritto {escape(str(scritto))}")
