"""`bilancio diff`: what changed between two years (or two files) of a cooperative."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..errori import DatiNonValidi
from ..variazioni import (
    DIALETTI_CSV,
    SOGLIA,
    Confronto,
    Riga,
    come_csv,
    come_markdown,
    diff,
    riepilogo,
)
from . import app
from .comune import DEBUG_OPTION, err, gestisci_errori, out, scrivi_json, stampa_rapporto


class Formato(str, Enum):
    TABELLA = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class DialettoCsv(str, Enum):
    ITALIANO = "italiano"
    EXCEL = "excel"


assert {d.value for d in DialettoCsv} == set(DIALETTI_CSV)


def _percentuale(valore: str | None) -> Decimal | None:
    """``10``, ``7,5`` or ``7.5%`` -> Decimal; a usage error (exit 2) otherwise."""
    if valore is None:
        return None
    try:
        d = Decimal(valore.strip().replace(",", ".").rstrip("%"))
    except InvalidOperation:
        raise typer.BadParameter(f"atteso un numero (percentuale), trovato «{valore}»") from None
    if not d.is_finite() or d < 0:
        raise typer.BadParameter(f"attesa una percentuale non negativa, trovato «{valore}»")
    return d


@app.command("diff")
@gestisci_errori
def diff_command(
    percorso: Path = typer.Argument(
        ...,
        metavar="PATH",
        help="Cartella della cooperativa, o il file (o la cartella) da cui si parte se c'è NUOVO.",
    ),
    nuovo: Path | None = typer.Argument(
        None,
        metavar="[NUOVO]",
        help="Il file (o la cartella) con cui confrontare PATH: es. 2024.yaml 2025.yaml.",
    ),
    da: int | None = typer.Option(
        None,
        "--from",
        help="Anno di partenza (predefinito: l'anno prima di --to). Con due percorsi: nel primo.",
    ),
    a: int | None = typer.Option(
        None, "--to", help="Anno di arrivo (predefinito: l'ultimo). Con due percorsi: nel secondo."
    ),
    soglia: str = typer.Option(
        str(SOGLIA),
        "--threshold",
        metavar="PCT",
        callback=_percentuale,
        help="Evidenzia le variazioni oltre questa percentuale (da zero: sempre).",
        show_default=True,
    ),
    solo_variati: bool = typer.Option(False, "--only-changed", help="Nasconde le righe invariate."),
    formato: Formato = typer.Option(
        Formato.TABELLA,
        "--format",
        help="Uscita: table (terminale), json, csv o markdown (commenti delle PR).",
    ),
    dialetto: DialettoCsv = typer.Option(
        DialettoCsv.ITALIANO,
        "--csv-dialect",
        help="CSV «italiano»: separatore ; e virgola decimale; «excel»: separatore , e punto decimale.",
    ),
    fallisci_oltre: str | None = typer.Option(
        None,
        "--fail-over",
        metavar="PCT",
        callback=_percentuale,
        help="Esce con 1 se una variazione supera PCT% (per la CI).",
    ),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Confronta due anni: ogni cifra, con variazione assoluta e percentuale, per sezione del DM.

    Servizi, amministratori e stakeholder comparsi o scomparsi sono elencati; dati mancanti,
    cambiamenti di metodo dichiarati e incoerenze trovate da check sono segnalati sulle righe.
    Esce con 0, con 1 se --fail-over è superato, con 2 se i dati non si possono leggere o validare.
    """
    limite: Decimal | None = fallisci_oltre  # type: ignore[assignment]  # converted by the callback
    try:
        confronto = diff(percorso, da, a, nuovo=nuovo, soglia=soglia)  # type: ignore[arg-type]
    except DatiNonValidi as exc:
        stampa_rapporto(exc.rapporto, console=err)
        raise typer.Exit(2) from None
    if solo_variati:
        confronto = confronto.solo_variati()

    if formato is Formato.JSON:
        scrivi_json(confronto.model_dump_json(indent=2))
    elif formato is Formato.CSV:
        out.file.write(come_csv(confronto, dialetto.value))
    elif formato is Formato.MARKDOWN:
        out.file.write(come_markdown(confronto))
    else:
        stampa_confronto(confronto)

    if limite is not None:
        oltre = confronto.oltre(limite)
        if oltre:
            err.print(
                f"[bold red]{len(oltre)} {'variazione supera' if len(oltre) == 1 else 'variazioni superano'} "
                f"il {escape(_testo_pct(limite))}[/]: "
                + escape("; ".join(r.etichetta for r in oltre[:5]))
                + (f" e altre {len(oltre) - 5}" if len(oltre) > 5 else "")
            )
            raise typer.Exit(1)


def _testo_pct(valore: Decimal) -> str:
    from ..formato import percentuale

    return percentuale(valore, 0 if valore == valore.to_integral_value() else 2)


def _stile(riga: Riga) -> str:
    if riga.oltre_soglia:
        return "bold yellow"
    if riga.stato == "non confrontabile":
        return "dim"
    return ""


def stampa_confronto(confronto: Confronto) -> None:
    """One Rich table per section of the guidelines, then the warnings and a summary."""
    vecchio, nuovo = confronto.intestazioni()
    titolo = f"Confronto {vecchio} → {nuovo}"
    if confronto.denominazione:
        titolo += f" · {confronto.denominazione}"
    out.print(f"[bold]{escape(titolo)}[/]")
    for sezione in confronto.sezioni:
        tabella = Table(title=f"[bold]{escape(str(sezione))}[/]", title_justify="left")
        tabella.add_column("Voce", overflow="fold", ratio=2)
        tabella.add_column(escape(vecchio), justify="right", no_wrap=True)
        tabella.add_column(escape(nuovo), justify="right", no_wrap=True)
        tabella.add_column("Variazione", justify="right", no_wrap=True)
        tabella.add_column("Var. %", justify="right", no_wrap=True)
        righe = [r for r in confronto.righe if r.sezione.numero == sezione.numero]
        con_note = any(r.note for r in righe)
        if con_note:
            tabella.add_column("Note", overflow="fold", ratio=1)
        for r in righe:
            note = [escape("; ".join(r.note))] if con_note else []
            tabella.add_row(
                ("» " if r.oltre_soglia else "") + escape(r.etichetta),
                escape(r.testo(r.vecchio)),
                escape(r.testo(r.nuovo)),
                escape(r.testo_delta),
                escape(r.testo_delta_percentuale),
                *note,
                style=_stile(r),
            )
        for stato, stile, elementi in (
            ("aggiunto", "green", confronto.aggiunti),
            ("rimosso", "red", confronto.rimossi),
        ):
            for e in (e for e in elementi if e.sezione.numero == sezione.numero):
                tabella.add_row(
                    f"{escape(e.elenco)}: «{escape(e.nome)}»", "", "", stato, "", "", style=stile
                )
        out.print(tabella)
    for avviso in confronto.avvisi:
        dove = ", ".join(
            p for p in (str(avviso.anno) if avviso.anno else "", avviso.posizione or "") if p
        )
        quante = (
            f" [dim]({len(avviso.chiavi)} {'riga' if len(avviso.chiavi) == 1 else 'righe'})[/]"
            if avviso.chiavi
            else ""
        )
        colore = "bold red" if avviso.gravita.value == "errore" else "yellow"
        out.print(
            f"[{colore}]{escape(avviso.gravita.value)}[/] [bold]{escape(avviso.codice)}[/]"
            + (f" {escape(dove)}" if dove else "")
            + f": {escape(avviso.messaggio)}{quante}"
        )
    out.print(escape(riepilogo(confronto)) + " [dim](» oltre la soglia)[/]")
