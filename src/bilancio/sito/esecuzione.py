"""Building reports in parallel processes, reusing unchanged ones from a content-addressed cache.

Cache layout: ``CACHE/ab/abcdef.../report.html|report.pdf``, one folder per fingerprint,
written to a temporary folder first and renamed into place, so an interrupted build never
leaves a half-written entry that a later build would trust. Each entry ends with
``contenuto.json``, the SHA-256 of each of its files: an entry damaged afterwards (a file
truncated, a disk full) is detected when reused, reported, removed and built again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from ..caricamento import Caricato
from ..errori import ErroreBilancio, Problema, Rapporto, UscitaNonScrivibile
from ..scrittura import scrivi_atomico
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


CONTENUTO = "contenuto.json"
"""The last file of a cache entry: the SHA-256 of each of the others."""

StatoVoce = Literal["valida", "assente", "corrotta"]


def _sha256(percorso: Path) -> str:
    return hashlib.sha256(percorso.read_bytes()).hexdigest()


def sigilla(cartella: Path) -> None:
    """Record the hash of every file of a cache entry being made (written last)."""
    impronte = {
        p.name: _sha256(p)
        for p in sorted(cartella.iterdir())
        if p.is_file() and p.name != CONTENUTO
    }
    scrivi_atomico(cartella / CONTENUTO, json.dumps(impronte, indent=1).encode())


def stato_voce(voce: Path, nomi: Iterable[str]) -> StatoVoce:
    """Whether a cache entry holds ``nomi``, whole: valid, absent, or damaged."""
    if not voce.exists():
        return "assente"
    try:
        impronte = json.loads((voce / CONTENUTO).read_bytes())
        if not isinstance(impronte, dict):
            return "corrotta"
        for nome in nomi:
            if nome not in impronte or _sha256(voce / nome) != impronte[nome]:
                return "corrotta"
    except (OSError, ValueError):
        return "corrotta"
    return "valida"


def scarta_voce(voce: Path, cosa: str, avvisi: list[str]) -> None:
    """Report a damaged cache entry and remove it, so that it is built again."""
    avvisi.append(
        f"La cache di {cosa} in «{voce}» è danneggiata (un file troncato o mancante): "
        "si ricostruisce."
    )
    if voce.is_dir() and not voce.is_symlink():
        shutil.rmtree(voce, ignore_errors=True)
    else:
        voce.unlink(missing_ok=True)


def in_cache(lavoro: Lavoro, cache: Path) -> bool:
    voce = voce_cache(cache, lavoro.impronta)
    return stato_voce(voce, [nome for nome, _ in lavoro.file()]) == "valida"


def entra_in_cache(temporanea: Path, voce: Path) -> None:
    """Seal a finished entry and rename it into place (another process's wins)."""
    sigilla(temporanea)
    try:
        os.rename(temporanea, voce)
    except OSError:
        shutil.rmtree(temporanea, ignore_errors=True)
        if not voce.is_dir():
            raise
        # another process built the same fingerprint meanwhile: keep theirs


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
    from .dati import salva_scheda, scheda_di, stato_scheda
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
        # a damaged card is left to the main process, which reports it and makes it again
        if stato_scheda(coop, anno, cache) == "assente":
            calcolo = rapporto(anno).calcolo if caricato.bilancio is not None else None
            salva_scheda(coop, anno, cache, scheda_di(coop, anno, caricato, calcolo))
    return esiti


def _costruisci_in_cache(
    lavoro: Lavoro, caricato: Caricato, rapporto: Rapporto, cache: Path, templates: Path | None
) -> EsitoLavoro:
    """Build one report of loaded, checked data into the cache.

    A problem of the report is its outcome; only a cache that cannot be written raises.
    """
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
        entra_in_cache(temporanea, voce)
        return base.model_copy(update={"stato": "costruito"})
    except UscitaNonScrivibile:
        # the build writes only into the cache: the cache cannot be written, the run stops
        shutil.rmtree(temporanea, ignore_errors=True)
        raise
    except ErroreBilancio as exc:
        shutil.rmtree(temporanea, ignore_errors=True)
        return base.model_copy(update={"errore": str(exc)})
    except OSError as exc:
        shutil.rmtree(temporanea, ignore_errors=True)
        if _nella_cache(exc, cache):
            raise  # the cache cannot be written: the whole run stops, clearly
        return base.model_copy(update={"errore": f"errore interno: {type(exc).__name__}: {exc}"})
    except Exception as exc:  # a bug: reported for this report, the others go on
        shutil.rmtree(temporanea, ignore_errors=True)
        return base.model_copy(update={"errore": f"errore interno: {type(exc).__name__}: {exc}"})
    except BaseException:  # interrupted: no half-made entry left behind
        shutil.rmtree(temporanea, ignore_errors=True)
        raise


def diagnosi(lavori: Sequence[Lavoro]) -> dict[str, dict[str, object]]:
    """The located errors of reports not built, found again from their data (a later merge)."""
    from ..caricamento import carica_tutti
    from ..controllo import verifica

    trovati: dict[str, dict[str, object]] = {}
    per_cartella: dict[Path, list[Lavoro]] = {}
    for lavoro in lavori:
        per_cartella.setdefault(lavoro.cartella, []).append(lavoro)
    for cartella, gruppo in per_cartella.items():
        try:
            caricati = carica_tutti(cartella)
        except ErroreBilancio as exc:
            for lavoro in gruppo:
                trovati[lavoro.chiave] = {"errore": str(exc)}
            continue
        for lavoro in gruppo:
            if lavoro.anno not in caricati:
                trovati[lavoro.chiave] = {"errore": f"nessun file per il {lavoro.anno}"}
                continue
            rapporto = verifica(caricati[lavoro.anno])
            if rapporto.valido and caricati[lavoro.anno].bilancio is not None:
                trovati[lavoro.chiave] = {
                    "errore": "non costruito nella sua parte: i dettagli sono nel registro di quella parte"
                }
            else:
                n = len(rapporto.errori)
                trovati[lavoro.chiave] = {
                    "errore": f"{n} {'errore' if n == 1 else 'errori'} nei dati di {rapporto.percorso}",
                    "problemi": rapporto.errori or rapporto.avvisi,
                }
    return trovati


def _nella_cache(exc: OSError, cache: Path) -> bool:
    radice = Path(os.path.abspath(cache))
    return any(
        isinstance(f, str | os.PathLike) and Path(os.path.abspath(f)).is_relative_to(radice)
        for f in (exc.filename, exc.filename2)
    )


def esegui(
    lavori: Sequence[Lavoro],
    cache: Path,
    templates: Path | None,
    *,
    processi: int,
    interrompi_al_primo_errore: bool = False,
    avanzamento: Callable[[EsitoLavoro], None] | None = None,
    avvisi: list[str] | None = None,
) -> list[EsitoLavoro]:
    """Build every report not already cached; return one outcome per report, in input order.

    One task per cooperative, run in parallel across cooperatives. A damaged cache entry
    is reported in ``avvisi`` and built again.
    """
    avvisi = avvisi if avvisi is not None else []
    esiti: dict[str, EsitoLavoro] = {}

    def registra(esito: EsitoLavoro) -> None:
        esiti[esito.chiave] = esito
        if avanzamento is not None:
            avanzamento(esito)

    per_coop: dict[str, list[Lavoro]] = {}
    for lavoro in lavori:
        voce = voce_cache(cache, lavoro.impronta)
        stato = stato_voce(voce, [nome for nome, _ in lavoro.file()])
        if stato == "valida":
            registra(EsitoLavoro.di(lavoro, "riutilizzato"))
        else:
            if stato == "corrotta":
                scarta_voce(voce, f"«{lavoro.chiave}»", avvisi)
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


def pubblica(lavoro: Lavoro, cache: Path, scrivi: Callable[[str, bytes], None]) -> list[str]:
    """Put a built report from the cache into the site through ``scrivi``; return its files.

    The site's copy of the HTML report links back to the cooperative's page and the home page.
    """
    voce = voce_cache(cache, lavoro.impronta)
    file = []
    for nome, relativo in lavoro.file():
        contenuto = (voce / nome).read_bytes()
        if relativo.endswith(".html"):
            contenuto = con_ritorno(contenuto)
        scrivi(relativo, contenuto)
        file.append(relativo)
    return file


_RITORNO = (
    '<nav class="bilancio-sito" aria-label="Sito dei bilanci sociali" style="font: 15px/1.5 '
    "sans-serif; padding: .5rem 1rem; background: #f6f8fa; border-bottom: 1px solid #d8dee4; "
    'overflow-wrap: anywhere">'
    '<a href="../../index.html">Tutte le cooperative</a> › '
    '<a href="../index.html">Tutti i bilanci sociali della cooperativa</a></nav>'
).encode()


def con_ritorno(html: bytes) -> bytes:
    """The report's HTML with the site's links back, right after ``<body ...>``."""
    inizio = html.find(b"<body")
    fine = html.find(b">", inizio) if inizio >= 0 else -1
    if fine < 0:
        return html
    return html[: fine + 1] + b"\n" + _RITORNO + html[fine + 1 :]
