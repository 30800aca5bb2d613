"""The bundled fonts: Titillium Web for the text, DejaVu Sans for the glyphs it lacks.

Titillium Web (SIL Open Font License 1.1) is the typeface of the Italian public
administration's design system (designers.italia.it): made in Italy for screens and
print, with every Italian letter, the euro sign and typographic quotes, and narrow
enough for tables of figures. It has no Greek or Cyrillic, no arrows and no
geometric shapes (▲ ▼), so DejaVu Sans (Bitstream Vera licence, its changes public
domain), which covers those and most alphabets of Europe, is the fallback for single
glyphs. Both live in ``templates/caratteri`` with their licences, so a plain
``pip install .`` ships them.

* The PDF reads them as files (``@font-face`` with ``file:`` URLs the fetcher allows),
  and WeasyPrint prints with an empty fontconfig configuration: no system font is read,
  so two machines with the same library versions give the same bytes.
* The HTML carries them inline (WOFF2 ``data:`` URIs), each face cut down to the
  characters of the document, so the page looks the same anywhere and stays one file.
* A character that neither family has is an error naming the text it is in: it would
  otherwise print as an empty box.
"""

from __future__ import annotations

import base64
import io
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path

from ..errori import GlifoMancante

FAMIGLIA = "Titillium Web"
RISERVA = "DejaVu Sans"
#: the ``font-family`` of every text of the reports, the site and the charts
PILA = f'"{FAMIGLIA}", "{RISERVA}"'


@dataclass(frozen=True)
class Faccia:
    famiglia: str
    file: str
    peso: int
    stile: str = "normal"


FACCE = (
    Faccia(FAMIGLIA, "TitilliumWeb-Regular.ttf", 400),
    Faccia(FAMIGLIA, "TitilliumWeb-Italic.ttf", 400, "italic"),
    Faccia(FAMIGLIA, "TitilliumWeb-SemiBold.ttf", 600),
    Faccia(FAMIGLIA, "TitilliumWeb-Bold.ttf", 700),
    Faccia(FAMIGLIA, "TitilliumWeb-BoldItalic.ttf", 700, "italic"),
    Faccia(RISERVA, "DejaVuSans.ttf", 400),
    Faccia(RISERVA, "DejaVuSans-Bold.ttf", 700),
)


def cartella() -> Path:
    from .stampa import cartella_temi

    return cartella_temi() / "caratteri"


@cache
def _mappa(file: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(cartella() / file, lazy=True) as font:
        return frozenset(font.getBestCmap())


def coperti(famiglia: str) -> frozenset[int]:
    """The code points every face of ``famiglia`` draws (the regular face's, a superset here)."""
    return _mappa(next(f.file for f in FACCE if f.famiglia == famiglia))


@cache
def _avanzamenti(file: str) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    with TTFont(cartella() / file, lazy=True) as font:
        metriche = font["hmtx"].metrics
        larghe = {cp: metriche[nome][0] for cp, nome in font.getBestCmap().items()}
        return larghe, font["head"].unitsPerEm


def larghezza(testo: str, corpo: float) -> float:
    """The width of ``testo`` set in the regular face at ``corpo`` px (advances, no kerning).

    A character the main family lacks is measured in the fallback, as it is printed.
    """
    principale, em = _avanzamenti(FACCE[0].file)
    riserva, em_riserva = _avanzamenti(next(f.file for f in FACCE if f.famiglia == RISERVA))
    totale = 0.0
    for c in testo:
        if ord(c) in principale:
            totale += principale[ord(c)] / em
        else:
            totale += riserva.get(ord(c), 0) / em_riserva
    return totale * corpo


def _faccia_css(faccia: Faccia, src: str) -> str:
    return (
        f'@font-face {{ font-family: "{faccia.famiglia}"; src: {src}; '
        f"font-weight: {faccia.peso}; font-style: {faccia.stile}; }}"
    )


def css_stampa() -> str:
    """``@font-face`` rules for WeasyPrint: the bundled files, by ``file:`` URL."""
    return "\n".join(
        _faccia_css(f, f'url("{(cartella() / f.file).resolve().as_uri()}") format("truetype")')
        for f in FACCE
    )


def css_schermo(testo: str) -> str:
    """``@font-face`` rules for the HTML: each face cut to the characters of ``testo`` (in
    both cases), inline.

    The fallback family is cut to the characters the main one lacks, and left out when
    there are none.
    """
    # both cases of every letter: the stylesheets change case (headings in capitals,
    # text-transform), so «Altre informazioni» is drawn with a «Z» the text does not have
    scritti = {c for c in testo if c >= " "}  # no-break spaces too
    caratteri = {ord(v) for c in scritti for v in (c, *c.upper(), *c.lower())}
    principale = coperti(FAMIGLIA)
    regole = []
    for faccia in FACCE:
        voluti = caratteri if faccia.famiglia == FAMIGLIA else caratteri - principale
        voluti &= _mappa(faccia.file)
        if not voluti:
            continue
        dati = _sottoinsieme(faccia.file, frozenset(voluti))
        uri = "data:font/woff2;base64," + base64.b64encode(dati).decode("ascii")
        regole.append(_faccia_css(faccia, f'url("{uri}") format("woff2")'))
    return "\n".join(regole)


@lru_cache(maxsize=64)  # a site rebuilds the same pages' fonts; bounded all the same
def _sottoinsieme(file: str, caratteri: frozenset[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    opzioni = subset.Options()
    opzioni.flavor = "woff2"
    opzioni.name_IDs = ["*"]  # the copyright and licence records stay with the font
    opzioni.name_languages = ["*"]
    opzioni.layout_features = ["*"]
    opzioni.drop_tables = [*opzioni.drop_tables, "FFTM"]  # FontForge's timestamps
    with TTFont(cartella() / file, recalcTimestamp=False) as font:
        sottoinsieme = subset.Subsetter(opzioni)
        sottoinsieme.populate(unicodes=sorted(caratteri))
        sottoinsieme.subset(font)
        uscita = io.BytesIO()
        font.flavor = "woff2"
        font.save(uscita, reorderTables=False)
    return uscita.getvalue()


# --- glyph check --------------------------------------------------------------------------


class _Testi(HTMLParser):
    """The text nodes that are printed (not styles or scripts), with SVG text too."""

    _NASCOSTI = frozenset({"style", "script", "title", "desc"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.testi: list[str] = []
        self._dentro: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._dentro.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self._dentro:
            if self._dentro.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(t in self._NASCOSTI for t in self._dentro) and data.strip():
            self.testi.append(data)


def _stampabile(c: str) -> bool:
    # spaces, controls, soft hyphens and joiners are never drawn as glyphs
    return not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def controlla_glifi(html: str) -> None:
    """Raise :class:`GlifoMancante` naming the text of a character no bundled font has."""
    disponibili = coperti(FAMIGLIA) | coperti(RISERVA)
    lettore = _Testi()
    lettore.feed(html)
    mancanti: list[str] = []
    for testo in lettore.testi:
        assenti = sorted({c for c in testo if _stampabile(c) and ord(c) not in disponibili})
        if assenti:
            elenco = ", ".join(f"«{c}» (U+{ord(c):04X})" for c in assenti)
            breve = " ".join(testo.split())
            breve = breve if len(breve) <= 80 else breve[:77] + "…"
            mancanti.append(f"{elenco} nel testo «{breve}»")
    if mancanti:
        altri = f" e altri {len(mancanti) - 5} testi" if len(mancanti) > 5 else ""
        raise GlifoMancante(
            f"Caratteri che nessun font incluso ({FAMIGLIA}, {RISERVA}) sa disegnare: "
            + "; ".join(mancanti[:5])
            + altri
            + ". Sostituirli nei dati (verrebbero stampati come quadratini vuoti)."
        )
