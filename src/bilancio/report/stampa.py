"""Rendering: the report context into HTML (Jinja) and the HTML into PDF/A (WeasyPrint).

The PDF is PDF/A-1a by default (:data:`PDF_VARIANTE`): what the chambers of commerce
ask for a deposit at the Registro delle imprese, tagged (structure tree, reading order,
table headers, alternative text, language). Nothing PDF/A-1 forbids is produced: the
stylesheets use no opacity, ``rgba`` or shadows, the charts carry no CSS transparency
(:mod:`.grafici`), logos are flattened onto white (:mod:`.costruzione`) and images are
never interpolated. ``tests/preflight.py`` checks every example's file for it. A
draft (``bozza``) is a plain tagged PDF, never marked PDF/A.

Fonts are only the bundled ones (:mod:`.caratteri`): WeasyPrint prints with an empty
fontconfig configuration, so no system font is ever read.

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
import contextvars
import datetime as dt
import functools
import logging
import mimetypes
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from ..errori import ErroreReport, Problema

# the shared choices, re-exported where callers have always found them
from ..scelte import PDF_VARIANTE as PDF_VARIANTE
from ..scelte import PDF_VARIANTI as PDF_VARIANTI
from ..scelte import TEMI as TEMI
from . import caratteri as _caratteri
from . import modelli
from .contesto import Report

#: a draft: a plain tagged PDF, never marked PDF/A
BOZZA = "bozza"
_SEGNAPOSTO = "/*@caratteri@*/"


def cartella_temi() -> Path:
    """The built-in templates: inside the installed package first, else the repository's."""
    import bilancio

    installati = Path(bilancio.__file__).parent / "templates"
    if installati.is_dir():
        return installati
    return Path(__file__).resolve().parents[3] / "templates"


def ambiente(templates_utente: Path | None = None) -> jinja2.Environment:
    """A Jinja environment: autoescape on, undefined names are errors, user folder first.

    The user's folder is checked on every call; the environment itself is kept for the
    process, so the templates are compiled once, not once per report (Jinja reloads a
    template whose file changed).
    """
    radice = cartella_temi()
    if templates_utente is not None:
        if not templates_utente.is_dir():
            raise ErroreReport(f"La cartella dei modelli «{templates_utente}» non esiste.")
        modelli.verifica_cartella(templates_utente, radice)
        return _ambiente(radice, templates_utente.resolve())
    return _ambiente(radice, None)


@functools.lru_cache(maxsize=8)
def _ambiente(radice: Path, templates_utente: Path | None) -> jinja2.Environment:
    caricatori: list[jinja2.BaseLoader] = []
    if templates_utente is not None:
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


@dataclass(frozen=True)
class Pagine:
    """The two renderings of one report: the HTML file and the HTML WeasyPrint prints."""

    schermo: str
    stampa: str


def html(
    report: Report,
    templates_utente: Path | None = None,
    *,
    errori_bozza: Sequence[Problema] | None = None,
) -> Pagine:
    """Render the theme's ``rapporto.html`` with the report context.

    The HTML file carries the fonts inline, cut to its characters; the one for the
    PDF points at the bundled font files. ``errori_bozza`` (not ``None``) makes a draft:
    a "BOZZA" mark on every page and the list of errors on the first. A character no
    bundled font has raises :class:`~.caratteri.GlifoMancante`.
    """
    testo = _rendi(report, templates_utente, errori_bozza)
    _caratteri.controlla_glifi(testo)
    return Pagine(
        schermo=testo.replace(_SEGNAPOSTO, _caratteri.css_schermo(testo), 1),
        stampa=testo.replace(_SEGNAPOSTO, _caratteri.css_stampa(), 1),
    )


def _rendi(
    report: Report, templates_utente: Path | None, errori_bozza: Sequence[Problema] | None
) -> str:
    if report.tema not in TEMI:
        raise ErroreReport(f"Tema «{report.tema}» sconosciuto: scegliere tra {', '.join(TEMI)}.")
    env = ambiente(templates_utente)
    bozza = None
    if errori_bozza is not None:
        bozza = [
            {"dove": p.dove, "messaggio": p.messaggio, "codice": p.codice} for p in errori_bozza
        ]
    try:
        modello = env.get_template(f"{report.tema}/rapporto.html")
        return modello.render(
            report=report,
            r=report,
            caratteri=Markup(_SEGNAPOSTO),
            famiglia=Markup(_caratteri.PILA),
            bozza=bozza,
        )
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


# --- what a print leaves behind: WeasyPrint's messages, per print --------------------------
#
# One handler is installed once on WeasyPrint's logger; each print sets its own list in a
# context variable, so two prints in one process (threads) never see each other's
# messages, and nothing is added to or removed from the logger per print.

_RACCOLTA: contextvars.ContextVar[list[logging.LogRecord] | None] = contextvars.ContextVar(
    "bilancio_messaggi_weasyprint", default=None
)
_INSTALLAZIONE = threading.Lock()


class _Smistatore(logging.Handler):
    """WeasyPrint's warnings and errors, to the list of the print running in this context."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        raccolta = _RACCOLTA.get()
        if raccolta is not None:
            raccolta.append(record)


_SMISTATORE = _Smistatore()


def _installa_smistatore() -> None:
    """Install the one handler (idempotent), and make sure warnings reach it."""
    with _INSTALLAZIONE:
        logger = logging.getLogger("weasyprint")
        if _SMISTATORE not in logger.handlers:
            logger.addHandler(_SMISTATORE)
            if logger.level == logging.NOTSET or logger.level > logging.WARNING:
                logger.setLevel(logging.WARNING)


# --- the document's date, for the font subsets fontTools writes ----------------------------
#
# fontTools stamps the time into the ``head`` table of every font it saves (when WeasyPrint
# subsets with it rather than HarfBuzz, or instantiates a variable font) unless
# SOURCE_DATE_EPOCH is set. Setting that variable in the process environment would race
# between two prints; instead the stamp reads the date of the print running in this context
# (and, outside a print, does what fontTools does).

_EPOCA: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "bilancio_epoca_pdf", default=None
)


def _installa_data_dei_font() -> None:
    with _INSTALLAZIONE:
        from fontTools.misc import timeTools
        from fontTools.ttLib.tables import _h_e_a_d

        originale = _h_e_a_d.timestampNow
        if getattr(originale, "bilancio", False):
            return

        def adesso() -> int:
            epoca = _EPOCA.get()
            if epoca is None:
                return int(originale())
            return epoca - timeTools.epoch_diff

        adesso.bilancio = True  # type: ignore[attr-defined]
        _h_e_a_d.timestampNow = adesso


def _epoca(data: dt.date) -> int:
    return int(dt.datetime(data.year, data.month, data.day, tzinfo=dt.UTC).timestamp())


# --- fonts: only the bundled ones ------------------------------------------------------------


class _FontconfigVuoto:
    """The empty fontconfig configuration, shared by the prints running at the same time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.utenti = 0
        self.prima: str | None = None
        self.cartella: tempfile.TemporaryDirectory[str] | None = None

    def entra(self) -> None:
        with self.lock:
            if self.utenti == 0:
                self.cartella = tempfile.TemporaryDirectory(prefix="bilancio-fc-")
                conf = Path(self.cartella.name) / "fonts.conf"
                conf.write_text(
                    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                    f"<fontconfig><cachedir>{self.cartella.name}</cachedir></fontconfig>\n",
                    encoding="utf-8",
                )
                self.prima = os.environ.get("FONTCONFIG_FILE")
                os.environ["FONTCONFIG_FILE"] = str(conf)
            self.utenti += 1

    def esci(self) -> None:
        with self.lock:
            self.utenti -= 1
            if self.utenti == 0:
                if self.prima is None:
                    os.environ.pop("FONTCONFIG_FILE", None)
                else:
                    os.environ["FONTCONFIG_FILE"] = self.prima
                if self.cartella is not None:
                    self.cartella.cleanup()
                self.cartella = None


_FONTCONFIG = _FontconfigVuoto()


@contextlib.contextmanager
def _fontconfig_vuoto() -> Iterator[None]:
    """An empty fontconfig configuration while printing: no system font can be found.

    WeasyPrint loads a fresh configuration for each document (``FONTCONFIG_FILE`` is
    read then), and adds the ``@font-face`` fonts to it: those are all it has. The
    variable is process-wide, so the first print that starts sets it and the last that
    ends restores it (prints in threads share the one empty configuration).
    """
    _FONTCONFIG.entra()
    try:
        yield
    finally:
        _FONTCONFIG.esci()


def _solo_schermo(messaggio: str) -> bool:
    """A warning about a ``@media screen and (...)`` rule, which WeasyPrint cannot parse and
    ignores: right for a print, which such a rule is not meant for (the themes' phone
    layout), so not worth a word to the user."""
    return "media type" in messaggio and "screen" in messaggio and "print" not in messaggio


def avviso_di_impaginazione(messaggio: str) -> str:
    """A WeasyPrint warning, framed in Italian (WeasyPrint's own text is English)."""
    return f"avviso di impaginazione (WeasyPrint): {messaggio}"


def pdf(
    testo_html: str,
    base: Path,
    consentite: Sequence[Path],
    data: dt.date,
    variante: str = PDF_VARIANTE,
    *,
    avvisi: list[str] | None = None,
) -> bytes:
    """Print the HTML as PDF/A (``variante``, PDF/A-1a by default) or as a draft (``bozza``).

    Fonts embedded, metadata from the HTML head, only the bundled fonts (empty
    fontconfig). Reproducible: the document's dates are ``data`` (set on WeasyPrint's
    document metadata; the HTML's ``<meta name=dcterms.created>`` says the same), embedded
    fonts are stamped with that date too, and the file identifier is a hash of the content.

    WeasyPrint's errors (an image it could not load...) stop the print with
    :class:`ErroreReport`; its warnings (CSS it ignored...) are added to ``avvisi``, in
    Italian framing. Safe to call from several threads at once.
    """
    import weasyprint

    if variante != BOZZA and variante not in PDF_VARIANTI:
        raise ErroreReport(
            f"Standard PDF «{variante}» sconosciuto: scegliere tra {', '.join(PDF_VARIANTI)}."
        )
    _installa_smistatore()
    _installa_data_dei_font()
    fetcher_cls, fatale = _fetcher_class()
    fetcher = fetcher_cls([base, *consentite, _caratteri.cartella()])
    messaggi: list[logging.LogRecord] = []
    raccolta = _RACCOLTA.set(messaggi)
    epoca = _EPOCA.set(_epoca(data))
    try:
        with _fontconfig_vuoto():
            documento = weasyprint.HTML(
                string=testo_html, base_url=str(base.resolve()) + "/", url_fetcher=fetcher
            ).render()
            documento.metadata.created = documento.metadata.modified = data.isoformat()
            opzioni: dict[str, object] = (
                {"pdf_tags": True, "pdf_version": "1.7"}
                if variante == BOZZA
                else {"pdf_variant": variante}
            )
            dati = documento.write_pdf(
                pdf_identifier=None,
                uncompressed_pdf=False,
                **opzioni,
            )
    except fatale as exc:
        causa = exc.__cause__ or exc
        raise ErroreReport(str(exc.args[0] if exc.args else causa)) from None
    finally:
        _EPOCA.reset(epoca)
        _RACCOLTA.reset(raccolta)
    errori = [r.getMessage() for r in messaggi if r.levelno >= logging.ERROR]
    if errori:
        raise ErroreReport("Il PDF non si può stampare: " + "; ".join(errori))
    if avvisi is not None:
        for r in messaggi:
            if _solo_schermo(r.getMessage()):
                continue
            avviso = avviso_di_impaginazione(r.getMessage())
            if avviso not in avvisi:
                avvisi.append(avviso)
    return bytes(dati)
