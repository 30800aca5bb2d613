"""The brochure's pages, measured on WeasyPrint's page boxes: headings stay with what follows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilancio.controllo import valida_bilancio
from bilancio.report import costruisci_report, stampa
from build_golden import cartella

pytestmark = pytest.mark.slow  # WeasyPrint lays out every example's brochure

TITOLI = {"h2", "h3"}


def _pagine(esempio: str, lavoro: Path) -> list[Any]:
    percorso = cartella(esempio, lavoro)
    bil, rapporto = valida_bilancio(percorso)
    report = costruisci_report(bil, rapporto, "sintesi")
    testo = stampa.html(report).stampa
    import weasyprint

    fetcher_cls, _ = stampa._fetcher_class()
    fetcher = fetcher_cls([percorso, stampa.cartella_temi(), stampa._caratteri.cartella()])
    with stampa._fontconfig_vuoto():
        documento = weasyprint.HTML(
            string=testo, base_url=str(percorso.resolve()) + "/", url_fetcher=fetcher
        ).render()
    return list(documento.pages)


def _scatole(box: Any) -> Iterator[Any]:
    """The boxes of a page in document order, margin boxes (running headers) left out."""
    for figlio in getattr(box, "children", None) or []:
        if type(figlio).__name__ == "MarginBox":
            continue
        yield figlio
        yield from _scatole(figlio)


@pytest.mark.parametrize("esempio", ["cipm", "arcobaleno", "cosper", "girasole"])
def test_no_page_ends_with_a_heading(esempio: str, tmp_path: Path) -> None:
    pagine = _pagine(esempio, tmp_path)
    assert len(pagine) > 3
    for numero, pagina in enumerate(pagine, 1):
        etichette = [
            b.element_tag
            for b in _scatole(pagina._page_box)
            if getattr(b, "element_tag", None) and getattr(b, "height", 0)
        ]
        ultimo = max((i for i, t in enumerate(etichette) if t in TITOLI), default=None)
        if ultimo is None:
            continue
        dopo = [t for t in etichette[ultimo + 1 :] if t not in TITOLI | {"small"}]
        assert dopo, f"{esempio}: la pagina {numero} finisce con un titolo"
