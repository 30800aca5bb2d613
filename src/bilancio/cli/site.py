"""`bilancio site ROOT --output public/`: publish every report as a static website."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from . import app
from .comune import DEBUG_OPTION, err, gestisci_errori, out

if TYPE_CHECKING:
    from ..sito.esecuzione import EsitoLavoro


def _parte(valore: str | None) -> tuple[int, int] | None:
    if valore is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", valore)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise typer.BadParameter("atteso I/N con 1 ≤ I ≤ N, es. 2/4", param_hint="--shard")
    return int(m.group(1)), int(m.group(2))


@app.command("site")
@gestisci_errori
def site(
    radice: Path = typer.Argument(
        ...,
        metavar="RADICE",
        help="Cartella con una CARTELLA per cooperativa (o la CARTELLA di una sola cooperativa).",
    ),
    uscita: Path = typer.Option(Path("public"), "--output", "-o", help="Cartella del sito."),
    processi: int = typer.Option(
        os.cpu_count() or 1,
        "--jobs",
        "-j",
        min=1,
        help="Report costruiti in parallelo (predefinito: numero di CPU).",
    ),
    cache: Path = typer.Option(
        Path(".bilancio-cache"), "--cache", help="Cartella della cache dei report già costruiti."
    ),
    templates: Path | None = typer.Option(
        None, "--templates", help="Cartella con i modelli personalizzati dei report."
    ),
    pulisci: bool = typer.Option(False, "--clean", help="Ricostruisce tutto, ignorando la cache."),
    parte: str | None = typer.Option(
        None,
        "--shard",
        metavar="I/N",
        help="Costruisce solo la parte I di N (per una matrice di CI); poi --merge.",
    ),
    unisci: bool = typer.Option(
        False,
        "--merge",
        help="Assembla il sito dalle parti costruite con --shard nella stessa cartella.",
    ),
    registro: Path | None = typer.Option(
        None,
        "--registro",
        help=(
            "File del registro della costruzione, con gli errori dei report non pubblicati "
            "(predefinito: accanto alla cartella del sito, es. public.log per --output public)."
        ),
    ),
    continua: bool = typer.Option(
        True,
        "--keep-going/--fail-fast",
        help="Con --fail-fast si ferma al primo report che non si costruisce.",
    ),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Pubblica i bilanci sociali di tutte le cooperative come sito statico.

    Una pagina iniziale con le cooperative, una pagina per cooperativa con i report (HTML,
    PDF/A) e i dati aperti (JSON, CSV) di ogni anno. I report non cambiati si riprendono
    dalla cache. Esce con 1 se qualche report non si è potuto costruire (gli altri sì):
    il sito dice solo che non è ancora pubblicato, gli errori sono nel riepilogo e nel
    registro (--registro), fuori dalla cartella del sito.
    """
    from rich.progress import (  # rich's progress and tables: only when a site is built
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.table import Table

    from ..sito import costruisci_sito, registro_predefinito

    parte_scelta = _parte(parte)
    if parte_scelta and unisci:
        raise typer.BadParameter(
            "--shard e --merge sono passi diversi: prima le parti, poi l'unione",
            param_hint="--merge",
        )

    barra = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[stato]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=unisci,
    )
    compito = barra.add_task("report", total=None, stato="")
    conteggi = {"costruito": 0, "riutilizzato": 0, "fallito": 0}

    def al_via(totale: int) -> None:
        # the bar appears once there is something to count: an error found before
        # (a root that does not exist) is said alone
        barra.update(compito, total=totale)
        barra.start()

    def avanzamento(esito: EsitoLavoro) -> None:
        conteggi[esito.stato] = conteggi.get(esito.stato, 0) + 1
        restanti = (barra.tasks[0].total or 0) - sum(conteggi.values())
        barra.update(
            compito,
            advance=1,
            stato=f"costruiti {conteggi['costruito']} · ripresi {conteggi['riutilizzato']} · "
            f"falliti {conteggi['fallito']} · da fare {max(restanti, 0)}",
        )

    try:
        riepilogo = costruisci_sito(
            radice,
            uscita,
            processi=processi,
            cache=cache,
            templates=templates,
            pulisci=pulisci,
            parte=parte_scelta,
            unisci=unisci,
            interrompi_al_primo_errore=not continua,
            avanzamento=avanzamento,
            al_via=al_via,
            registro=registro,
        )
    finally:
        if barra.live.is_started:
            barra.stop()

    tabella = Table(title="Riepilogo del sito", title_justify="left")
    if riepilogo.parti_unite is not None:  # a merge builds nothing: it assembles
        for colonna in ("parti unite", "report pubblicati", "non pubblicati", "tempo"):
            tabella.add_column(colonna, justify="right")
        tabella.add_row(
            str(riepilogo.parti_unite),
            str(riepilogo.pubblicati),
            str(len(riepilogo.falliti)),
            f"{riepilogo.secondi:.1f} s".replace(".", ","),
        )
    else:
        for colonna in ("costruiti", "ripresi dalla cache", "falliti", "tempo"):
            tabella.add_column(colonna, justify="right")
        tabella.add_row(
            str(riepilogo.conta("costruito")),
            str(riepilogo.conta("riutilizzato")),
            str(len(riepilogo.falliti)),
            f"{riepilogo.secondi:.1f} s".replace(".", ","),
        )
    out.print(tabella)
    for avviso in riepilogo.avvisi:
        err.print(f"[yellow]avviso:[/] {escape(avviso)}")
    for esito in riepilogo.falliti:
        out.print(
            f"[bold red]non costruito[/] {escape(esito.chiave)}: {escape(esito.errore or '')}"
        )
        for p in esito.problemi[:20]:
            out.print(f"  {escape(p.dove)}: {escape(p.codice)} {escape(p.messaggio)}", style="dim")
    if riepilogo.rimossi:
        out.print(f"rimossi {len(riepilogo.rimossi)} file non più presenti nei dati")
    if riepilogo.parziale:
        out.print(
            f"parte {riepilogo.parziale} costruita in {escape(str(uscita))}: unire le parti con --merge"
        )
    else:
        out.print(f"sito in {escape(str(uscita / 'index.html'))}")
    out.print(f"registro in {escape(riepilogo.registro or str(registro_predefinito(uscita)))}")
    raise typer.Exit(riepilogo.esito)
