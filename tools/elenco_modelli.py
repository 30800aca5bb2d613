"""Rewrite the README's list of overridable templates from the templates themselves.

    python tools/elenco_modelli.py

The list sits between ``<!-- modelli:inizio -->`` and ``<!-- modelli:fine -->``;
``tests/test_modelli.py::test_readme_elenca_i_modelli`` fails until it matches.
"""

from __future__ import annotations

from pathlib import Path

from bilancio.report.modelli import elenco
from bilancio.report.stampa import cartella_temi

README = Path(__file__).resolve().parents[1] / "README.md"
INIZIO, FINE = "<!-- modelli:inizio -->\n", "  <!-- modelli:fine -->"


def main() -> None:
    testo = README.read_text(encoding="utf-8")
    a = testo.index(INIZIO) + len(INIZIO)
    b = testo.index(FINE)
    righe = "".join(f"  {r}\n" for r in elenco(cartella_temi()))
    README.write_text(testo[:a] + righe + testo[b:], encoding="utf-8")


if __name__ == "__main__":
    main()
