"""`bilancio serve`: keep a check process started, so `check` answers at once."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import typer

from ..scelte import INATTIVITA_SERVIZIO
from . import app
from .comune import DEBUG_OPTION, err, gestisci_errori, out


def _prepara() -> Callable[[str, list[str]], int]:
    """Import, once in the service, what every `check` uses (the children inherit it), and
    return what a child runs for a request: the ordinary command line."""
    from decimal import Decimal

    import openpyxl  # noqa: F401  (imported by a workbook's check, on first use)
    from typer.main import get_command

    from .. import calcolo, controllo, formato, regole  # noqa: F401
    from ..lettura import xlsx  # noqa: F401
    from . import check  # noqa: F401
    from .comune import ricollega_terminale

    formato.numero(Decimal("1234.5"))  # babel loads its Italian locale data on first use
    comando = get_command(app)

    def esegui(programma: str, argomenti: list[str]) -> int:
        ricollega_terminale()
        codice = comando.main(args=argomenti, prog_name=programma, standalone_mode=False)
        return codice if isinstance(codice, int) else 0

    return esegui


def _descrivi(stato: dict[str, object]) -> str:
    avviato = stato.get("avviato")
    quando = (
        dt.datetime.fromtimestamp(avviato).strftime("%d/%m/%Y %H:%M")
        if isinstance(avviato, int | float)
        else "?"
    )
    return (
        f"pid {stato.get('pid')}, versione {stato.get('versione')}, avviato il {quando}, "
        f"{stato.get('richieste')} controlli eseguiti"
    )


@app.command("serve")
@gestisci_errori
def servizio(
    sfondo: bool = typer.Option(
        False,
        "--background",
        "--sfondo",
        help="Avvia il servizio in background e torna subito al terminale.",
    ),
    ferma: bool = typer.Option(False, "--stop", "--ferma", help="Ferma il servizio attivo."),
    mostra_stato: bool = typer.Option(
        False, "--status", "--stato", help="Dice se il servizio è attivo (esce con 1 se non lo è)."
    ),
    inattivita: int = typer.Option(
        INATTIVITA_SERVIZIO,
        "--idle",
        "--inattivita",
        min=0,
        metavar="MINUTI",
        help="Si ferma da solo dopo tanti minuti senza controlli (0: mai).",
    ),
    debug: bool = DEBUG_OPTION,
) -> None:
    """Tiene pronto un processo di controllo: «bilancio check» risponde subito, senza ripartire.

    Per il controllo al salvataggio in un editor, o per chi lancia check spesso. Ogni
    controllo è un «bilancio check» ordinario (stessi messaggi, stesso codice di uscita),
    eseguito in una copia del servizio già avviato. Risponde solo a questo utente e a
    questa installazione di bilancio; se bilancio viene aggiornato, check torna a
    partire da sé finché il servizio non viene riavviato. Solo Linux e macOS.
    """
    from .. import servizio as srv
    from ..errori import ServizioGiaAttivo, UsoNonValido

    if ferma or mostra_stato:
        stato = srv.ferma() if ferma else srv.stato()
        if stato is None:
            out.print("Il servizio di controllo non è attivo.")
            raise typer.Exit(0 if ferma else 1)
        out.print(f"Servizio di controllo {'fermato' if ferma else 'attivo'}: {_descrivi(stato)}.")
        return
    if not srv.disponibile():
        raise UsoNonValido(
            "Il servizio di controllo non è disponibile su questo sistema (serve Linux o "
            "macOS): «bilancio check» funziona comunque, partendo ogni volta."
        )
    servizio_ = srv.Servizio(_prepara(), inattivita=inattivita * 60 or float("inf"))
    try:
        servizio_.avvia()
    except ServizioGiaAttivo as exc:
        out.print(f"Il servizio di controllo è già attivo: {_descrivi(exc.stato)}.")
        return
    durata = f"dopo {inattivita} minuti senza controlli, " if inattivita else ""
    if sfondo:
        pid = servizio_.in_sfondo()
        if pid is not None:
            out.print(
                f"Servizio di controllo avviato in background (pid {pid}): si ferma {durata}"
                "o con «bilancio serve --stop»."
            )
            return
    else:
        out.print(
            f"Servizio di controllo attivo (pid {os.getpid()}): «bilancio check» "
            f"risponde subito. Si ferma {durata}con Ctrl-C o con «bilancio serve --stop»."
        )
    try:
        motivo = servizio_.servi()
    except KeyboardInterrupt:
        motivo = "ferma"
    if not sfondo:
        messaggi = {
            "ferma": "Servizio di controllo fermato.",
            "segnale": "Servizio di controllo fermato.",
            "inattivita": f"Servizio di controllo fermato: nessun controllo da {inattivita} minuti.",
            "superato": (
                "Servizio di controllo fermato: bilancio è stato aggiornato (o modificato) "
                "dopo l'avvio; rilanciare «bilancio serve» per usare la nuova versione."
            ),
        }
        err.print(messaggi.get(motivo, "Servizio di controllo fermato."))
