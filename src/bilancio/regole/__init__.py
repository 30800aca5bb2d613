"""The rules the law and arithmetic impose, each with an id, a severity and a reference.

Importing this package registers every rule in :data:`REGOLE`.
"""

from . import (  # noqa: F401  (registration)
    attivita,
    dichiarati,
    economia,
    ente,
    governo,
    persone,
    valore_aggiunto,
    xbrl,
)
from .base import REGOLE, Contesto, Regola, applica, applicabili, coincide, tolleranza

__all__ = ["REGOLE", "Contesto", "Regola", "applica", "applicabili", "coincide", "tolleranza"]
