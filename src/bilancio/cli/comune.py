"""What every command shares: consoles, error handling, printing a report."""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errori import (
    ConversioneNonRiuscita,
    DatiNonValidi,
    ErroreBilancio,
    ErroreDati,
    ErroreInterno,
    Gravita,
    InputIlleggibile,
    Rapporto,
    StatoVoce,
    UscitaNonScrivibile,
    UsoNonValido,
)

if TYPE_CHECKING:
    from ..calcolo import Calcolo

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])

# usage errors raised inside a command (typer.BadParameter...): cli.italiano prints them
# in Italian with the usage line and exits with 2, so they must pass through untouched
_ERRORE_USO: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)

DEBUG_OPTION = typer.Option(
    False, "--debug", help="Mostra il traceback completo in caso di errore interno."
)


# --- exit codes: the one place where each kind of error gets its code ----------------------

USCITA_OK = 0
USCITA_DATI = 1  # data errors (or warnings with --strict)
USCITA_INPUT = 2  # input that cannot be read, a misused command, output that cannot be written
USCITA_INTERNO = 3  # a bug of ours
USCITA_SOGLIA = 4  # diff --fail-over: a change exceeds the threshold

#: each kind of the library's errors (bilancio.errori) and its exit code, most specific first
CODICI_USCITA: tuple[tuple[type[ErroreBilancio], int], ...] = (
    (UsoNonValido, USCITA_INPUT),
    (InputIlleggibile, USCITA_INPUT),
    (UscitaNonScrivibile, USCITA_INPUT),
    (ErroreInterno, USCITA_INTERNO),
    (ErroreDati, USCITA_DATI),
)


def codice_uscita(exc: BaseException) -> int:
    """The exit code of an error: by its kind; a report's own verdict for invalid data."""
    if isinstance(exc, DatiNonValidi):
        # 3 a rule that could not run, 2 a file that cannot be read, else 1 (errors, or
        # warnings under --strict)
        return exc.rapporto.esito() or USCITA_DATI
    if isinstance(exc, ConversioneNonRiuscita) and not exc.leggibile:
        return USCITA_INPUT
    for tipo, codice in CODICI_USCITA:
        if isinstance(exc, tipo):
            return codice
    return USCITA_DATI if isinstance(exc, ErroreBilancio) else USCITA_INTERNO


def stampa_errore(exc: BaseException) -> None:
    """The Italian message of a library error, on stderr."""
    if isinstance(exc, ErroreInterno):
        err.print(
            f"[bold red]errore interno:[/] {escape(str(exc))}\n"
            "Rilanciare con --debug per il dettaglio e segnalarlo agli sviluppatori."
        )
    else:
        err.print(f"[bold red]errore:[/] {escape(str(exc))}")


def gestisci_errori(funzione: F) -> F:
    """Turn library errors into a message and an exit code; tracebacks only with --debug."""

    @functools.wraps(funzione)
    def involucro(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug"))
        try:
            return funzione(*args, **kwargs)
        except (typer.Exit, typer.Abort, _ERRORE_USO):
            raise  # usage errors: click prints them and exits with 2
        except ErroreBilancio as exc:
            stampa_errore(exc)
            if debug:
                traceback.print_exc()
            raise typer.Exit(codice_uscita(exc)) from None
        except KeyboardInterrupt:
            err.print("interrotto")
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug of ours, never the answer to bad input
            if debug:
                traceback.print_exc()
            else:
                err.print(
                    f"[bold red]errore interno:[/] {escape(type(exc).__name__)}: {escape(str(exc))}\n"
                    "Rilanciare con --debug per il dettaglio e segnalarlo agli sviluppatori."
                )
            raise typer.Exit(USCITA_INTERNO) from None

    return involucro  # type: ignore[return-value]


_COLORI = {Gravita.ERRORE: "bold red", Gravita.AVVISO: "yellow"}


def stampa_rapporto(
    rapporto: Rapporto, *, console: Console = out, conformita: bool = False, cifre: bool = False
) -> None:
    """Print every problem compiler-style (file:line:col), then a summary."""
    for p in rapporto.problemi:
        colore = _COLORI[p.gravita]
        dove = f"{escape(p.dove)}: " if p.dove else ""
        console.print(f"{dove}[{colore}]{p.gravita.value}[/] [bold]{escape(p.codice)}[/]", end="")
        if p.campo:
            console.print(f" [cyan]{escape(p.campo)}[/]", end="")
        console.print()
        console.print(f"  {escape(p.messaggio)}")
        dettagli = []
        if p.trovato is not None:
            dettagli.append(f"trovato: {escape(p.trovato)}")
        if p.atteso:
            dettagli.append(f"atteso: {escape(p.atteso)}")
        if dettagli:
            console.print("  " + " · ".join(dettagli), style="dim")
        if p.riferimento:
            console.print(f"  rif.: {escape(p.riferimento)}", style="dim")
    if conformita and rapporto.conformita:
        tabella = Table(title="Tavola di conformità (DM 4 luglio 2019 §6)", title_justify="left")
        tabella.add_column("Voce")
        tabella.add_column("Descrizione")
        tabella.add_column("Stato")
        tabella.add_column("Motivo")
        stili = {
            StatoVoce.PRESENTE: "green",
            StatoVoce.ASSENTE: "cyan",
            StatoVoce.MANCANTE: "yellow",
        }
        for v in rapporto.conformita:
            tabella.add_row(
                v.codice, v.titolo, f"[{stili[v.stato]}]{v.stato.value}[/]", escape(v.motivo or "")
            )
        console.print(tabella)
    if cifre and rapporto.calcolo is not None:
        stampa_cifre(rapporto.calcolo, console=console)
    console.print(riepilogo(rapporto))


def stampa_cifre(calcolo: Calcolo, *, console: Console = out) -> None:
    """The computed figures of the reference year and the year before, with why one is n.d."""
    from .. import formato
    from ..modello.catalogo import CATALOGO

    anni = [a for a in (calcolo.precedente, calcolo.riferimento) if a is not None]
    tabella = Table(title=f"Cifre calcolate ({formato.ND}: non disponibile)", title_justify="left")
    tabella.add_column("Indicatore")
    tabella.add_column("Codice", style="dim")
    for anno in anni:
        tabella.add_column(str(anno), justify="right")
    tabella.add_column("Perché non disponibile")
    for ind in CATALOGO:
        cifre = [calcolo.cifra(ind.codice, a) for a in anni]
        if all(c.valore is None for c in cifre) and "non è indicato" in (cifre[-1].motivo or ""):
            continue  # a figure the cooperative's data has no part of in any year
        motivi = "; ".join(dict.fromkeys(c.motivo for c in cifre if c.motivo))
        tabella.add_row(
            escape(ind.etichetta),
            ind.codice,
            *(formato.cifra(c.valore, ind.unita, ind.decimali) for c in cifre),
            escape(motivi),
        )
    console.print(tabella)


def riepilogo(rapporto: Rapporto) -> str:
    e, a = len(rapporto.errori), len(rapporto.avvisi)
    anno = f" {rapporto.anno}" if rapporto.anno else ""
    parti = [f"{e} {'errore' if e == 1 else 'errori'}", f"{a} {'avviso' if a == 1 else 'avvisi'}"]
    if rapporto.conformita:
        conteggi = {s: sum(1 for v in rapporto.conformita if v.stato is s) for s in StatoVoce}
        parti.append(
            f"conformità: {conteggi[StatoVoce.PRESENTE]} voci presenti, "
            f"{conteggi[StatoVoce.ASSENTE]} dichiarate assenti, {conteggi[StatoVoce.MANCANTE]} mancanti"
        )
    stato = "[green]OK[/]" if rapporto.valido else "[red]NON VALIDO[/]"
    if not rapporto.leggibile:
        stato = "[red]ILLEGGIBILE[/]"
    return f"{stato} {escape(rapporto.percorso)}{anno}: " + ", ".join(parti)


def json_rapporto(rapporto: Rapporto) -> str:
    dati = rapporto.model_dump(mode="json")
    dati["valido"] = rapporto.valido
    dati["errori"] = len(rapporto.errori)
    dati["avvisi"] = len(rapporto.avvisi)
    return json.dumps(dati, ensure_ascii=False, indent=2)


def scrivi_json(testo: str) -> None:
    sys.stdout.write(testo + "\n")
