"""The rule engine: each rule has an id, a severity, an Italian message and a reference."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..calcolo import Calcolo
from ..caricamento import Bilancio, Luogo
from ..errori import Gravita, Problema
from ..formato import numero


@dataclass(frozen=True)
class Regola:
    codice: str
    titolo: str
    gravita: Gravita
    riferimento: str
    funzione: Callable[[Contesto], Iterator[Problema]]
    descrizione: str = ""


REGOLE: dict[str, Regola] = {}


@dataclass
class Contesto:
    """What a rule sees: the validated data and where each field was written."""

    bilancio: Bilancio
    luogo: Luogo
    calcolo: Calcolo
    regola: Regola | None = None

    def problema(
        self,
        messaggio: str,
        *,
        anno: int | None,
        percorso: tuple[Any, ...] = (),
        trovato: Any = None,
        atteso: Any = None,
        gravita: Gravita | None = None,
    ) -> Problema:
        assert self.regola is not None
        return Problema(
            codice=self.regola.codice,
            gravita=gravita or self.regola.gravita,
            messaggio=messaggio,
            posizione=self.luogo.di(anno, *percorso),
            campo=self.luogo.campo(anno, *percorso) if percorso else None,
            trovato=None if trovato is None else str(trovato),
            atteso=None if atteso is None else str(atteso),
            riferimento=self.regola.riferimento,
        )

    def anni(self) -> Iterator[tuple[int, Any]]:
        """The reference year and every earlier year with data, most recent first."""
        yield self.bilancio.anno.anno, self.bilancio.anno
        yield from self.bilancio.precedenti.items()


def regola(
    codice: str, titolo: str, gravita: Gravita, riferimento: str
) -> Callable[[Callable[[Contesto], Iterator[Problema]]], Callable[[Contesto], Iterator[Problema]]]:
    """Register a rule function under an id."""

    def registra(
        funzione: Callable[[Contesto], Iterator[Problema]],
    ) -> Callable[[Contesto], Iterator[Problema]]:
        if codice in REGOLE:
            raise ValueError(f"regola duplicata: {codice}")
        REGOLE[codice] = Regola(
            codice, titolo, gravita, riferimento, funzione, (funzione.__doc__ or "").strip()
        )
        return funzione

    return registra


def applica(bilancio: Bilancio, luogo: Luogo, calcolo: Calcolo) -> list[Problema]:
    """Run every registered rule on the data and the computed figures."""
    problemi: list[Problema] = []
    for r in REGOLE.values():
        ctx = Contesto(bilancio, luogo, calcolo, r)
        problemi.extend(r.funzione(ctx))
    return problemi


# --- tolerance --------------------------------------------------------------------------


def tolleranza(dichiarato: Any) -> Decimal:
    """One unit in the last digit the figure was written with: 56 -> 1, 5.04 -> 0.01."""
    d = dichiarato if isinstance(dichiarato, Decimal) else Decimal(str(dichiarato))
    esponente = d.as_tuple().exponent
    return Decimal(1).scaleb(min(0, int(esponente))) if isinstance(esponente, int) else Decimal(1)


def coincide(dichiarato: Any, calcolato: Any, *, esatto: bool = False) -> bool:
    """Does a declared figure match the computed one, within one unit of its last digit?"""
    d = Decimal(str(dichiarato))
    c = Decimal(str(calcolato))
    if esatto:
        return d == c
    return abs(d - c) <= tolleranza(dichiarato)


def n(valore: Any, decimali: int | None = None) -> str:
    return numero(valore, decimali)
