"""What is not a safe workbook is refused, with a clear Italian message, before loading."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

import bilancio
from bilancio.lettura import leggi
from bilancio.lettura import xlsx as lettore_xlsx
from bilancio.lettura.xlsx import leggi_xlsx
from conftest import xlsx_completo


def _rifiutato(percorso: Path) -> str:
    letto = leggi_xlsx(percorso)
    assert not letto.leggibile
    (problema,) = letto.problemi
    assert problema.codice == "FILE" and problema.posizione is not None
    return problema.messaggio


def _zip(percorso: Path, membri: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(percorso, "w", zipfile.ZIP_DEFLATED) as z:
        for nome, dati in membri.items():
            z.writestr(nome, dati)
    return percorso


def _buona(tmp_path: Path) -> Path:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    return percorso


def _membri(percorso: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(percorso) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def test_zip_bomb_is_refused_before_expanding(tmp_path: Path) -> None:
    membri = _membri(_buona(tmp_path))
    membri["xl/worksheets/sheet3.xml"] = (
        b"<worksheet>" + b" " * (30 * 1024 * 1024) + b"</worksheet>"
    )
    bomba = _zip(tmp_path / "bomba.xlsx", membri)
    assert bomba.stat().st_size < 1024 * 1024
    messaggio = _rifiutato(bomba)
    assert "zip bomb" in messaggio and "sheet3.xml" in messaggio


def test_absurd_total_uncompressed_size_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lettore_xlsx, "MAX_ESPANSO", 50 * 1024)
    assert "zip bomb" in _rifiutato(_buona(tmp_path))


def test_renamed_csv_is_refused(tmp_path: Path) -> None:
    csv = tmp_path / "2025.xlsx"
    csv.write_text("voce;valore\nsoci lavoratori;102\n", encoding="utf-8")
    assert "CSV" in _rifiutato(csv)


def test_old_xls_is_refused(tmp_path: Path) -> None:
    xls = tmp_path / "2025.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    messaggio = _rifiutato(xls)
    assert ".xls" in messaggio and "salvarlo" in messaggio


def test_corrupt_zip_is_refused(tmp_path: Path) -> None:
    buona = _buona(tmp_path).read_bytes()
    rotta = tmp_path / "rotta.xlsx"
    rotta.write_bytes(buona[: len(buona) // 2])
    assert "danneggiato" in _rifiutato(rotta)


def test_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    documento = _zip(
        tmp_path / "2025.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}
    )
    assert "xl/workbook.xml" in _rifiutato(documento)
    ods = _zip(
        tmp_path / "ods.xlsx",
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
    )
    assert "OpenDocument" in _rifiutato(ods)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    vuoto = tmp_path / "2025.xlsx"
    vuoto.write_bytes(b"")
    assert "vuoto" in _rifiutato(vuoto)


def test_absurd_dimensions_are_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.cell(row=1_000_000, column=1).value = 1
    lontano = tmp_path / "lontano.xlsx"
    wb.save(lontano)
    assert "dimensioni assurde" in _rifiutato(lontano)
    membri = _membri(_buona(tmp_path))
    membri["xl/worksheets/sheet2.xml"] = membri["xl/worksheets/sheet2.xml"].replace(
        b'<dimension ref="', b'<dimension ref="A1:XFD1048576" x="'
    )
    dichiarato = _zip(tmp_path / "dichiarato.xlsx", membri)
    assert "XFD1048576" in _rifiutato(dichiarato)


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    membri = _membri(_buona(tmp_path))
    risate = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    membri["xl/sharedStrings.xml"] = risate
    messaggio = _rifiutato(_zip(tmp_path / "risate.xlsx", membri))
    assert "entità" in messaggio


def test_workbook_without_our_sheets_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Foglio1"
    wb.active["A1"] = "soci"
    estraneo = tmp_path / "2025.xlsx"
    wb.save(estraneo)
    letto = leggi(estraneo)
    assert not letto.leggibile and "bilancio init" in letto.problemi[0].messaggio


def test_check_reports_a_refused_workbook_as_unreadable(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    cartella.mkdir()
    (cartella / "2025.xlsx").write_text("a,b\n1,2\n", encoding="utf-8")
    rapporto = bilancio.check(cartella)
    assert not rapporto.leggibile and rapporto.esito() == 2
    assert any("CSV" in p.messaggio for p in rapporto.problemi)


def test_reading_refuses_to_run_without_defusedxml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If openpyxl ever parsed with the plain XML library (OPENPYXL_DEFUSEDXML=False), we stop."""
    buona = _buona(tmp_path)
    assert leggi_xlsx(buona).leggibile
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    assert "Lettura non sicura" in _rifiutato(buona)


def test_a_dtd_after_a_long_prolog_is_still_refused(tmp_path: Path) -> None:
    """The prolog check reads 4 KiB: a DTD pushed past them is caught by the defused parser."""
    membri = _membri(_buona(tmp_path))
    for nome in ("xl/workbook.xml", "xl/worksheets/sheet2.xml"):  # read by openpyxl / by us
        lontano = dict(membri)
        lontano[nome] = (
            b"<!--" + b"x" * 8192 + b'--><!DOCTYPE x [<!ENTITY e "bum">]>' + membri[nome]
        )
        assert "entità" in _rifiutato(_zip(tmp_path / "lontano.xlsx", lontano)), nome


@pytest.mark.slow  # compresses 200 MiB
def test_stream_is_not_needed_to_refuse(tmp_path: Path) -> None:
    """The checks read the zip directory and at most a bounded prefix of each member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b"<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (200 * 1024 * 1024))
    bomba = tmp_path / "grande.xlsx"
    bomba.write_bytes(buffer.getvalue())
    assert "zip bomb" in _rifiutato(bomba)
