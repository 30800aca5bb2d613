"""Italian formatting of figures (through Babel) and the wording of year-on-year changes.

The same functions serve `check` messages, `diff` and the reports, so a figure reads the
same everywhere: ``€ 8.924.272``, ``+5,04%``, ``31/12/2025``, ``-4 rispetto al 2024``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .calcolo.cifre import Cifra, ignota, nota
from .calcolo.confronti import PercentualeNonDefinita, Variazione, confronta
from .modello.catalogo import Unita

LOCALE = "it_IT"
ND = "n.d."
"""A figure not known: the reports explain it once, in a legend line."""
NS = "n.s."
"""A percentage change that is not meaningful: from zero, or across a change of sign."""


def _dec(valore: Any) -> Decimal:
    return valore if isinstance(valore, Decimal) else Decimal(str(valore))


def arrotonda(valore: Any, decimali: int = 0) -> Decimal:
    """Round half up, as printed reports do (Decimal's default is half even)."""
    return _dec(valore).quantize(Decimal(1).scaleb(-decimali), rounding=ROUND_HALF_UP)


def numero(valore: Any, decimali: int | None = 0) -> str:
    """``1244`` -> ``1.244``; ``208.75`` with 2 decimals -> ``208,75``.

    With ``decimali=None`` the value is shown with the decimals it has (none for integers).
    """
    if valore is None:
        return ND
    d = _dec(valore)
    if decimali is None:
        decimali = max(0, -d.normalize().as_tuple().exponent) if d != d.to_integral_value() else 0  # type: ignore[operator]
    d = arrotonda(d, decimali)
    formato = "#,##0" + ("." + "0" * decimali if decimali else "")
    # Babel (and its Italian locale data, ~13 ms) is imported at the first figure written:
    # a check whose messages have no figures never loads it
    from babel.numbers import format_decimal

    return format_decimal(d, format=formato, locale=LOCALE, decimal_quantization=True)


def euro(valore: Any, decimali: int = 0) -> str:
    """``8924272`` -> ``€ 8.924.272`` (the way Italian reports print amounts)."""
    if valore is None:
        return ND
    d = _dec(valore)
    segno = "-" if d < 0 else ""
    return f"{segno}€ {numero(abs(d), decimali)}"


def percentuale(valore: Any, decimali: int | None = 2, segno: bool = False) -> str:
    """The one percent format of every report, table and message: the unit in the value.

    ``5.04`` -> ``5,04%`` (no space before ``%``); with ``segno`` -> ``+5,04%``; with
    ``decimali=None`` the decimals the value has (``48.15`` -> ``48,15%``, ``60`` -> ``60%``).
    A value that is not zero never reads ``0%``: it gets up to two more decimals
    (``0.44`` with 0 decimals -> ``0,4%``), so a small share does not look like none.
    Words go before the value: ``f"oltre il {percentuale(60, 0)}"`` -> ``oltre il 60%``.
    ``None`` (unknown) -> ``n.d.``.
    """
    if valore is None:
        return ND
    d = _dec(valore)
    if decimali is None:
        decimali = _decimali_propri(d)
    for piu in range(3):
        arrotondato = arrotonda(d, decimali + piu)
        if arrotondato != 0 or d == 0:
            break
    decimali += piu
    testo = numero(abs(arrotondato), decimali) + "%"
    if segno and arrotondato > 0:
        return "+" + testo
    if arrotondato < 0:
        return "-" + testo
    return testo


def _decimali_propri(d: Decimal) -> int:
    """The decimals a value is written with (``48.15`` -> 2, ``60`` and ``60.0`` -> 0)."""
    if d == d.to_integral_value():
        return 0
    esponente = d.normalize().as_tuple().exponent
    return max(0, -esponente) if isinstance(esponente, int) else 0


def misura(valore: Any, unita: str | None = None) -> str:
    """A measured quantity with its unit, as the reports print it.

    ``(48.15, "%")`` -> ``48,15%`` (through :func:`percentuale`, the one percent format);
    ``(106, "progetti")`` -> ``106 progetti``; without a unit, the number alone.
    """
    if valore is None:
        return ND
    if unita is not None and unita.strip() == "%":
        return percentuale(valore, None)
    testo = numero(valore, None)
    return f"{testo} {unita.strip()}" if unita and unita.strip() else testo


def cifra(valore: Any, unita: Unita, decimali: int = 0) -> str:
    """A computed figure as the reports print it, by its unit: ``€ 1.234``, ``66,28%``."""
    if valore is None:
        return ND
    if unita is Unita.EURO:
        return euro(valore)
    if unita is Unita.PERCENTUALE:
        return percentuale(valore, decimali)
    if unita in (Unita.ORE, Unita.RAPPORTO, Unita.ANNI):
        d = arrotonda(valore, decimali)
        return numero(d, decimali if d != d.to_integral_value() else 0)
    return numero(valore)


def data(valore: dt.date | None) -> str:
    """``2025-12-31`` -> ``31/12/2025``."""
    if valore is None:
        return ND
    from babel.dates import format_date

    return format_date(valore, format="dd/MM/yyyy", locale=LOCALE)


def durata(minuti: Any) -> str:
    """``151`` -> ``2 ore e 31 minuti``."""
    if minuti is None:
        return ND
    totale = int(arrotonda(minuti, 0))
    ore, resto = divmod(totale, 60)
    parti = []
    if ore:
        parti.append("1 ora" if ore == 1 else f"{numero(ore)} ore")
    if resto or not ore:
        parti.append("1 minuto" if resto == 1 else f"{resto} minuti")
    return " e ".join(parti)


# --- changes ------------------------------------------------------------------------


def _variazione(vecchio: Any, nuovo: Any, anno: int) -> Variazione:
    def cifra(x: Any) -> Cifra:
        return ignota("dato mancante") if x is None else nota(_dec(x))

    return confronta(cifra(vecchio), cifra(nuovo), anno, anno + 1)


def testo_variazione(
    vecchio: Any, nuovo: Any, anno: int, *, modo: str = "assoluta", decimali: int = 0
) -> str:
    """The brochure's wording of a change against year ``anno``.

    ``modo="assoluta"``: ``-4 rispetto al 2024``; ``modo="percentuale"``: ``+5,04% rispetto al 2024``;
    no change: ``invariato rispetto al 2024``; from zero (percentage): ``n/d rispetto al 2024 (da zero)``.
    """
    rispetto = f"rispetto al {anno}"
    if vecchio is None or nuovo is None:
        return f"{ND} {rispetto}"
    v, n = _dec(vecchio), _dec(nuovo)
    if modo == "percentuale":
        variazione = _variazione(v, n, anno)
        p = variazione.percentuale.valore
        if p is None:
            perche = variazione.percentuale_non_definita
            spiegazione = (
                "da zero" if perche is PercentualeNonDefinita.DA_ZERO else "cambio di segno"
            )
            return f"{NS} {rispetto} ({spiegazione})"
        if arrotonda(p, 2) == 0:
            return f"invariato {rispetto}"
        return f"{percentuale(p, 2, segno=True)} {rispetto}"
    delta = n - v
    if arrotonda(delta, decimali) == 0:
        return f"invariato {rispetto}"
    segno = "+" if delta > 0 else "-"
    return f"{segno}{numero(abs(delta), decimali)} {rispetto}"
