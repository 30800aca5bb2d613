"""`bilancio init DIR`: a new cooperative's folder, as commented YAML or as a workbook."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from . import app
from .comune import DEBUG_OPTION, codice_uscita, err, gestisci_errori, out, stampa_rapporto


@app.command("init")
@gestisci_errori
def init(
    cartella: Path = typer.Argument(
        ...,
        metavar="CARTELLA",
        help="Cartella della cooperativa da creare (es. dati/mia-coop).",
    ),
    nome: str | None = typer.Option(
        None, "--name", "--nome", help="Denominazione della cooperativa."
    ),
    xlsx: bool = typer.Option(
        False, "--xlsx", help="Crea una cartella di lavoro Excel/LibreOffice invece dei file YAML."
    ),
    anno: int | None = typer.Option(
        None,
        "--year",
        "--anno",
        min=1900,
        max=2200,
        help="Anno di riferimento (predefinito: l'anno scorso); avvia l'anno dopo l'ultimo.",
    ),
    forza: bool = typer.Option(False, "--force", help="Sostituisce i file che esistono già."),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Crea la cartella di una cooperativa con il modello dell'anno da compilare.

    Senza --xlsx scrive ente.yaml e ANNO.yaml, con tutte le voci delle linee guida spiegate
    nei commenti; con --xlsx scrive ANNO.xlsx, un foglio per area con elenchi a discesa e
    istruzioni. In una CARTELLA che ha già un anno precedente, --year avvia il nuovo anno
    dall'ultimo, nel suo formato: riprende ciò che cambia di rado (consiglio, stakeholder,
    servizi, CCNL, metodologia...) e svuota le cifre, da scrivere di nuovo. Non sostituisce
    file esistenti senza --force (uscita 2).
    """
    from ..conversione import ConversioneNonRiuscita
    from ..errori import Rapporto
    from ..prosecuzione import precedente
    from ..scheletro import anno_di_riferimento, crea

    anno_scritto = anno or anno_di_riferimento()
    sorgente = precedente(cartella, anno_scritto)
    try:
        scritti = crea(cartella, nome, anno=anno, xlsx=xlsx, forza=forza)
    except ConversioneNonRiuscita as exc:
        assert sorgente is not None
        rapporto = Rapporto(percorso=str(sorgente), problemi=exc.problemi, leggibile=exc.leggibile)
        stampa_rapporto(rapporto, console=err)
        err.print(
            f"[bold red]errore:[/] {escape(str(exc))} Il {anno_scritto} riparte dal "
            f"{escape(sorgente.name)}: correggerlo prima. Nessun file scritto."
        )
        raise typer.Exit(codice_uscita(exc)) from None
    for percorso in scritti:
        out.print(f"scritto {escape(str(percorso))}")
    if sorgente is not None:
        out.print(
            f"Avviato dal {escape(sorgente.name)}: ripreso ciò che cambia di rado, svuotate le "
            "cifre dell'anno (il file dice cosa)."
        )
    out.print(
        f"Compilare i dati del {anno_scritto}, poi controllarli con: bilancio check {escape(str(cartella))}"
    )
