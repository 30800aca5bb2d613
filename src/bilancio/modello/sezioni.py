"""The eight sections of DM 4 luglio 2019 §6: the one table every part of the tool reads.

The year file has one key per section (section 2 lives in ``ente.yaml``); the reports,
the workbook's sheets, the diff and the conformity table take numbers and titles from
here, so a title is corrected once.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SezioneDM", "SEZIONI_DM", "sezione_dm"]


@dataclass(frozen=True)
class SezioneDM:
    numero: int
    chiave: str  # key in the year file (``ente``: the entity, ``ente.yaml``)
    titolo: str  # the guidelines' title
    titolo_report: str = ""  # the heading the completo report prints, when longer

    @property
    def intestazione(self) -> str:
        """``"3. Struttura, governo e amministrazione"``."""
        return f"{self.numero}. {self.titolo}"

    @property
    def ancora(self) -> str:
        """The id of the section in the HTML reports (``altre-informazioni``)."""
        return self.chiave.replace("_", "-")

    @property
    def titolo_in_report(self) -> str:
        return self.titolo_report or self.titolo


SEZIONI_DM: tuple[SezioneDM, ...] = (
    SezioneDM(
        1,
        "metodologia",
        "Metodologia adottata",
        "Nota metodologica e modalità di approvazione, pubblicazione e diffusione del bilancio sociale",
    ),
    SezioneDM(2, "ente", "Informazioni generali sull'ente"),
    SezioneDM(3, "governo", "Struttura, governo e amministrazione"),
    SezioneDM(4, "persone", "Persone che operano per l'ente"),
    SezioneDM(5, "attivita", "Obiettivi e attività"),
    SezioneDM(6, "economia", "Situazione economico-finanziaria"),
    SezioneDM(7, "altre_informazioni", "Altre informazioni"),
    SezioneDM(8, "monitoraggio", "Monitoraggio svolto dall'organo di controllo"),
)

_PER_CHIAVE = {s.chiave: s for s in SEZIONI_DM}


def sezione_dm(chiave: str) -> SezioneDM:
    """The section stored under ``chiave`` in the data (``"governo"`` -> section 3)."""
    return _PER_CHIAVE[chiave]
