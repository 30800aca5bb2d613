"""Rules on section 3: members and governance."""

from __future__ import annotations

from collections.abc import Iterator

from ..errori import Gravita, Problema
from ..modello import NonPresente
from .base import Contesto, n, regola


@regola("SOCI-TOTALE", "Totale soci", Gravita.ERRORE, "aritmetica: il totale è la somma delle tipologie di soci")
def soci_totale(ctx: Contesto) -> Iterator[Problema]:
    """The declared number of members equals the sum of members by type."""
    for anno, dati in ctx.anni():
        soci = dati.governo.soci if dati.governo else None
        if soci is None or isinstance(soci, NonPresente) or soci.totale is None:
            continue
        if soci.totale != soci.somma:
            yield ctx.problema(
                f"Totale soci {anno}: dichiarati {n(soci.totale)}, ma la somma delle tipologie "
                f"(lavoratori, volontari, fruitori, persone giuridiche, sovventori) è {n(soci.somma)}.",
                anno=anno,
                percorso=("governo", "soci", "totale"),
                trovato=n(soci.totale),
                atteso=n(soci.somma),
            )


@regola(
    "SOCI-VOLONTARI",
    "Soci volontari non oltre la metà dei soci",
    Gravita.ERRORE,
    "art. 2 c.2 l. 381/1991: i soci volontari non possono superare la metà del numero complessivo dei soci",
)
def soci_volontari(ctx: Contesto) -> Iterator[Problema]:
    """Volunteer members are at most half of all members."""
    for anno, dati in ctx.anni():
        soci = dati.governo.soci if dati.governo else None
        if soci is None or isinstance(soci, NonPresente) or soci.somma == 0:
            continue
        if soci.volontari * 2 > soci.somma:
            yield ctx.problema(
                f"Soci volontari {anno}: {n(soci.volontari)} su {n(soci.somma)} soci, oltre la metà "
                f"(massimo {n(soci.somma // 2)}).",
                anno=anno,
                percorso=("governo", "soci", "volontari"),
                trovato=n(soci.volontari),
                atteso=f"al massimo {n(soci.somma // 2)}",
            )


@regola("CDA-COMPONENTI", "Componenti del CdA", Gravita.ERRORE, "aritmetica: il totale è il numero dei componenti elencati")
def cda_componenti(ctx: Contesto) -> Iterator[Problema]:
    """The declared number of board members equals the members listed."""
    anno = ctx.bilancio.anno.anno
    governo = ctx.bilancio.anno.governo
    cda = governo.consiglio_amministrazione if governo else None
    if cda is None or isinstance(cda, NonPresente) or cda.totale_componenti is None or not cda.componenti:
        return
    if cda.totale_componenti != len(cda.componenti):
        yield ctx.problema(
            f"Il CdA dichiara {n(cda.totale_componenti)} componenti ma ne elenca {n(len(cda.componenti))}.",
            anno=anno,
            percorso=("governo", "consiglio_amministrazione", "totale_componenti"),
            trovato=n(cda.totale_componenti),
            atteso=n(len(cda.componenti)),
        )
