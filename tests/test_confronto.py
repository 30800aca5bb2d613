"""`bilancio diff` an accountant signs: one pipeline, every year, one row per figure, the
change of sign, removed items with what they carried, the CI gate and its exit codes, exact
JSON, unknown figures with their reason."""

from __future__ import annotations

import ast
import copy
import csv
import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import bilancio
import bilancio.caricamento
import bilancio.controllo
import bilancio.variazioni
from bilancio.calcolo import calcola
from bilancio.calcolo.cifre import Cifra, ignota, nota
from bilancio.calcolo.confronti import PercentualeNonDefinita
from bilancio.cli import _registra, app
from bilancio.confronto import andamento_da_disco, diff
from bilancio.esporta import BOM, andamento_csv, andamento_markdown, come_csv, come_markdown
from bilancio.modello import Anno
from bilancio.variazioni import Cancello, Confronto, Sezione, Unita, confronta, riga_da_cifre
from conftest import ESEMPI
from test_diff import ANNO_2024, ANNO_2025, anni, scrivi_anni

_registra()
runner = CliRunner()


def invoca(*argomenti: str | Path):
    return runner.invoke(app, [str(a) for a in argomenti])


@pytest.fixture
def cartella(tmp_path: Path) -> Path:
    return scrivi_anni(tmp_path / "coop", ANNO_2024, ANNO_2025)


def _csv(testo: str, dialetto: str = "italiano") -> list[dict[str, str]]:
    testo = testo.removeprefix(BOM)
    righe = list(csv.reader(io.StringIO(testo), delimiter=";" if dialetto == "italiano" else ","))
    return [dict(zip(righe[0], r, strict=True)) for r in righe[1:]]


# --- 1. one pipeline: the engine is pure, loading is check's ------------------------------------


def test_the_engine_opens_no_file_and_runs_no_rule() -> None:
    sorgente = Path(bilancio.variazioni.__file__).read_text(encoding="utf-8")
    importati = {
        n.module
        for n in ast.walk(ast.parse(sorgente))
        if isinstance(n, ast.ImportFrom) and n.module
    }
    assert not importati & {"caricamento", "lettura", "regole", "validazione", "controllo"}
    assert "open(" not in sorgente and "read_text" not in sorgente


def test_diff_loads_checks_and_computes_each_side_once(
    cartella: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conta: Counter[str] = Counter()

    def contando(nome: str, funzione: Any) -> Any:
        def involucro(*args: Any, **kwargs: Any) -> Any:
            conta[nome] += 1
            return funzione(*args, **kwargs)

        return involucro

    letti: Counter[str] = Counter()
    leggi = bilancio.caricamento.leggi

    def leggi_contando(percorso: Path, *args: Any, **kwargs: Any) -> Any:
        letti[Path(percorso).name] += 1
        return leggi(percorso, *args, **kwargs)

    monkeypatch.setattr(bilancio.caricamento, "leggi", leggi_contando)
    monkeypatch.setattr(
        bilancio.controllo, "applica", contando("regole", bilancio.controllo.applica)
    )
    monkeypatch.setattr(
        bilancio.controllo, "calcola", contando("calcolo", bilancio.controllo.calcola)
    )
    diff(cartella)
    assert conta == {"regole": 1, "calcolo": 1}
    assert letti == {"ente.yaml": 1, "2024.yaml": 1, "2025.yaml": 1}

    conta.clear(), letti.clear()
    altrove = cartella.parent / "bozza"
    altrove.mkdir()
    (altrove / "2024.yaml").write_text((cartella / "2024.yaml").read_text(encoding="utf-8"))
    c = diff(altrove / "2024.yaml", nuovo=cartella / "2025.yaml")
    assert conta == {"regole": 2, "calcolo": 2}  # one per side, the draft with the other's entity
    assert letti["2024.yaml"] == 2 and letti["2025.yaml"] == 1  # the draft, and 2025's earlier year
    assert c.denominazione is not None


def test_service_rows_come_from_the_compute_step(cartella: Path) -> None:
    c = diff(cartella)
    calcolo = calcola(bilancio.load(cartella))
    centro = calcolo.anni[2025].servizi[0]
    assert centro.nome == "Centro diurno"
    riga = c.riga("attivita.servizi[Centro diurno].beneficiari_totali")
    assert riga.nuovo == centro.beneficiari.valore == 22
    ore = c.riga("attivita.servizi[Centro diurno].ore_per_beneficiario")
    assert ore.nuovo == centro.ore_per_beneficiario.valore


def test_the_old_import_paths_keep_working() -> None:
    assert diff is bilancio.variazioni.diff  # the public bilancio.diff wraps it (English keywords)
    assert bilancio.diff(ESEMPI / "cipm").righe == diff(ESEMPI / "cipm").righe
    assert bilancio.variazioni.come_csv is come_csv
    with pytest.raises(AttributeError):
        _ = bilancio.variazioni.non_esiste


# --- 2. every year available, not only consecutive ones ------------------------------------------


def _non_consecutivi(tmp_path: Path) -> Path:
    """A 2023 file whose anni_precedenti give 2022 (partial) and 2020."""
    anno = {
        "anno": 2023,
        "persone": {"lavoratori": {"dipendenti": {"numero": 40}, "autonomi": {"numero": 5}}},
        "economia": {"valore_produzione": 1200000, "costo_personale": 800000},
        "anni_precedenti": {
            2022: {
                "persone": {"lavoratori": {"autonomi": {"numero": 4}}},
                "economia": {"valore_produzione": 1100000},
            },
            2020: {
                "persone": {
                    "lavoratori": {"dipendenti": {"numero": 30}, "autonomi": {"numero": 3}}
                },
                "economia": {"valore_produzione": 900000, "costo_personale": 600000},
            },
        },
    }
    return scrivi_anni(tmp_path / "nc", anno)


def test_an_earlier_year_that_is_not_consecutive_is_compared_not_dropped(tmp_path: Path) -> None:
    cartella = _non_consecutivi(tmp_path)
    assert diff(cartella).anno_vecchio == 2022  # the latest earlier year, by default
    c = diff(cartella, da=2020)
    assert (c.anno_vecchio, c.anno_nuovo) == (2020, 2023)
    assert c.riga("economia.valore_produzione").delta == 300000
    assert c.riga("indicatori.lavoratori_totale").delta == 12
    r = invoca("diff", cartella, "--from", "2020", "--format", "markdown")
    assert r.exit_code == 0, r.output
    assert "## Confronto 2020 → 2023" in r.stdout
    assert (
        "| **Valore della produzione** | **€ 900.000** | **€ 1.200.000** | **+€ 300.000** | **+33,33%** |"
        in r.stdout
    )


def test_the_whole_span_shows_every_year(tmp_path: Path) -> None:
    cartella = _non_consecutivi(tmp_path)
    a = andamento_da_disco(cartella)
    assert a.anni == [2020, 2022, 2023]
    vp = a.riga("valore_produzione")
    assert vp.valori == {2020: 900000, 2022: 1100000, 2023: 1200000}
    assert (vp.delta, vp.testo_delta_percentuale) == (300000, "+33,33%")
    totale = a.riga("lavoratori_totale")
    assert totale.valori[2022] is None
    assert totale.motivi[2022] == "manca il numero dei lavoratori dipendenti 2022"
    assert totale.delta == 12  # first and last are known: the span's change is
    assert andamento_da_disco(cartella, da=2022).anni == [2022, 2023]

    r = invoca("diff", cartella, "--andamento", "--format", "json")
    assert r.exit_code == 0, r.output
    dati = json.loads(r.stdout)
    assert dati["anni"] == [2020, 2022, 2023]
    riga = next(x for x in dati["righe"] if x["codice"] == "lavoratori_totale")
    assert riga["valori"] == {"2020": 33, "2022": None, "2023": 45}
    assert riga["motivi"] == {"2022": "manca il numero dei lavoratori dipendenti 2022"}
    tabella = invoca("diff", cartella, "--span")
    assert tabella.exit_code == 0 and "Var. 2020→2023" in tabella.stdout
    md = andamento_markdown(a)
    assert "| Voce | 2020 | 2022 | 2023 | Var. 2020→2023 | Var. % | Note |" in md
    assert "| **Lavoratori totali** | **33** | **n.d.** | **45** | **+12** | **+36,36%** |" in md
    righe = _csv(andamento_csv(a, "excel"), "excel")
    assert righe[0].keys() >= {"2020", "2022", "2023"}
    assert next(x for x in righe if x["codice"] == "valore_produzione")["2020"] == "900000"


def test_span_misuse_exits_two(tmp_path: Path, cartella: Path) -> None:
    assert invoca("diff", cartella, cartella, "--andamento").exit_code == 2
    r = invoca("diff", _non_consecutivi(tmp_path), "--andamento", "--from", "2021")
    assert r.exit_code == 2 and "Non ci sono dati per il 2021" in r.stderr
    r = invoca("diff", _non_consecutivi(tmp_path), "--andamento", "--from", "2023")
    assert r.exit_code == 2 and "almeno due anni" in r.stderr


# --- 3. a diff an accountant signs ----------------------------------------------------------------------


def _con_cambio_di_segno(tmp_path: Path) -> Path:
    vecchio, nuovo = copy.deepcopy(ANNO_2024), copy.deepcopy(ANNO_2025)
    vecchio["economia"]["risultato_esercizio"] = 12000
    nuovo["economia"]["risultato_esercizio"] = -3000
    return scrivi_anni(tmp_path / "segno", vecchio, nuovo)


def test_a_change_of_sign_reads_ns_in_every_format(tmp_path: Path) -> None:
    cartella = _con_cambio_di_segno(tmp_path)
    c = diff(cartella)
    r = c.riga("economia.risultato_esercizio")
    assert (r.delta, r.delta_percentuale) == (-15000, None)
    assert r.percentuale_non_definita is PercentualeNonDefinita.CAMBIO_SEGNO
    assert r.testo_delta_percentuale == "n.s." and r.oltre_soglia
    assert (
        "| **Risultato netto d'esercizio** | **€ 12.000** | **-€ 3.000** | **-€ 15.000** | **n.s.** |"
        in come_markdown(c)
    )
    riga_csv = next(x for x in _csv(come_csv(c)) if x["chiave"] == "economia.risultato_esercizio")
    assert riga_csv["variazione_percentuale"] == "n.s."
    dati = json.loads(invoca("diff", cartella, "--format", "json").stdout)
    riga_json = next(x for x in dati["righe"] if x["chiave"] == "economia.risultato_esercizio")
    assert riga_json["delta_percentuale"] is None
    assert riga_json["percentuale_non_definita"] == "cambio_segno"
    tabella = invoca("diff", cartella).stdout
    assert "-€ 15.000 │    n.s." in tabella


def test_a_figure_is_one_row_with_the_clearer_label(cartella: Path) -> None:
    c = diff(cartella)
    codici = [r.codice for r in c.righe if r.codice]
    assert len(codici) == len(set(codici))
    personale = c.riga("economia.costo_personale")
    assert personale.codice == "costo_lavoro" and personale.etichetta == "Costi del personale"
    assert c.riga("indicatori.costo_lavoro") is personale  # found under the catalogue's code too
    assert not [r for r in c.righe if r.etichetta == "Costo del lavoro"]
    servizi = c.riga("attivita.servizi.numero")
    assert servizi.codice == "servizi_numero" and servizi.etichetta == "Servizi e progetti"
    assert c.riga("indicatori.valore_produzione") is c.riga("economia.valore_produzione")


def test_labour_cost_beyond_the_personnel_costs_is_its_own_row(tmp_path: Path) -> None:
    vecchio, nuovo = copy.deepcopy(ANNO_2024), copy.deepcopy(ANNO_2025)
    for anno in (vecchio, nuovo):
        anno["economia"]["costo_lavoro_in_servizi"] = 4000
    c = diff(scrivi_anni(tmp_path / "c", vecchio, nuovo))
    assert c.riga("economia.costo_personale").codice is None
    assert c.riga("indicatori.costo_lavoro").nuovo == 70000


@pytest.mark.parametrize("nome", ["cosper", "cipm", "arcobaleno"])
def test_no_figure_appears_twice_in_the_examples(nome: str) -> None:
    if not (ESEMPI / nome).is_dir():
        pytest.skip(f"esempio {nome} non presente")
    c = diff(ESEMPI / nome)
    codici = [r.codice for r in c.righe if r.codice]
    assert len(codici) == len(set(codici))
    chiavi = [r.chiave for r in c.righe]
    assert len(chiavi) == len(set(chiavi))
    per_sezione = Counter((r.sezione.numero, r.etichetta) for r in c.righe)
    assert [k for k, n in per_sezione.items() if n > 1] == []


def test_a_title_under_two_parents_reads_with_its_parent(tmp_path: Path) -> None:
    vecchio, nuovo = copy.deepcopy(ANNO_2024), copy.deepcopy(ANNO_2025)
    for anno, eta in ((vecchio, 40), (nuovo, 41)):
        anno["persone"]["lavoratori"]["dipendenti"]["eta_media"] = eta
        anno["persone"]["lavoratori"]["autonomi"] = {"numero": 2, "eta_media": eta + 10}
    c = diff(scrivi_anni(tmp_path / "eta", vecchio, nuovo))
    etichette = [r.etichetta for r in c.righe if r.sezione.numero == 4]
    assert len(etichette) == len(set(etichette))
    assert c.riga("persone.lavoratori.dipendenti.eta_media").etichetta.startswith(
        "Lavoratori dipendenti, "
    )
    assert c.riga("persone.lavoratori.autonomi.eta_media").etichetta.startswith(
        "Lavoratori autonomi, "
    )


def test_zero_to_zero_is_unchanged_in_every_format(tmp_path: Path) -> None:
    vecchio, nuovo = copy.deepcopy(ANNO_2024), copy.deepcopy(ANNO_2025)
    nuovo["economia"]["costi_servizi"] = 0
    cartella = scrivi_anni(tmp_path / "zero", vecchio, nuovo)
    c = diff(cartella)
    r = c.riga("economia.costi_servizi")
    assert (r.vecchio, r.nuovo, r.stato, r.testo_delta) == (0, 0, "invariato", "invariato")
    assert r.note == [] and not r.oltre_soglia
    assert "| Costi per servizi | € 0 | € 0 | invariato | 0,00% |  |" in come_markdown(c)
    riga = next(x for x in _csv(come_csv(c)) if x["chiave"] == "economia.costi_servizi")
    assert (riga["variazione"], riga["variazione_percentuale"], riga["stato"]) == (
        "0",
        "0,00",
        "invariato",
    )
    dati = json.loads(invoca("diff", cartella, "--format", "json").stdout)
    riga_json = next(x for x in dati["righe"] if x["chiave"] == "economia.costi_servizi")
    assert (riga_json["delta"], riga_json["delta_percentuale"]) == (0, 0)
    assert riga_json["percentuale_non_definita"] is None and riga_json["motivo"] is None
    tabella = next(
        x for x in invoca("diff", cartella).stdout.splitlines() if "Costi per servizi" in x
    )
    for segno in ("n.d.", "n/d", "n.s."):
        assert segno not in tabella


def test_a_removed_service_names_what_it_carried(cartella: Path) -> None:
    c = diff(cartella)
    doposcuola = next(e for e in c.rimossi if e.nome == "Doposcuola")
    assert doposcuola.anno == 2024
    assert [(x.chiave, x.valore) for x in doposcuola.cifre] == [("beneficiari", 30)]
    centro = copy.deepcopy(ANNO_2025)
    centro["attivita"]["servizi"] = [centro["attivita"]["servizi"][1]]  # Centro diurno closes
    c2 = diff(scrivi_anni(cartella.parent / "chiuso", ANNO_2024, centro))
    chiuso = next(e for e in c2.rimossi if e.nome == "Centro diurno")
    assert chiuso.testo_cifre == "2024: beneficiari 20, ore 1.000"
    assert (
        "- Servizi, aree e progetti: «Centro diurno» (2024: beneficiari 20, ore 1.000)"
        in come_markdown(c2)
    )
    righe = {x["chiave"]: x for x in _csv(come_csv(c2))}
    assert righe["attivita.servizi[Centro diurno]"]["stato"] == "rimosso"
    assert righe["attivita.servizi[Centro diurno].ore"]["vecchio"] == "1000"
    assert righe["attivita.servizi[Centro diurno].beneficiari"]["vecchio"] == "20"
    dati = json.loads(c2.model_dump_json())
    assert {"chiave": "ore", "valore": 1000}.items() <= next(
        x
        for x in next(e for e in dati["rimossi"] if e["nome"] == "Centro diurno")["cifre"]
        if x["chiave"] == "ore"
    ).items()
    tabella = invoca("diff", cartella.parent / "chiuso").stdout
    assert "rimosso" in tabella and "beneficiari" in tabella  # the note column (wrapped)
    aggiunto = next(e for e in c.aggiunti if e.nome == "Housing sociale")
    assert aggiunto.testo_cifre == "2025: beneficiari 5"


def test_csv_keeps_the_section_order_and_excel_gets_a_bom(cartella: Path) -> None:
    c = diff(cartella)
    testo = come_csv(c, "excel")
    assert testo.startswith(BOM + "sezione,chiave,")
    assert not come_csv(c).startswith(BOM)
    righe = _csv(testo, "excel")
    numeri = [int(x["sezione"].split(".")[0]) for x in righe]
    assert numeri == sorted(numeri)
    chiavi = [x["chiave"] for x in righe]
    # the removed service sits in section 5, before section 6's rows
    assert chiavi.index("attivita.servizi[Doposcuola]") < chiavi.index("economia.valore_produzione")
    r = invoca("diff", cartella, "--format", "csv", "--csv-dialect", "excel")
    assert r.stdout.startswith(BOM)


# --- the CI gate: what trips it, and its exit code -------------------------------------------------------


def test_fail_over_limited_by_section(cartella: Path) -> None:
    assert invoca("diff", cartella, "--fail-over", "25").exit_code == 4  # riserve +40%
    # section 4 (persone) changes by 20% at most
    assert invoca("diff", cartella, "--fail-over", "25", "--sezione", "4").exit_code == 0
    assert invoca("diff", cartella, "--fail-over", "25", "--sezione", "persone").exit_code == 0
    assert invoca("diff", cartella, "--fail-over", "15", "--sezione", "4").exit_code == 4


def test_fail_over_limited_by_kind_and_minimum(cartella: Path) -> None:
    # money: the value of production changed by exactly € 10.000, the largest euro change
    euro = ("diff", cartella, "--fail-over", "0", "--tipo", "euro")
    assert invoca(*euro, "--minimo", "10000").exit_code == 4
    assert invoca(*euro, "--minimo", "10000,01").exit_code == 0
    # counts in section 4: men 5 -> 6 (+20%) is the largest change
    numeri = ("diff", cartella, "--tipo", "numero", "--sezione", "4")
    assert invoca(*numeri, "--fail-over", "20").exit_code == 0
    assert invoca(*numeri, "--fail-over", "19").exit_code == 4
    c = diff(cartella)
    righe, _ = c.superamenti(Cancello(soglia=Decimal(0), tipi={"percentuale"}))
    assert righe and all(r.unita is Unita.PERCENTUALE for r in righe)
    assert not [r for r in righe if r.chiave == "indicatori.peso_costo_lavoro"]  # 60% -> 60%


def test_an_added_or_removed_item_can_trip_the_gate(cartella: Path) -> None:
    base = ("diff", cartella, "--fail-over", "1000", "--sezione", "3")
    assert invoca(*base).exit_code == 0  # no change over 1000% in section 3
    r = invoca(*base, "--anche-elementi")
    assert r.exit_code == 4
    assert "Carla Verdi" in r.stderr and "Bruno Bianchi" in r.stderr
    assert "Doposcuola" not in r.stderr  # section 5


def test_gate_options_without_fail_over_are_a_usage_error(cartella: Path) -> None:
    for opzioni in (
        ("--sezione", "6"),
        ("--tipo", "euro"),
        ("--minimo", "5"),
        ("--anche-elementi",),
    ):
        r = invoca("diff", cartella, *opzioni)
        assert r.exit_code == 2, opzioni
    assert invoca("diff", cartella, "--fail-over", "5", "--sezione", "12").exit_code == 2
    assert invoca("diff", cartella, "--fail-over", "5", "--tipo", "soldi").exit_code == 2
    assert invoca("diff", cartella, "--fail-over", "5", "--minimo", "molto").exit_code == 2


def test_exit_codes_tell_invalid_data_from_threshold_exceeded(
    tmp_path: Path, cartella: Path
) -> None:
    assert invoca("diff", cartella).exit_code == 0
    assert invoca("diff", cartella, "--fail-over", "1").exit_code == 4
    rotta = scrivi_anni(tmp_path / "rotta", ANNO_2024)
    (rotta / "2025.yaml").write_text(
        "anno: 2025\neconomia:\n  valore_produzione: -1\n", encoding="utf-8"
    )
    # invalid data: 1, like check and build, even with a gate that would trip
    assert (
        invoca("diff", rotta, "--fail-over", "1").exit_code == 1 == invoca("check", rotta).exit_code
    )
    (rotta / "2025.yaml").write_text(
        "anno: 2025\neconomia: {valore_produzione: 3\n", encoding="utf-8"
    )
    assert invoca("diff", rotta).exit_code == 2 == invoca("check", rotta).exit_code  # unreadable
    assert invoca("diff", tmp_path / "manca").exit_code == 2


def test_readme_documents_one_exit_code_per_kind() -> None:
    readme = (ESEMPI.parents[1] / "README.md").read_text(encoding="utf-8")
    sezione = readme.split("## `bilancio diff`", 1)[1].split("\n## ", 1)[0]
    for testo in (
        "`4`",
        "--sezione",
        "--tipo",
        "--minimo",
        "--anche-elementi",
        "--andamento",
        "BOM",
    ):
        assert testo in sezione, testo
    assert "| `4` |" in readme  # the table of exit codes shared by every command


# --- 4 and 5. JSON numbers as printed; unknown figures with their reason -----------------------------


def _decimali(x: Decimal) -> int:
    return max(0, -x.as_tuple().exponent)  # type: ignore[operator]


@pytest.mark.parametrize("nome", ["cosper", "cipm"])
def test_json_numbers_are_rounded_as_printed(nome: str) -> None:
    if not (ESEMPI / nome).is_dir():
        pytest.skip(f"esempio {nome} non presente")
    r = invoca("diff", ESEMPI / nome, "--format", "json")
    assert r.exit_code == 0, r.output
    dati = json.loads(r.stdout, parse_float=Decimal)
    for riga in dati["righe"]:
        for campo in ("vecchio", "nuovo", "delta"):
            if isinstance(riga[campo], Decimal):
                assert _decimali(riga[campo]) <= riga["decimali"], (riga["chiave"], riga[campo])
        if isinstance(riga["delta_percentuale"], Decimal):
            assert _decimali(riga["delta_percentuale"]) <= 2
    if nome == "cosper":
        assert '"delta_percentuale": 5.04,' in r.stdout  # the value of production, as printed


def test_unknown_figures_carry_their_reason(tmp_path: Path) -> None:
    cartella = _non_consecutivi(tmp_path)
    dati = json.loads(invoca("diff", cartella, "--format", "json").stdout)
    totale = next(x for x in dati["righe"] if x["chiave"] == "indicatori.lavoratori_totale")
    assert totale["vecchio"] is None and totale["nuovo"] == 45
    assert totale["motivo"] == "manca il numero dei lavoratori dipendenti 2022"
    assert totale["percentuale_non_definita"] == "dato_mancante"
    md = invoca("diff", cartella, "--format", "markdown").stdout
    assert (
        "| Lavoratori totali | n.d. | 45 | n.d. | n.d. | manca il numero dei lavoratori dipendenti 2022 |"
        in md
    )
    tabella = invoca("diff", cartella).stdout
    assert "manca il numero" in tabella  # the note column (wrapped by the terminal)
    riga = next(
        x
        for x in _csv(invoca("diff", cartella, "--format", "csv").stdout)
        if x["chiave"] == "indicatori.lavoratori_totale"
    )
    assert (riga["vecchio"], riga["note"]) == (
        "n.d.",
        "manca il numero dei lavoratori dipendenti 2022",
    )


# --- properties ---------------------------------------------------------------------------------------

PROPRIETA = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
SEZIONE = Sezione(numero=6, titolo="Situazione economico-finanziaria")
valori = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    ),
)
cifre = st.one_of(valori.map(nota), st.just(ignota("manca il dato di prova")))


@PROPRIETA
@given(cifre, cifre)
def test_a_change_follows_the_sign_and_is_undefined_from_zero(vecchio: Cifra, nuovo: Cifra) -> None:
    r = riga_da_cifre(SEZIONE, "x", "X", Unita.EURO, vecchio, nuovo, 2024, 2025, decimali=2)
    if not (vecchio.nota and nuovo.nota):
        assert r.delta is None and r.stato == "non confrontabile"
        assert r.motivo == "manca il dato di prova" and r.testo_delta_percentuale == "n.d."
        return
    assert r.vecchio + r.delta == r.nuovo
    if r.delta_percentuale is not None:
        assert (r.delta_percentuale > 0) == (r.delta > 0)
        assert (r.delta_percentuale < 0) == (r.delta < 0)
    elif r.vecchio == 0:
        assert r.percentuale_non_definita is PercentualeNonDefinita.DA_ZERO
        assert r.testo_delta_percentuale == "n.s." and r.supera(10**6)  # always worth a look
    else:
        assert r.percentuale_non_definita is PercentualeNonDefinita.CAMBIO_SEGNO
        assert (r.vecchio > 0) != (r.nuovo > 0) and r.testo_delta_percentuale == "n.s."


def _numeri_scritti(dati: dict[str, Any]) -> set[str]:
    """Keys of the scalar figures a generated year writes (members, top-level economy)."""
    out = {f"governo.soci.{k}" for k in dati.get("governo", {}).get("soci", {})}
    out |= {f"economia.{k}" for k, v in dati.get("economia", {}).items() if not isinstance(v, dict)}
    return out


@PROPRIETA
@given(anni(2024), anni(2025))
def test_every_figure_written_in_both_years_is_a_row(
    vecchi: dict[str, Any], nuovi: dict[str, Any]
) -> None:
    c = confronta(Anno.model_validate(vecchi), Anno.model_validate(nuovi), 2024, 2025)
    indice = c.indice()
    for chiave in _numeri_scritti(vecchi) & _numeri_scritti(nuovi):
        assert chiave in indice, chiave
        assert indice[chiave].stato != "non confrontabile"
    entrambe = {s for s in ("governo", "economia") if s in vecchi and s in nuovi}
    for chiave in _numeri_scritti(vecchi) ^ _numeri_scritti(nuovi):
        if chiave.split(".")[0] in entrambe:  # a section missing in a year is one warning
            assert indice[chiave].stato == "non confrontabile" and indice[chiave].motivo
    codici = [r.codice for r in c.righe if r.codice]
    assert len(codici) == len(set(codici))
    for r in c.righe:
        if r.delta is not None:
            assert r.vecchio + r.delta == r.nuovo
            if r.delta_percentuale is not None:
                assert (r.delta_percentuale > 0) == (r.delta > 0)


@settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(anni(2023), anni(2024), anni(2025))
def test_the_span_matches_the_two_year_comparisons(
    primo: dict[str, Any], medio: dict[str, Any], ultimo: dict[str, Any]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as radice:
        cartella = scrivi_anni(Path(radice) / "c", primo, medio, ultimo)
        a = andamento_da_disco(cartella)
        c = diff(cartella, da=2023)
    assert a.anni == [2023, 2024, 2025]
    indice = c.indice()
    for r in a.righe:
        gemella = indice.get(f"indicatori.{r.codice}")
        if gemella is not None:
            assert (gemella.vecchio, gemella.nuovo, gemella.delta) == (r.vecchio, r.nuovo, r.delta)
            assert gemella.delta_percentuale == r.delta_percentuale


def test_confronto_json_round_trips(cartella: Path) -> None:
    c = diff(cartella)
    assert Confronto.model_validate_json(c.model_dump_json()).righe[0].chiave == c.righe[0].chiave
