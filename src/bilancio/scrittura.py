"""Atomic file writing: a failed run leaves the previous output intact.

Every file is written to a temporary file beside it, then renamed into place, so no file
is ever half-written. :func:`scrivi_insieme` does it for the files of one build together
(the HTML and the PDF of a report): either all of them replace the previous ones, or none
does and the previous ones are put back. A failure (a folder that is a file, a read-only
or full disk, a destination another program holds open) raises
:class:`~bilancio.errori.UscitaNonScrivibile` with an Italian message, and leaves no
temporary file behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errori import UscitaNonScrivibile

_MOTIVI = {
    errno.EACCES: "permesso negato",
    errno.EPERM: "permesso negato",
    errno.EROFS: "il disco è di sola lettura",
    errno.ENOSPC: "spazio su disco esaurito",
    errno.EDQUOT: "spazio su disco esaurito (quota)",
    errno.ENAMETOOLONG: "nome troppo lungo",
}


def _motivo(exc: OSError) -> str:
    return _MOTIVI.get(exc.errno or 0, f"errore del sistema: {exc.strerror or type(exc).__name__}")


def controlla_cartella(cartella: Path) -> None:
    """Refuse early, creating nothing, an output folder that cannot be written to.

    The nearest part of the path that exists must be a folder we may write in.
    """
    for parte in (cartella, *cartella.parents):
        if not parte.exists():
            continue
        if not parte.is_dir():
            if parte == cartella:
                raise UscitaNonScrivibile(
                    f"«{cartella}» è un file, non una cartella: indicare come uscita una "
                    "cartella (esistente o da creare).",
                    str(cartella),
                )
            raise UscitaNonScrivibile(
                f"Impossibile creare la cartella «{cartella}»: «{parte}» è un file, non una cartella.",
                str(cartella),
            )
        if not _scrivibile(parte):
            raise UscitaNonScrivibile(
                f"Impossibile scrivere nella cartella «{parte}» (permesso negato): scegliere "
                "un'altra cartella di uscita o controllarne i permessi.",
                str(cartella),
            )
        return


def _scrivibile(cartella: Path) -> bool:
    return os.access(cartella, os.W_OK | os.X_OK)


def prepara_cartella(cartella: Path) -> None:
    """Create ``cartella`` (and its parents) or say, in Italian, why it cannot be written to."""
    if cartella.exists() and not cartella.is_dir():
        raise UscitaNonScrivibile(
            f"«{cartella}» è un file, non una cartella: indicare come uscita una cartella "
            "(esistente o da creare).",
            str(cartella),
        )
    try:
        cartella.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UscitaNonScrivibile(
            f"Impossibile creare la cartella «{cartella}»: una parte del percorso è un file, "
            "non una cartella.",
            str(cartella),
        ) from None
    except OSError as exc:
        raise UscitaNonScrivibile(
            f"Impossibile creare la cartella «{cartella}» ({_motivo(exc)}): scegliere "
            "un'altra cartella di uscita o controllarne i permessi.",
            str(cartella),
        ) from None


def _temporaneo(percorso: Path, contenuto: bytes) -> Path:
    """``contenuto`` in a temporary file beside ``percorso``, flushed to disk."""
    if percorso.is_dir():
        raise UscitaNonScrivibile(
            f"«{percorso}» è una cartella: non può essere sostituita da un file.", str(percorso)
        )
    try:
        fd, nome = tempfile.mkstemp(prefix=f".{percorso.name}.", suffix=".tmp", dir=percorso.parent)
    except OSError as exc:
        raise UscitaNonScrivibile(
            f"Impossibile scrivere nella cartella «{percorso.parent}» ({_motivo(exc)}): "
            "scegliere un'altra cartella di uscita o controllarne i permessi.",
            str(percorso),
        ) from None
    temporaneo = Path(nome)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(contenuto)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporaneo, 0o644)
    except BaseException as exc:
        temporaneo.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UscitaNonScrivibile(
                f"Scrittura di «{percorso}» non riuscita ({_motivo(exc)}); il file precedente "
                "è intatto.",
                str(percorso),
            ) from None
        raise
    return temporaneo


def _sostituisci(temporaneo: Path, percorso: Path) -> None:
    try:
        os.replace(temporaneo, percorso)
    except OSError as exc:
        if isinstance(exc, PermissionError):
            motivo = (
                "il file è aperto in un altro programma (per esempio un lettore PDF) o protetto: "
                "chiuderlo e riprovare"
            )
        else:
            motivo = _motivo(exc)
        raise UscitaNonScrivibile(
            f"Impossibile sostituire «{percorso}»: {motivo}. Il file precedente è intatto.",
            str(percorso),
        ) from None


def scrivi_atomico(percorso: Path, contenuto: bytes) -> None:
    """Write ``contenuto`` to a temporary file beside ``percorso``, then rename it into place."""
    scrivi_insieme({percorso: contenuto})


def scrivi_insieme(file: Mapping[Path, bytes]) -> None:
    """Write every file atomically, all or none: on a failure the previous files are back.

    Each file goes first to a temporary file beside it (a failure there changes nothing);
    then each new one is renamed into place, a copy of the previous one kept aside to be
    put back if a later rename fails.
    """
    temporanei: dict[Path, Path] = {}
    try:
        for percorso, contenuto in file.items():
            prepara_cartella(percorso.parent)
            temporanei[percorso] = _temporaneo(percorso, contenuto)
    except BaseException:
        for t in temporanei.values():
            t.unlink(missing_ok=True)
        raise
    riserve: dict[Path, Path | None] = {}  # each replaced file: its previous content, or None
    sostituiti: list[Path] = []
    try:
        for percorso, temporaneo in temporanei.items():
            riserve[percorso] = _riserva(percorso) if len(temporanei) > 1 else None
            _sostituisci(temporaneo, percorso)
            sostituiti.append(percorso)
    except BaseException:
        for percorso, temporaneo in temporanei.items():
            if percorso not in sostituiti:
                temporaneo.unlink(missing_ok=True)
        for percorso in sostituiti:  # put the previous files back
            riserva = riserve[percorso]
            if riserva is not None:
                os.replace(riserva, percorso)
            else:
                percorso.unlink(missing_ok=True)  # it did not exist before
        raise
    finally:
        for riserva in riserve.values():
            if riserva is not None:
                riserva.unlink(missing_ok=True)


def _riserva(percorso: Path) -> Path | None:
    """A copy of ``percorso``'s current content beside it, to put it back; None if it is new."""
    if not percorso.is_file():
        return None
    try:
        return _temporaneo(percorso, percorso.read_bytes())
    except UscitaNonScrivibile:
        raise
    except OSError as exc:
        raise UscitaNonScrivibile(
            f"Impossibile leggere «{percorso}» per sostituirlo ({_motivo(exc)}).", str(percorso)
        ) from None
