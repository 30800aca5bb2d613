"""Rules on section 5: services, beneficiaries and outputs."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..errori import Gravita, Problema
from ..formato import durata
from ..modello import NonPresente
from .base import Contesto, n, regola


def _servizi(dati) -> list:
    servizi = dati.attivita.servizi if dati.attivita else None
    return [] if servizi is None or isinstance(servizi, NonPresente) else servizi


@regola(
    "BENEFICIARI-SERVIZIO",
    "Beneficiari di ciascun servizio",
    Gravita.ERRORE,
    "aritmetica: il totale dei beneficiari di un servizio è la somma delle categorie (o delle sedi)",
)
def beneficiari_servizio(ctx: Contesto) -> Iterator[Problema]:
    """Each service's declared total equals the sum of its categories and of its sites."""
    for anno, dati in ctx.anni():
        for i, s in enumerate(_servizi(dati)):
            base = ("attivita", "servizi", i)
            if (
                s.totale_beneficiari is not None
                and s.beneficiari
                and s.totale_beneficiari != s.somma_beneficiari
            ):
                yield ctx.problema(
                    f"«{s.nome}» ({anno}): totale beneficiari dichiarato {n(s.totale_beneficiari)}, "
                    f"somma delle categorie {n(s.somma_beneficiari)}.",
                    anno=anno,
                    percorso=(*base, "totale_beneficiari"),
                    trovato=n(s.totale_beneficiari),
                    atteso=n(s.somma_beneficiari),
                )
            if s.dettaglio_beneficiari:
                somma = sum(s.dettaglio_beneficiari.values())
                totale = (
                    s.totale_beneficiari
                    if s.totale_beneficiari is not None
                    else (s.somma_beneficiari if s.beneficiari else None)
                )
                if totale is not None and totale != somma:
                    parti = " + ".join(n(v) for v in s.dettaglio_beneficiari.values())
                    yield ctx.problema(
                        f"«{s.nome}» ({anno}): il totale è {n(totale)}, ma il dettaglio ({parti}) fa {n(somma)}.",
                        anno=anno,
                        percorso=(*base, "dettaglio_beneficiari"),
                        trovato=n(somma),
                        atteso=n(totale),
                    )


@regola(
    "BENEFICIARI-TOTALE",
    "Totale dei beneficiari",
    Gravita.ERRORE,
    "aritmetica: il numero totale di utenti è la somma dei beneficiari dei servizi",
)
def beneficiari_totale(ctx: Contesto) -> Iterator[Problema]:
    """The declared overall number of users equals the sum over services."""
    for anno, dati in ctx.anni():
        if dati.attivita is None or dati.attivita.totale_beneficiari is None:
            continue
        servizi = _servizi(dati)
        if not servizi:
            continue
        somma = sum(s.beneficiari_totali for s in servizi)
        if somma != dati.attivita.totale_beneficiari:
            yield ctx.problema(
                f"Totale utenti {anno}: dichiarati {n(dati.attivita.totale_beneficiari)}, somma dei servizi {n(somma)}.",
                anno=anno,
                percorso=("attivita", "totale_beneficiari"),
                trovato=n(dati.attivita.totale_beneficiari),
                atteso=n(somma),
            )


@regola(
    "DURATA-MEDIA",
    "Durata media degli interventi",
    Gravita.ERRORE,
    "aritmetica: durata media = ore complessive / numero di interventi",
)
def durata_media(ctx: Contesto) -> Iterator[Problema]:
    """A declared average duration matches total hours over interventions (within a minute)."""
    for anno, dati in ctx.anni():
        for i, s in enumerate(_servizi(dati)):
            if s.durata_media_minuti is None or not s.ore or not s.interventi:
                continue
            calcolata = Decimal(s.ore) * 60 / s.interventi
            if abs(calcolata - s.durata_media_minuti) > 1:
                yield ctx.problema(
                    f"«{s.nome}» ({anno}): durata media dichiarata {durata(s.durata_media_minuti)}, ma "
                    f"{n(s.ore, None)} ore su {n(s.interventi)} interventi fanno {durata(calcolata)}.",
                    anno=anno,
                    percorso=("attivita", "servizi", i, "durata_media_minuti"),
                    trovato=durata(s.durata_media_minuti),
                    atteso=durata(calcolata),
                )


@regola(
    "INTERVENTI-SERVIZIO",
    "Interventi di ciascun servizio",
    Gravita.ERRORE,
    "aritmetica: il numero di interventi (accessi) è la somma del dettaglio per tipologia o sede",
)
def interventi_servizio(ctx: Contesto) -> Iterator[Problema]:
    """A service's interventions equal the sum of their breakdown, when both are given."""
    for anno, dati in ctx.anni():
        for i, s in enumerate(_servizi(dati)):
            dettaglio = getattr(s, "dettaglio_interventi", None)
            if not dettaglio or s.interventi is None:
                continue
            somma = sum(dettaglio.values())
            if somma != s.interventi:
                parti = " + ".join(n(v) for v in dettaglio.values())
                yield ctx.problema(
                    f"«{s.nome}» ({anno}): interventi dichiarati {n(s.interventi)}, ma il dettaglio ({parti}) fa {n(somma)}.",
                    anno=anno,
                    percorso=("attivita", "servizi", i, "dettaglio_interventi"),
                    trovato=n(somma),
                    atteso=n(s.interventi),
                )
