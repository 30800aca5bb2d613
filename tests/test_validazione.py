"""Schema errors: Italian, with the line, the field path, what was found and what was expected."""

from __future__ import annotations

from decimal import Decimal

import bilancio


def _schema(rapporto):
    return [p for p in rapporto.problemi if p.codice == "SCHEMA"]


def test_every_schema_error_at_once_with_lines(coop) -> None:
    cartella = coop(
        "anno: 2025\n"
        "governo:\n"
        "  soci:\n"
        "    lavoratori: tre\n"  # line 4
        "    volontari: -1\n"  # line 5
        "    lavoratori_x: 1\n"  # line 6
        "economia:\n"
        "  valore_produzione: 1.500\n"  # line 8
    )
    rapporto = bilancio.check(cartella)
    problemi = {p.campo: p for p in _schema(rapporto)}
    assert set(problemi) == {
        "governo.soci.lavoratori",
        "governo.soci.volontari",
        "governo.soci.lavoratori_x",
        "economia.valore_produzione",
    }
    p = problemi["governo.soci.lavoratori"]
    assert (p.posizione.riga, p.posizione.colonna) == (4, 17)
    assert p.trovato == "«tre»"
    assert "numero intero" in p.messaggio and "Soci cooperatori lavoratori" in p.messaggio
    assert problemi["governo.soci.volontari"].posizione.riga == 5
    assert problemi["governo.soci.volontari"].atteso == "un valore ≥ 0"
    assert problemi["governo.soci.lavoratori_x"].posizione.riga == 6
    assert "Forse intendevi «lavoratori»?" in problemi["governo.soci.lavoratori_x"].messaggio
    assert problemi["economia.valore_produzione"].posizione.riga == 8
    assert "migliaia" in problemi["economia.valore_produzione"].messaggio
    assert rapporto.esito() == 1


def test_no_english_pydantic_messages(coop) -> None:
    cartella = coop(
        {"anno": 2025, "governo": {"soci": {"lavoratori": "x"}, "assemblee": {"a": 1}}, "pippo": 1}
    )
    for p in bilancio.check(cartella).problemi:
        assert "Input should" not in p.messaggio
        assert "Field required" not in p.messaggio
        assert "Extra inputs" not in p.messaggio


def test_list_items_are_numbered_from_one(coop) -> None:
    cartella = coop(
        {"anno": 2025, "governo": {"assemblee": [{"data": "01/01/2025"}, {"data": "31/02/2025"}]}}
    )
    [p] = _schema(bilancio.check(cartella))
    assert p.campo == "governo.assemblee[2].data"
    assert "inesistente" in p.messaggio


def test_missing_required_field_points_at_parent(coop) -> None:
    cartella = coop("anno: 2025\ngoverno:\n  stakeholder:\n    - tipologia: Soci\n")
    [p] = _schema(bilancio.check(cartella))
    assert p.campo == "governo.stakeholder[1].intensita"
    assert "Manca il campo obbligatorio" in p.messaggio
    assert p.posizione.riga == 4


def test_entity_errors_are_located_in_ente_yaml(coop) -> None:
    cartella = coop(
        {"anno": 2025},
        ente="denominazione: X\ncodice_fiscale: '12345678901'\nforma_giuridica: cooperativa sociale\ntipo: C\n",
    )
    problemi = {p.campo: p for p in _schema(bilancio.check(cartella))}
    assert problemi["codice_fiscale"].posizione.file.endswith("ente.yaml")
    assert problemi["codice_fiscale"].posizione.riga == 2
    assert "cifra di controllo" in problemi["codice_fiscale"].messaggio
    assert "A, B, A+B" in problemi["tipo"].atteso


def test_italian_friendly_values_are_accepted(coop) -> None:
    cartella = coop(
        {
            "anno": 2025,
            "economia": {"valore_produzione": "8.924.272", "costo_personale": "4.768.696,50"},
            "persone": {
                "formazione": [
                    {
                        "tema": "Sicurezza",
                        "partecipanti": 3,
                        "ore_pro_capite": 4,
                        "obbligatoria": "sì",
                    }
                ]
            },
            "governo": {"assemblee": [{"data": "30/06/2025"}]},
        }
    )
    dati = bilancio.load(cartella)
    assert dati.anno.economia.valore_produzione == Decimal("8924272")
    assert dati.anno.economia.costo_personale == Decimal("4768696.50")
    assert dati.anno.persone.formazione[0].obbligatoria is True
    assert dati.anno.governo.assemblee[0].data.month == 6


def test_declared_absent_item(coop) -> None:
    cartella = coop(
        {
            "anno": 2025,
            "governo": {"organo_controllo": {"non_presente": "Organo di controllo non nominato."}},
        }
    )
    dati = bilancio.load(cartella)
    assert dati.anno.governo.organo_controllo.non_presente.startswith("Organo")


def test_year_in_file_must_match_name(coop) -> None:
    cartella = coop({"anno": 2024}, nome="2025")
    codici = [p.codice for p in bilancio.check(cartella).problemi]
    assert "ANNO-FILE" in codici


def test_missing_entity(tmp_path) -> None:
    (tmp_path / "2025.yaml").write_text("anno: 2025\n")
    rapporto = bilancio.check(tmp_path)
    assert [p.codice for p in rapporto.errori] == ["ENTE-MANCANTE"]


def test_entity_inside_single_year_file(tmp_path) -> None:
    (tmp_path / "2025.yaml").write_text(
        "anno: 2025\nente:\n  denominazione: Sola\n  forma_giuridica: cooperativa sociale\n  tipo: Z\n"
    )
    [p] = bilancio.check(tmp_path / "2025.yaml").errori
    assert p.campo == "ente.tipo" and p.posizione.riga == 5
