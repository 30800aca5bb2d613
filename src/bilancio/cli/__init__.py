"""The command line: it only translates options into library calls and results into output.

Only this package imports Typer and Rich. Typer's own words (help, usage errors) are made
Italian in ``italiano``.
"""

from __future__ import annotations

import atexit
import gc

import typer

from .italiano import OPZIONI_AIUTO, Applicazione, Gruppo, versione

app = Applicazione(
    name="bilancio",
    help="Bilancio sociale delle cooperative sociali (DM 4 luglio 2019): controlli, report, confronti.",
    cls=Gruppo,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": OPZIONI_AIUTO},
)


@app.callback()
def _principale(
    _versione: bool = typer.Option(
        False,
        "--version",
        callback=versione,
        is_eager=True,
        help="Mostra la versione di bilancio ed esce.",
    ),
) -> None:
    """Bilancio sociale delle cooperative sociali (DM 4 luglio 2019): controlli, report, confronti."""


def _registra() -> None:
    # each command lives in its own module, which adds itself to ``app``
    from . import check, schema  # noqa: F401

    for modulo in ("diff", "build", "convert", "init", "site", "importa", "precommit", "servizio"):
        try:
            __import__(f"{__name__}.{modulo}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{modulo}":
                raise


def main() -> None:
    """The ``bilancio`` program: one command, then the process ends."""
    # Python's cycle collector walks every object it tracks, again and again as a start-up
    # allocates, and once more at exit: the modules and pydantic's validators, hundreds of
    # thousands of objects that live until the end anyway. What is loaded now is moved out
    # of its reach (gc.freeze: it is still freed by reference counting, never scanned), and
    # so is everything left when the process exits, instead of a last full collection.
    # Together about 50 ms of a `check` (bench/avvio.py). Nothing relies on that last
    # collection: every file is written and closed before a command returns.
    gc.freeze()
    atexit.register(gc.freeze)
    _registra()
    app()


_registra()
