"""`check`: load, validate, apply the rules, and report every problem at once."""

from __future__ import annotations

from pathlib import Path

from . import conformita as _conformita
from .caricamento import Bilancio, Caricato, carica
from .errori import DatiNonValidi, Rapporto
from .indicatori import calcola
from .regole import applica


def controlla(percorso: str | Path, anno: int | None = None) -> Rapporto:
    """Check a cooperative's folder (latest year, or ``anno``) or one year file.

    Returns a :class:`Rapporto` with every problem; raises :class:`InputIlleggibile` only
    when there is nothing to read (missing path, no year file).
    """
    caricato = carica(percorso, anno)
    return _rapporto(caricato)


def _rapporto(caricato: Caricato) -> Rapporto:
    rapporto = Rapporto(
        percorso=caricato.percorso,
        anno=caricato.anno,
        file=caricato.file,
        problemi=list(caricato.problemi),
        leggibile=caricato.leggibile,
    )
    bilancio = caricato.bilancio
    if bilancio is not None:
        rapporto.problemi += applica(bilancio, caricato.luogo)
        rapporto.conformita = _conformita.valuta(bilancio)
        rapporto.indicatori = {
            str(a): calcola(bilancio.dati(a), a, bilancio.ente).model_dump(mode="json", exclude_none=True)  # type: ignore[arg-type]
            for a in bilancio.anni
        }
    return rapporto


def valida_bilancio(percorso: str | Path, anno: int | None = None) -> tuple[Bilancio, Rapporto]:
    """Load and check; return the model when there are no errors, else raise :class:`DatiNonValidi`."""
    caricato = carica(percorso, anno)
    rapporto = _rapporto(caricato)
    if not rapporto.valido or caricato.bilancio is None:
        raise DatiNonValidi(rapporto)
    return caricato.bilancio, rapporto
