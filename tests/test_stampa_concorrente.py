"""Two prints in one process (threads) do not race: each gets its own WeasyPrint warnings,
the process environment is never touched for the date, no handler is added per print, and
each PDF has the same bytes as when printed alone."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from bilancio.cli import app
from bilancio.report import caratteri, stampa
from conftest import esempio

pytestmark = pytest.mark.slow  # WeasyPrint prints every PDF of this module


def _html(proprieta: str, paragrafi: int) -> str:
    corpo = "".join(f"<p>Paragrafo {i} della prova «{proprieta}».</p>" for i in range(paragrafi))
    return (
        '<html lang="it"><head><meta charset="utf-8"><title>Prova</title>'
        f"<style>{caratteri.css_stampa()} body {{ font-family: {caratteri.PILA}; }} "
        f"p {{ {proprieta}: red; }}</style></head><body>{corpo}</body></html>"
    )


def _stampa(proprieta: str, data: dt.date) -> tuple[bytes, list[str]]:
    avvisi: list[str] = []
    dati = stampa.pdf(
        _html(proprieta, 200), Path("."), [stampa.cartella_temi()], data, "bozza", avvisi=avvisi
    )
    return dati, avvisi


def test_due_stampe_in_thread_non_si_mescolano() -> None:
    lavori = [("colore-uno", dt.date(2020, 12, 31)), ("colore-due", dt.date(2024, 6, 30))]
    da_sole = {p: _stampa(p, d) for p, d in lavori}
    for proprieta, (_, avvisi) in da_sole.items():
        (avviso,) = avvisi
        assert avviso.startswith(
            f"avviso di impaginazione (WeasyPrint): Ignored `{proprieta}: red`"
        )
    logger = logging.getLogger("weasyprint")
    gestori = list(logger.handlers)

    # while the threads print, watch the environment and the logger's handlers
    visti: set[str] = set()
    fermo = threading.Event()

    def osserva() -> None:
        while not fermo.is_set():
            if "SOURCE_DATE_EPOCH" in os.environ:
                visti.add("SOURCE_DATE_EPOCH")
            if list(logger.handlers) != gestori:
                visti.add("handlers")

    osservatore = threading.Thread(target=osserva)
    osservatore.start()
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            futuri = [(p, pool.submit(_stampa, p, d)) for _ in range(3) for p, d in lavori]
            risultati = [(p, f.result()) for p, f in futuri]
    finally:
        fermo.set()
        osservatore.join()
    assert not visti
    for proprieta, (dati, avvisi) in risultati:
        altra = next(p for p, _ in lavori if p != proprieta)
        assert all(proprieta in a and altra not in a for a in avvisi), avvisi
        assert avvisi == da_sole[proprieta][1]
        assert dati == da_sole[proprieta][0]  # the same bytes as printed alone
    for proprieta, giorno in (("colore-uno", "D:20201231"), ("colore-due", "D:20240630")):
        metadati = pypdf.PdfReader(io.BytesIO(da_sole[proprieta][0])).metadata
        assert metadati is not None
        assert metadati["/CreationDate"].startswith(giorno)
        assert metadati["/ModDate"].startswith(giorno)
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert logger.handlers == gestori


def test_build_mostra_gli_avvisi_di_impaginazione(tmp_path: Path) -> None:
    modelli = tmp_path / "modelli" / "completo"
    modelli.mkdir(parents=True)
    (modelli / "rapporto.html").write_text(
        '{% extends "!completo/rapporto.html" %}\n'
        "{% block stile %}{{ super() }} p { colore-sbagliato: red; }{% endblock %}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    r = runner.invoke(
        app,
        [
            "build",
            str(esempio("cipm")),
            "-o",
            str(tmp_path / "out"),
            "--format",
            "pdf",
            "--templates",
            str(tmp_path / "modelli"),
        ],
    )
    assert r.exit_code == 0, r.output
    testo = " ".join(r.output.split())
    assert "avviso di impaginazione (WeasyPrint): Ignored `colore-sbagliato: red`" in testo
    assert "scritto" in testo
