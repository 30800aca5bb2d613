"""The compute step: every derived figure of every year, and the comparisons, once.

``load -> validate -> compute -> rules -> context -> render``: :func:`calcola` takes the
validated :class:`~bilancio.caricamento.Bilancio` and returns one :class:`Calcolo`.
`check --json`, the rules, the reports, `diff` and `site` read their figures from it and
never recompute. An unknown input makes its figures unknown, with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from ..errori import Rapporto
from ..modello import Ente
from ..modello.catalogo import CATALOGO, Unita, indicatore
from .cifre import Cifra, ignota, nota, numero_json
from .confronti import PercentualeNonDefinita, Variazione, confronta
from .indicatori import FORMULE
from .servizi import CifreServizio, servizi_dell_anno
from .vista import Dati, Vista

if TYPE_CHECKING:  # the loader imports the formatter, which uses this package's arithmetic
    from ..caricamento import Bilancio

__all__ = [
    "Calcolo",
    "CifreAnno",
    "CifreServizio",
    "Cifra",
    "PercentualeNonDefinita",
    "Variazione",
    "calcola",
    "confronta",
    "ignota",
    "nota",
    "numero_json",
]

_DECIMALI_SERVIZIO = {
    "beneficiari": 0,
    "ore": 2,
    "interventi": 0,
    "ore_per_beneficiario": 2,
    "durata_media_minuti": 0,
}


class CifreAnno(BaseModel):
    """Every figure of the catalogue for one year, and the figures of its services."""

    anno: int
    cifre: dict[str, Cifra] = Field(description="Per codice del catalogo")
    servizi: list[CifreServizio] = Field(default_factory=list)


class Calcolo(BaseModel):
    """The derived figures of every year with data, oldest first, and their changes."""

    riferimento: int = Field(description="Anno di riferimento del bilancio")
    anni: dict[int, CifreAnno] = Field(description="Ogni anno con dati, dal più vecchio")
    precedente: int | None = Field(
        default=None, description="L'anno con dati più recente prima del riferimento"
    )
    variazioni: dict[str, Variazione] = Field(
        default_factory=dict,
        description="Riferimento rispetto all'anno precedente disponibile, per codice",
    )
    variazioni_periodo: dict[str, Variazione] = Field(
        default_factory=dict,
        description="Riferimento rispetto al primo anno disponibile, se diverso dal precedente",
    )

    @property
    def elenco_anni(self) -> list[int]:
        return list(self.anni)

    def cifra(self, codice: str, anno: int | None = None) -> Cifra:
        """The figure ``codice`` of ``anno`` (the reference year by default)."""
        anno = self.riferimento if anno is None else anno
        if anno not in self.anni:
            return ignota(f"nessun dato per il {anno}")
        return self.anni[anno].cifre[codice]

    def variazione(self, codice: str, da: int, a: int | None = None) -> Variazione:
        """The change of ``codice`` from ``da`` to ``a`` (the reference year by default)."""
        a = self.riferimento if a is None else a
        return confronta(self.cifra(codice, da), self.cifra(codice, a), da, a)


def _cifre(vista: Vista) -> dict[str, Cifra]:
    return {i.codice: FORMULE[i.codice](vista).con_decimali(i.decimali) for i in CATALOGO}


def _servizi(vista: Vista) -> list[CifreServizio]:
    out = []
    for s in servizi_dell_anno(vista):
        aggiornate = {
            campo: getattr(s, campo).con_decimali(d)
            for campo, d in _DECIMALI_SERVIZIO.items()
            if getattr(s, campo) is not None
        }
        out.append(s.model_copy(update=aggiornate))
    return out


def cifre_degli_anni(tutti: Mapping[int, Dati], ente: Ente | None = None) -> dict[int, CifreAnno]:
    """The figures of each year of ``tutti`` (oldest first), each seeing the others."""
    anni: dict[int, CifreAnno] = {}
    for anno in sorted(tutti):
        vista = Vista(anno=anno, dati=tutti[anno], ente=ente, tutti=tutti)
        anni[anno] = CifreAnno(anno=anno, cifre=_cifre(vista), servizi=_servizi(vista))
    return anni


def calcola(bilancio: Bilancio) -> Calcolo:
    """Every derived figure of every year of ``bilancio``, and the changes, computed once."""
    tutti: dict[int, Dati] = {bilancio.anno.anno: bilancio.anno, **bilancio.precedenti}
    anni = cifre_degli_anni(tutti, bilancio.ente)
    calcolo = Calcolo(riferimento=bilancio.anno.anno, anni=anni)
    precedenti = [a for a in anni if a < calcolo.riferimento]
    if precedenti:
        calcolo.precedente = max(precedenti)
        calcolo.variazioni = {
            i.codice: calcolo.variazione(i.codice, calcolo.precedente) for i in CATALOGO
        }
        primo = min(precedenti)
        if primo != calcolo.precedente:
            calcolo.variazioni_periodo = {
                i.codice: calcolo.variazione(i.codice, primo) for i in CATALOGO
            }
    return calcolo


def unita(codice: str) -> Unita:
    return indicatore(codice).unita


# the check report carries the compute step's result (errori cannot import this package)
Rapporto.model_rebuild(_types_namespace={"Calcolo": Calcolo})
