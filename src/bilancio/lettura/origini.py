"""What a reader returns: the data, where each value came from, and the problems met."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errori import Gravita, Posizione, Problema

# path of a value in the data -> where it was written; a key's own place is stored under
# (*path, "__chiave__"). A workbook also says where an item goes when it is missing: the
# cell of the reason it is absent (*path, MOTIVO), and the first cell of a part or a
# table (*path, INIZIO).
Origini = dict[tuple[Any, ...], Posizione]
MOTIVO = "__motivo__"
INIZIO = "__inizio__"


@dataclass
class Letto:
    dati: Any
    origini: Origini
    problemi: list[Problema] = field(default_factory=list)
    leggibile: bool = True

    @classmethod
    def illeggibile(cls, nome: str, messaggio: str) -> Letto:
        return cls(
            dati=None,
            origini={},
            problemi=[
                Problema(
                    codice="FILE",
                    gravita=Gravita.ERRORE,
                    messaggio=messaggio,
                    posizione=Posizione(file=nome),
                )
            ],
            leggibile=False,
        )


def trova_posizione(
    origini: Origini, percorso: tuple[Any, ...], chiave: bool = False
) -> Posizione | None:
    """The place of ``percorso``, or of its nearest written ancestor."""
    if chiave and (*percorso, "__chiave__") in origini:
        return origini[(*percorso, "__chiave__")]
    if tuple(percorso) in origini:
        return origini[tuple(percorso)]
    # a missing value: point at the line of the nearest written ancestor's key ("soci:")
    for fine in range(len(percorso) - 1, -1, -1):
        antenato = tuple(percorso[:fine])
        pos = origini.get((*antenato, "__chiave__")) or origini.get(antenato)
        if pos is not None:
            return pos
    return None


# mappings whose keys are numbers (years), not list positions
CHIAVI_NUMERICHE = {"anni_precedenti"}


def campo(percorso: tuple[Any, ...]) -> str:
    """``("attivita", "servizi", 2, "nome")`` -> ``attivita.servizi[3].nome`` (1-based, as people count)."""
    out = ""
    precedente: Any = None
    for parte in percorso:
        if isinstance(parte, int) and precedente not in CHIAVI_NUMERICHE:
            out += f"[{parte + 1}]"
        else:
            out += ("." if out else "") + str(parte)
        precedente = parte
    return out
