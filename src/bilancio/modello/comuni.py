"""Building blocks shared by every section of the model.

Conventions, so that the YAML reads naturally to an Italian administrator:

* money is ``Euro`` (a ``Decimal`` with at most two decimals, never negative unless the
  field says so), counts are ``Conteggio`` (a non-negative ``int``); numbers typed as text
  and the bounds follow :mod:`bilancio.modello.numeri`, the one place that owns them;
* dates accept ``2025-12-31`` as well as ``31/12/2025``;
* yes/no fields accept ``sì``/``si``/``no`` besides ``true``/``false``;
* a guideline item the cooperative has nothing to say about is written
  ``{non_presente: "motivo"}``: see :data:`Voce`.
"""

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, TypeVar, overload

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
)
from typing_extensions import TypeAliasType

from . import numeri

__all__ = [
    "Modello",
    "NonPresente",
    "Voce",
    "contenuto",
    "presente",
    "Euro",
    "EuroConSegno",
    "Conteggio",
    "Misura",
    "Quantita",
    "NumeroConSegno",
    "Percentuale",
    "Data",
    "SiNo",
    "Testo",
    "Genere",
    "Anno4",
]


class Modello(BaseModel):
    """Base of every model: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        populate_by_name=True,
        use_enum_values=False,
        coerce_numbers_to_str=True,
    )


class NonPresente(Modello):
    """An item of the guidelines declared absent, with the reason (DM 4/7/2019 §6)."""

    non_presente: Annotated[
        str,
        Field(
            min_length=3,
            title="Motivo dell'assenza",
            description="Perché la voce prevista dalle linee guida non è presente (es. 'Organo di controllo non nominato').",
        ),
    ]


# union tags appear in pydantic error locations; "§" never starts a data key, so the
# validation layer can drop them from the field path shown to users
TAG_VALORE = "§valore"
TAG_ASSENTE = "§non_presente"


def _tag_voce(value: Any) -> str:
    if isinstance(value, dict) and "non_presente" in value:
        return TAG_ASSENTE
    if isinstance(value, NonPresente):
        return TAG_ASSENTE
    return TAG_VALORE


T = TypeVar("T")

Voce = TypeAliasType(
    "Voce",
    Annotated[
        Annotated[T, Tag(TAG_VALORE)] | Annotated[NonPresente, Tag(TAG_ASSENTE)],
        Discriminator(_tag_voce),
    ],
    type_params=(T,),
)
"""An item of the guidelines: either its value (``T``) or ``{non_presente: motivo}``.

``Voce[Soci]`` is, for the type checker, ``Soci | NonPresente``; pydantic picks the branch
by looking for the ``non_presente`` key, so errors point inside the branch that was meant.
"""


@overload
def contenuto(voce: NonPresente | None) -> None: ...
@overload
def contenuto(voce: T | NonPresente | None) -> T | None: ...
def contenuto(voce: Any) -> Any:
    """The content of a guideline item, or ``None`` when it is missing or declared absent."""
    return None if voce is None or isinstance(voce, NonPresente) else voce


def presente(value: Any) -> bool:
    """True when a guideline item holds real content (not missing, not declared absent)."""
    if value is None or isinstance(value, NonPresente):
        return False
    if isinstance(value, (str, list, dict, tuple)) and len(value) == 0:
        return False
    return True


# --- scalars -------------------------------------------------------------------------

_DATA_IT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _data(value: Any) -> Any:
    if isinstance(value, str):
        m = _DATA_IT.match(value)
        if m:
            giorno, mese, anno = (int(g) for g in m.groups())
            try:
                return dt.date(anno, mese, giorno)
            except ValueError as exc:
                raise ValueError(f"data inesistente: {value}") from exc
    if isinstance(value, dt.datetime):
        return value.date()
    return value


Data = Annotated[dt.date, BeforeValidator(_data)]

_SI = {"si", "sì", "s", "yes", "true", "vero", "x"}
_NO = {"no", "n", "false", "falso"}


def si_no(value: Any) -> Any:
    """``sì``/``si``/``no`` (any case) -> bool; anything else is left for validation."""
    if isinstance(value, str):
        v = value.strip().casefold()
        if v in _SI:
            return True
        if v in _NO:
            return False
    return value


SiNo = Annotated[bool, BeforeValidator(si_no)]


def _decimale(value: Any) -> Any:
    """A number: YAML's, a workbook cell's, or typed as text by :data:`numeri.REGOLA_TESTO`."""
    return numeri.decimale(value)


def _importo(value: Any) -> Any:
    """An amount: as :func:`_decimale`, and "€ 8.924.272" as text."""
    return numeri.decimale(value, simboli="€")


def _percentuale(value: Any) -> Any:
    """A percentage: as :func:`_decimale`, and "45,5%" as text."""
    return numeri.decimale(value, simboli="%")


def _due_decimali(value: Decimal) -> Decimal:
    if value.is_finite() and value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError("importo_decimali")
    return value


# the constraints come first, on the number itself (JSON Schema minimum/maximum); the
# BeforeValidator still runs first, reading text by numeri.REGOLA_TESTO
_LIMITE = numeri.MAX_IMPORTO
Euro = Annotated[
    Decimal,
    Field(ge=0, le=_LIMITE, allow_inf_nan=False, json_schema_extra={"x-unita": "euro"}),
    BeforeValidator(_importo),
    AfterValidator(_due_decimali),
]
EuroConSegno = Annotated[
    Decimal,
    Field(ge=-_LIMITE, le=_LIMITE, allow_inf_nan=False, json_schema_extra={"x-unita": "euro"}),
    BeforeValidator(_importo),
    AfterValidator(_due_decimali),
]
NumeroConSegno = Annotated[
    Decimal,
    Field(ge=-_LIMITE, le=_LIMITE, allow_inf_nan=False),
    BeforeValidator(lambda v: numeri.decimale(v, simboli="€%")),
    AfterValidator(numeri.entro_i_decimali),
]
Conteggio = Annotated[
    int, Field(ge=0, le=numeri.MAX_CONTEGGIO, strict=False), BeforeValidator(numeri.conteggio)
]
Quantita = Annotated[
    Decimal,
    Field(ge=0, le=_LIMITE, allow_inf_nan=False),
    BeforeValidator(_decimale),
    AfterValidator(numeri.entro_i_decimali),
]
# hours, minutes, a service's units: quantities that can run into the thousands, where
# YAML's ``1.500`` is ambiguous (numeri.misura)
Misura = Annotated[
    Decimal,
    Field(ge=0, le=_LIMITE, allow_inf_nan=False),
    BeforeValidator(numeri.misura),
    AfterValidator(numeri.entro_i_decimali),
]
Percentuale = Annotated[
    Decimal,
    Field(ge=0, le=100, allow_inf_nan=False, json_schema_extra={"x-unita": "%"}),
    BeforeValidator(_percentuale),
    AfterValidator(numeri.entro_i_decimali),
]
Testo = Annotated[str, Field(min_length=1)]
Anno4 = Annotated[int, Field(ge=1900, le=2200)]


class Genere(str, Enum):
    """Gender as the guidelines' tables count it."""

    M = "M"
    F = "F"
    ALTRO = "altro"


class Etichettato(Enum):
    """An enumeration whose members carry an Italian label for reports."""

    etichetta: str

    def __new__(cls, value: str, etichetta: str) -> "Etichettato":
        obj = object.__new__(cls)
        obj._value_ = value
        obj.etichetta = etichetta
        return obj

    def __str__(self) -> str:
        return self.value
