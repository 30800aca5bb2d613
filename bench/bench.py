"""`make bench`: how much `bilancio build` adds to WeasyPrint's own printing time.

For the largest bundled example that builds (the most YAML), it times, interleaved in
one process (so a busy machine slows both alike):

* ``build``: ``bilancio.build(..., formats=["pdf"])``, the whole pipeline (load, check,
  context, charts, HTML, PDF/A, write);
* ``weasyprint``: WeasyPrint alone printing the HTML our build prints, with the same
  PDF/A options;
* ``senza_stile``: WeasyPrint printing that HTML with our stylesheet stripped (only the
  bundled fonts' ``@font-face`` rules left): against ``weasyprint``, the cost of our CSS;
* ``build_3b``: the whole build as PDF/A-3b (untagged) instead of PDF/A-1a: the cost of
  the filing standard and its tags.

Each is run once to warm up (imports, font cache), then ``--ripetizioni`` times; the
table in ``bench/RESULTS.md`` gives the medians, their ratios and the peak resident
memory of a fresh process running each once. Every run uses an empty fontconfig
configuration, as our build does (no system font is read). Targets: our overhead at
most 25% over WeasyPrint's own time; our CSS at most 1.2 times the time without it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RADICE = Path(__file__).resolve().parents[1]
ESEMPI = RADICE / "data" / "examples"
RISULTATI = Path(__file__).resolve().parent / "RESULTS.md"


def _esempio_piu_grande() -> Path:
    import bilancio

    validi = [p for p in sorted(ESEMPI.iterdir()) if p.is_dir() and bilancio.check(p).valido]
    return max(validi, key=lambda p: sum(f.stat().st_size for f in p.glob("*.yaml")))


def _fontconfig_vuoto(cartella: Path) -> None:
    """This process and its children see no system font, like our build's printing step."""
    conf = cartella / "fonts.conf"
    conf.write_text(f"<fontconfig><cachedir>{cartella}</cachedir></fontconfig>\n", encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(conf)


def _html(esempio: Path, uscita: Path) -> Path:
    """The HTML our build prints (the bundled fonts by file URL, not inline), in a file."""
    import bilancio
    from bilancio.report import caratteri

    (html,) = bilancio.build(esempio, formats=["html"], output=uscita / "html").file
    testo = html.read_text(encoding="utf-8")
    # the first <style> is the fonts' @font-face rules: the screen's inline subsets become
    # the print's font files, as in bilancio.report.stampa
    testo = re.sub(
        r"<style>@font-face.*?</style>",
        lambda _: f"<style>{caratteri.css_stampa()}</style>",
        testo,
        count=1,
        flags=re.S,
    )
    stampa = uscita / "stampa.html"
    stampa.write_text(testo, encoding="utf-8")
    return stampa


def senza_stile(testo: str) -> str:
    """The HTML with our stylesheet stripped: only the fonts' ``@font-face`` rules stay."""
    return re.sub(r"<style>(?!@font-face).*?</style>", "", testo, flags=re.S)


def _operazioni(esempio: Path, uscita: Path, html: Path) -> dict[str, Callable[[], None]]:
    """The two things compared: our whole build, and WeasyPrint printing our HTML.

    Imports happen on first use, so a process measuring WeasyPrint never loads bilancio.
    """
    testo = html.read_text(encoding="utf-8")
    spoglio = senza_stile(testo)
    PDF_VARIANTE = "pdf/a-1a"  # as bilancio.report.stampa prints it

    def build() -> None:
        import bilancio

        bilancio.build(esempio, formats=["pdf"], output=uscita / "build")

    def build_3b() -> None:
        import bilancio

        bilancio.build(esempio, formats=["pdf"], output=uscita / "build-3b", pdf="pdf/a-3b")

    def solo_weasyprint() -> None:
        import weasyprint

        weasyprint.HTML(string=testo, base_url=str(esempio) + "/").write_pdf(
            uscita / "solo.pdf", pdf_variant=PDF_VARIANTE
        )

    def weasyprint_senza_stile() -> None:
        import weasyprint

        weasyprint.HTML(string=spoglio, base_url=str(esempio) + "/").write_pdf(
            uscita / "senza-stile.pdf", pdf_variant=PDF_VARIANTE
        )

    def prima_della_stampa() -> None:
        # our own steps only: load, check, context, charts, HTML (no PDF)
        import bilancio

        bilancio.build(esempio, formats=["html"], output=uscita / "solo-html")

    return {
        "build": build,
        "weasyprint": solo_weasyprint,
        "senza_stile": weasyprint_senza_stile,
        "build_3b": build_3b,
        "html": prima_della_stampa,
    }


def _tempi(esempio: Path, ripetizioni: int) -> dict[str, list[float]]:
    """Interleaved runs (build, WeasyPrint, build...), so a busy machine slows both alike."""
    with tempfile.TemporaryDirectory() as tmp:
        operazioni = _operazioni(esempio, Path(tmp), _html(esempio, Path(tmp)))
        for una in operazioni.values():
            una()  # warm-up: imports, font cache
        tempi: dict[str, list[float]] = {nome: [] for nome in operazioni}
        for _ in range(ripetizioni):
            for nome, una in operazioni.items():
                inizio = time.perf_counter()
                una()
                tempi[nome].append(time.perf_counter() - inizio)
        import pypdf

        tempi["pagine"] = [
            float(len(pypdf.PdfReader(next((Path(tmp) / "build").glob("*.pdf"))).pages))
        ]
        for nome, cartella in (("byte_1a", "build"), ("byte_3b", "build-3b")):
            tempi[nome] = [float(next((Path(tmp) / cartella).glob("*.pdf")).stat().st_size)]
    return tempi


def _memoria(modo: str, esempio: Path, html: Path) -> int:
    """Peak resident memory (kB) of a fresh process that runs ``modo`` once.

    The WeasyPrint process only reads the HTML file and prints it: it never imports
    bilancio, so its peak is WeasyPrint's own.
    """
    comando = [sys.executable, __file__, "--memoria", modo, "--esempio", str(esempio)]
    processo = subprocess.Popen([*comando, "--html", str(html)])
    _, stato, risorse = os.wait4(processo.pid, 0)
    if os.waitstatus_to_exitcode(stato) != 0:
        raise SystemExit(f"misura della memoria di {modo} fallita")
    return risorse.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memoria", choices=("build", "weasyprint"), help=argparse.SUPPRESS)
    parser.add_argument("--esempio", type=Path)
    parser.add_argument("--html", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ripetizioni", type=int, default=5)
    args = parser.parse_args()
    if args.memoria:
        with tempfile.TemporaryDirectory() as tmp:
            _operazioni(args.esempio, Path(tmp), args.html)[args.memoria]()
        return 0

    import weasyprint

    fontconfig = tempfile.TemporaryDirectory(prefix="bench-fc-")
    _fontconfig_vuoto(Path(fontconfig.name))
    esempio = args.esempio or _esempio_piu_grande()
    tempi = _tempi(esempio, args.ripetizioni)
    with tempfile.TemporaryDirectory() as tmp:
        html = _html(esempio, Path(tmp))
        rss_nostro, rss_solo = (
            _memoria("build", esempio, html),
            _memoria("weasyprint", esempio, html),
        )
    t_nostro = statistics.median(tempi["build"])
    t_solo = statistics.median(tempi["weasyprint"])
    t_html = statistics.median(tempi["html"])
    t_spoglio = statistics.median(tempi["senza_stile"])
    t_3b = statistics.median(tempi["build_3b"])
    nostro = {"pagine": int(tempi["pagine"][0])}
    rapporto = t_nostro / t_solo
    esito = "entro l'obiettivo" if rapporto <= 1.25 else "OLTRE l'obiettivo"
    costo_css = t_solo / t_spoglio
    esito_css = "entro l'obiettivo" if costo_css <= 1.2 else "OLTRE l'obiettivo"
    costo_1a = t_nostro / t_3b
    mib_1a, mib_3b = tempi["byte_1a"][0] / 2**20, tempi["byte_3b"][0] / 2**20
    righe = [
        "# Benchmark: `bilancio build` against WeasyPrint alone",
        "",
        "Written by `make bench` (`bench/bench.py`); do not edit by hand.",
        "",
        f"Example: `data/examples/{esempio.name}` (the largest that builds), theme `completo`, "
        f"{nostro['pagine']} pages of PDF/A-1a; median of {args.ripetizioni} interleaved runs after one warm-up; "
        "peak memory of a fresh process running each once; every run with an empty fontconfig configuration "
        "(only the bundled fonts), as `bilancio build` prints.",
        "",
        "| measurement | median time | peak memory (RSS) |",
        "|---|---:|---:|",
        f"| `bilancio build --format pdf` (load, check, context, charts, HTML, PDF/A, write) | {t_nostro:.2f} s | {rss_nostro / 1024:.0f} MiB |",
        f"| of which our own steps before printing (`--format html`: load, check, context, charts, HTML) | {t_html:.2f} s | |",
        f"| WeasyPrint alone, printing the HTML our build produced (same PDF/A options) | {t_solo:.2f} s | {rss_solo / 1024:.0f} MiB |",
        f"| ratio build / WeasyPrint | **{rapporto:.2f}** (overhead {100 * (rapporto - 1):+.1f}%; target ≤ +25%: {esito}) | |",
        "",
        "| cost of | measurement | median time | ratio |",
        "|---|---|---:|---:|",
        f"| our CSS | WeasyPrint on our HTML / the same HTML with our stylesheet stripped (fonts kept) | {t_solo:.2f} s / {t_spoglio:.2f} s | **{costo_css:.2f}** (target ≤ 1.2: {esito_css}) |",
        f"| the filing standard | `bilancio build` as PDF/A-1a (tagged) / as PDF/A-3b (untagged) | {t_nostro:.2f} s / {t_3b:.2f} s | **{costo_1a:.2f}** (files: {mib_1a:.2f} MiB / {mib_3b:.2f} MiB) |",
        "",
        f"Machine: {os.cpu_count()} CPU, Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, {platform.system()} {platform.machine()}.",
        "",
    ]
    fontconfig.cleanup()
    RISULTATI.write_text("\n".join(righe), encoding="utf-8")
    print("\n".join(righe))
    print(f"scritto {RISULTATI.relative_to(RADICE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
