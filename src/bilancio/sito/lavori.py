"""What a site build has to do: the cooperatives under a root, their years, the reports.

A *lavoro* (job) is one report: one cooperative, one year, one theme. Its *impronta*
(fingerprint) is the hash of everything the report depends on, so an unchanged report
is reused instead of rebuilt.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..caricamento import FILE_ANNO, NOMI_ENTE
from ..errori import InputIlleggibile, UsoNonValido

FILE_CONFIG = "bilancio-sito.yaml"
#: the end of a lighter PDF's name in the site (``bilancio-sociale-2020-leggero.pdf``)
FINE_LEGGERO = "-leggero.pdf"


class ConfigSito(BaseModel):
    """``bilancio-sito.yaml`` at the root: optional settings of the published site."""

    model_config = ConfigDict(extra="forbid")

    titolo: str = Field(default="Bilanci sociali", title="Titolo del sito")
    descrizione: str | None = Field(default=None, title="Testo introduttivo della home page")
    base_url: str | None = Field(
        default=None,
        title="Indirizzo pubblico del sito",
        description="Se indicato, si genera sitemap.xml",
    )
    temi: list[str] = Field(
        default_factory=lambda: ["completo"], title="Temi dei report da pubblicare"
    )
    formati: list[str] = Field(default_factory=lambda: ["html", "pdf"], title="Formati dei report")
    pdf_leggero: str | None = Field(
        default=None,
        title="Standard di una seconda copia PDF, più leggera, da pubblicare",
        description=(
            "Es. pdf/a-2a (circa un quinto delle dimensioni): pubblicata accanto alla copia "
            "PDF/A-1a da depositare"
        ),
    )

    @field_validator("pdf_leggero")
    @classmethod
    def _standard(cls, valore: str | None) -> str | None:
        from ..scelte import PDF_VARIANTI

        if valore is None:
            return None
        valore = valore.strip().lower()
        if valore not in PDF_VARIANTI:
            raise ValueError(
                f"standard PDF «{valore}» sconosciuto: scegliere tra {', '.join(PDF_VARIANTI)}"
            )
        return valore

    @field_validator("base_url")
    @classmethod
    def _slash(cls, valore: str | None) -> str | None:
        if valore and not valore.endswith("/"):
            return valore + "/"
        return valore


class Lavoro(BaseModel):
    """One report to build."""

    model_config = ConfigDict(frozen=True)

    slug: str
    cartella: Path
    anno: int
    tema: str
    formati: tuple[str, ...]
    pdf_leggero: str | None = None
    impronta: str = ""

    @property
    def chiave(self) -> str:
        return f"{self.slug}/{self.anno}/{self.tema}"

    def nome(self, formato: str) -> str:
        """Where the report goes inside the site: ``cipm/2020/bilancio-sociale-2020.pdf``."""
        base = "bilancio-sociale" if self.tema == "completo" else f"bilancio-sociale-{self.tema}"
        return f"{self.slug}/{self.anno}/{base}-{self.anno}.{formato}"

    def file(self) -> list[tuple[str, str]]:
        """(name in the cache, name in the site) of every file of the report."""
        coppie = [(f"report.{f}", self.nome(f)) for f in self.formati]
        if self.pdf_leggero and "pdf" in self.formati:
            coppie.append(("report-leggero.pdf", self.nome("pdf")[: -len(".pdf")] + FINE_LEGGERO))
        return coppie


class Cooperativa(BaseModel):
    slug: str
    cartella: Path
    anni: list[int]


def slug(testo: str) -> str:
    """``Cosper Impresa Sociale`` -> ``cosper-impresa-sociale``."""
    ascii_ = unicodedata.normalize("NFKD", testo).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "cooperativa"


def leggi_config(radice: Path) -> ConfigSito:
    percorso = radice / FILE_CONFIG
    if not percorso.is_file():
        return ConfigSito()
    try:
        dati = yaml.safe_load(percorso.read_text(encoding="utf-8")) or {}
        return ConfigSito.model_validate(dati)
    except Exception as exc:  # a config problem is an input problem, said plainly
        raise InputIlleggibile(f"{percorso}: configurazione del sito non valida ({exc}).") from None


def _anni(cartella: Path) -> list[int]:
    return sorted(
        {
            int(m.group(1))
            for p in cartella.iterdir()
            if p.is_file() and (m := FILE_ANNO.match(p.name))
        }
    )


def _e_cooperativa(cartella: Path) -> bool:
    return any((cartella / n).is_file() for n in NOMI_ENTE) or bool(_anni(cartella))


def trova_cooperative(radice: Path) -> list[Cooperativa]:
    """The cooperatives under ``radice`` (or ``radice`` itself), sorted by folder name."""
    if not radice.is_dir():
        raise InputIlleggibile(f"La cartella «{radice}» non esiste.")
    if _e_cooperativa(radice):
        cartelle = [radice]
    else:
        cartelle = sorted(
            (
                p
                for p in radice.iterdir()
                if p.is_dir() and not p.name.startswith(".") and _e_cooperativa(p)
            ),
            key=lambda p: p.name,
        )
    if not cartelle:
        raise InputIlleggibile(
            f"In «{radice}» non c'è nessuna cooperativa: attese cartelle con ente.yaml e i file degli anni."
        )
    visti: dict[str, Path] = {}
    cooperative = []
    for cartella in cartelle:
        nome = slug(cartella.resolve().name)
        if nome in visti:
            raise InputIlleggibile(
                f"Le cartelle «{visti[nome]}» e «{cartella}» danno lo stesso indirizzo «{nome}»."
            )
        visti[nome] = cartella
        cooperative.append(Cooperativa(slug=nome, cartella=cartella, anni=_anni(cartella)))
    return cooperative


# --- fingerprints ------------------------------------------------------------------------


def _hash_file(h: Any, percorso: Path, nome: str) -> None:
    h.update(nome.encode("utf-8") + b"\0")
    h.update(hashlib.sha256(percorso.read_bytes()).digest())


def _hash_albero(h: Any, radice: Path) -> None:
    for p in sorted(radice.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            _hash_file(h, p, p.relative_to(radice).as_posix())


# What, besides its data, can change a report's output: the installed package (its code,
# and the themes when installed from a wheel), the built-in report themes, the fonts the
# PDF embeds and the libraries that render. Not the site's own page templates (pages are
# rebuilt on every run, reports are cached), and nothing outside the package: editing a
# test helper or a tool (tests/, tools/, bench/) must not invalidate every cached report.
FAMIGLIE_FONT = ("DejaVu Sans", "DejaVu Sans Condensed")
"""The font families the themes ask for (templates/base/comune.css, report/grafici.py)."""
LIBRERIE_DI_STAMPA = ("weasyprint", "pydyf", "jinja2", "pygal", "babel", "markdown-it-py")
"""Libraries whose version changes the HTML or PDF bytes."""
TEMI_DEL_SITO = "sito"
"""The folder of the site's page templates, inside the built-in templates."""


def file_dei_font() -> list[Path]:
    """The font files fontconfig gives for :data:`FAMIGLIE_FONT` (what WeasyPrint embeds)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    file: set[Path] = set()
    for famiglia in FAMIGLIE_FONT:
        esito = subprocess.run(
            [fc_list, "--format=%{file}\n", famiglia], capture_output=True, text=True, check=False
        )
        file.update(Path(riga) for riga in esito.stdout.splitlines() if riga.strip())
    return sorted(f for f in file if f.is_file())


def file_dello_strumento(
    pacchetto: Path, temi: Path, font: Iterable[Path]
) -> list[tuple[str, Path]]:
    """(name, path) of every file of the tool a report depends on, in a stable order."""
    elenco: list[tuple[str, Path]] = []
    for radice, prefisso in ((pacchetto, "bilancio"), (temi, "templates")):
        for p in sorted(radice.rglob("*")):
            relativo = p.relative_to(radice)
            if not p.is_file() or "__pycache__" in relativo.parts or p.suffix == ".pyc":
                continue
            if radice == pacchetto and p.is_relative_to(temi):
                continue  # an installed package holds the themes: hashed below, once
            if radice == temi and relativo.parts[0] == TEMI_DEL_SITO:
                continue
            elenco.append((f"{prefisso}/{relativo.as_posix()}", p))
    elenco += [(f"font/{f.name}", f) for f in font]
    return elenco


def _versione(distribuzione: str) -> str:
    try:
        return metadata.version(distribuzione)
    except metadata.PackageNotFoundError:
        return "assente"


@cache
def impronta_strumento() -> str:
    """The tool's own fingerprint: version, package, built-in themes, fonts, rendering libraries."""
    import bilancio

    from ..report.stampa import cartella_temi

    h = hashlib.sha256(f"bilancio {bilancio.__version__}".encode())
    for libreria in LIBRERIE_DI_STAMPA:
        h.update(f"{libreria} {_versione(libreria)}\0".encode())
    for nome, percorso in file_dello_strumento(
        Path(bilancio.__file__).parent, cartella_temi(), file_dei_font()
    ):
        _hash_file(h, percorso, nome)
    return h.hexdigest()


def impronta(lavoro: Lavoro, templates: Path | None) -> str:
    """Hash of everything one report depends on.

    The cooperative's entity file, the year file and every earlier year file (the report
    compares with them), every other file of the folder (logos), the user's templates,
    the tool, the theme and the formats. A later year's file does not count.
    """
    h = hashlib.sha256()
    h.update(impronta_strumento().encode())
    h.update(
        f"{lavoro.tema}|{','.join(lavoro.formati)}|{lavoro.anno}|{lavoro.pdf_leggero}".encode()
    )
    for p in sorted(lavoro.cartella.iterdir()):
        if not p.is_file() or p.name.startswith("."):
            continue
        m = FILE_ANNO.match(p.name)
        if m and int(m.group(1)) > lavoro.anno:
            continue
        _hash_file(h, p, p.name)
    if templates is not None:
        _hash_albero(h, templates)
    return h.hexdigest()


def lavori(
    cooperative: Iterable[Cooperativa], config: ConfigSito, templates: Path | None
) -> list[Lavoro]:
    """Every report of the site, in a stable order, with its fingerprint."""
    out = []
    for coop in cooperative:
        for anno in coop.anni:
            for tema in config.temi:
                lavoro = Lavoro(
                    slug=coop.slug,
                    cartella=coop.cartella,
                    anno=anno,
                    tema=tema,
                    formati=tuple(config.formati),
                    pdf_leggero=config.pdf_leggero if "pdf" in config.formati else None,
                )
                out.append(lavoro.model_copy(update={"impronta": impronta(lavoro, templates)}))
    return out


def partizione(tutti: Sequence[Lavoro], indice: int, totale: int) -> list[Lavoro]:
    """The ``indice``-th (1-based) of ``totale`` deterministic slices: each report in exactly one.

    Reports are dealt round-robin in their stable order, so slices differ by one at most.
    """
    if totale < 1 or not 1 <= indice <= totale:
        raise UsoNonValido(
            f"Parte {indice}/{totale} non valida: indicare I/N con N almeno 1 e I tra 1 e N "
            "(es. --shard 2/4)."
        )
    return [lav for i, lav in enumerate(tutti) if i % totale == indice - 1]
