"""`build`: one pipeline, top to bottom, from a cooperative's folder to its report files.

    load + check (valida_bilancio) -> logo -> report context -> HTML -> PDF/A -> write

Errors in the data stop the build before anything is written (the same report as
``bilancio check``); warnings go on unless ``rigoroso``. Files are written atomically only
once every requested format has been rendered, so a failed build leaves the previous
output intact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import immagini
from ..caricamento import Bilancio
from ..controllo import valida_bilancio
from ..errori import DatiNonValidi, Problema, Rapporto
from ..scrittura import scrivi_atomico
from . import stampa
from .contesto import Report, costruisci_report
from .stampa import TEMI, ErroreReport

FORMATI = ("html", "pdf")


class AvvisiNonAmmessi(DatiNonValidi):
    """``--strict``: the data has warnings, and warnings stop the build."""

    def __init__(self, rapporto: Rapporto) -> None:
        super().__init__(rapporto)
        n = len(rapporto.avvisi)
        self.args = (
            f"{n} {'avviso' if n == 1 else 'avvisi'} nei dati di {rapporto.percorso} (modalità rigorosa)",
        )


@dataclass
class Esito:
    """What a build produced: the files written and the warnings it went on with."""

    rapporto: Rapporto
    file: list[Path] = field(default_factory=list)

    @property
    def avvisi(self) -> list[Problema]:
        return self.rapporto.avvisi


def build(
    percorso: str | Path,
    anno: int | None = None,
    *,
    tema: str = "completo",
    formati: Sequence[str] = ("html", "pdf"),
    uscita: str | Path = "output",
    templates: str | Path | None = None,
    rigoroso: bool = False,
) -> Esito:
    """Build the report of a cooperative's folder (latest year, or ``anno``).

    Raises :class:`DatiNonValidi` (errors in the data, or warnings when ``rigoroso``),
    :class:`ErroreReport` (a template, image or stylesheet problem) or
    :class:`InputIlleggibile`. Nothing is written unless every format renders.
    """
    formati = _formati(formati)
    if tema not in TEMI:
        raise ErroreReport(f"Tema «{tema}» sconosciuto: scegliere tra {', '.join(TEMI)}.")
    bilancio, rapporto = valida_bilancio(percorso, anno)
    if rigoroso and rapporto.avvisi:
        raise AvvisiNonAmmessi(rapporto)
    return costruisci(
        bilancio, rapporto, tema=tema, formati=formati, uscita=uscita, templates=templates
    )


def costruisci(
    bilancio: Bilancio,
    rapporto: Rapporto,
    *,
    tema: str = "completo",
    formati: Sequence[str] = ("html", "pdf"),
    uscita: str | Path = "output",
    templates: str | Path | None = None,
) -> Esito:
    """Render and write the report of data already loaded and checked (``rapporto`` valid).

    The site uses it to build every theme of a year from one load and one compute step.
    """
    formati = _formati(formati)
    if tema not in TEMI:
        raise ErroreReport(f"Tema «{tema}» sconosciuto: scegliere tra {', '.join(TEMI)}.")
    if not rapporto.valido:
        raise DatiNonValidi(rapporto)
    cartella_modelli = Path(templates) if templates is not None else None
    report = costruisci_report(bilancio, rapporto, tema, logo=leggi_logo(bilancio))
    testo = stampa.html(report, cartella_modelli)
    prodotti: dict[str, bytes] = {}
    if "html" in formati:
        prodotti["html"] = testo.encode("utf-8")
    if "pdf" in formati:
        consentite = [stampa.cartella_temi(), *([cartella_modelli] if cartella_modelli else [])]
        prodotti["pdf"] = stampa.pdf(
            testo, _cartella(bilancio), consentite, dt.date.fromisoformat(report.data)
        )

    destinazione = Path(uscita)
    scritti = []
    for formato in FORMATI:
        if formato in prodotti:
            file = destinazione / f"{nome_file(bilancio, report)}.{formato}"
            scrivi_atomico(file, prodotti[formato])
            scritti.append(file)
    return Esito(rapporto=rapporto, file=scritti)


def nome_file(bilancio: Bilancio, report: Report) -> str:
    """``cipm-2020-completo``: the folder's name, the year and the theme."""
    base = _cartella(bilancio).resolve().name or "bilancio"
    return f"{base}-{report.anno}-{report.tema}"


def _cartella(bilancio: Bilancio) -> Path:
    return bilancio.cartella or Path(".")


def _formati(formati: Sequence[str]) -> list[str]:
    scelti = []
    for f in formati:
        for parte in str(f).split(","):
            parte = parte.strip().lower()
            if not parte:
                continue
            if parte not in FORMATI:
                raise ErroreReport(
                    f"Formato «{parte}» sconosciuto: scegliere tra {', '.join(FORMATI)}."
                )
            if parte not in scelti:
                scelti.append(parte)
    if not scelti:
        raise ErroreReport("Indicare almeno un formato (html, pdf).")
    return scelti


def leggi_logo(bilancio: Bilancio) -> tuple[bytes, str] | None:
    """The logo's bytes and type, checked by content (loading has already reported a bad one)."""
    logo = bilancio.ente.logo
    if not logo:
        return None
    try:
        return immagini.leggi_logo(_cartella(bilancio), logo)
    except immagini.ImmagineNonValida as exc:  # a Bilancio built without loading its folder
        raise ErroreReport(str(exc)) from exc
