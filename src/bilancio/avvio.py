"""The ``bilancio`` command's first step: a `check` (or the pre-commit hook's
`pre-commit`) goes to the check service when one is running (``bilancio serve``);
everything else, and those when no service answers, to the command line in this process.

Imports only the standard library until it knows which: the point is not to pay the
command line's start-up when the service can answer.
"""

from __future__ import annotations

import io
import sys

#: the commands the check service runs (check, and the pre-commit hook's, which checks the
#: folders a commit changes); everything else always runs in its own process, without
#: even loading the service's client (sockets, JSON)
COMANDI = frozenset({"check", "pre-commit"})


def _flussi_tolleranti() -> None:
    """A terminal or file whose encoding lacks a character we print («», …, è in a folder's
    name: an ASCII locale, PYTHONIOENCODING=latin-1) gets a «?» in its place, as the
    messages are still worth reading, rather than an error that loses the whole output."""
    for flusso in (sys.stdout, sys.stderr):
        if isinstance(flusso, io.TextIOWrapper) and flusso.errors == "strict":
            flusso.reconfigure(errors="replace")


def main() -> None:
    _flussi_tolleranti()
    if sys.argv[1:2] and sys.argv[1] in COMANDI:
        from .servizio import inoltra  # the standard library only

        codice = inoltra(sys.argv[1:])
        if codice is not None:
            sys.exit(codice)
    from .cli import main as riga_di_comando

    riga_di_comando()
