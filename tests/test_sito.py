"""`bilancio site`: pages and links, keep-going, shards, cache, removal, the browser's view."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilancio.cli import _registra, app
from bilancio.sito import ErroreSito, costruisci_sito
from bilancio.sito.lavori import (
    Lavoro,
    file_dei_font,
    file_dello_strumento,
    impronta_strumento,
    partizione,
)
from conftest import ESEMPI, RADICE

_registra()


def radice_di_prova(
    base: Path, *nomi: str, formati: tuple[str, ...] = ("html",), **config: object
) -> Path:
    radice = base / "cooperative"
    radice.mkdir(parents=True)
    for nome in nomi or ("arcobaleno", "cipm", "cosper"):
        shutil.copytree(ESEMPI / nome, radice / nome)
    (radice / "bilancio-sito.yaml").write_text(
        yaml.safe_dump(
            {"titolo": "Bilanci sociali di prova", "formati": list(formati), **config},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return radice


class _Link(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.link: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for nome, valore in attrs:
            if nome in ("href", "src") and valore:
                self.link.append(valore)


def collegamenti(pagina: Path) -> list[str]:
    parser = _Link()
    parser.feed(pagina.read_text(encoding="utf-8"))
    return parser.link


@pytest.fixture(scope="module")
def sito(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("sito")
    radice = radice_di_prova(base)
    uscita, cache = base / "public", base / "cache"
    riepilogo = costruisci_sito(radice, uscita, processi=2, cache=cache)
    return radice, uscita, cache, riepilogo


def test_site_pages_exist_and_every_link_resolves(sito) -> None:
    _, uscita, _, riepilogo = sito
    pagine = sorted(uscita.rglob("*.html"))
    assert (uscita / "index.html") in pagine
    assert {p.relative_to(uscita).as_posix() for p in pagine} >= {
        "index.html",
        "cipm/index.html",
        "cosper/index.html",
        "arcobaleno/index.html",
        "cipm/2020/bilancio-sociale-2020.html",
        "arcobaleno/2024/bilancio-sociale-2024.html",
    }
    for pagina in pagine:
        for link in collegamenti(pagina):
            if link.startswith(("#", "data:", "mailto:")):
                continue
            assert not re.match(r"^[a-z]+://", link) and not link.startswith("/"), (
                f"{pagina}: link non relativo {link}"
            )
            destinazione = (pagina.parent / link.split("#")[0]).resolve()
            assert destinazione.exists(), f"{pagina}: {link} non esiste"
    assert riepilogo.file == sorted(riepilogo.file)


def test_home_lists_every_cooperative_with_key_figures(sito) -> None:
    _, uscita, _, _ = sito
    home = (uscita / "index.html").read_text(encoding="utf-8")
    for nome in ("CIPM", "Cosper", "Arcobaleno"):
        assert nome in home
    assert "€ 362.745" in home and "+5,08% rispetto al 2019" in home
    assert "-4 rispetto al 2024" in home  # Cosper's soci (102 + 21 vs 106 + 21)


def test_cooperative_page_has_years_reports_data_and_trend(sito) -> None:
    _, uscita, _, _ = sito
    pagina = (uscita / "cipm" / "index.html").read_text(encoding="utf-8")
    for testo in (
        "2020/bilancio-sociale-2020.html",
        "2020/dati-2020.json",
        "2020/dati-2020.csv",
        "<svg",
        "€ 94.211",
        "79%",
    ):
        assert testo in pagina
    assert (
        (uscita / "cipm" / "2020" / "dati-2020.csv")
        .read_bytes()
        .startswith(b"\xef\xbb\xbfcampo;valore")
    )


def test_a_failing_cooperative_does_not_stop_the_others(sito) -> None:
    _, uscita, _, riepilogo = sito
    stati = {e.chiave: e.stato for e in riepilogo.esiti}
    assert stati["cosper/2025/completo"] == "fallito"
    assert stati["cipm/2020/completo"] == "costruito"
    assert riepilogo.esito == 1
    [fallito] = riepilogo.falliti
    assert {p.codice for p in fallito.problemi} == {
        "BENEFICIARI-SERVIZIO",
        "INTERVENTI-SERVIZIO",
        "DURATA-MEDIA",
    }
    pagina = (uscita / "cosper" / "index.html").read_text(encoding="utf-8")
    # the public page: a neutral line, no build machine's path, no file:line:col
    assert "Report non ancora pubblicato." in pagina
    for interno in ("2025.yaml", str(ESEMPI.parent), str(uscita.parent), "errori nei dati"):
        assert interno not in pagina
    assert not re.search(r"\.(yaml|xlsx):\d+", pagina)
    assert not (uscita / "cosper" / "2025" / "dati-2025.json").exists()
    # the located errors go to the log beside the site, outside the published folder
    registro = uscita.parent / "public.log"
    assert riepilogo.registro == str(registro)
    testo = registro.read_text(encoding="utf-8")
    assert "non costruito cosper/2025/completo" in testo and "2025.yaml:146:30" in testo
    assert not any(p.suffix == ".log" for p in uscita.rglob("*"))


def test_no_change_rebuild_reuses_everything(sito) -> None:
    radice, uscita, cache, _ = sito
    prima = {p: p.read_bytes() for p in uscita.rglob("*") if p.is_file()}
    riepilogo = costruisci_sito(radice, uscita, processi=2, cache=cache)
    assert riepilogo.conta("costruito") == 0
    assert riepilogo.conta("riutilizzato") == 3
    dopo = {p: p.read_bytes() for p in uscita.rglob("*") if p.is_file()}
    assert prima == dopo


def test_cache_invalidation_by_data_and_templates(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "arcobaleno")
    modelli = tmp_path / "modelli"
    modelli.mkdir()
    (modelli / "nota.txt").write_text("uno")
    uscita, cache = tmp_path / "public", tmp_path / "cache"
    costruisci_sito(radice, uscita, processi=1, cache=cache, templates=modelli)

    # a change to 2025 rebuilds 2025 only: 2024 does not depend on later years
    f = radice / "arcobaleno" / "2025.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "\n# modificato\n", encoding="utf-8")
    stati = {
        e.chiave: e.stato
        for e in costruisci_sito(radice, uscita, processi=1, cache=cache, templates=modelli).esiti
    }
    assert stati == {
        "arcobaleno/2024/completo": "riutilizzato",
        "arcobaleno/2025/completo": "costruito",
    }

    # a change to the templates rebuilds everything
    (modelli / "nota.txt").write_text("due")
    stati = {
        e.chiave: e.stato
        for e in costruisci_sito(radice, uscita, processi=1, cache=cache, templates=modelli).esiti
    }
    assert set(stati.values()) == {"costruito"}

    # --clean rebuilds everything too
    stati = {
        e.chiave: e.stato
        for e in costruisci_sito(
            radice, uscita, processi=1, cache=cache, templates=modelli, pulisci=True
        ).esiti
    }
    assert set(stati.values()) == {"costruito"}


def _albero(radice: Path, file: dict[str, str]) -> Path:
    for nome, testo in file.items():
        (radice / nome).parent.mkdir(parents=True, exist_ok=True)
        (radice / nome).write_text(testo, encoding="utf-8")
    return radice


def test_tool_fingerprint_hashes_what_changes_a_report_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Package code, report themes and fonts count; caches, site pages, tests and tools do not."""
    pacchetto = _albero(
        tmp_path / "src" / "bilancio",
        {"__init__.py": "", "report/contesto.py": "A = 1", "__pycache__/x.cpython-311.pyc": "0"},
    )
    temi = _albero(
        tmp_path / "templates",
        {"completo/stile.css": "p {}", "base/testa.html": "<title>", "sito/home.html": "<h1>"},
    )
    _albero(tmp_path, {"tests/conftest.py": "", "tools/sintetici.py": "", "bench/bench.py": ""})
    font = _albero(tmp_path / "font", {"DejaVuSans.ttf": "glifi"}) / "DejaVuSans.ttf"

    import importlib

    import bilancio
    import bilancio.report.stampa

    modulo = importlib.import_module("bilancio.sito.lavori")  # bilancio.sito.lavori: a function
    # the tool as if installed there, with that font
    monkeypatch.setattr(bilancio, "__file__", str(pacchetto / "__init__.py"))
    monkeypatch.setattr(bilancio.report.stampa, "cartella_temi", lambda: temi)
    monkeypatch.setattr(modulo, "file_dei_font", lambda: [font])

    def impronta() -> str:
        impronta_strumento.cache_clear()
        try:
            return impronta_strumento()
        finally:
            impronta_strumento.cache_clear()

    nomi = [n for n, _ in file_dello_strumento(pacchetto, temi, [font])]
    assert nomi == [
        "bilancio/__init__.py",
        "bilancio/report/contesto.py",
        "templates/base/testa.html",
        "templates/completo/stile.css",
        "font/DejaVuSans.ttf",
    ]
    for cambia, conta in (
        ("src/bilancio/report/contesto.py", True),
        ("templates/completo/stile.css", True),
        ("font/DejaVuSans.ttf", True),
        ("src/bilancio/__pycache__/x.cpython-311.pyc", False),
        ("templates/sito/home.html", False),
        ("tests/conftest.py", False),
        ("tools/sintetici.py", False),
        ("bench/bench.py", False),
    ):
        prima = impronta()
        (tmp_path / cambia).write_text("cambiato", encoding="utf-8")
        assert (impronta() != prima) is conta, cambia
    # a package installed from a wheel holds the themes: each file is hashed once
    _albero(pacchetto, {"templates/completo/stile.css": "p {}"})
    doppi = [n for n, _ in file_dello_strumento(pacchetto, pacchetto / "templates", [font])]
    assert doppi.count("templates/completo/stile.css") == 1
    assert "bilancio/templates/completo/stile.css" not in doppi


def test_tool_fingerprint_of_this_installation() -> None:
    """The real inputs: the package and the themes, the DejaVu fonts; not tests/ or tools/."""
    import bilancio
    from bilancio.report.stampa import cartella_temi

    font = file_dei_font()
    elenco = file_dello_strumento(Path(bilancio.__file__).parent, cartella_temi(), font)
    nomi = {n for n, _ in elenco}
    assert {"bilancio/variazioni.py", "bilancio/sito/lavori.py"} <= nomi
    assert {"templates/completo/stile.css", "templates/sintesi/rapporto.html"} <= nomi
    assert not any(n.startswith("templates/sito/") for n in nomi)
    for _, percorso in elenco:
        assert not percorso.resolve().is_relative_to(RADICE / "tests")
        assert not percorso.resolve().is_relative_to(RADICE / "tools")
    if shutil.which("fc-list"):  # the PDFs embed DejaVu (Debian's fonts-dejavu)
        assert any(f.name == "DejaVuSans.ttf" for f in font)
    assert re.fullmatch(r"[0-9a-f]{64}", impronta_strumento())


def test_removing_a_year_or_a_cooperative_removes_its_pages(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "arcobaleno", "cipm")
    uscita, cache = tmp_path / "public", tmp_path / "cache"
    (uscita).mkdir()
    (uscita / "CNAME").write_text("bilanci.example.org\n")  # not ours: must survive
    costruisci_sito(radice, uscita, processi=1, cache=cache)
    assert (uscita / "arcobaleno" / "2024" / "bilancio-sociale-2024.html").exists()
    (radice / "arcobaleno" / "2024.yaml").unlink()
    shutil.rmtree(radice / "cipm")
    riepilogo = costruisci_sito(radice, uscita, processi=1, cache=cache)
    assert not (uscita / "arcobaleno" / "2024").exists()
    assert not (uscita / "cipm").exists()
    assert "cipm/index.html" in riepilogo.rimossi
    assert (uscita / "CNAME").exists()
    assert "CIPM" not in (uscita / "index.html").read_text(encoding="utf-8")


def test_sitemap_with_base_url(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cipm", base_url="https://bilanci.example.org/coop")
    uscita = tmp_path / "public"
    costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "cache")
    mappa = (uscita / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://bilanci.example.org/coop/</loc>" in mappa
    assert (
        "<loc>https://bilanci.example.org/coop/cipm/2020/bilancio-sociale-2020.html</loc>" in mappa
    )


def _lavori(n: int) -> list[Lavoro]:
    return [
        Lavoro(slug=f"c{i}", cartella=Path("."), anno=2000 + i, tema="completo", formati=("html",))
        for i in range(n)
    ]


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=9))
def test_shards_cover_every_report_exactly_once(n: int, parti: int) -> None:
    tutti = _lavori(n)
    fette = [partizione(tutti, i, parti) for i in range(1, parti + 1)]
    chiavi = [lav.chiave for fetta in fette for lav in fetta]
    assert sorted(chiavi) == sorted(lav.chiave for lav in tutti)
    assert max(len(f) for f in fette) - min(len(f) for f in fette) <= 1
    assert fette == [partizione(tutti, i, parti) for i in range(1, parti + 1)]  # deterministic


def test_shards_then_merge_give_the_same_site(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "arcobaleno", "cipm")
    intero = tmp_path / "intero"
    costruisci_sito(radice, intero, processi=1, cache=tmp_path / "c1")
    diviso = tmp_path / "diviso"
    for i in (1, 2):  # in CI: two runners, each its own cache, artifacts downloaded into one folder
        parziale = costruisci_sito(
            radice, diviso, processi=1, cache=tmp_path / f"c-parte-{i}", parte=(i, 2)
        )
        assert parziale.parziale == f"{i}/2" and not (diviso / "index.html").exists()
    with pytest.raises(ErroreSito):
        costruisci_sito(radice, tmp_path / "vuoto", processi=1, cache=tmp_path / "c3", unisci=True)
    unito = costruisci_sito(radice, diviso, processi=1, cache=tmp_path / "c3", unisci=True)
    assert unito.esito == 0
    elenco = lambda d: sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())  # noqa: E731
    assert elenco(diviso) == elenco(intero)
    assert (diviso / "index.html").read_bytes() == (intero / "index.html").read_bytes()


def test_merge_refuses_a_missing_shard(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "arcobaleno", "cipm")
    uscita = tmp_path / "public"
    costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "c", parte=(1, 2))
    with pytest.raises(ErroreSito, match="mancanti"):
        costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "c", unisci=True)


def test_cli_site_summary_exit_code_and_fail_fast(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cosper", "cipm")
    (radice / "cipm").rename(radice / "zz-cipm")  # built after cosper, which fails
    runner = CliRunner()
    r = runner.invoke(
        app,
        ["site", str(radice), "-o", str(tmp_path / "p"), "--cache", str(tmp_path / "c"), "-j", "1"],
    )
    assert r.exit_code == 1, r.output
    assert "Riepilogo del sito" in r.output and "non costruito cosper/2025/completo" in r.output
    assert (tmp_path / "p" / "zz-cipm" / "2020" / "bilancio-sociale-2020.html").exists()
    r = runner.invoke(
        app,
        [
            "site",
            str(radice),
            "-o",
            str(tmp_path / "q"),
            "--cache",
            str(tmp_path / "c2"),
            "-j",
            "1",
            "--fail-fast",
        ],
    )
    assert r.exit_code == 1
    assert "interrotto al primo errore" in r.output  # cipm comes after cosper and is skipped
    r = runner.invoke(app, ["site", str(radice), "--shard", "3/2"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["site", str(tmp_path / "non-esiste")])
    assert r.exit_code == 2


@pytest.mark.slow
def test_pdf_reports_are_published(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cipm", formati=("html", "pdf"))
    uscita = tmp_path / "public"
    riepilogo = costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "cache")
    assert riepilogo.esito == 0
    pdf = uscita / "cipm" / "2020" / "bilancio-sociale-2020.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "bilancio-sociale-2020.pdf" in (uscita / "cipm" / "index.html").read_text(
        encoding="utf-8"
    )


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
def test_home_page_in_headless_chromium(sito, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("Chromium non installato (apt-get install chromium): .ci/run lo installa")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright non installato")
    _, uscita, _, _ = sito
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
            ],
        )
        try:
            pagina = browser.new_page(viewport={"width": 1280, "height": 1000})
            richieste: list[str] = []
            pagina.on("request", lambda r: richieste.append(r.url))
            pagina.goto((uscita / "index.html").as_uri())
            schede = pagina.locator("article.scheda")
            assert schede.count() == 3
            testo = pagina.inner_text("main")
            for nome in ("CIPM", "Cosper", "Arcobaleno"):
                assert nome in testo
            scatto = tmp_path / "home.png"
            pagina.screenshot(path=str(scatto), full_page=True)
            assert scatto.stat().st_size > 10_000
            assert all(u.startswith("file://") or u.startswith("data:") for u in richieste), (
                richieste
            )
            pagina.click("text=Bilanci sociali e dati di CIPM")
            assert pagina.url.endswith("cipm/index.html")
        finally:
            browser.close()


def test_ci_workflow_calls_existing_commands() -> None:
    flusso = RADICE / "docs" / "ci" / "github-pages.yml"
    dati = yaml.safe_load(flusso.read_text(encoding="utf-8"))
    comandi = [
        passo["run"]
        for lavoro in dati["jobs"].values()
        for passo in lavoro["steps"]
        if "run" in passo
    ]
    chiamate = [
        riga.split()
        for c in comandi
        for riga in c.splitlines()
        if riga.strip().startswith("bilancio ")
    ]
    assert chiamate, "il flusso di lavoro non chiama bilancio"
    runner = CliRunner()
    for parole in chiamate:
        r = runner.invoke(app, [parole[1], "--help"])
        assert r.exit_code == 0, f"comando inesistente: {' '.join(parole)}"
        opzioni = [p.split("=")[0] for p in parole[2:] if p.startswith("--")]
        for opzione in opzioni:
            assert opzione in r.output, f"opzione inesistente: {opzione} in {' '.join(parole)}"


# --- what the public sees, and details of the pages ---------------------------------------


def test_report_pages_link_back_to_the_cooperative_and_the_home_page(sito) -> None:
    _, uscita, _, _ = sito
    for report in sorted(uscita.glob("*/*/bilancio-sociale-*.html")):
        link = collegamenti(report)
        assert "../index.html" in link and "../../index.html" in link, report
        assert (report.parent / "../index.html").resolve() == (
            report.parent.parent / "index.html"
        ).resolve()
        assert (report.parent / "../../index.html").resolve() == (uscita / "index.html").resolve()
    html = (uscita / "cipm/2020/bilancio-sociale-2020.html").read_text(encoding="utf-8")
    assert "Tutte le cooperative" in html and "Tutti i bilanci sociali della cooperativa" in html


def test_the_cooperative_chart_has_a_visible_title(sito) -> None:
    _, uscita, _, _ = sito
    pagina = (uscita / "arcobaleno" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<figure class="grafico"><figcaption>(.*?)</figcaption>', pagina, re.S)
    assert m is not None and "<h3>Valore della produzione per anno</h3>" in m.group(1)


def test_a_syntax_error_in_one_year_hides_neither_the_cooperative_nor_its_other_years(
    tmp_path: Path,
) -> None:
    radice = radice_di_prova(tmp_path, "arcobaleno", "cipm")
    (radice / "arcobaleno" / "2025.yaml").write_text("anno: 2025\nsoci: [1, 2\n", encoding="utf-8")
    (radice / "cipm" / "2020.yaml").write_text("anno: 2020\n  : :\n", encoding="utf-8")
    uscita = tmp_path / "public"
    riepilogo = costruisci_sito(radice, uscita, processi=1, cache=tmp_path / "c")
    stati = {e.chiave: e.stato for e in riepilogo.esiti}
    assert stati == {
        "arcobaleno/2024/completo": "costruito",
        "arcobaleno/2025/completo": "fallito",
        "cipm/2020/completo": "fallito",
    }
    home = (uscita / "index.html").read_text(encoding="utf-8")
    # the identity from the valid ente.yaml, not the folder's name
    assert ">CIPM</a>" in home and "Centro Italiano per la Promozione della Mediazione" in home
    assert ">Arcobaleno</a>" in home and "Cremona (CR)" in home
    coop = (uscita / "arcobaleno" / "index.html").read_text(encoding="utf-8")
    assert "2024/bilancio-sociale-2024.html" in coop and "2024/dati-2024.json" in coop
    assert "Report non ancora pubblicato." in coop and "SINTASSI" not in coop
    assert "Centro Italiano" in (uscita / "cipm" / "index.html").read_text(encoding="utf-8")
    registro = (tmp_path / "public.log").read_text(encoding="utf-8")
    assert "arcobaleno/2025.yaml:3:1: errore SINTASSI" in registro
    assert "cipm/2020.yaml:" in registro


def test_cli_log_option_default_and_refused_inside_the_site(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "cosper")
    runner = CliRunner()
    argomenti = ["site", str(radice), "--cache", str(tmp_path / "c"), "-j", "1"]
    r = runner.invoke(
        app, [*argomenti, "-o", str(tmp_path / "sito"), "--registro", str(tmp_path / "x" / "b.log")]
    )
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "2025.yaml:146:30" in (tmp_path / "x" / "b.log").read_text(encoding="utf-8")
    assert not (tmp_path / "sito.log").exists()
    r = runner.invoke(
        app,
        [*argomenti, "-o", str(tmp_path / "sito"), "--registro", str(tmp_path / "sito" / "b.log")],
    )
    assert r.exit_code == 2 and "non può stare dentro la cartella del sito" in r.output
    assert not (tmp_path / "sito" / "b.log").exists()
    # a shard writes its log beside its folder too
    r = runner.invoke(app, [*argomenti, "-o", str(tmp_path / "parte"), "--shard", "1/1"])
    assert r.exit_code == 1
    assert "cosper/2025.yaml:146:30" in (tmp_path / "parte.log").read_text(encoding="utf-8")
    assert not list((tmp_path / "parte").rglob("*.log"))


def test_cli_missing_root_says_so_before_any_progress_bar(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["site", str(tmp_path / "non-esiste"), "-o", str(tmp_path / "p")])
    assert r.exit_code == 2
    assert r.output.strip().startswith("errore: La cartella")
    assert "0/?" not in r.output and "report" not in r.output
    assert not (tmp_path / "p").exists() and not (tmp_path / "p.log").exists()


def test_cli_merge_twice_says_what_it_did_and_names_a_missing_shard(tmp_path: Path) -> None:
    radice = radice_di_prova(tmp_path, "arcobaleno", "cosper")
    uscita = tmp_path / "public"
    runner = CliRunner()
    base = ["site", str(radice), "-o", str(uscita), "-j", "1"]
    # shard 1: arcobaleno 2024 and cosper 2025 (which fails); shard 2: arcobaleno 2025
    r = runner.invoke(app, [*base, "--shard", "1/2", "--cache", str(tmp_path / "c1")])
    assert r.exit_code == 1, r.output
    r = runner.invoke(app, [*base, "--merge", "--cache", str(tmp_path / "cm")])
    # a missing shard is input the merge cannot read: exit 2, like any unreadable input
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "Manca la parte 2/2 (file .bilancio-shard-2-di-2.json)" in r.output
    assert not (uscita / "index.html").exists()
    registro = (tmp_path / "public.log").read_text(encoding="utf-8")
    assert "errore: Impossibile unire il sito" in registro and "Manca la parte 2/2" in registro
    r = runner.invoke(app, [*base, "--shard", "2/2", "--cache", str(tmp_path / "c2")])
    assert r.exit_code == 0, r.output
    primo = runner.invoke(app, [*base, "--merge", "--cache", str(tmp_path / "cm")])
    assert primo.exit_code == 1, primo.output
    assert "parti unite" in primo.output and "costruiti" not in primo.output
    assert re.search(r"│\s+2\s+│\s+2\s+│\s+1\s+│", primo.output), primo.output
    assert "non costruito cosper/2025/completo" in primo.output
    assert not list(uscita.glob(".bilancio-shard-*"))  # not published: they hold the errors
    sito = {p.relative_to(uscita): p.read_bytes() for p in uscita.rglob("*") if p.is_file()}
    # merging again, in the same folder, works and gives the same site and the same errors
    secondo = runner.invoke(app, [*base, "--merge", "--cache", str(tmp_path / "cm")])
    assert secondo.exit_code == 1, secondo.output
    assert "cosper/2025.yaml:146:30" in secondo.output
    assert {p.relative_to(uscita): p.read_bytes() for p in uscita.rglob("*") if p.is_file()} == sito
    registro = (tmp_path / "public.log").read_text(encoding="utf-8")
    assert "cosper/2025.yaml:146:30" in registro and "costruiti" not in registro
    assert "dalla sua unione precedente" in registro


def test_a_shard_out_of_range_from_the_api_is_a_misuse_in_italian(tmp_path: Path) -> None:
    """bilancio.site(shard=(3, 2)) is the caller's mistake: UsoNonValido (exit 2), not ValueError."""
    import bilancio
    from bilancio.errori import UsoNonValido

    radice = radice_di_prova(tmp_path, "arcobaleno")
    with pytest.raises(UsoNonValido, match="Parte 3/2 non valida"):
        bilancio.site(radice, output=tmp_path / "public", shard=(3, 2))
