"""Where each rule applies: entity types (``qualifica``) and first year; the qualification itself."""

from __future__ import annotations

from typing import Any

import pytest

import bilancio
from bilancio.caricamento import Bilancio, carica
from bilancio.modello import Anno, Ente, Qualifica
from bilancio.regole import REGOLE, applicabili

Q = Qualifica
TUTTI = frozenset(Q)
IMPRESE_SOCIALI = TUTTI - {Q.ETS}
COOPERATIVE = frozenset({Q.COOPERATIVA_A, Q.COOPERATIVA_B, Q.COOPERATIVA_AB, Q.CONSORZIO})

# the applicability table, written out from the law (see the README's rule table)
ATTESE: dict[str, tuple[frozenset[Qualifica], int | None]] = {
    "ENTE-QUALIFICA": (TUTTI, None),
    "SOCI-VOLONTARI": (COOPERATIVE, None),  # l. 381/1991 art. 2
    "CDA-COMPONENTI": (TUTTI, None),
    "CDA-COMPOSIZIONE": (TUTTI, None),
    "LAVORATORI-TOTALE": (TUTTI, None),
    "RAPPORTO-RETRIBUTIVO": (TUTTI, None),  # d.lgs. 112 art. 13 c.1 and CTS art. 16
    "SVANTAGGIATI-B": (frozenset({Q.COOPERATIVA_B, Q.COOPERATIVA_AB}), None),
    "RIMBORSI-VOLONTARI": (TUTTI, None),
    "VOLONTARI-LAVORATORI": (IMPRESE_SOCIALI, None),  # d.lgs. 112 art. 13 c.2
    "VOLONTARI-REGISTRO": (TUTTI, None),
    "ISTRUZIONE-TOTALE": (TUTTI, None),
    "VOLONTARI-SOCI": (TUTTI, None),
    "BENEFICIARI-SERVIZIO": (TUTTI, None),
    "BENEFICIARI-TOTALE": (TUTTI, None),
    "INTERVENTI-SERVIZIO": (TUTTI, None),
    "DURATA-MEDIA": (TUTTI, None),
    "PATRIMONIO-NETTO": (TUTTI, None),
    "CAPITALE-SOCI": (TUTTI, None),
    "RICAVI-VALORE-PRODUZIONE": (TUTTI, None),
    "QUOTE-PUBBLICO-PRIVATO": (TUTTI, None),
    "DICHIARATI": (TUTTI, None),  # the printed figures, checked against the computed ones
    "CONTO-ECONOMICO-A": (TUTTI, None),
    "CONTO-ECONOMICO-B": (TUTTI, None),
    "CONTO-ECONOMICO-C": (TUTTI, None),
    "CONTO-ECONOMICO-RISULTATI": (TUTTI, None),
    "CONTO-ECONOMICO-VOCI": (TUTTI, None),
    "VALORE-AGGIUNTO": (TUTTI, None),  # GBS: arithmetic of the statement
    "XBRL-RICONCILIAZIONE": (TUTTI, None),  # the deposited accounts, whatever the entity
    "XBRL-ENTE": (TUTTI, None),
    # DM 22 giugno 2021: other imprese sociali only (not cooperative sociali nor their
    # consortia), from 1 January 2022
    "INTERESSE-GENERALE-70": (frozenset({Q.IMPRESA_SOCIALE}), 2022),
    "CONFORMITA": (TUTTI, 2020),  # DM 4 luglio 2019: from financial year 2020
}

ENTI: dict[Qualifica, dict[str, Any]] = {
    Q.COOPERATIVA_A: {"forma_giuridica": "cooperativa sociale", "tipo": "A"},
    Q.COOPERATIVA_B: {"forma_giuridica": "cooperativa sociale", "tipo": "B"},
    Q.COOPERATIVA_AB: {"forma_giuridica": "cooperativa sociale", "tipo": "A+B"},
    Q.CONSORZIO: {"forma_giuridica": "consorzio di cooperative sociali", "tipo": "A"},
    Q.IMPRESA_SOCIALE: {"forma_giuridica": "impresa sociale società", "tipo": "non applicabile"},
    Q.ETS: {"forma_giuridica": "associazione", "tipo": "non applicabile", "impresa_sociale": False},
}


def _ente(qualifica: Qualifica, **extra: Any) -> dict[str, Any]:
    return {"denominazione": "Ente di prova", **ENTI[qualifica], **extra}


def test_the_registry_matches_the_applicability_table() -> None:
    assert set(REGOLE) == set(ATTESE)
    for codice, (enti, dal) in ATTESE.items():
        assert (REGOLE[codice].enti, REGOLE[codice].dal) == (enti, dal), codice


@pytest.mark.parametrize("qualifica", list(Qualifica))
@pytest.mark.parametrize("anno", [2019, 2020, 2021, 2022, 2025])
def test_applica_runs_exactly_the_rules_that_apply(qualifica: Qualifica, anno: int) -> None:
    bil = Bilancio(ente=Ente.model_validate(_ente(qualifica)), anno=Anno(anno=anno))
    assert bil.ente.qualificazione is qualifica  # derived from forma giuridica and tipo
    attese = {
        codice for codice, (enti, dal) in ATTESE.items() if qualifica in enti and anno >= (dal or 0)
    }
    assert {r.codice for r in applicabili(bil)} == attese


@pytest.mark.parametrize(
    ("ente", "attesa"),
    [
        ({"forma_giuridica": "cooperativa sociale", "tipo": "A"}, Q.COOPERATIVA_A),
        ({"forma_giuridica": "cooperativa sociale", "tipo": "B"}, Q.COOPERATIVA_B),
        ({"forma_giuridica": "cooperativa sociale", "tipo": "A+B"}, Q.COOPERATIVA_AB),
        ({"forma_giuridica": "cooperativa sociale", "tipo": "non applicabile"}, Q.COOPERATIVA_A),
        ({"forma_giuridica": "consorzio di cooperative sociali", "tipo": "B"}, Q.CONSORZIO),
        ({"forma_giuridica": "fondazione", "tipo": "non applicabile"}, Q.IMPRESA_SOCIALE),
        (
            {"forma_giuridica": "fondazione", "tipo": "non applicabile", "impresa_sociale": False},
            Q.ETS,
        ),
        (
            {
                "forma_giuridica": "cooperativa sociale",
                "tipo": "A",
                "qualifica": "cooperativa sociale A",
            },
            Q.COOPERATIVA_A,
        ),
    ],
)
def test_qualification_is_derived_when_not_written(ente: dict[str, Any], attesa: Qualifica) -> None:
    assert Ente.model_validate({"denominazione": "X", **ente}).qualificazione is attesa


def test_bundled_examples_keep_their_qualification() -> None:
    from conftest import ESEMPI

    attese = {"cipm": Q.COOPERATIVA_A, "cosper": Q.COOPERATIVA_AB, "arcobaleno": Q.COOPERATIVA_B}
    for nome, qualifica in attese.items():
        r = bilancio.check(ESEMPI / nome)
        assert r.leggibile
        assert "ENTE-QUALIFICA" not in {p.codice for p in r.problemi}
        assert carica(ESEMPI / nome).bilancio.ente.qualificazione is qualifica


def _codici(r: bilancio.Rapporto, gravita: str = "errore") -> list[str]:
    return [p.codice for p in r.problemi if p.gravita.value == gravita]


def test_qualification_must_agree_with_legal_form_and_type(coop) -> None:
    base = {"denominazione": "X", "codice_fiscale": "97162980151"}
    ok = {
        **base,
        "forma_giuridica": "cooperativa sociale",
        "tipo": "B",
        "qualifica": "cooperativa sociale B",
    }
    assert "ENTE-QUALIFICA" not in _codici(bilancio.check(coop({"anno": 2025}, ok)))
    for ente, campo in (
        ({**ok, "tipo": "A"}, "tipo"),
        ({**ok, "qualifica": "altra impresa sociale"}, "qualifica"),
        ({**ok, "forma_giuridica": "associazione", "tipo": "non applicabile"}, "qualifica"),
        (
            {**ok, "qualifica": "consorzio di cooperative sociali", "tipo": "non applicabile"},
            "qualifica",
        ),
        (
            {
                **base,
                "forma_giuridica": "associazione",
                "tipo": "non applicabile",
                "qualifica": "ETS",
                "impresa_sociale": True,
            },
            "impresa_sociale",
        ),
    ):
        [p] = [
            p
            for p in bilancio.check(coop({"anno": 2025}, ente)).errori
            if p.codice == "ENTE-QUALIFICA"
        ]
        assert (
            p.campo == campo and p.posizione is not None and p.posizione.file.endswith("ente.yaml")
        )


def test_a_social_cooperative_without_type_is_treated_as_type_a_with_a_warning(coop) -> None:
    ente = {
        "denominazione": "X",
        "forma_giuridica": "cooperativa sociale",
        "tipo": "non applicabile",
    }
    r = bilancio.check(coop({"anno": 2025}, ente))
    assert "ENTE-QUALIFICA" in _codici(r, "avviso") and "ENTE-QUALIFICA" not in _codici(r)


def test_rules_for_social_cooperatives_skip_other_entities(coop) -> None:
    soci = {"governo": {"soci": {"lavoratori": 4, "volontari": 5}}}
    assert "SOCI-VOLONTARI" in _codici(bilancio.check(coop({"anno": 2025, **soci})))
    altra = _ente(Q.IMPRESA_SOCIALE)
    assert "SOCI-VOLONTARI" not in _codici(bilancio.check(coop({"anno": 2025, **soci}, altra)))
    # a consortium is not a type-B cooperative: no 30% disadvantaged workers rule
    consorzio = _ente(Q.CONSORZIO, tipo="B")
    r = bilancio.check(coop({"anno": 2025}, consorzio))
    assert "SVANTAGGIATI-B" not in _codici(r) + _codici(r, "avviso")
    assert "4.7" not in {v.codice for v in r.conformita}


# --- volunteers and workers (d.lgs. 112/2017 art. 13 c.2) --------------------------------


def _persone(volontari: dict[str, Any], dipendenti: int = 3) -> dict[str, Any]:
    return {
        "anno": 2025,
        "persone": {
            "lavoratori": {"dipendenti": {"numero": dipendenti}, "autonomi": {"numero": 1}},
            "volontari": volontari,
        },
    }


def test_volunteers_no_more_than_workers_error_for_other_imprese_sociali(coop) -> None:
    altra = _ente(Q.IMPRESA_SOCIALE)
    ok = bilancio.check(coop(_persone({"numero": 6, "nell_attivita_impresa": 4}), altra))
    assert "VOLONTARI-LAVORATORI" not in _codici(ok) + _codici(ok, "avviso")
    r = bilancio.check(coop(_persone({"numero": 6, "nell_attivita_impresa": 5}), altra))
    [p] = [p for p in r.errori if p.codice == "VOLONTARI-LAVORATORI"]
    assert p.trovato == "5" and p.atteso == "al massimo 4" and "112/2017" in p.riferimento
    assert p.campo == "persone.volontari.nell_attivita_impresa"


def test_volunteers_no_more_than_workers_warning_for_social_cooperatives(coop) -> None:
    r = bilancio.check(coop(_persone({"numero": 6, "nell_attivita_impresa": 5})))
    assert "VOLONTARI-LAVORATORI" in _codici(r, "avviso")
    assert "VOLONTARI-LAVORATORI" not in _codici(r)


def test_volunteers_total_over_workers_asks_how_many_work_in_the_business(coop) -> None:
    r = bilancio.check(coop(_persone({"numero": 6}), _ente(Q.IMPRESA_SOCIALE)))
    [p] = [p for p in r.problemi if p.codice == "VOLONTARI-LAVORATORI"]
    assert p.gravita.value == "avviso" and "nell_attivita_impresa" in p.messaggio
    assert "VOLONTARI-LAVORATORI" not in _codici(
        bilancio.check(coop(_persone({"numero": 4}), _ente(Q.IMPRESA_SOCIALE))), "avviso"
    )


def test_volunteers_rule_does_not_apply_to_ets(coop) -> None:
    r = bilancio.check(coop(_persone({"numero": 9, "nell_attivita_impresa": 9}), _ente(Q.ETS)))
    assert "VOLONTARI-LAVORATORI" not in _codici(r) + _codici(r, "avviso")


def test_volunteers_in_business_cannot_exceed_volunteers(coop) -> None:
    r = bilancio.check(coop(_persone({"numero": 2, "nell_attivita_impresa": 3})))
    assert "VOLONTARI-LAVORATORI" in _codici(r)  # an error even for a cooperativa sociale


def test_register_and_insurance_of_volunteers(coop) -> None:
    ok = bilancio.check(coop(_persone({"numero": 2, "registro": "sì", "assicurazione": "sì"})))
    assert "VOLONTARI-REGISTRO" not in _codici(ok)
    stati = {v.codice: v.stato.value for v in ok.conformita}
    assert stati["4.8"] == "presente" and stati["4.9"] == "presente"
    ko = bilancio.check(coop(_persone({"numero": 2, "registro": "no", "assicurazione": "no"})))
    errori = [p for p in ko.errori if p.codice == "VOLONTARI-REGISTRO"]
    assert [p.campo for p in errori] == [
        "persone.volontari.registro",
        "persone.volontari.assicurazione",
    ]


def test_register_and_insurance_are_conformity_items_only_with_volunteers(coop) -> None:
    muto = bilancio.check(coop(_persone({"numero": 2})))
    stati = {v.codice: v.stato.value for v in muto.conformita}
    assert stati["4.8"] == "mancante" and stati["4.9"] == "mancante"
    assert any("4.8" in p.messaggio for p in muto.problemi if p.codice == "CONFORMITA")
    nessuno = bilancio.check(coop(_persone({"numero": 0})))
    assert not {"4.8", "4.9"} & {v.codice for v in nessuno.conformita}
    assente = bilancio.check(coop(_persone({"non_presente": "Nessun volontario."})))
    assert not {"4.8", "4.9"} & {v.codice for v in assente.conformita}
