"""`bilancio build PATH`: the report of a cooperative's checked data, as HTML and PDF/A."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.markup import escape

# the choices come from bilancio.scelte, which loads none of the report's modules
from ..scelte import PDF_VARIANTE, PDF_VARIANTI
from . import app
from .comune import (
    BREVE,
    DEBUG_OPTION,
    QUIET_OPTION,
    VERBOSE_OPTION,
    codice_uscita,
    dettaglio,
    err,
    gestisci_errori,
    out,
    riepilogo,
    stampa_rapporto,
)


class Tema(str, Enum):
    COMPLETO = "completo"
    SINTESI = "sintesi"


@app.command("build")
@gestisci_errori
def build(
    percorso: Path = typer.Argument(
        ...,
        metavar="CARTELLA",
        help="Cartella della cooperativa, o il file di un anno (es. 2025.yaml).",
    ),
    anno: int | None = typer.Option(
        None, "--year", "--anno", help="Anno del report (predefinito: l'ultimo)."
    ),
    tema: Tema = typer.Option(
        Tema.COMPLETO,
        "--theme",
        "--tema",
        help="completo: il report integrale; sintesi: la brochure.",
    ),
    formati: str = typer.Option(
        "html,pdf",
        "--format",
        "--formato",
        help="Formati da produrre, separati da virgola: html, pdf.",
    ),
    uscita: Path = typer.Option(
        Path("output"), "--output", "-o", help="Cartella in cui scrivere i file."
    ),
    templates: Path | None = typer.Option(
        None,
        "--templates",
        help="Cartella con modelli che sostituiscono blocchi del tema (es. completo/rapporto.html).",
    ),
    rigoroso: bool = typer.Option(
        False, "--strict", help="Anche gli avvisi fermano la costruzione del report."
    ),
    pdf: str = typer.Option(
        PDF_VARIANTE,
        "--pdf",
        help=(
            "Standard del PDF: pdf/a-1a (predefinito: la copia da depositare al Registro delle "
            "imprese, accessibile) o un altro tra " + ", ".join(PDF_VARIANTI[1:]) + " "
            "(es. pdf/a-2a, circa un quinto delle dimensioni, per il sito)."
        ),
    ),
    bozza: bool = typer.Option(
        False,
        "--bozza",
        "--draft",
        help=(
            "Costruisce una bozza anche se i dati hanno errori: «BOZZA» su ogni pagina, gli "
            "errori elencati nella prima, file …-bozza mai marcati PDF/A (non depositabili)."
        ),
    ),
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
    debug: bool = DEBUG_OPTION,
) -> None:
    """Costruisce il bilancio sociale (HTML e PDF/A) dopo gli stessi controlli di `bilancio check`.

    Gli errori nei dati fermano la costruzione e non viene scritto nulla (salvo --bozza); gli
    avvisi sono mostrati e il report viene costruito comunque (salvo --strict). Esce con 0 se il
    report (o la bozza) è stato scritto, 1 se i dati hanno errori (o avvisi con --strict) o un
    modello o un'immagine mancano, 2 se i dati non si possono leggere, il comando è usato male
    (es. un formato sconosciuto) o la cartella di uscita non è scrivibile, 3 per un errore
    interno (da segnalare).
    """
    from ..errori import DatiNonValidi
    from ..report import build as costruisci

    livello = dettaglio(quiet, verbose)
    try:
        esito = costruisci(
            percorso,
            anno,
            tema=tema.value,
            formati=formati.split(","),
            uscita=uscita,
            templates=templates,
            rigoroso=rigoroso,
            pdf=pdf.strip().lower(),
            bozza=bozza,
        )
    except DatiNonValidi as exc:
        stampa_rapporto(exc.rapporto, livello=livello, comando="build")
        if exc.rapporto.interni:
            err.print(
                "[bold red]report non costruito:[/] un controllo non si è potuto eseguire "
                "(errore interno, da segnalare agli sviluppatori); nessun file scritto."
            )
        else:
            motivo = "avvisi (--strict)" if not exc.rapporto.errori else "errori"
            err.print(
                f"[bold red]report non costruito:[/] i dati hanno {motivo}; nessun file scritto."
            )
        # 2 when a file cannot be read (syntax, a limit refused), as `check` says
        raise typer.Exit(codice_uscita(exc)) from None
    if bozza and livello == BREVE and esito.rapporto.errori:
        out.print(riepilogo(esito.rapporto))  # a draft was asked for despite its errors
    elif esito.avvisi or (bozza and esito.rapporto.errori):
        stampa_rapporto(esito.rapporto, livello=livello, comando="build")
    if livello == BREVE and len(esito.impaginazione) > 1:  # quiet: counted, not listed
        err.print(
            f"[yellow]{len(esito.impaginazione)} avvisi di impaginazione (WeasyPrint)[/]: "
            "senza -q sono elencati."
        )
    else:
        for avviso in esito.impaginazione:
            err.print(f"[yellow]{escape(avviso)}[/]")
    for file in esito.file:
        out.print(f"scritto {escape(str(file))}")
    if bozza:
        err.print(
            "[bold yellow]bozza:[/] file marcati «BOZZA», non PDF/A: non depositarli né pubblicarli."
        )
