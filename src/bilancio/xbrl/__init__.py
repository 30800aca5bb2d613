"""The annual accounts as filed: reading the XBRL instance (itcc-ci) and using its figures."""

from .lettore import Istanza, XbrlNonValido, leggi_istanza
from .mappa import VOCI, DaConti, cifre_anno

__all__ = ["VOCI", "DaConti", "Istanza", "XbrlNonValido", "cifre_anno", "leggi_istanza"]
