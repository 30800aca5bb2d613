"""`make bench`, second part: how `bilancio site` scales, on synthetic cooperatives.

Measured in one run, so ratios are comparable on a noisy machine:

* N=20 cooperatives (3 years each), HTML and PDF: full build with ``--jobs 1`` and with
  ``--jobs 2`` (each from an empty cache), and their ratio (target ≥ 1.7 on two cores);
* a rebuild where nothing changed, as a share of the full build (target ≤ 5%);
* per-report time, HTML only, at N=20 and N=200, to show the cost grows linearly;
* at N=20, HTML, both themes, in one process: how many times each input file is parsed
  and each year's figures are computed (target: once each).

The table is appended to ``bench/RESULTS.md`` (after the build benchmark).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bilancio.sito import costruisci_sito

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from sintetici import genera  # noqa: E402  (tools/ is not an installed package)

RISULTATI = Path(__file__).resolve().parent / "RESULTS.md"
TITOLO = "## `bilancio site` on synthetic cooperatives"


def _radice(
    base: Path, n: int, formati: list[str], anni: tuple[int, ...] = (2023, 2024, 2025)
) -> Path:
    radice = base / f"coop-{n}-{'-'.join(formati)}"
    genera(radice, n, seme=2026, anni=anni)
    (radice / "bilancio-sito.yaml").write_text(
        yaml.safe_dump({"titolo": "Benchmark", "formati": formati})
    )
    return radice


def _costruisci(radice: Path, uscita: Path, cache: Path, processi: int) -> tuple[float, int]:
    inizio = time.perf_counter()
    riepilogo = costruisci_sito(radice, uscita, processi=processi, cache=cache)
    secondi = time.perf_counter() - inizio
    if riepilogo.falliti:
        raise SystemExit(f"report falliti nel benchmark: {[e.chiave for e in riepilogo.falliti]}")
    return secondi, len(riepilogo.esiti)


def _conteggi(radice: Path, uscita: Path, cache: Path) -> tuple[int, int, int, int]:
    """(files parsed, input files, compute steps, years with a report) for one full build."""
    import bilancio.calcolo as calcolo
    import bilancio.caricamento as caricamento

    letti: list[Path] = []
    calcolati: list[int] = []
    leggi, cifre = caricamento.leggi, calcolo.cifre_degli_anni

    def leggi_contato(percorso: Path, nome: str | None = None):  # type: ignore[no-untyped-def]
        letti.append(percorso)
        return leggi(percorso, nome)

    def cifre_contate(tutti, ente=None):  # type: ignore[no-untyped-def]
        calcolati.append(max(tutti))
        return cifre(tutti, ente)

    caricamento.leggi, calcolo.cifre_degli_anni = leggi_contato, cifre_contate  # type: ignore[assignment]
    try:
        riepilogo = costruisci_sito(radice, uscita, processi=1, cache=cache)
    finally:
        caricamento.leggi, calcolo.cifre_degli_anni = leggi, cifre  # type: ignore[assignment]
    if riepilogo.falliti:
        raise SystemExit(f"report falliti nel benchmark: {[e.chiave for e in riepilogo.falliti]}")
    ingressi = [p for p in radice.rglob("*.yaml") if p.name != "bilancio-sito.yaml"]
    anni = {(e.slug, e.anno) for e in riepilogo.esiti}
    return len(letti), len(ingressi), len(calcolati), len(anni)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--n-grande", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        # two years each for the PDF part: the slowest step of the bench, kept to minutes
        completo = _radice(base, args.n, ["html", "pdf"], anni=(2024, 2025))
        t1, reports = _costruisci(completo, base / "o1", base / "c1", 1)
        t2, _ = _costruisci(completo, base / "o2", base / "c2", 2)
        t_nulla, _ = _costruisci(completo, base / "o2", base / "c2", 2)
        print(f"N={args.n} html+pdf: jobs1 {t1:.1f}s, jobs2 {t2:.1f}s, no-change {t_nulla:.2f}s")

        temi = _radice(base, args.n, ["html"])
        config = yaml.safe_load((temi / "bilancio-sito.yaml").read_text())
        config["temi"] = ["completo", "sintesi"]
        (temi / "bilancio-sito.yaml").write_text(yaml.safe_dump(config))
        letture, ingressi, calcoli, anni_report = _conteggi(temi, base / "o5", base / "c5")
        print(
            f"N={args.n}: {letture} parses of {ingressi} files, {calcoli} computes for {anni_report} years"
        )

        piccolo = _radice(base, args.n, ["html"])
        th_piccolo, r_piccolo = _costruisci(piccolo, base / "o3", base / "c3", 2)
        shutil.rmtree(base / "c3")
        grande = _radice(base, args.n_grande, ["html"])
        th_grande, r_grande = _costruisci(grande, base / "o4", base / "c4", 2)
        print(
            f"html: N={args.n} {th_piccolo:.1f}s/{r_piccolo}, N={args.n_grande} {th_grande:.1f}s/{r_grande}"
        )

    per_piccolo = th_piccolo / r_piccolo
    per_grande = th_grande / r_grande
    accelerazione = t1 / t2
    quota = t_nulla / t2 * 100

    def esito(ok: bool) -> str:
        return "entro l'obiettivo" if ok else "FUORI obiettivo"

    righe = [
        TITOLO,
        "",
        f"Synthetic cooperatives from `tools/sintetici.py` (seed 2026): 2 years each for HTML + PDF "
        f"({reports} reports at N={args.n}), 3 years each for HTML only; {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}. One run each, from an empty cache.",
        "",
        "| measurement | value | target |",
        "|---|---:|---|",
        f"| site, N={args.n}, HTML + PDF, `--jobs 1` | {t1:.1f} s | |",
        f"| site, N={args.n}, HTML + PDF, `--jobs 2` | {t2:.1f} s | |",
        f"| speed-up of `--jobs 2` over `--jobs 1` | **{accelerazione:.2f}×** | ≥ 1.7 ({esito(accelerazione >= 1.7)}) |",
        f"| rebuild with no change (all reused), `--jobs 2` | {t_nulla:.2f} s = **{quota:.1f}%** of the full build | ≤ 5% ({esito(quota <= 5)}) |",
        f"| per report, HTML only, N={args.n} ({r_piccolo} reports) | {per_piccolo * 1000:.0f} ms | |",
        f"| per report, HTML only, N={args.n_grande} ({r_grande} reports) | {per_grande * 1000:.0f} ms | "
        f"ratio {per_grande / per_piccolo:.2f} (≈ 1: linear) |",
        f"| N={args.n}, 3 years, both themes, `--jobs 1`: input files parsed | {letture} parses of "
        f"{ingressi} files = **{letture / ingressi:.2f}** per file | 1 ({esito(letture == ingressi)}) |",
        f"| same build: compute steps | {calcoli} for {anni_report} cooperative-years = "
        f"**{calcoli / anni_report:.2f}** per year | 1 ({esito(calcoli == anni_report)}) |",
        "",
    ]
    testo = RISULTATI.read_text(encoding="utf-8") if RISULTATI.exists() else ""
    testo = re.split(r"\n?" + re.escape(TITOLO), testo)[0].rstrip("\n")
    RISULTATI.write_text((testo + "\n\n" if testo else "") + "\n".join(righe), encoding="utf-8")
    print("\n".join(righe))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
