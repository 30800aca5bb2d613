"""Numbers in the data: the one rule for numbers written as text, and the bounds.

This module owns both. The model's types (:mod:`bilancio.modello.comuni`) apply them to
every value, whatever file it came from; the workbook's Istruzioni sheet and the README
state :data:`REGOLA_TESTO` and the bounds.

**Numbers written as text** (in quotes in YAML, ``"1.500"``, or typed into a workbook
cell that holds text) are read the Italian way:

* the comma separates the decimals; a point followed by groups of exactly three digits
  separates the thousands: ``"1.500"`` is 1500, ``"1.234.567,89"`` is 1234567.89,
  ``"1500,5"`` is 1500.5, ``"1500"`` is 1500;
* a single point that cannot be a thousands separator (not followed by exactly three
  digits, or after more than three) is the decimal point: ``"1234.50"``, ``"0.5"``
  (what a program writing decimals as text produces; an Italian writes ``"1,5"``);
* spaces are ignored, and so are ``€`` in an amount and ``%`` in a percentage;
* anything else is refused with the way to write it: a comma before a point
  (``"1,234.56"``), groups that are not of three (``"1.23.456"``), two commas, and
  decimals in a count.

**Numbers written as numbers** are YAML's (the point is the decimal separator,
``1234.56``) or the workbook's numeric cells (numbers, not text: a count cell holding
2.0 is 2). A count written with a decimal point (``lavoratori: 2.000``, which YAML reads
as 2.0 but an Italian reads as two thousand) or as a boolean (``true``) is ambiguous and
refused; an amount with more than two decimals is refused by :data:`~.comuni.Euro`, and
a quantity that can run into the thousands (hours, minutes, a service's units:
:data:`~.comuni.Misura`) written with a point and exactly three digits after it
(``ore: 1.500``) is refused as ambiguous in the same way.

**Bounds** are absurd rather than merely unusual, so a consortium's totals pass: amounts
and other quantities up to :data:`MAX_IMPORTO` (10^12), counts up to
:data:`MAX_CONTEGGIO` (10^7), at most :data:`MAX_DECIMALI` decimals outside amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..errori import NumeroNonValido

MAX_IMPORTO = Decimal(10) ** 12  # euro, and every other decimal quantity
MAX_CONTEGGIO = 10**7  # people, members, beneficiaries, interventions...
MAX_DECIMALI = 10  # decimals of a quantity or percentage (amounts: 2)
_MAX_CIFRE_TESTO = 30  # digits of a number typed as text: past any bound, refused unread

# the rule in a workbook's words (the Istruzioni sheet shows it): YAML's side is the README's
REGOLA_TESTO = (
    "Numeri scritti come testo (in una cella di testo, o preceduti da un apostrofo): "
    "la virgola separa i decimali e il punto seguito da gruppi di tre cifre separa le migliaia, quindi "
    "«1.500» è millecinquecento, «1.234.567,89» e «1500,5» sono validi; spazi, «€» negli importi e «%» "
    "nelle percentuali sono ignorati. Un punto che non può separare le migliaia («1234.50») vale come "
    "virgola dei decimali; per non sbagliare, scrivere i decimali con la virgola («1,5»). Scritture "
    "come «1,234.56» sono rifiutate. I conteggi (persone, soci...) sono numeri interi, senza decimali."
)
REGOLA_NUMERI = (
    "Numeri scritti come numeri (in una cella numerica): conta il valore che il foglio memorizza, "
    "non come lo mostra; un conteggio con decimali o scritto sì/no è rifiutato. "
    f"Limiti: importi fino a {int(MAX_IMPORTO):_} € (mille miliardi), conteggi fino a "
    f"{MAX_CONTEGGIO:_}: un valore oltre è certamente un errore di battitura."
).replace("_", ".")

_SPAZI = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_ITALIANO = re.compile(r"(?P<intera>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<decimali>[0-9]+))?")
# a single point that cannot separate thousands: the decimal point ("1234.50", "0.5", ".5")
_PUNTO_DECIMALE = re.compile(r"(?P<intera>[0-9]*)\.(?P<decimali>[0-9]+)")


def cifre(valore: int | Decimal) -> str:
    """``1000000`` -> ``1.000.000``: a bound or a suggestion, written as an Italian reads it."""
    if isinstance(valore, Decimal) and valore != valore.to_integral_value():
        intera, _, decimali = f"{valore:f}".partition(".")
        return f"{int(intera):,}".replace(",", ".") + "," + decimali
    return f"{int(valore):,}".replace(",", ".")


def da_testo(testo: str, *, intero: bool = False, simboli: str = "") -> Decimal | int | str:
    """A number typed as text, read by the rule above (raises :class:`NumeroNonValido`).

    ``simboli`` are the characters ignored besides spaces (``"€"`` for an amount). Text
    with no digit at all («tre», «n.d.») is returned as it is, for the model's own message
    ("atteso un numero intero").
    """
    if not re.search("[0-9]", testo):
        return testo
    pulito = _SPAZI.sub("", testo)
    for simbolo in simboli:
        pulito = pulito.replace(simbolo, "")
    segno = ""
    if pulito[:1] in ("-", "+", "\u2212"):
        segno, pulito = ("-" if pulito[0] != "+" else ""), pulito[1:]
    esempio = "es. 1500" if intero else "es. 1.500 oppure 1.234,56"
    m = _ITALIANO.fullmatch(pulito) or _PUNTO_DECIMALE.fullmatch(pulito)
    if m is None:
        raise NumeroNonValido(_perche(testo, pulito, intero), esempio)
    intera = m.group("intera").replace(".", "")
    decimali = m.group("decimali")
    if len(intera) > _MAX_CIFRE_TESTO:
        limite = cifre(MAX_CONTEGGIO if intero else MAX_IMPORTO)
        raise NumeroNonValido(
            f"«{_breve(testo)}» ha {len(intera)} cifre: oltre il limite ammesso di {limite}.",
            f"un valore ≤ {limite}",
        )
    if intero:
        if decimali is not None:
            raise NumeroNonValido(
                f"«{_breve(testo)}» ha dei decimali, ma un conteggio è un numero intero.",
                "un numero intero, es. 1500 oppure «1.500»",
            )
        return int(segno + intera)
    return Decimal(segno + intera + ("." + decimali if decimali is not None else ""))


def _breve(testo: str) -> str:
    testo = testo.strip()
    return testo if len(testo) <= 40 else testo[:40] + "…"


def _perche(testo: str, pulito: str, intero: bool) -> str:
    mostrato = _breve(testo)
    if re.fullmatch(r"[0-9.,]+", pulito) and "." in pulito:
        virgola, punto = pulito.rfind(","), pulito.rfind(".")
        if virgola != -1 and virgola < punto:
            corretto = pulito.replace(",", "§").replace(".", ",").replace("§", ".")
            return (
                f"«{mostrato}» sembra scritto all'inglese: in un numero scritto come testo la virgola separa "
                f"i decimali e il punto le migliaia. Scrivere «{corretto}»."
            )
        return (
            f"«{mostrato}»: in un numero scritto come testo il punto separa le migliaia a gruppi di tre cifre "
            "(«1.234.567») e la virgola i decimali («1.234,5»)."
        )
    if pulito.count(",") > 1:
        return f"«{mostrato}» ha più di una virgola: la virgola separa i decimali, una volta sola."
    return f"«{mostrato}» non è un numero."


def conteggio(valore: Any) -> Any:
    """A count: an int, a whole number from a workbook cell, or text by the rule above.

    A boolean or a YAML number with a decimal point is refused as ambiguous.
    """
    if isinstance(valore, bool):
        raise NumeroNonValido(
            f"«{'true' if valore else 'false'}» è un sì/no, non un numero: un conteggio si scrive in cifre.",
            "un numero intero, es. 12",
        )
    if isinstance(valore, Decimal):  # YAML's float: written with a point
        scritto = str(valore)
        senza_punto = scritto.replace(".", "").lstrip("0") or "0"
        if re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", scritto):
            intera = scritto.split(".")[0]
            consiglio = f"Scrivere {senza_punto} se il punto separa le migliaia, oppure {intera}."
        elif valore.is_finite() and abs(valore) < MAX_CONTEGGIO and valore == int(valore):
            consiglio = f"Scrivere {int(valore)}."
        else:
            consiglio = "Un conteggio è un numero intero."
        raise NumeroNonValido(
            f"«{_breve(scritto)}» è scritto con il punto: il file YAML lo leggerebbe come numero decimale, "
            f"in italiano il punto separa le migliaia, ed è quindi ambiguo. {consiglio} "
            "Un conteggio si scrive senza punto né virgola.",
            "un numero intero senza punto, es. 2000",
        )
    if isinstance(valore, float) and valore.is_integer():
        return int(valore)  # a workbook's numeric cell: 2.0 is 2
    if isinstance(valore, str):
        return da_testo(valore, intero=True)
    return valore


# a YAML number with one point and exactly three digits after it, not led by a zero:
# 1.500, 12.000, -2.250; an Italian reads the point as the thousands separator
_MIGLIAIA = re.compile(r"-?[1-9][0-9]{0,2}\.[0-9]{3}")


def misura(valore: Any) -> Any:
    """A quantity that can run into the thousands (hours, minutes, a service's units).

    As :func:`decimale`, but a YAML number written with a point and exactly three digits
    after it (``ore: 1.500``, which YAML reads as 1.5 and an Italian as one thousand five
    hundred) is ambiguous and refused, as for counts and amounts. Text follows the rule
    above (``"1.500"`` is 1500, ``"1,5"`` is 1.5); a workbook's numeric cell is a number.
    """
    if isinstance(valore, Decimal) and _MIGLIAIA.fullmatch(str(valore)):
        scritto = str(valore)
        migliaia = scritto.replace(".", "").lstrip("-")
        segno = "-" if scritto.startswith("-") else ""
        decimali = scritto.rstrip("0").rstrip(".")
        raise NumeroNonValido(
            f"«{scritto}» è scritto con il punto e tre cifre dopo: il file YAML lo leggerebbe come "
            f"{decimali.replace('.', ',')}, in italiano il punto separa le migliaia ({segno}{migliaia}), "
            f"ed è quindi ambiguo. Scrivere {segno}{migliaia} se il punto separa le migliaia, oppure "
            f"{decimali} (o «{decimali.replace('.', ',')}» tra virgolette) se sono decimali.",
            f"un numero senza punto delle migliaia, es. {segno}{migliaia} oppure {decimali}",
        )
    return decimale(valore)


def decimale(valore: Any, simboli: str = "") -> Any:
    """A decimal quantity: YAML's Decimal, a workbook's float, or text by the rule above."""
    if isinstance(valore, bool):
        return valore  # let pydantic refuse it
    if isinstance(valore, float):
        return Decimal(repr(valore))
    if isinstance(valore, str):
        return da_testo(valore, simboli=simboli)
    return valore


def entro_i_decimali(valore: Decimal) -> Decimal:
    if valore.is_finite() and valore.as_tuple().exponent < -MAX_DECIMALI:  # type: ignore[operator]
        raise NumeroNonValido(
            f"{_breve(str(valore))} ha più di {MAX_DECIMALI} decimali.",
            f"al massimo {MAX_DECIMALI} decimali",
        )
    return valore
