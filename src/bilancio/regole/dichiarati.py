"""The printed figures a year declares, checked against the computed ones.

A declared figure (``dichiarati:``, or one of the older fields listed in
:data:`~bilancio.modello.dichiarati.ALIAS`) is compared with the exact value of the
compute step, rounded once, half up, to the decimals the cooperative wrote: 66,2 against
66,197 passes, 24,5 against 774 / 3.166 = 24,447 does not (it rounds to 24,4).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal
from enum import Enum
from typing import Any

from ..calcolo import Cifra
from ..errori import Gravita, Problema
from ..formato import arrotonda, numero
from ..modello import NonPresente
from ..modello.catalogo import Unita, basi, indicatore, per_famiglia
from ..modello.dichiarati import ALIAS, Dichiarato
from .base import Contesto, regola

VALORE, VARIAZIONE, VARIAZIONE_PERCENTUALE = "valore", "variazione", "variazione_percentuale"
_CIFRE_IN_PIU = 2  # decimals of the exact value shown beyond those written (at least 3)


def decimali_scritti(dichiarato: Decimal | int) -> int:
    """The decimals a figure was written with: 66,2 -> 1, 66,20 -> 2, 86 -> 0."""
    if isinstance(dichiarato, int):
        return 0
    esponente = dichiarato.as_tuple().exponent
    return max(0, -esponente) if isinstance(esponente, int) else 0


def _testo(
    valore: Decimal | int,
    decimali: int,
    unita: Unita,
    *,
    segno: bool = False,
    troncato: bool = False,
    punti: bool = False,
) -> str:
    """A figure as the message prints it: ``24,5%``, ``€ 8.924.272``, ``+5,04%``, ``-4``."""
    d = Decimal(valore)
    corpo = numero(abs(d), decimali) + ("…" if troncato else "")
    if unita is Unita.EURO:
        corpo = f"€ {corpo}"
    elif unita is Unita.PERCENTUALE:
        corpo += " punti percentuali" if punti else "%"
    elif unita is Unita.ORE:
        corpo += " ore"
    elif unita is Unita.ANNI:
        corpo += " anni"
    if d < 0:
        return "-" + corpo
    return "+" + corpo if segno and d > 0 else corpo


def _esatto(valore: Decimal | int, decimali: int, unita: Unita, **kw: Any) -> str:
    """The exact value, a few decimals beyond those written, ``…`` where it goes on."""
    d = Decimal(valore)
    mostrati = max(3, decimali + _CIFRE_IN_PIU)
    troncato = d.quantize(Decimal(1).scaleb(-mostrati), rounding=ROUND_DOWN)
    if troncato == d:
        proprio = d.normalize().as_tuple().exponent
        cifre = max(0, -proprio) if isinstance(proprio, int) else 0
        return _testo(d, cifre, unita, **kw)
    return _testo(troncato, mostrati, unita, troncato=True, **kw)


def _a_decimali(decimali: int) -> str:
    if decimali == 0:
        return "all'unità"
    return f"a {decimali} decimal{'e' if decimali == 1 else 'i'}"


def _campo(dati: Any, percorso: tuple[str, ...]) -> Any:
    valore = dati
    for parte in percorso:
        if valore is None or isinstance(valore, NonPresente):
            return None
        valore = getattr(valore, parte, None)
    return None if isinstance(valore, NonPresente) else valore


def _tipo(dichiarato: Dichiarato) -> str:
    if dichiarato.valore is not None:
        return VALORE
    return VARIAZIONE if dichiarato.variazione is not None else VARIAZIONE_PERCENTUALE


@regola(
    "DICHIARATI",
    "Cifre dichiarate",
    Gravita.ERRORE,
    "aritmetica: la cifra stampata è quella calcolata, arrotondata una sola volta "
    "(per eccesso da 5) ai decimali con cui è scritta",
)
def dichiarati(ctx: Contesto) -> Iterator[Problema]:
    """Every printed figure declared (``dichiarati:`` and the older declared fields) equals
    the computed one, rounded once half up to the decimals written, in every year."""
    for anno, dati in ctx.anni():
        for percorso, codici in ALIAS.items():
            valore = _campo(dati, percorso)
            if valore is not None:
                yield from _verifica(ctx, anno, codici, VALORE, valore, None, percorso)
        for chiave, dichiarato in dati.dichiarati.items():
            codice = chiave.value if isinstance(chiave, Enum) else str(chiave)
            radice = ("dichiarati", codice)
            tipo = _tipo(dichiarato)
            if dichiarato.base is not None:
                famiglia = indicatore(codice).nome_famiglia
                scelto = per_famiglia(famiglia, dichiarato.base)
                if scelto is None:
                    yield _base_sconosciuta(ctx, anno, codice, dichiarato.base, radice)
                    continue
                codice = scelto.codice
            yield from _verifica(
                ctx,
                anno,
                (codice,),
                tipo,
                dichiarato.cifra,
                dichiarato.rispetto_a,
                (*radice, tipo),
            )


def _base_sconosciuta(
    ctx: Contesto, anno: int, codice: str, base: str, radice: tuple[str, ...]
) -> Problema:
    ind = indicatore(codice)
    ammesse = basi(ind.nome_famiglia)
    if ammesse:
        elenco = "; ".join(
            f"{b} ({per_famiglia(ind.nome_famiglia, b).etichetta})"  # type: ignore[union-attr]
            for b in ammesse
        )
        spiegazione = f"le basi ammesse sono: {elenco}"
        atteso = ", ".join(ammesse)
    else:
        spiegazione = "l'indicatore ha una sola base di calcolo: non indicare la base"
        atteso = "nessuna base"
    return ctx.problema(
        f"Cifra dichiarata «{ind.etichetta}» {anno}: la base «{base}» non esiste per questo "
        f"indicatore; {spiegazione}.",
        anno=anno,
        percorso=(*radice, "base"),
        trovato=base,
        atteso=atteso,
    )


def _verifica(
    ctx: Contesto,
    anno: int,
    codici: tuple[str, ...],
    tipo: str,
    dichiarato: Decimal | int,
    rispetto_a: int | None,
    percorso: tuple[str, ...],
) -> Iterator[Problema]:
    calcolo = ctx.calcolo
    ind = indicatore(codici[0])
    if tipo == VALORE:
        cosa = f"«{ind.etichetta}» {anno}"
    else:
        assert rispetto_a is not None
        cosa = (
            f"{'Variazione percentuale' if tipo == VARIAZIONE_PERCENTUALE else 'Variazione'} "
            f"di «{ind.etichetta}» dal {rispetto_a} al {anno}"
        )
        precedenti = [a for a in calcolo.anni if a < anno]
        if rispetto_a not in precedenti:
            disponibili = ", ".join(str(a) for a in precedenti) or "nessuno"
            yield ctx.problema(
                f"{cosa}: non ci sono dati del {rispetto_a} con cui confrontare il {anno} "
                f"(anni precedenti con dati: {disponibili}).",
                anno=anno,
                percorso=(*percorso[:-1], "rispetto_a"),
                trovato=str(rispetto_a),
                atteso=f"uno tra: {disponibili}",
            )
            return
    cifre: list[tuple[str, Cifra]] = []
    for codice in codici:
        if tipo == VALORE:
            cifre.append((codice, calcolo.cifra(codice, anno)))
        else:
            assert rispetto_a is not None
            cambio = calcolo.variazione(codice, rispetto_a, anno)
            cifre.append((codice, cambio.delta if tipo == VARIAZIONE else cambio.percentuale))
    decimali = decimali_scritti(dichiarato)
    unita = Unita.PERCENTUALE if tipo == VARIAZIONE_PERCENTUALE else ind.unita
    forma: dict[str, Any] = {"segno": tipo != VALORE, "punti": tipo == VARIAZIONE}
    note = [(c, x.valore) for c, x in cifre if x.valore is not None]
    if any(arrotonda(v, decimali) == Decimal(dichiarato) for _, v in note):
        return  # the printed figure is right: nothing to write (nor to format)
    scritto = _testo(dichiarato, decimali, unita, **forma)
    if not note:
        motivo = next((x.motivo for _, x in cifre if x.motivo), "dato mancante")
        yield ctx.problema(
            f"{cosa}: la cifra dichiarata {scritto} non si può verificare perché non è "
            f"calcolabile: {motivo}.",
            anno=anno,
            percorso=percorso,
            trovato=scritto,
            gravita=Gravita.AVVISO,
        )
        return
    calcolati = []
    for codice, v in note:
        testo = f"{_testo(arrotonda(v, decimali), decimali, unita, **forma)}"
        esatto = _esatto(v, decimali, unita, **forma)
        con = f" con «{indicatore(codice).etichetta}»" if len(codici) > 1 else ""
        calcolati.append((testo, f"{testo}{con} (valore esatto {esatto})"))
    yield ctx.problema(
        f"{cosa}: stampato {scritto}, calcolato {' o '.join(c for _, c in calcolati)}, "
        f"arrotondando {_a_decimali(decimali)} come la cifra stampata.",
        anno=anno,
        percorso=percorso,
        trovato=scritto,
        atteso=" o ".join(t for t, _ in calcolati),
    )
