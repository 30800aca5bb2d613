"""Italian formatting and the brochure's wording of changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bilancio.formato import (
    data,
    durata,
    euro,
    numero,
    percentuale,
    testo_variazione,
)


def test_italian_figures() -> None:
    assert euro(8924272) == "€ 8.924.272"
    assert euro(Decimal("1234.5"), 2) == "€ 1.234,50"
    assert numero(1244) == "1.244"
    assert percentuale(Decimal("5.045")) == "5,05%"  # half up, as reports round
    assert percentuale(Decimal("5.04"), segno=True) == "+5,04%"
    assert data(dt.date(2025, 12, 31)) == "31/12/2025"
    assert durata(151) == "2 ore e 31 minuti"
    assert durata(60) == "1 ora"


def test_changes_read_like_the_brochure() -> None:
    assert testo_variazione(106, 102, 2024) == "-4 rispetto al 2024"
    assert testo_variazione(21, 21, 2024) == "invariato rispetto al 2024"
    assert testo_variazione(8495878, 8924272, 2024, modo="percentuale") == "+5,04% rispetto al 2024"


def test_change_from_zero_is_undefined_not_inf() -> None:
    assert "n.s." in testo_variazione(0, 5, 2024, modo="percentuale")
    assert "inf" not in testo_variazione(0, 5, 2024, modo="percentuale")


def test_one_percent_format_unit_in_the_value() -> None:
    # no space before %, Italian decimal comma, the sign only when asked or negative
    assert percentuale(Decimal("48.15")) == "48,15%"
    assert percentuale(Decimal("48.15"), None) == "48,15%"  # the decimals the value has
    assert percentuale(Decimal("34.3"), None) == "34,3%"
    assert percentuale(60, None) == "60%"
    assert percentuale(Decimal("60.0"), None) == "60%"
    assert percentuale(Decimal("85.964"), 0) == "86%"
    assert percentuale(Decimal("-4.85"), 2, segno=True) == "-4,85%"
    assert percentuale(0, 0) == "0%"
    assert percentuale(None) == "n.d."
    assert f"oltre il {percentuale(60, 0)}" == "oltre il 60%"


def test_a_small_share_never_reads_zero_percent() -> None:
    assert percentuale(Decimal("0.44"), 0) == "0,4%"  # 1 of 228 workers
    assert percentuale(Decimal("0.016"), 0) == "0,02%"
    assert percentuale(Decimal("-0.3"), 0) == "-0,3%"
    assert percentuale(Decimal("0.0001"), 0) == "0,00%"  # two more decimals at most


def test_a_measure_carries_its_unit() -> None:
    from bilancio.formato import misura

    assert misura(Decimal("48.15"), "%") == "48,15%"
    assert misura(106, "progetti") == "106 progetti"
    assert misura(1244) == "1.244"
    assert misura(None, "%") == "n.d."
