"""Declared printed figures: rounded once, half up, to the decimals written, then equal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import bilancio
from bilancio.errori import Problema
from bilancio.modello import Anno
from bilancio.modello.annotazioni import percorre
from bilancio.modello.catalogo import CATALOGO, indicatore
from bilancio.modello.dichiarati import ALIAS
from bilancio.regole import REGOLE
from bilancio.regole.dichiarati import decimali_scritti

ENTE_B = {
    "denominazione": "Coop B",
    "codice_fiscale": "97162980151",
    "forma_giuridica": "cooperativa sociale",
    "tipo": "B",
}
# 774 women out of 3.166 workers: 24,447...%
DONNE = {"persone": {"lavoratori": {"dipendenti": {"numero": 3166, "donne": 774}}}}


def _controlla(coop, anno: dict[str, Any], ente: dict[str, Any] | None = None) -> bilancio.Rapporto:
    return bilancio.check(coop({"anno": 2025, **anno}, ente))


def _dichiarati(rapporto: bilancio.Rapporto, gravita: str = "errore") -> list[Problema]:
    return [p for p in rapporto.problemi if p.codice == "DICHIARATI" and p.gravita.value == gravita]


def test_decimals_written_are_the_decimal_exponent() -> None:
    assert decimali_scritti(Decimal("66.2")) == 1
    assert decimali_scritti(Decimal("66.20")) == 2
    assert decimali_scritti(Decimal("86")) == 0
    assert decimali_scritti(86) == 0
    assert decimali_scritti(Decimal("5E+1")) == 0


@pytest.mark.parametrize(
    ("scritto", "passa"),
    [
        ("24,4", True),  # 24,447 rounds to 24,4
        ("24,5", False),  # ... not to 24,5: within one unit, but not the rounded value
        ("24", True),
        ("25", False),
        ("24,45", True),
        ("24,44", False),
        ("24,447", True),
        ("24,4473", True),  # 24,44725... half up
    ],
)
def test_a_declared_share_at_the_precision_written(coop, scritto: str, passa: bool) -> None:
    r = _controlla(coop, {**DONNE, "dichiarati": {"lavoratori_quota_donne": scritto}})
    assert (not _dichiarati(r)) is passa, [p.messaggio for p in _dichiarati(r)]


def test_the_message_shows_declared_rounded_and_exact(coop) -> None:
    r = _controlla(coop, {**DONNE, "dichiarati": {"lavoratori_quota_donne": "24,5"}})
    [p] = _dichiarati(r)
    assert "stampato 24,5%" in p.messaggio and "calcolato 24,4%" in p.messaggio
    assert "valore esatto 24,447…%" in p.messaggio and "a 1 decimale" in p.messaggio
    assert p.trovato == "24,5%" and p.atteso == "24,4%"
    assert p.campo == "dichiarati.lavoratori_quota_donne.valore"
    assert p.posizione is not None and p.posizione.riga is not None


def test_close_but_not_equal_passes_only_when_it_rounds(coop) -> None:
    # 66.197 / 100.000: 66,2 passes, 66,19 does not (66,20)
    eco = {"economia": {"valore_produzione": 100000, "costo_personale": 66197}}
    assert not _dichiarati(_controlla(coop, {**eco, "dichiarati": {"peso_costo_lavoro": "66,2"}}))
    assert _dichiarati(_controlla(coop, {**eco, "dichiarati": {"peso_costo_lavoro": "66,19"}}))
    # the declared precision counts, trailing zero included: 66,20 is two decimals
    assert not _dichiarati(_controlla(coop, {**eco, "dichiarati": {"peso_costo_lavoro": "66.20"}}))


@pytest.mark.parametrize(
    ("valore", "costo", "scritto", "passa"),
    [
        (1000, 125, "13", True),  # exactly 12,5: half up gives 13 (half even would give 12)
        (1000, 125, "12", False),
        (10000, 625, "6,3", True),  # exactly 6,25
        (10000, 625, "6,2", False),
        (10000, 635, "6,4", True),  # exactly 6,35
        (10000, 1250, "12,50", True),
    ],
)
def test_half_up_at_the_boundary(coop, valore: int, costo: int, scritto: str, passa: bool) -> None:
    eco = {"economia": {"valore_produzione": valore, "costo_personale": costo}}
    r = _controlla(coop, {**eco, "dichiarati": {"peso_costo_lavoro": scritto}})
    assert (not _dichiarati(r)) is passa, [p.messaggio for p in _dichiarati(r)]


def test_counts_are_exact(coop) -> None:
    soci = {"governo": {"soci": {"lavoratori": 102, "volontari": 21}}}
    assert not _dichiarati(_controlla(coop, {**soci, "dichiarati": {"soci_totale": 123}}))
    [p] = _dichiarati(_controlla(coop, {**soci, "dichiarati": {"soci_totale": 124}}))
    assert p.trovato == "124" and p.atteso == "123"


# --- the older declared fields ---------------------------------------------------------------


def test_every_alias_is_a_field_of_the_model_and_a_code_of_the_catalogue() -> None:
    codici = {i.codice for i in CATALOGO}
    for percorso, bersagli in ALIAS.items():
        assert len(list(percorre(Anno, percorso))) == len(percorso), percorso
        assert set(bersagli) <= codici


def test_members_and_workers_totals_are_aliases(coop) -> None:
    ok = {"governo": {"soci": {"lavoratori": 102, "volontari": 21, "totale": 123}}}
    assert not _dichiarati(_controlla(coop, ok))
    ko = {"governo": {"soci": {"lavoratori": 102, "volontari": 21, "totale": 124}}}
    [p] = _dichiarati(_controlla(coop, ko))
    assert p.trovato == "124" and p.atteso == "123"
    assert p.campo == "governo.soci.totale" and p.posizione.riga is not None  # type: ignore[union-attr]
    lav = {"persone": {"lavoratori": {"dipendenti": {"numero": 196}, "totale": 197}}}
    [p] = _dichiarati(_controlla(coop, lav))
    assert p.campo == "persone.lavoratori.totale" and p.atteso == "196"


def test_a_total_without_its_parts_is_not_a_mismatch(coop) -> None:
    # the total is then the only source of the figure: unknown parts are not zeros
    assert not _dichiarati(_controlla(coop, {"governo": {"soci": {"totale": 40}}}))


def test_labour_cost_weight_alias_uses_the_new_rounding(coop) -> None:
    eco = {"valore_produzione": 362745, "costo_lavoro_in_servizi": 285955}  # 78,83%
    for scritto, passa in (("79", True), ("78.8", True), ("78.9", False), ("78", False)):
        r = _controlla(coop, {"economia": {**eco, "peso_costo_lavoro_dichiarato": scritto}})
        errori = _dichiarati(r)
        assert (not errori) is passa, (scritto, [p.messaggio for p in errori])
        assert all(p.campo == "economia.peso_costo_lavoro_dichiarato" for p in errori)
    assert "PESO-COSTO-LAVORO" not in REGOLE


def test_public_private_aliases_and_the_sum(coop) -> None:
    fonti = {"enti_pubblici_servizi_sociali": 202020, "privati_cittadini": 160725}  # 55,69%
    eco = {"valore_produzione": 362745, "ricavi_per_fonte": fonti}
    ok = {**eco, "quota_pubblica_dichiarata": 56, "quota_privata_dichiarata": 44}
    r = _controlla(coop, {"economia": ok})
    assert not _dichiarati(r) and "QUOTE-PUBBLICO-PRIVATO" not in [p.codice for p in r.errori]
    ko = {**eco, "quota_pubblica_dichiarata": 60, "quota_privata_dichiarata": 44}
    r = _controlla(coop, {"economia": ko})
    [p] = _dichiarati(r)  # 60% is not 55,69% (each declared share once, by DICHIARATI)
    assert p.campo == "economia.quota_pubblica_dichiarata" and p.atteso == "56%"
    assert [p.codice for p in r.errori].count("QUOTE-PUBBLICO-PRIVATO") == 1  # 104%


def test_pay_ratio_alias_keeps_the_law_check_apart(coop) -> None:
    ret = {"retribuzione_massima": 42000, "retribuzione_minima": 16500}  # 2,5454...
    r = _controlla(coop, {"persone": {"retribuzioni": {**ret, "rapporto_dichiarato": "2.55"}}})
    assert not _dichiarati(r) and not r.errori
    r = _controlla(coop, {"persone": {"retribuzioni": {**ret, "rapporto_dichiarato": "2.54"}}})
    [p] = _dichiarati(r)
    assert p.atteso == "2,55" and "RAPPORTO-RETRIBUTIVO" not in [x.codice for x in r.errori]


def test_disadvantaged_share_alias_accepts_either_base(coop) -> None:
    def ins(percentuale: str) -> dict[str, Any]:
        # 8 of 24: INPS 8 / 16 = 50%, on all the workers 33,3%
        return {
            "persone": {
                "inserimento_lavorativo": {
                    "lavoratori": 24,
                    "svantaggiati": 8,
                    "percentuale_dichiarata": percentuale,
                }
            }
        }

    assert not _dichiarati(_controlla(coop, ins("50"), ENTE_B))
    assert not _dichiarati(_controlla(coop, ins("33,3"), ENTE_B))
    [p] = _dichiarati(_controlla(coop, ins("40"), ENTE_B))
    assert p.atteso == "50% o 33%"
    assert "metodo INPS" in p.messaggio and "totale dei lavoratori del ramo B" in p.messaggio


# --- unknown, changes, earlier years, bases -----------------------------------------------------


def test_a_figure_that_cannot_be_computed_is_a_warning_with_the_reason(coop) -> None:
    lav = {"persone": {"lavoratori": {"dipendenti": {"numero": 3166}}}}
    r = _controlla(coop, {**lav, "dichiarati": {"lavoratori_quota_donne": "24,5"}})
    assert not _dichiarati(r)
    [p] = _dichiarati(r, "avviso")
    assert "manca il numero delle donne tra i lavoratori dipendenti 2025" in p.messaggio
    assert r.valido


def _con_anni(dichiarati: dict[str, Any]) -> dict[str, Any]:
    return {
        "economia": {"valore_produzione": 8924272},
        "governo": {"soci": {"lavoratori": 102, "volontari": 21}},
        "dichiarati": dichiarati,
        "anni_precedenti": {
            2024: {
                "economia": {"valore_produzione": 8496070},
                "governo": {"soci": {"lavoratori": 106, "volontari": 21}},
            },
            2022: {"economia": {"valore_produzione": 8000000}},
        },
    }


def test_a_change_against_a_given_year(coop) -> None:
    ok = {
        "valore_produzione": {"variazione_percentuale": "5,04", "rispetto_a": 2024},
        "soci_totale": {"variazione": -4, "rispetto_a": 2024},
    }
    r = _controlla(coop, _con_anni(ok))
    assert not _dichiarati(r) and not _dichiarati(r, "avviso")
    # 8.924.272 / 8.000.000: +11,5534%
    r = _controlla(
        coop,
        _con_anni({"valore_produzione": {"variazione_percentuale": "11,5", "rispetto_a": 2022}}),
    )
    [p] = _dichiarati(r)
    assert "dal 2022 al 2025" in p.messaggio and "valore esatto +11,553…%" in p.messaggio
    assert p.trovato == "+11,5%" and p.atteso == "+11,6%"
    assert p.campo == "dichiarati.valore_produzione.variazione_percentuale"


def test_a_change_against_a_year_with_no_data_names_the_years(coop) -> None:
    r = _controlla(coop, _con_anni({"valore_produzione": {"variazione": 1000, "rispetto_a": 2023}}))
    [p] = _dichiarati(r)
    assert "2023" in p.messaggio and "2022, 2024" in p.messaggio
    assert p.campo == "dichiarati.valore_produzione.rispetto_a"


def test_earlier_years_declare_their_own_figures(coop) -> None:
    dati = _con_anni({})
    dati["anni_precedenti"][2024]["dichiarati"] = {
        "valore_produzione": {"variazione_percentuale": "6,2", "rispetto_a": 2022}  # 6,2009%
    }
    assert not _dichiarati(_controlla(coop, dati))
    dati["anni_precedenti"][2024]["dichiarati"]["soci_totale"] = 128
    [p] = _dichiarati(_controlla(coop, dati))
    assert p.campo == "anni_precedenti.2024.dichiarati.soci_totale.valore"
    assert p.atteso == "127" and "2024" in p.messaggio
    assert p.posizione is not None and p.posizione.riga is not None


def test_base_selects_the_figure_of_the_family(coop) -> None:
    eco = {"valore_produzione": 100000, "costi_produzione": 90000, "costo_personale": 65709}
    dich = {"peso_costo_lavoro": {"valore": "73,01", "base": "costi_produzione"}}  # 73,01%
    assert not _dichiarati(_controlla(coop, {"economia": eco, "dichiarati": dich}))
    # without the base it is the weight on the value of production: 65,71%
    [p] = _dichiarati(
        _controlla(coop, {"economia": eco, "dichiarati": {"peso_costo_lavoro": "73,01"}})
    )
    assert p.atteso == "65,71%"
    dich = {"peso_costo_lavoro": {"valore": "73,01", "base": "fatturato"}}
    [p] = _dichiarati(_controlla(coop, {"economia": eco, "dichiarati": dich}))
    assert "valore_produzione" in p.messaggio and "costi_produzione" in p.messaggio
    assert p.campo == "dichiarati.peso_costo_lavoro.base"
    assert indicatore("peso_costo_lavoro_costi_produzione").base == "costi_produzione"


def test_a_base_for_a_figure_with_one_base_is_an_error(coop) -> None:
    dich = {"valore_produzione": {"valore": 100, "base": "costi_produzione"}}
    [p] = _dichiarati(
        _controlla(coop, {"economia": {"valore_produzione": 100}, "dichiarati": dich})
    )
    assert "una sola base" in p.messaggio


def test_the_figures_the_cosper_brochure_prints_are_checked(tmp_path) -> None:
    import shutil

    from bilancio.conversione import leggi_anno
    from conftest import ESEMPI

    anno = leggi_anno(ESEMPI / "cosper" / "2025.yaml")
    assert {"lavoratori_quota_dipendenti", "valore_produzione", "patrimonio_netto"} <= {
        k.value for k in anno.dichiarati
    }
    r = bilancio.check(ESEMPI / "cosper")
    assert not [p for p in r.problemi if p.codice == "DICHIARATI"]
    # the check is real: "+5,05%" would not be what the figures give
    copia = shutil.copytree(ESEMPI / "cosper", tmp_path / "cosper")
    testo = (copia / "2025.yaml").read_text(encoding="utf-8")
    testo = testo.replace("variazione_percentuale: 5.04", "variazione_percentuale: 5.05")
    (copia / "2025.yaml").write_text(testo, encoding="utf-8")
    [p] = _dichiarati(bilancio.check(copia))
    assert p.trovato == "+5,05%" and p.atteso == "+5,04%"


# --- the workbook -----------------------------------------------------------------------------

ANNO_DICHIARATO = """anno: 2025
persone:
  lavoratori:
    dipendenti: {numero: 3166, donne: 774}
economia: {valore_produzione: 100000, costi_produzione: 90000, costo_personale: 66197}
dichiarati:
  lavoratori_quota_donne: 24.4
  peso_costo_lavoro: 66.20
  peso_costo_lavoro_costi_produzione: {valore: 73.55, base: costi_produzione}
  valore_produzione: {variazione_percentuale: -4.76, rispetto_a: 2024}
anni_precedenti:
  2024:
    economia: {valore_produzione: 105000}
    dichiarati:
      valore_produzione: {variazione: 5000, rispetto_a: 2023}
  2023:
    economia: {valore_produzione: 100000}
"""


@pytest.fixture
def cartella_dichiarata(tmp_path):
    from conftest import scrivi_coop

    cartella = scrivi_coop(tmp_path / "coop", ANNO_DICHIARATO)
    return cartella


def _in_xlsx(cartella) -> Any:
    from bilancio.conversione import converti

    xlsx = converti(cartella / "2025.yaml", cartella / "xlsx" / "2025.xlsx")
    (cartella / "xlsx" / "ente.yaml").write_text(
        (cartella / "ente.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return xlsx


def _foglio(xlsx) -> tuple[Any, Any, dict[str, int]]:
    import openpyxl

    from bilancio.foglio.layout import FOGLIO_DICHIARATI

    wb = openpyxl.load_workbook(xlsx)
    ws = wb[FOGLIO_DICHIARATI]
    colonne = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}
    return wb, ws, colonne


def _riga(ws, colonne, anno: int, codice: str) -> int:
    return next(
        r
        for r in range(4, ws.max_row + 1)
        if ws.cell(r, colonne["Anno"]).value == anno
        and ws.cell(r, colonne["Codice"]).value == codice
    )


def test_yaml_xlsx_yaml_keeps_every_declared_figure_as_written(cartella_dichiarata) -> None:
    from bilancio.conversione import converti, leggi_anno

    assert not _dichiarati(bilancio.check(cartella_dichiarata))
    xlsx = _in_xlsx(cartella_dichiarata)
    ritorno = converti(xlsx, cartella_dichiarata / "ritorno" / "2025.yaml")
    originale, letto = leggi_anno(cartella_dichiarata / "2025.yaml"), leggi_anno(ritorno)
    assert letto.model_dump() == originale.model_dump()

    def scritti(anno: Anno) -> list[str]:  # Decimal equality ignores 66,20 vs 66,2: compare text
        return [
            f"{a}:{k.value}:{d.cifra}:{d.base}:{d.rispetto_a}"
            for a, dich in [(anno.anno, anno.dichiarati)]
            + [(y, p.dichiarati) for y, p in anno.anni_precedenti.items()]
            for k, d in dich.items()
        ]

    assert scritti(letto) == scritti(originale)
    assert "2025:peso_costo_lavoro:66.20:None:None" in scritti(letto)
    assert "2024:valore_produzione:5000:None:2023" in scritti(letto)
    assert "dichiarati" not in str(_foglio(xlsx)[0]["Anni precedenti"]["B"])  # own sheet only
    assert not _dichiarati(bilancio.check(xlsx.parent))


def test_the_sheet_has_the_codes_in_a_drop_down_and_the_names_beside(cartella_dichiarata) -> None:
    wb, ws, colonne = _foglio(_in_xlsx(cartella_dichiarata))
    assert list(colonne) == [
        "Anno",
        "Codice",
        "Indicatore",
        "Valore",
        "Base",
        "Variazione",
        "Variazione %",
        "Rispetto a",
    ]
    liste = {
        str(dv.sqref).split(":")[0][0]: dv.formula1
        for dv in ws.data_validations.dataValidation
        if dv.type == "list"
    }
    codici = wb["Elenchi"][liste["B"].split("!")[1].replace("$", "").split(":")[0][0]]
    assert {c.value for c in codici[1:] if c.value} == {i.codice for i in CATALOGO}
    assert "E" in liste  # the bases
    r = _riga(ws, colonne, 2025, "peso_costo_lavoro")
    assert ws.cell(r, colonne["Valore"]).number_format == "#,##0.00"  # 66,20 as written
    assert "MATCH(B" in ws.cell(r, colonne["Indicatore"]).value


def test_a_percentage_typed_the_spreadsheet_way_is_read_as_typed(cartella_dichiarata) -> None:
    from bilancio.lettura.xlsx import leggi_xlsx

    xlsx = _in_xlsx(cartella_dichiarata)
    wb, ws, colonne = _foglio(xlsx)
    r = _riga(ws, colonne, 2025, "lavoratori_quota_donne")
    cella = ws.cell(r, colonne["Valore"])
    cella.value, cella.number_format = 0.244, "0.0%"  # what Excel stores for «24,4%»
    r = _riga(ws, colonne, 2025, "valore_produzione")
    cella = ws.cell(r, colonne["Variazione %"])
    cella.value, cella.number_format = -0.0476, "0.00%"
    r = _riga(ws, colonne, 2025, "peso_costo_lavoro")
    cella = ws.cell(r, colonne["Valore"])
    cella.value, cella.number_format = 0.66, "0%"  # «66%»
    wb.save(xlsx)
    dati = leggi_xlsx(xlsx).dati["dichiarati"]
    assert str(dati["lavoratori_quota_donne"]["valore"]) == "24.4"
    assert str(dati["valore_produzione"]["variazione_percentuale"]) == "-4.76"
    assert str(dati["peso_costo_lavoro"]["valore"]) == "66"
    assert not _dichiarati(bilancio.check(xlsx.parent))


def test_a_wrong_figure_in_the_workbook_is_located_at_its_cell(cartella_dichiarata) -> None:
    xlsx = _in_xlsx(cartella_dichiarata)
    wb, ws, colonne = _foglio(xlsx)
    r = _riga(ws, colonne, 2025, "lavoratori_quota_donne")
    ws.cell(r, colonne["Valore"]).value = 24.5
    r2 = _riga(ws, colonne, 2024, "valore_produzione")
    ws.cell(r2, colonne["Rispetto a"]).value = 2020
    wb.save(xlsx)
    problemi = _dichiarati(bilancio.check(xlsx.parent))
    dove = {p.posizione.cella: p for p in problemi if p.posizione}  # type: ignore[union-attr]
    valore = dove[f"D{r}"]
    assert valore.posizione.foglio == "Cifre dichiarate" and "«Valore»" in valore.dove  # type: ignore[union-attr]
    assert "24,5%" in valore.messaggio and "24,4%" in valore.messaggio
    anno = dove[f"H{r2}"]
    assert "2020" in anno.messaggio and "2023" in anno.messaggio
    assert "yaml" not in " ".join(p.messaggio.casefold() for p in problemi)


@pytest.mark.parametrize(
    ("modifica", "colonna", "parola"),
    [
        ({"Valore": None}, "Valore", "Manca la cifra"),
        ({"Variazione": 3}, "Variazione", "una sola cifra"),
        ({"Valore": None, "Variazione": 3}, "Rispetto a", "anno"),
        ({"Rispetto a": 2024}, "Rispetto a", "solo per una variazione"),
        ({"Codice": "quota_di_qualcosa"}, "Codice", "sconosciuto"),
        ({"Anno": None}, "Anno", "senza l'anno"),
    ],
)
def test_a_malformed_row_is_an_error_at_its_cell(
    cartella_dichiarata, modifica: dict[str, Any], colonna: str, parola: str
) -> None:
    from openpyxl.utils import get_column_letter

    from bilancio.lettura.xlsx import leggi_xlsx

    xlsx = _in_xlsx(cartella_dichiarata)
    wb, ws, colonne = _foglio(xlsx)
    r = _riga(ws, colonne, 2025, "lavoratori_quota_donne")
    for intestazione, valore in modifica.items():
        ws.cell(r, colonne[intestazione]).value = valore
    wb.save(xlsx)
    letto = leggi_xlsx(xlsx)
    [p] = letto.problemi
    assert p.posizione.cella == f"{get_column_letter(colonne[colonna])}{r}"  # type: ignore[union-attr]
    assert parola in p.messaggio
    assert "lavoratori_quota_donne" not in letto.dati.get("dichiarati", {})


def test_a_label_may_stand_for_its_code_and_a_repeated_figure_is_reported(
    cartella_dichiarata,
) -> None:
    from bilancio.lettura.xlsx import leggi_xlsx

    xlsx = _in_xlsx(cartella_dichiarata)
    wb, ws, colonne = _foglio(xlsx)
    r = _riga(ws, colonne, 2025, "lavoratori_quota_donne")
    ws.cell(r, colonne["Codice"]).value = indicatore("lavoratori_quota_donne").etichetta
    vuota = ws.max_row
    ws.cell(vuota, colonne["Anno"]).value = 2025
    ws.cell(vuota, colonne["Codice"]).value = "lavoratori_quota_donne"
    ws.cell(vuota, colonne["Valore"]).value = 24
    wb.save(xlsx)
    letto = leggi_xlsx(xlsx)
    assert str(letto.dati["dichiarati"]["lavoratori_quota_donne"]["valore"]) == "24.4"
    [p] = letto.problemi
    assert p.codice == "CHIAVE-DUPLICATA" and p.posizione.cella == f"B{vuota}"  # type: ignore[union-attr]


def test_a_blank_workbook_has_the_sheet_and_reads_empty(tmp_path) -> None:
    import openpyxl

    from bilancio.foglio.cartella import cartella_bytes
    from bilancio.foglio.layout import FOGLIO_DICHIARATI
    from bilancio.lettura.xlsx import leggi_xlsx

    vuoto = tmp_path / "2025.xlsx"
    vuoto.write_bytes(cartella_bytes({"anno": 2025}, 2025))
    assert FOGLIO_DICHIARATI in openpyxl.load_workbook(vuoto).sheetnames
    letto = leggi_xlsx(vuoto)
    assert letto.problemi == [] and letto.dati == {"anno": 2025}


def test_an_unknown_code_is_named_with_a_suggestion(coop) -> None:
    r = _controlla(coop, {"dichiarati": {"quota_pubblca": 56}})
    [p] = [p for p in r.errori if p.codice == "SCHEMA"]
    assert "«quota_pubblca» non è il codice di un indicatore" in p.messaggio
    assert "«quota_pubblica»" in p.messaggio and p.campo == "dichiarati.quota_pubblca"
    assert p.posizione is not None and p.posizione.riga == 3  # the line of the key
