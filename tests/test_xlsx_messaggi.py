"""A workbook's messages speak of sheets, cells and columns, at the cell where the answer goes.

Each DM item of the conformity table is taken out of an example, the year converted to a
workbook by `bilancio convert`, and the warning must name the item's sheet and the cell to
write in, without YAML syntax or dotted field paths.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import bilancio
from bilancio.cli import _registra, app
from bilancio.conformita import VOCI_DM, VoceDM
from bilancio.conversione import yaml_anno
from bilancio.errori import Problema
from bilancio.lettura import leggi
from bilancio.modello import Anno
from conftest import ESEMPI

_registra()

# the sheet of each section's items, as the workbook's Istruzioni list them
FOGLIO = {
    "1": "Anno",
    "2": "Ente",
    "3.1": "Soci",
    "3": "Governo",
    "4": "Persone",
    "5": "Attività e beneficiari",
    "6": "Economia",
    "7": "Altre informazioni",
    "8": "Altre informazioni",
}
ASSENTE = "Voce non presente: motivo"

# what a workbook user must never be shown: YAML syntax, dotted field paths, key names
YAML = re.compile(r"\{|\}|non_presente|[a-z_]+\.[a-z_]+|«[a-z_]+»|«[a-z_]+:")


def foglio_di(voce: VoceDM) -> str:
    return FOGLIO.get(voce.codice) or FOGLIO[voce.codice.split(".")[0]]


def senza_yaml(testo: str) -> None:
    trovato = YAML.search(testo.replace("d.lgs.", "dlgs"))
    assert trovato is None, f"{trovato.group(0)!r} in: {testo}"


def _dati(percorso: Path) -> dict[str, Any]:
    letto = leggi(percorso, percorso.name)
    assert letto.leggibile and isinstance(letto.dati, dict)
    return letto.dati


@pytest.fixture(scope="module")
def arcobaleno() -> dict[str, Any]:
    """Arcobaleno's 2025 (it states every item), with its entity inside the year."""
    dati = _dati(ESEMPI / "arcobaleno" / "2025.yaml")
    dati["ente"] = _dati(ESEMPI / "arcobaleno" / "ente.yaml")
    return dati


def _senza(dati: dict[str, Any], voce: VoceDM) -> dict[str, Any]:
    import copy

    dati = copy.deepcopy(dati)
    percorso = ("ente", *voce.percorso) if voce.ente else voce.percorso
    nodo = dati
    for parte in percorso[:-1]:
        nodo = nodo[parte]
    del nodo[percorso[-1]]
    return dati


def _cartella(tmp_path: Path, dati: dict[str, Any]) -> Path:
    sorgente = tmp_path / "sorgente.yaml"
    sorgente.write_text(yaml_anno(Anno.model_validate(dati)), encoding="utf-8")
    cartella = tmp_path / "coop"
    cartella.mkdir()
    r = CliRunner().invoke(app, ["convert", str(sorgente), str(cartella / "2025.xlsx")])
    assert r.exit_code == 0, r.output
    return cartella


def _riga(ws: Any, etichetta: str, dopo: int = 0) -> int:
    """The row whose label (column A) is ``etichetta`` (its unit and asterisk aside)."""
    for r in range(dopo + 1, ws.max_row + 1):
        v = ws.cell(r, 1).value
        if isinstance(v, str) and re.sub(r" \((€|%)\)$", "", v.rstrip(" *")) == etichetta:
            return r
    raise AssertionError(f"nessuna riga «{etichetta}» nel foglio {ws.title}")


def _titolo(voce: VoceDM) -> str:
    """The field's title in the model: the row's label, or the heading of its part or table."""
    from bilancio.foglio.layout import titolo_campo
    from bilancio.modello import Ente
    from bilancio.modello.annotazioni import percorre

    *_, (nome, _, info) = percorre(Ente if voce.ente else Anno, voce.percorso)
    titolo = titolo_campo(nome, info)
    return titolo.split(". ", 1)[-1] if titolo[:1].isdigit() else titolo


def _da_compilare(ws: Any, r: int) -> bool:
    """Is the cell an input cell (yellow)?"""
    return str(ws.cell(r[0], r[1]).fill.fgColor.rgb).endswith("FFF8DC")


def _obbligatoria(voce: VoceDM, dati: dict[str, Any]) -> bool:
    try:
        Anno.model_validate(_senza(dati, voce))
    except ValueError:
        return True
    return False


@pytest.mark.parametrize("voce", VOCI_DM, ids=lambda v: v.codice)
def test_a_missing_item_is_placed_at_its_cell_in_workbook_words(
    voce: VoceDM, arcobaleno: dict[str, Any], tmp_path: Path
) -> None:
    foglio = foglio_di(voce)
    titolo = _titolo(voce)
    if _obbligatoria(voce, arcobaleno):
        # the model requires it: the workbook is converted whole and the cell emptied
        cartella = _cartella(tmp_path, arcobaleno)
        wb = openpyxl.load_workbook(cartella / "2025.xlsx")
        ws = wb[foglio]
        r = _riga(ws, titolo)
        righe = [r]
        if not _da_compilare(ws, (r, 2)):  # a part: every row of it emptied
            righe = list(
                range(
                    r + 1,
                    next(x for x in range(r + 1, ws.max_row + 2) if ws.cell(x, 1).value is None),
                )
            )
        for riga in righe:
            ws.cell(riga, 2).value = None
        wb.save(cartella / "2025.xlsx")
        errori = bilancio.check(cartella).errori
        assert errori
        for p in errori:
            assert p.posizione and p.posizione.foglio == foglio, p.dove
            assert p.posizione.cella in {f"B{x}" for x in righe}, (p.dove, p.messaggio)
            senza_yaml(_stampato(p))
        return
    cartella = _cartella(tmp_path, _senza(arcobaleno, voce))
    rapporto = bilancio.check(cartella)
    ws = openpyxl.load_workbook(cartella / "2025.xlsx")[foglio]
    (p,) = [p for p in rapporto.problemi if f"Voce {voce.codice} " in p.messaggio]
    assert p.codice == "CONFORMITA"
    assert p.posizione is not None and p.posizione.foglio == foglio, p.dove
    r = _riga(ws, titolo)
    if not _da_compilare(ws, (r, 2)):
        # a part or a table: its first cell to fill, and the reason's row below its heading
        assert p.posizione.cella and int(p.posizione.cella[1:]) > r, p.dove
        assert _da_compilare(ws, (int(p.posizione.cella[1:]), 1 + ord(p.posizione.cella[0]) - 65))
        if ws.cell(r + 1, 1).value == ASSENTE:
            assert int(p.posizione.cella[1:]) > r + 1, p.dove
            assert f"{foglio}!B{r + 1}" in p.messaggio, p.messaggio
    else:  # a row of a form: the value in B, the reason (if it may be absent) in C
        assert p.posizione.cella == f"B{r}", p.dove
        assert f"{foglio}!B{r}" in p.messaggio
        if _da_compilare(ws, (r, 3)):  # an item that may be declared absent
            assert f"{foglio}!C{r}" in p.messaggio, p.messaggio
    senza_yaml(_stampato(p))


def _stampato(p: Problema) -> str:
    """What the message says of its own (the value found is the user's, quoted as typed)."""
    return f"{p.messaggio} {p.atteso or ''}"


# --- drop-downs -----------------------------------------------------------------------------


def _completo(tmp_path: Path) -> tuple[Path, Any]:
    from conftest import xlsx_completo

    percorso = tmp_path / "coop" / "2025.xlsx"
    percorso.parent.mkdir()
    percorso.write_bytes(xlsx_completo())
    return percorso, openpyxl.load_workbook(percorso)


def test_a_misspelled_drop_down_value_gets_the_nearest_choice(tmp_path: Path) -> None:
    percorso, wb = _completo(tmp_path)
    ws = wb["Ente"]
    r = _riga(ws, "Forma giuridica")
    ws.cell(r, 2).value = "cooperativa socilae"
    wb.save(percorso)
    (p,) = bilancio.check(percorso.parent).errori
    assert p.posizione and (p.posizione.foglio, p.posizione.cella) == ("Ente", f"B{r}")
    assert "Forse intendevi «Cooperativa sociale»?" in p.messaggio, p.messaggio
    assert (p.atteso or "").startswith("una voce dell'elenco a discesa: ")
    senza_yaml(_stampato(p))


def test_a_misspelled_category_of_a_table_gets_the_nearest_choice(tmp_path: Path) -> None:
    percorso, wb = _completo(tmp_path)
    ws = wb["Attività e beneficiari"]
    titolo = "Servizi, aree e progetti › Beneficiari diretti per categoria"
    r = _riga(ws, titolo) + 1
    colonna = next(c for c in range(1, 10) if ws.cell(r, c).value == "Categoria di beneficiari")
    ws.cell(r + 1, colonna).value = "Minorri"
    wb.save(percorso)
    (p,) = bilancio.check(percorso.parent).errori
    assert "Forse intendevi «Minori»?" in p.messaggio, p.messaggio
    senza_yaml(_stampato(p))


def test_yaml_drop_down_values_get_the_nearest_value_too(tmp_path: Path) -> None:
    from conftest import scrivi_coop

    cartella = scrivi_coop(
        tmp_path / "coop",
        {"anno": 2025},
        ente={
            "denominazione": "Prova",
            "codice_fiscale": "97162980151",
            "forma_giuridica": "cooperativa socilae",
            "tipo": "A",
        },
    )
    (p,) = bilancio.check(cartella).errori
    assert "Forse intendevi «cooperativa sociale»?" in p.messaggio, p.messaggio


def test_a_structure_error_in_a_workbook_speaks_of_cells(tmp_path: Path) -> None:
    percorso, wb = _completo(tmp_path)
    ws = wb["Soci"]
    r = _riga(ws, "Soci cooperatori lavoratori")
    ws.cell(r, 2).value = "centodue"
    ws = wb["Governo"]
    intestazione = _riga(ws, "Consiglio di amministrazione › Componenti") + 1
    assert ws.cell(intestazione, 1).value == "Nome e cognome"
    ws.cell(intestazione + 1, 1).value = None  # a board member without a name
    wb.save(percorso)
    errori = {p.posizione.foglio: p for p in bilancio.check(percorso.parent).errori if p.posizione}
    soci, governo = errori["Soci"], errori["Governo"]
    assert soci.messaggio.startswith("«Soci cooperatori lavoratori»: atteso un numero intero")
    assert soci.posizione and soci.posizione.cella == f"B{r}"
    assert governo.messaggio.startswith("Manca «Nome e cognome», obbligatorio: scriverlo nella")
    assert f"riga {intestazione + 1}" in governo.messaggio
    for p in errori.values():
        senza_yaml(_stampato(p))
    uscita = CliRunner().invoke(app, ["check", str(percorso.parent)]).output
    assert f"Soci!B{r}" in uscita and "governo." not in uscita


@pytest.mark.parametrize("esempio", ["cosper", "cipm"])  # the examples with problems
def test_every_message_about_a_workbook_is_in_its_words(esempio: str, tmp_path: Path) -> None:
    """An example converted to a workbook: whatever check says of it names no YAML key."""
    import shutil

    cartella = tmp_path / esempio
    shutil.copytree(ESEMPI / esempio, cartella)
    for anno in sorted(cartella.glob("[0-9][0-9][0-9][0-9].yaml")):
        r = CliRunner().invoke(app, ["convert", str(anno), str(anno.with_suffix(".xlsx"))])
        assert r.exit_code == 0, r.output
        anno.unlink()
    rapporto = bilancio.check(cartella)
    nel_foglio = [p for p in rapporto.problemi if p.posizione and p.posizione.foglio]
    assert nel_foglio
    for p in nel_foglio:
        senza_yaml(_stampato(p))
    uscita = CliRunner().invoke(app, ["check", str(cartella)]).output
    for riga in uscita.splitlines():
        if ".xlsx — " in riga:
            senza_yaml(riga.split(".xlsx — ", 1)[1])
