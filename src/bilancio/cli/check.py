"""`bilancio check PATH`: every problem of a cooperative's data, at once."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .comune import (
    DEBUG_OPTION,
    QUIET_OPTION,
    VERBOSE_OPTION,
    dettaglio,
    gestisci_errori,
    json_rapporto,
    scrivi_json,
    stampa_rapporto,
)


@app.command("check")
@gestisci_errori
def check(
    percorso: Path = typer.Argument(
        ...,
        metavar="CARTELLA",
        help="Cartella della cooperativa, o il file di un anno (es. 2025.yaml).",
    ),
    anno: int | None = typer.Option(
        None, "--year", "--anno", help="Anno da controllare (predefinito: l'ultimo)."
    ),
    rigoroso: bool = typer.Option(
        False, "--strict", help="Anche gli avvisi fanno fallire il controllo."
    ),
    formato_json: bool = typer.Option(
        False, "--json", help="Stampa il rapporto in JSON (per la CI)."
    ),
    conformita: bool = typer.Option(
        False, "--conformita", help="Mostra la tavola di conformità completa."
    ),
    cifre: bool = typer.Option(
        False,
        "--cifre",
        help="Mostra le cifre calcolate dell'anno e del precedente, e perché una è n.d.",
    ),
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Controlla i dati: sintassi, struttura, regole di legge e aritmetica, conformità al DM.

    Gli avvisi ripetuti sono raggruppati (la spiegazione una volta, una riga per ciascuno) e
    alla fine un riepilogo dice cosa correggere, cosa manca e cosa fare poi; -q mostra solo
    gli errori e il riepilogo, -v ogni problema per intero.

    Esce con 0 se non ci sono errori (gli avvisi sono ammessi, salvo --strict), 1 se ci sono
    errori, 2 se i dati non si possono leggere, 3 se una regola non si è potuta eseguire
    (errore interno, da segnalare: le altre regole sono state applicate).
    """
    from ..controllo import controlla

    livello = dettaglio(quiet, verbose)
    rapporto = controlla(percorso, anno)
    if formato_json:
        scrivi_json(json_rapporto(rapporto))
    else:
        stampa_rapporto(rapporto, conformita=conformita, cifre=cifre, livello=livello)
    raise typer.Exit(rapporto.esito(rigoroso=rigoroso))
