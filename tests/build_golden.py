"""The bundled examples as the report tests and ``make golden`` build them.

Golden HTML files (``tests/golden/report/<example>-<theme>.html``) are diffed in
``test_build.py``; regenerate them after an intended change with ``make golden``
(``python tests/build_golden.py``). The HTML depends only on the data: no clock, no path.

Cosper's example keeps the arithmetic errors of the printed brochure, so `build` refuses
it (as it must). Its reports are built from a copy with those three figures corrected
(:func:`cosper_corretto`): the rest of the data is the brochure's.
"""

from __future__ import annotations

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
        cartella(esempio, lavoro), tema=tema, formati=["html"], uscita=lavoro / "out"
    )
    return esito.file[0].read_text(encoding="utf-8")


def golden(esempio: str, tema: str) -> Path:
    return GOLDEN / f"{esempio}-{tema}.html"


def main() -> int:
    import tempfile

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for esempio in esempi():
            for tema in TEMI:
                testo = rendi_html(esempio, tema, Path(tmp))
                golden(esempio, tema).write_text(testo, encoding="utf-8")
                print(f"scritto {golden(esempio, tema).relative_to(RADICE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
