"""The brochure (theme sintesi): what a proofreader flagged, checked on every example's HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import bilancio
from bilancio.report.sintesi import _articolo, _nel_testo, _separa_qualificatore
from build_golden import ESEMPI, cartella
from conftest import scrivi_coop

ESEMPI_SINTESI = ("cipm", "arcobaleno", "cosper", "girasole")


def _html(cartella_coop: Path, uscita: Path, templates: Path | None = None) -> str:
    esito = bilancio.build(
        cartella_coop, theme="sintesi", formats=["html"], output=uscita, templates=templates
    )
    return esito.file[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def brochure(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The brochure HTML of every example (Cosper with its printed slips corrected)."""
    lavoro = tmp_path_factory.mktemp("sintesi")
    return {e: _html(cartella(e, lavoro / e), lavoro / e / "out") for e in ESEMPI_SINTESI}


class _Tabelle(HTMLParser):
    """Every table of a page as rows of cell texts, split into header, body and total."""

    def __init__(self) -> None:
        super().__init__()
        self.tabelle: list[dict[str, list[list[str]]]] = []
        self._parte = ""
        self._cella: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tabelle.append({"thead": [], "tbody": [], "tfoot": []})
        elif tag in ("thead", "tbody", "tfoot"):
            self._parte = tag
        elif tag == "tr" and self.tabelle:
            self.tabelle[-1][self._parte or "tbody"].append([])
        elif tag in ("td", "th"):
            self._cella = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cella is not None and self.tabelle:
            self.tabelle[-1][self._parte or "tbody"][-1].append("".join(self._cella).strip())
            self._cella = None
        elif tag in ("thead", "tbody", "tfoot"):
            self._parte = ""

    def handle_data(self, data: str) -> None:
        if self._cella is not None:
            self._cella.append(data)


def _tabelle(html: str) -> list[dict[str, list[list[str]]]]:
    p = _Tabelle()
    p.feed(html)
    return p.tabelle


def _schede(html: str) -> dict[str, str]:
    """Each service card's HTML, by the service's name."""
    out = {}
    for pezzo in html.split('<article class="servizio"')[1:]:
        corpo = pezzo.split("</article>")[0]
        nome = re.search(r"<h3>(.*?)</h3>", corpo, re.S)
        assert nome is not None
        out[nome.group(1)] = corpo
    return out


def _etichette(html: str) -> list[str]:
    return [e.strip() for e in re.findall(r'<div class="etichetta">(.*?)</div>', html, re.S)]


# --- the pieces the proofreader flagged -------------------------------------------------


@pytest.mark.parametrize("esempio", ESEMPI_SINTESI)
def test_at_most_four_tiles_per_service(brochure: dict[str, str], esempio: str) -> None:
    for nome, scheda in _schede(brochure[esempio]).items():
        assert scheda.count('<div class="cifra ') <= 4, nome


def test_figures_beyond_four_go_in_a_compact_table_and_the_text_is_not_repeated(
    tmp_path: Path,
) -> None:
    output = [
        {"descrizione": f"Corsi di tipo {i}", "valore": 10 + i, "unita": "corsi"} for i in range(3)
    ] + [
        {"descrizione": f"Partecipanti al laboratorio {i}", "valore": 40 + i, "unita": "persone"}
        for i in range(4)
    ]
    anno = {
        "anno": 2025,
        "attivita": {
            "servizi": [
                {
                    "nome": "Sartoria",
                    "area": "Ramo B",
                    "descrizione": "Nel 2025 la sartoria ha accolto 41 partecipanti al laboratorio 1.",
                    "output": output,
                }
            ]
        },
    }
    html = _html(scrivi_coop(tmp_path / "coop", anno), tmp_path / "out")
    scheda = _schede(html)["Sartoria"]
    tessere = _etichette(scheda)
    assert len(tessere) == 4
    assert tessere == [
        "Corsi di tipo 0",
        "Corsi di tipo 1",
        "Corsi di tipo 2",
        "Partecipanti al laboratorio 0",
    ]
    # 41 is in the text: neither a tile nor a row; the rest of the figures in one compact table
    (compatta,) = [t for t in _tabelle(scheda) if t["thead"] == [["Altri dati", "Valore"]]]
    assert compatta["tbody"] == [
        ["Partecipanti al laboratorio 2", "42"],
        ["Partecipanti al laboratorio 3", "43"],
    ]
    assert ">41<" not in scheda


@pytest.mark.parametrize("esempio", ESEMPI_SINTESI)
def test_no_unit_in_brackets_in_labels(brochure: dict[str, str], esempio: str) -> None:
    dati = yaml.safe_load((ESEMPI / esempio / _ultimo(esempio)).read_text(encoding="utf-8"))
    unita = {
        (o.get("unita") or "").lower()
        for s in (dati.get("attivita") or {}).get("servizi") or []
        for o in s.get("output") or []
    } - {""}
    html = brochure[esempio]
    righe = [r[0] for t in _tabelle(html) for r in t["tbody"] if r]
    for testo in _etichette(html) + righe:
        fine = re.search(r"\(([^()]*)\)\s*$", testo)
        assert fine is None or fine.group(1).lower() not in unita | {"%", "circa", "almeno"}, testo


def _ultimo(esempio: str) -> str:
    return sorted(p.name for p in (ESEMPI / esempio).glob("2*.yaml"))[-1]


@pytest.mark.parametrize("esempio", ESEMPI_SINTESI)
def test_one_percent_format(brochure: dict[str, str], esempio: str) -> None:
    testo = re.sub(r"<style>.*?</style>|<[^>]+>", " ", brochure[esempio], flags=re.S)
    assert not re.search(r"\d %", testo), "a space before %"
    assert not re.search(r"\(\s*%\s*\)", testo), "(%) in a label"


def test_shares_and_qualifiers_carry_their_unit(tmp_path: Path) -> None:
    anno = {
        "anno": 2025,
        "attivita": {
            "servizi": [
                {
                    "nome": "Educativa di plesso",
                    "totale_beneficiari": 30,
                    "output": [
                        {
                            "descrizione": "Quota sul totale degli operatori",
                            "valore": 48.15,
                            "unita": "%",
                        },
                        {
                            "descrizione": "Ragazzi con più di due prove (oltre il)",
                            "valore": 60,
                            "unita": "%",
                        },
                        {"descrizione": "Partecipanti (circa)", "valore": 150, "unita": "persone"},
                        {"descrizione": "Superficie curata", "valore": 412000, "unita": "m²"},
                    ],
                }
            ]
        },
    }
    html = _html(scrivi_coop(tmp_path / "coop", anno), tmp_path / "out")
    valori = re.findall(r'<div class="valore">(.*?)</div>', _schede(html)["Educativa di plesso"])
    assert valori == ["30", "48,15%", "oltre il 60%", "circa 150"]
    testo = re.sub(r"<[^>]+>", " ", html)
    assert "412.000 m²" in testo  # a symbol follows the figure; a noun (persone) the label says
    assert "Ragazzi con più di due prove" in testo and "(oltre il)" not in testo


def test_cosper_projects_tables_come_back_with_their_totals(brochure: dict[str, str]) -> None:
    schede = _schede(brochure["cosper"])
    for servizio, righe, totale in (
        ("Servizio di assistenza domiciliare (SAD)", 9, "277"),
        ("C-DOM (Cure domiciliari)", 4, "1.286"),
    ):
        (tabella,) = [t for t in _tabelle(schede[servizio]) if t["thead"][0][0] == "Progetti 2025"]
        assert len(tabella["tbody"]) == righe
        assert tabella["tfoot"] == [["Totale", totale]]
        assert '<div class="cifra' not in schede[servizio]  # a table, not tiles


@pytest.mark.parametrize("esempio", ESEMPI_SINTESI)
def test_the_mission_is_shown(brochure: dict[str, str], esempio: str) -> None:
    ente = yaml.safe_load((ESEMPI / esempio / "ente.yaml").read_text(encoding="utf-8"))
    inizio = " ".join(ente["missione"].split()[:6]).replace("'", "&#39;")
    testo = " ".join(brochure[esempio].split())
    assert "<h3>La missione</h3>" in brochure[esempio]
    assert inizio.replace("**", "") in testo.replace("<strong>", "").replace("</strong>", "")


def test_a_type_b_brochure_shows_the_share_of_disadvantaged_workers(
    brochure: dict[str, str],
) -> None:
    html = brochure["arcobaleno"]
    inserimento = html.split('<div class="inserimento">')[1].split("</p>")[0]
    # 8 disadvantaged of 23 workers of the B branch; 8 of the 15 not disadvantaged (INPS)
    assert re.findall(r'<div class="valore">(.*?)</div>', inserimento) == ["8", "34,8%", "53,3%"]
    assert "almeno il 30%" in inserimento
    # it comes first among the people's figures
    assert html.index('<div class="inserimento">') < html.index("Lavoratori dipendenti")
    for altro in ("cipm", "girasole"):  # type A: no such block
        assert 'class="inserimento"' not in brochure[altro]


@pytest.mark.parametrize("esempio", ESEMPI_SINTESI)
def test_no_empty_table_or_column(brochure: dict[str, str], esempio: str) -> None:
    for t in _tabelle(brochure[esempio]):
        assert t["tbody"], t
        colonne = max(len(r) for r in t["tbody"])
        for c in range(colonne):
            assert any(r[c] for r in t["tbody"] if len(r) > c), (t["thead"], c)


@pytest.mark.parametrize("esempio", ESEMPI_SINTESI)
def test_no_tool_language_in_the_brochure(brochure: dict[str, str], esempio: str) -> None:
    corpo = re.sub(r"<svg.*?</svg>", "", brochure[esempio].split("<body", 1)[1], flags=re.S)
    testo = re.sub(r"<[^>]+>", " ", corpo).lower()
    for parola in ("nessuna informazione", "mancante", "non fornit", "anni_precedenti", "none"):
        assert not re.search(rf"\b{parola}\b", testo), parola


def test_lavoratori_text_says_what_the_tiles_do_not(brochure: dict[str, str]) -> None:
    html = brochure["cosper"]
    frase = re.search(r'<p class="attacco">(Nel 2025 hanno lavorato.*?)</p>', html)
    assert frase is not None
    assert frase.group(1) == (
        "Nel 2025 hanno lavorato in cooperativa 228 persone, la maggior parte (l&#39;86%) "
        "con un contratto dipendente."
    )
    # the tiles have 196, 31, 1: the sentence states none of them
    assert not re.search(r"\b(196|31)\b", frase.group(1))


def test_single_figure_services_are_one_table(brochure: dict[str, str]) -> None:
    html = brochure["cipm"]
    (elenco,) = [
        t for t in _tabelle(html) if t["thead"] and t["thead"][0][0] == "Servizio o progetto"
    ]
    assert elenco["thead"] == [["Servizio o progetto", "Beneficiari"]]
    assert ["Progetto ReStart - interventi con autori di reati sessuali", "23"] in elenco["tbody"]
    assert len(elenco["tbody"]) == 15  # the 20 services but the 5 with a breakdown by category


# --- the helpers' rules ---------------------------------------------------------------


def test_a_figure_the_text_states() -> None:
    assert _nel_testo("1.621", "il lavoro dei tutor ha intercettato **1.621 persone**")
    assert _nel_testo("1.621", "n. 1621 persone")
    assert _nel_testo("62%", "residenti nel comune (62,0%)")
    assert _nel_testo("48,15%", "il 48,15% degli operatori")
    assert not _nel_testo("10", "2.100 ore e 10,5 km")
    assert not _nel_testo("276", "")


def test_qualifier_and_article() -> None:
    assert _separa_qualificatore("Partecipanti (circa)") == ("Partecipanti", "circa")
    assert _separa_qualificatore("Posti letto (CPA)") == ("Posti letto (CPA)", "")
    assert _separa_qualificatore("Ragazzi (oltre il)") == ("Ragazzi", "oltre il")
    assert [_articolo(p) for p in ("86%", "11%", "8%", "1%", "56%", "18%")] == [
        "l'",
        "l'",
        "l'",
        "l'",
        "il ",
        "il ",
    ]


# --- one block of one part, overridden from a user folder --------------------------------


def test_overriding_one_block_changes_only_that_block(tmp_path: Path) -> None:
    coop = ESEMPI / "girasole"
    prima = _html(coop, tmp_path / "prima")
    utente = tmp_path / "modelli" / "sintesi" / "sezioni"
    utente.mkdir(parents=True)
    (utente / "5-attivita.html").write_text(
        '{% extends "!sintesi/sezioni/5-attivita.html" %}\n'
        '{% block cifre %}<p class="mie-cifre">{{ chiave | length }} cifre</p>{% endblock %}\n',
        encoding="utf-8",
    )
    dopo = _html(coop, tmp_path / "dopo", templates=tmp_path / "modelli")
    # SAD: beneficiaries and hours; the educativa's beneficiaries are its table's total
    assert re.findall(r'<p class="mie-cifre">(\d+) cifre</p>', dopo) == ["2", "1", "1"]
    # everything else is the same: the built-in tiles where the override put its line
    griglia = r'<div class="griglia-cifre n4">(?:\s*<div class="cifra piccola">.*?</div>\s*</div>)*\s*</div>'
    atteso = re.sub(griglia, "@", prima, flags=re.S)
    ottenuto = re.sub(r'<p class="mie-cifre">\d+ cifre</p>', "@", dopo)

    def pulito(html: str) -> str:
        return re.sub(r"\s*@\s*", "@", " ".join(html.split()))

    assert pulito(ottenuto) == pulito(atteso)
