"""`check`: load, validate, apply the rules, and report every problem at once."""

from __future__ import annotations

from pathlib import Path

from . import conformita as _conformita
from .calcolo import calcola
from .caricamento import Bilancio, Caricato, carica
from .errori import DatiNonValidi, Problema, Rapporto
from .regole import applica


def controlla(percorso: str | Path, anno: int | None = None) -> Rapporto:
    """Check a cooperative's folder (latest year, or ``anno``) or one year file.

    Returns a :class:`Rapporto` with every problem; raises :class:`InputIlleggibile` only
    when there is nothing to read (missing path, no year file).
    """
    caricato = carica(percorso, anno)
    return verifica(caricato)


def verifica(caricato: Caricato) -> Rapporto:
    """Validate, compute and apply the rules to what was loaded: the check step, once."""
    rapporto = Rapporto(
        percorso=caricato.percorso,
        anno=caricato.anno,
        file=caricato.file,
        problemi=list(caricato.problemi),
        leggibile=caricato.leggibile,
    )
    bilancio = caricato.bilancio
    if bilancio is not None:
        rapporto.calcolo = calcola(bilancio)
        rapporto.problemi += applica(bilancio, caricato.luogo, rapporto.calcolo)
        rapporto.conformita = _conformita.valuta(bilancio)
    elif caricato.parziale is not None:
        # the files have errors: the rules still run on what validated (unknown stays
        # unknown), and say nothing of the parts left out; no figures or conformity table
        # are reported, as they would be of an incomplete year
        parziale = caricato.parziale
        trovati = applica(parziale.bilancio, caricato.luogo, calcola(parziale.bilancio))
        rapporto.problemi += [p for p in trovati if not _in_parti(p, parziale.escluse)]
        rapporto.parti_escluse = list(parziale.escluse)
        rapporto.regole_parziali = True
    rapporto.problemi = ordina(rapporto.problemi, rapporto.file)
    return rapporto


# rules whose figures come from every part of the year (the printed figures, recomputed):
# with a part left out they would find it "missing"
TRASVERSALI = frozenset({"DICHIARATI"})


def _in_parti(problema: Problema, parti: tuple[str, ...]) -> bool:
    """Does the problem concern one of the parts left out (or all of them, or say nowhere
    what it concerns)?"""
    if not parti or problema.interno:  # a rule that raised is a bug, whatever the data
        return False
    if problema.codice in TRASVERSALI:
        return True
    campo = problema.campo
    if campo is None:
        return True
    return any(campo == p or campo.startswith((f"{p}.", f"{p}[")) for p in parti)


def ordina(problemi: list[Problema], file: list[str]) -> list[Problema]:
    """Problems in reading order: by file (as loaded), then line and column; unplaced last."""
    ordine = {nome: i for i, nome in enumerate(file)}

    def chiave(p: Problema) -> tuple[int, int, int]:
        if p.posizione is None:
            return (len(ordine) + 1, 0, 0)
        return (
            ordine.get(p.posizione.file, len(ordine)),
            p.posizione.riga or 0,
            p.posizione.colonna or 0,
        )

    return sorted(problemi, key=chiave)


def valida_bilancio(percorso: str | Path, anno: int | None = None) -> tuple[Bilancio, Rapporto]:
    """Load and check; return the model when there are no errors, else raise :class:`DatiNonValidi`."""
    caricato = carica(percorso, anno)
    rapporto = verifica(caricato)
    if not rapporto.valido or caricato.bilancio is None:
        raise DatiNonValidi(rapporto)
    return caricato.bilancio, rapporto
