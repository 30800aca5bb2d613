"""Page flow, measured on WeasyPrint's page boxes, for every example in both themes.

- No page is less than a quarter full unless a top-level part of the document (the
  contents, a section, the conformity table) ends on it: the next page starts another.
  How full a page is: the bottom of its last box against the page's content box.
- No page ends with a heading: a heading is kept with what follows it.

Run with ``python tests/test_impaginazione.py [esempio] [tema]`` to print each page's
figures while working on a stylesheet.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bilancio.controllo import valida_bilancio
from bilancio.report import caratteri as _caratteri
from bilancio.report import costruzione, stampa
from bilancio.report.costruzione import costruisci_report, leggi_logo
from build_golden import TEMI, cartella, esempi

pytestmark = pytest.mark.slow

#: a page that ends no part of the document is at least this full
MINIMO = 0.25
TITOLI = {"h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption"}


@dataclass
class Pagina:
    numero: int
    piena: float  # share of the content box's height that is used
    parti: list[Any]  # the elements of the top-level parts on the page, in order
    ultimo: str  # the tag (and class) of the last box: where the page ends


def _figli(box: Any) -> list[Any]:
    return [c for c in getattr(box, "children", []) if getattr(c, "element", None) is not None]


def _corpo(pagina: Any) -> Any:
    radice = pagina._page_box.children[0]  # <html>
    return next(c for c in _figli(radice) if c.element_tag == "body")


def _fondo(box: Any) -> float:
    """Where the content of a box ends on its page: the bottom of its last line or image
    (a block split by a page break may be stretched to the page's bottom)."""
    fondi = [
        float(d.position_y + d.margin_height())
        for d in box.descendants()
        if type(d).__name__ in ("LineBox", "BlockReplacedBox", "InlineReplacedBox")
        or (
            type(d).__name__ == "BlockBox"
            and not any(type(c).__name__ != "LineBox" for c in d.children)
        )
    ]
    return max(fondi, default=float(box.position_y))


def _ultimo(box: Any) -> str:
    """The deepest last block on the page: a heading there is a heading left alone."""
    while True:
        tag = box.element_tag
        classe = box.element.get("class") or ""
        if tag in TITOLI or "titoletto" in classe.split():
            return tag + (f".{classe}" if classe else "")
        figli = (
            [c for c in _figli(box) if c.is_in_normal_flow()] if hasattr(box, "children") else []
        )
        blocchi = [c for c in figli if type(c).__name__ not in ("LineBox", "TextBox", "InlineBox")]
        if not blocchi:
            return tag + (f".{classe}" if classe else "")
        box = blocchi[-1]


def misura(testo_html: str, base: Path) -> list[Pagina]:
    import weasyprint

    fetcher_cls, _ = stampa._fetcher_class()
    fetcher = fetcher_cls([base, stampa.cartella_temi(), _caratteri.cartella()])
    with stampa._fontconfig_vuoto():
        documento = weasyprint.HTML(
            string=testo_html, base_url=str(base.resolve()) + "/", url_fetcher=fetcher
        ).render()
    pagine = []
    for i, p in enumerate(documento.pages, 1):
        pb = p._page_box
        alto, altezza = float(pb.content_box_y()), float(pb.height)
        corpo = _corpo(p)
        parti = [c for c in _figli(corpo) if c.is_in_normal_flow()]
        fondo = max((_fondo(c) for c in parti), default=alto)
        pagine.append(
            Pagina(
                numero=i,
                piena=(fondo - alto) / altezza if altezza else 1.0,
                parti=[c.element for c in parti],
                ultimo=_ultimo(parti[-1]) if parti else "",
            )
        )
    return pagine


def pagine_di(esempio: str, tema: str, lavoro: Path) -> list[Pagina]:
    cartella_dati = cartella(esempio, lavoro)
    bil, rapporto = valida_bilancio(cartella_dati)
    report = costruisci_report(bil, rapporto, tema, logo=leggi_logo(bil))
    html = stampa.html(report).stampa
    return misura(html, costruzione._cartella(bil))


def difetti(pagine: list[Pagina]) -> list[str]:
    trovati = []
    for i, p in enumerate(pagine):
        seguente = pagine[i + 1] if i + 1 < len(pagine) else None
        # a part ends on this page when the next page does not go on with it
        finisce = seguente is None or not p.parti or p.parti[-1] is not seguente.parti[0]
        if p.piena < MINIMO and not finisce:
            trovati.append(f"pagina {p.numero} piena al {p.piena:.0%} a metà di una parte")
        tag = p.ultimo.split(".")[0]
        if tag in TITOLI or "titoletto" in p.ultimo:
            trovati.append(f"pagina {p.numero} finisce con un titolo ({p.ultimo})")
    return trovati


@pytest.mark.parametrize("tema", TEMI)
@pytest.mark.parametrize("esempio", esempi())
def test_impaginazione(esempio: str, tema: str, tmp_path: Path) -> None:
    pagine = pagine_di(esempio, tema, tmp_path)
    assert len(pagine) > 1
    assert difetti(pagine) == []


def test_misura_vede_una_pagina_quasi_vuota_e_un_titolo_in_fondo(tmp_path: Path) -> None:
    """The measure itself: a page with two lines that a part goes on after, and a page
    whose last line is a heading, are both found."""
    stile = (
        f"{_caratteri.css_stampa()} body {{ font-family: {_caratteri.PILA} }} "
        "@page { size: A5; margin: 10mm } h2, p { margin: 0 }"
    )
    html = (
        f"<html><body><style>{stile}</style>"
        "<section><p>Due righe.</p><p style='break-after: page'>Fine.</p><p>Segue.</p></section>"
        "<section><div style='height: 176mm'>Testo</div><h2>Titolo in fondo</h2>"
        "<p style='break-before: page'>Dopo</p></section></body></html>"
    )
    pagine = misura(html, tmp_path)
    trovati = difetti(pagine)
    assert any("pagina 1 piena" in t for t in trovati), trovati
    assert any("finisce con un titolo" in t for t in trovati), trovati


if __name__ == "__main__":
    import tempfile

    scelti = sys.argv[1:2] or esempi()
    temi = sys.argv[2:3] or list(TEMI)
    for e in scelti:
        for t in temi:
            with tempfile.TemporaryDirectory() as d:
                pp = pagine_di(e, t, Path(d))
            print(f"== {e} {t}: {len(pp)} pagine")
            for p in pp:
                nomi = [f"{x.tag}#{x.get('id') or x.get('class') or ''}" for x in p.parti]
                print(f"  {p.numero:3} {p.piena:5.0%} {p.ultimo:28} {' '.join(nomi)[:90]}")
            for d in difetti(pp):
                print("  !", d)
