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

from ..errori import DatiNonValidi, ErroreBilancio, Problema
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


def costruisci_in_cache(lavoro: Lavoro, cache: Path, templates: Path | None) -> EsitoLavoro:
    """Build one report into the cache (runs in a worker process). Never raises."""
    from ..report.costruzione import build

    inizio = time.perf_counter()
    base = EsitoLavoro.di(lavoro, "fallito")
    voce = voce_cache(cache, lavoro.impronta)
    voce.parent.mkdir(parents=True, exist_ok=True)
    temporanea = Path(tempfile.mkdtemp(prefix=f".{lavoro.impronta[:12]}-", dir=voce.parent))
    try:
        esito = build(
            lavoro.cartella,
            lavoro.anno,
            tema=lavoro.tema,
            formati=lavoro.formati,
            uscita=temporanea,
            templates=templates,
        )
        for file in esito.file:
            file.rename(temporanea / f"report{file.suffix}")
        if lavoro.pdf_leggero and "pdf" in lavoro.formati:
            # the lighter copy for the website, beside the filing one
            (leggero,) = build(
                lavoro.cartella,
                lavoro.anno,
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
        return base.model_copy(
            update={"stato": "costruito", "secondi": time.perf_counter() - inizio}
        )
    except DatiNonValidi as exc:
        shutil.rmtree(temporanea, ignore_errors=True)
        problemi = exc.rapporto.errori or exc.rapporto.avvisi
        return base.model_copy(
            update={
                "errore": str(exc),
                "problemi": problemi,
                "secondi": time.perf_counter() - inizio,
            }
        )
    except ErroreBilancio as exc:
        shutil.rmtree(temporanea, ignore_errors=True)
        return base.model_copy(update={"errore": str(exc), "secondi": time.perf_counter() - inizio})
    except Exception as exc:  # a bug: reported for this report, the others go on
        shutil.rmtree(temporanea, ignore_errors=True)
        return base.model_copy(
            update={
                "errore": f"errore interno: {type(exc).__name__}: {exc}",
                "secondi": time.perf_counter() - inizio,
            }
        )


def esegui(
    lavori: Sequence[Lavoro],
    cache: Path,
    templates: Path | None,
    *,
    processi: int,
    interrompi_al_primo_errore: bool = False,
    avanzamento: Callable[[EsitoLavoro], None] | None = None,
) -> list[EsitoLavoro]:
    """Build every report not already cached; return one outcome per report, in input order."""
    esiti: dict[str, EsitoLavoro] = {}

    def registra(esito: EsitoLavoro) -> None:
        esiti[esito.chiave] = esito
        if avanzamento is not None:
            avanzamento(esito)

    da_fare = []
    for lavoro in lavori:
        if in_cache(lavoro, cache):
            registra(EsitoLavoro.di(lavoro, "riutilizzato"))
        else:
            da_fare.append(lavoro)

    fermati = False
    if processi <= 1 or len(da_fare) <= 1:
        for lavoro in da_fare:
            if fermati:
                break
            esito = costruisci_in_cache(lavoro, cache, templates)
            registra(esito)
            fermati = interrompi_al_primo_errore and esito.stato == "fallito"
    else:
        with ProcessPoolExecutor(max_workers=processi) as pool:
            in_corso: set[Future[EsitoLavoro]] = {
                pool.submit(costruisci_in_cache, lavoro, cache, templates) for lavoro in da_fare
            }
            while in_corso:
                fatti, in_corso = wait(in_corso, return_when=FIRST_COMPLETED)
                for futuro in fatti:
                    if futuro.cancelled():
                        continue
                    esito = futuro.result()
                    registra(esito)
                    if interrompi_al_primo_errore and esito.stato == "fallito" and not fermati:
                        fermati = True
                        for altro in in_corso:
                            altro.cancel()

    risultato = []
    for lavoro in lavori:
        esito = esiti.get(lavoro.chiave)
        if esito is None:
            esito = EsitoLavoro.di(
                lavoro, "saltato", errore="non costruito: interrotto al primo errore"
            )
        risultato.append(esito)
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
