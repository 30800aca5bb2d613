"""The ``bilancio`` command's first step: a `check` (or the pre-commit hook's
`pre-commit`) goes to the check service when one is running (``bilancio serve``);
everything else, and those when no service answers, to the command line in this process.

Imports only the standard library until it knows which: the point is not to pay the
command line's start-up when the service can answer.
"""

from __future__ import annotations

import sys


def main() -> None:
    from .servizio import inoltra  # the standard library only

    codice = inoltra(sys.argv[1:])
    if codice is not None:
        sys.exit(codice)
    from .cli import main as riga_di_comando

    riga_di_comando()
