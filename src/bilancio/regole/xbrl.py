"""Rules on the deposited accounts (XBRL) beside a year file: same entity, same figures."""

from __future__ import annotations

from collections.abc import Iterator

from ..errori import Gravita, Problema
from ..formato import euro
from ..validazione import campo
from ..xbrl.conti import come_decimale
from .base import Contesto, regola


@regola(
    "XBRL-RICONCILIAZIONE",
    "Cifre del bilancio depositato",
    Gravita.ERRORE,
    "bilancio d'esercizio depositato al Registro delle imprese (art. 2435 c.c.), istanza XBRL",
)
def riconciliazione(ctx: Contesto) -> Iterator[Problema]:
    """An economic figure typed in the data file equals the deposited instance beside it
    (for the previous year's comparative column: a warning, the figure may be restated)."""
    assert ctx.regola is not None
    for conti in ctx.bilancio.conti.values():
        for d in conti.discordanze:
            corrente = d.anno == conti.istanza.anno_corrente
            nome = campo(d.percorso)
            dove = str(d.posizione) if d.posizione else nome
            fatto = d.conti.origine
            messaggio = (
                f"{nome} {d.anno}: {_importo(d.scritto)} in {dove}, ma {euro(d.conti.valore)} "
                f"nel bilancio depositato {conti.file}: {fatto}. Fa fede il bilancio depositato"
                + (
                    "; correggere il dato scritto o toglierlo."
                    if corrente
                    else ", che nella colonna dell'esercizio precedente può riesporre la cifra."
                )
            )
            yield Problema(
                codice=ctx.regola.codice,
                gravita=Gravita.ERRORE if corrente else Gravita.AVVISO,
                messaggio=messaggio,
                posizione=d.posizione,
                campo=nome,
                trovato=_importo(d.scritto),
                atteso=euro(d.conti.valore),
                riferimento=ctx.regola.riferimento,
            )


def _importo(valore: object) -> str:
    numero = come_decimale(valore)
    return euro(numero) if numero is not None else f"«{valore}»"


@regola(
    "XBRL-ENTE",
    "Impresa del bilancio depositato",
    Gravita.ERRORE,
    "istanza XBRL: identificativo dell'impresa (codice fiscale, schema http://www.infocamere.it)",
)
def ente_dei_conti(ctx: Contesto) -> Iterator[Problema]:
    """The deposited instance is the entity's: its identifier is the codice fiscale in ente.yaml."""
    cf = ctx.bilancio.ente.codice_fiscale
    for anno, conti in ctx.bilancio.conti.items():
        identificativo = conti.istanza.identificativo
        if cf is None or identificativo == str(cf):
            continue
        yield ctx.problema(
            f"Il bilancio depositato {conti.file} (anno {anno}) è dell'impresa con codice fiscale "
            f"{identificativo}, ma il codice fiscale dell'ente è {cf}.",
            anno=None,
            percorso=("codice_fiscale",),
            trovato=identificativo,
            atteso=str(cf),
        )
