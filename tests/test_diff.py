"""The change engine (`bilancio.variazioni`): rows, matching by name, warnings, examples, properties."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import bilancio
from bilancio import DatiNonValidi, InputIlleggibile, UsoNonValido
from bilancio.formato import arrotonda
from bilancio.modello import Anno
from bilancio.variazioni import Confronto, come_csv, come_markdown, confronta, diff
from conftest import ENTE_MINIMO, esempio

# --- a small two-year cooperative ------------------------------------------------------------

ANNO_2024: dict[str, Any] = {
    "anno": 2024,
    "governo": {
        "soci": {"lavoratori": 10, "volontari": 2},
        "consiglio_amministrazione": {
            "componenti": [
                {"nome": "Anna Rossi", "ruolo": "Presidente", "mandati": 2},
                {"nome": "Bruno Bianchi", "ruolo": "Consigliere", "mandati": 1},
            ]
        },
    },
    "persone": {"lavoratori": {"dipendenti": {"numero": 12, "uomini": 5, "donne": 7}}},
    "attivita": {
        "servizi": [
            {"nome": "Centro diurno", "beneficiari": {"anziani": 20}, "ore": 1000},
            {"nome": "Doposcuola", "beneficiari": {"minori": 30}},
        ]
    },
    "economia": {
        "valore_produzione": 100000,
        "costo_personale": 60000,
        "costi_servizi": 0,
        "patrimonio": {
            "capitale_sociale": 1000,
            "riserve": 5000,
            "utile_perdita": 2000,
            "patrimonio_netto": 8000,
        },
    },
}

ANNO_2025: dict[str, Any] = {
    "anno": 2025,
    "governo": {
        "soci": {"lavoratori": 12, "volontari": 2},
        "consiglio_amministrazione": {
            "componenti": [
                {"nome": "Anna Rossi", "ruolo": "Presidente", "mandati": 3},
                {"nome": "Carla Verdi", "ruolo": "Consigliera", "mandati": 1},
            ]
        },
    },
    "persone": {"lavoratori": {"dipendenti": {"numero": 14, "uomini": 6, "donne": 8}}},
    "attivita": {
        "servizi": [
            {"nome": "Centro diurno", "beneficiari": {"anziani": 22}, "ore": 1100},
            {"nome": "Housing sociale", "beneficiari": {"adulti": 5}},
        ]
    },
    "economia": {
        "valore_produzione": 110000,
        "costo_personale": 66000,
        "costi_servizi": 5000,
        "patrimonio": {
            "capitale_sociale": 1000,
            "riserve": 7000,
            "utile_perdita": 3000,
            "patrimonio_netto": 11000,
        },
    },
}


def _yaml(dati: dict[str, Any]) -> str:
    return yaml.safe_dump(_semplice(dati), allow_unicode=True, sort_keys=False)


def _semplice(valore: Any) -> Any:
    """Decimals as plain strings ("1234.50"), which the loader reads back exactly."""
    if isinstance(valore, Decimal):
        return str(valore)
    if isinstance(valore, dict):
        return {k: _semplice(v) for k, v in valore.items()}
    if isinstance(valore, list):
        return [_semplice(v) for v in valore]
    return valore


def scrivi_anni(cartella: Path, *anni: dict[str, Any], ente: bool = True) -> Path:
    """A cooperative folder with ente.yaml and one file per given year."""
    cartella.mkdir(parents=True, exist_ok=True)
    if ente:
        (cartella / "ente.yaml").write_text(_yaml(ENTE_MINIMO), encoding="utf-8")
    for dati in anni:
        (cartella / f"{dati['anno']}.yaml").write_text(_yaml(dati), encoding="utf-8")
    return cartella


@pytest.fixture
def due_anni(tmp_path: Path) -> Path:
    return scrivi_anni(tmp_path / "coop", ANNO_2024, ANNO_2025)


@pytest.fixture
def confronto(due_anni: Path) -> Confronto:
    return diff(due_anni)


# --- rows --------------------------------------------------------------------------------------


def test_latest_year_against_the_year_before(confronto: Confronto) -> None:
    assert (confronto.anno_vecchio, confronto.anno_nuovo) == (2024, 2025)
    r = confronto.riga("governo.soci.lavoratori")
    assert r is not None
    assert r.etichetta == "Soci cooperatori lavoratori"  # the model's field title
    assert r.sezione.numero == 3 and r.sezione.titolo == "Struttura, governo e amministrazione"
    assert (r.vecchio, r.nuovo, r.delta) == (10, 12, 2)
    assert r.delta_percentuale == Decimal(20)
    assert r.unita.value == "numero"
    assert (r.testo_delta, r.testo_delta_percentuale) == ("+2", "+20,00%")
    assert r.testo_variazione(2024) == "+2 rispetto al 2024"
    assert r.oltre_soglia  # 20% > 10%


def test_money_rows_are_decimal_euro_with_italian_formatting(confronto: Confronto) -> None:
    r = confronto.riga("economia.valore_produzione")
    assert r is not None and r.unita.value == "euro"
    assert isinstance(r.nuovo, Decimal) and r.delta == Decimal(10000)
    assert r.testo(r.nuovo) == "€ 110.000"
    assert r.testo_delta == "+€ 10.000"
    assert r.testo_delta_percentuale == "+10,00%"
    assert not r.oltre_soglia  # exactly 10% does not exceed 10%
    assert r.testo_variazione(2024) == "+10,00% rispetto al 2024"
    assert confronto.riga("economia.patrimonio.riserve").etichetta == "Totale riserve"


def test_workers_by_type_and_gender_are_labelled_from_titles(confronto: Confronto) -> None:
    dip = confronto.riga("persone.lavoratori.dipendenti.numero")
    donne = confronto.riga("persone.lavoratori.dipendenti.donne")
    assert dip.etichetta == "Lavoratori dipendenti"
    assert donne.etichetta == "Lavoratori dipendenti, di cui donne"
    assert (donne.vecchio, donne.nuovo) == (7, 8)


def test_derived_indicators_are_compared(confronto: Confronto) -> None:
    peso = confronto.riga("indicatori.peso_costo_lavoro")
    assert peso.unita.value == "%" and peso.sezione.numero == 6
    assert peso.vecchio == Decimal(60) and peso.nuovo == Decimal(60)
    assert peso.stato == "invariato"
    assert peso.testo(peso.nuovo) == "60,00%"
    totale = confronto.riga("indicatori.soci_totale")
    assert (totale.vecchio, totale.nuovo, totale.sezione.numero) == (12, 14, 3)
    assert confronto.riga("indicatori.beneficiari_totale").nuovo == 27


def test_rows_are_grouped_by_section_in_the_guidelines_order(confronto: Confronto) -> None:
    numeri = [r.sezione.numero for r in confronto.righe]
    assert numeri == sorted(numeri)
    assert [s.numero for s in confronto.sezioni] == [3, 4, 5, 6]


def test_named_items_are_matched_by_name_and_changes_listed(confronto: Confronto) -> None:
    ore = confronto.riga("attivita.servizi[Centro diurno].ore")
    assert ore.etichetta == "«Centro diurno» — Ore di servizio"
    assert (ore.vecchio, ore.nuovo) == (Decimal(1000), Decimal(1100))
    assert ore.unita.value == "ore"
    anziani = confronto.riga("attivita.servizi[Centro diurno].beneficiari[anziani]")
    assert anziani.etichetta.endswith("Beneficiari diretti per categoria: Anziani")
    assert {e.nome for e in confronto.aggiunti} == {"Housing sociale", "Carla Verdi"}
    assert {e.nome for e in confronto.rimossi} == {"Doposcuola", "Bruno Bianchi"}
    rimosso = next(e for e in confronto.rimossi if e.nome == "Doposcuola")
    assert rimosso.chiave == "attivita.servizi[Doposcuola]" and rimosso.sezione.numero == 5
    assert (
        confronto.riga("governo.consiglio_amministrazione.componenti[Anna Rossi].mandati").delta
        == 1
    )
    conteggio = confronto.riga("attivita.servizi.numero")
    assert (conteggio.vecchio, conteggio.nuovo) == (2, 2)


def test_change_from_zero_is_undefined_not_infinite(confronto: Confronto) -> None:
    r = confronto.riga("economia.costi_servizi")
    assert (r.vecchio, r.nuovo) == (Decimal(0), Decimal(5000))
    assert r.delta_percentuale is None
    assert r.testo_delta_percentuale == "n.s."
    assert r.testo_delta == "+€ 5.000"
    assert r.oltre_soglia  # from zero to something: always worth a look
    assert (
        json.loads(confronto.model_dump_json())["righe"][confronto.righe.index(r)][
            "delta_percentuale"
        ]
        is None
    )


def test_only_changed_hides_unchanged_rows(confronto: Confronto) -> None:
    assert any(r.stato == "invariato" for r in confronto.righe)
    solo = confronto.solo_variati()
    assert solo.righe and all(r.stato != "invariato" for r in solo.righe)
    assert solo.aggiunti == confronto.aggiunti


def test_threshold_and_fail_over(due_anni: Path) -> None:
    larga = diff(due_anni, soglia=50)
    assert not any(r.oltre_soglia for r in larga.righe if r.delta_percentuale is not None)
    assert larga.oltre(25) and all(r.supera(25) for r in larga.oltre(25))
    soci = larga.riga("governo.soci.lavoratori")
    assert soci.supera(19) and not soci.supera(20)


# --- warnings on the rows they affect ------------------------------------------------------------


def test_figure_missing_in_one_year_is_flagged(tmp_path: Path) -> None:
    nuovo = copy.deepcopy(ANNO_2025)
    nuovo["economia"]["ricavi_vendite_prestazioni"] = 90000
    confronto = diff(scrivi_anni(tmp_path / "c", ANNO_2024, nuovo))
    r = confronto.riga("economia.ricavi_vendite_prestazioni")
    assert r.stato == "non confrontabile" and r.vecchio is None and r.delta is None
    assert r.delta_percentuale is None and r.testo_delta == "n.d."
    assert "manca nel 2024" in r.note
    avviso = next(a for a in confronto.avvisi if a.codice == "DATO-MANCANTE")
    assert avviso.anno == 2024 and r.chiave in avviso.chiavi


@pytest.mark.parametrize(
    ("blocco", "scritto", "chiave"),
    [
        ("istruzione", {"diploma": 12}, "persone.istruzione.dottorato"),
        ("tirocini", {"numero": 2}, "persone.tirocini.servizio_civile"),
        (
            "rimborsi_volontari",
            {"modalita": "documentato"},
            "persone.rimborsi_volontari.importo_totale",
        ),
    ],
)
def test_figure_that_used_to_default_to_zero_is_missing_not_zero(
    tmp_path: Path, blocco: str, scritto: dict[str, Any], chiave: str
) -> None:
    # written as 0 in 2024, not written in 2025: not "from 0 to 0" but not comparable
    vecchio, nuovo = copy.deepcopy(ANNO_2024), copy.deepcopy(ANNO_2025)
    campo = chiave.rsplit(".", 1)[1]
    vecchio["persone"][blocco] = scritto | {campo: 0}
    nuovo["persone"][blocco] = scritto
    r = diff(scrivi_anni(tmp_path / "c", vecchio, nuovo)).riga(chiave)
    assert r.vecchio == 0 and r.nuovo is None
    assert r.stato == "non confrontabile" and r.testo_delta == "n.d."
    assert "manca nel 2025" in r.note
    # written as 0 in both: unchanged
    nuovo["persone"][blocco] = scritto | {campo: 0}
    r = diff(scrivi_anni(tmp_path / "d", vecchio, nuovo)).riga(chiave)
    assert (r.vecchio, r.nuovo, r.stato) == (0, 0, "invariato")


def test_declared_change_of_method_marks_the_rows_it_names(tmp_path: Path) -> None:
    nuovo = copy.deepcopy(ANNO_2025)
    nuovo["metodologia"] = {
        "cambiamenti": "Perimetro invariato. Dal 2025 le ore del Centro diurno sono contate per operatore."
    }
    confronto = diff(scrivi_anni(tmp_path / "c", ANNO_2024, nuovo))
    avviso = next(a for a in confronto.avvisi if a.codice == "CAMBIAMENTO-METODO")
    assert "attivita.servizi[Centro diurno].ore" in avviso.chiavi
    assert "governo.soci.lavoratori" not in avviso.chiavi
    assert (
        "cambiamento di metodo nel 2025"
        in confronto.riga("attivita.servizi[Centro diurno].ore").note
    )


def test_declaring_no_change_is_not_a_warning(tmp_path: Path) -> None:
    nuovo = copy.deepcopy(ANNO_2025)
    nuovo["metodologia"] = {
        "cambiamenti": "Nessun cambiamento di perimetro o di metodo rispetto al 2024."
    }
    confronto = diff(scrivi_anni(tmp_path / "c", ANNO_2024, nuovo))
    assert not [a for a in confronto.avvisi if a.codice == "CAMBIAMENTO-METODO"]


def test_inconsistencies_found_by_check_are_shown_with_their_rows(tmp_path: Path) -> None:
    nuovo = copy.deepcopy(ANNO_2025)
    nuovo["economia"]["patrimonio"]["patrimonio_netto"] = 12000  # 1000 + 7000 + 3000 = 11000
    confronto = diff(scrivi_anni(tmp_path / "c", ANNO_2024, nuovo))
    avviso = next(a for a in confronto.avvisi if a.codice == "PATRIMONIO-NETTO")
    assert avviso.anno == 2025 and avviso.gravita.value == "errore"
    assert avviso.chiavi == ["economia.patrimonio.patrimonio_netto"]
    assert re.search(r"2025\.yaml:\d+:\d+$", avviso.posizione or "")
    assert "PATRIMONIO-NETTO (2025)" in confronto.riga("economia.patrimonio.patrimonio_netto").note


# --- years and files ----------------------------------------------------------------------------------


def test_key_figures_of_earlier_years_never_make_items_added_or_removed(tmp_path: Path) -> None:
    nuovo = copy.deepcopy(ANNO_2025)
    nuovo["anni_precedenti"] = {
        2024: {
            "governo": {"soci": {"lavoratori": 10, "volontari": 2}},
            "attivita": {"servizi": [{"nome": "Centro diurno", "ore": 1000}]},
            "economia": {"valore_produzione": 100000},
        }
    }
    confronto = diff(scrivi_anni(tmp_path / "c", nuovo))
    assert confronto.anno_vecchio == 2024
    assert confronto.riga("attivita.servizi[Centro diurno].ore").delta == Decimal(100)
    assert confronto.aggiunti == [] and confronto.rimossi == []
    assert confronto.riga("attivita.servizi.numero") is None  # a partial list is not counted
    assert confronto.riga("economia.valore_produzione").delta_percentuale == Decimal(10)
    assert any(a.codice == "DATO-MANCANTE" and a.sezione == 4 for a in confronto.avvisi)


def test_from_and_to_pick_years(tmp_path: Path) -> None:
    anno_2023 = copy.deepcopy(ANNO_2024)
    anno_2023["anno"] = 2023
    anno_2023["governo"]["soci"]["lavoratori"] = 8
    cartella = scrivi_anni(tmp_path / "c", anno_2023, ANNO_2024, ANNO_2025)
    assert (diff(cartella).anno_vecchio, diff(cartella).anno_nuovo) == (2024, 2025)
    c = diff(cartella, 2023, 2024)
    assert (c.anno_vecchio, c.anno_nuovo) == (2023, 2024)
    assert c.riga("governo.soci.lavoratori").delta == 2
    c = diff(cartella, da=2023)
    assert (c.anno_vecchio, c.anno_nuovo) == (2023, 2025)
    with pytest.raises(InputIlleggibile, match="2019"):
        diff(cartella, 2019, 2025)


def test_two_files_the_first_without_an_entity_file(tmp_path: Path, due_anni: Path) -> None:
    altrove = tmp_path / "bozza"
    altrove.mkdir()
    vecchio = altrove / "2024.yaml"
    vecchio.write_text((due_anni / "2024.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    c = diff(vecchio, nuovo=due_anni / "2025.yaml")
    assert (c.anno_vecchio, c.anno_nuovo) == (2024, 2025)
    assert c.fonte_vecchio == str(vecchio)
    assert c.denominazione == ENTE_MINIMO["denominazione"]
    assert c.model_dump(exclude={"fonte_vecchio", "fonte_nuovo"}) == diff(due_anni).model_dump(
        exclude={"fonte_vecchio", "fonte_nuovo"}
    )


def test_two_versions_of_the_same_year(tmp_path: Path, due_anni: Path) -> None:
    bozza = copy.deepcopy(ANNO_2025)
    bozza["governo"]["soci"]["lavoratori"] = 11
    cartella = scrivi_anni(tmp_path / "bozza", bozza)
    c = diff(cartella / "2025.yaml", nuovo=due_anni / "2025.yaml")
    assert c.anno_vecchio == c.anno_nuovo == 2025
    assert c.intestazioni() == ("2025.yaml", "2025.yaml")
    assert c.riga("governo.soci.lavoratori").delta == 1


def test_unreadable_or_invalid_input_raises_with_located_problems(tmp_path: Path) -> None:
    with pytest.raises(InputIlleggibile):
        diff(tmp_path / "manca")
    cartella = scrivi_anni(tmp_path / "c", ANNO_2024)
    (cartella / "2025.yaml").write_text(
        "anno: 2025\ngoverno:\n  soci: {lavoratori: 3\n", encoding="utf-8"
    )
    with pytest.raises(DatiNonValidi) as exc:
        diff(cartella)
    assert exc.value.rapporto.problemi[0].codice == "SINTASSI"
    assert exc.value.rapporto.problemi[0].dove.endswith("2025.yaml:4:1")
    with pytest.raises(InputIlleggibile, match="precedente"):
        diff(scrivi_anni(tmp_path / "solo", ANNO_2025))


def test_public_api(tmp_path: Path) -> None:
    """`bilancio.diff(folder)`, as the README shows it: the latest year against the one before."""
    c = bilancio.diff(scrivi_anni(tmp_path / "coop", ANNO_2024, ANNO_2025))
    assert isinstance(c, bilancio.Confronto)
    assert (c.anno_vecchio, c.anno_nuovo) == (2024, 2025)
    soci = c.riga("governo.soci.lavoratori")
    assert soci is not None and (soci.vecchio, soci.nuovo, soci.delta) == (10, 12, 2)
    assert [e.nome for e in c.aggiunti] == ["Carla Verdi", "Housing sociale"]


# --- text outputs ------------------------------------------------------------------------------------


def test_markdown_is_a_table_per_section(confronto: Confronto) -> None:
    testo = come_markdown(confronto)
    assert "### 6. Situazione economico-finanziaria" in testo
    assert "| Voce | 2024 | 2025 | Variazione | Var. % | Note |" in testo
    assert "| **Soci cooperatori lavoratori** | **10** | **12** | **+2** | **+20,00%** |" in testo
    assert "| **Costi per servizi** | **€ 0** | **€ 5.000** | **+€ 5.000** | **n.s.** |" in testo
    assert "- Servizi, aree e progetti: «Housing sociale»" in testo


def test_csv_dialects(confronto: Confronto) -> None:
    italiano = come_csv(confronto).splitlines()
    assert italiano[0].startswith("sezione;chiave;voce;unita;")
    riga = next(r for r in italiano if ";indicatori.peso_costo_lavoro;" in r)
    assert ";60;" in riga or ";60,0000;" in riga
    soci = next(r for r in italiano if ";governo.soci.lavoratori;" in r)
    assert soci.endswith(";2024;10;2025;12;2;20,00;sì;variato;")
    excel = come_csv(confronto, "excel").splitlines()
    assert excel[0].startswith("\ufeffsezione,chiave,voce,unita,")  # Excel needs the BOM
    costi = next(r for r in excel if ",economia.costi_servizi," in r)
    assert costi.endswith(",euro,2024,0,2025,5000,5000,n.s.,sì,variato,")
    assert any(",2024,10,2025,12,2,20.00,sì,variato," in r for r in excel)
    assert any(",rimosso," in r and "Doposcuola" in r for r in excel)
    with pytest.raises(UsoNonValido, match="tedesco"):
        come_csv(confronto, "tedesco")


# --- the bundled examples: the published figures -----------------------------------------------------


def test_cosper_reproduces_the_brochure_deltas() -> None:
    c = diff(esempio("cosper"))
    assert (c.anno_vecchio, c.anno_nuovo) == (2024, 2025)
    soci = c.riga("governo.soci.lavoratori")
    assert (soci.vecchio, soci.nuovo, soci.delta) == (106, 102, -4)
    assert soci.testo_delta_percentuale == "-3,77%"
    assert soci.testo_variazione(2024) == "-4 rispetto al 2024"
    attese = {
        "economia.valore_produzione": "+5,04%",
        "economia.costo_personale": "+5,08%",
        "economia.costi_servizi": "+2,68%",
        "economia.risultato_gestione": "-4,85%",
        "economia.patrimonio.patrimonio_netto": "+10,74%",
    }
    assert {k: c.riga(k).testo_delta_percentuale for k in attese} == attese
    assert c.riga("economia.valore_produzione").testo_variazione(2024) == "+5,04% rispetto al 2024"
    assert c.riga("governo.soci.volontari").testo_variazione(2024) == "invariato rispetto al 2024"


def test_cipm_2019_to_2020() -> None:
    c = diff(esempio("cipm"), 2019, 2020)
    vp = c.riga("economia.valore_produzione")
    assert (vp.vecchio, vp.nuovo) == (Decimal(345224), Decimal(362745))
    assert vp.testo_delta_percentuale == "+5,08%"
    pn = c.riga("economia.patrimonio.patrimonio_netto")
    assert (pn.vecchio, pn.nuovo) == (Decimal(94211), Decimal(132589))
    assert (pn.testo(pn.vecchio), pn.testo(pn.nuovo)) == ("€ 94.211", "€ 132.589")


def test_arcobaleno_lists_services_that_opened_and_closed() -> None:
    c = diff(esempio("arcobaleno"))
    aggiunti = {(e.chiave.split("[")[0], e.nome) for e in c.aggiunti}
    rimossi = {(e.chiave.split("[")[0], e.nome) for e in c.rimossi}
    assert any(chiave == "attivita.servizi" for chiave, _ in aggiunti)
    assert any(chiave == "attivita.servizi" for chiave, _ in rimossi)
    assert any(a.codice == "CAMBIAMENTO-METODO" for a in c.avvisi)


# --- properties --------------------------------------------------------------------------------------

conteggi = st.integers(min_value=0, max_value=400)
importi = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)
con_segno = st.decimals(
    min_value=-(10**7), max_value=10**7, places=2, allow_nan=False, allow_infinity=False
)
gruppo = st.fixed_dictionaries(
    {"numero": conteggi}, optional={"uomini": conteggi, "donne": conteggi}
)
servizio = st.fixed_dictionaries(
    {"nome": st.sampled_from(["Centro diurno", "Doposcuola", "Housing", "SAD"])},
    optional={
        "beneficiari": st.dictionaries(
            st.sampled_from(["minori", "anziani", "adulti"]), conteggi, max_size=3
        ),
        "ore": st.decimals(
            min_value=0, max_value=10**5, places=2, allow_nan=False, allow_infinity=False
        ),
        "interventi": conteggi,
    },
)


def anni(anno: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"anno": st.just(anno)},
        optional={
            "governo": st.fixed_dictionaries(
                {},
                optional={
                    "soci": st.fixed_dictionaries(
                        {},
                        optional={
                            "lavoratori": conteggi,
                            "volontari": conteggi,
                            "fruitori": conteggi,
                        },
                    )
                },
            ),
            "persone": st.fixed_dictionaries(
                {
                    "lavoratori": st.fixed_dictionaries(
                        {}, optional={"dipendenti": gruppo, "autonomi": gruppo}
                    )
                }
            ),
            "attivita": st.fixed_dictionaries(
                {"servizi": st.lists(servizio, max_size=3, unique_by=lambda s: s["nome"])}
            ),
            "economia": st.fixed_dictionaries(
                {},
                optional={
                    "valore_produzione": importi,
                    "costo_personale": importi,
                    "costi_servizi": importi,
                    "risultato_gestione": con_segno,
                    "patrimonio": st.fixed_dictionaries(
                        {},
                        optional={
                            "capitale_sociale": importi,
                            "riserve": con_segno,
                            "utile_perdita": con_segno,
                        },
                    ),
                },
            ),
        },
    )


PROPRIETA = settings(
    deadline=None,
    max_examples=60,
    # the generated years often share no figure: many examples are filtered out by design
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _cifre(dati: dict[str, Any]) -> dict[str, Decimal | int]:
    """The figures written in a generated year, keyed as the comparison names its rows.

    Written from the data's shape, not from the engine: a field path is ``a.b.c``, a service
    is ``attivita.servizi[Nome]``, a beneficiary category ``...beneficiari[minori]``.
    """
    cifre: dict[str, Decimal | int] = {}

    def visita(valore: Any, chiave: str) -> None:
        if isinstance(valore, dict):
            for k, v in valore.items():
                visita(v, f"{chiave}[{k}]" if chiave.endswith("beneficiari") else f"{chiave}.{k}")
        elif isinstance(valore, list):
            for servizio in valore:
                for k, v in servizio.items():
                    if k != "nome":
                        visita(v, f"{chiave}[{servizio['nome']}].{k}")
        elif isinstance(valore, int | Decimal) and not isinstance(valore, bool):
            cifre[chiave.removeprefix(".")] = valore

    visita({k: v for k, v in dati.items() if k != "anno"}, "")
    return cifre


def _segno(x: Decimal | int) -> int:
    return (x > 0) - (x < 0)


@PROPRIETA
@given(anni(2025))
def test_a_year_compared_with_itself_has_no_change(dati: dict[str, Any]) -> None:
    cifre = _cifre(dati)
    assume(cifre)
    anno = Anno.model_validate(dati)
    c = confronta(anno, anno, 2025, 2025)
    for chiave, valore in cifre.items():  # every figure written is a row...
        riga = c.riga(chiave)
        assert riga is not None, chiave
        assert riga.vecchio == riga.nuovo == valore, chiave
    # ...and nothing changed
    assert all(r.stato == "invariato" and r.delta == 0 for r in c.righe)
    assert c.aggiunti == [] and c.rimossi == [] and c.oltre(0) == []
    assert c.solo_variati().righe == []


@PROPRIETA
@given(anni(2024), anni(2025))
def test_rows_old_plus_change_sign_and_change_from_zero(
    vecchi: dict[str, Any], nuovi: dict[str, Any]
) -> None:
    prima, dopo = _cifre(vecchi), _cifre(nuovi)
    assume(prima.keys() & dopo.keys())
    c = confronta(Anno.model_validate(vecchi), Anno.model_validate(nuovi), 2024, 2025)
    # rows exist: a figure written in both years is compared, one written in one year is
    # compared with what the model reads in the other (services present in one year only
    # are added or removed);
    # a whole section written in one year only is a DATO-MANCANTE warning for the other
    for chiave in prima.keys() | dopo.keys():
        sezione = chiave.split(".")[0]
        if sezione not in vecchi or sezione not in nuovi:
            manca = 2024 if sezione not in vecchi else 2025
            assert any(a.codice == "DATO-MANCANTE" and a.anno == manca for a in c.avvisi)
            continue
        if "[" in chiave and chiave not in (prima.keys() & dopo.keys()):
            continue
        riga = c.riga(chiave)
        assert riga is not None, chiave
        if chiave in prima:
            assert riga.vecchio == prima[chiave], chiave
        if chiave in dopo:
            assert riga.nuovo == dopo[chiave], chiave
    for r in c.righe:
        if r.vecchio is None or r.nuovo is None:
            assert (r.delta, r.delta_percentuale, r.stato) == (None, None, "non confrontabile")
            continue
        assert r.delta is not None
        assert r.vecchio + r.delta == r.nuovo  # old + delta = new
        assert r.stato == ("invariato" if r.vecchio == r.nuovo else "variato")
        if r.vecchio == 0 and r.nuovo == 0:
            assert r.delta_percentuale == 0 and r.testo_delta == "invariato"
        elif r.vecchio == 0 or (r.nuovo != 0 and (r.vecchio > 0) != (r.nuovo > 0)):
            # a change from zero (or across a change of sign) has no percentage: "n.s.",
            # and always counts as over the threshold
            assert r.delta_percentuale is None and r.testo_delta_percentuale == "n.s."
            assert r.oltre_soglia
        else:  # the percentage has the sign of the change
            assert r.delta_percentuale is not None
            assert _segno(r.delta_percentuale) == _segno(r.delta)
            if arrotonda(r.delta_percentuale, 2) != 0:  # printed to 2 decimals: "0,00%" has no sign
                assert r.testo_delta_percentuale[0] == {1: "+", -1: "-"}[_segno(r.delta)]
    uscite = [c.model_dump_json(), come_markdown(c), come_csv(c), come_csv(c, "excel")]
    uscite += [r.testo_delta + r.testo_delta_percentuale + r.testo(r.vecchio) for r in c.righe]
    for testo in uscite:
        assert not re.search(r"\b(inf|infinity|nan)\b", testo, re.IGNORECASE), testo
