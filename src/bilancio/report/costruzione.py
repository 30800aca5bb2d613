"""`build`: one pipeline, top to bottom, from a cooperative's folder to its report files.

    load + check (carica, verifica) -> logo -> report context -> HTML -> PDF/A -> write

Errors in the data stop the build before anything is written (the same report as
``bilancio check``); warnings go on unless ``rigoroso``. A draft (``bozza``) is built even
with errors: "BOZZA" on every page, the errors listed on the first, never marked PDF/A,
and named ``...-bozza`` so it cannot be mistaken for the report. Files are written
atomically only once every requested format has been rendered, so a failed build leaves
the previous output intact.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import immagini
from ..caricamento import Bilancio, carica
from ..controllo import verifica
from ..errori import AvvisiNonAmmessi, DatiNonValidi, Problema, Rapporto, SceltaNonValida
from ..scrittura import controlla_cartella, scrivi_insieme
from . import stampa
from .contesto import Report, costruisci_report
from .stampa import TEMI, ErroreReport

FORMATI = ("html", "pdf")


@dataclass
class Esito:
    """What a build produced: the files written and the warnings it went on with."""

    rapporto: Rapporto
    file: list[Path] = field(default_factory=list)
    #: WeasyPrint's warnings while printing the PDF (CSS it ignored...), in Italian framing
    impaginazione: list[str] = field(default_factory=list)

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
    pdf: str = stampa.PDF_VARIANTE,
    bozza: bool = False,
) -> Esito:
    """Build the report of a cooperative's folder (latest year, or ``anno``).

    ``pdf`` is the standard of the PDF (PDF/A-1a, the filing copy, by default; any of
    :data:`~.stampa.PDF_VARIANTI`). ``bozza`` builds a draft even when the data has errors.

    Raises :class:`DatiNonValidi` (errors in the data, or warnings when ``rigoroso``;
    for a draft, only data too broken to be read into a model),
    :class:`ErroreReport` (a template, image or stylesheet problem) or
    :class:`InputIlleggibile`, or :class:`UscitaNonScrivibile` when ``uscita`` cannot be
    written (the previous files intact). Nothing is written unless every format renders,
    and the files of one build replace the previous ones together or not at all.
    """
    _verifica_opzioni(formati, tema, pdf)
    caricato = carica(percorso, anno)  # read once: a draft is built from data with errors
    rapporto = verifica(caricato)
    bilancio = caricato.bilancio
    if bilancio is None or not (rapporto.valido or (bozza and rapporto.leggibile)):
        raise DatiNonValidi(rapporto)
    if rigoroso and rapporto.avvisi and not bozza:
        raise AvvisiNonAmmessi(rapporto)
    return costruisci(
        bilancio,
        rapporto,
        tema=tema,
        formati=formati,
        uscita=uscita,
        templates=templates,
        pdf=pdf,
        bozza=bozza,
    )


def _verifica_opzioni(formati: Sequence[str], tema: str, pdf: str) -> list[str]:
    scelti = _formati(formati)
    if tema not in TEMI:
        raise SceltaNonValida(f"Tema «{tema}» sconosciuto: scegliere tra {', '.join(TEMI)}.")
    if pdf not in stampa.PDF_VARIANTI:
        raise SceltaNonValida(
            f"Standard PDF «{pdf}» sconosciuto: scegliere tra {', '.join(stampa.PDF_VARIANTI)}."
        )
    return scelti


def costruisci(
    bilancio: Bilancio,
    rapporto: Rapporto,
    *,
    tema: str = "completo",
    formati: Sequence[str] = ("html", "pdf"),
    uscita: str | Path = "output",
    templates: str | Path | None = None,
    pdf: str = stampa.PDF_VARIANTE,
    bozza: bool = False,
) -> Esito:
    """Render and write the report of data already loaded and checked.

    ``rapporto`` must be valid, except for a draft (``bozza``), which lists its errors.
    The site uses it to build every theme of a year from one load and one compute step.
    """
    formati = _verifica_opzioni(formati, tema, pdf)
    if not rapporto.valido and not bozza:
        raise DatiNonValidi(rapporto)
    destinazione = Path(uscita)
    controlla_cartella(destinazione)  # before printing: a wrong --output is said at once
    cartella_modelli = Path(templates) if templates is not None else None
    report = costruisci_report(bilancio, rapporto, tema, logo=leggi_logo(bilancio))
    pagine = stampa.html(report, cartella_modelli, errori_bozza=rapporto.errori if bozza else None)
    prodotti: dict[str, bytes] = {}
    impaginazione: list[str] = []
    if "html" in formati:
        prodotti["html"] = pagine.schermo.encode("utf-8")
    if "pdf" in formati:
        consentite = [stampa.cartella_temi(), *([cartella_modelli] if cartella_modelli else [])]
        prodotti["pdf"] = stampa.pdf(
            pagine.stampa,
            _cartella(bilancio),
            consentite,
            dt.date.fromisoformat(report.data),
            stampa.BOZZA if bozza else pdf,
            avvisi=impaginazione,
        )

    nome = nome_file(bilancio, report) + ("-bozza" if bozza else "")
    file = {destinazione / f"{nome}.{f}": prodotti[f] for f in FORMATI if f in prodotti}
    scrivi_insieme(file)  # all or none: never a new HTML beside the previous PDF
    return Esito(rapporto=rapporto, file=list(file), impaginazione=impaginazione)


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
                raise SceltaNonValida(
                    f"Formato «{parte}» sconosciuto: scegliere tra {', '.join(FORMATI)}."
                )
            if parte not in scelti:
                scelti.append(parte)
    if not scelti:
        raise SceltaNonValida("Indicare almeno un formato (html, pdf).")
    return scelti


def leggi_logo(bilancio: Bilancio) -> tuple[bytes, str] | None:
    """The logo's bytes and type, checked by content (loading has already reported a bad one)."""
    logo = bilancio.ente.logo
    if not logo:
        return None
    try:
        dati, tipo = immagini.leggi_logo(_cartella(bilancio), logo)
    except immagini.ImmagineNonValida as exc:  # a Bilancio built without loading its folder
        raise ErroreReport(str(exc)) from exc
    if tipo == "image/png":
        return appiattisci_png(dati, logo), tipo
    return dati, tipo


#: the colour behind the logo in both themes (the cover's white box or page)
FONDO_LOGO = (255, 255, 255)


def appiattisci_png(dati: bytes, nome: str = "logo") -> bytes:
    """A PNG with transparency flattened onto the white it is printed on (Pillow).

    PDF/A-1 forbids soft masks, and WeasyPrint turns a PNG's alpha channel into one;
    an opaque PNG (RGB, grey) comes back unchanged.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        immagine = Image.open(io.BytesIO(dati))
        immagine.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ErroreReport(f"Il logo «{nome}» non è un'immagine PNG leggibile ({exc}).") from None
    trasparente = immagine.mode in ("RGBA", "LA", "PA") or (
        immagine.mode in ("P", "L", "RGB") and "transparency" in immagine.info
    )
    if not trasparente and immagine.mode in ("RGB", "L"):
        return dati
    rgba = immagine.convert("RGBA")
    fondo = Image.new("RGBA", rgba.size, (*FONDO_LOGO, 255))
    piatto = Image.alpha_composite(fondo, rgba).convert("RGB")
    uscita = io.BytesIO()
    piatto.save(uscita, format="PNG", optimize=False)
    return uscita.getvalue()
