"""bilancio: the bilancio sociale of Italian social cooperatives (DM 4 luglio 2019).

The public API, for scripting without the command line::

    import bilancio
    rapporto = bilancio.check("data/examples/cipm")       # every problem, never raises on bad data
    dati = bilancio.load("data/examples/cipm")            # validated models, or DatiNonValidi
    confronto = bilancio.diff("data/examples/cosper")     # every change, latest year vs the one before
    esito = bilancio.build("data/examples/cipm", tema="sintesi")  # HTML and PDF/A in output/
"""

from __future__ import annotations

from pathlib import Path

from .calcolo import Calcolo, calcola
from .caricamento import Bilancio, carica
from .confronto import diff
from .controllo import controlla, valida_bilancio
from .conversione import converti as convert
from .errori import (
    DatiNonValidi,
    ErroreBilancio,
    Gravita,
    InputIlleggibile,
    Posizione,
    Problema,
    Rapporto,
)
from .modello import Anno, Ente
from .report import ErroreReport, Esito, build
from .scheletro import crea as init
from .sito import RiepilogoSito
from .sito import costruisci_sito as site
from .variazioni import Confronto

__version__ = "0.1.0"


def check(percorso: str | Path, anno: int | None = None) -> Rapporto:
    """Check a cooperative's folder or year file; see :func:`bilancio.controllo.controlla`."""
    return controlla(percorso, anno)


def load(percorso: str | Path, anno: int | None = None) -> Bilancio:
    """Load a cooperative's reference year as validated models, or raise :class:`DatiNonValidi`."""
    bilancio, _ = valida_bilancio(percorso, anno)
    return bilancio


__all__ = [
    "Anno",
    "Bilancio",
    "Confronto",
    "DatiNonValidi",
    "Ente",
    "ErroreBilancio",
    "ErroreReport",
    "Esito",
    "Gravita",
    "Calcolo",
    "InputIlleggibile",
    "Posizione",
    "Problema",
    "Rapporto",
    "RiepilogoSito",
    "__version__",
    "build",
    "calcola",
    "carica",
    "check",
    "convert",
    "diff",
    "init",
    "load",
    "site",
]
