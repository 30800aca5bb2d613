"""Rules across years: a figure written empty where the year before had one."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Any

from ..errori import Gravita, Problema
from ..modello import Anno
from .base import Contesto, regola

# the texts that tell two items of a list apart (a service, a board member...)
_IDENTITA = ("nome", "tipologia", "descrizione", "tema", "soggetto", "dimensione", "organo")


def _cifra(valore: Any) -> bool:
    return isinstance(valore, (int, float, Decimal)) and not isinstance(valore, (bool, Enum))


def _stesso(prima: Any, ora: Any) -> bool:
    if not (isinstance(prima, dict) and isinstance(ora, dict)):
        return True
    for chiave in _IDENTITA:
        if chiave in prima or chiave in ora:
            return prima.get(chiave) == ora.get(chiave)
    return True


def _vuote(
    prima: Any, ora: Any, percorso: tuple[Any, ...]
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """The paths where ``prima`` has a figure and ``ora`` has nothing, with the old figure."""
    if isinstance(prima, dict) and isinstance(ora, dict):
        for chiave, valore in prima.items():
            if chiave in ora:
                yield from _vuote(valore, ora[chiave], (*percorso, chiave))
    elif isinstance(prima, list) and isinstance(ora, list):
        for i, (a, b) in enumerate(zip(prima, ora, strict=False)):
            if _stesso(a, b):
                yield from _vuote(a, b, (*percorso, i))
    elif _cifra(prima) and ora is None:
        yield percorso, prima


@regola(
    "CIFRA-VUOTA",
    "Cifra dell'anno lasciata vuota",
    Gravita.AVVISO,
    "ogni cifra dell'anno va scritta (bilancio init --year svuota quelle dell'anno prima); "
    "una cifra non nota si toglie: non nota non è zero",
)
def cifra_vuota(ctx: Contesto) -> Iterator[Problema]:
    """A figure written empty in the year file (the key is there, the value is not) that the
    previous year gave: it was cleared to be re-entered, and it still has to be."""
    anno = ctx.bilancio.anno.anno
    # the latest earlier year with its own file (the one init --year starts from)
    precedenti = sorted(
        ((a, d) for a, d in ctx.bilancio.precedenti.items() if isinstance(d, Anno)), reverse=True
    )
    if not precedenti:
        return
    anno_prima, prima = precedenti[0]
    origini, prefisso = ctx.luogo.origini_anni.get(anno, ({}, ()))
    ora = ctx.bilancio.anno.model_dump(mode="python", exclude={"ente", "anni_precedenti"})
    vecchio = prima.model_dump(mode="python", exclude={"ente", "anni_precedenti"})
    for percorso, valore in _vuote(vecchio, ora, ()):
        if (*prefisso, *percorso) not in origini:
            continue  # not written at all: a figure left out, which the report shows as n.d.
        nome = next((str(p) for p in reversed(percorso) if isinstance(p, str)), "cifra")
        foglio = origini[(*prefisso, *percorso)].file.lower().endswith(".xlsx")
        se_ignota = (
            "se non è nota, la cella resta vuota (il report la mostra come n.d.)"
            if foglio
            else "se non è nota, togliere la riga (il report la mostra come n.d.)"
        )
        yield ctx.problema(
            f"«{nome}» è vuota: nel {anno_prima} era {valore}. Scrivere la cifra del {anno} "
            f"(anche se è la stessa): {se_ignota}.",
            anno=anno,
            percorso=percorso,
            trovato="vuoto",
            atteso=f"la cifra del {anno}",
        )
