"""The PDFs of `bilancio build`: text, page count, metadata, outline, PDF/A-1a, fonts.

WeasyPrint is slow, so each PDF is printed once per module; bytes are never compared
with a stored file (only two builds of the same input with each other).
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

import bilancio
from bilancio.report import ErroreReport
from bilancio.report.stampa import pdf as stampa_pdf
from build_golden import ESEMPI, cosper_corretto

pytestmark = pytest.mark.slow  # WeasyPrint prints every PDF of this module


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    lavoro = tmp_path_factory.mktemp("pdf")
    cosper = cosper_corretto(lavoro / "cosper")
    file = {}
    for nome, cartella, tema in (
        ("cipm-completo", ESEMPI / "cipm", "completo"),
        ("cosper-sintesi", cosper, "sintesi"),
    ):
        esito = bilancio.build(cartella, theme=tema, formats=["pdf"], output=lavoro / "out")
        (file[nome],) = esito.file
    return file


def _testo(percorso: Path) -> str:
    lettore = pypdf.PdfReader(percorso)
    return "\n".join(pagina.extract_text() for pagina in lettore.pages)


def test_cipm_cifre_nel_pdf(pdf: dict[str, Path]) -> None:
    testo = _testo(pdf["cipm-completo"])
    compatto = re.sub(r"\s+", " ", testo)
    assert "1.008 utenti" in compatto  # total users 2020
    assert "Peso su totale valore di produzione 79% 84% 85%" in compatto  # 2020, 2019, 2018
    assert "€ 202.018 · 56%" in compatto and "€ 160.727 · 44%" in compatto  # public / private
    assert "Totale patrimonio netto € 132.589" in compatto
    assert "Tavola di conformità alle linee guida" in compatto
    assert "non presente: Organo di controllo non nominato." in compatto
    for parola in ("inf", "nan", "None"):
        assert not re.search(rf"\b{parola}\b", testo)


def test_cosper_cifre_nel_pdf(pdf: dict[str, Path]) -> None:
    compatto = re.sub(r"\s+", " ", _testo(pdf["cosper-sintesi"]))
    assert re.search(r"SOCI LAVORATORI 102 ?\S* ?-4 rispetto al 2024", compatto)
    assert "invariato rispetto al 2024" in compatto
    assert re.search(
        r"VALORE DELLA PRODUZIONE € 8\.924\.272 \S* ?\+5,04% rispetto al 2024", compatto
    )
    assert "Le prospettive per il futuro" in compatto


@pytest.mark.parametrize(
    ("nome", "minimo", "massimo"), [("cipm-completo", 25, 45), ("cosper-sintesi", 12, 30)]
)
def test_numero_di_pagine(pdf: dict[str, Path], nome: str, minimo: int, massimo: int) -> None:
    assert minimo <= len(pypdf.PdfReader(pdf[nome]).pages) <= massimo


def test_metadati_e_pdfa(pdf: dict[str, Path]) -> None:
    lettore = pypdf.PdfReader(pdf["cipm-completo"])
    info = lettore.metadata
    assert info is not None
    assert info.title == "Bilancio sociale 2020 — CIPM"
    assert (
        info.author
        == "Centro Italiano per la Promozione della Mediazione - Cooperativa Sociale a r.l."
    )
    assert info.subject is not None and info.subject.startswith(
        "Bilancio sociale 2020 di Centro Italiano"
    )
    # the approval date, from the data: never the clock
    assert info["/CreationDate"] == "D:20210624"
    assert lettore.trailer["/Root"]["/Lang"] == "it"
    xmp = lettore.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>1</pdfaid:part>" in xmp or 'pdfaid:part="1"' in xmp
    assert "<pdfaid:conformance>A</pdfaid:conformance>" in xmp or 'pdfaid:conformance="A"' in xmp
    assert "/OutputIntents" in lettore.trailer["/Root"]


def test_font_incorporati(pdf: dict[str, Path]) -> None:
    for percorso in pdf.values():
        lettore = pypdf.PdfReader(percorso)
        font = {}
        for pagina in lettore.pages:
            risorse = pagina["/Resources"].get("/Font", {})
            for f in risorse.values():
                f = f.get_object()
                discendente = (
                    f["/DescendantFonts"][0].get_object() if "/DescendantFonts" in f else f
                )
                font[str(f["/BaseFont"])] = discendente["/FontDescriptor"].get_object()
        assert font, percorso
        # only the bundled families (Titillium Web, DejaVu Sans for the glyphs it lacks)
        assert all("Titillium-Web" in nome or "DejaVu-Sans" in nome for nome in font), font
        assert all(
            any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in font.values()
        )


def test_segnalibri_per_sezione(pdf: dict[str, Path]) -> None:
    lettore = pypdf.PdfReader(pdf["cipm-completo"])
    titoli = [v.title for v in lettore.outline if not isinstance(v, list)]
    assert titoli[0] == "Sommario"
    assert titoli[1:4] == [
        "1. Premessa/Introduzione",
        "2. Nota metodologica e modalità di approvazione, pubblicazione e diffusione del bilancio sociale",
        "3. Informazioni generali sull'ente",
    ]
    assert "9. Monitoraggio svolto dall'organo di controllo" in titoli
    assert titoli[-1] == "Tavola di conformità alle linee guida"
    sintesi = [
        v.title for v in pypdf.PdfReader(pdf["cosper-sintesi"]).outline if not isinstance(v, list)
    ]
    assert sintesi[:3] == ["Chi siamo", "I soci al 31.12.2025", "Lavorano con noi"]


def test_pdf_riproducibile(pdf: dict[str, Path], tmp_path: Path) -> None:
    esito = bilancio.build(ESEMPI / "cipm", formats=["pdf"], output=tmp_path)
    assert esito.file[0].read_bytes() == pdf["cipm-completo"].read_bytes()


@pytest.mark.parametrize(
    ("risorsa", "messaggio"),
    [
        ("http://example.com/logo.png", "Risorsa esterna non consentita"),
        ("file:///etc/hostname", "è fuori dalla cartella della cooperativa"),
        ("manca.png", "File non trovato"),
        ("stile-mancante.css", "File non trovato"),
    ],
)
def test_il_pdf_non_legge_fuori_dalla_cartella(
    tmp_path: Path, risorsa: str, messaggio: str
) -> None:
    import datetime as dt

    if risorsa.endswith(".css"):
        html = f'<html><head><link rel="stylesheet" href="{risorsa}"></head><body><p>x</p></body></html>'
    else:
        html = f'<html><body><img src="{risorsa}" alt="x"></body></html>'
    with pytest.raises(ErroreReport, match=messaggio):
        stampa_pdf(html, tmp_path, [], dt.date(2025, 12, 31))


def test_indice_e_testatine_con_i_numeri_di_pagina(pdf: dict[str, Path]) -> None:
    """Contents with page numbers, running header and page numbers, as the README promises.

    The pages of the sections come from the PDF bookmarks (where each heading really is),
    and are compared with what the contents page prints and what each page's header says.
    """
    lettore = pypdf.PdfReader(pdf["cipm-completo"])
    pagine = [p.extract_text() for p in lettore.pages]
    totale = len(pagine)
    # page numbers "n / N" on every page but the cover
    assert f"1 / {totale}" not in pagine[0]
    for numero, testo in enumerate(pagine[1:], start=2):
        assert f"DM 4 luglio 2019 {numero} / {totale}" in testo, numero
    sezioni = [
        (v.title, lettore.get_destination_page_number(v) + 1)
        for v in lettore.outline
        if not isinstance(v, list) and re.match(r"\d+\. ", v.title)
    ]
    assert len(sezioni) == 9
    # the contents print each section's page (titles may break across lines: "bi‐ lancio")
    # (layout mode: the page numbers sit in their own column, on the title's line)
    righe = [lettore.pages[i].extract_text(extraction_mode="layout") for i in (1, 2)]
    indice = re.sub(r"\s+", " ", "\n".join(righe).replace("‐\n", ""))
    for titolo, pagina in sezioni:
        m = re.search(re.escape(titolo) + r" (?:\.+ )?(\d+)", indice)
        assert m, titolo
        assert int(m.group(1)) == pagina, titolo
    # the running header names the cooperative, the year and the section of the page: the
    # first that starts on it, else the one it goes on with (short sections share a page)
    for pagina in range(sezioni[0][1], sezioni[-1][1] + 1):
        iniziano = [t for t, p in sezioni if p == pagina]
        titolo = iniziano[0] if iniziano else [t for t, p in sezioni if p < pagina][-1]
        assert f"CIPM · Bilancio sociale 2020 {titolo[:20]}" in pagine[pagina - 1], (
            titolo,
            pagina,
        )
