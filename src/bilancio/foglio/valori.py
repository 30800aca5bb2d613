"""Values between the data and the cells: enumerations shown by label, lists one per line.

Writing and reading are inverse: ``da_cella(c, in_cella(c, v)) == v`` for every valid
value ``v`` of the column ``c`` (the round-trip tests hold this).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from enum import Enum
from typing import Any

from ..modello.comuni import si_no
from ..modello.numeri import MAX_IMPORTO
from .layout import (
    ANNO,
    DATA,
    ELENCO,
    EURO,
    INTERO,
    NUMERO,
    PERCENTUALE,
    SCELTA,
    SINO,
    TESTO,
    Colonna,
)

SI, NO = "sì", "no"


def etichetta_scelta(membro: Enum) -> str:
    """What a drop-down shows for a member: its Italian label (``3 - Co-progettazione`` for a scale)."""
    etichetta = getattr(membro, "etichetta", None)
    if etichetta is None:
        return str(membro.value)
    if isinstance(membro.value, int):
        return f"{membro.value} - {etichetta}"
    return str(etichetta)


def scelte(enumerazione: type[Enum]) -> list[str]:
    return [etichetta_scelta(m) for m in enumerazione]


def _norm(testo: str) -> str:
    return re.sub(r"\s+", " ", testo).strip().casefold()


def da_scelta(enumerazione: type[Enum], valore: Any) -> Any:
    """A member's value from its label or its value (as typed or picked); else ``valore`` unchanged."""
    if isinstance(valore, float) and valore.is_integer():
        valore = int(valore)
    for m in enumerazione:
        if valore == m.value and type(valore) is type(m.value):
            return m.value
    if isinstance(valore, int) and not isinstance(valore, bool):
        testo = str(valore)
    elif isinstance(valore, str):
        testo = valore
    else:
        return valore
    n = _norm(testo)
    for m in enumerazione:
        candidati = {_norm(etichetta_scelta(m)), _norm(str(m.value))}
        if getattr(m, "etichetta", None):
            candidati.add(_norm(m.etichetta))  # type: ignore[attr-defined]
        if n in candidati:
            return m.value
    return valore


def _valore_enum(v: Any) -> Any:
    return v.value if isinstance(v, Enum) else v


def in_cella(colonna: Colonna, valore: Any) -> Any:
    """The cell value for a data value (``None`` leaves the cell empty)."""
    if valore is None:
        return None
    tipo = colonna.tipo
    if tipo == ELENCO:
        if isinstance(valore, (list, tuple)):
            return "\n".join(str(v) for v in valore)
        return str(valore)
    if tipo == SCELTA and colonna.scelte is not None:
        grezzo = _valore_enum(valore)
        for m in colonna.scelte:
            if m.value == grezzo:
                return etichetta_scelta(m)
        return str(grezzo)
    if tipo == SINO:
        if isinstance(valore, bool):
            return SI if valore else NO
        return str(valore)
    if tipo == DATA:
        if isinstance(valore, dt.datetime):
            valore = valore.date()
        if isinstance(valore, dt.date) and valore.year < 1900:
            # spreadsheets count days from 1900: earlier dates are written as text
            return f"{valore.day:02d}/{valore.month:02d}/{valore.year:04d}"
        return valore
    if tipo in (INTERO, ANNO, EURO, NUMERO, PERCENTUALE):
        if isinstance(valore, (int, Decimal)) and not isinstance(valore, bool):
            return valore
        return str(valore)
    if isinstance(valore, Enum):
        return str(valore.value)
    return valore if isinstance(valore, str) else str(valore)


def _decimale_da_float(x: float, colonna: Colonna) -> Decimal:
    d = Decimal(repr(x))
    if colonna.tipo == EURO and d.is_finite() and abs(d) < MAX_IMPORTO * 1000:
        # a spreadsheet's binary arithmetic (=0.1+0.2) leaves noise past the cents
        arrotondato = d.quantize(Decimal("0.01"))
        if abs(arrotondato - d) < Decimal("1e-6"):
            return (
                arrotondato
                if arrotondato != arrotondato.to_integral_value()
                else arrotondato.quantize(Decimal(1))
            )
    return d


def da_cella(colonna: Colonna, valore: Any) -> Any:
    """The data value for a cell value (what the YAML reader would have produced)."""
    if valore is None:
        return None
    if isinstance(valore, str):
        if not valore.strip():
            return None
    tipo = colonna.tipo
    if tipo == ELENCO:
        if isinstance(valore, str):
            return [riga.strip() for riga in valore.splitlines() if riga.strip()]
        return [_testo(valore)]
    if tipo == SCELTA and colonna.scelte is not None:
        return da_scelta(colonna.scelte, valore)
    # a numeric cell is a number (a count cell holding 2.0 is 2); text is left as typed, for
    # the models to read by the one rule for numbers written as text (modello.numeri)
    if tipo in (INTERO, ANNO):
        if isinstance(valore, float) and valore.is_integer():
            return int(valore)
        if isinstance(valore, str):
            return valore.strip()
        return valore
    if tipo in (EURO, NUMERO, PERCENTUALE):
        if isinstance(valore, float):
            return _decimale_da_float(valore, colonna)
        if isinstance(valore, str):
            return valore.strip()
        return valore
    if tipo == DATA:
        if isinstance(valore, dt.datetime):
            return valore.date()
        return valore
    if tipo == SINO:
        return si_no(valore)
    if tipo == TESTO:
        return _testo(valore)
    return valore


def _testo(valore: Any) -> Any:
    if isinstance(valore, str):
        return valore
    if isinstance(valore, bool):
        return valore
    if isinstance(valore, float) and valore.is_integer():
        return str(int(valore))
    if isinstance(valore, dt.datetime):
        if valore.time() == dt.time(0):
            return valore.date().strftime("%d/%m/%Y")
        return valore.strftime("%d/%m/%Y %H:%M")
    if isinstance(valore, dt.date):
        return valore.strftime("%d/%m/%Y")
    return str(valore)


# --- data paths as text (the "Campo" column of the "Anni precedenti" sheet) ----------------

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def percorso_testo(percorso: tuple[Any, ...]) -> str:
    """``("attivita", "servizi", 0, "nome")`` -> ``attivita.servizi[1].nome``; odd keys quoted."""
    out = ""
    for parte in percorso:
        if isinstance(parte, Enum):
            parte = parte.value
        if isinstance(parte, int):
            out += f"[{parte + 1}]"
        elif _IDENT.fullmatch(str(parte)):
            out += ("." if out else "") + str(parte)
        else:
            out += "[" + json.dumps(str(parte), ensure_ascii=False) + "]"
    return out


def percorso_da_testo(testo: str) -> tuple[Any, ...] | None:
    """The inverse of :func:`percorso_testo`; ``None`` when the text is not a path."""
    testo = testo.strip()
    parti: list[Any] = []
    pos = 0
    while pos < len(testo):
        m = _TOKEN.match(testo, pos)
        if (
            m is None
            or (m.group(0).startswith(".") and not parti)
            or (m.group(1) is not None and parti and not m.group(0).startswith("."))
        ):
            return None
        if m.group(1) is not None:
            parti.append(m.group(1))
        elif m.group(2) is not None:
            indice = int(m.group(2))
            if indice < 1:
                return None
            parti.append(indice - 1)
        else:
            parti.append(json.loads(m.group(3)))
        pos = m.end()
    return tuple(parti) if parti and isinstance(parti[0], str) else None
