"""Figures a printed report states, declared so that `check` can verify them.

Real reports print shares, totals and changes; the tool computes every one of them. A year
(or an earlier year in ``anni_precedenti``) may declare what its report printed, keyed by
the figure's code in the catalogue (:mod:`.catalogo`)::

    dichiarati:
      lavoratori_quota_donne: 84,7                       # the figure itself
      peso_costo_lavoro: {valore: 73.01, base: costi_produzione}
      valore_produzione: {variazione_percentuale: 5.04, rispetto_a: 2024}
      soci_totale: {variazione: -4, rispetto_a: 2024}

`check` rounds the exact computed value once, half up, to the decimals written, and
requires equality.

Some fields of the sections already state a printed figure (:data:`ALIAS`): they are
checked the same way, as if declared under ``dichiarati:`` with their code.
"""

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from .catalogo import CodiceIndicatore
from .comuni import Anno4, Modello, NumeroConSegno

__all__ = ["ALIAS", "Dichiarato", "Dichiarati"]


class Dichiarato(Modello):
    """One printed figure: its value, or its change against an earlier year."""

    valore: NumeroConSegno | None = Field(default=None, title="Valore stampato")
    base: str | None = Field(
        default=None,
        title="Base del calcolo",
        description="Dove la base è ambigua: es. costi_produzione per il peso del costo del lavoro",
    )
    variazione: NumeroConSegno | None = Field(
        default=None, title="Variazione assoluta stampata (con rispetto_a)"
    )
    variazione_percentuale: NumeroConSegno | None = Field(
        default=None, title="Variazione percentuale stampata (con rispetto_a)"
    )
    rispetto_a: Anno4 | None = Field(default=None, title="Anno di confronto della variazione")

    @model_validator(mode="after")
    def _una_cifra(self) -> "Dichiarato":
        date = [
            n
            for n in ("valore", "variazione", "variazione_percentuale")
            if getattr(self, n) is not None
        ]
        if len(date) != 1:
            raise ValueError("dichiarato_una_cifra")
        if date[0] != "valore" and self.rispetto_a is None:
            raise ValueError("dichiarato_rispetto_a")
        if date[0] == "valore" and self.rispetto_a is not None:
            raise ValueError("dichiarato_rispetto_a_senza_variazione")
        return self

    @property
    def cifra(self) -> Any:
        return next(
            v for v in (self.valore, self.variazione, self.variazione_percentuale) if v is not None
        )


def _forma_breve(valore: Any) -> Any:
    """``quota: 66,2`` is short for ``quota: {valore: 66,2}``."""
    if isinstance(valore, dict) or isinstance(valore, Dichiarato):
        return valore
    return {"valore": valore}


Dichiarati = dict[CodiceIndicatore, Annotated[Dichiarato, BeforeValidator(_forma_breve)]]


ALIAS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("governo", "soci", "totale"): ("soci_totale",),
    ("persone", "lavoratori", "totale"): ("lavoratori_totale",),
    ("persone", "retribuzioni", "rapporto_dichiarato"): ("rapporto_retributivo",),
    # the share of disadvantaged workers is printed on either base: either one matches
    ("persone", "inserimento_lavorativo", "percentuale_dichiarata"): (
        "svantaggiati_quota",
        "svantaggiati_quota_lavoratori",
    ),
    ("economia", "peso_costo_lavoro_dichiarato"): ("peso_costo_lavoro",),
    ("economia", "quota_pubblica_dichiarata"): ("quota_pubblica",),
    ("economia", "quota_privata_dichiarata"): ("quota_privata",),
}
"""Fields of the sections that state a printed figure, and the code(s) it is checked against."""
