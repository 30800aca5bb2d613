"""Reading the model's annotations: the one walk over pydantic types the package uses.

Validation messages, the workbook layout, the diff and the conformity table all need to
know what a field may hold ("a list of services", "a count, or declared absent"). They
ask here, so that ``Annotated``, ``Optional``, unions and the :data:`~.comuni.Voce` alias
are unwrapped in one place.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from typing_extensions import TypeAliasType

__all__ = ["CONTENITORI", "e_modello", "passo", "percorre", "tipi", "tipi_annidati", "unita"]

CONTENITORI = (list, dict, tuple, set)


def _espandi_alias(annotazione: Any) -> Any:
    """``Voce[Soci]`` -> the annotation it stands for; other annotations unchanged."""
    if isinstance(annotazione, TypeAliasType):
        return annotazione.__value__
    origine = typing.get_origin(annotazione)
    if isinstance(origine, TypeAliasType):
        return origine.__value__[typing.get_args(annotazione)]
    return annotazione


def tipi(annotazione: Any, metadati: list[Any] | None = None) -> list[Any]:
    """The concrete types an annotation allows, ``None`` and ``NonPresente`` included.

    ``Annotated``, unions and type aliases are unwrapped; containers (``list[Servizio]``)
    are kept whole. The ``Annotated`` metadata met on the way are appended to
    ``metadati`` when given (constraints, validators, units).
    """
    annotazione = _espandi_alias(annotazione)
    origine = typing.get_origin(annotazione)
    if origine is typing.Annotated:
        base, *extra = typing.get_args(annotazione)
        if metadati is not None:
            metadati.extend(extra)
        return tipi(base, metadati)
    if origine in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotazione) for t in tipi(arg, metadati)]
    return [annotazione]


def tipi_annidati(annotazione: Any) -> Iterator[Any]:
    """Like :func:`tipi`, but a container yields its kind and then its arguments' types."""
    for t in tipi(annotazione):
        origine = typing.get_origin(t)
        if origine in CONTENITORI:
            yield origine
            for arg in typing.get_args(t):
                yield from tipi_annidati(arg)
        else:
            yield t


def e_modello(tipo: Any) -> bool:
    """Is ``tipo`` a pydantic model class?"""
    return isinstance(tipo, type) and issubclass(tipo, BaseModel)


def passo(annotazione: Any, parte: Any) -> tuple[Any, FieldInfo | None]:
    """One step down a data path: the annotation (and field) found at ``parte``.

    ``parte`` is a field name of a model, an index into a list, or a key of a mapping.
    Returns ``(None, None)`` when the annotation has nothing there.
    """
    for tipo in tipi(annotazione):
        origine = typing.get_origin(tipo)
        if isinstance(parte, int) and origine in (list, tuple, set):
            return typing.get_args(tipo)[0], None
        if origine is dict:
            return typing.get_args(tipo)[1], None
        if e_modello(tipo) and isinstance(parte, str):
            info = tipo.model_fields.get(parte)
            if info is not None:
                return info.annotation, info
    return None, None


def percorre(radice: Any, percorso: tuple[Any, ...]) -> Iterator[tuple[Any, Any, FieldInfo | None]]:
    """Walk ``percorso`` from ``radice``: yields ``(parte, annotation, field)`` at each step.

    Stops early (yielding nothing more) where the model has no such path.
    """
    annotazione = radice
    for parte in percorso:
        annotazione, info = passo(annotazione, parte)
        if annotazione is None:
            return
        yield parte, annotazione, info


def unita(annotazione: Any, info: FieldInfo | None = None) -> str | None:
    """The unit a field is marked with (``x-unita``: ``"euro"``, ``"%"``), if any.

    Looks at the field, at the ``Annotated`` metadata of its type and, for containers,
    at their items' types (``dict[str, Euro]`` is in euro).
    """
    metadati: list[Any] = [] if info is None else [info, *info.metadata]
    for t in tipi(annotazione, metadati):
        if typing.get_origin(t) in CONTENITORI:
            for arg in typing.get_args(t):
                if (trovata := unita(arg)) is not None:
                    return trovata
    for m in metadati:
        extra = m.json_schema_extra if isinstance(m, FieldInfo) else m
        if isinstance(extra, dict) and extra.get("x-unita"):
            return str(extra["x-unita"])
    return None
