"""Rules on section 3: members and governance."""

from __future__ import annotations

from collections.abc import Iterator

from ..errori import Gravita, Problema
from ..modello import NonPresente
from ..modello.ente import COOPERATIVE_SOCIALI
from .base import Contesto, n, regola


@regola(
    "SOCI-VOLONTARI",
    "Soci volontari non oltre la metà dei soci",
    Gravita.ERRORE,
    "art. 2 c.2 l. 381/1991: i soci volontari non possono superare la metà del numero complessivo dei soci",
    enti=COOPERATIVE_SOCIALI,
)
def soci_volontari(ctx: Contesto) -> Iterator[Problema]:
    """Volunteer members are at most half of all members."""
    for anno, dati in ctx.anni():
        soci = dati.governo.soci if dati.governo else None
        if soci is None or isinstance(soci, NonPresente) or soci.volontari is None:
            continue
        # all the members: the compute step's total (every type written, or the declared
        # total); a type not written leaves it unknown, and then the half is not checkable
        totale = ctx.calcolo.cifra("soci_totale", anno).valore
        if totale is None or totale == 0:
            continue
        totale = int(totale)
        if soci.volontari * 2 > totale:
            yield ctx.problema(
                f"Soci volontari {anno}: {n(soci.volontari)} su {n(totale)} soci, oltre la metà "
                f"(massimo {n(totale // 2)}).",
                anno=anno,
                percorso=("governo", "soci", "volontari"),
                trovato=n(soci.volontari),
                atteso=f"al massimo {n(totale // 2)}",
            )


@regola(
    "CDA-COMPONENTI",
    "Componenti del CdA",
    Gravita.ERRORE,
    "aritmetica: il totale è il numero dei componenti elencati",
)
def cda_componenti(ctx: Contesto) -> Iterator[Problema]:
    """The declared number of board members equals the members listed."""
    anno = ctx.bilancio.anno.anno
    governo = ctx.bilancio.anno.governo
    cda = governo.consiglio_amministrazione if governo else None
    if (
        cda is None
        or isinstance(cda, NonPresente)
        or cda.totale_componenti is None
        or not cda.componenti
    ):
        return
    if cda.totale_componenti != len(cda.componenti):
        yield ctx.problema(
            f"Il CdA dichiara {n(cda.totale_componenti)} componenti ma ne elenca {n(len(cda.componenti))}.",
            anno=anno,
            percorso=("governo", "consiglio_amministrazione", "totale_componenti"),
            trovato=n(cda.totale_componenti),
            atteso=n(len(cda.componenti)),
        )


@regola(
    "CDA-COMPOSIZIONE",
    "Composizione del CdA",
    Gravita.ERRORE,
    "aritmetica: maschi + femmine = componenti; i conteggi corrispondono all'elenco",
)
def cda_composizione(ctx: Contesto) -> Iterator[Problema]:
    """The declared board composition agrees with its size and with the members listed."""
    anno = ctx.bilancio.anno.anno
    governo = ctx.bilancio.anno.governo
    cda = governo.consiglio_amministrazione if governo else None
    if cda is None or isinstance(cda, NonPresente) or cda.composizione is None:
        return
    comp = cda.composizione
    totale = len(cda.componenti) if cda.componenti else cda.totale_componenti
    base = ("governo", "consiglio_amministrazione", "composizione")
    if (
        totale is not None
        and comp.maschi is not None
        and comp.femmine is not None
        and comp.maschi + comp.femmine != totale
    ):
        yield ctx.problema(
            f"Composizione del CdA: {n(comp.maschi)} maschi + {n(comp.femmine)} femmine = "
            f"{n(comp.maschi + comp.femmine)}, ma i componenti sono {n(totale)}.",
            anno=anno,
            percorso=(*base, "maschi"),
            trovato=n(comp.maschi + comp.femmine),
            atteso=n(totale),
        )
    if cda.componenti and all(c.genere is not None for c in cda.componenti):
        for campo_genere, codice, etichetta in (
            ("maschi", "M", "maschi"),
            ("femmine", "F", "femmine"),
        ):
            dichiarati = getattr(comp, campo_genere)
            contati = sum(
                1 for c in cda.componenti if c.genere is not None and c.genere.value == codice
            )
            if dichiarati is not None and dichiarati != contati:
                yield ctx.problema(
                    f"Composizione del CdA: dichiarati {n(dichiarati)} {etichetta}, nell'elenco dei componenti sono {n(contati)}.",
                    anno=anno,
                    percorso=(*base, campo_genere),
                    trovato=n(dichiarati),
                    atteso=n(contati),
                )
    soci = [
        comp.soci_lavoratori,
        comp.soci_volontari,
        comp.soci_fruitori,
        comp.sovventori,
        comp.persone_giuridiche,
        comp.altro,
    ]
    if totale is not None and all(v is not None for v in soci) and sum(soci) != totale:  # type: ignore[arg-type]
        yield ctx.problema(
            f"Composizione del CdA per tipologia di socio: la somma è {n(sum(soci))}, i componenti sono {n(totale)}.",
            anno=anno,
            percorso=(*base, "soci_lavoratori"),
            trovato=n(sum(soci)),
            atteso=n(totale),
        )
