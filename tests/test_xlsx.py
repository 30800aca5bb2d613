"""Workbooks as input, equal to YAML: round trips, locations, formulas, LibreOffice files."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

import bilancio
from bilancio.caricamento import carica
from bilancio.conversione import converti, dati_impostati, leggi_anno, xlsx_anno, yaml_anno
from bilancio.foglio.layout import (
    FOGLIO_DICHIARATI,
    FOGLIO_ISTRUZIONI,
    FOGLIO_PRECEDENTI,
    Modulo,
    fogli,
    sezioni_coperte,
)
from bilancio.lettura.xlsx import leggi_xlsx
from bilancio.modello import Anno, Istruzione
from bilancio.validazione import valida
from conftest import COMPLETO, ESEMPI, RADICE, xlsx_completo

FIXTURE = RADICE / "tests" / "fixtures" / "xlsx"
LIBREOFFICE = FIXTURE / "libreoffice" / "2025.xlsx"
VERSIONE_MAIN = FIXTURE / "versione-main" / "2025.xlsx"
FILE_ANNO = sorted(ESEMPI.glob("*/[0-9][0-9][0-9][0-9].yaml"))


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


def _da_xlsx(percorso: Path) -> Anno:
    letto = leggi_xlsx(percorso)
    assert letto.leggibile, letto.problemi
    assert not letto.problemi, [str(p) for p in letto.problemi]
    modello, problemi = valida(Anno, letto.dati, letto.origini)
    assert modello is not None, [(p.dove, p.messaggio) for p in problemi]
    return modello


def _righe(ws: Any) -> dict[str, int]:
    """Label in column A -> row number (first occurrence)."""
    out: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        v = ws.cell(r, 1).value
        if isinstance(v, str):
            out.setdefault(v, r)
    return out


def _tabella(ws: Any, titolo: str) -> tuple[int, dict[str, int]]:
    """(first data row, header -> column) of the table under ``titolo``."""
    r = _righe(ws)[titolo] + 1
    if ws.cell(r, 1).value == "Voce non presente: motivo":
        r += 1
    colonne = {ws.cell(r, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(r, c).value}
    return r + 1, colonne


# --- round trips ------------------------------------------------------------------------


# the complete fixture has every field; the examples' files (slow: one workbook each) too
@pytest.mark.parametrize(
    "sorgente", [COMPLETO, *(pytest.param(f, marks=pytest.mark.slow) for f in FILE_ANNO)], ids=_id
)
def test_yaml_xlsx_yaml_keeps_every_field(sorgente: Path, tmp_path: Path) -> None:
    originale = leggi_anno(sorgente)
    xlsx = tmp_path / f"{originale.anno}.xlsx"
    xlsx.write_bytes(xlsx_anno(originale))
    dal_foglio = _da_xlsx(xlsx)
    assert dal_foglio.model_dump() == originale.model_dump()
    assert dati_impostati(dal_foglio) == dati_impostati(originale)  # no default crept in
    ritorno = tmp_path / "ritorno.yaml"
    ritorno.write_text(yaml_anno(dal_foglio), encoding="utf-8")
    assert leggi_anno(ritorno).model_dump() == originale.model_dump()


def test_convert_through_files_both_ways(tmp_path: Path) -> None:
    xlsx = converti(COMPLETO, tmp_path / "a" / "2025.xlsx")
    yaml_file = converti(xlsx, tmp_path / "b" / "2025.yaml")
    assert leggi_anno(yaml_file).model_dump() == leggi_anno(COMPLETO).model_dump()
    assert yaml_file.read_text(encoding="utf-8").startswith("# Bilancio sociale 2025")


def test_layout_covers_every_section_of_a_year() -> None:
    assert set(Anno.model_fields) - {"anni_precedenti"} <= sezioni_coperte()


# --- the workbook is made for people ----------------------------------------------------------


@pytest.fixture(scope="module")
def cartella_completa(tmp_path_factory: pytest.TempPathFactory) -> Path:
    percorso = tmp_path_factory.mktemp("completo") / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    return percorso


def test_sheets_one_per_area_and_instructions(cartella_completa: Path) -> None:
    wb = openpyxl.load_workbook(cartella_completa)
    assert wb.sheetnames[0] == FOGLIO_ISTRUZIONI
    assert wb.sheetnames[1:11] == [
        "Ente",
        "Anno",
        "Soci",
        "Governo",
        "Persone",
        "Attività e beneficiari",
        "Economia",
        "Altre informazioni",
        FOGLIO_PRECEDENTI,
        FOGLIO_DICHIARATI,
    ]
    assert wb["Elenchi"].sheet_state == "hidden"
    istruzioni = " ".join(str(c.value) for c in wb[FOGLIO_ISTRUZIONI]["A"] if c.value)
    assert "non presente" in istruzioni and "celle gialle" in istruzioni


def test_drop_downs_formats_and_frozen_headers(cartella_completa: Path) -> None:
    wb = openpyxl.load_workbook(cartella_completa)
    ente = wb["Ente"]
    righe = _righe(ente)
    forma = ente.cell(righe["Forma giuridica"], 2)
    liste = {dv.formula1: dv for dv in ente.data_validations.dataValidation if dv.type == "list"}
    forma_dv = next(dv for dv in liste.values() if forma.coordinate in dv.sqref)
    elenchi = wb["Elenchi"]
    colonna = forma_dv.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    valori = [c.value for c in elenchi[colonna][1:] if c.value]
    assert "Cooperativa sociale" in valori and forma.value == "Cooperativa sociale"
    assert ente.freeze_panes == "B4"
    assert ente.cell(righe["Data di costituzione"], 2).number_format == "DD/MM/YYYY"
    economia = wb["Economia"]
    vp = economia.cell(_righe(economia)["Valore della produzione (€)"], 2)
    assert "€" in vp.number_format and vp.value == pytest.approx(8924272.5)
    soci = wb["Soci"]
    assert soci.cell(_righe(soci)["Soci cooperatori lavoratori"], 2).number_format == "#,##0"
    # every enumeration has its drop-down: beneficiary categories, member types, yes/no, scale
    tutte = {
        dv.formula1
        for ws in wb.worksheets
        for dv in ws.data_validations.dataValidation
        if dv.type == "list"
    }
    intestazioni = {elenchi.cell(1, c).value for c in range(1, elenchi.max_column + 1)}
    assert {
        "Categoria",
        "TipoSocio",
        "LivelloCoinvolgimento",
        "TipoCooperativa",
        "Sì / no",
    } <= intestazioni
    assert len(tutte) >= len(intestazioni)
    assert ente.column_dimensions["A"].width >= 40


def test_repeating_items_are_table_rows(cartella_completa: Path) -> None:
    ws = openpyxl.load_workbook(cartella_completa)["Governo"]
    prima, colonne = _tabella(ws, "Consiglio di amministrazione › Componenti")
    assert ws.cell(prima, colonne["Nome e cognome"]).value == "Maria Rossi"
    assert ws.cell(prima + 1, colonne["Nome e cognome"]).value == "Luca Bianchi"
    assert ws.cell(prima + 1, colonne["Tipologia di socio"]).value == "Non socio"
    ws = openpyxl.load_workbook(cartella_completa)["Attività e beneficiari"]
    prima, colonne = _tabella(ws, "Servizi, aree e progetti › Beneficiari diretti per categoria")
    assert [ws.cell(prima + i, 1).value for i in range(3)] == [
        "Servizi educativi",
        "Servizi educativi",
        "Inserimento lavorativo",
    ]
    assert ws.cell(prima, colonne["Categoria di beneficiari"]).value == "Minori"


def test_formula_injection_is_stored_as_text(cartella_completa: Path) -> None:
    wb = openpyxl.load_workbook(cartella_completa)
    storia = wb["Ente"].cell(_righe(wb["Ente"])["Storia dell'organizzazione"], 2)
    assert storia.value.startswith("=SOMMA")
    assert storia.data_type == "s" and storia.quotePrefix
    diffusione = wb["Anno"].cell(_righe(wb["Anno"])["Canali di diffusione"], 2)
    assert diffusione.data_type == "s"
    assert diffusione.value.splitlines()[:2] == ["- sito web", "@assemblea"]
    # and nothing anywhere was written as a formula, but the workbook's own lookup of the
    # indicator's name beside each code of the declared figures
    formule = [
        (ws.title, c.column_letter, c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formule and all(
        foglio == FOGLIO_DICHIARATI and colonna == "C" and formula.startswith("=IF(B")
        for foglio, colonna, formula in formule
    )


def test_template_blank_reads_as_empty_year(tmp_path: Path) -> None:
    from bilancio.foglio.cartella import cartella_bytes

    vuoto = tmp_path / "2025.xlsx"
    vuoto.write_bytes(cartella_bytes({"anno": 2025}, 2025))
    letto = leggi_xlsx(vuoto)
    assert letto.problemi == []
    assert letto.dati == {"anno": 2025}


# --- files saved by LibreOffice and by other programs ------------------------------------------


def test_libreoffice_saved_workbook_loads_with_same_data() -> None:
    """A workbook saved by LibreOffice Calc (committed; see genera_libreoffice.py), with a
    formula LibreOffice computed: the cached value is what counts."""
    dal_foglio = _da_xlsx(LIBREOFFICE)
    assert dal_foglio.model_dump() == leggi_anno(COMPLETO).model_dump()
    wb = openpyxl.load_workbook(LIBREOFFICE)
    soci = wb["Soci"]
    totale = soci.cell(_righe(soci)["Totale soci (dichiarato)"], 2)
    assert totale.data_type == "f"
    assert dal_foglio.governo.soci.totale == 123  # type: ignore[union-attr]


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice (soffice) non installato: il test usa il file salvato in tests/fixtures",
)
@pytest.mark.parametrize(
    "sorgente", ["cipm/2020.yaml", "cosper/2025.yaml"]
)  # cosper: declared figures
def test_libreoffice_saves_and_we_read_now(tmp_path: Path, sorgente: str) -> None:
    import subprocess

    nome = Path(sorgente).stem
    scritto = converti(ESEMPI / sorgente, tmp_path / "in" / f"{nome}.xlsx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profilo",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(scritto),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (
        _da_xlsx(tmp_path / "out" / f"{nome}.xlsx").model_dump()
        == leggi_anno(ESEMPI / sorgente).model_dump()
    )


# --- formulas -------------------------------------------------------------------------------


def _con_formula(tmp_path: Path, formula: str) -> Path:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    soci = wb["Soci"]
    soci.cell(_righe(soci)["Soci cooperatori fruitori"], 2).value = formula
    wb.save(percorso)  # openpyxl stores formulas without a computed value
    return percorso


def test_formula_without_cached_value_is_reported_not_empty(tmp_path: Path) -> None:
    percorso = _con_formula(tmp_path, "=B7-100")
    letto = leggi_xlsx(percorso)
    (problema,) = letto.problemi
    assert problema.codice == "FORMULA"
    assert str(problema.posizione).endswith("Soci!B9 «Soci cooperatori fruitori»")
    assert "mai ricalcolato" in problema.messaggio and problema.trovato == "«=B7-100»"


def test_formula_with_cached_value_uses_it(tmp_path: Path) -> None:
    import re
    import zipfile

    percorso = _con_formula(tmp_path, "=B7-100")
    # store the computed value next to the formula, as Excel and LibreOffice do
    with zipfile.ZipFile(percorso) as z:
        membri = {i.filename: z.read(i.filename) for i in z.infolist()}
    nome = f"xl/worksheets/sheet{openpyxl.load_workbook(percorso).sheetnames.index('Soci') + 1}.xml"
    membri[nome], n = re.subn(rb"<f>B7-100</f>\s*<v\s*/>", b"<f>B7-100</f><v>2</v>", membri[nome])
    assert n == 1
    with zipfile.ZipFile(percorso, "w", zipfile.ZIP_DEFLATED) as z:
        for nome_membro, dati in membri.items():
            z.writestr(nome_membro, dati)
    assert _da_xlsx(percorso).governo.soci.fruitori == 2  # type: ignore[union-attr]


def test_formula_error_is_reported(tmp_path: Path) -> None:
    import re
    import zipfile

    percorso = _con_formula(tmp_path, "=1/0")
    with zipfile.ZipFile(percorso) as z:
        membri = {i.filename: z.read(i.filename) for i in z.infolist()}
    nome = f"xl/worksheets/sheet{openpyxl.load_workbook(percorso).sheetnames.index('Soci') + 1}.xml"
    membri[nome] = re.sub(
        rb'<c r="B9"([^>]*)><f>1/0</f>\s*<v\s*/>',
        rb'<c r="B9"\1 t="e"><f>1/0</f><v>#DIV/0!</v>',
        membri[nome],
    )
    with zipfile.ZipFile(percorso, "w", zipfile.ZIP_DEFLATED) as z:
        for nome_membro, dati in membri.items():
            z.writestr(nome_membro, dati)
    (problema,) = leggi_xlsx(percorso).problemi
    assert (
        problema.codice == "FORMULA"
        and "#DIV/0!" in problema.messaggio
        and "Soci!B9" in problema.dove
    )


# --- problems located by sheet and cell ----------------------------------------------------------


def _modificata(
    tmp_path: Path, modifiche: dict[tuple[str, str], Any], cartella: Path | None = None
) -> Path:
    """The complete fixture as a workbook, with cells (sheet, label) -> new value in column B."""
    cartella = cartella or tmp_path / "coop"
    cartella.mkdir(exist_ok=True)
    percorso = cartella / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    for (foglio, etichetta), valore in modifiche.items():
        ws = wb[foglio]
        ws.cell(_righe(ws)[etichetta], 2).value = valore
    wb.save(percorso)
    return percorso


def test_several_problems_each_at_its_cell(tmp_path: Path) -> None:
    percorso = _modificata(
        tmp_path,
        {
            ("Soci", "Soci cooperatori lavoratori"): "centodue",
            ("Economia", "Valore della produzione (€)"): -5,
            ("Ente", "Qualificazione ai sensi del Codice del Terzo settore"): None,
            ("Governo", "Riunioni del CdA nell'anno"): 2.5,
        },
    )
    rapporto = bilancio.check(percorso.parent)
    assert not rapporto.valido
    dove = {p.dove.split(" — ", 1)[1]: p for p in rapporto.errori}
    soci = dove["Soci!B7 «Soci cooperatori lavoratori»"]
    assert soci.trovato == "«centodue»" and "intero" in (soci.atteso or "")
    assert soci.campo == "governo.soci.lavoratori"
    economia = dove["Economia!B6 «Valore della produzione (€)»"]
    assert economia.trovato == "-5" and economia.atteso == "un valore ≥ 0"
    assert any(k.startswith("Ente!B") and "Qualificazione" in k for k in dove)
    assert any(k.startswith("Governo!B") and "Riunioni" in k for k in dove)
    assert all(p.posizione and p.posizione.file.endswith("2025.xlsx") for p in rapporto.errori)


def test_table_cells_are_located_with_their_header(tmp_path: Path) -> None:
    percorso = tmp_path / "coop" / "2025.xlsx"
    percorso.parent.mkdir()
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Governo"]
    prima, colonne = _tabella(ws, "Consiglio di amministrazione › Componenti")
    ws.cell(prima + 1, colonne["Età"]).value = "quarantadue"
    eta = f"Governo!{get_column_letter(colonne['Età'])}{prima + 1}"
    ws = wb["Attività e beneficiari"]
    prima, colonne = _tabella(ws, "Servizi, aree e progetti › Beneficiari diretti per categoria")
    ws.cell(prima + 3, 1).value = "Servizio che non c'è"
    ws.cell(prima + 3, colonne["Categoria di beneficiari"]).value = "Minori"
    ws.cell(prima + 3, colonne["Numero"]).value = 3
    wb.save(percorso)
    rapporto = bilancio.check(percorso.parent)
    testi = [f"{p.dove} {p.messaggio} {p.trovato}" for p in rapporto.errori]
    assert any(eta in t and "«Età»" in t and "quarantadue" in t for t in testi), testi
    assert any("Attività e beneficiari!A" in t and "Servizio che non c'è" in t for t in testi), (
        testi
    )


def test_cli_check_prints_sheet_and_cell(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bilancio.cli import _registra, app

    _registra()
    percorso = _modificata(tmp_path, {("Soci", "Soci cooperatori lavoratori"): "centodue"})
    r = CliRunner().invoke(app, ["check", str(percorso.parent)])
    assert r.exit_code == 1
    # a workbook's user is shown the sheet, the cell and its label, never the field's path
    assert f"{percorso} — Soci!B7 «Soci cooperatori lavoratori»: errore SCHEMA\n" in r.output
    assert "governo.soci" not in r.output
    assert "trovato: «centodue»" in r.output


def test_earlier_years_are_located_too(tmp_path: Path) -> None:
    percorso = tmp_path / "coop" / "2025.xlsx"
    percorso.parent.mkdir()
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb[FOGLIO_PRECEDENTI]
    assert ws.cell(3, 1).value == "Voce" and ws.cell(3, 2).value == 2024  # no «Campo» column
    riga = next(
        r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, 1).value == "Situazione economico-finanziaria › Valore della produzione"
    )
    ws.cell(riga, 2).value = "tanti"
    wb.save(percorso)
    # (the rules run on the other parts too: the fixture's own arithmetic is not the point)
    (problema,) = [p for p in bilancio.check(percorso.parent).errori if p.codice == "SCHEMA"]
    assert f"{FOGLIO_PRECEDENTI}!B{riga}" in problema.dove and "(2024)" in problema.dove
    assert problema.campo == "anni_precedenti.2024.economia.valore_produzione"
    # labels, not data paths
    assert not any(re.search(r"[a-z_]+\.[a-z_]+", str(c.value)) for c in ws["A"] if c.row > 3)


# --- a workbook in a cooperative's folder -------------------------------------------------------


@pytest.mark.slow  # the whole pipeline through a workbook
def test_check_build_and_diff_accept_a_workbook(tmp_path: Path) -> None:
    cartella = tmp_path / "cipm"
    shutil.copytree(ESEMPI / "cipm", cartella)
    converti(cartella / "2020.yaml", cartella / "2020.xlsx")
    (cartella / "2020.yaml").unlink()
    atteso = bilancio.check(ESEMPI / "cipm")
    rapporto = bilancio.check(cartella)
    assert rapporto.valido and rapporto.anno == 2020
    assert [p.codice for p in rapporto.problemi] == [p.codice for p in atteso.problemi]
    assert rapporto.calcolo == atteso.calcolo
    from bilancio.variazioni import diff

    assert diff(cartella).righe == diff(ESEMPI / "cipm").righe
    from bilancio.report.costruzione import build

    esito = build(cartella, formati=("html",), uscita=tmp_path / "out")
    assert [f.suffix for f in esito.file] == [".html"]


def test_yaml_and_xlsx_for_the_same_year_is_an_error(tmp_path: Path) -> None:
    cartella = tmp_path / "cipm"
    shutil.copytree(ESEMPI / "cipm", cartella)
    converti(cartella / "2020.yaml", cartella / "2020.xlsx")
    with pytest.raises(bilancio.InputIlleggibile, match="2020.xlsx, 2020.yaml"):
        bilancio.check(cartella)


@pytest.mark.slow  # the whole pipeline through a workbook
def test_empty_ente_sheet_is_ignored_when_the_folder_has_ente_yaml(tmp_path: Path) -> None:
    cartella = tmp_path / "cipm"
    shutil.copytree(ESEMPI / "cipm", cartella)
    converti(cartella / "2020.yaml", cartella / "2020.xlsx")
    (cartella / "2020.yaml").unlink()
    wb = openpyxl.load_workbook(cartella / "2020.xlsx")
    da_compilare = [
        c for row in wb["Ente"].iter_rows() for c in row if c.fill.fgColor.rgb == "00FFF8DC"
    ]
    assert da_compilare and all(c.value is None for c in da_compilare)
    assert "ente" not in leggi_xlsx(cartella / "2020.xlsx").dati
    # ...but filled in while ente.yaml exists, it is the ENTE-DOPPIO error, at the sheet
    wb["Ente"].cell(_righe(wb["Ente"])["Nome dell'ente"], 2).value = "Altra"
    wb.save(cartella / "2020.xlsx")
    (doppio,) = [p for p in bilancio.check(cartella).errori if p.codice == "ENTE-DOPPIO"]
    assert "Ente!B" in doppio.dove


def test_a_workbook_can_carry_the_entity(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    cartella.mkdir()
    converti(COMPLETO, cartella / "2025.xlsx")
    caricato = carica(cartella)
    assert caricato.bilancio is not None, [p.messaggio for p in caricato.problemi]
    assert caricato.bilancio.ente.nome == "Il Melograno"


def test_unknown_labels_and_headers_are_reported(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Soci"]
    ws.cell(_righe(ws)["Soci usciti nell'anno"], 1).value = "Soci scappati"
    ws.cell(_righe(ws)["Soci scappati"], 2).value = 3
    wb.save(percorso)
    (problema,) = leggi_xlsx(percorso).problemi
    assert problema.dove.endswith("Soci!A14") and "Soci scappati" in problema.messaggio


def test_rows_inserted_in_a_table_are_read(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Governo"]
    prima, colonne = _tabella(ws, "Mappatura degli stakeholder")
    ws.insert_rows(prima + 1)  # an empty row in the middle, as users do
    ws.cell(prima + 4, colonne["Tipologia di stakeholder"]).value = "Fornitori"
    ws.cell(prima + 4, colonne["Intensità (1-5)"]).value = "Consultazione"
    wb.save(percorso)
    modello = _da_xlsx(percorso)
    assert [(s.tipologia, s.intensita.value) for s in modello.governo.stakeholder] == [  # type: ignore[union-attr]
        ("Soci", 5),
        ("Comuni", 3),
        ("Fornitori", 2),
    ]


def test_every_form_label_is_unique_per_block() -> None:
    for foglio in fogli():
        for blocco in foglio.blocchi:
            if isinstance(blocco, Modulo):
                etichette = [c.etichetta for c in blocco.campi]
                assert len(etichette) == len(set(etichette)), blocco.titolo


def test_unknown_category_is_reported_with_the_labels(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Attività e beneficiari"]
    prima, colonne = _tabella(ws, "Servizi, aree e progetti › Beneficiari diretti per categoria")
    ws.cell(prima, colonne["Categoria di beneficiari"]).value = "Marziani"
    wb.save(percorso)
    (problema,) = leggi_xlsx(percorso).problemi
    lettera = get_column_letter(colonne["Categoria di beneficiari"])
    assert problema.dove.endswith(
        f"Attività e beneficiari!{lettera}{prima} «Categoria di beneficiari»"
    )
    assert problema.trovato == "«Marziani»" and "Minori" in (problema.atteso or "")


def test_a_single_workbook_file_can_be_checked(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    cartella.mkdir()
    converti(COMPLETO, cartella / "2025.xlsx")
    rapporto = bilancio.check(cartella / "2025.xlsx")
    assert (
        rapporto.leggibile
        and rapporto.anno == 2025
        and rapporto.file == [str(cartella / "2025.xlsx")]
    )


def test_dates_before_1900_survive(tmp_path: Path) -> None:
    dati = leggi_anno(COMPLETO).model_dump(mode="python", exclude_unset=True)
    dati["ente"]["data_costituzione"] = "12/03/1887"
    anno = Anno.model_validate(dati)
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_anno(anno))
    assert _da_xlsx(percorso).ente.data_costituzione.year == 1887  # type: ignore[union-attr]


def test_two_cells_for_the_same_place_are_reported(tmp_path: Path) -> None:
    # a workbook of main's layout, whose «Campo» column names a section, not a value
    percorso = tmp_path / "2025.xlsx"
    shutil.copy(VERSIONE_MAIN, percorso)
    wb = openpyxl.load_workbook(percorso)
    ws = wb[FOGLIO_PRECEDENTI]
    riga = ws.max_row + 1
    ws.cell(riga, 2).value = "economia.patrimonio"
    ws.cell(riga, 3).value = 127
    wb.save(percorso)
    (problema,) = leggi_xlsx(percorso).problemi
    assert f"{FOGLIO_PRECEDENTI}!C{riga}" in problema.dove and "incompatibile" in problema.messaggio


def test_the_same_figure_twice_in_earlier_years_is_reported(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb[FOGLIO_PRECEDENTI]
    voce = "Situazione economico-finanziaria › Costi del personale"
    prima = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == voce)
    ws.cell(prima, 2).value = 126
    riga = ws.max_row + 1
    ws.cell(riga, 1).value = voce.upper()  # labels are matched regardless of case
    ws.cell(riga, 2).value = 127
    wb.save(percorso)
    (problema,) = leggi_xlsx(percorso).problemi
    assert f"{FOGLIO_PRECEDENTI}!A{riga}" in problema.dove
    assert f"riga {prima}" in problema.messaggio


def test_an_unknown_label_in_earlier_years_is_reported(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb[FOGLIO_PRECEDENTI]
    riga = ws.max_row + 1
    ws.cell(riga, 1).value = "Situazione economico-finanziaria › Costi fantasma"
    ws.cell(riga, 2).value = 5
    wb.save(percorso)
    (problema,) = leggi_xlsx(percorso).problemi
    assert f"{FOGLIO_PRECEDENTI}!A{riga}" in problema.dove
    assert "voce che non corrisponde" in problema.messaggio
    assert not re.search(r"[a-z_]+\.[a-z_]+", f"{problema.messaggio} {problema.atteso}")


def test_a_workbook_made_by_main_loads_with_the_same_data(tmp_path: Path) -> None:
    """Workbooks written before the labels-only «Anni precedenti» (with its «Campo» column,
    tests/fixtures/xlsx/versione-main: Arcobaleno's 2025 converted by main at e9b2bf1)."""
    ws = openpyxl.load_workbook(VERSIONE_MAIN)[FOGLIO_PRECEDENTI]
    assert ws.cell(3, 2).value == "Campo"  # the old layout indeed
    assert dati_impostati(_da_xlsx(VERSIONE_MAIN)) == dati_impostati(
        leggi_anno(ESEMPI / "arcobaleno" / "2025.yaml")
    )
    # and the whole folder checks as the YAML does
    cartella = tmp_path / "arcobaleno"
    cartella.mkdir()
    shutil.copy(ESEMPI / "arcobaleno" / "ente.yaml", cartella / "ente.yaml")
    shutil.copy(ESEMPI / "arcobaleno" / "2024.yaml", cartella / "2024.yaml")
    shutil.copy(VERSIONE_MAIN, cartella / "2025.xlsx")
    da_xlsx, da_yaml = bilancio.check(cartella), bilancio.check(ESEMPI / "arcobaleno")
    assert da_xlsx.valido and da_yaml.valido
    assert [p.codice for p in da_xlsx.problemi] == [p.codice for p in da_yaml.problemi]
    assert da_xlsx.calcolo == da_yaml.calcolo


def _titoli_blocchi(ws: Any) -> list[Any]:
    return [c.value for c in ws["A"] if c.fill.fgColor.rgb == "001F4E78"]


def _liste(ws: Any) -> set[str]:
    return {
        dv.formula1
        for dv in ws.data_validations.dataValidation
        if dv.type == "list" and "Elenchi" in (dv.formula1 or "")
    }


def test_converted_workbook_keeps_the_template_formatting(
    cartella_completa: Path, tmp_path: Path
) -> None:
    from bilancio.scheletro import xlsx_anno as modello_vuoto

    vuoto = tmp_path / "vuoto.xlsx"
    vuoto.write_bytes(modello_vuoto(2025, "Prova"))
    a, b = openpyxl.load_workbook(vuoto), openpyxl.load_workbook(cartella_completa)
    assert a.sheetnames == b.sheetnames
    for nome in a.sheetnames:
        assert a[nome].freeze_panes == b[nome].freeze_panes
        assert _titoli_blocchi(a[nome]) == _titoli_blocchi(b[nome]), nome
        assert _liste(a[nome]) == _liste(b[nome]), nome


def test_every_message_about_a_blank_workbook_has_a_sheet(tmp_path: Path) -> None:
    from bilancio.scheletro import xlsx_anno as modello_vuoto

    cartella = tmp_path / "coop"
    cartella.mkdir()
    (cartella / "2025.xlsx").write_bytes(modello_vuoto(2025, "Prova"))
    rapporto = bilancio.check(cartella)
    assert rapporto.problemi
    assert all(p.posizione is not None and p.posizione.foglio for p in rapporto.problemi), [
        (p.codice, p.campo) for p in rapporto.problemi if not (p.posizione and p.posizione.foglio)
    ]


def test_a_value_outside_the_table_columns_is_a_warning(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Governo"]
    prima, colonne = _tabella(ws, "Collaborazioni")
    fuori = max(colonne.values()) + 2
    ws.cell(prima, fuori).value = "nota a margine"
    wb.save(percorso)
    (problema,) = leggi_xlsx(percorso).problemi
    assert problema.gravita.value == "avviso"
    assert problema.dove.endswith(f"Governo!{get_column_letter(fuori)}{prima}")


def test_a_percentage_typed_with_the_percent_sign_counts_as_typed(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Governo"]
    cella = ws.cell(_righe(ws)["Partecipazione media (%)"], 2)
    cella.value, cella.number_format = 0.925, "0.0%"  # what Excel stores for «92,5%»
    wb.save(percorso)
    assert _da_xlsx(percorso).governo.consiglio_amministrazione.partecipazione_media == 92.5  # type: ignore[union-attr]


def test_labels_are_read_with_or_without_their_unit(tmp_path: Path) -> None:
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ws = wb["Economia"]
    ws.cell(_righe(ws)["Valore della produzione (€)"], 1).value = "  valore della produzione "
    wb.save(percorso)
    assert _da_xlsx(percorso).economia.valore_produzione == Decimal("8924272.50")  # type: ignore[union-attr]


@pytest.mark.slow  # the whole pipeline through a workbook
def test_cli_check_build_diff_take_workbook_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bilancio.cli import _registra, app

    _registra()
    cartella = tmp_path / "arcobaleno"
    shutil.copytree(ESEMPI / "arcobaleno", cartella)
    for anno in (2024, 2025):
        converti(cartella / f"{anno}.yaml", cartella / f"{anno}.xlsx")
        (cartella / f"{anno}.yaml").unlink()
    runner = CliRunner()
    r = runner.invoke(app, ["check", str(cartella / "2024.xlsx")])
    assert r.exit_code == 0 and "OK" in r.output, r.output
    r = runner.invoke(
        app, ["diff", str(cartella / "2024.xlsx"), str(cartella / "2025.xlsx"), "--format", "json"]
    )
    atteso = runner.invoke(
        app,
        [
            "diff",
            str(ESEMPI / "arcobaleno" / "2024.yaml"),
            str(ESEMPI / "arcobaleno" / "2025.yaml"),
            "--format",
            "json",
        ],
    )
    assert r.exit_code == atteso.exit_code
    import json

    def righe(testo: str) -> object:
        dati = json.loads(testo)
        return [s for k, s in dati.items() if k not in ("fonte_vecchio", "fonte_nuovo")]

    assert righe(r.output) == righe(atteso.output)
    r = runner.invoke(
        app,
        [
            "build",
            str(cartella / "2025.xlsx"),
            "--format",
            "html",
            "--output",
            str(tmp_path / "out"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert list((tmp_path / "out").glob("*.html"))


def test_a_formula_that_computed_an_empty_text_is_an_empty_cell(tmp_path: Path) -> None:
    import re
    import zipfile

    percorso = _con_formula(tmp_path, '=IF(B7>0,"",1)')
    with zipfile.ZipFile(percorso) as z:
        membri = {i.filename: z.read(i.filename) for i in z.infolist()}
    nome = f"xl/worksheets/sheet{openpyxl.load_workbook(percorso).sheetnames.index('Soci') + 1}.xml"
    # what Excel and LibreOffice store for a formula whose result is ""
    membri[nome], n = re.subn(
        rb'<c r="B9"([^>]*)><f>(IF\(B7&gt;0,"",1\))</f>\s*<v\s*/>',
        rb'<c r="B9"\1 t="str"><f>\2</f><v></v>',
        membri[nome],
    )
    assert n == 1
    with zipfile.ZipFile(percorso, "w", zipfile.ZIP_DEFLATED) as z:
        for nome_membro, dati in membri.items():
            z.writestr(nome_membro, dati)
    # an empty cell is a figure not given (unknown), not zero
    assert _da_xlsx(percorso).governo.soci.fruitori is None  # type: ignore[union-attr]


def test_labels_of_earlier_workbooks_are_still_read(tmp_path: Path) -> None:
    """Headers renamed since (Telefono of an office, Descrizione of a service) still load."""
    percorso = tmp_path / "2025.xlsx"
    percorso.write_bytes(xlsx_completo())
    wb = openpyxl.load_workbook(percorso)
    ente = wb["Ente"]
    sede = _righe(ente)["Sede legale"]
    riga_telefono = next(
        r for r in range(sede, ente.max_row + 1) if ente.cell(r, 1).value == "Telefono della sede"
    )
    ente.cell(riga_telefono, 1).value = "Telefono"
    ente.cell(riga_telefono, 2).value = "0372 123456"
    attivita = wb["Attività e beneficiari"]
    prima, colonne = _tabella(attivita, "Servizi, aree e progetti")
    attivita.cell(prima - 1, colonne["Descrizione"]).value = "Descrizione (Markdown)"
    attivita.cell(prima, colonne["Descrizione"]).value = "Il servizio, raccontato."
    wb.save(percorso)
    anno = _da_xlsx(percorso)
    assert anno.ente is not None and anno.ente.sede_legale is not None
    assert anno.ente.sede_legale.telefono == "0372 123456"
    assert (
        anno.attivita is not None
        and anno.attivita.servizi[0].descrizione == "Il servizio, raccontato."
    )


def test_the_ente_sheet_names_each_telephone_once() -> None:
    (ente,) = [f for f in fogli() if f.nome == "Ente"]
    etichette = [
        c.intestazione
        for b in ente.blocchi
        for c in (b.campi if isinstance(b, Modulo) else b.colonne)
    ]
    # the entity's own, in «Contatti»; an office's are «… della sede»
    assert etichette.count("Telefono") == 1 and etichette.count("Email") == 1
    assert "Telefono della sede" in etichette


def test_empty_cell_is_unknown_and_a_written_zero_stays_zero(tmp_path: Path) -> None:
    # figures that used to default to 0: an empty cell must read back as unknown (None)
    anno = Anno.model_validate(
        {
            "anno": 2025,
            "persone": {
                "istruzione": {"diploma": 12, "dottorato": 0},
                "tirocini": {"numero": 2},
                "rimborsi_volontari": {"modalita": "documentato", "volontari_rimborsati": 0},
            },
            "economia": {"ricavi_per_tipologia": [{"tipologia": "altro", "privato": 5}]},
        }
    )
    xlsx = tmp_path / "2025.xlsx"
    xlsx.write_bytes(xlsx_anno(anno))
    letto = _da_xlsx(xlsx)
    assert letto.persone is not None and letto.economia is not None
    istruzione = letto.persone.istruzione
    assert isinstance(istruzione, Istruzione)
    assert (istruzione.diploma, istruzione.dottorato, istruzione.licenza_media) == (12, 0, None)
    tirocini, rimborsi = letto.persone.tirocini, letto.persone.rimborsi_volontari
    assert tirocini is not None and tirocini.servizio_civile is None
    assert rimborsi is not None and rimborsi.importo_totale is None
    assert rimborsi.volontari_rimborsati == 0
    (riga,) = letto.economia.ricavi_per_tipologia
    assert riga.pubblico is None and riga.privato == 5
    assert dati_impostati(letto) == dati_impostati(anno)
