"""Building reports in parallel processes, reusing unchanged ones from a content-addressed cache.

Cache layout: ``CACHE/ab/abcdef.../report.html|report.pdf``, one folder per fingerprint,
written to a temporary folder first and renamed into place, so an interrupted build never
leaves a half-written entry that a later build would trust.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from ..caricamento import Caricato
from ..errori import ErroreBilancio, Problema, Rapporto
from .lavori import Lavoro

Stato = Literal["costruito", "riutilizzato", "fallito", "saltato"]


class EsitoLavoro(BaseModel):
    """What happened to one report."""

    chiave: str
    slug: str
    anno: int
    tema: str
    impronta: str
    stato: Stato
    file: list[str] = Field(
        default_factory=list, description="Files in the site, relative to its root"
    )
    secondi: float = 0.0
    errore: str | None = None
    problemi: list[Problema] = Field(default_factory=list)

    @classmethod
    def di(cls, lavoro: Lavoro, stato: Stato, errore: str | None = None) -> EsitoLavoro:
        return cls(
            chiave=lavoro.chiave,
            slug=lavoro.slug,
            anno=lavoro.anno,
            tema=lavoro.tema,
            impronta=lavoro.impronta,
            stato=stato,
            errore=errore,
        )


def voce_cache(cache: Path, impronta: str) -> Path:
    return cache / impronta[:2] / impronta


def in_cache(lavoro: Lavoro, cache: Path) -> bool:
    voce = voce_cache(cache, lavoro.impronta)
    return all((voce / nome).is_file() for nome, _ in lavoro.file())


def costruisci_cooperativa(
    lavori: Sequence[Lavoro], cache: Path, templates: Path | None
) -> list[EsitoLavoro]:
    """Build one cooperative's missing reports, and its cards (runs in a worker process).

    The folder is read once (every file parsed and validated once, :func:`carica_tutti`)
    and each year is checked and computed once; every theme of the year and its card are
    made from that. Never raises: a problem is the outcome of the reports it concerns.
    """
    from ..caricamento import carica_tutti
    from ..controllo import verifica
    from .dati import in_cache_scheda, salva_scheda, scheda_di
    from .lavori import Cooperativa

    if not lavori:
        return []
    primo = lavori[0]
    try:
        caricati = carica_tutti(primo.cartella)
    except ErroreBilancio as exc:
        return [EsitoLavoro.di(lavoro, "fallito", errore=str(exc)) for lavoro in lavori]
    coop = Cooperativa(slug=primo.slug, cartella=primo.cartella, anni=sorted(caricati))
    rapporti: dict[int, Rapporto] = {}

    def rapporto(anno: int) -> Rapporto:
        if anno not in rapporti:
            rapporti[anno] = verifica(caricati[anno])
        return rapporti[anno]

    esiti = []
    for lavoro in lavori:
        inizio = time.perf_counter()
        if lavoro.anno not in caricati:
            esito = EsitoLavoro.di(lavoro, "fallito", errore=f"nessun file per il {lavoro.anno}")
        else:
            esito = _costruisci_in_cache(
                lavoro, caricati[lavoro.anno], rapporto(lavoro.anno), cache, templates
            )
        esiti.append(esito.model_copy(update={"secondi": time.perf_counter() - inizio}))
    for anno, caricato in caricati.items():
        if not in_cache_scheda(coop, anno, cache):
            calcolo = rapporto(anno).calcolo if caricato.bilancio is not None else None
            salva_scheda(coop, anno, cache, scheda_di(coop, anno, caricato, calcolo))
    return esiti


def _costruisci_in_cache(
    lavoro: Lavoro, caricato: Caricato, rapporto: Rapporto, cache: Path, templates: Path | None
) -> EsitoLavoro:
    """Build one report of loaded, checked data into the cache. Never raises."""
    from ..report.costruzione import costruisci

    base = EsitoLavoro.di(lavoro, "fallito")
    if caricato.bilancio is None or not rapporto.valido:
        n = len(rapporto.errori)
        return base.model_copy(
            update={
                "errore": f"{n} {'errore' if n == 1 else 'errori'} nei dati di {rapporto.percorso}",
                "problemi": rapporto.errori or rapporto.avvisi,
            }
        )
    voce = voce_cache(cache, lavoro.impronta)
    voce.parent.mkdir(parents=True, exist_ok=True)
    temporanea = Path(tempfile.mkdtemp(prefix=f".{lavoro.impronta[:12]}-", dir=voce.parent))
    try:
        esito = costruisci(
            caricato.bilancio,
            rapporto,
            tema=lavoro.tema,
            formati=lavoro.formati,
            uscita=temporanea,
            templates=templates,
        )
        for file in esito.file:
            file.rename(temporanea / f"report{file.suffix}")
        if lavoro.pdf_leggero and "pdf" in lavoro.formati:
            # the lighter copy for the website, beside the filing one
            (leggero,) = costruisci(
                caricato.bilancio,
                rapporto,
                tema=lavoro.tema,
                formati=["pdf"],
                uscita=temporanea / "leggero",
                templates=templates,
                pdf=lavoro.pdf_leggero,
            ).file
            leggero.rename(temporanea / "report-leggero.pdf")
            (temporanea / "leggero").rmdir()
        try:
            os.rename(temporanea, voce)
        except OSError:  # another process built the same fingerprint meanwhile: keep theirs
            shutil.rmtree(temporanea, ignore_errors=True)
        return base.model_copy(update={"stato": "costruito"})
    except ErroreBilancio as exc:
        shutil.rmtree(temporanea, ignore_errors=True)
        return base.model_copy(update={"errore": str(exc)})
    except Exception as exc:  # a bug: reported for this report, the others go on
        shutil.rmtree(temporanea, ignore_errors=True)
        return base.model_copy(update={"errore": f"errore interno: {type(exc).__name__}: {exc}"})


def esegui(
    lavori: Sequence[Lavoro],
    cache: Path,
    templates: Path | None,
    *,
    processi: int,
    interrompi_al_primo_errore: bool = False,
    avanzamento: Callable[[EsitoLavoro], None] | None = None,
) -> list[EsitoLavoro]:
    """Build every report not already cached; return one outcome per report, in input order.

    One task per cooperative, run in parallel across cooperatives.
    """
    esiti: dict[str, EsitoLavoro] = {}

    def registra(esito: EsitoLavoro) -> None:
        esiti[esito.chiave] = esito
        if avanzamento is not None:
            avanzamento(esito)

    per_coop: dict[str, list[Lavoro]] = {}
    for lavoro in lavori:
        if in_cache(lavoro, cache):
            registra(EsitoLavoro.di(lavoro, "riutilizzato"))
        else:
            per_coop.setdefault(lavoro.slug, []).append(lavoro)
    gruppi = list(per_coop.values())

    fermati = False
    if processi <= 1 or len(gruppi) <= 1:
        for gruppo in gruppi:
            if fermati:
                break
            for esito in costruisci_cooperativa(gruppo, cache, templates):
                registra(esito)
                fermati = fermati or (interrompi_al_primo_errore and esito.stato == "fallito")
    else:
        with ProcessPoolExecutor(max_workers=processi) as pool:
            in_corso: set[Future[list[EsitoLavoro]]] = {
                pool.submit(costruisci_cooperativa, gruppo, cache, templates) for gruppo in gruppi
            }
            while in_corso:
                fatti, in_corso = wait(in_corso, return_when=FIRST_COMPLETED)
                for futuro in fatti:
                    if futuro.cancelled():
                        continue
                    for esito in futuro.result():
                        registra(esito)
                        if interrompi_al_primo_errore and esito.stato == "fallito" and not fermati:
                            fermati = True
                            for altro in in_corso:
                                altro.cancel()

    risultato = []
    for lavoro in lavori:
        fatto = esiti.get(lavoro.chiave)
        if fatto is None:
            fatto = EsitoLavoro.di(
                lavoro, "saltato", errore="non costruito: interrotto al primo errore"
            )
        risultato.append(fatto)
    return risultato


def pubblica(lavoro: Lavoro, esito: EsitoLavoro, cache: Path, uscita: Path) -> list[str]:
    """Copy a built report from the cache into the site (only if it changed); return its files."""
    file = []
    voce = voce_cache(cache, lavoro.impronta)
    for nome, relativo in lavoro.file():
        sorgente = voce / nome
        destinazione = uscita / relativo
        if not (destinazione.is_file() and _uguali(sorgente, destinazione)):
            destinazione.parent.mkdir(parents=True, exist_ok=True)
            temporaneo = destinazione.with_name(f".{destinazione.name}.tmp")
            shutil.copyfile(sorgente, temporaneo)
            os.replace(temporaneo, destinazione)
        file.append(relativo)
    return file


def _uguali(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    return a.read_bytes() == b.read_bytes()
