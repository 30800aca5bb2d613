"""The filing copy: PDF/A-1a preflight of every example and theme, a total printed once,
bundled fonts only (identical bytes with an empty fontconfig), glyphs, logos, drafts.

What the preflight checks (and what only veraPDF would) is in ``preflight.py`` and in the
README. Each example's PDF is printed once per module.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
import yaml
from PIL import Image
from typer.testing import CliRunner

import bilancio
from bilancio.cli import _registra, app
from bilancio.errori import DatiNonValidi
from bilancio.report import ErroreReport
from bilancio.report.caratteri import GlifoMancante
from bilancio.report.costruzione import appiattisci_png
from build_golden import ESEMPI, RADICE, TEMI, cartella, esempi
from preflight import identificazione, problemi

# PDF printing and the browser: `make test` runs these, `make test-fast` skips them
pytestmark = pytest.mark.slow

_registra()

CASI = [(e, t) for e in esempi() for t in TEMI]


@pytest.fixture(scope="module")
def costruiti(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """(html, pdf) of every example and theme, PDF/A-1a."""
    lavoro = tmp_path_factory.mktemp("pdfa")
    file = {}
    for esempio, tema in CASI:
        esito = bilancio.build(
            cartella(esempio, lavoro), theme=tema, formats=["html", "pdf"], output=lavoro / "out"
        )
        html, pdf = esito.file
        file[f"{esempio}-{tema}"] = (html, pdf)
    return file


def _testo_pdf(percorso: Path) -> str:
    lettore = pypdf.PdfReader(percorso)
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lettore.pages))


@pytest.mark.parametrize(("esempio", "tema"), CASI)
def test_preflight_pdfa_1a(costruiti, esempio: str, tema: str) -> None:
    _, pdf = costruiti[f"{esempio}-{tema}"]
    lettore = pypdf.PdfReader(pdf)
    assert identificazione(lettore) == ("1", "A")
    assert problemi(pdf) == []
    # reading order and alternative text: the charts and the logo are Figures with Alt
    radice = lettore.trailer["/Root"]
    assert radice["/Lang"] == "it"
    assert "/StructTreeRoot" in radice


def test_il_preflight_vede_cio_che_pdfa1_vieta(tmp_path: Path) -> None:
    """The preflight is not a rubber stamp: a file with transparency and no tags fails it."""
    import weasyprint

    png = io.BytesIO()
    Image.new("RGBA", (4, 4), (10, 20, 30, 100)).save(png, format="PNG")
    uri = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    html = (
        '<html lang="en"><body><p style="opacity:.5">x</p>'
        '<div style="background: rgba(0,0,0,.3)">y</div>'
        f'<img src="{uri}" alt="z" style="width:4cm"></body></html>'
    )
    file = tmp_path / "trasparente.pdf"
    weasyprint.HTML(string=html).write_pdf(file, pdf_variant="pdf/a-1b")
    trovati = problemi(file)
    assert any("trasparenza" in p or "gruppo" in p for p in trovati), trovati
    assert any("SMask" in p for p in trovati), trovati
    assert any("/Interpolate true" in p for p in trovati), trovati
    assert any("lingua" in p for p in trovati)
    senza = tmp_path / "semplice.pdf"
    weasyprint.HTML(string="<p>x</p>").write_pdf(senza)
    assert problemi(senza) == ["nessuna identificazione PDF/A nei metadati XMP"]


class _Totali(HTMLParser):
    """The text of every ``tfoot`` row of the HTML, cells joined by a space."""

    def __init__(self) -> None:
        super().__init__()
        self.righe: list[str] = []
        self._in_tfoot = False
        self._celle: list[str] | None = None
        self._cella: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tfoot":
            self._in_tfoot = True
        elif tag == "tr" and self._in_tfoot:
            self._celle = []
        elif tag in ("td", "th") and self._celle is not None:
            self._cella = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tfoot":
            self._in_tfoot = False
        elif tag in ("td", "th") and self._cella is not None and self._celle is not None:
            self._celle.append(" ".join("".join(self._cella).split()))
            self._cella = None
        elif tag == "tr" and self._celle is not None:
            self.righe.append(" ".join(c for c in self._celle if c))
            self._celle = None

    def handle_data(self, data: str) -> None:
        if self._cella is not None:
            self._cella.append(data)


@pytest.mark.parametrize(("esempio", "tema"), CASI)
def test_ogni_totale_stampato_una_volta(costruiti, esempio: str, tema: str) -> None:
    """Each total row appears in the PDF's text as many times as in the HTML: never repeated
    under every page of a long table."""
    html, pdf = costruiti[f"{esempio}-{tema}"]
    lettore = _Totali()
    lettore.feed(html.read_text(encoding="utf-8"))
    testo = _testo_pdf(pdf)
    assert lettore.righe or tema == "sintesi"
    for riga in set(lettore.righe):
        attese = lettore.righe.count(riga)
        # whole figures only: "Totale 8" is not found inside "Totale 80"
        trovate = len(re.findall(rf"(?<![\w.,]){re.escape(riga)}(?![\w]|[.,]\d)", testo))
        assert trovate == attese, (riga, trovate, attese)


def test_totale_di_tabella_lunga_non_si_ripete(tmp_path: Path) -> None:
    """A table over three pages: header on each page, total once, "(segue)" on the others."""
    from bilancio.report.stampa import pdf as stampa_pdf

    righe = "".join(f"<tr><td>riga {i}</td><td class='num'>{i}</td></tr>" for i in range(120))
    css = (RADICE / "templates" / "base" / "comune.css").read_text(encoding="utf-8")
    css = css.replace("{{ r.colore }}", "#336699").replace("{{ r.colore_chiaro }}", "#ddeeff")
    css = css.replace("{{ famiglia }}", '"Titillium Web", "DejaVu Sans"')
    from bilancio.report.caratteri import css_stampa

    html = f"""<html lang="it"><head><title>t</title><style>{css_stampa()}
    {css} @page {{ @top-center {{ content: string(segue, start); }} }}</style></head><body>
    <div class="blocco-tabella"><div class="segue-azzera"></div><table class="tabella">
    <caption data-segue="Servizi">Servizi</caption>
    <thead><tr><th>Servizio</th><th class="num">N.</th></tr></thead><tbody>{righe}</tbody>
    <tfoot><tr><td>Totale complessivo</td><td class="num">7140</td></tr></tfoot></table>
    <div class="segue-azzera"></div></div><p>Dopo la tabella.</p></body></html>"""
    import datetime as dt

    dati = stampa_pdf(html, tmp_path, [], dt.date(2025, 12, 31))
    pagine = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(dati)).pages]
    assert len(pagine) >= 3
    assert sum(p.count("Totale complessivo") for p in pagine) == 1
    assert "Totale complessivo" in pagine[-1]
    assert all("Servizio" in p for p in pagine)  # the header row repeats
    assert "Servizi (segue)" not in pagine[0]
    assert all("Servizi (segue)" in p for p in pagine[1:])


# --- fonts -----------------------------------------------------------------------------


def _font(percorso: Path) -> set[str]:
    nomi = set()
    for pagina in pypdf.PdfReader(percorso).pages:
        for f in pagina["/Resources"].get("/Font", {}).values():
            nomi.add(str(f.get_object()["/BaseFont"]).split("+", 1)[-1])
    return nomi


def test_solo_i_font_inclusi(costruiti) -> None:
    for _, pdf in costruiti.values():
        nomi = _font(pdf)
        assert all(n.startswith(("Titillium-Web", "DejaVu-Sans")) for n in nomi), nomi
        assert {"Titillium-Web", "Titillium-Web-Bold"} <= nomi


def test_html_con_i_font_incorporati(costruiti) -> None:
    html, _ = costruiti["cipm-completo"]
    testo = html.read_text(encoding="utf-8")
    facce = re.findall(r'@font-face \{ font-family: "([^"]+)"; src: url\("data:font/woff2', testo)
    assert facce.count("Titillium Web") == 5
    assert "file:" not in testo  # nothing points at this machine's files
    assert 'font-family: "Titillium Web", "DejaVu Sans"' in testo


def test_pdf_identico_con_fontconfig_vuoto(costruiti, tmp_path: Path) -> None:
    """A fresh process whose fontconfig knows no font at all prints the same bytes."""
    vuota = tmp_path / "fc"
    vuota.mkdir()
    (vuota / "fonts.conf").write_text("<fontconfig></fontconfig>\n", encoding="utf-8")
    ambiente = {
        **os.environ,
        "FONTCONFIG_FILE": str(vuota / "fonts.conf"),
        "FONTCONFIG_PATH": str(vuota),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
    }
    uscita = tmp_path / "out"
    programma = (
        "import sys, warnings, bilancio\n"
        "warnings.simplefilter('ignore')\n"
        f"bilancio.build({str(ESEMPI / 'cipm')!r}, formats=['pdf'], output={str(uscita)!r})\n"
    )
    subprocess.run([sys.executable, "-c", programma], env=ambiente, check=True, cwd=tmp_path)
    (nuovo,) = uscita.glob("*.pdf")
    _, atteso = costruiti["cipm-completo"]
    assert nuovo.read_bytes() == atteso.read_bytes()


def _con_testo(tmp_path: Path, testo: str) -> Path:
    copia = tmp_path / "cipm"
    shutil.copytree(ESEMPI / "cipm", copia)
    file = copia / "ente.yaml"
    dati = yaml.safe_load(file.read_text(encoding="utf-8"))
    dati["storia"] = testo
    file.write_text(yaml.safe_dump(dati, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copia


def test_greco_cirillico_e_simboli_dal_font_di_riserva(tmp_path: Path) -> None:
    copia = _con_testo(tmp_path, "Soci fondatori: Σωκράτης Παππάς e Ольга Иванова → ✓ fatto.")
    (html, pdf) = bilancio.build(copia, formats=["html", "pdf"], output=tmp_path / "out").file
    assert problemi(pdf) == []  # no glyph 0 (an empty box): every glyph is in an embedded font
    testo = _testo_pdf(pdf)
    assert "Σωκράτης Παππάς" in testo and "Ольга Иванова" in testo
    assert "DejaVu-Sans" in _font(pdf)
    assert "DejaVu Sans" in html.read_text(encoding="utf-8")


def test_glifo_che_nessun_font_ha_e_un_errore(tmp_path: Path) -> None:
    copia = _con_testo(tmp_path, "La nostra sede di 東京 è aperta.")
    with pytest.raises(
        GlifoMancante, match="«東» \\(U\\+6771\\).*«La nostra sede di 東京 è aperta.»"
    ):
        bilancio.build(copia, formats=["html"], output=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    r = CliRunner().invoke(app, ["build", str(copia), "--output", str(tmp_path / "out")])
    assert r.exit_code == 1
    assert "nessun font incluso" in r.output and "Traceback" not in r.output


# --- logos and images --------------------------------------------------------------------


def test_logo_trasparente_appiattito_sul_bianco() -> None:
    immagine = Image.new("RGBA", (4, 2), (200, 0, 0, 0))
    immagine.putpixel((1, 0), (200, 0, 0, 255))
    immagine.putpixel((2, 0), (0, 0, 200, 128))
    uscita = io.BytesIO()
    immagine.save(uscita, format="PNG")
    piatta = Image.open(io.BytesIO(appiattisci_png(uscita.getvalue())))
    assert piatta.mode == "RGB"
    assert piatta.getpixel((0, 0)) == (255, 255, 255)
    assert piatta.getpixel((1, 0)) == (200, 0, 0)
    assert piatta.getpixel((2, 0)) == (127, 127, 227)
    opaca = io.BytesIO()
    Image.new("RGB", (2, 2), (1, 2, 3)).save(opaca, format="PNG")
    assert appiattisci_png(opaca.getvalue()) == opaca.getvalue()


@pytest.mark.parametrize("tema", TEMI)
def test_logo_con_alfa_nel_pdfa(tmp_path: Path, tema: str) -> None:
    copia = tmp_path / "cipm"
    shutil.copytree(ESEMPI / "cipm", copia)
    logo = Image.new("RGBA", (120, 60), (0, 0, 0, 0))
    for x in range(20, 100):
        for y in range(10, 50):
            logo.putpixel((x, y), (30, 90, 160, 180))
    logo.save(copia / "logo.png")
    ente = copia / "ente.yaml"
    ente.write_text(ente.read_text(encoding="utf-8") + "logo: logo.png\n", encoding="utf-8")
    (pdf,) = bilancio.build(copia, theme=tema, formats=["pdf"], output=tmp_path / "out").file
    assert problemi(pdf) == []  # no soft mask, no /Interpolate, the logo a Figure with Alt
    lettore = pypdf.PdfReader(pdf)
    immagini = [
        x.get_object()
        for p in lettore.pages
        for x in p["/Resources"].get("/XObject", {}).values()
        if x.get_object().get("/Subtype") == "/Image"
    ]
    assert immagini and all("/SMask" not in i for i in immagini)
    assert all(i.get("/Interpolate") in (None, False) for i in immagini)


def test_logo_png_illeggibile(tmp_path: Path) -> None:
    with pytest.raises(ErroreReport, match="non è un'immagine PNG leggibile"):
        appiattisci_png(b"non un png", "logo.png")


# --- other standards, drafts ---------------------------------------------------------------


def test_pdf_a2a_per_il_sito(costruiti, tmp_path: Path) -> None:
    (pdf,) = bilancio.build(ESEMPI / "cipm", formats=["pdf"], output=tmp_path, pdf="pdf/a-2a").file
    lettore = pypdf.PdfReader(pdf)
    assert identificazione(lettore) == ("2", "A")
    assert problemi(pdf) == []
    _, filing = costruiti["cipm-completo"]
    assert pdf.stat().st_size < filing.stat().st_size / 2


def test_standard_sconosciuto(tmp_path: Path) -> None:
    with pytest.raises(ErroreReport, match="Standard PDF «pdf/x-9» sconosciuto"):
        bilancio.build(ESEMPI / "cipm", formats=["pdf"], output=tmp_path, pdf="pdf/x-9")
    r = CliRunner().invoke(
        app, ["build", str(ESEMPI / "cipm"), "--pdf", "pdf/x-9", "-o", str(tmp_path)]
    )
    assert r.exit_code == 2 and "sconosciuto" in r.output  # a misused command


def test_bozza_con_errori(tmp_path: Path) -> None:
    with pytest.raises(DatiNonValidi):
        bilancio.build(ESEMPI / "cosper", formats=["pdf"], output=tmp_path)
    r = CliRunner().invoke(
        app,
        ["build", str(ESEMPI / "cosper"), "--theme", "sintesi", "--bozza", "-o", str(tmp_path)],
    )
    assert r.exit_code == 0, r.output
    html = tmp_path / "cosper-2025-sintesi-bozza.html"
    pdf = tmp_path / "cosper-2025-sintesi-bozza.pdf"
    assert html.is_file() and pdf.is_file()
    assert not (tmp_path / "cosper-2025-sintesi.pdf").exists()
    lettore = pypdf.PdfReader(pdf)
    assert identificazione(lettore) == (None, None)  # never marked PDF/A: it cannot be filed
    assert "/OutputIntents" not in lettore.trailer["/Root"]
    pagine = [p.extract_text() for p in lettore.pages]
    assert all("BOZZA" in p for p in pagine)
    prima = re.sub(r"\s+", " ", pagine[0])
    assert "i dati hanno 3 errori" in prima
    for dove in ("2025.yaml:146:30", "2025.yaml:515:9", "2025.yaml:558:28"):
        assert dove in prima
    testo_html = html.read_text(encoding="utf-8")
    assert "BOZZA" in testo_html and "2025.yaml:146:30" in testo_html


def test_bozza_di_dati_validi_resta_bozza(tmp_path: Path) -> None:
    esito = bilancio.build(ESEMPI / "cipm", formats=["pdf"], output=tmp_path, draft=True)
    (pdf,) = esito.file
    assert pdf.name == "cipm-2020-completo-bozza.pdf"
    lettore = pypdf.PdfReader(pdf)
    assert identificazione(lettore) == (None, None)
    assert "nessun errore" in lettore.pages[0].extract_text()


def test_sito_pubblica_la_copia_da_depositare_e_una_leggera(tmp_path: Path) -> None:
    from bilancio.sito import costruisci_sito

    radice = tmp_path / "cooperative"
    shutil.copytree(ESEMPI / "cipm", radice / "cipm")
    (radice / "bilancio-sito.yaml").write_text(
        yaml.safe_dump({"formati": ["pdf"], "pdf_leggero": "PDF/A-2a"}), encoding="utf-8"
    )
    uscita = tmp_path / "sito"
    riepilogo = costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "cache")
    assert riepilogo.esito == 0, riepilogo.falliti
    deposito = uscita / "cipm" / "2020" / "bilancio-sociale-2020.pdf"
    leggero = uscita / "cipm" / "2020" / "bilancio-sociale-2020-leggero.pdf"
    assert identificazione(pypdf.PdfReader(deposito)) == ("1", "A")
    assert identificazione(pypdf.PdfReader(leggero)) == ("2", "A")
    assert problemi(leggero) == [] and leggero.stat().st_size < deposito.stat().st_size
    pagina = (uscita / "cipm" / "index.html").read_text(encoding="utf-8")
    assert 'href="2020/bilancio-sociale-2020.pdf">Bilancio sociale — PDF/A<' in pagina
    assert 'href="2020/bilancio-sociale-2020-leggero.pdf">Bilancio sociale — PDF leggero<' in pagina
    # unchanged: both copies reused from the cache
    di_nuovo = costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "cache")
    assert [e.stato for e in di_nuovo.esiti] == ["riutilizzato"]


def test_sito_standard_leggero_sconosciuto(tmp_path: Path) -> None:
    from bilancio.errori import InputIlleggibile
    from bilancio.sito import costruisci_sito

    radice = tmp_path / "cooperative"
    shutil.copytree(ESEMPI / "cipm", radice / "cipm")
    (radice / "bilancio-sito.yaml").write_text("pdf_leggero: pdf/z\n", encoding="utf-8")
    with pytest.raises(InputIlleggibile, match="standard PDF «pdf/z» sconosciuto"):
        costruisci_sito(radice, tmp_path / "sito", processi=1, cache=tmp_path / "cache")


def test_html_i_font_hanno_le_maiuscole_dei_titoli() -> None:
    """The HTML's fonts are cut to the document's characters in both cases: the section
    headings are set in capitals by the stylesheet (text-transform), so «Altre informazioni»
    needs a «Z» its text does not have, or the browser draws it in another font."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    from bilancio.report.caratteri import css_schermo

    css = css_schermo("<h2>Altre informazioni</h2>")
    (grassetto,) = re.findall(
        r'base64,([^"]+)"\) format\("woff2"\); font-weight: 700; font-style: normal', css
    )
    mappa = TTFont(io.BytesIO(base64.b64decode(grassetto))).getBestCmap()
    assert {ord(c) for c in "ALTREINFORMAZIONI altre informazioni"} <= set(mappa)
