"""The report's context: one typed object per report, for the requested theme only.

``completo`` gets the numbered DM sections (:mod:`.completo`, one module per section) and
the conformity table; ``sintesi`` gets the brochure (:mod:`.sintesi`). Both share the
cover and the document's metadata (:mod:`.comune`). Figures come from the compute step
and are formatted in Python; which rows, columns and labels a page shows is decided by
the theme's templates.
"""

from __future__ import annotations

from .. import formato
from ..caricamento import Bilancio
from ..errori import Rapporto
from .completo import CostruttoreCompleto
from .comune import LEGENDA_ND, Costruttore, Report, tinta
from .sintesi import CostruttoreSintesi


def _report(c: Costruttore, tema: str) -> Report:
    return Report(
        tema=tema,
        titolo=f"Bilancio sociale {c.anno} — {c.ente.nome}",
        autore=c.ente.denominazione,
        soggetto=(
            f"Bilancio sociale {c.anno} di {c.ente.denominazione}, redatto secondo le linee guida "
            "del DM 4 luglio 2019"
        ),
        parole_chiave=f"bilancio sociale, {c.anno}, {c.ente.tipo.etichetta}, DM 4 luglio 2019",
        data=c._data_documento().isoformat(),
        anno=c.anno,
        colore=c.colore,
        colore_chiaro=tinta(c.colore, 0.88),
        copertina=c.copertina(),
    )


def costruisci_report(
    bilancio: Bilancio, rapporto: Rapporto, tema: str, logo: tuple[bytes, str] | None = None
) -> Report:
    """The typed context of a report of ``tema``: only what that theme prints is built."""
    if tema == "sintesi":
        cs = CostruttoreSintesi(bilancio, rapporto, logo)
        report = _report(cs, tema)
        report.sintesi = cs.sintesi()
    else:
        cc = CostruttoreCompleto(bilancio, rapporto, logo)
        report = _report(cc, tema)
        report.sezioni = cc.sezioni()
        report.conformita = cc.conformita()
    if f'"{formato.ND}' in report.model_dump_json(include={"sezioni", "sintesi"}):
        report.legenda = LEGENDA_ND
    return report
