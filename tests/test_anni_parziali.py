"""A cooperative adopting the tool: partial, non-consecutive earlier years, "n.d." everywhere.

The Girasole example knows everything of 2025, some figures of 2024 (members who work, its
collaborators, the economic totals), the value of production and the equity of 2022 and
only the value of production of 2020. Wherever a figure needs one it does not know, every
output says "n.d." (with the reason where there is room), never a number computed as if the
missing figure were zero.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilancio
from bilancio.cli import app
from bilancio.sito import costruisci_sito
from conftest import ESEMPI
from test_sito import radice_di_prova

GIRASOLE = ESEMPI / "girasole"
runner = CliRunner()


def test_every_earlier_year_is_kept_and_unknown_figures_carry_their_reason() -> None:
    rapporto = bilancio.check(GIRASOLE)
    assert rapporto.valido, rapporto.errori
    assert rapporto.calcolo is not None
    c = rapporto.calcolo
    assert list(c.anni) == [2020, 2022, 2024, 2025]  # 2023 and 2021 are simply not there
    assert c.precedente == 2024
    totale_2024 = c.cifra("lavoratori_totale", 2024)
    assert totale_2024.valore is None
    assert totale_2024.motivo == "manca il numero dei lavoratori dipendenti 2024"
    assert c.cifra("soci_totale", 2024).motivo == "manca il numero dei soci volontari 2024"
    assert c.cifra("valore_produzione", 2020).valore == 1150000
    assert c.variazioni_periodo["valore_produzione"].da == 2020
    # a loss in 2024, a profit in 2025: the percentage change is not meaningful
    assert c.variazioni["risultato_esercizio"].percentuale_non_definita is not None


def test_check_json_has_null_and_the_reason() -> None:
    r = runner.invoke(app, ["check", str(GIRASOLE), "--json"])
    assert r.exit_code == 0, r.output
    cifre = json.loads(r.stdout)["calcolo"]["anni"]["2024"]["cifre"]
    assert cifre["lavoratori_totale"] == {
        "valore": None,
        "motivo": "manca il numero dei lavoratori dipendenti 2024",
    }
    assert cifre["peso_costo_lavoro"] == {"valore": 78.21, "motivo": None}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    uscita = tmp_path_factory.mktemp("report")
    testi = {}
    for tema in ("completo", "sintesi"):
        esito = bilancio.build(GIRASOLE, theme=tema, formats=("html",), output=uscita)
        testi[tema] = Path(esito.file[0]).read_text(encoding="utf-8")
    return testi


@pytest.mark.parametrize("tema", ["completo", "sintesi"])
def test_both_themes_print_nd_with_one_legend_line(report: dict[str, str], tema: str) -> None:
    html = report[tema]
    assert "n.d." in html
    assert html.count('class="legenda"') == 1
    assert "n.d. = dato non disponibile" in html


def test_the_brochure_never_prints_a_change_from_an_unknown_year(report: dict[str, str]) -> None:
    html = report["sintesi"]
    # 38 employees in 2025, none known in 2024: no "+38 rispetto al 2024"
    assert "+38 rispetto al 2024" not in html
    assert "n.d. rispetto al 2024" in html


def test_three_year_tables_take_the_years_with_data_and_the_trend_the_whole_span(
    report: dict[str, str],
) -> None:
    # the completo's economic tables: 2025, 2024 and 2022 (2023 has no data)
    intestazione = '<th class="num">2025</th><th class="num">2024</th><th class="num">2022</th>'
    assert intestazione in report["completo"]
    # the brochure's trend: every year, 2020 included
    assert "€ 1.150.000" in report["sintesi"]


def test_the_completo_report_has_no_sum_of_a_partial_year(report: dict[str, str]) -> None:
    html = report["completo"]
    # members' table: 2024 total is unknown (volunteer members not known), never 29
    assert '<td class="num">29</td><td class="num">n.d.</td>' not in html


@pytest.mark.parametrize("formato", ["table", "json", "csv", "markdown"])
def test_diff_prints_nd_in_every_format(formato: str) -> None:
    r = runner.invoke(app, ["diff", str(GIRASOLE), "--format", formato])
    assert r.exit_code == 0, r.output
    assert "n.d." in r.stdout or (formato == "json" and "null" in r.stdout)
    if formato == "json":
        righe = {x["chiave"]: x for x in json.loads(r.stdout)["righe"]}
        totale = righe["indicatori.lavoratori_totale"]
        assert totale["vecchio"] is None and totale["nuovo"] == 41
        assert totale["delta"] is None


def test_the_site_shows_nd(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "girasole")
    uscita = tmp_path / "public"
    riepilogo = costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "cache")
    assert not [e for e in riepilogo.esiti if e.stato == "fallito"]
    pagina = (uscita / "girasole" / "index.html").read_text(encoding="utf-8")
    assert "n.d." in pagina
    dati = json.loads((uscita / "girasole" / "2025" / "dati-2025.json").read_text("utf-8"))
    cifre_2024 = dati["calcolo"]["anni"]["2024"]["cifre"]
    assert cifre_2024["lavoratori_totale"]["valore"] is None


def test_check_shows_the_computed_figures_and_why_one_is_not_available() -> None:
    r = runner.invoke(app, ["check", str(GIRASOLE), "--cifre"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    riga = next(x for x in r.stdout.splitlines() if "lavoratori_totale" in x)
    assert "n.d." in riga and "41" in riga
    assert "manca il numero dei lavoratori dipendenti 2024" in riga
