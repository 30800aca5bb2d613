"""The annual accounts as filed: reading the XBRL instance (itcc-ci) and using its figures.

The names below are imported at their first use: loading a folder imports
``bilancio.xbrl.conti``, and the reader (XML) only when a year has its ``.xbrl`` file.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lettore import Istanza, XbrlNonValido, leggi_istanza
    from .mappa import VOCI, DaConti, cifre_anno

__all__ = ["VOCI", "DaConti", "Istanza", "XbrlNonValido", "cifre_anno", "leggi_istanza"]

_MODULI = {
    "Istanza": "lettore",
    "XbrlNonValido": "lettore",
    "leggi_istanza": "lettore",
    "VOCI": "mappa",
    "DaConti": "mappa",
    "cifre_anno": "mappa",
}


def __getattr__(nome: str) -> Any:
    modulo = _MODULI.get(nome)
    if modulo is None:
        raise AttributeError(f"module {__name__!r} has no attribute {nome!r}")
    valore = getattr(importlib.import_module(f"{__name__}.{modulo}"), nome)
    globals()[nome] = valore
    return valore
