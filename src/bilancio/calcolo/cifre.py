"""A derived figure is a value or *unknown, with the reason*: arithmetic that never guesses.

Every total, share, ratio, average and change in the tool is built from :class:`Cifra`
values with the functions below. When a part is unknown the result is unknown and carries
the first reason met ("manca il numero dei dipendenti 2022"), so a gap in the data is
never summed as zero. A declared zero is a value like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

__all__ = ["Cifra", "numero_json", "nota", "ignota", "somma", "quota", "rapporto", "differenza"]


def numero_json(valore: Decimal | int | None, decimali: int | None = None) -> int | float | None:
    """A JSON number as the reports show it: rounded half up to ``decimali``, integers as
    integers. Rounding first keeps binary floats short (5.04, never 5.040000847450645)."""
    if valore is None or isinstance(valore, int):
        return valore
    if decimali is not None:
        valore = valore.quantize(Decimal(1).scaleb(-decimali), rounding=ROUND_HALF_UP)
    if valore == valore.to_integral_value():
        return int(valore)
    return float(valore)


class Cifra(BaseModel):
    """A figure: ``valore``, or ``None`` with ``motivo`` saying what is missing."""

    model_config = ConfigDict(frozen=True)

    valore: Decimal | int | None = None
    motivo: str | None = Field(default=None, description="Perché la cifra non è nota")
    decimali: int | None = Field(
        default=None, exclude=True, description="Decimali con cui la cifra si stampa"
    )

    @field_serializer("valore", when_used="json")
    def _valore_json(self, valore: Decimal | int | None) -> int | float | None:
        return numero_json(valore, self.decimali)

    def con_decimali(self, decimali: int) -> Cifra:
        return self.model_copy(update={"decimali": decimali})

    @property
    def nota(self) -> bool:
        return self.valore is not None


def nota(valore: Decimal | int) -> Cifra:
    return Cifra(valore=valore)


def ignota(motivo: str) -> Cifra:
    return Cifra(motivo=motivo)


def _prima_ignota(parti: Iterable[Cifra]) -> Cifra | None:
    return next((p for p in parti if not p.nota), None)


def somma(parti: Iterable[Cifra], *, vuota: str | None = None) -> Cifra:
    """The sum of the parts; unknown if any part is (or, with ``vuota``, if there are none)."""
    elenco = list(parti)
    if (mancante := _prima_ignota(elenco)) is not None:
        return mancante
    if not elenco:
        return ignota(vuota) if vuota else nota(0)
    valori = [p.valore for p in elenco if p.valore is not None]
    if all(isinstance(v, int) for v in valori):
        return nota(sum(int(v) for v in valori))
    return nota(sum((Decimal(v) for v in valori), Decimal(0)))


def differenza(a: Cifra, b: Cifra) -> Cifra:
    """``a - b``."""
    if (mancante := _prima_ignota((a, b))) is not None:
        return mancante
    assert a.valore is not None and b.valore is not None
    if isinstance(a.valore, int) and isinstance(b.valore, int):
        return nota(a.valore - b.valore)
    return nota(Decimal(a.valore) - Decimal(b.valore))


def rapporto(numeratore: Cifra, denominatore: Cifra, *, per: int = 1, zero: str = "") -> Cifra:
    """``numeratore / denominatore * per``, exact (Decimal); a zero denominator is unknown."""
    if (mancante := _prima_ignota((numeratore, denominatore))) is not None:
        return mancante
    assert numeratore.valore is not None and denominatore.valore is not None
    if denominatore.valore == 0:
        return ignota(zero or "la base del calcolo è zero")
    return nota(Decimal(numeratore.valore) / Decimal(denominatore.valore) * per)


def quota(parte: Cifra, totale: Cifra, *, zero: str = "") -> Cifra:
    """``parte`` as a percentage (0-100) of ``totale``."""
    return rapporto(parte, totale, per=100, zero=zero)
