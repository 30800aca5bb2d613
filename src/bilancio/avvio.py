"""The ``bilancio`` command's first step: a `check` goes to the check service when one is
running (``bilancio serve``), everything else, and `check` when no service answers, to
the command line in this process.

Imports only the standard library until it knows which: the point is not to pay the
command line's start-up when the service can answer.
"""

from __future__ import annotations

import sys


def main() -> None:
    argomenti = sys.argv[1:]
    if argomenti[:1] == ["check"]:
        from .servizio import inoltra

        codice = inoltra(argomenti)
        if codice is not None:
            sys.exit(codice)
    from .cli import main as riga_di_comando

    riga_di_comando()
