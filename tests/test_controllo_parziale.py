"""A year with structure errors: the rules still run on the parts that validated.

The safety property: whatever a partial round reports (beyond the structure errors) is
also reported when the broken part is valid. A partial round never says something the full
round would not, so a part left out never shows up as "missing".
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import bilancio
from bilancio.controllo import TRASVERSALI
from conftest import ESEMPI

SEZIONE = re.compile(r"^([a-z_]+):\s*(#.*)?$", re.MULTILINE)


def _casi() -> list[tuple[str, str, str]]:
    casi = []
    for file in sorted(ESEMPI.glob("*/[0-9][0-9][0-9][0-9].yaml")):
        cartella = file.parent
        if file.stem != max(p.stem for p in cartella.glob("[0-9][0-9][0-9][0-9].yaml")):
            continue  # the reference year (the latest) is the one checked
        for m in SEZIONE.finditer(file.read_text(encoding="utf-8")):
            casi.append((cartella.name, file.name, m.group(1)))
    return casi


def _chiave(p: bilancio.Problema) -> tuple[object, ...]:
    return (p.codice, p.gravita, p.campo, p.messaggio)


@pytest.mark.parametrize("esempio,file,sezione", _casi(), ids=lambda x: str(x))
def test_a_partial_round_says_only_what_the_full_round_says(
    esempio: str, file: str, sezione: str, tmp_path: Path
) -> None:
    cartella = tmp_path / esempio
    shutil.copytree(ESEMPI / esempio, cartella)
    percorso = cartella / file
    testo = percorso.read_text(encoding="utf-8")
    # an unknown key inside the section: a structure error of that section alone
    testo = re.sub(
        rf"^({sezione}:.*)$", r"\1\n  campo_inesistente: 1", testo, count=1, flags=re.MULTILINE
    )
    percorso.write_text(testo, encoding="utf-8")
    completo = bilancio.check(ESEMPI / esempio)
    parziale = bilancio.check(cartella)
    assert not parziale.valido and parziale.regole_parziali
    assert parziale.parti_escluse == [sezione]
    schema = [p for p in parziale.problemi if p.codice == "SCHEMA"]
    assert schema and all((p.campo or "").startswith(f"{sezione}.") for p in schema)
    attesi = {_chiave(p) for p in completo.problemi}
    for p in parziale.problemi:
        if p not in schema:
            assert _chiave(p) in attesi, (p.dove, p.codice, p.messaggio)
    # and it reports everything the full round finds outside the broken part (but for the
    # printed figures, recomputed from every part)
    fuori = {
        _chiave(p)
        for p in completo.problemi
        if p.campo is not None
        and not re.match(rf"{sezione}(\.|\[|$)", p.campo)
        and p.codice not in TRASVERSALI
    }
    assert fuori <= {_chiave(p) for p in parziale.problemi}


def test_a_valid_round_is_not_partial() -> None:
    rapporto = bilancio.check(ESEMPI / "cipm")
    assert not rapporto.regole_parziali and rapporto.parti_escluse == []


def test_a_wrong_year_number_runs_no_rules(coop) -> None:
    cartella = coop(
        {"anno": "duemila", "governo": {"soci": {"lavoratori": 3, "volontari": 9}}}, nome="2025"
    )
    rapporto = bilancio.check(cartella)
    assert {p.codice for p in rapporto.problemi} == {"SCHEMA"}
    assert not rapporto.regole_parziali


def test_an_earlier_year_that_does_not_validate_runs_no_rules(tmp_path: Path) -> None:
    cartella = tmp_path / "arcobaleno"
    shutil.copytree(ESEMPI / "arcobaleno", cartella)
    precedente = cartella / "2024.yaml"
    testo = precedente.read_text(encoding="utf-8")
    precedente.write_text(testo.replace("\ngoverno:", "\ngoverno:\n  campo_inesistente: 1", 1))
    rapporto = bilancio.check(cartella)
    assert {p.codice for p in rapporto.problemi} == {"SCHEMA"}  # comparisons would be "missing"
    assert not rapporto.regole_parziali


def test_the_summary_names_the_parts_left_out(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bilancio.cli import _registra, app

    _registra()
    cartella = tmp_path / "cosper"
    shutil.copytree(ESEMPI / "cosper", cartella)
    anno = cartella / "2025.yaml"
    anno.write_text(
        anno.read_text(encoding="utf-8").replace("lavoratori: 102 ", "lavoratori: centodue ", 1)
    )
    r = CliRunner().invoke(app, ["check", str(cartella), "-q"])
    assert r.exit_code == 1
    # the structure error and, in the same round, the arithmetic slips of the other parts
    assert "errore SCHEMA" in r.output and "errore BENEFICIARI-SERVIZIO" in r.output
    assert "applicati alle parti valide; su «3. Struttura, governo e amministrazione»" in r.output
