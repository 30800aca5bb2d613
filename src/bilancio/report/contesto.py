"""The report's context: typed models of everything a template shows, already formatted.

A report is a cover, a list of numbered sections (the eight of DM 4 luglio 2019, with the
introduction first when there is one, as the CIPM report numbers them), each made of
paragraphs of *blocks* (text, table, list, key figures, chart, "non presente"), the
conformity table, and the pieces of the short brochure (key figures with their change
against the previous year, charts, one page per area, next year's goals).

Everything is computed and formatted here, in Python, with :mod:`bilancio.formato`, so
templates only lay out strings: a figure reads the same in both themes, in the HTML and
in the PDF, and a template override cannot get a number wrong.
"""

from __future__ import annotations

from .. import formato
from ..caricamento import Bilancio
from ..errori import Rapporto
from .completo import CostruttoreCompleto
from .comune import (
    LEGENDA_ND,
    Report,
    tinta,
)
from .sintesi import CostruttoreSintesi


class _Costruttore(CostruttoreCompleto, CostruttoreSintesi):
    def costruisci(self) -> Report:
        sezioni = self.sezioni()
        dati_doc = self._data_documento()
        nome = self.ente.nome
        report = Report(
            tema="",
            titolo=f"Bilancio sociale {self.anno} — {nome}",
            autore=self.ente.denominazione,
            soggetto=(
                f"Bilancio sociale {self.anno} di {self.ente.denominazione}, redatto secondo le linee guida "
                "del DM 4 luglio 2019"
            ),
            parole_chiave=f"bilancio sociale, {self.anno}, {self.ente.tipo.etichetta}, DM 4 luglio 2019",
            data=dati_doc.isoformat(),
            anno=self.anno,
            colore=self.colore,
            colore_chiaro=tinta(self.colore, 0.88),
            copertina=self.copertina(),
            sezioni=sezioni,
            conformita=self.conformita(),
            sintesi=self.sintesi(),
        )
        if f'"{formato.ND}' in report.model_dump_json(include={"sezioni", "sintesi"}):
            report.legenda = LEGENDA_ND
        return report


def costruisci_report(
    bilancio: Bilancio, rapporto: Rapporto, tema: str, logo: tuple[bytes, str] | None = None
) -> Report:
    """The typed context of a report: every section, table, figure and chart, formatted."""
    report = _Costruttore(bilancio, rapporto, logo).costruisci()
    report.tema = tema
    return report
