"""Publishing a site whole: built in a fresh folder beside the old one, then swapped in.

Visitors (and a web server reading the folder) never see half a site: the new site is
assembled in a unique temporary folder in the output's parent (``tempfile.mkdtemp``),
every file written atomically, the manifest last; only then does it replace the previous
site, by two renames. Until that moment the previous site is untouched, so a run that
fails, is interrupted or cannot write leaves it as it was.

Unchanged files are hard links to the previous site's (no copy, the same modification
time); nothing is ever rewritten in place, so the two sites never share a changing file.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, Field, ValidationError

from ..errori import UscitaNonScrivibile, UsoNonValido
from ..scrittura import scrivi_atomico

MANIFESTO = ".bilancio-sito.json"
"""The site's manifest: the files bilancio wrote (others' files, a CNAME, are kept)."""


class VocePubblica(BaseModel):
    """What the manifest remembers of one report: enough to merge again, nothing internal."""

    chiave: str
    slug: str
    anno: int
    tema: str
    impronta: str
    stato: str
    file: list[str] = Field(default_factory=list)


class Manifesto(BaseModel):
    file: list[str] = Field(default_factory=list)
    esiti: list[VocePubblica] = Field(default_factory=list)


# the names of the files bilancio writes into a site: what a build may replace or remove
# when the manifest that lists them is unreadable
_NOSTRI = re.compile(
    r"^(index\.html|sitemap\.xml|dati-\d{4}\.(json|csv)|bilancio-sociale(-[a-z0-9-]+)?-\d{4}"
    r"(-leggero)?\.(html|pdf)|\.bilancio-(sito|shard-\d+-di-\d+)\.json)$"
)


def nostro(relativo: str) -> bool:
    """Whether a file of the site has the name of one bilancio writes."""
    return bool(_NOSTRI.match(PurePosixPath(relativo).name))


def leggi_manifesto(cartella: Path, avvisi: list[str]) -> Manifesto | None:
    """The manifest of the site in ``cartella``; ``None`` when absent or unreadable.

    An unreadable one is reported in ``avvisi``: the caller then rebuilds the whole site
    and keeps only the files whose names bilancio never writes.
    """
    percorso = cartella / MANIFESTO
    if not percorso.is_file():
        return None
    try:
        return Manifesto.model_validate_json(percorso.read_bytes())
    except (ValidationError, ValueError, OSError):
        avvisi.append(
            f"Il manifesto del sito «{percorso}» è illeggibile o incompleto: il sito si "
            "ricostruisce per intero e si conservano solo i file che bilancio non scrive."
        )
        return None


def testo_manifesto(manifesto: Manifesto) -> bytes:
    return json.dumps(manifesto.model_dump(mode="json"), ensure_ascii=False, indent=1).encode()


def non_scrivibile(percorso: Path | str | None, exc: OSError, cosa: str) -> UscitaNonScrivibile:
    """An Italian exit-2 error for a destination that cannot be written or replaced."""
    if isinstance(exc, UscitaNonScrivibile):  # the atomic writer said why already
        return exc
    dove = f"«{exc.filename or percorso}»"
    if isinstance(exc, PermissionError):
        motivo = (
            "permesso negato (cartella di sola lettura, o un file aperto in un altro "
            "programma, ad esempio un lettore PDF)"
        )
    elif isinstance(exc, IsADirectoryError | NotADirectoryError | FileExistsError):
        motivo = "al suo posto c'è un file o una cartella di tipo diverso"
    else:
        motivo = exc.strerror or type(exc).__name__
    return UscitaNonScrivibile(
        f"Impossibile scrivere {cosa}: {dove}: {motivo}.",
        str(exc.filename or percorso) if (exc.filename or percorso) else None,
    )


def controlla_uscita(uscita: Path, *dentro: tuple[Path, str]) -> None:
    """Refuse, before anything is built, an output that is a file, or one that holds what
    the build reads or the place it runs from (``dentro``: (path, what it is)): the site is
    replaced whole, so it must be a folder of its own."""
    if uscita.exists() and not uscita.is_dir():
        raise UscitaNonScrivibile(
            f"«{uscita}» esiste ed è un file, non una cartella: indicare con --output una cartella."
        )
    reale = Path(os.path.realpath(uscita))
    for percorso, cosa in dentro:
        if Path(os.path.realpath(percorso)).is_relative_to(reale):
            raise UsoNonValido(
                f"La cartella del sito «{uscita}» contiene {cosa} «{percorso}»: il sito si "
                "sostituisce per intero, indicare con --output una cartella a parte (es. public)."
            )


def ripristina(uscita: Path, avvisi: list[str]) -> None:
    """Put back a previous site a killed run left aside between the swap's two renames."""
    uscita = Path(os.path.realpath(uscita))
    if uscita.exists() or not uscita.parent.is_dir():
        return
    nome = glob.escape(uscita.name)
    lasciati = sorted(uscita.parent.glob(f".{nome}-vecchio-*/{nome}"))
    if len(lasciati) != 1 or not lasciati[0].is_dir():
        return
    os.rename(lasciati[0], uscita)
    shutil.rmtree(lasciati[0].parent, ignore_errors=True)
    avvisi.append(
        f"Il sito precedente era stato messo da parte da un'esecuzione interrotta "
        f"(«{lasciati[0]}»): rimesso al suo posto prima di costruire."
    )


class Cantiere:
    """The new site being assembled beside ``uscita``; :meth:`pubblica` swaps it in."""

    def __init__(self, uscita: Path) -> None:
        controlla_uscita(uscita)
        self.indicata = uscita  # as the user wrote it, for the messages
        # a link to the site's folder: the folder it points to is the one replaced
        self.uscita = Path(os.path.realpath(uscita))
        self.precedente = self.uscita if self.uscita.is_dir() else None
        genitore = self.uscita.parent
        try:
            genitore.mkdir(parents=True, exist_ok=True)
            self.nuova = Path(tempfile.mkdtemp(prefix=f".{self.uscita.name}-nuovo-", dir=genitore))
        except OSError as exc:
            raise non_scrivibile(
                genitore,
                exc,
                "il sito: si prepara accanto alla cartella di uscita, in quella che la contiene",
            ) from None
        # mkdtemp makes a private folder: the site gets the previous one's mode, or the
        # mode a new folder would get, so a web server can read it
        if self.precedente is not None:
            modo = self.precedente.stat().st_mode & 0o7777
        else:
            maschera = os.umask(0)
            os.umask(maschera)
            modo = 0o777 & ~maschera
        os.chmod(self.nuova, modo)
        self.scritti: list[str] = []

    def _vecchio(self, relativo: str) -> Path | None:
        if self.precedente is None:
            return None
        file = self.precedente / relativo
        return file if file.is_file() else None

    def _collega(self, vecchio: Path, relativo: str) -> None:
        nuovo = self.nuova / relativo
        nuovo.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(vecchio, nuovo)
        except OSError:  # a file system without hard links: a copy, atomically
            scrivi_atomico(nuovo, vecchio.read_bytes())

    def scrivi(self, relativo: str, contenuto: bytes) -> None:
        """Put ``contenuto`` at ``relativo`` in the new site (a link when unchanged)."""
        vecchio = self._vecchio(relativo)
        if (
            vecchio is not None
            and vecchio.stat().st_size == len(contenuto)
            and vecchio.read_bytes() == contenuto
        ):
            self._collega(vecchio, relativo)
        else:
            scrivi_atomico(self.nuova / relativo, contenuto)
        self.scritti.append(relativo)

    def riprendi(self, relativo: str) -> None:
        """Take a file of the previous folder into the new site as one of its own (a merge)."""
        vecchio = self._vecchio(relativo)
        if vecchio is None:
            raise FileNotFoundError(2, "file scomparso durante l'unione", str(relativo))
        self._collega(vecchio, relativo)
        self.scritti.append(relativo)

    def conserva(self, relativo: str) -> None:
        """Carry a file of the previous site over unchanged (a file bilancio did not write)."""
        vecchio = self._vecchio(relativo)
        if vecchio is not None:
            self._collega(vecchio, relativo)

    def pubblica(self) -> None:
        """Replace the previous site by the new one; on failure the previous stays."""
        if self.precedente is None:
            os.rename(self.nuova, self.uscita)
            return
        cestino = Path(
            tempfile.mkdtemp(prefix=f".{self.uscita.name}-vecchio-", dir=self.uscita.parent)
        )
        try:
            os.rename(self.uscita, cestino / self.uscita.name)
        except BaseException:
            cestino.rmdir()
            raise
        try:
            os.rename(self.nuova, self.uscita)
        except BaseException:  # failed or interrupted: the previous site goes back
            os.rename(cestino / self.uscita.name, self.uscita)
            cestino.rmdir()
            raise
        shutil.rmtree(cestino, ignore_errors=True)

    def abbandona(self) -> None:
        shutil.rmtree(self.nuova, ignore_errors=True)

    def __enter__(self) -> Cantiere:
        return self

    def __exit__(self, tipo: object, exc: BaseException | None, traccia: object) -> None:
        """On any failure the half-made site goes and the previous one stands; a write
        that failed says so in Italian."""
        if exc is None:
            return
        self.abbandona()
        if isinstance(exc, OSError):
            raise non_scrivibile(
                self.indicata, exc, "il sito (quello precedente resta com'era)"
            ) from None


def file_del_sito(cartella: Path) -> list[str]:
    """Every file under ``cartella``, relative, in POSIX form."""
    if not cartella.is_dir():
        return []
    return sorted(p.relative_to(cartella).as_posix() for p in cartella.rglob("*") if p.is_file())
