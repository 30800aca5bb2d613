"""The bundled examples as the report tests and ``make golden`` build them.

Golden HTML files (``tests/golden/report/<example>-<theme>.html``) are diffed in
``test_build.py``; regenerate them after an intended change with ``make golden``
(``python tests/build_golden.py``). The HTML depends only on the data: no clock, no path.

The theme's stylesheet, inlined in every report's ``<head>``, is kept out of the golden
HTML (a CSS change would otherwise rewrite every file): it is stored once per theme, as
CIPM's report inlines it, in ``tests/golden/report/stile-<theme>.css``. The tests check
that every report inlines that stylesheet, with its own brand colours and year.

Cosper's example keeps the arithmetic errors of the printed brochure, so `build` refuses
it (as it must). Its reports are built from a copy with those three figures corrected
(:func:`cosper_corretto`): the rest of the data is the brochure's.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

RADICE = Path(__file__).resolve().parents[1]
ESEMPI = RADICE / "data" / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "report"
TEMI = ("completo", "sintesi")


def esempi() -> list[str]:
    return sorted(p.name for p in ESEMPI.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def cosper_corretto(destinazione: Path) -> Path:
    """A copy of the Cosper example with the brochure's three arithmetic slips corrected."""
    if destinazione.exists():
        shutil.rmtree(destinazione)
    shutil.copytree(ESEMPI / "cosper", destinazione)
    file = destinazione / "2025.yaml"
    dati = yaml.safe_load(file.read_text(encoding="utf-8"))
    for s in dati["attivita"]["servizi"]:
        if s["nome"].startswith("Giustizia riparativa"):
            # the brochure says 85, its own detail adds to 84
            s.pop("totale_beneficiari", None)
            s["beneficiari"] = {k: 84 for k in s.get("beneficiari", {"minori": 0})}
        elif s["nome"] == "Tutor condominiale":
            voce = next(iter(s["dettaglio_interventi"]))
            # 7.557 + 3.036 + 303 is 10.896, not 10.895
            s["dettaglio_interventi"][voce] -= 1
        elif s["nome"].startswith("Pronto Intervento Sociale"):
            # 305 h / 113 is 2 h 42 min, not the 2 h 31 min printed: let the tool compute it
            s.pop("durata_media_minuti", None)
    file.write_text(yaml.safe_dump(dati, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return destinazione


def cartella(esempio: str, lavoro: Path) -> Path:
    """The folder to build an example from (a corrected copy for Cosper)."""
    if esempio == "cosper":
        return cosper_corretto(lavoro / "cosper")
    return ESEMPI / esempio


def rendi_html(esempio: str, tema: str, lavoro: Path) -> str:
    import bilancio

    esito = bilancio.build(
        cartella(esempio, lavoro), theme=tema, formats=["html"], output=lavoro / "out"
    )
    return esito.file[0].read_text(encoding="utf-8")


def golden(esempio: str, tema: str) -> Path:
    return GOLDEN / f"{esempio}-{tema}.html"


ESEMPIO_STILE = "cipm"
"""The example whose report's stylesheet is the golden one."""


def golden_stile(tema: str) -> Path:
    return GOLDEN / f"stile-{tema}.css"


_STILE = re.compile(r"<style>\n(.*?)</style>", re.S)


def separa_stile(html: str, tema: str) -> tuple[str, str]:
    """(the HTML with the theme's stylesheet replaced by a pointer to its golden, the stylesheet).

    The stylesheet is the first ``<style>`` of ``<head>``; charts keep their own styles.
    """
    testa, fine_testa, corpo = html.partition("</head>")
    m = _STILE.search(testa)
    if m is None or not fine_testa:
        raise ValueError("nessun foglio di stile nella <head> del report")
    segnaposto = f"<style>/* {golden_stile(tema).relative_to(RADICE)} */</style>"
    return testa[: m.start()] + segnaposto + testa[m.end() :] + fine_testa + corpo, m.group(1)


_VARIABILI = re.compile(r"(--marca(?:-chiaro)?: )[^;]*;|(Bilancio sociale )\d{4}")


def stile_generico(css: str) -> str:
    """The stylesheet with what comes from the data (brand colours, year) blanked out."""
    return _VARIABILI.sub(
        lambda m: (m.group(1) or m.group(2)) + "…" + (";" if m.group(1) else ""), css
    )


def main() -> int:
    import tempfile

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for esempio in esempi():
            for tema in TEMI:
                html, css = separa_stile(rendi_html(esempio, tema, Path(tmp)), tema)
                golden(esempio, tema).write_text(html, encoding="utf-8")
                print(f"scritto {golden(esempio, tema).relative_to(RADICE)}")
                if esempio == ESEMPIO_STILE:
                    golden_stile(tema).write_text(css, encoding="utf-8")
                    print(f"scritto {golden_stile(tema).relative_to(RADICE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
