"""What a formula sees of one year: its figures, and which figures the cooperative states.

A breakdown (members by type, workers by relationship, revenues by source) lists the
categories a cooperative has. A category the cooperative states in *some* year is expected
in every year: where a year lacks it, the year's total is unknown ("manca il numero dei
lavoratori dipendenti 2022"), never the sum of the rest. A category stated in no year is
simply not part of that cooperative's breakdown. To say a category is zero, write 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errori import CifraNonValida
from ..modello import Anno, AnnoPrecedente, Ente, NonPresente
from .cifre import Cifra, ignota, nota

Percorso = tuple[Any, ...]
Dati = Anno | AnnoPrecedente


def _segui(radice: Any, percorso: Percorso) -> tuple[Any, bool]:
    """The value at ``percorso`` and whether an item on the way was declared absent."""
    valore = radice
    for parte in percorso:
        if isinstance(valore, NonPresente):
            return None, True
        if valore is None:
            return None, False
        if isinstance(valore, Mapping):
            valore = next((v for k, v in valore.items() if getattr(k, "value", k) == parte), None)
        else:
            valore = getattr(valore, parte, None)
    if isinstance(valore, NonPresente):
        return None, True
    return valore, False


def scritto(dati: Any, percorso: Percorso) -> bool:
    """Does ``dati`` hold a figure at ``percorso``?"""
    valore, _ = _segui(dati, percorso)
    return valore is not None


@dataclass(frozen=True)
class Vista:
    """One year's data, with the other years' for what the cooperative states at all."""

    anno: int
    dati: Dati
    ente: Ente | None
    tutti: Mapping[int, Dati]

    @property
    def completo(self) -> bool:
        """A year file is the whole report; ``anni_precedenti`` holds key figures only, so
        its lists (services, courses, board) may name only some items."""
        return isinstance(self.dati, Anno)

    def elenco_parziale(self, cosa: str) -> Cifra | None:
        """Unknown for a total over a list of an earlier year's key figures."""
        if self.completo:
            return None
        return ignota(
            f"i dati chiave del {self.anno} (anni_precedenti) possono elencare solo alcuni {cosa}"
        )

    def valore(self, percorso: Percorso) -> Any:
        """The raw value at ``percorso`` (``None`` if missing or declared absent)."""
        return _segui(self.dati, percorso)[0]

    def atteso(self, percorso: Percorso) -> bool:
        """Does the cooperative state this figure in any year?"""
        return any(scritto(d, percorso) for d in self.tutti.values())

    def dato(self, percorso: Percorso, descrizione: str) -> Cifra:
        """The figure at ``percorso``; unknown, with the reason, when not given."""
        valore, assente = _segui(self.dati, percorso)
        if valore is None:
            if assente:
                return ignota(f"{descrizione} {self.anno}: voce dichiarata non presente")
            verbo = "mancano" if descrizione.split(" ", 1)[0] in ("i", "gli", "le") else "manca"
            return ignota(f"{verbo} {descrizione} {self.anno}")
        if isinstance(valore, bool) or not isinstance(valore, int | Decimal):
            raise CifraNonValida(f"{percorso} non è una cifra: {valore!r}")
        return nota(valore)

    def parti(self, voci: Iterable[tuple[Percorso, str]]) -> list[Cifra]:
        """The parts of a breakdown this cooperative states in some year, for this year."""
        return [self.dato(p, d) for p, d in voci if scritto(self.dati, p) or self.atteso(p)]

    def elenco(self, percorso: Percorso) -> Sequence[Any] | None:
        """A list in the data (services, board members), or ``None`` when not given."""
        valore = self.valore(percorso)
        return valore if isinstance(valore, list) else None
