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

from ..errori import (
    ConversioneNonRiuscita,
    DatiNonValidi,
    ErroreBilancio,
    ErroreDati,
    ErroreInterno,
    Gravita,
    InputIlleggibile,
    Problema,
    Rapporto,
    StatoVoce,
    UscitaNonScrivibile,
    UsoNonValido,
)

if TYPE_CHECKING:
    from ..calcolo import Calcolo

_CONSOLE: dict[str, Any] = {"highlight": False, "soft_wrap": True}
out = Console(**_CONSOLE)
err = Console(stderr=True, **_CONSOLE)


def ricollega_terminale() -> None:
    """Look at the terminal again: for a process that took over another's standard streams
    (a child of the check service), whose colours, width and NO_COLOR Rich had read from
    the service's own. The two consoles stay the same objects, so every module that
    imported them writes to the new terminal."""
    Console.__init__(out, **_CONSOLE)
    Console.__init__(err, stderr=True, **_CONSOLE)


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

# how much `check` (and `build`, when it shows check's findings) prints
BREVE, NORMALE, COMPLETO = "breve", "normale", "completo"

QUIET_OPTION = typer.Option(
    False, "--quiet", "-q", help="Solo gli errori e il riepilogo (gli avvisi sono contati)."
)
VERBOSE_OPTION = typer.Option(
    False,
    "--verbose",
    "-v",
    help="Ogni problema per intero, anche gli avvisi ripetuti (senza raggrupparli).",
)


def dettaglio(quiet: bool, verbose: bool) -> str:
    if quiet and verbose:
        raise typer.BadParameter("--quiet e --verbose non si possono usare insieme.")
    return BREVE if quiet else COMPLETO if verbose else NORMALE


# the groups' headings for problems that are not a rule's
_TITOLI = {
    "SCHEMA": "Struttura dei dati",
    "SINTASSI": "Sintassi del file",
    "XLSX": "Cartella di lavoro",
    "FORMULA": "Formule della cartella di lavoro",
}


def _titolo(codice: str) -> str:
    from ..regole import REGOLE

    regola = REGOLE.get(codice)
    return regola.titolo if regola is not None else _TITOLI.get(codice, codice)


def _nel_foglio(p: Problema) -> bool:
    return p.posizione is not None and p.posizione.foglio is not None


def _stampa_problema(p: Problema, console: Console) -> None:
    """One problem in full, compiler-style (file:line:col)."""
    colore = _COLORI[p.gravita]
    dove = f"{escape(p.dove)}: " if p.dove else ""
    console.print(f"{dove}[{colore}]{p.gravita.value}[/] [bold]{escape(p.codice)}[/]", end="")
    if p.campo and not _nel_foglio(p):  # a workbook's user knows cells, not field paths
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


def _stampa_riga(p: Problema, console: Console) -> None:
    """One problem on one line: where, what, the value found and what was expected."""
    colore = _COLORI[p.gravita]
    dove = f"{escape(p.dove)}: " if p.dove else ""
    dettagli = []
    if p.trovato is not None:
        dettagli.append(f"trovato: {escape(p.trovato)}")
    if p.atteso:
        dettagli.append(f"atteso: {escape(p.atteso)}")
    altro = f" [dim]({' · '.join(dettagli)})[/]" if dettagli else ""
    console.print(
        f"{dove}[{colore}]{p.gravita.value}[/] [bold]{escape(p.codice)}[/] "
        f"{escape(p.messaggio)}{altro}"
    )


def _dove_breve(p: Problema) -> str:
    """Where, without a cell's header (a grouped line names its item)."""
    pos = p.posizione
    if pos is not None and pos.foglio and pos.cella:
        return f"{pos.file} — {pos.foglio}!{pos.cella}"
    return p.dove


def _stampa_gruppo(gruppo: list[Problema], console: Console) -> None:
    """Problems of one kind: the explanation once, then a line each."""
    primo = gruppo[0]
    colore = _COLORI[primo.gravita]
    attesi = [p.atteso for p in gruppo]
    comune = max(dict.fromkeys(attesi), key=attesi.count)
    console.print(
        f"[{colore}]{primo.gravita.value}[/] [bold]{escape(primo.codice)}[/] "
        f"{escape(_titolo(primo.codice))}: {len(gruppo)}"
    )
    spiegazione = []
    if comune:
        spiegazione.append(f"atteso: {escape(comune)}")
    if primo.riferimento:
        spiegazione.append(f"rif.: {escape(primo.riferimento)}")
    if spiegazione:
        console.print("  " + " · ".join(spiegazione), style="dim")
    for p in gruppo:
        dove = _dove_breve(p) if p.breve else p.dove
        testo = p.breve or p.messaggio
        dettagli = []
        if p.trovato is not None:
            dettagli.append(f"trovato: {escape(p.trovato)}")
        if p.atteso != comune and p.atteso:
            dettagli.append(f"atteso: {escape(p.atteso)}")
        altro = f" [dim]({' · '.join(dettagli)})[/]" if dettagli else ""
        console.print(f"  • {escape(dove) + ': ' if dove else ''}{escape(testo)}{altro}")


def gruppi(problemi: list[Problema]) -> list[list[Problema]]:
    """Problems of the same code, severity and reference together, in the order of their
    first; errors before warnings."""
    per_chiave: dict[tuple[object, ...], list[Problema]] = {}
    for p in sorted(problemi, key=lambda p: p.gravita is not Gravita.ERRORE):
        per_chiave.setdefault((p.gravita, p.codice, p.riferimento), []).append(p)
    return list(per_chiave.values())


def stampa_rapporto(
    rapporto: Rapporto,
    *,
    console: Console = out,
    conformita: bool = False,
    cifre: bool = False,
    livello: str = NORMALE,
    comando: str = "check",
) -> None:
    """Print the problems, then a summary to read first.

    ``livello``: BREVE (errors and the summary), NORMALE (repeated problems grouped, the
    explanation once), COMPLETO (every problem in full, in reading order).
    """
    if livello == COMPLETO:
        for p in rapporto.problemi:
            _stampa_problema(p, console)
    elif livello == BREVE:
        for p in rapporto.errori:  # one line each
            _stampa_riga(p, console)
    else:
        for gruppo in gruppi(rapporto.problemi):
            if len(gruppo) == 1:
                _stampa_problema(gruppo[0], console)
            else:
                _stampa_gruppo(gruppo, console)
    if conformita and rapporto.conformita:
        from rich.table import Table  # only when a table is printed

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
    # quiet and no errors: the one-line summary is enough
    if rapporto.problemi and (livello != BREVE or rapporto.errori or not rapporto.leggibile):
        for riga in sintesi(rapporto, comando=comando):
            console.print(riga)
    console.print(riepilogo(rapporto))


def _nome_parte(chiave: str) -> str:
    """A top-level part of a year in words: its DM section (``3. Struttura, governo…``)."""
    from ..modello import Anno
    from ..modello.sezioni import SEZIONI_DM

    for sezione in SEZIONI_DM:
        if sezione.chiave == chiave:
            return sezione.intestazione
    info = Anno.model_fields.get(chiave)
    return info.title if info is not None and info.title else chiave


def _conta(problemi: list[Problema]) -> str:
    conteggi: dict[str, int] = {}
    for p in problemi:
        conteggi[p.codice] = conteggi.get(p.codice, 0) + 1
    return ", ".join(f"{codice} {n}" for codice, n in conteggi.items())


def sintesi(rapporto: Rapporto, *, comando: str = "check") -> list[str]:
    """What is wrong, what is missing, what to do next: the lines a person reads first."""
    righe = ["", "[bold]Riepilogo[/]"]
    interni = rapporto.interni
    errori = [p for p in rapporto.errori if not p.interno]
    if interni:
        righe.append(
            f"  [red]Controllo incompleto:[/] {escape(_conta(interni))} non si è potuta eseguire "
            "(errore interno dello strumento, non dei dati: segnalarlo agli sviluppatori); le "
            "altre regole sono state applicate."
        )
    mancanti = [v for v in rapporto.conformita if v.stato is StatoVoce.MANCANTE]
    conformita = [p for p in rapporto.avvisi if p.codice == "CONFORMITA"]
    altri = [p for p in rapporto.avvisi if p.codice != "CONFORMITA"]
    if errori:
        n = len(errori)
        righe.append(
            f"  [red]Da correggere:[/] {n} {'errore' if n == 1 else 'errori'} ({escape(_conta(errori))})."
        )
    if mancanti and conformita:
        voci = ", ".join(v.codice for v in mancanti)
        n = len(mancanti)
        righe.append(
            f"  [yellow]Da completare:[/] {n} {'voce' if n == 1 else 'voci'} del DM 4 luglio 2019 "
            f"{'mancante' if n == 1 else 'mancanti'} ({voci}): indicarle o dichiararne l'assenza con il motivo."
        )
    if altri:
        n = len(altri)
        righe.append(
            f"  [yellow]Da verificare:[/] {n} {'avviso' if n == 1 else 'avvisi'} ({escape(_conta(altri))})."
        )
    percorso = escape(rapporto.percorso)
    if not rapporto.leggibile:
        passo = (
            "rendere leggibile il file indicato sopra, poi rilanciare "
            f"«bilancio {comando} {percorso}»: gli altri controlli partono quando si può leggere."
        )
    elif errori:
        passo = f"correggere gli errori, dal primo, e rilanciare «bilancio {comando} {percorso}»"
        if rapporto.parti_escluse:
            parti = ", ".join(f"«{_nome_parte(p)}»" for p in rapporto.parti_escluse)
            passo += (
                f" (le regole di legge e i controlli aritmetici sono stati applicati alle parti "
                f"valide; su {parti} partiranno quando la struttura sarà corretta, e possono "
                "trovare altro)"
            )
        elif rapporto.calcolo is None and not rapporto.regole_parziali:
            passo += (
                " (le regole di legge e i controlli aritmetici partono quando la struttura dei "
                "dati è corretta, e possono trovare altro)"
            )
        passo += "."
    elif comando == "check":
        passo = f"il report si può costruire: «bilancio build {percorso}»."
        if mancanti:
            passo = "completare le voci mancanti; intanto " + passo
    else:
        passo = "completare le voci mancanti al prossimo aggiornamento." if mancanti else ""
    if passo:
        righe.append(f"  [bold]Prossimo passo:[/] {passo}")
    return righe


def stampa_cifre(calcolo: Calcolo, *, console: Console = out) -> None:
    """The computed figures of the reference year and the year before, with why one is n.d."""
    from rich.table import Table  # only when a table is printed

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
