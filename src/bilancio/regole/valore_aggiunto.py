"""The value-added statement (GBS) balances: the value distributed equals the value determined."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..errori import Gravita, Problema
from ..formato import euro
from .base import Contesto, regola


@regola(
    "VALORE-AGGIUNTO",
    "Prospetto del valore aggiunto",
    Gravita.ERRORE,
    "GBS, standard del bilancio sociale (2013): valore aggiunto determinato = distribuito",
)
def valore_aggiunto(ctx: Contesto) -> Iterator[Problema]:
    """The value added distributed (from the CEE lines and the stated split of B14 and
    allocation of the result) equals the global net value added determined from the CEE, to the euro."""
    for anno, dati in ctx.anni():
        eco = dati.economia
        if eco is None or eco.distribuzione_valore_aggiunto is None:
            continue
        determinato = ctx.calcolo.cifra("valore_aggiunto_globale_netto", anno)
        distribuito = ctx.calcolo.cifra("valore_aggiunto_distribuito", anno)
        if not determinato.nota or not distribuito.nota:
            continue
        assert determinato.valore is not None and distribuito.valore is not None
        scarto = Decimal(distribuito.valore) - Decimal(determinato.valore)
        if abs(scarto) < 1:
            continue
        yield ctx.problema(
            f"Valore aggiunto {anno}: distribuito {euro(distribuito.valore)}, ma quello determinato "
            f"dal conto economico (valore aggiunto globale netto) è {euro(determinato.valore)}: "
            f"differenza {euro(scarto)}. Verificare la destinazione dell'utile (riserve, fondi "
            "mutualistici, ristorni, dividendi, utile portato a nuovo), che deve sommare al "
            "risultato d'esercizio, e la ripartizione di B14.",
            anno=anno,
            percorso=("economia", "distribuzione_valore_aggiunto"),
            trovato=euro(distribuito.valore),
            atteso=euro(determinato.valore),
        )
