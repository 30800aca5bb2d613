"""Changes between two years of a figure: absolute, percentage, and when neither applies.

A percentage change needs a base: from zero it is not defined, and across a change of
sign (profit to loss) it is not meaningful ("n.s."). Both are said, never printed as a
number. The percentage is taken on the size of the old value, so its sign always follows
the sign of the change.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from .cifre import Cifra, differenza, ignota, nota

__all__ = ["Variazione", "PercentualeNonDefinita", "confronta"]


class PercentualeNonDefinita(str, Enum):
    DATO_MANCANTE = "dato_mancante"
    DA_ZERO = "da_zero"
    CAMBIO_SEGNO = "cambio_segno"


class Variazione(BaseModel):
    """A figure in two years and the change between them."""

    model_config = ConfigDict(frozen=True)

    da: int = Field(description="Anno di confronto")
    a: int = Field(description="Anno")
    vecchio: Cifra
    nuovo: Cifra
    delta: Cifra = Field(description="nuovo − vecchio")
    percentuale: Cifra = Field(description="Variazione % sul valore assoluto del vecchio")
    percentuale_non_definita: PercentualeNonDefinita | None = None

    @property
    def invariata(self) -> bool:
        return self.delta.nota and self.delta.valore == 0


def confronta(vecchio: Cifra, nuovo: Cifra, da: int, a: int) -> Variazione:
    delta = differenza(nuovo, vecchio)
    perche: PercentualeNonDefinita | None = None
    if not delta.nota:
        percentuale = delta
        perche = PercentualeNonDefinita.DATO_MANCANTE
    else:
        assert vecchio.valore is not None and nuovo.valore is not None
        v, n = Decimal(vecchio.valore), Decimal(nuovo.valore)
        if v == 0 and n == 0:
            percentuale = nota(Decimal(0))
        elif v == 0:
            percentuale = ignota(f"variazione percentuale non definita: il valore del {da} è zero")
            perche = PercentualeNonDefinita.DA_ZERO
        elif n != 0 and (v > 0) != (n > 0):
            percentuale = ignota(
                f"variazione percentuale non significativa: cambio di segno dal {da} al {a}"
            )
            perche = PercentualeNonDefinita.CAMBIO_SEGNO
        else:
            percentuale = nota((n - v) / abs(v) * 100)
    decimali = nuovo.decimali if nuovo.decimali is not None else vecchio.decimali
    return Variazione(
        da=da,
        a=a,
        vecchio=vecchio,
        nuovo=nuovo,
        delta=delta.con_decimali(decimali) if decimali is not None else delta,
        percentuale=percentuale.con_decimali(2),
        percentuale_non_definita=perche,
    )
