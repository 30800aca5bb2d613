"""The report: `bilancio build` turns a cooperative's checked data into HTML and PDF/A.

Pipeline (see :func:`build`): load and check -> typed context (:mod:`.contesto`) ->
HTML through Jinja (:mod:`.stampa`) -> PDF/A through WeasyPrint -> atomic write.
"""

from __future__ import annotations

from .contesto import Report, costruisci_report
from .costruzione import AvvisiNonAmmessi, Esito, build
from .stampa import TEMI, ErroreReport, cartella_temi

__all__ = [
    "TEMI",
    "AvvisiNonAmmessi",
    "ErroreReport",
    "Esito",
    "Report",
    "build",
    "cartella_temi",
    "costruisci_report",
]
