"""Phone-ready HTML: no page of a report or of the site scrolls sideways, at 390 and 1280 px.

Driven in headless Chromium (Debian's, through Playwright, as in test_sito.py; `.ci/run`
installs it, so in CI this runs, it does not skip). Every page is shot full-length into
``build/schermate/`` (ignored by git), the artifacts to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import bilancio
from bilancio.sito import costruisci_sito
from build_golden import RADICE, TEMI, cartella, esempi

# PDF printing and the browser: `make test` runs these, `make test-fast` skips them
pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCHERMATE = RADICE / "build" / "schermate"
LARGHEZZE = (390, 1280)


@pytest.fixture(scope="module")
def pagine(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every report's HTML (each example and theme, and a draft) and every site page."""
    lavoro = tmp_path_factory.mktemp("telefono")
    file = []
    for esempio in esempi():
        for tema in TEMI:
            esito = bilancio.build(
                cartella(esempio, lavoro), theme=tema, formats=["html"], output=lavoro / "report"
            )
            file += esito.file
    file += bilancio.build(
        RADICE / "data" / "examples" / "cosper",
        theme="sintesi",
        formats=["html"],
        output=lavoro / "report",
        draft=True,
    ).file
    radice = lavoro / "cooperative"
    radice.mkdir()
    for esempio in esempi():
        shutil.copytree(RADICE / "data" / "examples" / esempio, radice / esempio)
    (radice / "bilancio-sito.yaml").write_text(
        yaml.safe_dump({"titolo": "Bilanci sociali", "formati": ["html"]}), encoding="utf-8"
    )
    sito = lavoro / "sito"
    costruisci_sito(radice, sito, processi=1, cache=lavoro / "cache")
    file += [sito / "index.html", *sorted(sito.glob("*/index.html"))]
    return file


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium non installato (apt-get install chromium): .ci/run lo installa")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright non installato")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield b
        finally:
            b.close()


def _nome(pagina: Path) -> str:
    parti = pagina.parts
    if pagina.name == "index.html":
        return "sito-" + ("home" if parti[-2] == "sito" else parti[-2])
    return pagina.stem


@pytest.mark.parametrize("larghezza", LARGHEZZE)
def test_nessuno_scorrimento_orizzontale(pagine, browser, larghezza: int) -> None:
    SCHERMATE.mkdir(parents=True, exist_ok=True)
    contesto = browser.new_context(viewport={"width": larghezza, "height": 900})
    troppo_larghe = []
    try:
        for file in pagine:
            pagina = contesto.new_page()
            richieste: list[str] = []
            pagina.on("request", lambda r, richieste=richieste: richieste.append(r.url))
            pagina.goto(file.as_uri())
            pagina.wait_for_load_state("load")
            larga, vista = pagina.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if larga > vista:
                troppo_larghe.append(f"{_nome(file)}: {larga} px > {vista} px")
            pagina.screenshot(
                path=str(SCHERMATE / f"{_nome(file)}-{larghezza}.png"), full_page=True
            )
            # the fonts are inside the page: nothing is fetched but the page itself
            assert all(u.startswith(("file://", "data:")) for u in richieste), richieste
            pagina.close()
    finally:
        contesto.close()
    assert not troppo_larghe, troppo_larghe


@pytest.mark.parametrize("larghezza", LARGHEZZE)
def test_copertina_leggibile(pagine, browser, larghezza: int) -> None:
    """The completo cover's title is on white, below the brand band, in the bundled font."""
    contesto = browser.new_context(viewport={"width": larghezza, "height": 900})
    try:
        for file in (p for p in pagine if p.name.endswith("-completo.html")):
            pagina = contesto.new_page()
            pagina.goto(file.as_uri())
            misure = pagina.evaluate(
                """() => {
                  const t = document.querySelector('.copertina .titolo');
                  const e = document.querySelector('.copertina .ente');
                  const st = getComputedStyle(t);
                  return {titolo: t.getBoundingClientRect().top,
                          fascia: e.getBoundingClientRect().bottom,
                          colore: st.color,
                          fondo: getComputedStyle(document.querySelector('.copertina')).backgroundColor,
                          fascia_colore: getComputedStyle(e).backgroundColor,
                          font: st.fontFamily,
                          caricato: document.fonts.check('bold 20px "Titillium Web"')};
                }"""
            )
            assert misure["titolo"] >= misure["fascia"], (file.name, misure)
            assert misure["fondo"] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), misure
            # brand colour on white (the band's colour is only behind the name, above)
            assert misure["colore"] != "rgb(255, 255, 255)"
            assert misure["fascia_colore"] != "rgba(0, 0, 0, 0)"
            assert misure["font"].startswith('"Titillium Web"') and misure["caricato"]
            pagina.close()
    finally:
        contesto.close()
