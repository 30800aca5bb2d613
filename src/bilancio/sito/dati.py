"""What the site shows of each year besides the report: key figures and the open data.

A *scheda* (card) is computed once per data fingerprint and cached like the reports, so a
rebuild where nothing changed reads no YAML at all.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from ..calcolo import Calcolo, CifreAnno, calcola
from ..caricamento import Caricato, Letture, carica, individua
from ..errori import ErroreBilancio, Problema
from ..modello import Ente
from ..scrittura import scrivi_atomico
from .esecuzione import StatoVoce, entra_in_cache, scarta_voce, stato_voce, voce_cache
from .lavori import Cooperativa, Lavoro, impronta


class CifreChiave(BaseModel):
    """The figures the home page and the cooperative's page compare over the years."""

    anno: int
    soci: int | None = Field(default=None, title="Soci")
    lavoratori: int | None = Field(default=None, title="Lavoratori")
    beneficiari: int | None = Field(default=None, title="Beneficiari")
    valore_produzione: Decimal | None = Field(default=None, title="Valore della produzione")
    patrimonio_netto: Decimal | None = Field(default=None, title="Patrimonio netto")
    peso_costo_lavoro: Decimal | None = Field(default=None, title="Peso del costo del lavoro (%)")
    quota_pubblica: Decimal | None = Field(
        default=None, title="Incidenza delle fonti pubbliche (%)"
    )


class Scheda(BaseModel):
    """One year of one cooperative, as the site pages need it."""

    slug: str
    anno: int
    leggibile: bool
    denominazione: str | None = None
    nome: str | None = None
    tipo: str | None = None
    comune: str | None = None
    colore: str | None = None
    cifre: list[CifreChiave] = Field(
        default_factory=list, description="This year and the earlier years it carries"
    )
    problemi: list[Problema] = Field(default_factory=list)


_CIFRE_CHIAVE = {
    "soci": "soci_totale",
    "lavoratori": "lavoratori_totale",
    "beneficiari": "beneficiari_totale",
    "valore_produzione": "valore_produzione",
    "patrimonio_netto": "patrimonio_netto",
    "peso_costo_lavoro": "peso_costo_lavoro",
    "quota_pubblica": "quota_pubblica",
}


def _cifre(cifre: CifreAnno) -> CifreChiave:
    return CifreChiave(
        anno=cifre.anno,
        **{campo: cifre.cifre[codice].valore for campo, codice in _CIFRE_CHIAVE.items()},
    )


def _piatto(valore: Any, prefisso: str = "") -> list[tuple[str, str]]:
    """Flatten JSON data into (campo, valore) rows: ``governo.soci.lavoratori``, ``servizi[1].nome``."""
    righe: list[tuple[str, str]] = []
    if isinstance(valore, dict):
        for k, v in valore.items():
            righe += _piatto(v, f"{prefisso}.{k}" if prefisso else str(k))
    elif isinstance(valore, list):
        for i, v in enumerate(valore, 1):
            righe += _piatto(v, f"{prefisso}[{i}]")
    elif valore is not None:
        testo = str(valore)
        if isinstance(valore, bool):
            testo = "sì" if valore else "no"
        elif isinstance(valore, (int, float)) or _numerico(testo):
            testo = testo.replace(".", ",")
        righe.append((prefisso, testo))
    return righe


def _numerico(testo: str) -> bool:
    try:
        Decimal(testo)
    except ArithmeticError:
        return False
    return testo.replace(".", "", 1).replace("-", "", 1).isdigit()


def _csv(dati: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    scrittore = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    scrittore.writerow(["campo", "valore"])
    scrittore.writerows(_piatto(dati))
    # BOM: Excel opens UTF-8 with accents correctly; ';' and decimal comma for Italian locales
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


Prodotto = tuple[Scheda, bytes | None, bytes | None]


def calcola_scheda(coop: Cooperativa, anno: int) -> Prodotto:
    """Load one year and derive its card and its open data (JSON and CSV)."""
    try:
        caricato = carica(coop.cartella, anno)
    except ErroreBilancio:
        return _senza_dati(coop, anno, []), None, None
    return scheda_di(coop, anno, caricato, None)


def _identita(ente: Ente) -> dict[str, Any]:
    sede = ente.sede_legale
    return {
        "denominazione": ente.denominazione,
        "nome": ente.nome,
        "tipo": ente.tipo.etichetta,
        "comune": f"{sede.comune}{f' ({sede.provincia})' if sede.provincia else ''}"
        if sede
        else None,
        "colore": ente.colore,
    }


def ente_della_cartella(coop: Cooperativa) -> Ente | None:
    """The cooperative's entity from its own ``ente.yaml``, when that file is valid."""
    try:
        sorgente = individua(coop.cartella)
    except ErroreBilancio:
        return None
    if sorgente.ente is None:
        return None
    letture = Letture()
    letto = letture.leggi(sorgente.ente)
    if not letto.leggibile or not isinstance(letto.dati, dict):
        return None
    ente, _ = letture.valida(Ente, sorgente.ente, letto)
    return ente


def _senza_dati(coop: Cooperativa, anno: int, problemi: list[Problema]) -> Scheda:
    """The card of a year whose data cannot be loaded: the identity from a valid ``ente.yaml``.

    A syntax error in one year file must not turn the cooperative into its folder's name.
    """
    ente = ente_della_cartella(coop)
    identita = _identita(ente) if ente is not None else {}
    return Scheda(slug=coop.slug, anno=anno, leggibile=False, problemi=problemi, **identita)


def scheda_di(
    coop: Cooperativa, anno: int, caricato: Caricato, calcolo: Calcolo | None
) -> Prodotto:
    """The card and open data of a year already loaded (and computed, when ``calcolo``)."""
    bilancio = caricato.bilancio
    if bilancio is None:
        return _senza_dati(coop, anno, caricato.problemi), None, None
    ente = bilancio.ente
    calcolo = calcolo if calcolo is not None else calcola(bilancio)
    cifre = [_cifre(c) for c in calcolo.anni.values()]
    scheda = Scheda(slug=coop.slug, anno=anno, leggibile=True, cifre=cifre, **_identita(ente))
    aperti = {
        "formato": "bilancio/dati-aperti/1",
        "ente": ente.model_dump(mode="json", exclude_none=True),
        "anno": bilancio.anno.model_dump(mode="json", exclude_none=True, exclude={"ente"}),
        "calcolo": calcolo.model_dump(mode="json"),
    }
    testo_json = (
        json.dumps(aperti, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n"
    )
    return scheda, testo_json, _csv({"ente": aperti["ente"], "anno": aperti["anno"]})


def voce_scheda(coop: Cooperativa, anno: int, cache: Path) -> Path:
    """The cache folder of a year's card: keyed by the fingerprint of its inputs."""
    chiave = impronta(
        Lavoro(slug=coop.slug, cartella=coop.cartella, anno=anno, tema="dati", formati=()), None
    )
    return voce_cache(cache, chiave)


_FILE_SCHEDA = ("scheda.json", "dati.json", "dati.csv")


def stato_scheda(coop: Cooperativa, anno: int, cache: Path) -> StatoVoce:
    voce = voce_scheda(coop, anno, cache)
    stato = stato_voce(voce, ["scheda.json"])
    if stato != "valida":
        return stato
    try:
        s = Scheda.model_validate_json((voce / "scheda.json").read_bytes())
    except (ValueError, OSError):
        return "corrotta"
    # the open data of a readable year belong to the entry
    return stato_voce(voce, _FILE_SCHEDA) if s.leggibile else "valida"


def salva_scheda(coop: Cooperativa, anno: int, cache: Path, prodotto: Prodotto) -> None:
    """Store a card and its open data in the cache: made in a temporary folder, sealed, renamed."""
    s, j, c = prodotto
    voce = voce_scheda(coop, anno, cache)
    voce.parent.mkdir(parents=True, exist_ok=True)
    temporanea = Path(tempfile.mkdtemp(prefix=f".{voce.name[:12]}-", dir=voce.parent))
    try:
        if j is not None and c is not None:
            scrivi_atomico(temporanea / "dati.json", j)
            scrivi_atomico(temporanea / "dati.csv", c)
        scrivi_atomico(temporanea / "scheda.json", s.model_dump_json().encode("utf-8"))
        entra_in_cache(temporanea, voce)
    except BaseException:
        shutil.rmtree(temporanea, ignore_errors=True)
        raise


def scheda(coop: Cooperativa, anno: int, cache: Path, avvisi: list[str] | None = None) -> Prodotto:
    """The card and open data of one year, from the cache when its inputs did not change.

    The site's build step stores every card it can while the data is loaded; this loads
    the year again only for a card the cache lacks, or whose entry is damaged (reported
    in ``avvisi``, then made again).
    """
    voce = voce_scheda(coop, anno, cache)
    stato = stato_scheda(coop, anno, cache)
    if stato == "valida":
        s = Scheda.model_validate_json((voce / "scheda.json").read_bytes())
        j = (voce / "dati.json").read_bytes() if s.leggibile else None
        c = (voce / "dati.csv").read_bytes() if s.leggibile else None
        return s, j, c
    if stato == "corrotta":
        scarta_voce(
            voce,
            f"«{coop.slug}/{anno}» (scheda e dati aperti)",
            avvisi if avvisi is not None else [],
        )
    prodotto = calcola_scheda(coop, anno)
    salva_scheda(coop, anno, cache, prodotto)
    return prodotto


__all__ = ["CifreChiave", "Scheda", "scheda"]
