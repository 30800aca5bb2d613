"""`bilancio import FILE.xbrl DIR`: the deposited accounts (XBRL) into the year file."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from . import app
from .comune import DEBUG_OPTION, codice_uscita, err, gestisci_errori, out, stampa_rapporto


@app.command("import")
@gestisci_errori
def import_(
    istanza: Path = typer.Argument(
        ...,
        metavar="ISTANZA",
        help="Il bilancio d'esercizio depositato, istanza XBRL (es. bilancio-2025.xbrl).",
    ),
    cartella: Path = typer.Argument(
        ..., metavar="CARTELLA", help="La cartella della cooperativa (con ente.yaml)."
    ),
    anno: int | None = typer.Option(
        None, "--year", help="L'esercizio da importare (predefinito: il più recente dell'istanza)."
    ),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Importa il conto economico e il patrimonio netto dal bilancio depositato (XBRL itcc-ci).

    Scrive la sezione economica del file dell'anno nella cartella, o la aggiorna lasciando
    intatti i commenti e ogni altra chiave (YAML); in una cartella di lavoro aggiorna i
    valori del foglio Economia. La colonna dell'esercizio precedente va in
    «anni_precedenti» se quell'anno non ha un file; se lo ha, le cifre diverse (riesposte)
    sono segnalate. L'istanza è letta senza scaricare nulla. Uscita 0 se scritto, 1 se
    l'istanza o il file dell'anno non si possono usare (nessun file scritto).
    """
    from ..errori import Rapporto
    from ..xbrl.importa import ImportazioneNonRiuscita, importa

    try:
        esito = importa(istanza, cartella, anno)
    except ImportazioneNonRiuscita as exc:
        stampa_rapporto(Rapporto(percorso=str(istanza), problemi=exc.problemi), console=err)
        err.print("[bold red]errore:[/] importazione non riuscita. Nessun file scritto.")
        raise typer.Exit(codice_uscita(exc)) from None
    if esito.avvisi:
        stampa_rapporto(Rapporto(percorso=str(istanza), problemi=esito.avvisi), console=err)
    precedenti = (
        f"; anni precedenti: {', '.join(str(a) for a in esito.precedenti)}"
        if esito.precedenti
        else ""
    )
    out.print(
        f"scritto {escape(str(esito.file))}: esercizio {esito.anno} (bilancio {esito.tipo}), "
        f"{esito.scritte} cifre scritte o aggiornate{precedenti}"
    )
