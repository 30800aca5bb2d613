"""The YAML reader: data, positions, YAML 1.2 scalars, syntax errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from bilancio.lettura import leggi, leggi_yaml, trova_posizione


def _leggi(tmp_path: Path, testo: str):
    f = tmp_path / "x.yaml"
    f.write_text(testo, encoding="utf-8")
    return leggi_yaml(f, "x.yaml")


def test_positions_of_nested_values(tmp_path: Path) -> None:
    letto = _leggi(
        tmp_path,
        "anno: 2025\ngoverno:\n  soci:\n    lavoratori: 102\n    volontari: 21\nlista:\n  - a\n  - b\n",
    )
    assert letto.dati["governo"]["soci"]["lavoratori"] == 102
    pos = letto.origini[("governo", "soci", "volontari")]
    assert (pos.riga, pos.colonna) == (5, 16)
    assert letto.origini[("lista", 1)].riga == 8
    # the key itself, for "unknown key" messages
    assert letto.origini[("governo", "soci", "volontari", "__chiave__")].colonna == 5


def test_nearest_ancestor_when_value_is_missing(tmp_path: Path) -> None:
    letto = _leggi(tmp_path, "anno: 2025\ngoverno:\n  soci:\n    lavoratori: 1\n")
    assert trova_posizione(letto.origini, ("governo", "soci", "totale")).riga == 3


def test_yaml_12_scalars(tmp_path: Path) -> None:
    letto = _leggi(
        tmp_path,
        "provincia: NO\nsi: yes\ndurata: 2:31\nimporto: 0.1\nflag: true\ndata: 2025-12-31\nvuoto:\n",
    )
    d = letto.dati
    assert d["provincia"] == "NO"  # not False, as YAML 1.1 would say (Novara!)
    assert d["si"] == "yes"
    assert d["durata"] == "2:31"  # not 151 (YAML 1.1 sexagesimal)
    assert d["importo"] == Decimal("0.1") and isinstance(d["importo"], Decimal)
    assert d["flag"] is True
    assert d["data"] == dt.date(2025, 12, 31)
    assert d["vuoto"] is None


def test_duplicate_key_is_an_error_with_both_lines(tmp_path: Path) -> None:
    letto = _leggi(tmp_path, "anno: 2025\nsoci: 1\nsoci: 2\n")
    [p] = letto.problemi
    assert p.codice == "CHIAVE-DUPLICATA"
    assert p.posizione.riga == 3
    assert "riga 2" in p.messaggio


def test_syntax_error_has_line_and_column_in_italian(tmp_path: Path) -> None:
    letto = _leggi(tmp_path, "anno: 2025\ngoverno:\n  soci:\n\tlavoratori: 3\n")
    assert not letto.leggibile
    [p] = letto.problemi
    assert p.codice == "SINTASSI"
    assert (p.posizione.riga, p.posizione.colonna) == (4, 1)
    assert "tabulazione" in p.messaggio


def test_unclosed_brace(tmp_path: Path) -> None:
    letto = _leggi(tmp_path, "anno: 2025\nsoci: {lavoratori: 3\n")
    assert "graffa" in letto.problemi[0].messaggio


def test_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(b"anno: 2025\nnome: caff\xe8\n")
    letto = leggi(f)
    assert not letto.leggibile
    assert "UTF-8" in letto.problemi[0].messaggio


def test_unknown_extension(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("a;b\n")
    assert not leggi(f).leggibile
