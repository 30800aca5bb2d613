"""Images the data points to (the logo): checked by their content when the data is loaded.

A logo must be a file inside the cooperative's folder, no larger than :data:`MAX_BYTES`,
whose *content* is a PNG, a JPEG or an SVG: a text file named ``logo.png`` is refused at
load time, at ``ente.yaml``'s ``logo`` line, not by WeasyPrint when the PDF is printed.
Raster images are opened with Pillow (WeasyPrint's own image library): the header must
read, within :data:`MAX_LATO` pixels a side (the pixels themselves are left to the
printer, which tolerates what Pillow's strict decoding would not); an SVG must be XML whose root is ``<svg>``, with no
DTD or entities (parsed through defusedxml).
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from .errori import ImmagineNonValida

MAX_BYTES = 5 * 1024 * 1024  # a logo is a few KiB to a few hundred
MAX_LATO = 10_000  # pixels a side
ESTENSIONI = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
TIPI = {"PNG": "image/png", "JPEG": "image/jpeg", "SVG": "image/svg+xml"}


def leggi_logo(cartella: Path, nome: str) -> tuple[bytes, str]:
    """The logo's bytes and MIME type (from its content); raises :class:`ImmagineNonValida`."""
    base = cartella.resolve()
    percorso = (base / nome).resolve()
    if not percorso.is_relative_to(base):
        raise ImmagineNonValida(
            f"Il logo «{nome}» è fuori dalla cartella della cooperativa ({base}): copiarlo nella cartella e indicarne il nome."
        )
    if not percorso.is_file():
        raise ImmagineNonValida(f"Il logo «{nome}» non esiste nella cartella {base}.")
    if percorso.suffix.lower() not in ESTENSIONI:
        raise ImmagineNonValida(f"Il logo «{nome}» deve essere un'immagine PNG, JPEG o SVG.")
    try:
        dimensione = percorso.stat().st_size
        if dimensione > MAX_BYTES:
            raise ImmagineNonValida(
                f"Il logo «{nome}» è troppo grande ({dimensione // 1024} KiB, massimo "
                f"{MAX_BYTES // (1024 * 1024)} MiB): salvarlo in una risoluzione adatta alla stampa."
            )
        contenuto = percorso.read_bytes()
    except OSError as exc:
        raise ImmagineNonValida(
            f"Il logo «{nome}» non si può leggere: {exc.strerror or exc}."
        ) from exc
    return contenuto, TIPI[tipo_immagine(contenuto, nome)]


def tipo_immagine(contenuto: bytes, nome: str) -> str:
    """``PNG``, ``JPEG`` or ``SVG``, by content (raises :class:`ImmagineNonValida`)."""
    if contenuto.startswith(b"\x89PNG\r\n\x1a\n"):
        _decodifica(contenuto, nome, "PNG")
        return "PNG"
    if contenuto.startswith(b"\xff\xd8\xff"):
        _decodifica(contenuto, nome, "JPEG")
        return "JPEG"
    if _svg(contenuto, nome):
        return "SVG"
    raise ImmagineNonValida(
        f"Il file del logo «{nome}» non contiene un'immagine PNG, JPEG o SVG"
        + (" (è un file di testo)" if _testo(contenuto) else "")
        + ": il nome non basta, serve il file dell'immagine."
    )


def _decodifica(contenuto: bytes, nome: str, formato: str) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(contenuto), formats=[formato]) as immagine:
                larghezza, altezza = immagine.size
                if larghezza > MAX_LATO or altezza > MAX_LATO:
                    raise ImmagineNonValida(
                        f"Il logo «{nome}» misura {larghezza}×{altezza} pixel (massimo {MAX_LATO} per lato): "
                        "ridurlo."
                    )
    except ImmagineNonValida:
        raise
    except Exception as exc:  # Pillow's refusals: a truncated or corrupt header, a bomb
        raise ImmagineNonValida(
            f"Il logo «{nome}» sembra un'immagine {formato} ma è danneggiato e non si può leggere."
        ) from exc


def _svg(contenuto: bytes, nome: str) -> bool:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    inizio = contenuto[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not inizio.startswith(b"<"):
        return False
    try:
        radice = fromstring(contenuto, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ImmagineNonValida(
            f"Il logo «{nome}» contiene un DTD o entità XML, non ammessi in un'immagine SVG."
        ) from exc
    except ParseError:
        return False
    return str(radice.tag).rsplit("}", 1)[-1] == "svg"


def _testo(contenuto: bytes) -> bool:
    campione = contenuto[:4096]
    if b"\x00" in campione:
        return False
    try:
        campione.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
