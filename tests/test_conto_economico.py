"""The CEE income statement (art. 2425 c.c.) and the equity lines: model, rules, workbook."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bilancio
from bilancio.cli import app
from bilancio.conversione import converti, dati_impostati, leggi_anno
from bilancio.errori import Problema
from bilancio.foglio.layout import Modulo, fogli
from bilancio.modello import Economia

# a consistent income statement: every total is the sum of its lines
CONTO: dict[str, Any] = {
    "valore_produzione": {
        "ricavi_vendite_prestazioni": 1000000,
        "variazioni_rimanenze_prodotti": 0,
        "variazioni_lavori_in_corso": 0,
        "incrementi_immobilizzazioni": 0,
        "altri_ricavi_proventi": {
            "contributi_conto_esercizio": 50000,
            "altri": 10000,
            "totale": 60000,
        },
        "totale": 1060000,
    },
    "costi_produzione": {
        "materie_prime": 20000,
        "servizi": 200000,
        "godimento_beni_terzi": 30000,
        "personale": {
            "salari_stipendi": 500000,
            "oneri_sociali": 150000,
            "trattamento_fine_rapporto": 35000,
            "trattamento_quiescenza": 0,
            "altri_costi": 5000,
            "totale": 690000,
        },
        "ammortamenti_svalutazioni": {
            "ammortamento_immateriali": 2000,
            "ammortamento_materiali": 8000,
            "altre_svalutazioni_immobilizzazioni": 0,
            "svalutazione_crediti": 1000,
            "totale": 11000,
        },
        "variazioni_rimanenze_materie": 0,
        "accantonamenti_rischi": 0,
        "altri_accantonamenti": 0,
        "oneri_diversi_gestione": 9000,
        "totale": 960000,
    },
    "differenza_valore_costi": 100000,
    "proventi_oneri_finanziari": {
        "proventi_partecipazioni": 0,
        "altri_proventi_finanziari": 500,
        "interessi_oneri_finanziari": 4500,
        "utili_perdite_cambi": 0,
        "totale": -4000,
    },
    "rettifiche_attivita_passivita_finanziarie": 0,
    "risultato_prima_imposte": 96000,
    "imposte": 6000,
    "utile_perdita_esercizio": 90000,
}
PATRIMONIO: dict[str, Any] = {
    "capitale_sociale": 5000,
    "riserva_soprapprezzo": 0,
    "riserve_rivalutazione": 0,
    "riserva_legale": 40000,
    "riserve_statutarie": 100000,
    "altre_riserve": 2000,
    "riserva_copertura_flussi": 0,
    "utili_perdite_portati_nuovo": 0,
    "riserva_negativa_azioni_proprie": 0,
    "riserve": 142000,
    "utile_perdita": 90000,
    "patrimonio_netto": 237000,
}
REGOLE_CEE = {
    "CONTO-ECONOMICO-A",
    "CONTO-ECONOMICO-B",
    "CONTO-ECONOMICO-C",
    "CONTO-ECONOMICO-RISULTATI",
    "CONTO-ECONOMICO-VOCI",
    "PATRIMONIO-NETTO",
}


def _anno(conto: dict[str, Any] | None = None, **economia: Any) -> dict[str, Any]:
    return {
        "anno": 2025,
        "economia": {
            "conto_economico": copy.deepcopy(CONTO) if conto is None else conto,
            "patrimonio": copy.deepcopy(PATRIMONIO),
            **economia,
        },
    }


def _problemi(coop, anno: dict[str, Any]) -> list[Problema]:
    return [p for p in bilancio.check(coop(anno)).errori if p.codice in REGOLE_CEE]


def _cambia(percorso: str, valore: Any) -> dict[str, Any]:
    """The consistent statement with one line changed, by dotted path."""
    conto = copy.deepcopy(CONTO)
    *su, ultimo = percorso.split(".")
    d = conto
    for parte in su:
        d = d[parte]
    d[ultimo] = valore
    return conto


def _togli(percorso: str) -> dict[str, Any]:
    conto = copy.deepcopy(CONTO)
    *su, ultimo = percorso.split(".")
    d = conto
    for parte in su:
        d = d[parte]
    del d[ultimo]
    return conto


# --- the model ----------------------------------------------------------------------------


def test_a_consistent_statement_passes_every_rule(coop) -> None:
    anno = _anno(valore_produzione=1060000, costo_personale=690000, risultato_esercizio=90000)
    assert _problemi(coop, anno) == []


def test_key_figures_come_from_the_statement_when_not_written() -> None:
    eco = Economia.model_validate({"conto_economico": CONTO})
    assert eco.valore_produzione == 1060000
    assert eco.ricavi_vendite_prestazioni == 1000000
    assert eco.contributi_conto_esercizio == 50000
    assert eco.costi_servizi == 200000
    assert eco.costo_personale == 690000
    assert eco.risultato_gestione == 100000
    assert eco.risultato_esercizio == 90000
    # not marked as written: converting the file back writes only what was written
    assert eco.model_fields_set == {"conto_economico"}
    assert set(eco.model_dump(exclude_unset=True)) == {"conto_economico"}


def test_written_key_figures_win_and_old_keys_keep_working() -> None:
    eco = Economia.model_validate(
        {"valore_produzione": 5, "costo_personale": 3, "costo_lavoro_in_servizi": 1}
    )
    assert (eco.valore_produzione, eco.costo_lavoro, eco.conto_economico) == (5, 4, None)
    eco = Economia.model_validate({"valore_produzione": 5, "conto_economico": CONTO})
    assert eco.valore_produzione == 5  # the rule CONTO-ECONOMICO-VOCI reports the mismatch


def test_an_unknown_line_makes_its_total_unknown_not_zero() -> None:
    conto = _togli("costi_produzione.personale.oneri_sociali")
    del conto["costi_produzione"]["personale"]["totale"]
    del conto["costi_produzione"]["totale"]
    eco = Economia.model_validate({"conto_economico": conto})
    assert eco.conto_economico is not None and eco.conto_economico.costi_produzione is not None
    assert eco.conto_economico.costi_produzione.personale.somma_voci is None  # type: ignore[union-attr]
    assert eco.conto_economico.totale_b is None
    assert eco.costo_personale is None
    # A-B is still known, because it is written
    assert eco.risultato_gestione == 100000


def test_totals_are_computed_from_complete_lines() -> None:
    conto = _togli("valore_produzione.totale")
    del conto["differenza_valore_costi"]
    del conto["risultato_prima_imposte"]
    del conto["utile_perdita_esercizio"]
    eco = Economia.model_validate({"conto_economico": conto})
    ce = eco.conto_economico
    assert ce is not None
    assert (ce.totale_a, ce.differenza, ce.prima_imposte, ce.risultato) == (
        1060000,
        100000,
        96000,
        90000,
    )
    assert eco.valore_produzione == 1060000 and eco.risultato_esercizio == 90000


def test_abbreviated_accounts_lines() -> None:
    conto = copy.deepcopy(CONTO)
    personale = conto["costi_produzione"]["personale"]
    for k in ("trattamento_fine_rapporto", "trattamento_quiescenza", "altri_costi"):
        del personale[k]
    personale["tfr_quiescenza_altri_costi"] = 40000
    amm = conto["costi_produzione"]["ammortamenti_svalutazioni"]
    for k in (
        "ammortamento_immateriali",
        "ammortamento_materiali",
        "altre_svalutazioni_immobilizzazioni",
    ):
        del amm[k]
    amm["ammortamenti_svalutazioni_immobilizzazioni"] = 10000
    ce = Economia.model_validate({"conto_economico": conto}).conto_economico
    assert ce is not None and ce.costi_produzione is not None
    assert ce.costi_produzione.personale.somma_voci == 690000  # type: ignore[union-attr]
    assert ce.costi_produzione.ammortamenti_svalutazioni.somma_voci == 11000  # type: ignore[union-attr]
    assert ce.costi_produzione.somma_voci == 960000


def test_every_cee_field_has_a_title_and_an_xbrl_element() -> None:
    from bilancio.modello import conto_economico as m
    from bilancio.modello import economia as e

    for modello in (
        m.ValoreProduzione,
        m.AltriRicaviProventi,
        m.CostiProduzione,
        m.CostiPersonale,
        m.AmmortamentiSvalutazioni,
        m.ProventiOneriFinanziari,
        m.ContoEconomico,
        e.Patrimonio,
    ):
        for nome, info in modello.model_fields.items():
            assert info.title, f"{modello.__name__}.{nome}"
            sotto = info.annotation is not None and any(
                isinstance(t, type) and issubclass(t, bilancio.modello.comuni.Modello)
                for t in getattr(info.annotation, "__args__", (info.annotation,))
            )
            if not sotto and nome != "riserve":  # reserves have no total in XBRL
                assert "XBRL itcc-ci:" in (info.description or ""), f"{modello.__name__}.{nome}"


# --- the rules, each both ways ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percorso", "valore", "codice", "campo"),
    [
        ("valore_produzione.totale", 1060500, "CONTO-ECONOMICO-A", "valore_produzione.totale"),
        (
            "valore_produzione.altri_ricavi_proventi.totale",
            65000,
            "CONTO-ECONOMICO-A",
            "valore_produzione.altri_ricavi_proventi.totale",
        ),
        ("costi_produzione.totale", 950000, "CONTO-ECONOMICO-B", "costi_produzione.totale"),
        (
            "costi_produzione.personale.totale",
            680000,
            "CONTO-ECONOMICO-B",
            "costi_produzione.personale.totale",
        ),
        (
            "costi_produzione.ammortamenti_svalutazioni.totale",
            12000,
            "CONTO-ECONOMICO-B",
            "costi_produzione.ammortamenti_svalutazioni.totale",
        ),
        (
            "proventi_oneri_finanziari.totale",
            4000,
            "CONTO-ECONOMICO-C",
            "proventi_oneri_finanziari.totale",
        ),
        ("differenza_valore_costi", 110000, "CONTO-ECONOMICO-RISULTATI", "differenza_valore_costi"),
        ("risultato_prima_imposte", 100000, "CONTO-ECONOMICO-RISULTATI", "risultato_prima_imposte"),
        ("utile_perdita_esercizio", 96000, "CONTO-ECONOMICO-RISULTATI", "utile_perdita_esercizio"),
    ],
)
def test_each_total_is_the_sum_of_its_lines(coop, percorso, valore, codice, campo) -> None:
    problemi = [p for p in _problemi(coop, _anno(_cambia(percorso, valore))) if p.codice == codice]
    assert [p.campo for p in problemi] == [f"economia.conto_economico.{campo}"]
    [p] = problemi
    assert p.posizione is not None and p.posizione.riga is not None
    assert p.trovato == bilancio.formato.euro(valore)


def test_messages_show_both_numbers(coop) -> None:
    [p] = _problemi(coop, _anno(_cambia("costi_produzione.totale", 950000)))
    assert p.trovato == "€ 950.000" and p.atteso == "€ 960.000"
    assert "B6 + B7" in p.messaggio and "2025" in p.messaggio


def test_abbreviated_personnel_line_agrees_with_its_parts(coop) -> None:
    conto = _cambia("costi_produzione.personale.tfr_quiescenza_altri_costi", 40000)
    assert _problemi(coop, _anno(conto)) == []
    conto = _cambia("costi_produzione.personale.tfr_quiescenza_altri_costi", 41000)
    [p] = _problemi(coop, _anno(conto))
    assert (
        p.campo == "economia.conto_economico.costi_produzione.personale.tfr_quiescenza_altri_costi"
    )


def test_a_total_is_not_checked_when_a_line_is_unknown(coop) -> None:
    conto = _togli("costi_produzione.materie_prime")
    conto["costi_produzione"]["totale"] = 1  # cannot be checked: B6 unknown
    assert [p.codice for p in _problemi(coop, _anno(conto))] == ["CONTO-ECONOMICO-RISULTATI"]
    conto = _togli("valore_produzione.variazioni_lavori_in_corso")
    conto["valore_produzione"]["totale"] = 1
    codici = [p.codice for p in _problemi(coop, _anno(conto))]
    assert "CONTO-ECONOMICO-A" not in codici


def test_result_before_taxes_needs_financial_items(coop) -> None:
    conto = _togli("rettifiche_attivita_passivita_finanziarie")
    conto["risultato_prima_imposte"] = 1  # D unknown: not checked against A-B+C+D
    codici = [p.campo for p in _problemi(coop, _anno(conto))]
    assert codici == ["economia.conto_economico.utile_perdita_esercizio"]  # 1 - 6000 != 90000


@pytest.mark.parametrize(
    ("chiave", "giusto", "sbagliato"),
    [
        ("valore_produzione", 1060000, 1050000),
        ("ricavi_vendite_prestazioni", 1000000, 990000),
        ("contributi_conto_esercizio", 50000, 40000),
        ("costi_servizi", 200000, 210000),
        ("costo_personale", 690000, 700000),
        ("risultato_gestione", 100000, 90000),
        ("risultato_esercizio", 90000, 80000),
    ],
)
def test_old_keys_and_cee_lines_agree(coop, chiave, giusto, sbagliato) -> None:
    assert _problemi(coop, _anno(**{chiave: giusto})) == []
    problemi = _problemi(coop, _anno(**{chiave: sbagliato}))
    voci = [p for p in problemi if p.codice == "CONTO-ECONOMICO-VOCI"]
    assert [p.campo for p in voci] == [f"economia.{chiave}"]
    assert voci[0].trovato == bilancio.formato.euro(sbagliato)
    assert voci[0].atteso == bilancio.formato.euro(giusto)


def test_old_keys_with_an_incomplete_statement(coop) -> None:
    # only total B is known: the labour-cost share of production costs has what it needs
    conto = {"costi_produzione": {"totale": 6531000}}
    r = bilancio.check(
        coop(
            {
                "anno": 2025,
                "economia": {
                    "valore_produzione": 8924272,
                    "costo_personale": 4768696,
                    "conto_economico": conto,
                },
            }
        )
    )
    assert not [p for p in r.errori if p.codice in REGOLE_CEE]
    dati = bilancio.load(
        coop({"anno": 2025, "economia": {"costo_personale": 4768696, "conto_economico": conto}})
    )
    assert dati.anno.economia.conto_economico.totale_b == 6531000  # type: ignore[union-attr]


def test_reserves_by_kind_add_up_to_total_reserves(coop) -> None:
    anno = _anno()
    anno["economia"]["patrimonio"]["riserva_legale"] = 41000
    [p] = _problemi(coop, anno)
    assert p.codice == "PATRIMONIO-NETTO" and p.campo == "economia.patrimonio.riserve"
    assert p.trovato == "€ 142.000" and p.atteso == "€ 143.000"


def test_net_equity_uses_the_reserves_by_kind_when_no_total_is_written(coop) -> None:
    anno = _anno()
    del anno["economia"]["patrimonio"]["riserve"]
    assert _problemi(coop, anno) == []
    anno["economia"]["patrimonio"]["patrimonio_netto"] = 240000
    [p] = _problemi(coop, anno)
    assert p.campo == "economia.patrimonio.patrimonio_netto" and p.atteso == "€ 237.000"
    # one kind unknown: the total of reserves is unknown, net equity is not checked
    del anno["economia"]["patrimonio"]["riserva_soprapprezzo"]
    assert _problemi(coop, anno) == []


def test_the_statement_is_checked_in_earlier_years_too(coop) -> None:
    anno = _anno()
    anno["anni_precedenti"] = {
        2024: {"economia": {"conto_economico": _cambia("costi_produzione.totale", 1)}}
    }
    [p] = _problemi(coop, anno)
    assert p.campo == "anni_precedenti.2024.economia.conto_economico.costi_produzione.totale"


# --- the workbook ------------------------------------------------------------------------------


def test_workbook_has_the_cee_lines() -> None:
    [foglio] = [f for f in fogli() if f.nome == "Economia"]
    etichette = {c.etichetta for b in foglio.blocchi if isinstance(b, Modulo) for c in b.campi}
    assert (
        "Costi della produzione (B) › Per il personale (B9) › Salari e stipendi (B9a)" in etichette
    )
    assert "Totale riserve" in etichette and "Riserva legale (A.IV)" in etichette
    assert "Utile (perdita) dell'esercizio (21)" in etichette


def test_convert_round_trip_keeps_the_statement(coop, tmp_path: Path) -> None:
    cartella = coop(_anno(valore_produzione=1060000))
    originale = leggi_anno(cartella / "2025.yaml")
    xlsx = converti(cartella / "2025.yaml", tmp_path / "x" / "2025.xlsx")
    ritorno = converti(xlsx, tmp_path / "y" / "2025.yaml")
    tornato = leggi_anno(ritorno)
    assert tornato.model_dump() == originale.model_dump()
    assert dati_impostati(tornato) == dati_impostati(originale)
    # the derived key figures were not written into the files
    assert "costo_personale" not in dati_impostati(tornato)["economia"]
    assert "costo_personale" not in ritorno.read_text(encoding="utf-8")


def test_convert_cli_round_trip(coop, tmp_path: Path) -> None:
    cartella = coop(_anno())
    runner = CliRunner()
    r = runner.invoke(app, ["convert", str(cartella / "2025.yaml"), str(tmp_path / "2025.xlsx")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(
        app, ["convert", str(tmp_path / "2025.xlsx"), str(tmp_path / "b" / "2025.yaml")]
    )
    assert r.exit_code == 0, r.output
    a = leggi_anno(cartella / "2025.yaml").economia
    b = leggi_anno(tmp_path / "b" / "2025.yaml").economia
    assert a is not None and b is not None
    assert a.conto_economico == b.conto_economico and a.patrimonio == b.patrimonio
    assert b.conto_economico is not None and b.conto_economico.imposte == Decimal(6000)
