"""`bilancio site`: every report of every cooperative, published as a static website.

The pipeline::

    find cooperatives -> list reports (with fingerprints) -> build the missing ones in
    parallel (cache) -> copy them into the site -> cards and open data per year ->
    home page, a page per cooperative, sitemap -> remove what no longer exists

For CI matrices, ``partizione=(i, n)`` builds one deterministic slice and writes a shard
manifest; ``unisci=True`` then assembles the site from the shards in the same folder.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from ..errori import ErroreSito
from ..scrittura import scrivi_atomico
from . import pagine
from .dati import scheda
from .esecuzione import EsitoLavoro, esegui, pubblica
from .lavori import ConfigSito, Lavoro, lavori, leggi_config, partizione, trova_cooperative

MANIFESTO = ".bilancio-sito.json"
CACHE_PREDEFINITA = Path(".bilancio-cache")


class RiepilogoSito(BaseModel):
    """The outcome of a site build: one entry per report, the files written, the time taken."""

    uscita: str
    esiti: list[EsitoLavoro] = Field(default_factory=list)
    file: list[str] = Field(default_factory=list)
    rimossi: list[str] = Field(default_factory=list)
    secondi: float = 0.0
    parziale: str | None = Field(default=None, description="'2/4' when only one shard was built")

    def conta(self, stato: str) -> int:
        return sum(1 for e in self.esiti if e.stato == stato)

    @property
    def falliti(self) -> list[EsitoLavoro]:
        return [e for e in self.esiti if e.stato in ("fallito", "saltato")]

    @property
    def esito(self) -> int:
        return 1 if self.falliti else 0


def _nome_shard(i: int, n: int) -> str:
    return f".bilancio-shard-{i}-di-{n}.json"


def costruisci_sito(
    radice: str | Path,
    uscita: str | Path,
    *,
    processi: int | None = None,
    cache: str | Path | None = None,
    templates: str | Path | None = None,
    pulisci: bool = False,
    parte: tuple[int, int] | None = None,
    unisci: bool = False,
    interrompi_al_primo_errore: bool = False,
    avanzamento: Callable[[EsitoLavoro], None] | None = None,
    al_via: Callable[[int], None] | None = None,
) -> RiepilogoSito:
    """Build (or update) the website of every cooperative under ``radice`` into ``uscita``."""
    inizio = time.perf_counter()
    radice, uscita = Path(radice), Path(uscita)
    cartella_cache = Path(cache) if cache is not None else CACHE_PREDEFINITA
    cartella_modelli = Path(templates) if templates is not None else None
    if cartella_modelli is not None and not cartella_modelli.is_dir():
        raise ErroreSito(f"La cartella dei modelli «{cartella_modelli}» non esiste.")
    config = leggi_config(radice)
    cooperative = trova_cooperative(radice)
    tutti = lavori(cooperative, config, cartella_modelli)
    processi = processi or os.cpu_count() or 1

    if pulisci:
        shutil.rmtree(cartella_cache, ignore_errors=True)
        _rimuovi_gestiti(uscita)

    riepilogo = RiepilogoSito(uscita=str(uscita))
    per_chiave = {lav.chiave: lav for lav in tutti}

    if unisci:
        esiti, file_report = _unisci(uscita, tutti)
    else:
        da_fare = partizione(tutti, *parte) if parte else tutti
        if al_via is not None:
            al_via(len(da_fare))
        esiti = esegui(
            da_fare,
            cartella_cache,
            cartella_modelli,
            processi=processi,
            interrompi_al_primo_errore=interrompi_al_primo_errore,
            avanzamento=avanzamento,
        )
        file_report = {
            e.chiave: pubblica(per_chiave[e.chiave], e, cartella_cache, uscita)
            for e in esiti
            if e.stato in ("costruito", "riutilizzato")
        }
        esiti = [e.model_copy(update={"file": file_report.get(e.chiave, [])}) for e in esiti]
        if parte:
            manifesto = {"parte": list(parte), "esiti": [e.model_dump(mode="json") for e in esiti]}
            scrivi_atomico(
                uscita / _nome_shard(*parte),
                json.dumps(manifesto, ensure_ascii=False, indent=1).encode(),
            )
            riepilogo.esiti, riepilogo.parziale = esiti, f"{parte[0]}/{parte[1]}"
            riepilogo.file = sorted(f for fs in file_report.values() for f in fs)
            riepilogo.secondi = time.perf_counter() - inizio
            return riepilogo

    scritti = [f for fs in file_report.values() for f in fs]
    scritti += _pagine(uscita, config, cooperative, esiti, file_report, cartella_cache)
    if config.base_url:
        _scrivi_se_cambiato(
            uscita / "sitemap.xml", pagine.sitemap(config.base_url, scritti).encode("utf-8")
        )
        scritti.append("sitemap.xml")
    riepilogo.rimossi = _aggiorna_manifesto(uscita, scritti)
    riepilogo.esiti, riepilogo.file = esiti, sorted(scritti)
    riepilogo.secondi = time.perf_counter() - inizio
    return riepilogo


def _scrivi_se_cambiato(percorso: Path, contenuto: bytes) -> None:
    if percorso.is_file() and percorso.read_bytes() == contenuto:
        return
    scrivi_atomico(percorso, contenuto)


def _pagine(
    uscita: Path,
    config: ConfigSito,
    cooperative: list,
    esiti: list[EsitoLavoro],
    file_report: dict[str, list[str]],
    cache: Path,
) -> list[str]:
    env = pagine.ambiente()
    scritti: list[str] = []
    schede_coop = []
    for coop in cooperative:
        schede = []
        for anno in coop.anni:
            s, dati_json, dati_csv = scheda(coop, anno, cache)
            schede.append(s)
            # open data only for years whose reports were published: data that fails the
            # checks is not published as if it were sound
            pubblicato = all(
                e.stato in ("costruito", "riutilizzato")
                for e in esiti
                if e.slug == coop.slug and e.anno == anno
            )
            if pubblicato and dati_json is not None and dati_csv is not None:
                for nome, contenuto in (
                    (f"dati-{anno}.json", dati_json),
                    (f"dati-{anno}.csv", dati_csv),
                ):
                    relativo = f"{coop.slug}/{anno}/{nome}"
                    _scrivi_se_cambiato(uscita / relativo, contenuto)
                    scritti.append(relativo)
        pagina = pagine.pagina_cooperativa(
            coop.slug, schede, [e for e in esiti if e.slug == coop.slug], file_report
        )
        relativo = f"{coop.slug}/index.html"
        _scrivi_se_cambiato(
            uscita / relativo, pagine.rendi_cooperativa(env, config.titolo, pagina).encode("utf-8")
        )
        scritti.append(relativo)
        schede_coop.append(pagina)
    _scrivi_se_cambiato(
        uscita / "index.html",
        pagine.rendi_home(env, config.titolo, config.descrizione, schede_coop).encode("utf-8"),
    )
    scritti.append("index.html")
    if config.base_url:
        _scrivi_se_cambiato(
            uscita / "sitemap.xml", pagine.sitemap(config.base_url, scritti).encode("utf-8")
        )
        scritti.append("sitemap.xml")
    return scritti


def _unisci(uscita: Path, tutti: list[Lavoro]) -> tuple[list[EsitoLavoro], dict[str, list[str]]]:
    """Collect the shards' outcomes; every report must come from a shard, with today's fingerprint."""
    trovati: dict[str, EsitoLavoro] = {}
    manifesti = sorted(uscita.glob(".bilancio-shard-*.json"))
    if not manifesti:
        raise ErroreSito(
            f"In «{uscita}» non ci sono parti da unire (file .bilancio-shard-*.json): eseguire prima --shard."
        )
    for manifesto in manifesti:
        for voce in json.loads(manifesto.read_text(encoding="utf-8"))["esiti"]:
            esito = EsitoLavoro.model_validate(voce)
            trovati[esito.chiave] = esito
    mancanti = [
        lav.chiave
        for lav in tutti
        if lav.chiave not in trovati
        or trovati[lav.chiave].impronta != lav.impronta
        or any(not (uscita / f).is_file() for f in trovati[lav.chiave].file)
    ]
    if mancanti:
        elenco = ", ".join(mancanti[:10]) + (
            f" e altri {len(mancanti) - 10}" if len(mancanti) > 10 else ""
        )
        raise ErroreSito(
            f"Impossibile unire il sito: {len(mancanti)} report mancanti o non aggiornati nelle parti ({elenco})."
        )
    esiti = [trovati[lav.chiave] for lav in tutti]
    for manifesto in manifesti:
        manifesto.unlink()
    return esiti, {e.chiave: e.file for e in esiti if e.file}


def _aggiorna_manifesto(uscita: Path, scritti: list[str]) -> list[str]:
    """Remove the files a previous build wrote that this one did not; remember this build's files."""
    percorso = uscita / MANIFESTO
    prima: list[str] = []
    if percorso.is_file():
        try:
            prima = json.loads(percorso.read_text(encoding="utf-8")).get("file", [])
        except (ValueError, AttributeError):
            prima = []
    attuali = set(scritti)
    rimossi = sorted(f for f in prima if f not in attuali and ".." not in Path(f).parts)
    for relativo in rimossi:
        file = uscita / relativo
        if file.is_file():
            file.unlink()
        _pota(file.parent, uscita)
    scrivi_atomico(
        percorso,
        json.dumps({"file": sorted(attuali)}, ensure_ascii=False, indent=1).encode("utf-8"),
    )
    return rimossi


def _rimuovi_gestiti(uscita: Path) -> None:
    """``--clean``: remove every file a previous build wrote (others' files stay)."""
    if (uscita / MANIFESTO).is_file():
        _aggiorna_manifesto(uscita, [])


def _pota(cartella: Path, radice: Path) -> None:
    """Remove empty folders up to the site root."""
    while cartella != radice and cartella.is_dir() and not any(cartella.iterdir()):
        cartella.rmdir()
        cartella = cartella.parent


__all__ = ["ErroreSito", "RiepilogoSito", "costruisci_sito"]
