"""Rules on section 6: the economic tables, for every year shown."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..errori import Gravita, Problema
from ..formato import euro, percentuale
from ..modello import NonPresente
from .base import Contesto, coincide, n, regola


def _economia(dati):
    return dati.economia


@regola(
    "PATRIMONIO-NETTO",
    "Patrimonio netto",
    Gravita.ERRORE,
    "aritmetica (art. 2424 c.c.): capitale + riserve + utile/perdita = patrimonio netto",
)
def patrimonio_netto(ctx: Contesto) -> Iterator[Problema]:
    """Share capital + reserves + result = net equity, for every year."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        pat = eco.patrimonio if eco else None
        if pat is None or isinstance(pat, NonPresente) or pat.patrimonio_netto is None:
            continue
        utile = pat.utile_perdita if pat.utile_perdita is not None else eco.risultato_esercizio
        if pat.capitale_sociale is None or pat.riserve is None or utile is None:
            continue
        somma = pat.capitale_sociale + pat.riserve + utile
        if not coincide(pat.patrimonio_netto, somma):
            yield ctx.problema(
                f"Patrimonio netto {anno}: dichiarato {euro(pat.patrimonio_netto)}, ma capitale "
                f"{euro(pat.capitale_sociale)} + riserve {euro(pat.riserve)} + risultato {euro(utile)} = {euro(somma)}.",
                anno=anno,
                percorso=("economia", "patrimonio", "patrimonio_netto"),
                trovato=euro(pat.patrimonio_netto),
                atteso=euro(somma),
            )
        if (
            pat.utile_perdita is not None
            and eco.risultato_esercizio is not None
            and not coincide(pat.utile_perdita, eco.risultato_esercizio)
        ):
            yield ctx.problema(
                f"Risultato {anno}: {euro(pat.utile_perdita)} nel patrimonio, {euro(eco.risultato_esercizio)} nel conto economico.",
                anno=anno,
                percorso=("economia", "patrimonio", "utile_perdita"),
                trovato=euro(pat.utile_perdita),
                atteso=euro(eco.risultato_esercizio),
            )


@regola(
    "CAPITALE-SOCI",
    "Capitale per tipologia di socio",
    Gravita.ERRORE,
    "aritmetica: il capitale sociale è la somma dei versamenti per tipologia di socio",
)
def capitale_soci(ctx: Contesto) -> Iterator[Problema]:
    """Capital paid in by each type of member adds up to the share capital."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is None or eco.capitale_per_socio is None:
            continue
        pat = eco.patrimonio
        if pat is None or isinstance(pat, NonPresente) or pat.capitale_sociale is None:
            continue
        totale = eco.capitale_per_socio.totale
        if not coincide(pat.capitale_sociale, totale):
            yield ctx.problema(
                f"Capitale sociale {anno}: {euro(pat.capitale_sociale)}, ma i versamenti per tipologia di socio fanno {euro(totale)}.",
                anno=anno,
                percorso=("economia", "capitale_per_socio"),
                trovato=euro(totale),
                atteso=euro(pat.capitale_sociale),
            )


@regola(
    "RICAVI-VALORE-PRODUZIONE",
    "Ricavi per fonte e valore della produzione",
    Gravita.ERRORE,
    "aritmetica: la somma dei ricavi per provenienza (e per tipologia) è il valore della produzione",
)
def ricavi_valore_produzione(ctx: Contesto) -> Iterator[Problema]:
    """Revenues by source, and by kind, add up to the value of production; their public parts agree."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is None:
            continue
        fonti = eco.ricavi_per_fonte
        if (
            fonti is not None
            and not isinstance(fonti, NonPresente)
            and fonti.voci()
            and eco.valore_produzione is not None
        ):
            if not coincide(eco.valore_produzione, fonti.totale):
                yield ctx.problema(
                    f"Ricavi per provenienza {anno}: sommano {euro(fonti.totale)}, il valore della produzione è "
                    f"{euro(eco.valore_produzione)}.",
                    anno=anno,
                    percorso=("economia", "ricavi_per_fonte"),
                    trovato=euro(fonti.totale),
                    atteso=euro(eco.valore_produzione),
                )
        for i, riga in enumerate(eco.ricavi_per_tipologia):
            if riga.totale is not None and not coincide(riga.totale, riga.somma):
                yield ctx.problema(
                    f"Entrate «{riga.tipologia.etichetta}» {anno}: totale {euro(riga.totale)}, ma pubblico + privato = {euro(riga.somma)}.",
                    anno=anno,
                    percorso=("economia", "ricavi_per_tipologia", i, "totale"),
                    trovato=euro(riga.totale),
                    atteso=euro(riga.somma),
                )
        if eco.ricavi_per_tipologia and eco.valore_produzione is not None:
            somma = sum((r.somma for r in eco.ricavi_per_tipologia), Decimal(0))
            if not coincide(eco.valore_produzione, somma):
                yield ctx.problema(
                    f"Entrate per tipologia {anno}: sommano {euro(somma)}, il valore della produzione è {euro(eco.valore_produzione)}.",
                    anno=anno,
                    percorso=("economia", "ricavi_per_tipologia"),
                    trovato=euro(somma),
                    atteso=euro(eco.valore_produzione),
                )
            if fonti is not None and not isinstance(fonti, NonPresente) and fonti.voci():
                pubblico = sum((r.pubblico for r in eco.ricavi_per_tipologia), Decimal(0))
                if not coincide(fonti.pubbliche, pubblico):
                    yield ctx.problema(
                        f"Entrate pubbliche {anno}: {euro(pubblico)} per tipologia, {euro(fonti.pubbliche)} per provenienza.",
                        anno=anno,
                        percorso=("economia", "ricavi_per_tipologia"),
                        trovato=euro(pubblico),
                        atteso=euro(fonti.pubbliche),
                    )


@regola(
    "QUOTE-PUBBLICO-PRIVATO",
    "Incidenza delle fonti pubbliche e private",
    Gravita.ERRORE,
    "aritmetica: quota pubblica + quota privata = 100%",
)
def quote_pubblico_privato(ctx: Contesto) -> Iterator[Problema]:
    """Declared public and private shares add up to 100% (each is checked against the
    revenues as a declared figure: rule DICHIARATI)."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is None:
            continue
        pub, priv = eco.quota_pubblica_dichiarata, eco.quota_privata_dichiarata
        if pub is not None and priv is not None and not coincide(pub + priv, 100):
            yield ctx.problema(
                f"Quote {anno}: pubblica {percentuale(pub, 0)} + privata {percentuale(priv, 0)} = {percentuale(pub + priv, 0)}.",
                anno=anno,
                percorso=("economia", "quota_pubblica_dichiarata"),
                trovato=percentuale(pub + priv, 0),
                atteso="100%",
            )


@regola(
    "INTERESSE-GENERALE-70",
    "Ricavi da attività di interesse generale",
    Gravita.ERRORE,
    "art. 2 c.3 d.lgs. 112/2017: almeno il 70% dei ricavi da attività di interesse generale",
)
def interesse_generale(ctx: Contesto) -> Iterator[Problema]:
    """Imprese sociali: at least 70% of revenues from activities of general interest."""
    anno = ctx.bilancio.anno.anno
    eco = ctx.bilancio.anno.economia
    if eco is None or eco.ricavi_attivita_interesse_generale is None or not eco.valore_produzione:
        return
    quota = eco.ricavi_attivita_interesse_generale / eco.valore_produzione * 100
    if quota < 70:
        yield ctx.problema(
            f"I ricavi da attività di interesse generale sono {percentuale(quota)} del valore della produzione "
            f"({euro(eco.ricavi_attivita_interesse_generale)} su {euro(eco.valore_produzione)}).",
            anno=anno,
            percorso=("economia", "ricavi_attivita_interesse_generale"),
            trovato=percentuale(quota),
            atteso="almeno 70%",
        )


__all__ = ["n"]
