"""Atomic file writing: a failed run leaves the previous output intact."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def scrivi_atomico(percorso: Path, contenuto: bytes) -> None:
    """Write ``contenuto`` to a temporary file beside ``percorso``, then rename it into place."""
    percorso.parent.mkdir(parents=True, exist_ok=True)
    fd, temporaneo = tempfile.mkstemp(
        prefix=f".{percorso.name}.", suffix=".tmp", dir=percorso.parent
    )
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(contenuto)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporaneo, 0o644)
        os.replace(temporaneo, percorso)
    except BaseException:
        try:
            os.unlink(temporaneo)
        except FileNotFoundError:
            pass
        raise
