"""`bilancio site`: every report of every cooperative, published as a static website.

The pipeline::

    find cooperatives -> list reports (with fingerprints) -> build the missing ones in
    parallel (cache) -> assemble the new site in a temporary folder: the reports, cards
    and open data per year, home page, a page per cooperative, sitemap, the manifest last
    -> swap it for the previous site -> write the build's log (``--registro``)

The published pages never show the build's internals: a report that could not be built
is "non ancora pubblicato" there, while its located errors go to the summary and the log,
beside the output folder (``public.log`` for ``public``), never inside it.

For CI matrices, ``partizione=(i, n)`` builds one deterministic slice and writes a shard
manifest; ``unisci=True`` then assembles the site from the shards in the same folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from ..errori import ErroreBilancio, ErroreSito, UsoNonValido
from ..scrittura import scrivi_atomico
from . import pagine
from .dati import scheda
from .esecuzione import EsitoLavoro, diagnosi, esegui, pubblica
from .lavori import ConfigSito, Lavoro, lavori, leggi_config, partizione, trova_cooperative
from .pubblicazione import (
    MANIFESTO,
    Cantiere,
    Manifesto,
    VocePubblica,
    controlla_uscita,
    file_del_sito,
    leggi_manifesto,
    non_scrivibile,
    nostro,
    ripristina,
    testo_manifesto,
)

CACHE_PREDEFINITA = Path(".bilancio-cache")


class RiepilogoSito(BaseModel):
    """The outcome of a site build: one entry per report, the files written, the time taken."""

    uscita: str
    registro: str | None = Field(default=None, description="The build's log file")
    esiti: list[EsitoLavoro] = Field(default_factory=list)
    file: list[str] = Field(default_factory=list)
    rimossi: list[str] = Field(default_factory=list)
    avvisi: list[str] = Field(
        default_factory=list, description="Damaged cache entries or manifest, rebuilt"
    )
    secondi: float = 0.0
    parziale: str | None = Field(default=None, description="'2/4' when only one shard was built")
    parti_unite: int | None = Field(
        default=None, description="With --merge: how many shards were merged"
    )

    def conta(self, stato: str) -> int:
        return sum(1 for e in self.esiti if e.stato == stato)

    @property
    def pubblicati(self) -> int:
        return sum(1 for e in self.esiti if e.stato in ("costruito", "riutilizzato"))

    @property
    def falliti(self) -> list[EsitoLavoro]:
        return [e for e in self.esiti if e.stato in ("fallito", "saltato")]

    @property
    def esito(self) -> int:
        return 1 if self.falliti else 0


def _nome_shard(i: int, n: int) -> str:
    return f".bilancio-shard-{i}-di-{n}.json"


_SHARD = re.compile(r"^\.bilancio-shard-(\d+)-di-(\d+)\.json$")


class ManifestoParte(BaseModel):
    parte: tuple[int, int]
    esiti: list[EsitoLavoro]


def registro_predefinito(uscita: str | Path) -> Path:
    """``public`` -> ``public.log``, beside the output folder (never inside it)."""
    uscita = Path(uscita)
    assoluta = Path(os.path.abspath(uscita))
    # "public" stays relative ("public.log"); "." is named after the folder it stands for
    return (uscita.parent if uscita.name else assoluta.parent) / f"{assoluta.name}.log"


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
    registro: str | Path | None = None,
) -> RiepilogoSito:
    """Build (or update) the website of every cooperative under ``radice`` into ``uscita``.

    The located errors of the reports not built, and any damaged cache entry, are written
    to ``registro`` (default: :func:`registro_predefinito`), outside the published folder.
    """
    inizio = time.perf_counter()
    radice, uscita = Path(radice), Path(uscita)
    file_registro = Path(registro) if registro is not None else registro_predefinito(uscita)
    if Path(os.path.abspath(file_registro)).is_relative_to(os.path.abspath(uscita)):
        raise UsoNonValido(
            f"Il registro «{file_registro}» non può stare dentro la cartella del sito "
            f"«{uscita}»: sarebbe pubblicato. Indicare con --registro un file fuori."
        )
    cartella_cache = Path(cache) if cache is not None else CACHE_PREDEFINITA
    cartella_modelli = Path(templates) if templates is not None else None
    if cartella_modelli is not None and not cartella_modelli.is_dir():
        raise ErroreSito(f"La cartella dei modelli «{cartella_modelli}» non esiste.")
    config = leggi_config(radice)
    cooperative = trova_cooperative(radice)
    controlla_uscita(
        uscita,
        (radice, "i dati"),
        (cartella_cache, "la cache"),
        (Path.cwd(), "la cartella corrente"),
        *([(cartella_modelli, "i modelli")] if cartella_modelli is not None else []),
    )
    tutti = lavori(cooperative, config, cartella_modelli)
    processi = processi or os.cpu_count() or 1

    riepilogo = RiepilogoSito(uscita=str(uscita), registro=str(file_registro))

    def registra() -> None:
        """The log, written before the new site replaces the old: a log that cannot be
        written stops the run while the previous site is still there."""
        riepilogo.secondi = time.perf_counter() - inizio
        _scrivi_registro(file_registro, riepilogo, radice)

    try:
        try:
            ripristina(uscita, riepilogo.avvisi)
        except OSError as exc:
            raise non_scrivibile(uscita, exc, "il sito") from None
        if unisci:
            _unione(riepilogo, uscita, config, cooperative, tutti, cartella_cache, registra)
        else:
            _prepara_cache(cartella_cache, pulisci)
            da_fare = partizione(tutti, *parte) if parte else tutti
            if al_via is not None:
                al_via(len(da_fare))
            try:
                esiti = esegui(
                    da_fare,
                    cartella_cache,
                    cartella_modelli,
                    processi=processi,
                    interrompi_al_primo_errore=interrompi_al_primo_errore,
                    avanzamento=avanzamento,
                    avvisi=riepilogo.avvisi,
                )
            except OSError as exc:
                raise non_scrivibile(cartella_cache, exc, "nella cache (--cache)") from None
            if parte:
                _parte(riepilogo, uscita, parte, tutti, esiti, cartella_cache, pulisci)
                registra()
            else:
                _intero(
                    riepilogo, uscita, config, cooperative, tutti, esiti, cartella_cache, registra
                )
    except ErroreBilancio as exc:
        riepilogo.secondi = time.perf_counter() - inizio
        nota = None if parte else "Il sito precedente, se c'era, è rimasto com'era."
        _scrivi_registro(file_registro, riepilogo, radice, errore=str(exc), nota=nota)
        raise
    return riepilogo


def _prepara_cache(cache: Path, pulisci: bool) -> None:
    """``--clean`` empties the cache; then the cache must be a folder that can be written."""
    if pulisci:
        shutil.rmtree(cache, ignore_errors=True)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        os.rmdir(tempfile.mkdtemp(prefix=".prova-", dir=cache))
    except OSError as exc:
        raise non_scrivibile(cache, exc, "nella cache (--cache)") from None


def _intero(
    riepilogo: RiepilogoSito,
    uscita: Path,
    config: ConfigSito,
    cooperative: list,
    tutti: list[Lavoro],
    esiti: list[EsitoLavoro],
    cache: Path,
    registra: Callable[[], None],
) -> None:
    """The whole site, assembled beside the previous one, then swapped in."""
    per_chiave = {lav.chiave: lav for lav in tutti}
    manifesto = leggi_manifesto(uscita, riepilogo.avvisi) if uscita.is_dir() else None
    with Cantiere(uscita) as cantiere:
        file_report = {
            e.chiave: pubblica(per_chiave[e.chiave], cache, cantiere.scrivi)
            for e in esiti
            if e.stato in ("costruito", "riutilizzato")
        }
        esiti = [e.model_copy(update={"file": file_report.get(e.chiave, [])}) for e in esiti]
        _pagine(cantiere, config, cooperative, esiti, file_report, cache, riepilogo.avvisi)
        riepilogo.rimossi = _completa(cantiere, manifesto, esiti, set())
        riepilogo.esiti, riepilogo.file = esiti, sorted(cantiere.scritti)
        registra()
        cantiere.pubblica()


def _completa(
    cantiere: Cantiere, manifesto: Manifesto | None, esiti: list[EsitoLavoro], delle_parti: set[str]
) -> list[str]:
    """Carry over the files bilancio did not write; write the manifest last; return the removed.

    With an unreadable manifest the previous site's files named like bilancio's are not
    carried over: the new site is whole without them, and stale pages go.
    """
    nuovi = set(cantiere.scritti)
    rimossi = []
    precedenti = file_del_sito(cantiere.precedente) if cantiere.precedente else []
    corrotto = manifesto is None and MANIFESTO in precedenti
    for relativo in precedenti:
        if relativo in nuovi or relativo == MANIFESTO or _SHARD.match(Path(relativo).name):
            continue
        if relativo in delle_parti:
            continue
        if (manifesto is not None and relativo in manifesto.file) or (
            corrotto and nostro(relativo)
        ):
            rimossi.append(relativo)
            continue
        cantiere.conserva(relativo)
    # what a later merge needs of each report, stated the same way whether this run built
    # it or reused it (an unchanged site gives the same manifest, byte for byte)
    voci = [
        VocePubblica.model_validate(
            e.model_dump(include=set(VocePubblica.model_fields))
            | {"stato": "riutilizzato" if e.stato == "costruito" else e.stato}
        )
        for e in esiti
    ]
    nuovo = Manifesto(file=sorted(nuovi), esiti=voci)
    scrivi_atomico(cantiere.nuova / MANIFESTO, testo_manifesto(nuovo))
    return sorted(rimossi)


def _parte(
    riepilogo: RiepilogoSito,
    uscita: Path,
    parte: tuple[int, int],
    tutti: list[Lavoro],
    esiti: list[EsitoLavoro],
    cache: Path,
    pulisci: bool,
) -> None:
    """One shard: its reports into the output folder, file by file, its manifest last."""
    per_chiave = {lav.chiave: lav for lav in tutti}
    try:
        if pulisci:
            _rimuovi_gestiti(uscita, riepilogo.avvisi)
        file_report = {
            e.chiave: pubblica(
                per_chiave[e.chiave], cache, lambda r, b: _scrivi_se_cambiato(uscita / r, b)
            )
            for e in esiti
            if e.stato in ("costruito", "riutilizzato")
        }
        esiti = [e.model_copy(update={"file": file_report.get(e.chiave, [])}) for e in esiti]
        manifesto = ManifestoParte(parte=parte, esiti=esiti)
        scrivi_atomico(
            uscita / _nome_shard(*parte),
            json.dumps(manifesto.model_dump(mode="json"), ensure_ascii=False, indent=1).encode(),
        )
    except OSError as exc:
        raise non_scrivibile(uscita, exc, f"la parte {parte[0]}/{parte[1]}") from None
    riepilogo.esiti, riepilogo.parziale = esiti, f"{parte[0]}/{parte[1]}"
    riepilogo.file = sorted(f for fs in file_report.values() for f in fs)


def _scrivi_se_cambiato(percorso: Path, contenuto: bytes) -> None:
    if percorso.is_file() and percorso.read_bytes() == contenuto:
        return
    scrivi_atomico(percorso, contenuto)


def _pagine(
    cantiere: Cantiere,
    config: ConfigSito,
    cooperative: list,
    esiti: list[EsitoLavoro],
    file_report: dict[str, list[str]],
    cache: Path,
    avvisi: list[str],
) -> None:
    env = pagine.ambiente()
    schede_coop = []
    for coop in cooperative:
        schede = []
        for anno in coop.anni:
            s, dati_json, dati_csv = scheda(coop, anno, cache, avvisi)
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
                    cantiere.scrivi(f"{coop.slug}/{anno}/{nome}", contenuto)
        pagina = pagine.pagina_cooperativa(
            coop.slug, schede, [e for e in esiti if e.slug == coop.slug], file_report
        )
        cantiere.scrivi(
            f"{coop.slug}/index.html",
            pagine.rendi_cooperativa(env, config.titolo, pagina).encode("utf-8"),
        )
        schede_coop.append(pagina)
    cantiere.scrivi(
        "index.html",
        pagine.rendi_home(env, config.titolo, config.descrizione, schede_coop).encode("utf-8"),
    )
    if config.base_url:
        cantiere.scrivi(
            "sitemap.xml", pagine.sitemap(config.base_url, cantiere.scritti).encode("utf-8")
        )


def _unione(
    riepilogo: RiepilogoSito,
    uscita: Path,
    config: ConfigSito,
    cooperative: list,
    tutti: list[Lavoro],
    cache: Path,
    registra: Callable[[], None],
) -> None:
    """``--merge``: the site from the shards' reports in ``uscita``, swapped in whole.

    The shards' manifests are read, not deleted: merging again works. They are not
    published either (they hold the located errors); the new site's manifest keeps what a
    later merge needs, without them.
    """
    manifesto = leggi_manifesto(uscita, riepilogo.avvisi) if uscita.is_dir() else None
    esiti, parti, delle_parti = _esiti_delle_parti(uscita, tutti, manifesto)
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise non_scrivibile(cache, exc, "nella cache (--cache)") from None
    with Cantiere(uscita) as cantiere:
        file_report: dict[str, list[str]] = {}
        for e in esiti:
            for relativo in e.file:
                cantiere.riprendi(relativo)
            if e.file:
                file_report[e.chiave] = e.file
        _pagine(cantiere, config, cooperative, esiti, file_report, cache, riepilogo.avvisi)
        riepilogo.rimossi = _completa(cantiere, manifesto, esiti, delle_parti)
        riepilogo.esiti, riepilogo.file = esiti, sorted(cantiere.scritti)
        riepilogo.parti_unite = parti
        registra()
        cantiere.pubblica()


def _esiti_delle_parti(
    uscita: Path, tutti: list[Lavoro], manifesto: Manifesto | None
) -> tuple[list[EsitoLavoro], int, set[str]]:
    """Every report's outcome from the shards (or an earlier merge), checked against today's.

    Returns the outcomes in the site's order, how many shards were read, and the files
    they list. Refuses, naming the missing shards, when a report is missing or out of date.
    """
    trovati: dict[str, EsitoLavoro] = {}
    if manifesto is not None:  # an earlier merge: what it published
        for voce in manifesto.esiti:
            trovati[voce.chiave] = EsitoLavoro.model_validate(voce.model_dump())
    parti: dict[int, int] = {}
    delle_parti: set[str] = set()
    for file in sorted(uscita.glob(".bilancio-shard-*.json")):
        m = _SHARD.match(file.name)
        if m is None:
            continue
        try:
            letto = ManifestoParte.model_validate_json(file.read_bytes())
        except (ValidationError, ValueError, OSError):
            raise ErroreSito(
                f"La parte «{file}» è illeggibile o incompleta: rifarla con --shard "
                f"{m.group(1)}/{m.group(2)} e unire di nuovo."
            ) from None
        parti[letto.parte[0]] = letto.parte[1]
        for esito in letto.esiti:
            trovati[esito.chiave] = esito
            delle_parti.update(esito.file)
    if not trovati:
        raise ErroreSito(
            f"In «{uscita}» non ci sono parti da unire (file .bilancio-shard-*.json): "
            "eseguire prima --shard."
        )
    divisioni = sorted(set(parti.values()))
    if len(divisioni) > 1:
        raise ErroreSito(
            f"In «{uscita}» ci sono parti di divisioni diverse ({', '.join(f'di {n}' for n in divisioni)}): "
            "unire le parti di una sola esecuzione."
        )
    mancanti = [
        lav
        for lav in tutti
        if lav.chiave not in trovati
        or trovati[lav.chiave].impronta != lav.impronta
        or any(not (uscita / f).is_file() for f in trovati[lav.chiave].file)
    ]
    if mancanti:
        elenco = ", ".join(lav.chiave for lav in mancanti[:10]) + (
            f" e altri {len(mancanti) - 10}" if len(mancanti) > 10 else ""
        )
        messaggio = (
            f"Impossibile unire il sito: {len(mancanti)} report mancanti o non aggiornati "
            f"nelle parti ({elenco})."
        )
        if divisioni:
            n = divisioni[0]
            chiavi = {lav.chiave for lav in mancanti}
            da_rifare = [
                i
                for i in range(1, n + 1)
                if i not in parti or any(lav.chiave in chiavi for lav in partizione(tutti, i, n))
            ]
            assenti = [f"{i}/{n}" for i in da_rifare if i not in parti]
            vecchie = [f"{i}/{n}" for i in da_rifare if i in parti]
            if assenti:
                messaggio += (
                    f" {'Manca la parte' if len(assenti) == 1 else 'Mancano le parti'} "
                    f"{', '.join(assenti)} (file {', '.join(_nome_shard(i, n) for i in da_rifare if i not in parti)})."
                )
            if vecchie:
                messaggio += (
                    f" Da rifare con i dati di oggi: {'la parte' if len(vecchie) == 1 else 'le parti'} "
                    f"{', '.join(vecchie)}."
                )
        raise ErroreSito(messaggio)
    esiti = [trovati[lav.chiave] for lav in tutti]
    # an earlier merge keeps no located errors: they are found again from the data
    senza = [
        lav
        for lav, e in zip(tutti, esiti, strict=True)
        if e.stato in ("fallito", "saltato") and not e.errore
    ]
    if senza:
        trovate = diagnosi(senza)
        esiti = [
            e.model_copy(update=trovate[e.chiave]) if e.chiave in trovate else e for e in esiti
        ]
    return esiti, len(parti), delle_parti


def _rimuovi_gestiti(uscita: Path, avvisi: list[str]) -> None:
    """``--clean`` in a shard: remove every file a previous site build wrote (others' stay)."""
    manifesto = leggi_manifesto(uscita, avvisi) if uscita.is_dir() else None
    if manifesto is None:
        return
    for relativo in manifesto.file:
        if ".." in Path(relativo).parts:
            continue
        file = uscita / relativo
        if file.is_file():
            file.unlink()
        _pota(file.parent, uscita)
    (uscita / MANIFESTO).unlink()


def _pota(cartella: Path, radice: Path) -> None:
    """Remove empty folders up to the site root."""
    while cartella != radice and cartella.is_dir() and not any(cartella.iterdir()):
        cartella.rmdir()
        cartella = cartella.parent


def testo_registro(
    riepilogo: RiepilogoSito, radice: Path, errore: str | None = None, nota: str | None = None
) -> str:
    """The build's log: what was published, every report not built with its located errors."""
    righe = [
        "bilancio site: registro della costruzione",
        f"data: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M:%S')} UTC",
        f"radice: {radice}",
        f"sito: {riepilogo.uscita}",
    ]
    if riepilogo.parziale:
        righe.append(f"parte: {riepilogo.parziale}")
    if riepilogo.parti_unite is not None:
        righe.append(
            f"parti unite: {riepilogo.parti_unite}"
            if riepilogo.parti_unite
            else "parti unite: nessuna nuova, il sito si riassembla dalla sua unione precedente"
        )
    if errore is not None:
        righe += ["", f"errore: {errore}", *([nota] if nota else [])]
    if riepilogo.esiti:
        dettaglio = (
            ""
            if riepilogo.parti_unite is not None  # a merge builds nothing
            else f" (costruiti {riepilogo.conta('costruito')}, "
            f"ripresi dalla cache {riepilogo.conta('riutilizzato')})"
        )
        righe += [
            "",
            f"report pubblicati: {riepilogo.pubblicati}{dettaglio}; "
            f"non pubblicati: {len(riepilogo.falliti)}",
        ]
    for avviso in riepilogo.avvisi:
        righe.append(f"avviso: {avviso}")
    for esito in riepilogo.falliti:
        righe += ["", f"non costruito {esito.chiave}: {esito.errore or ''}"]
        for p in esito.problemi:
            dove = f"{p.dove}: " if p.dove else ""
            righe.append(f"  {dove}{p.gravita.value} {p.codice}: {p.messaggio}")
    if riepilogo.rimossi:
        righe += ["", f"rimossi {len(riepilogo.rimossi)} file non più presenti nei dati:"]
        righe += [f"  {f}" for f in riepilogo.rimossi]
    return "\n".join(righe) + "\n"


def _scrivi_registro(
    percorso: Path,
    riepilogo: RiepilogoSito,
    radice: Path,
    errore: str | None = None,
    nota: str | None = None,
) -> None:
    try:
        testo = testo_registro(riepilogo, radice, errore, nota)
        scrivi_atomico(percorso, testo.encode("utf-8"))
    except OSError as exc:
        if errore is not None:
            return  # the error being raised is the one to tell
        raise non_scrivibile(
            percorso, exc, "il registro (--registro), il sito precedente resta com'era"
        ) from None


__all__ = ["ErroreSito", "RiepilogoSito", "costruisci_sito", "registro_predefinito"]
