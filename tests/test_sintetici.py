"""The synthetic-data generator (tools/sintetici.py): valid folders, deterministic output, every type.

A development tool's tests: slow-marked, they run in `make test`, not in `make test-fast`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from stdnum.it import iva

import bilancio
from conftest import RADICE
from sintetici import genera  # tools/, on pytest's pythonpath

pytestmark = pytest.mark.slow

ANNI = (2023, 2024, 2025)


def _file(cartelle: list[Path], radice: Path) -> dict[str, bytes]:
    return {
        str(f.relative_to(radice)): f.read_bytes() for c in cartelle for f in sorted(c.iterdir())
    }


def _leggi(percorso: Path) -> dict:
    return yaml.safe_load(percorso.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cinque(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return genera(tmp_path_factory.mktemp("sintetici"), 5)


def test_five_folders_pass_check_with_no_errors(cinque: list[Path]) -> None:
    assert len(cinque) == 5
    assert len({c.name for c in cinque}) == 5
    for cartella in cinque:
        assert cartella.is_dir() and cartella.name.startswith("coop-")
        assert sorted(p.name for p in cartella.iterdir()) == [
            "2023.yaml",
            "2024.yaml",
            "2025.yaml",
            "ente.yaml",
        ]
        for anno in ANNI:
            rapporto = bilancio.check(cartella, anno)
            assert rapporto.valido, [(p.codice, p.messaggio) for p in rapporto.errori]
            # complete data: not even a warning (missing DM items would be one)
            assert not rapporto.avvisi, [(p.codice, p.messaggio) for p in rapporto.avvisi]


def test_files_are_what_yaml_safe_dump_writes(cinque: list[Path]) -> None:
    for f in sorted(cinque[0].iterdir()):
        testo = f.read_text(encoding="utf-8")
        dati = yaml.safe_load(testo)
        assert testo == yaml.safe_dump(dati, allow_unicode=True, sort_keys=False, width=100)


def test_tax_codes_have_a_valid_check_digit(cinque: list[Path]) -> None:
    for cartella in cinque:
        ente = _leggi(cartella / "ente.yaml")
        assert iva.is_valid(ente["partita_iva"])
        assert ente["codice_fiscale"] == ente["partita_iva"]


def test_year_on_year_changes_are_plausible(cinque: list[Path]) -> None:
    for cartella in cinque:
        anni = [_leggi(cartella / f"{a}.yaml") for a in ANNI]
        for prima, dopo in zip(anni, anni[1:], strict=False):
            for sezione, chiave in (("economia", "valore_produzione"),):
                a, b = prima[sezione][chiave], dopo[sezione][chiave]
                assert abs(b - a) <= 0.15 * a + 1, (cartella.name, chiave, a, b)
            a = prima["persone"]["lavoratori"]["dipendenti"]["numero"]
            b = dopo["persone"]["lavoratori"]["dipendenti"]["numero"]
            assert abs(b - a) <= max(1, 0.15 * a) + 1, (cartella.name, a, b)


def test_same_seed_same_bytes_different_seed_different(tmp_path: Path) -> None:
    a = genera(tmp_path / "a", 4, seme=7)
    b = genera(tmp_path / "b", 4, seme=7)
    c = genera(tmp_path / "c", 4, seme=8)
    file_a, file_b, file_c = (
        _file(a, tmp_path / "a"),
        _file(b, tmp_path / "b"),
        _file(c, tmp_path / "c"),
    )
    assert len(file_a) == 16
    assert file_a == file_b
    assert file_a != file_c


def test_every_type_among_twelve(tmp_path: Path) -> None:
    tipi = [_leggi(c / "ente.yaml")["tipo"] for c in genera(tmp_path, 12)]
    assert set(tipi) == {"A", "B", "A+B"}
    for cartella, tipo in zip(sorted(tmp_path.iterdir()), tipi, strict=True):
        ultimo = _leggi(cartella / "2025.yaml")
        assert ("inserimento_lavorativo" in ultimo["persone"]) == (tipo != "A")


def test_other_years(tmp_path: Path) -> None:
    (cartella,) = genera(tmp_path, 1, seme=3, anni=(2021, 2022))
    assert sorted(p.name for p in cartella.iterdir()) == ["2021.yaml", "2022.yaml", "ente.yaml"]
    assert bilancio.check(cartella, 2022).valido


def test_module_entry_point(tmp_path: Path) -> None:
    uscita = subprocess.run(
        [
            sys.executable,
            str(RADICE / "tools" / "sintetici.py"),
            str(tmp_path / "out"),
            "2",
            "--seme",
            "5",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "2 cooperative" in uscita.stdout
    assert len(list((tmp_path / "out").iterdir())) == 2
