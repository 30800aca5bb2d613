"""Unknown is not zero: a figure not written reads as unknown (None) all the way to the
report, a written 0 as 0 (education levels, traineeships in Servizio Civile, volunteers'
reimbursements, revenues by kind)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bilancio import formato
from bilancio.controllo import valida_bilancio
from bilancio.modello import Istruzione, RicavoPerTipologia
from bilancio.report import costruisci_report
from conftest import ESEMPI

Modifica = Callable[[dict[str, Any]], None]


def _report(tmp_path: Path, modifica: Modifica) -> dict[str, Any]:
    """The full report's context of Arcobaleno 2025 with ``modifica`` applied to its data."""
    cartella = tmp_path / "arcobaleno"
    shutil.copytree(ESEMPI / "arcobaleno", cartella)
    file = cartella / "2025.yaml"
    dati = yaml.safe_load(file.read_text(encoding="utf-8"))
    modifica(dati)
    file.write_text(yaml.safe_dump(dati, allow_unicode=True, sort_keys=False), encoding="utf-8")
    bil, rapporto = valida_bilancio(cartella)
    report = costruisci_report(bil, rapporto, "completo")
    return report.model_dump(mode="json")


def _blocchi(nodo: Any) -> Iterator[dict[str, Any]]:
    if isinstance(nodo, dict):
        yield nodo
        for v in nodo.values():
            yield from _blocchi(v)
    elif isinstance(nodo, list):
        for v in nodo:
            yield from _blocchi(v)


def _conteggi(report: dict[str, Any], tabella: str) -> dict[str, Any]:
    (b,) = [b for b in _blocchi(report) if b.get("tabella") == tabella and "valori" in b]
    return b


def _rimborsi(report: dict[str, Any]) -> dict[str, Any]:
    (b,) = [b for b in _blocchi(report) if b.get("tipo") == "rimborsi"]
    return b


def _fonti(report: dict[str, Any]) -> dict[str, Any]:
    (b,) = [b for b in _blocchi(report) if "voci" in b and "anno" in b and "totale" in b]
    return b


def _persone(**valori: Any) -> Modifica:
    def modifica(dati: dict[str, Any]) -> None:
        for chiave, valore in valori.items():
            dati["persone"][chiave] = valore

    return modifica


def test_education_levels_not_written_are_left_out_and_so_is_the_total(tmp_path: Path) -> None:
    # five levels of eight written: the other three are unknown, not zero
    def cinque_livelli(dati: dict[str, Any]) -> None:
        for livello in ("dottorato", "master_secondo_livello", "master_primo_livello"):
            dati["persone"]["istruzione"].pop(livello, None)

    report = _report(tmp_path, cinque_livelli)
    tabella = _conteggi(report, "istruzione")
    assert "dottorato" not in tabella["valori"] and tabella["totale"] is None
    assert tabella["valori"]["diploma"] == "9"


def test_education_levels_written_as_zero_print_zero_and_the_total(tmp_path: Path) -> None:
    livelli = {
        "dottorato": 0,
        "master_secondo_livello": 0,
        "laurea_magistrale": 2,
        "master_primo_livello": 0,
        "laurea_triennale": 3,
        "diploma": 9,
        "licenza_media": 11,
        "altro": 1,
    }
    tabella = _conteggi(_report(tmp_path, _persone(istruzione=livelli)), "istruzione")
    assert tabella["valori"]["dottorato"] == "0" and tabella["totale"] == "26"


@pytest.mark.parametrize(("valore", "atteso"), [(None, None), (0, "0"), (1, "1")])
def test_traineeships_in_servizio_civile(
    tmp_path: Path, valore: int | None, atteso: str | None
) -> None:
    tirocini = {"numero": 3} if valore is None else {"numero": 3, "servizio_civile": valore}
    valori = _conteggi(_report(tmp_path, _persone(tirocini=tirocini)), "tirocini")["valori"]
    assert valori.get("servizio_civile") == atteso and valori["numero"] == "3"


def test_reimbursements_not_written_print_nd_with_the_legend(tmp_path: Path) -> None:
    report = _report(tmp_path, _persone(rimborsi_volontari={"modalita": "documentato"}))
    rimborsi = _rimborsi(report)
    assert rimborsi["importo"] == formato.ND and rimborsi["volontari"] == formato.ND
    assert report["legenda"] is not None and formato.ND in report["legenda"]


def test_reimbursements_written_as_zero_print_zero(tmp_path: Path) -> None:
    rimborsi = {"modalita": "documentato", "importo_totale": 0, "volontari_rimborsati": 0}
    report = _report(tmp_path, _persone(rimborsi_volontari=rimborsi))
    scritti = _rimborsi(report)
    assert scritti["importo"] == "€ 0,00" and scritti["volontari"] == "0"


def test_revenue_part_not_written_is_nd_unless_the_declared_total_gives_it(tmp_path: Path) -> None:
    def modifica(dati: dict[str, Any]) -> None:
        dati["economia"]["ricavi_per_tipologia"] = [
            # the declared total gives the public part: 0
            {"tipologia": "vendita_merci", "privato": 62000, "totale": 62000},
            # no total: the public part is unknown, and so are the row's and the column's totals
            {"tipologia": "contributi_offerte", "privato": 8000},
            # a written 0 is a 0
            {"tipologia": "grants_progettazione", "pubblico": 38280, "privato": 0},
        ]

    fonti = _fonti(_report(tmp_path, modifica))
    vendita, offerte, grants = fonti["voci"]
    assert vendita["pubblico"] == "€ 0" and vendita["totale"] == "€ 62.000"
    assert offerte["pubblico"] == formato.ND and offerte["totale"] == formato.ND
    assert offerte["privato"] == "€ 8.000"
    assert grants["privato"] == "€ 0" and grants["totale"] == "€ 38.280"
    assert fonti["totale"]["pubblico"] == formato.ND and fonti["totale"]["totale"] == formato.ND
    assert fonti["totale"]["privato"] == "€ 70.000"


# --- the compute property of test_calcolo, for the derived figures of these models ----------

LIVELLI = tuple(Istruzione.model_fields)
_DERIVATE_RICAVO = ("quota_pubblica", "quota_privata", "somma", "importo")


def _derivate(modello: Any, nomi: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(modello, n) for n in nomi}


def _mai_come_zero(cls: Any, dati: dict[str, Any], chiave: str, derivate: tuple[str, ...]) -> None:
    """Removing ``chiave`` never yields a derived value equal to the one computed with it
    set to 0 (where 0 changes the value): a figure not written is never summed as zero."""
    pieno = _derivate(cls.model_validate(dati), derivate)
    senza = _derivate(cls.model_validate({k: v for k, v in dati.items() if k != chiave}), derivate)
    zero = _derivate(cls.model_validate(dati | {chiave: 0}), derivate)
    for nome in derivate:
        if senza[nome] is not None and zero[nome] is not None and zero[nome] != pieno[nome]:
            assert senza[nome] != zero[nome], (nome, dati, chiave)


@given(
    st.dictionaries(st.sampled_from(LIVELLI), st.integers(0, 60), min_size=1),
    st.data(),
)
def test_an_education_level_not_written_is_never_summed_as_zero(
    livelli: dict[str, int], data: st.DataObject
) -> None:
    chiave = data.draw(st.sampled_from(sorted(livelli)))
    # (``somma_scritta`` is only a lower bound, the sum of what is written: not a total)
    _mai_come_zero(Istruzione, livelli, chiave, ("somma", "livelli"))
    assert (
        Istruzione.model_validate({k: v for k, v in livelli.items() if k != chiave}).somma is None
    )


@given(
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.booleans(),
    st.sampled_from(("pubblico", "privato")),
)
def test_a_revenue_part_not_written_is_never_summed_as_zero(
    pubblico: int, privato: int, con_totale: bool, chiave: str
) -> None:
    dati: dict[str, Any] = {"tipologia": "altro", "pubblico": pubblico, "privato": privato}
    if con_totale:  # a consistent declared total
        dati["totale"] = pubblico + privato
    _mai_come_zero(RicavoPerTipologia, dati, chiave, _DERIVATE_RICAVO)


def _capitale(report: dict[str, Any]) -> list[str]:
    (par,) = [b for b in _blocchi(report) if b.get("id") == "economia-capitale"]
    (tabella,) = [b for b in par["blocchi"] if b.get("tipo") == "triennale"]
    return list(tabella["totale"]["valori"])


def test_capital_by_member_type_total_is_never_a_partial_sum(tmp_path: Path) -> None:
    # Arcobaleno 2025 writes three types of member of five: their total is the share
    # capital they fit in (€ 10.500), not a sum reading the other two as 0
    assert _capitale(_report(tmp_path / "a", lambda d: None))[0] == "€ 10.500"

    def senza_capitale(dati: dict[str, Any]) -> None:
        del dati["economia"]["patrimonio"]["capitale_sociale"]

    assert _capitale(_report(tmp_path / "b", senza_capitale))[0] == formato.ND

    def tutti(dati: dict[str, Any]) -> None:
        del dati["economia"]["patrimonio"]["capitale_sociale"]
        dati["economia"]["capitale_per_socio"] |= {"fruitori": 0, "sovventori": 0}

    assert _capitale(_report(tmp_path / "c", tutti))[0] == "€ 10.500"


def _interesse_generale(report: dict[str, Any]) -> dict[str, Any]:
    (b,) = [b for b in _blocchi(report) if b.get("tipo") == "interesse_generale"]
    return b


def test_general_interest_share_on_the_law_s_base_only_when_total_revenues_are_given(
    tmp_path: Path,
) -> None:
    # Arcobaleno, a cooperativa sociale: no total revenues, so only the share of the value
    # of production, and never the 70% minimum (DM 22 giugno 2021 leaves cooperatives out)
    b = _interesse_generale(_report(tmp_path / "a", lambda d: None))
    assert (b["quota_ricavi"], b["minimo_di_legge"], b["quota_valore_produzione"]) == (
        None,
        False,
        "100%",
    )

    def con_ricavi(d: dict[str, Any]) -> None:
        d["economia"]["ricavi_complessivi"] = 1200000  # 1.148.620 / 1.200.000 = 95,7%
        del d["economia"]["valore_produzione"]

    b = _interesse_generale(_report(tmp_path / "b", con_ricavi))
    assert (b["quota_ricavi"], b["minimo_di_legge"], b["quota_valore_produzione"]) == (
        "96%",
        False,
        None,
    )
