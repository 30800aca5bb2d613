"""`bilancio diff` from disk: load both sides the way `check` does, then compare.

Each side goes through ``carica`` -> validation -> ``calcola`` -> rules once
(:func:`bilancio.controllo.verifica`, the path `check` takes); the comparison engine
(:mod:`bilancio.variazioni`) then gets the typed years, their computed figures
(``Calcolo.anni``) and the problems `check` found. Nothing here computes a figure, runs
a rule again or reads a file twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .calcolo import Calcolo, CifreAnno
from .caricamento import Bilancio, Caricato, carica, individua
from .controllo import verifica
from .errori import DatiNonValidi, InputIlleggibile, Problema, Rapporto
from .modello import Anno, AnnoPrecedente, Ente
from .variazioni import (
    SOGLIA,
    Andamento,
    Confronto,
    aggiungi_problemi,
    andamento,
    confronta,
    problemi_per_anno,
)

__all__ = ["diff", "andamento_da_disco"]


@dataclass
class _Caricato:
    """A cooperative (or one year file) loaded and checked once: what `check` sees."""

    bilancio: Bilancio
    calcolo: Calcolo
    rapporto: Rapporto
    file_anni: dict[int, str]  # year -> the file it was read from (its own, or anni_precedenti)

    def lato(self, anno: int) -> _Lato:
        dati = self.bilancio.dati(anno)
        assert dati is not None
        problemi = problemi_per_anno(
            self.rapporto.problemi, self.file_anni, self.bilancio.anno.anno
        )
        return _Lato(
            dati=dati,
            anno=anno,
            cifre=self.calcolo.anni[anno],
            ente=self.bilancio.ente,
            fonte=self.file_anni.get(anno, self.file_anni[self.bilancio.anno.anno]),
            problemi=problemi.get(anno, []),
        )


@dataclass
class _Lato:
    """One side of a comparison."""

    dati: Anno | AnnoPrecedente
    anno: int
    cifre: CifreAnno
    ente: Ente
    fonte: str
    problemi: list[tuple[Problema, str]]  # problems of this year, field path relative to it


def _controlla(percorso: Path, anno: int | None, ente_di_riserva: Ente | None = None) -> _Caricato:
    """Load, validate, compute and check once; :class:`DatiNonValidi` when there is no model."""
    sorgente = individua(percorso)
    caricato: Caricato = carica(percorso, anno, ente_di_riserva=ente_di_riserva)
    rapporto = verifica(caricato)
    if caricato.bilancio is None or rapporto.calcolo is None:
        raise DatiNonValidi(rapporto)
    bilancio = caricato.bilancio
    principale = str(sorgente.anni.get(bilancio.anno.anno, sorgente.scelto or percorso))
    file_anni = {a: str(p) for a, p in sorgente.anni.items() if a in bilancio.precedenti}
    file_anni[bilancio.anno.anno] = principale
    return _Caricato(
        bilancio=bilancio, calcolo=rapporto.calcolo, rapporto=rapporto, file_anni=file_anni
    )


def _file_dell_anno(percorso: Path, anno: int | None) -> int | None:
    """The year to load as reference: ``anno`` when it has its own file, else the latest."""
    if anno is None or percorso.is_file():
        return None
    return anno if anno in individua(percorso).anni else None


def _elenco(anni: Iterable[int]) -> str:
    return ", ".join(str(x) for x in sorted(anni)) or "nessuno"


def _disponibile(anno: int, bilancio: Bilancio, dove: str = "") -> None:
    if bilancio.dati(anno) is None:
        raise InputIlleggibile(
            f"Non ci sono dati per il {anno}{dove} (anni disponibili: {_elenco(bilancio.anni)})."
        )


def _cartella(percorso: Path, da: int | None, a: int | None) -> tuple[_Lato, _Lato]:
    caricato = _controlla(percorso, _file_dell_anno(percorso, a))
    bilancio = caricato.bilancio
    a = bilancio.anno.anno if a is None else a
    _disponibile(a, bilancio)
    if da is None:
        prima = [x for x in bilancio.anni if x < a]
        if not prima:
            raise InputIlleggibile(
                f"Non c'è un anno precedente al {a} con cui confrontare: aggiungere il file dell'anno "
                f"o i dati chiave in «anni_precedenti» (anni disponibili: {_elenco(bilancio.anni)})."
            )
        da = max(prima)
    _disponibile(da, bilancio)
    return caricato.lato(da), caricato.lato(a)


def _percorso(percorso: Path, anno: int | None, ente_di_riserva: Ente | None = None) -> _Lato:
    """One side of a two-path comparison: a year file, or a folder's latest year (or ``anno``)."""
    if percorso.is_file():
        anno = None  # a file is its own year
    caricato = _controlla(percorso, _file_dell_anno(percorso, anno), ente_di_riserva)
    scelto = caricato.bilancio.anno.anno if anno is None else anno
    _disponibile(scelto, caricato.bilancio, f" in «{percorso}»")
    return caricato.lato(scelto)


def diff(
    percorso: str | Path,
    da: int | None = None,
    a: int | None = None,
    *,
    nuovo: str | Path | None = None,
    soglia: Decimal | float | int = SOGLIA,
) -> Confronto:
    """Compare two years of a cooperative, from disk.

    * ``diff("data/examples/cosper")``: the latest year against the one before;
      ``da``/``a`` pick any two years available (year files or ``anni_precedenti``, not
      necessarily consecutive).
    * ``diff("2024.yaml", nuovo="2025.yaml")``: two files (or folders: their latest year,
      or ``da`` in the first and ``a`` in the second). The first file may lack an
      ``ente.yaml``: the second one's is used.

    Raises :class:`InputIlleggibile` when there is nothing to read or a year is not
    available, :class:`DatiNonValidi` (with every located problem) when the data do not
    validate. The inconsistencies `check` finds in either year become warnings on the
    rows they affect.
    """
    if nuovo is None:
        prima, dopo = _cartella(Path(percorso), da, a)
    else:
        dopo = _percorso(Path(nuovo), a)
        prima = _percorso(Path(percorso), da, ente_di_riserva=dopo.ente)
    confronto = confronta(
        prima.dati,
        dopo.dati,
        prima.anno,
        dopo.anno,
        ente=dopo.ente,
        soglia=soglia,
        cifre=(prima.cifre, dopo.cifre),
    )
    confronto.fonte_vecchio, confronto.fonte_nuovo = prima.fonte, dopo.fonte
    aggiungi_problemi(
        confronto,
        [(lato.anno, lato.dati, lato.problemi) for lato in (prima, dopo)],
    )
    return confronto


def andamento_da_disco(
    percorso: str | Path,
    da: int | None = None,
    a: int | None = None,
    *,
    soglia: Decimal | float | int = SOGLIA,
) -> Andamento:
    """The catalogue's figures in every year of a cooperative (``diff --andamento``), from
    ``da`` (the first year available) to ``a`` (the latest), with the change over the span."""
    percorso = Path(percorso)
    caricato = _controlla(percorso, _file_dell_anno(percorso, a))
    bilancio = caricato.bilancio
    for anno in (da, a):
        if anno is not None:
            _disponibile(anno, bilancio)
    if da is not None and a is not None and da > a:
        raise InputIlleggibile(f"L'anno di partenza ({da}) viene dopo quello di arrivo ({a}).")
    risultato = andamento(caricato.calcolo, da, a, ente=bilancio.ente, soglia=soglia)
    if len(risultato.anni) < 2:
        raise InputIlleggibile(
            "Per l'andamento servono almeno due anni con dati: aggiungere il file di un anno "
            f"precedente o i dati chiave in «anni_precedenti» (anni disponibili: {_elenco(bilancio.anni)})."
        )
    risultato.fonte = caricato.file_anni[bilancio.anno.anno]
    return risultato
