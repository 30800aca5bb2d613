"""Charts as inline SVG, drawn with pygal.

Why pygal: it is SVG-only (vector output that prints sharp at any size), pure Python
with no numpy or C extension (a few hundred kB installed, against tens of MB for
matplotlib), and made by Kozea, the maintainers of WeasyPrint, whose SVG renderer prints
it faithfully. Its two non-reproducible bits (a random chart id and a dated comment) are
pinned here, so building twice gives the same bytes.

Every chart comes with the figures it draws (``Grafico.alternativa``), which the
templates print beside it: the chart is for the eye, the table for reading and for
screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import pygal
from pygal.style import Style

FONT = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif"


def tavolozza(colore: str, n: int) -> tuple[str, ...]:
    """``n`` colours from the brand colour: the colour itself, then lighter and greyer tints."""
    r, g, b = (int(colore[i : i + 2], 16) for i in (1, 3, 5))
    fattori = (0.0, 0.45, 0.7, 0.25, 0.58, 0.82, 0.12, 0.36, 0.9)
    colori = []
    for i in range(max(n, 1)):
        f = fattori[i % len(fattori)]
        scuro = 0.55 if i >= len(fattori) else 1.0
        colori.append("#" + "".join(f"{int((c + (255 - c) * f) * scuro):02x}" for c in (r, g, b)))
    return tuple(colori)


def _stile(colore: str, n: int) -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#333333",
        foreground_strong="#1a1a1a",
        foreground_subtle="#d0d0d0",
        opacity="1",
        opacity_hover="1",
        transition="none",
        colors=tavolozza(colore, n),
        font_family=FONT,
        label_font_family=FONT,
        major_label_font_family=FONT,
        value_font_family=FONT,
        value_label_font_family=FONT,
        tooltip_font_family=FONT,
        title_font_family=FONT,
        legend_font_family=FONT,
        no_data_font_family=FONT,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=13,
        title_font_size=16,
        guide_stroke_color="#e4e4e4",
        major_guide_stroke_color="#cfcfcf",
    )


def _togli_commenti(radice: Any) -> Any:
    # pygal writes "Generated with pygal ... on <today>" (the clock has no place in a
    # report) and a config <script> for its tooltips (a printed page runs no script)
    for genitore in [radice, *radice.iter()]:
        for nodo in list(genitore):
            if not isinstance(nodo.tag, str) or nodo.tag.rsplit("}", 1)[-1] == "script":
                genitore.remove(nodo)
    return radice


def _svg(grafico: Any, ident: str, descrizione: str) -> str:
    grafico.uuid = ident  # stable, and unique within the page (pygal scopes its CSS by it)
    grafico.add_xml_filter(_togli_commenti)

    def _accessibile(radice: Any) -> Any:
        radice.set("role", "img")
        radice.set("aria-label", descrizione)
        for nodo in radice:  # pygal's own <title> says "Pygal"
            if isinstance(nodo.tag, str) and nodo.tag.rsplit("}", 1)[-1] == "title":
                nodo.text = descrizione
        return radice

    grafico.add_xml_filter(_accessibile)
    return str(grafico.render(is_unicode=True))


def _comuni(colore: str, n: int, **extra: Any) -> dict[str, Any]:
    opzioni: dict[str, Any] = dict(
        style=_stile(colore, n),
        js=[],
        disable_xml_declaration=True,
        show_title=False,
        tooltip_fancy_mode=False,
        margin=8,
        spacing=12,
        truncate_legend=-1,
        truncate_label=-1,
        print_values=False,
    )
    opzioni.update(extra)
    return opzioni


def torta(
    ident: str,
    titolo: str,
    voci: Sequence[tuple[str, int | Decimal]],
    colore: str,
    formatta: Callable[[Any], str],
) -> str:
    """A ring chart of a composition (members, workers), legend below with the figures."""
    voci = [(e, v) for e, v in voci if v]
    grafico = pygal.Pie(
        **_comuni(
            colore,
            len(voci),
            inner_radius=0.55,
            width=520,
            height=440,
            legend_at_bottom=True,
            legend_at_bottom_columns=1 if len(voci) > 2 else len(voci),
            value_formatter=formatta,
        )
    )
    for etichetta, valore in voci:
        grafico.add(f"{etichetta}: {formatta(valore)}", [float(valore)])
    return _svg(grafico, ident, titolo)


def barre(
    ident: str,
    titolo: str,
    voci: Sequence[tuple[str, int | Decimal]],
    colore: str,
    formatta: Callable[[Any], str],
) -> str:
    """Horizontal bars, one per item (revenues by source), largest at the top."""
    voci = sorted(((e, v) for e, v in voci if v), key=lambda x: x[1])  # pygal draws bottom-up
    grafico = pygal.HorizontalBar(
        **_comuni(
            colore,
            1,
            width=760,
            height=110 + 46 * len(voci),
            show_legend=False,
            value_formatter=formatta,
            show_y_guides=True,
            show_x_guides=False,
            x_label_rotation=0,
            x_labels_major_count=4,
            show_minor_x_labels=False,
        )
    )
    grafico.x_labels = [e for e, _ in voci]
    grafico.add(titolo, [float(v) for _, v in voci])
    return _svg(grafico, ident, titolo)


def andamento(
    ident: str,
    titolo: str,
    anni: Sequence[int],
    valori: Sequence[Decimal | int],
    colore: str,
    formatta: Callable[[Any], str],
) -> str:
    """Columns over the years (value of production), the figure printed on each."""
    grafico = pygal.Bar(
        **_comuni(
            colore,
            1,
            width=760,
            height=360,
            show_legend=False,
            print_values=True,
            print_values_position="top",
            value_formatter=formatta,
            y_labels_major_every=None,
            show_y_labels=False,
            show_y_guides=False,
            range=(0, float(max(valori)) * 1.12 if valori else 1),
        )
    )
    grafico.x_labels = [str(a) for a in anni]
    grafico.add(titolo, [float(v) for v in valori])
    return _svg(grafico, ident, titolo)


def linea_mini(
    ident: str,
    anni: Sequence[int],
    valori: Sequence[Decimal | int],
    colore: str,
    titolo: str,
) -> str | None:
    """A sparkline of a trend (the site's home page cards); ``None`` with fewer than 2 points."""
    if len(valori) < 2:
        return None
    grafico = pygal.Line(
        **_comuni(
            colore,
            1,
            width=240,
            height=60,
            show_legend=False,
            show_x_labels=False,
            show_y_labels=False,
            show_dots=True,
            dots_size=2,
            stroke_style={"width": 2},
            margin=2,
            show_y_guides=False,
        )
    )
    grafico.add(titolo, [float(v) for v in valori])
    grafico.x_labels = [str(a) for a in anni]
    return _svg(grafico, ident, titolo)
