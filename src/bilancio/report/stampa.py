"""Rendering: the report context into HTML (Jinja) and the HTML into PDF/A (WeasyPrint).

Templates are looked up Pelican-style: the user's folder first (``--templates DIR``),
then the built-in themes; a user template can extend the built-in one it replaces with
the ``!`` prefix (``{% extends "!completo/rapporto.html" %}``) and override a single
block.

The PDF renderer fetches nothing from the network and reads nothing outside the
cooperative's folder and the template folders: every URL goes through
:class:`FetcherLocale`, which refuses anything else and stops the build on a missing
file, with an Italian message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import mimetypes
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

from ..errori import ErroreBilancio
from .contesto import Report

TEMI = ("completo", "sintesi")
PDF_VARIANTE = "pdf/a-3b"


class ErroreReport(ErroreBilancio):
    """The report cannot be built (a template, an image or a stylesheet is missing or not allowed)."""


def cartella_temi() -> Path:
    """The built-in templates: inside the installed package first, else the repository's."""
    import bilancio

    installati = Path(bilancio.__file__).parent / "templates"
    if installati.is_dir():
        return installati
    return Path(__file__).resolve().parents[3] / "templates"


def ambiente(templates_utente: Path | None = None) -> jinja2.Environment:
    """A Jinja environment: autoescape on, undefined names are errors, user folder first."""
    radice = cartella_temi()
    caricatori: list[jinja2.BaseLoader] = []
    if templates_utente is not None:
        if not templates_utente.is_dir():
            raise ErroreReport(f"La cartella dei modelli «{templates_utente}» non esiste.")
        caricatori.append(jinja2.FileSystemLoader(str(templates_utente)))
    caricatori.append(jinja2.FileSystemLoader(str(radice)))
    # "!completo/rapporto.html" always means the built-in one, so an override can extend it
    caricatori.append(
        jinja2.PrefixLoader(
            {
                f"!{d.name}": jinja2.FileSystemLoader(str(d))
                for d in sorted(radice.iterdir())
                if d.is_dir()
            },
            delimiter="/",
        )
    )
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(caricatori),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html(report: Report, templates_utente: Path | None = None) -> str:
    """Render the theme's ``rapporto.html`` with the report context."""
    if report.tema not in TEMI:
        raise ErroreReport(f"Tema «{report.tema}» sconosciuto: scegliere tra {', '.join(TEMI)}.")
    env = ambiente(templates_utente)
    try:
        modello = env.get_template(f"{report.tema}/rapporto.html")
        return modello.render(report=report, r=report)
    except jinja2.TemplateNotFound as exc:
        raise ErroreReport(
            f"Modello «{exc.name}» non trovato (né nella cartella dei modelli né nei temi predefiniti)."
        ) from exc
    except jinja2.UndefinedError as exc:
        raise ErroreReport(f"Errore nel modello del tema «{report.tema}»: {exc}.") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise ErroreReport(
            f"Errore di sintassi nel modello «{exc.filename or exc.name}», riga {exc.lineno}: {exc.message}."
        ) from exc


# --- PDF -------------------------------------------------------------------------------


def _fetcher_class():
    # imported lazily: WeasyPrint takes a while to import and only the PDF needs it
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class FetcherLocale(URLFetcher):
        """Serve data: URIs and files under the allowed folders; refuse everything else."""

        def __init__(self, consentite: Sequence[Path]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
            self.consentite = [c.resolve() for c in consentite]

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            schema = urlsplit(url).scheme.lower()
            if schema == "data":
                return super().fetch(url, headers)
            if schema != "file":
                raise FatalURLFetchingError(
                    f"Risorsa esterna non consentita nel PDF: «{url}». Il report usa solo file della cartella della cooperativa."
                )
            percorso = Path(unquote(urlsplit(url).path)).resolve()
            if not any(percorso.is_relative_to(c) for c in self.consentite):
                raise FatalURLFetchingError(
                    f"Il file «{percorso}» è fuori dalla cartella della cooperativa e dei modelli: non può essere usato nel report."
                )
            if not percorso.is_file():
                raise FatalURLFetchingError(
                    f"File non trovato: «{percorso}» (immagine o foglio di stile richiesto dal report)."
                )
            tipo = mimetypes.guess_type(percorso.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                percorso.as_uri(), percorso.read_bytes(), {"Content-Type": tipo}
            )

    return FetcherLocale, FatalURLFetchingError


class _Raccogli(logging.Handler):
    """Collect WeasyPrint's errors (an image it could not load...) to fail the build with them."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messaggi: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messaggi.append(record.getMessage())


@contextlib.contextmanager
def _data_sorgente(data: dt.date) -> Iterator[None]:
    """Pin SOURCE_DATE_EPOCH (the reproducible-builds convention) while printing.

    fontTools stamps the current time into every font subset it embeds unless this
    variable is set: pinned to the document's date, two builds give the same bytes.
    """
    prima = os.environ.get("SOURCE_DATE_EPOCH")
    epoca = int(dt.datetime(data.year, data.month, data.day, tzinfo=dt.UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoca)
    try:
        yield
    finally:
        if prima is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = prima


def pdf(testo_html: str, base: Path, consentite: Sequence[Path], data: dt.date) -> bytes:
    """Print the HTML as PDF/A-3b, fonts embedded, metadata from the HTML head.

    Reproducible: the document date comes from ``<meta name=dcterms.created>`` (from the
    data, as ``data``), embedded fonts are stamped with that date too, and the file
    identifier is a hash of the content.
    """
    import weasyprint

    fetcher_cls, fatale = _fetcher_class()
    fetcher = fetcher_cls([base, *consentite])
    logger = logging.getLogger("weasyprint")
    raccogli = _Raccogli()
    logger.addHandler(raccogli)
    try:
        with _data_sorgente(data):
            documento = weasyprint.HTML(
                string=testo_html, base_url=str(base.resolve()) + "/", url_fetcher=fetcher
            )
            dati = documento.write_pdf(
                pdf_variant=PDF_VARIANTE,
                pdf_identifier=None,
                uncompressed_pdf=False,
                pdf_tags=False,
            )
    except fatale as exc:
        causa = exc.__cause__ or exc
        raise ErroreReport(str(exc.args[0] if exc.args else causa)) from None
    finally:
        logger.removeHandler(raccogli)
    if raccogli.messaggi:
        raise ErroreReport("Il PDF non si può stampare: " + "; ".join(raccogli.messaggi))
    return bytes(dati)
