"""Templates: one per DM section, block macros one per file, a user's folder checked.

Also what the full report's HTML must never hold, on every example: a table with a header
and no rows, a column empty in every row, a paragraph of the context that no section
template prints, or the tool's own words ("mancante", "Nessuna informazione fornita").
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilancio
from bilancio.cli import app
from bilancio.controllo import valida_bilancio
from bilancio.report import costruisci_report
from bilancio.report.modelli import ModelloNonValido, blocchi, elenco, sovrascrivibili
from bilancio.report.stampa import cartella_temi
from build_golden import ESEMPI, cartella, esempi, rendi_html

RADICE = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _build(tmp_path: Path, modelli: Path | None = None, esempio: str = "cipm") -> str:
    """The report's HTML without its fonts (cut to the characters a page uses)."""
    esito = bilancio.build(
        ESEMPI / esempio, formats=["html"], output=tmp_path / "out", templates=modelli
    )
    html = esito.file[0].read_text(encoding="utf-8")
    return re.sub(r"@font-face \{[^}]*\}\n?", "", html)


def _scrivi(cartella: Path, nome: str, testo: str) -> Path:
    file = cartella / nome
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(testo, encoding="utf-8")
    return file


# --- the machinery ----------------------------------------------------------------------


def test_una_sezione_per_modello_nell_ordine_del_dm(tmp_path: Path) -> None:
    bil, rapporto = valida_bilancio(ESEMPI / "cipm")
    report = costruisci_report(bil, rapporto, "completo")
    assert [s.modello for s in report.sezioni] == [
        "0-premessa.html",
        "1-metodologia.html",
        "2-ente.html",
        "3-governo.html",
        "4-persone.html",
        "5-attivita.html",
        "6-economia.html",
        "7-altre-informazioni.html",
        "8-monitoraggio.html",
    ]
    temi = cartella_temi()
    for s in report.sezioni:
        assert (temi / "completo" / "sezioni" / s.modello).is_file()
    # the brochure's context holds no section, the full report's no brochure
    assert costruisci_report(bil, rapporto, "sintesi").sezioni == []
    assert report.sintesi is None


def test_override_di_un_blocco_di_una_sezione_cambia_solo_quel_blocco(tmp_path: Path) -> None:
    originale = _build(tmp_path / "a")
    modelli = tmp_path / "modelli"
    nuovo = '<div class="paragrafo" id="governo-cda"><p>Il nostro consiglio</p></div>'
    _scrivi(
        modelli,
        "completo/sezioni/3-governo.html",
        '{% extends "!completo/sezioni/3-governo.html" %}\n'
        "{% block cda %}" + nuovo + "{% endblock %}\n",
    )
    cambiato = _build(tmp_path / "b", modelli)
    inizio = originale.index('<div class="paragrafo" id="governo-cda">')
    fine = originale.index('<div class="paragrafo" id="governo-nomina">')
    assert "Dati amministratori" in originale[inizio:fine]
    # everything before and after the block is byte for byte the built-in one
    assert cambiato == originale[:inizio] + nuovo + originale[fine:]


def test_override_di_una_macro_da_sola(tmp_path: Path) -> None:
    originale = _build(tmp_path / "a")
    modelli = tmp_path / "modelli"
    _scrivi(
        modelli,
        "base/blocchi/assente.html",
        '{% macro assente(b) %}<p class="mia">Non trattato{% if b.motivo %}: {{ b.motivo }}'
        "{% endif %}</p>{% endmacro %}",
    )
    cambiato = _build(tmp_path / "b", modelli)
    assert '<p class="mia">Non trattato: Organo di controllo non nominato.</p>' in cambiato
    vecchio = re.sub(r'<p class="assente">.*?</p>\s*', "", originale)
    assert re.sub(r'<p class="mia">.*?</p>\s*', "", cambiato) == vecchio


def test_blocco_sconosciuto_e_un_errore_che_nomina_file_e_blocco(tmp_path: Path) -> None:
    modelli = tmp_path / "modelli"
    file = _scrivi(
        modelli,
        "completo/sezioni/3-governo.html",
        '{% extends "!completo/sezioni/3-governo.html" %}{% block consiglio %}x{% endblock %}',
    )
    with pytest.raises(ModelloNonValido) as exc:
        _build(tmp_path, modelli)
    messaggio = str(exc.value)
    assert str(file) in messaggio and "«consiglio»" in messaggio and ", cda," in messaggio
    assert not (tmp_path / "out").exists()
    # the command line: exit 2, in Italian, no traceback
    esito = runner.invoke(
        app, ["build", str(ESEMPI / "cipm"), "-o", str(tmp_path / "o"), "--templates", str(modelli)]
    )
    assert esito.exit_code == 2, esito.output
    assert "ridefinisce il blocco «consiglio»" in esito.output
    assert "Traceback" not in esito.output


@pytest.mark.parametrize(
    ("nome", "testo", "atteso"),
    [
        ("completo/sezioni/3-govern.html", "x", "non corrisponde a nessun modello"),
        ("completo/rapporto.htm", "x", None),  # not a template: an asset, ignored
        (
            "completo/rapporto.html",
            '{% extends "!completo/rapporto-mio.html" %}',
            "che non esiste tra i modelli predefiniti",
        ),
        ("base/blocchi/tabella.html", "{% macro tavola(t) %}{% endmacro %}", "la macro «tabella»"),
        ("completo/sezioni/2-ente.html", "{% block x %}", "Errore di sintassi"),
    ],
)
def test_cartella_dei_modelli_verificata(
    tmp_path: Path, nome: str, testo: str, atteso: str | None
) -> None:
    modelli = tmp_path / "modelli"
    _scrivi(modelli, nome, testo)
    if atteso is None:
        _build(tmp_path, modelli)
        return
    with pytest.raises(ModelloNonValido, match=atteso):
        _build(tmp_path, modelli)


def test_readme_elenca_i_modelli() -> None:
    readme = (RADICE / "README.md").read_text(encoding="utf-8")
    parte = readme.split("<!-- modelli:inizio -->")[1].split("<!-- modelli:fine -->")[0]
    righe = [r.strip() for r in parte.strip().splitlines()]
    assert righe == elenco(cartella_temi())
    # every section template is there, with its blocks
    temi = cartella_temi()
    for nome, file in sovrascrivibili(temi).items():
        if nome.startswith("completo/sezioni/"):
            voce = next(r for r in righe if r.startswith(f"- `{nome}`"))
            for b in blocchi(file.read_text(encoding="utf-8")):
                assert f"`{b}`" in voce


# --- what the full report never prints --------------------------------------------------


class _Tabelle(HTMLParser):
    """The tables of an HTML page: for each, its class, header cells and body rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tabelle: list[dict[str, object]] = []
        self._dove: list[str] = []
        self._cella: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tabelle.append({"classe": dict(attrs).get("class") or "", "th": [], "righe": []})
        elif tag in ("thead", "tbody", "tfoot"):
            self._dove.append(tag)
        elif tag == "tr" and self.tabelle and self._dove and self._dove[-1] == "tbody":
            self.tabelle[-1]["righe"].append([])  # type: ignore[attr-defined]
        elif tag in ("td", "th") and self.tabelle:
            self._cella = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("thead", "tbody", "tfoot") and self._dove:
            self._dove.pop()
        elif tag in ("td", "th") and self._cella is not None and self.tabelle:
            testo = "".join(self._cella).strip()
            t = self.tabelle[-1]
            if self._dove and self._dove[-1] == "thead":
                t["th"].append(testo)  # type: ignore[attr-defined]
            elif self._dove and self._dove[-1] == "tbody" and t["righe"]:
                t["righe"][-1].append(testo)  # type: ignore[index]
            self._cella = None

    def handle_data(self, data: str) -> None:
        if self._cella is not None:
            self._cella.append(data)


@pytest.fixture(scope="module")
def html_completo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    lavoro = tmp_path_factory.mktemp("completo")
    return {e: rendi_html(e, "completo", lavoro / e) for e in esempi()}


def test_nessuna_tabella_o_colonna_vuota(html_completo: dict[str, str]) -> None:
    for esempio, html in html_completo.items():
        corpo = html.split("<body", 1)[1]
        lettore = _Tabelle()
        lettore.feed(corpo)
        assert lettore.tabelle, esempio
        for t in lettore.tabelle:
            if "campi" in str(t["classe"]):
                continue  # label: value pairs, no header
            righe = t["righe"]
            assert righe, f"{esempio}: tabella senza righe {t['th']}"
            for i, intestazione in enumerate(t["th"]):  # type: ignore[arg-type]
                if i == 0 or not intestazione:
                    continue
                valori = [r[i] for r in righe if i < len(r)]  # type: ignore[union-attr]
                assert any(valori), f"{esempio}: colonna «{intestazione}» vuota in ogni riga"


def test_ogni_paragrafo_del_contesto_e_stampato(
    tmp_path: Path, html_completo: dict[str, str]
) -> None:
    for esempio, html in html_completo.items():
        bil, rapporto = valida_bilancio(cartella(esempio, tmp_path / esempio))
        report = costruisci_report(bil, rapporto, "completo")
        for s in report.sezioni:
            for p in s.paragrafi:
                assert f'id="{p.id}"' in html, f"{esempio}: {p.id} non stampato da {s.modello}"


def test_il_report_parla_la_lingua_delle_linee_guida(html_completo: dict[str, str]) -> None:
    for esempio, html in html_completo.items():
        testo = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])
        assert "mancante" not in testo, esempio
        assert "Voce non fornita nei dati" not in testo, esempio
        assert "Nessuna informazione fornita" not in testo, esempio


def test_cipm_consiglio_come_il_documento(html_completo: dict[str, str]) -> None:
    """CIPM's board: the columns the data has (legal-person representative, the
    normodotati count), none that no member has (the kind of member)."""
    html = html_completo["cipm"]
    cda = html[html.index('id="governo-cda"') : html.index('id="governo-nomina"')]
    assert "Rappresentante di persona giuridica" in cda
    assert "<th>Socio</th>" not in cda
    assert re.search(r"di cui persone normodotate</td><td class=\"num\">9<", cda)
    lavoratori = html[html.index('id="persone-lavoratori"') : html.index('id="persone-contratti"')]
    assert "di cui soci" not in lavoratori  # no group says how many are members


def test_riepilogo_beneficiari_senza_zeri_e_con_lo_scarto(html_completo: dict[str, str]) -> None:
    html = html_completo["cosper"]
    riepilogo = html[html.index('id="attivita-riepilogo"') :]
    riepilogo = riepilogo[: riepilogo.index("totale-utenti")]
    assert "non conteggiati" not in riepilogo
    assert "Servizi rendicontati in altre unità" in riepilogo
    assert "senza categoria" in riepilogo  # the row that explains the gap between totals
