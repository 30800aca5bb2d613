"""Start-up: a command imports only what it uses (issue 14, point 7).

Structural, never timed (time is measured in `make bench`): `bilancio --help` and
`bilancio check` run in a fresh interpreter, which then lists the modules it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

import bilancio
from conftest import ESEMPI, moduli_caricati

# what `check` never needs: the report (templates, PDF, fonts), spreadsheets, charts
PESANTI = ("weasyprint", "openpyxl", "pygal", "jinja2", "markdown_it", "fontTools", "PIL")
# nor the other commands' own modules
ALTRI_COMANDI = (
    "bilancio.report",
    "bilancio.sito",
    "bilancio.variazioni",
    "bilancio.confronto",
    "bilancio.esporta",
    "bilancio.conversione",
    "bilancio.scheletro",
    "bilancio.foglio",
    "bilancio.lettura.xlsx",
    "bilancio.xbrl.importa",
    "bilancio.schemi",
)
# nor, for a folder without an .xbrl file, the instance's reader (XML)
XBRL = ("bilancio.xbrl.lettore", "bilancio.xbrl.mappa", "defusedxml", "xml.etree")
# nor Babel and its locale data, when no message has a figure to write (as for cipm)
FORMATI = ("babel",)


def _moduli(*argomenti: str) -> set[str]:
    """The modules a fresh `bilancio ARGOMENTI` has imported when it ends."""
    return moduli_caricati(*argomenti)[0]


def _caricati(moduli: set[str], nomi: tuple[str, ...]) -> list[str]:
    return sorted(m for m in moduli if any(m == n or m.startswith(n + ".") for n in nomi))


def test_check_non_importa_report_fogli_grafici() -> None:
    moduli = _moduli("check", str(ESEMPI / "cipm"))
    assert "bilancio.controllo" in moduli  # the probe did run the check
    assert _caricati(moduli, PESANTI) == []
    assert _caricati(moduli, ALTRI_COMANDI) == []
    assert not any((ESEMPI / "cipm").glob("*.xbrl"))
    assert _caricati(moduli, (*XBRL, *FORMATI)) == []


def test_check_json_non_importa_report_fogli_grafici() -> None:
    moduli = _moduli("check", "--json", str(ESEMPI / "cipm"))
    assert "bilancio.controllo" in moduli
    assert _caricati(moduli, PESANTI) == []


def test_help_non_importa_la_libreria() -> None:
    moduli = _moduli("--help")
    assert "bilancio.cli.diff" in moduli and "bilancio.cli.build" in moduli  # every command listed
    assert _caricati(moduli, PESANTI) == []
    assert _caricati(moduli, (*ALTRI_COMANDI, "bilancio.controllo", "bilancio.modello")) == []


def test_import_bilancio_e_leggero() -> None:
    esito = subprocess.run(
        [
            sys.executable,
            "-c",
            "import bilancio, json, sys; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    moduli = set(json.loads(esito.stdout))
    assert _caricati(moduli, (*PESANTI, "pydantic", "bilancio.modello", "bilancio.report")) == []
    assert sorted(m for m in moduli if m.startswith("bilancio")) == ["bilancio"]


def test_i_nomi_pubblici_si_caricano_al_primo_uso() -> None:
    from bilancio.errori import Rapporto
    from bilancio.report import Esito

    assert bilancio.Rapporto is Rapporto and bilancio.Esito is Esito
    assert "Esito" in dir(bilancio)
    with pytest.raises(AttributeError, match="non_esiste"):
        _ = bilancio.non_esiste  # type: ignore[attr-defined]


# --- the constants the command line writes without importing the library ---------------


def test_costanti_della_riga_di_comando_uguali_alla_libreria() -> None:
    from bilancio import esporta, variazioni
    from bilancio.cli import build, diff
    from bilancio.report import stampa

    assert (build.PDF_VARIANTE, build.PDF_VARIANTI) == (stampa.PDF_VARIANTE, stampa.PDF_VARIANTI)
    assert Decimal(diff.SOGLIA_PREDEFINITA) == variazioni.SOGLIA == bilancio._SOGLIA
    assert {t.value for t in diff.TipoCifra} == set(variazioni.TIPI)
    assert {d.value for d in diff.DialettoCsv} == set(esporta.DIALETTI_CSV)


@pytest.mark.parametrize(
    "modulo",
    ["confronto", "esporta", "conversione", "scheletro", "xbrl.importa", "controllo"],
)
def test_i_comandi_senza_pdf_non_importano_weasyprint(modulo: str) -> None:
    """diff, convert, init, import and check work without Pango (README, "Installing")."""
    esito = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import bilancio.{modulo}, json, sys; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert _caricati(set(json.loads(esito.stdout)), ("weasyprint", "pygal")) == []
