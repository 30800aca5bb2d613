"""`bilancio diff`: what changed between two years (or two files) of a cooperative."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from ..scelte import SOGLIA
from . import app
from .comune import (
    DEBUG_OPTION,
    USCITA_SOGLIA,
    codice_uscita,
    err,
    gestisci_errori,
    out,
    scrivi_json,
    stampa_rapporto,
)

if TYPE_CHECKING:
    from ..variazioni import Andamento, Cancello, Confronto, Elemento, Riga

# the library is imported by the command when it runs (start-up time: `bilancio --help`
# and `bilancio check` never load the comparison); tests/test_avvio.py asserts these
# agree with bilancio.variazioni (SOGLIA, TIPI) and bilancio.esporta (DIALETTI_CSV)
SOGLIA_PREDEFINITA = str(SOGLIA)
"""bilancio.scelte.SOGLIA, the default of --threshold."""

SOGLIA_SUPERATA = USCITA_SOGLIA
"""Exit code of ``--fail-over`` when a change exceeds it (1 is for invalid data, as in check)."""


class Formato(str, Enum):
    TABELLA = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class DialettoCsv(str, Enum):
    ITALIANO = "italiano"
    EXCEL = "excel"


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


def _minimo(valore: str | None) -> Decimal | None:
    """``1000``, ``2,5`` -> Decimal; a usage error (exit 2) otherwise."""
    if valore is None:
        return None
    try:
        d = Decimal(valore.strip().replace(",", "."))
    except InvalidOperation:
        raise typer.BadParameter(f"atteso un numero, trovato «{valore}»") from None
    if not d.is_finite() or d < 0:
        raise typer.BadParameter(f"atteso un numero non negativo, trovato «{valore}»")
    return d


@cache
def _sezioni_per_nome() -> dict[str, int]:
    """A section of the guidelines by its number or its key (``6``, ``economia``)."""
    from ..variazioni import SEZIONI

    return {
        **{str(s.numero): s.numero for s in SEZIONI.values()},
        **{k: s.numero for k, s in SEZIONI.items()},
    }


def _sezioni(valori: list[str] | None) -> list[str] | None:
    """``6`` or ``economia`` (repeatable) -> the section numbers; a usage error otherwise."""
    if not valori:
        return None
    for v in valori:
        if v.strip().lower() not in _sezioni_per_nome():
            from ..variazioni import SEZIONI

            ammesse = ", ".join(f"{s.numero} ({k})" for k, s in SEZIONI.items())
            raise typer.BadParameter(f"sezione sconosciuta «{v}» (ammesse: {ammesse})")
    return valori


class TipoCifra(str, Enum):
    EURO = "euro"
    NUMERO = "numero"
    PERCENTUALE = "percentuale"


@app.command("diff")
@gestisci_errori
def diff_command(
    percorso: Path = typer.Argument(
        ...,
        metavar="CARTELLA",
        help="Cartella della cooperativa, o il file (o la cartella) da cui si parte se c'è NUOVO.",
    ),
    nuovo: Path | None = typer.Argument(
        None,
        metavar="NUOVO",
        help="Il file (o la cartella) con cui confrontare CARTELLA: es. 2024.yaml 2025.yaml.",
    ),
    da: int | None = typer.Option(
        None,
        "--from",
        help="Anno di partenza, qualsiasi anno con dati (predefinito: l'anno con dati prima di "
        "--to; con --andamento: il primo). Con due percorsi: nel primo.",
    ),
    a: int | None = typer.Option(
        None,
        "--to",
        help="Anno di arrivo (predefinito: l'ultimo). Con due percorsi: nel secondo.",
    ),
    andamento: bool = typer.Option(
        False,
        "--andamento",
        "--span",
        help="Tutti gli anni disponibili (da --from a --to): le cifre del catalogo anno per anno "
        "e la variazione sull'intero periodo.",
    ),
    soglia: str = typer.Option(
        SOGLIA_PREDEFINITA,
        "--threshold",
        metavar="PCT",
        callback=_percentuale,
        help="Evidenzia le variazioni oltre questa percentuale (da zero o con cambio di segno: sempre).",
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
        help="CSV «italiano»: separatore ; e virgola decimale; «excel»: separatore , punto "
        "decimale e BOM UTF-8.",
    ),
    fallisci_oltre: str | None = typer.Option(
        None,
        "--fail-over",
        metavar="PCT",
        callback=_percentuale,
        help=f"Esce con {SOGLIA_SUPERATA} se una variazione supera PCT% (per la CI).",
    ),
    sezioni: list[str] | None = typer.Option(
        None,
        "--sezione",
        "--section",
        metavar="SEZIONE",
        callback=_sezioni,
        help="Con --fail-over: solo le righe di questa sezione del DM (numero, es. 6, o nome, es. "
        "economia); ripetibile.",
    ),
    tipi: list[TipoCifra] | None = typer.Option(
        None,
        "--tipo",
        "--kind",
        metavar="euro|numero|percentuale",
        help="Con --fail-over: solo importi (euro), conteggi (numero) o quote (percentuale); ripetibile.",
    ),
    minimo: str | None = typer.Option(
        None,
        "--minimo",
        "--min-change",
        metavar="N",
        callback=_minimo,
        help="Con --fail-over: solo le variazioni di almeno N in valore assoluto, nell'unità "
        "della riga (euro, numero, punti percentuali).",
    ),
    anche_elementi: bool = typer.Option(
        False,
        "--anche-elementi",
        "--items",
        help="Con --fail-over: anche un servizio, amministratore o stakeholder aggiunto o rimosso fa fallire.",
    ),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Confronta due anni: ogni cifra, con variazione assoluta e percentuale, per sezione del DM.

    Servizi, amministratori e stakeholder comparsi o scomparsi sono elencati con ciò che
    portavano; dati mancanti (con il motivo), cambiamenti di metodo dichiarati e incoerenze
    trovate da check sono segnalati sulle righe. Con --andamento: ogni anno disponibile.
    Esce con 0; 1 se i dati non sono validi (come check e build); 2 se l'input non si può
    leggere o il comando è usato male; 3 per un errore interno; 4 se --fail-over è superato.
    """
    from ..confronto import andamento_da_disco, diff
    from ..errori import DatiNonValidi
    from ..esporta import (
        andamento_csv,
        andamento_markdown,
        come_csv,
        come_markdown,
        descrivi_elemento,
    )
    from ..variazioni import Andamento, Cancello

    limite: Decimal | None = fallisci_oltre  # type: ignore[assignment]  # converted by the callback
    filtri = [
        nome
        for nome, dato in (
            ("--sezione", sezioni),
            ("--tipo", tipi),
            ("--minimo", minimo),
            ("--anche-elementi", anche_elementi),
        )
        if dato
    ]
    if filtri and limite is None:
        raise typer.BadParameter(f"{', '.join(filtri)}: valido solo insieme a --fail-over")
    if andamento and nuovo is not None:
        raise typer.BadParameter("--andamento vale per una cartella, non per due percorsi")
    cancello = (
        Cancello(
            soglia=limite,
            sezioni={_sezioni_per_nome()[s.strip().lower()] for s in sezioni} if sezioni else None,
            tipi={t.value for t in tipi} if tipi else None,
            minimo=minimo,
            elementi=anche_elementi,
        )
        if limite is not None
        else None
    )
    try:
        if andamento:
            risultato: Confronto | Andamento = andamento_da_disco(percorso, da, a, soglia=soglia)  # type: ignore[arg-type]
        else:
            risultato = diff(percorso, da, a, nuovo=nuovo, soglia=soglia)  # type: ignore[arg-type]
    except DatiNonValidi as exc:
        stampa_rapporto(exc.rapporto, console=err)
        raise typer.Exit(codice_uscita(exc)) from None
    if solo_variati:
        risultato = risultato.solo_variati()

    if formato is Formato.JSON:
        scrivi_json(risultato.model_dump_json(indent=2))
    elif isinstance(risultato, Andamento):
        if formato is Formato.CSV:
            out.file.write(andamento_csv(risultato, dialetto.value))
        elif formato is Formato.MARKDOWN:
            out.file.write(andamento_markdown(risultato))
        else:
            stampa_andamento(risultato)
    elif formato is Formato.CSV:
        out.file.write(come_csv(risultato, dialetto.value))
    elif formato is Formato.MARKDOWN:
        out.file.write(come_markdown(risultato))
    else:
        stampa_confronto(risultato)

    if cancello is not None:
        righe: list[Riga]
        elementi: list[Elemento]
        if isinstance(risultato, Andamento):
            righe, elementi = [r for r in risultato.righe if cancello.riga(r)], []
        else:
            righe, elementi = risultato.superamenti(cancello)
        if righe or elementi:
            _segnala(cancello, righe, [descrivi_elemento(e) for e in elementi])
            raise typer.Exit(SOGLIA_SUPERATA)


def _segnala(cancello: Cancello, righe: list[Riga], elementi: list[str]) -> None:
    """One line on stderr: what makes the gate fail."""
    parti = []
    if righe:
        n = len(righe)
        parti.append(
            f"{n} {'variazione supera' if n == 1 else 'variazioni superano'} il "
            f"{_testo_pct(cancello.soglia)}: "
            + "; ".join(r.etichetta for r in righe[:5])
            + (f" e altre {n - 5}" if n > 5 else "")
        )
    if elementi:
        n = len(elementi)
        parti.append(
            f"{n} {'elemento aggiunto o rimosso' if n == 1 else 'elementi aggiunti o rimossi'}: "
            + "; ".join(elementi[:5])
            + (f" e altri {n - 5}" if n > 5 else "")
        )
    err.print(f"[bold red]soglia superata[/] ({escape(' · '.join(parti))})")


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
    from rich.table import Table  # only when a table is printed

    from ..esporta import riepilogo

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
        elementi = [
            (stato, stile, e)
            for stato, stile, lista in (
                ("aggiunto", "green", confronto.aggiunti),
                ("rimosso", "red", confronto.rimossi),
            )
            for e in lista
            if e.sezione.numero == sezione.numero
        ]
        con_note = any(r.note for r in righe) or any(e.cifre for _, _, e in elementi)
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
        for stato, stile, e in elementi:
            note = [escape(e.testo_cifre)] if con_note else []
            tabella.add_row(
                f"{escape(e.elenco)}: «{escape(e.nome)}»", "", "", stato, "", *note, style=stile
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


def stampa_andamento(andamento: Andamento) -> None:
    """One Rich table per section: a column per year, then the change over the whole span."""
    from rich.table import Table  # only when a table is printed

    from ..esporta import intestazione_periodo, riepilogo_andamento

    anni = andamento.anni
    titolo = "Andamento " + (f"{anni[0]}–{anni[-1]}" if anni else "")
    if andamento.denominazione:
        titolo += f" · {andamento.denominazione}"
    out.print(f"[bold]{escape(titolo)}[/]")
    for sezione in andamento.sezioni:
        righe = [r for r in andamento.righe if r.sezione.numero == sezione.numero]
        tabella = Table(title=f"[bold]{escape(str(sezione))}[/]", title_justify="left")
        tabella.add_column("Voce", overflow="fold", ratio=2)
        for anno in anni:
            tabella.add_column(str(anno), justify="right", no_wrap=True)
        tabella.add_column(escape(intestazione_periodo(andamento)), justify="right", no_wrap=True)
        tabella.add_column("Var. %", justify="right", no_wrap=True)
        con_note = any(r.note for r in righe)
        if con_note:
            tabella.add_column("Note", overflow="fold", ratio=1)
        for r in righe:
            note = [escape("; ".join(r.note))] if con_note else []
            tabella.add_row(
                ("» " if r.oltre_soglia else "") + escape(r.etichetta),
                *(escape(r.testo(r.valori.get(anno))) for anno in anni),
                escape(r.testo_delta),
                escape(r.testo_delta_percentuale),
                *note,
                style=_stile(r),
            )
        out.print(tabella)
    out.print(escape(riepilogo_andamento(andamento)) + " [dim](» oltre la soglia)[/]")
