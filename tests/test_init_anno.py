"""`bilancio init CARTELLA --year 2026`: the next year started from the previous one."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from typer.testing import CliRunner

import bilancio
from bilancio.cli import app
from bilancio.conversione import converti, leggi_anno
from bilancio.lettura import leggi
from bilancio.validazione import campo
from conftest import ESEMPI

runner = CliRunner()

# numbers of a year file that are not figures: the year, a stakeholder's level (a choice 1-5)
NON_CIFRE = {"anno", "intensita"}


def _init(*args: str) -> Any:
    return runner.invoke(app, ["init", *args], terminal_width=200)


def _cifre(dati: Any, percorso: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every number of ``dati`` that is a figure."""
    if isinstance(dati, dict):
        return [p for k, v in dati.items() for p in _cifre(v, (*percorso, k))]
    if isinstance(dati, list):
        return [p for i, v in enumerate(dati) for p in _cifre(v, (*percorso, i))]
    numero = isinstance(dati, (int, float, Decimal)) and not isinstance(dati, bool)
    return [percorso] if numero and percorso[-1] not in NON_CIFRE else []


def _vuote(dati: Any, percorso: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(dati, dict):
        return [p for k, v in dati.items() for p in _vuote(v, (*percorso, k))]
    if isinstance(dati, list):
        return [p for i, v in enumerate(dati) for p in _vuote(v, (*percorso, i))]
    return [percorso] if dati is None else []


def _imposta(dati: Any, percorso: tuple[Any, ...], valore: Any) -> None:
    for chiave in percorso[:-1]:
        dati = dati[chiave]
    dati[percorso[-1]] = valore


def _arcobaleno(tmp_path: Path) -> Path:
    cartella = tmp_path / "arcobaleno"
    shutil.copytree(ESEMPI / "arcobaleno", cartella)
    return cartella


def _portato(vecchio: Any, nuovo: dict[str, Any]) -> None:
    """What rarely changes is there, as it was: board, stakeholders, services, CCNL, standards."""
    g_vecchio, g_nuovo = vecchio.governo, nuovo["governo"]
    assert [a.nome for a in g_vecchio.consiglio_amministrazione.componenti] == [
        a["nome"] for a in g_nuovo["consiglio_amministrazione"]["componenti"]
    ]
    assert [s.tipologia for s in g_vecchio.stakeholder] == [
        s["tipologia"] for s in g_nuovo["stakeholder"]
    ]
    servizi = nuovo["attivita"]["servizi"]
    assert [(s.nome, s.descrizione) for s in vecchio.attivita.servizi] == [
        (s["nome"], s.get("descrizione")) for s in servizi
    ]
    assert nuovo["persone"]["contratto_collettivo"] == vecchio.persone.contratto_collettivo
    assert nuovo["metodologia"]["standard"] == vecchio.metodologia.standard
    # the year's events start blank
    assert "assemblee" not in g_nuovo and "formazione" not in nuovo["persone"]
    assert "approvazione" not in nuovo["metodologia"] and "anni_precedenti" not in nuovo


def test_init_year_in_a_yaml_folder_starts_from_the_previous_year(tmp_path: Path) -> None:
    cartella = _arcobaleno(tmp_path)
    prima = (cartella / "2025.yaml").read_bytes()
    r = _init(str(cartella), "--year", "2026")
    assert r.exit_code == 0, r.output
    assert "Avviato dal 2025.yaml" in r.output
    assert sorted(p.name for p in cartella.iterdir()) == [
        "2024.yaml",
        "2025.yaml",
        "2026.yaml",
        "ente.yaml",
    ]
    assert (cartella / "2025.yaml").read_bytes() == prima  # last year stays, for the deltas
    testo = (cartella / "2026.yaml").read_text(encoding="utf-8")
    nuovo = yaml.safe_load(testo)
    assert nuovo["anno"] == 2026
    vecchio = leggi_anno(cartella / "2025.yaml")
    _portato(vecchio, nuovo)
    # every figure is empty, and every figure of last year's carried parts is there, empty
    assert _cifre(nuovo) == []
    assert "lavoratori:\n" in testo  # an empty value, not «null» or 0
    assert ("governo", "soci", "lavoratori") in _vuote(nuovo)
    # the comments say what was carried over and what to do
    intestazione = testo.split("\nanno: 2026")[0]
    assert "# Bilancio sociale 2026, avviato dal 2025.yaml" in intestazione
    assert "consiglio di amministrazione" in intestazione and "CCNL" in intestazione
    assert "Cifre svuotate" in intestazione and "bilancio check CARTELLA" in intestazione


def test_check_names_exactly_the_figures_to_fill(tmp_path: Path) -> None:
    cartella = _arcobaleno(tmp_path)
    assert _init(str(cartella), "--year", "2026").exit_code == 0
    file = cartella / "2026.yaml"
    nuovo = yaml.safe_load(file.read_text(encoding="utf-8"))
    vuote = {campo(p): p for p in _vuote(nuovo)}
    # round one: the figures the structure requires, each located and found empty
    rapporto = bilancio.check(cartella)
    assert rapporto.anno == 2026 and not rapporto.valido
    assert {p.codice for p in rapporto.errori} == {"SCHEMA"}
    assert {p.trovato for p in rapporto.errori} == {"vuoto"}
    richieste = {p.campo for p in rapporto.errori}
    assert richieste <= set(vuote)
    assert all(p.dove.startswith(f"{file}:") for p in rapporto.errori)
    # round two, those filled: every other emptied figure is named, none more
    for nome in richieste:
        _imposta(nuovo, vuote[nome], 1)
    file.write_text(yaml.safe_dump(nuovo, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rapporto = bilancio.check(cartella)
    assert not [p for p in rapporto.errori if p.codice == "SCHEMA"]
    nominate = {p.campo for p in rapporto.avvisi if p.codice == "CIFRA-VUOTA"}
    assert nominate == set(vuote) - richieste
    assert "governo.soci.lavoratori" in nominate
    soci = next(p for p in rapporto.avvisi if p.campo == "governo.soci.lavoratori")
    assert "nel 2025 era 14" in soci.messaggio and "togliere la riga" in soci.messaggio
    # last year's figures are there for the deltas
    assert rapporto.calcolo is not None and rapporto.calcolo.precedente == 2025
    # a figure taken out (unknown) is no longer asked for
    del nuovo["governo"]["soci"]["lavoratori"]
    file.write_text(yaml.safe_dump(nuovo, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rapporto = bilancio.check(cartella)
    assert "governo.soci.lavoratori" not in {p.campo for p in rapporto.avvisi}


def test_init_year_in_a_workbook_folder_writes_a_workbook(tmp_path: Path) -> None:
    cartella = tmp_path / "coop"
    cartella.mkdir()
    shutil.copy(ESEMPI / "arcobaleno" / "ente.yaml", cartella / "ente.yaml")
    converti(ESEMPI / "arcobaleno" / "2025.yaml", cartella / "2025.xlsx")
    r = _init(str(cartella), "--year", "2026")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in cartella.iterdir()) == ["2025.xlsx", "2026.xlsx", "ente.yaml"]
    letto = leggi(cartella / "2026.xlsx", "2026.xlsx")
    nuovo = letto.dati
    assert isinstance(nuovo, dict) and nuovo["anno"] == 2026
    _portato(leggi_anno(cartella / "2025.xlsx"), nuovo)
    assert _cifre(nuovo) == []
    # the Istruzioni sheet says what was carried over
    istruzioni = [
        c.value
        for c in openpyxl.load_workbook(cartella / "2026.xlsx")["Istruzioni"]["A"]
        if c.value
    ]
    assert "Ripreso dall'anno precedente" in istruzioni
    testo = "\n".join(istruzioni)
    assert "avviato dal 2025.xlsx" in testo and "consiglio di amministrazione" in testo
    # check names each figure the structure needs, at its cell
    rapporto = bilancio.check(cartella)
    assert rapporto.anno == 2026
    assert {p.codice for p in rapporto.errori} == {"SCHEMA"}
    # an empty cell is a value not given: found empty, or a required field missing
    assert all(p.trovato == "vuoto" or p.messaggio.startswith("Manca «") for p in rapporto.errori)
    assert all("2026.xlsx — " in p.dove and "!" in p.dove for p in rapporto.errori)
    assert "persone.volontari.numero" in {p.campo for p in rapporto.errori}


def test_rerunning_init_on_an_existing_year_suggests_year(tmp_path: Path) -> None:
    cartella = _arcobaleno(tmp_path)
    prima = (cartella / "2025.yaml").read_bytes()
    r = _init(str(cartella), "--year", "2025")
    assert r.exit_code == 2
    assert "c'è già 2025.yaml" in r.output and "--year 2026" in r.output
    assert (cartella / "2025.yaml").read_bytes() == prima


def test_a_previous_year_with_errors_stops_init_and_writes_nothing(tmp_path: Path) -> None:
    cartella = _arcobaleno(tmp_path)
    (cartella / "2025.yaml").write_text("anno: 2025\ngoverno: {soci: {lavoratori: tre}}\n")
    r = _init(str(cartella), "--year", "2026")
    assert r.exit_code == 1
    assert "governo.soci.lavoratori" in r.output and "Nessun file scritto" in r.output
    assert not (cartella / "2026.yaml").exists()


def test_a_workbook_with_its_ente_sheet_carries_the_entity_over(tmp_path: Path) -> None:
    from bilancio.conversione import dati_impostati
    from bilancio.foglio.cartella import cartella_bytes

    caricato = bilancio.load(ESEMPI / "arcobaleno")
    dati = dati_impostati(caricato.anno)
    dati["ente"] = caricato.ente.model_dump(mode="python", exclude_unset=True)
    cartella = tmp_path / "coop"
    cartella.mkdir()
    (cartella / "2025.xlsx").write_bytes(cartella_bytes(dati, 2025))
    assert _init(str(cartella), "--year", "2026").exit_code == 0
    prima = leggi(cartella / "2025.xlsx", "2025.xlsx").dati
    dopo = leggi(cartella / "2026.xlsx", "2026.xlsx").dati
    assert isinstance(prima, dict) and isinstance(dopo, dict)
    assert dopo["ente"] == prima["ente"]  # every field, the year of joining a network included
    assert "ente.yaml" not in {p.name for p in cartella.iterdir()}


def test_cleared_figures_are_unknown_not_zero(tmp_path: Path) -> None:
    # education levels, reimbursements and revenue parts by kind used to default to 0: a
    # cleared one must now read as unknown (None), be asked for, and never print as 0
    cartella = _arcobaleno(tmp_path)
    assert _init(str(cartella), "--year", "2026").exit_code == 0
    file = cartella / "2026.yaml"
    nuovo = yaml.safe_load(file.read_text(encoding="utf-8"))
    vuote = {campo(p): p for p in _vuote(nuovo)}
    for p in bilancio.check(cartella).errori:
        _imposta(nuovo, vuote[p.campo], 1)
    file.write_text(yaml.safe_dump(nuovo, allow_unicode=True, sort_keys=False), encoding="utf-8")
    anno = leggi_anno(file)
    assert anno.persone is not None
    istruzione, rimborsi = anno.persone.istruzione, anno.persone.rimborsi_volontari
    assert istruzione is not None and istruzione.laurea_magistrale is None
    assert istruzione.somma is None and istruzione.livelli == {}
    assert rimborsi is not None and rimborsi.importo_totale is None
    assert anno.economia is not None
    riga = anno.economia.ricavi_per_tipologia[0]
    assert riga.pubblico is None and riga.privato is None and riga.importo is None
    nominate = {p.campo for p in bilancio.check(cartella).avvisi if p.codice == "CIFRA-VUOTA"}
    assert {
        "persone.istruzione.laurea_magistrale",
        "persone.rimborsi_volontari.importo_totale",
        "economia.ricavi_per_tipologia[1].pubblico",  # counted from 1
    } <= nominate
