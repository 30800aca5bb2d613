"""bilancio: the bilancio sociale of Italian social cooperatives (DM 4 luglio 2019).

The public API, for scripting without the command line::

    import bilancio
    rapporto = bilancio.check("data/examples/cipm")       # every problem, never raises on bad data
    dati = bilancio.load("data/examples/cipm")            # validated models, or DatiNonValidi
    confronto = bilancio.diff("data/examples/cosper")     # every change, latest year vs the one before
    esito = bilancio.build("data/examples/cipm", theme="sintesi")  # HTML and PDF/A in output/

Naming: the verbs and their keywords are English, as the command line's commands and
options are (``build(theme=, formats=, output=)`` is ``bilancio build --theme --format
--output``); the domain's words stay Italian (``Rapporto``, ``Confronto``, the data keys).
The Italian keywords of the first versions (``tema=``, ``formati=``, ``uscita=``...) still
work and raise a :class:`DeprecationWarning`.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .caricamento import Bilancio
    from .errori import DatiNonValidi, ErroreBilancio, InputIlleggibile, Rapporto
    from .report import Esito
    from .sito import RiepilogoSito
    from .sito.esecuzione import EsitoLavoro as _EsitoLavoro
    from .variazioni import Confronto

# Every name below is imported on first use (PEP 562), so `import bilancio` and the
# command line's start-up load only what a command needs: `bilancio check` never imports
# the reports, the site, the spreadsheets or the charts.
_PIGRI: dict[str, tuple[str, str]] = {
    "Bilancio": ("caricamento", "Bilancio"),
    "Confronto": ("variazioni", "Confronto"),
    "DatiNonValidi": ("errori", "DatiNonValidi"),
    "ErroreBilancio": ("errori", "ErroreBilancio"),
    "Esito": ("report", "Esito"),
    "InputIlleggibile": ("errori", "InputIlleggibile"),
    "Rapporto": ("errori", "Rapporto"),
    "RiepilogoSito": ("sito", "RiepilogoSito"),
    "AnnoGiaPresente": ("errori", "AnnoGiaPresente"),
    "AvvisiNonAmmessi": ("errori", "AvvisiNonAmmessi"),
    "CartellaEsistente": ("errori", "CartellaEsistente"),
    "CifraNonValida": ("errori", "CifraNonValida"),
    "ConversioneNonRiuscita": ("errori", "ConversioneNonRiuscita"),
    "DestinazioneEsistente": ("errori", "DestinazioneEsistente"),
    "ErroreDati": ("errori", "ErroreDati"),
    "ErroreInterno": ("errori", "ErroreInterno"),
    "ErroreReport": ("errori", "ErroreReport"),
    "ErroreSito": ("errori", "ErroreSito"),
    "FileRifiutato": ("errori", "FileRifiutato"),
    "FormulaNonValida": ("errori", "FormulaNonValida"),
    "GlifoMancante": ("errori", "GlifoMancante"),
    "ImmagineNonValida": ("errori", "ImmagineNonValida"),
    "ImportazioneNonRiuscita": ("errori", "ImportazioneNonRiuscita"),
    "InputRifiutato": ("errori", "InputRifiutato"),
    "LayoutNonSupportato": ("errori", "LayoutNonSupportato"),
    "ModelloNonValido": ("errori", "ModelloNonValido"),
    "NumeroNonValido": ("errori", "NumeroNonValido"),
    "RegolaNonValida": ("errori", "RegolaNonValida"),
    "SceltaNonValida": ("errori", "SceltaNonValida"),
    "ServizioGiaAttivo": ("errori", "ServizioGiaAttivo"),
    "UscitaNonScrivibile": ("errori", "UscitaNonScrivibile"),
    "UsoNonValido": ("errori", "UsoNonValido"),
    "XbrlNonValido": ("errori", "XbrlNonValido"),
    # the library functions behind the verbs
    "_confronta": ("confronto", "diff"),
    "_controlla": ("controllo", "controlla"),
    "_valida_bilancio": ("controllo", "valida_bilancio"),
    "_converti": ("conversione", "converti"),
    "_costruisci": ("report", "build"),
    "_crea": ("scheletro", "crea"),
    "_costruisci_sito": ("sito", "costruisci_sito"),
}

# diff's default threshold, bilancio.scelte.SOGLIA (asserted equal in tests/test_avvio.py):
# written here because `import bilancio` loads no other module of the library
_SOGLIA = Decimal(10)


def __getattr__(nome: str) -> Any:
    """Import a public name (or a verb's library function) on first use, then keep it."""
    try:
        modulo, attributo = _PIGRI[nome]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {nome!r}") from None
    valore = getattr(importlib.import_module(f".{modulo}", __name__), attributo)
    globals()[nome] = valore
    return valore


def __dir__() -> list[str]:
    return sorted({*globals(), *_PIGRI})


def _funzione(nome: str) -> Any:
    """The library function behind a verb (a test may have replaced it on the module)."""
    return globals()[nome] if nome in globals() else __getattr__(nome)


__version__ = "0.1.0"


def _vecchi_nomi(verbo: str, deprecati: dict[str, Any], nomi: dict[str, str]) -> dict[str, Any]:
    """The deprecated Italian keywords of ``verbo``, by their English name (with a warning each)."""
    nuovi: dict[str, Any] = {}
    for vecchio, valore in deprecati.items():
        if vecchio not in nomi:
            raise TypeError(f"{verbo}() got an unexpected keyword argument {vecchio!r}")
        warnings.warn(
            f"bilancio.{verbo}({vecchio}=...) è deprecato: usare {nomi[vecchio]}=...",
            DeprecationWarning,
            stacklevel=3,
        )
        nuovi[nomi[vecchio]] = valore
    return nuovi


def _scegli(verbo: str, nome: str, valore: Any, predefinito: Any, vecchi: dict[str, Any]) -> Any:
    """``valore``, or the same argument given under its deprecated name (not both)."""
    if nome not in vecchi:
        return valore
    if valore != predefinito:
        raise TypeError(f"{verbo}(): {nome}= given twice (also under its deprecated Italian name)")
    return vecchi[nome]


def check(path: str | Path, year: int | None = None, **deprecati: Any) -> Rapporto:
    """Check a cooperative's folder (latest year, or ``year``) or one year file.

    Returns a :class:`Rapporto` with every problem; raises :class:`InputIlleggibile` only
    when there is nothing to read (missing path, no year file).
    """
    vecchi = _vecchi_nomi("check", deprecati, {"anno": "year"})
    return _funzione("_controlla")(path, _scegli("check", "year", year, None, vecchi))


def load(path: str | Path, year: int | None = None, **deprecati: Any) -> Bilancio:
    """Load a cooperative's reference year as validated models, or raise :class:`DatiNonValidi`."""
    vecchi = _vecchi_nomi("load", deprecati, {"anno": "year"})
    bilancio, _ = _funzione("_valida_bilancio")(path, _scegli("load", "year", year, None, vecchi))
    return bilancio


def build(
    path: str | Path,
    year: int | None = None,
    *,
    theme: str = "completo",
    formats: Sequence[str] = ("html", "pdf"),
    output: str | Path = "output",
    templates: str | Path | None = None,
    strict: bool = False,
    pdf: str = "pdf/a-1a",
    draft: bool = False,
    **deprecati: Any,
) -> Esito:
    """Build the report of a cooperative's folder (latest year, or ``year``): ``bilancio build``.

    ``pdf`` is the PDF standard (``bilancio build --pdf``; PDF/A-1a, the filing copy, by
    default); ``draft`` builds even data with errors, marked as a draft (``--bozza``).

    Raises :class:`DatiNonValidi` (errors in the data, or warnings when ``strict``), an
    :class:`ErroreBilancio` for a template, image or stylesheet problem, or
    :class:`InputIlleggibile`. Nothing is written unless every format renders.
    """
    v = _vecchi_nomi(
        "build",
        deprecati,
        {
            "anno": "year",
            "tema": "theme",
            "formati": "formats",
            "uscita": "output",
            "rigoroso": "strict",
            "bozza": "draft",
        },
    )
    return _funzione("_costruisci")(
        path,
        _scegli("build", "year", year, None, v),
        tema=_scegli("build", "theme", theme, "completo", v),
        formati=_scegli("build", "formats", formats, ("html", "pdf"), v),
        uscita=_scegli("build", "output", output, "output", v),
        templates=templates,
        rigoroso=_scegli("build", "strict", strict, False, v),
        pdf=pdf,
        bozza=_scegli("build", "draft", draft, False, v),
    )


def diff(
    path: str | Path,
    from_year: int | None = None,
    to_year: int | None = None,
    *,
    new: str | Path | None = None,
    threshold: Decimal | float | int = _SOGLIA,
    **deprecati: Any,
) -> Confronto:
    """Compare two years of a cooperative: ``bilancio diff``.

    ``diff(folder)``: the latest year against the one before (``from_year``/``to_year`` pick
    them); ``diff("2024.yaml", new="2025.yaml")``: two files or folders.
    """
    v = _vecchi_nomi(
        "diff",
        deprecati,
        {"da": "from_year", "a": "to_year", "nuovo": "new", "soglia": "threshold"},
    )
    return _funzione("_confronta")(
        path,
        _scegli("diff", "from_year", from_year, None, v),
        _scegli("diff", "to_year", to_year, None, v),
        nuovo=_scegli("diff", "new", new, None, v),
        soglia=_scegli("diff", "threshold", threshold, _SOGLIA, v),
    )


def convert(
    source: str | Path, destination: str | Path, *, force: bool = False, **deprecati: Any
) -> Path:
    """Convert a year file between YAML and XLSX (by ``destination``'s extension): ``bilancio convert``."""
    v = _vecchi_nomi("convert", deprecati, {"forza": "force"})
    return _funzione("_converti")(
        source, destination, forza=_scegli("convert", "force", force, False, v)
    )


def init(
    folder: str | Path,
    name: str | None = None,
    *,
    year: int | None = None,
    xlsx: bool = False,
    force: bool = False,
    **deprecati: Any,
) -> list[Path]:
    """Create a cooperative's folder with the skeleton of the reference year: ``bilancio init``."""
    v = _vecchi_nomi("init", deprecati, {"denominazione": "name", "anno": "year", "forza": "force"})
    return _funzione("_crea")(
        folder,
        _scegli("init", "name", name, None, v),
        anno=_scegli("init", "year", year, None, v),
        xlsx=xlsx,
        forza=_scegli("init", "force", force, False, v),
    )


def site(
    root: str | Path,
    output: str | Path = "public",
    *,
    jobs: int | None = None,
    cache: str | Path | None = None,
    templates: str | Path | None = None,
    clean: bool = False,
    shard: tuple[int, int] | None = None,
    merge: bool = False,
    fail_fast: bool = False,
    on_report: Callable[[_EsitoLavoro], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    log: str | Path | None = None,
    **deprecati: Any,
) -> RiepilogoSito:
    """Build (or update) the website of every cooperative under ``root``: ``bilancio site``.

    ``log``: the build's log (``--registro``), by default ``<output>.log`` beside ``output``.
    """
    v = _vecchi_nomi(
        "site",
        deprecati,
        {
            "uscita": "output",
            "processi": "jobs",
            "pulisci": "clean",
            "parte": "shard",
            "unisci": "merge",
            "interrompi_al_primo_errore": "fail_fast",
            "avanzamento": "on_report",
            "al_via": "on_start",
        },
    )
    return _funzione("_costruisci_sito")(
        root,
        _scegli("site", "output", output, "public", v),
        processi=_scegli("site", "jobs", jobs, None, v),
        cache=cache,
        templates=templates,
        pulisci=_scegli("site", "clean", clean, False, v),
        parte=_scegli("site", "shard", shard, None, v),
        unisci=_scegli("site", "merge", merge, False, v),
        interrompi_al_primo_errore=_scegli("site", "fail_fast", fail_fast, False, v),
        avanzamento=_scegli("site", "on_report", on_report, None, v),
        al_via=_scegli("site", "on_start", on_start, None, v),
        registro=log,
    )


__all__ = [
    # the verbs
    "build",
    "check",
    "convert",
    "diff",
    "init",
    "load",
    "site",
    # what they return
    "Bilancio",
    "Confronto",
    "Esito",
    "Rapporto",
    "RiepilogoSito",
    # what they raise: every one an ErroreBilancio of one kind (bilancio.errori), the kind
    # first: ErroreDati (exit 1), InputIlleggibile, UsoNonValido, UscitaNonScrivibile (2),
    # ErroreInterno (3)
    "ErroreBilancio",
    "ErroreDati",
    "InputIlleggibile",
    "UsoNonValido",
    "UscitaNonScrivibile",
    "ErroreInterno",
    "XbrlNonValido",
    "FormulaNonValida",
    "CifraNonValida",
    "AnnoGiaPresente",
    "AvvisiNonAmmessi",
    "CartellaEsistente",
    "ConversioneNonRiuscita",
    "DatiNonValidi",
    "DestinazioneEsistente",
    "ErroreReport",
    "ErroreSito",
    "FileRifiutato",
    "GlifoMancante",
    "ImmagineNonValida",
    "ImportazioneNonRiuscita",
    "InputRifiutato",
    "LayoutNonSupportato",
    "ModelloNonValido",
    "NumeroNonValido",
    "RegolaNonValida",
    "SceltaNonValida",
    "ServizioGiaAttivo",
    "__version__",
]
