"""Cell values and field paths: what the writer puts in a cell, the reader gets back."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from bilancio.foglio.layout import DATA, ELENCO, EURO, INTERO, SCELTA, SINO, TESTO, Colonna
from bilancio.foglio.valori import (
    da_cella,
    etichetta_scelta,
    in_cella,
    percorso_da_testo,
    percorso_testo,
)
from bilancio.modello import Categoria
from bilancio.modello.governo import LivelloCoinvolgimento

chiavi = st.one_of(
    st.text(min_size=1, max_size=20).filter(lambda t: t.strip() == t and t),
    st.integers(min_value=0, max_value=50),
)


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12),
    st.lists(chiavi, max_size=5),
)
def test_paths_round_trip(primo: str, resto: list[object]) -> None:
    percorso = (primo, *resto)
    assert percorso_da_testo(percorso_testo(percorso)) == percorso


def test_path_text_reads_like_check_messages() -> None:
    assert (
        percorso_testo(("attivita", "servizi", 0, "beneficiari", "minori"))
        == "attivita.servizi[1].beneficiari.minori"
    )
    assert percorso_testo(("a", "S. Maria")) == 'a["S. Maria"]'
    assert percorso_da_testo("governo..soci") is None
    assert percorso_da_testo("[1].x") is None


def _attraverso_un_file(valore: object, formato: str = "General") -> object:
    """Write a cell with openpyxl, save, read it back as the reader does."""
    wb = openpyxl.Workbook()
    cella = wb.active["A1"]
    cella.value = valore
    cella.number_format = formato
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer, read_only=True, data_only=True).active["A1"].value


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_euro_survive_a_file(importo: Decimal) -> None:
    colonna = Colonna(("x",), "Importo", EURO)
    assert da_cella(colonna, _attraverso_un_file(in_cella(colonna, importo))) == importo


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_survive_a_file(n: int) -> None:
    colonna = Colonna(("x",), "N.", INTERO)
    assert da_cella(colonna, _attraverso_un_file(in_cella(colonna, n))) == n


@given(
    st.lists(
        st.text(min_size=1)
        .map(str.strip)
        .filter(
            lambda t: (
                t
                and "\n" not in t
                and "\r" not in t
                and not any(c in t for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
            )
        ),
        min_size=1,
        max_size=5,
    )
)
def test_lists_of_texts_are_one_per_line(voci: list[str]) -> None:
    colonna = Colonna(("x",), "Voci", ELENCO)
    assert da_cella(colonna, in_cella(colonna, voci)) == voci


def test_choices_are_shown_by_label_and_read_by_label_or_value() -> None:
    categoria = Colonna(("x",), "Categoria", SCELTA, Categoria)
    assert in_cella(categoria, Categoria.MINORI) == "Minori"
    assert da_cella(categoria, "Minori") == "minori"
    assert da_cella(categoria, "  minori ") == "minori"
    scala = Colonna(("x",), "Intensità", SCELTA, LivelloCoinvolgimento)
    assert etichetta_scelta(LivelloCoinvolgimento.CO_PROGETTAZIONE) == "3 - Co-progettazione"
    assert da_cella(scala, "3 - Co-progettazione") == 3
    assert da_cella(scala, 3.0) == 3 and da_cella(scala, "Co-progettazione") == 3
    assert da_cella(scala, "Marziani") == "Marziani"  # left for validation to report


def test_yes_no_dates_and_texts() -> None:
    sino = Colonna(("x",), "Sì/no", SINO)
    assert [da_cella(sino, v) for v in ("sì", "SI", "no", True)] == [True, True, False, True]
    data = Colonna(("x",), "Data", DATA)
    assert da_cella(data, dt.datetime(2026, 6, 24)) == dt.date(2026, 6, 24)
    assert in_cella(data, dt.date(1887, 3, 12)) == "12/03/1887"
    testo = Colonna(("x",), "CAP", TESTO)
    assert da_cella(testo, 26100) == "26100" and da_cella(testo, "00184") == "00184"
    assert da_cella(testo, "   ") is None
