"""The command line: it only translates options into library calls and results into output.

Only this package imports Typer and Rich.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="bilancio",
    help="Bilancio sociale delle cooperative sociali (DM 4 luglio 2019): controlli, report, confronti.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _registra() -> None:
    # each command lives in its own module, which adds itself to ``app``
    from . import check, schema  # noqa: F401

    for modulo in ("diff", "build", "convert", "init", "site", "importa"):
        try:
            __import__(f"{__name__}.{modulo}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{modulo}":
                raise


def main() -> None:
    _registra()
    app()


_registra()
