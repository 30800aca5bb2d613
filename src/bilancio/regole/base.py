"""The rule engine: each rule has an id, a severity, an Italian message and a reference."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..calcolo import Calcolo
from ..caricamento import Bilancio, Luogo
from ..errori import Gravita, Problema, RegolaNonValida
from ..formato import numero
from ..lettura.origini import INIZIO
from ..modello.ente import COOPERATIVE_SOCIALI, IMPRESE_SOCIALI, RAMO_B, TUTTI, Qualifica


@dataclass(frozen=True)
class Regola:
    """A rule, and where it applies: the entity types (:class:`Qualifica`) and the first year."""

    codice: str
    titolo: str
    gravita: Gravita
    riferimento: str
    funzione: Callable[[Contesto], Iterator[Problema]]
    descrizione: str = ""
    enti: frozenset[Qualifica] = TUTTI
    dal: int | None = None  # first reference year the rule applies to; None: every year

    def si_applica(self, qualifica: Qualifica, anno: int) -> bool:
        return qualifica in self.enti and (self.dal is None or anno >= self.dal)

    @property
    def ambito(self) -> str:
        """The entity types, in words (the README's rule table shows the same text)."""
        return descrivi_enti(self.enti)


_GRUPPI: tuple[tuple[frozenset[Qualifica], str], ...] = (
    (TUTTI, "tutti"),
    (IMPRESE_SOCIALI, "imprese sociali"),
    (COOPERATIVE_SOCIALI, "cooperative sociali e consorzi"),
    (COOPERATIVE_SOCIALI - {Qualifica.CONSORZIO}, "cooperative sociali"),
    (RAMO_B, "cooperative sociali B e A+B"),
    (frozenset({Qualifica.IMPRESA_SOCIALE}), "altre imprese sociali"),
)


def descrivi_enti(enti: frozenset[Qualifica]) -> str:
    for gruppo, nome in _GRUPPI:
        if enti == gruppo:
            return nome
    return ", ".join(q.value for q in Qualifica if q in enti)


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

    def voce(self, anno: int | None, *percorso: Any) -> str:
        """A field named in a message, in its file's words: «persone.volontari.numero» in a
        YAML file, «Totale volontari» (Persone!B64) in a workbook, at the cell to write in."""
        inizio = self.luogo.esatta(anno, *percorso, INIZIO)
        if inizio is not None and inizio.foglio:  # a part of a sheet, from its first cell
            from ..foglio.layout import collocazione

            luogo = collocazione((("ente",) if anno is None else ()) + tuple(percorso))
            nome = f"la parte «{luogo.parte}»" if luogo else "la parte"
            return f"{nome} (da {inizio.foglio}!{inizio.cella})"
        pos = self.luogo.esatta(anno, *percorso)
        if pos is not None and pos.foglio:
            nome = f"«{pos.intestazione}»" if pos.intestazione else "la cella"
            return f"{nome} ({pos.foglio}!{pos.cella})" if pos.cella else nome
        return f"«{'.'.join(str(p) for p in percorso)}»"

    def anni(self) -> Iterator[tuple[int, Any]]:
        """The reference year and every earlier year with data, most recent first.

        Years before the rule's first year (``dal``) are left out.
        """
        dal = self.regola.dal if self.regola is not None else None
        anni = [(self.bilancio.anno.anno, self.bilancio.anno), *self.bilancio.precedenti.items()]
        yield from ((a, d) for a, d in anni if dal is None or a >= dal)


def regola(
    codice: str,
    titolo: str,
    gravita: Gravita,
    riferimento: str,
    *,
    enti: frozenset[Qualifica] = TUTTI,
    dal: int | None = None,
) -> Callable[[Callable[[Contesto], Iterator[Problema]]], Callable[[Contesto], Iterator[Problema]]]:
    """Register a rule function under an id, with the entity types and first year it applies to."""

    def registra(
        funzione: Callable[[Contesto], Iterator[Problema]],
    ) -> Callable[[Contesto], Iterator[Problema]]:
        if codice in REGOLE:
            raise RegolaNonValida(f"regola duplicata: {codice}")
        if not enti:
            raise RegolaNonValida(f"regola {codice}: nessun tipo di ente")
        REGOLE[codice] = Regola(
            codice,
            titolo,
            gravita,
            riferimento,
            funzione,
            (funzione.__doc__ or "").strip(),
            frozenset(enti),
            dal,
        )
        return funzione

    return registra


def applicabili(bilancio: Bilancio) -> list[Regola]:
    """The rules that apply to this entity in this reference year."""
    qualifica, anno = bilancio.ente.qualificazione, bilancio.anno.anno
    return [r for r in REGOLE.values() if r.si_applica(qualifica, anno)]


def applica(bilancio: Bilancio, luogo: Luogo, calcolo: Calcolo) -> list[Problema]:
    """Run every rule that applies to the entity and the year, on the data and the computed figures.

    A rule never stops the others: one that raises (a bug of ours, never the data's fault)
    is reported as an internal error of that rule (:func:`errore_interno`), and the others
    run.
    """
    problemi: list[Problema] = []
    for r in applicabili(bilancio):
        ctx = Contesto(bilancio, luogo, calcolo, r)
        try:
            problemi.extend(list(r.funzione(ctx)))
        except Exception as exc:  # noqa: BLE001 - any bug in a rule is reported, not raised
            problemi.append(errore_interno(r, exc))
    return problemi


def errore_interno(r: Regola, exc: BaseException) -> Problema:
    """The problem that stands for a rule that raised: its id, what happened, what to do."""
    return Problema(
        codice=r.codice,
        gravita=Gravita.ERRORE,
        messaggio=(
            f"Errore interno della regola {r.codice} («{r.titolo}»): il controllo non è stato "
            f"eseguito ({type(exc).__name__}: {exc}). Le altre regole sono state applicate. È un "
            "difetto del programma, non dei dati: segnalarlo agli sviluppatori con questo "
            "messaggio."
        ),
        riferimento=r.riferimento,
        interno=True,
    )


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
