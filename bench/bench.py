"""`make bench`: how much `bilancio build` adds to WeasyPrint's own printing time.

For the largest bundled example that builds (the most YAML), it times, interleaved in
one process (so a busy machine slows both alike):

* ``build``: ``bilancio.build(..., formats=["pdf"])``, the whole pipeline (load, check,
  context, charts, HTML, PDF/A, write);
* ``weasyprint``: WeasyPrint alone printing the HTML our build produced, with the same
  PDF/A options.

Each is run once to warm up (imports, font cache), then ``--ripetizioni`` times; the
table in ``bench/RESULTS.md`` gives the medians, their ratio and the peak resident
memory of a fresh process running each once. Target: our overhead at most 25% over WeasyPrint's own time.
"""

from __future__ import annotations

import argparse
import os
import platform
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


def _html(esempio: Path, uscita: Path) -> Path:
    import bilancio

    (html,) = bilancio.build(esempio, formats=["html"], output=uscita / "html").file
    return html


def _operazioni(esempio: Path, uscita: Path, html: Path) -> dict[str, Callable[[], None]]:
    """The two things compared: our whole build, and WeasyPrint printing our HTML.

    Imports happen on first use, so a process measuring WeasyPrint never loads bilancio.
    """
    testo = html.read_text(encoding="utf-8")

    def build() -> None:
        import bilancio

        bilancio.build(esempio, formats=["pdf"], output=uscita / "build")

    def solo_weasyprint() -> None:
        import weasyprint

        PDF_VARIANTE = "pdf/a-3b"  # as bilancio.report.stampa prints it
        weasyprint.HTML(string=testo, base_url=str(esempio) + "/").write_pdf(
            uscita / "solo.pdf", pdf_variant=PDF_VARIANTE
        )

    def prima_della_stampa() -> None:
        # our own steps only: load, check, context, charts, HTML (no PDF)
        import bilancio

        bilancio.build(esempio, formats=["html"], output=uscita / "solo-html")

    return {"build": build, "weasyprint": solo_weasyprint, "html": prima_della_stampa}


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
    nostro = {"pagine": int(tempi["pagine"][0])}
    rapporto = t_nostro / t_solo
    esito = "entro l'obiettivo" if rapporto <= 1.25 else "OLTRE l'obiettivo"
    righe = [
        "# Benchmark: `bilancio build` against WeasyPrint alone",
        "",
        "Written by `make bench` (`bench/bench.py`); do not edit by hand.",
        "",
        f"Example: `data/examples/{esempio.name}` (the largest that builds), theme `completo`, "
        f"{nostro['pagine']} pages of PDF/A-3b; median of {args.ripetizioni} interleaved runs after one warm-up; "
        "peak memory of a fresh process running each once.",
        "",
        "| measurement | median time | peak memory (RSS) |",
        "|---|---:|---:|",
        f"| `bilancio build --format pdf` (load, check, context, charts, HTML, PDF/A, write) | {t_nostro:.2f} s | {rss_nostro / 1024:.0f} MiB |",
        f"| of which our own steps before printing (`--format html`: load, check, context, charts, HTML) | {t_html:.2f} s | |",
        f"| WeasyPrint alone, printing the HTML our build produced (same PDF/A options) | {t_solo:.2f} s | {rss_solo / 1024:.0f} MiB |",
        f"| ratio build / WeasyPrint | **{rapporto:.2f}** (overhead {100 * (rapporto - 1):+.1f}%; target ≤ +25%: {esito}) | |",
        "",
        f"Machine: {os.cpu_count()} CPU, Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, {platform.system()} {platform.machine()}.",
        "",
    ]
    RISULTATI.write_text("\n".join(righe), encoding="utf-8")
    print("\n".join(righe))
    print(f"scritto {RISULTATI.relative_to(RADICE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
