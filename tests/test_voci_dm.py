"""The DM items of conformita.VOCI_DM are the one source of the reports' paragraph ids and headings."""

from __future__ import annotations

import re

import bilancio
from bilancio.conformita import VOCI_DM
from conftest import ESEMPI


def test_every_item_names_its_paragraph() -> None:
    assert all(v.ancora for v in VOCI_DM)


def test_the_report_uses_the_items_ids_and_headings(tmp_path) -> None:
    esito = bilancio.build(
        ESEMPI / "arcobaleno", theme="completo", formats=["html"], output=tmp_path
    )
    html = esito.file[0].read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    for v in VOCI_DM:
        assert v.ancora in ids, v.codice  # Arcobaleno states every item
        assert f'href="#{v.ancora}"' in html, v.codice  # the conformity table links to it
    intestazioni = set(re.findall(r"<h3>([^<]+)</h3>", html.replace("&#39;", "'")))
    for v in VOCI_DM:
        if v.codice not in ("2.1", "2.2", "2.3", "2.4", "2.5", "4.8", "4.9"):  # shared paragraphs
            assert v.titolo_report in intestazioni, v.codice
