"""Charts as inline SVG, drawn with pygal.

Why pygal: it is SVG-only (vector output that prints sharp at any size), pure Python
with no numpy or C extension (a few hundred kB installed, against tens of MB for
matplotlib), and made by Kozea, the maintainers of WeasyPrint, whose SVG renderer prints
it faithfully. Its two non-reproducible bits (a random chart id and a dated comment) are
pinned here, so building twice gives the same bytes.

Nothing PDF/A-1 forbids: pygal's stylesheet is rewritten without what needs
transparency (opacity, ``transparent`` and ``rgba`` fills, hover and tooltip rules,
transitions), and its tooltips (``desc`` elements, the tooltip layer) are removed: a
printed page shows no tooltip. The text uses the bundled fonts (:mod:`.caratteri`).

Every chart comes with the figures it draws (``Grafico.alternativa``), which the
templates print beside it: the chart is for the eye, the table for reading and for
screen readers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import pygal
from pygal.style import Style

from .caratteri import FAMIGLIA, RISERVA, larghezza

FONT = f"'{FAMIGLIA}', '{RISERVA}'"


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


def _nome(nodo: Any) -> str:
    return nodo.tag.rsplit("}", 1)[-1] if isinstance(nodo.tag, str) else ""


def _colore_opaco(m: re.Match[str]) -> str:
    """``rgba(r,g,b,a)`` -> the opaque colour it looks like on white."""
    r, g, b, a = (float(x) for x in m.group(1).split(","))
    return "#" + "".join(f"{round(c * a + 255 * (1 - a)):02x}" for c in (r, g, b))


def css_opaco(css: str) -> str:
    """pygal's stylesheet without anything that needs transparency (or only moves on screen).

    Rules for ``:hover``, active series and tooltips go; ``opacity: 0`` becomes
    ``visibility: hidden`` (and 1 ``visible``), other opacities, transitions and vendor
    properties go, ``transparent`` becomes ``none`` and ``rgba()`` its opaque look on white.
    """
    regole = []
    for selettori, corpo in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        selettori = ",".join(
            sel.strip()
            for sel in selettori.split(",")
            if not any(x in sel for x in (":hover", ".active", ".tooltip", "a:visited"))
        )
        if not selettori:
            continue
        dichiarazioni = []
        for dichiarazione in corpo.split(";"):
            if ":" not in dichiarazione:
                continue
            chiave, valore = (x.strip() for x in dichiarazione.split(":", 1))
            if chiave.startswith(("-webkit-", "-moz-")) or chiave in ("transition", "text-anchor"):
                continue  # text-anchor: resolved into x by _ancora_a_sinistra
            if chiave in ("opacity", "fill-opacity", "stroke-opacity"):
                importante = " !important" if "!important" in valore else ""
                testo = valore.replace("!important", "").strip()
                numero = float(testo) if re.fullmatch(r"[0-9.]+", testo) else None
                if chiave == "opacity" and numero in (0, 1):
                    visibile = "visible" if numero == 1 else "hidden"
                    dichiarazioni.append(f"visibility:{visibile}{importante}")
                continue
            valore = re.sub(r"rgba\(([^)]*)\)", _colore_opaco, valore)
            if valore == "transparent":
                if chiave == "background-color":
                    continue
                valore = "none"
            dichiarazioni.append(f"{chiave}:{valore}")
        if dichiarazioni:
            regole.append(f"{selettori}{{{';'.join(dichiarazioni)}}}")
    return "\n".join(regole)


def _senza_trasparenze(radice: Any) -> Any:
    for genitore in [radice, *radice.iter()]:
        for nodo in list(genitore):
            classi = (nodo.get("class") or "").split()
            if _nome(nodo) == "desc" or "tooltip-overlay" in classi:
                genitore.remove(nodo)  # tooltips: the value, its position, the tooltip layer
            elif _nome(nodo) == "style" and nodo.text:
                nodo.text = css_opaco(nodo.text)
    return radice


def _ancora(testo: Any, antenati: list[Any]) -> str:
    """The ``text-anchor`` pygal's stylesheet (or the element) gives a text."""
    if testo.get("text-anchor"):
        return str(testo.get("text-anchor"))
    classi = set((testo.get("class") or "").split())
    if classi & {"no_data", "centered", "title"}:
        return "middle"
    girato = testo.get("transform") is not None
    for antenato in reversed(antenati):
        assi = set((antenato.get("class") or "").split())
        if "axis" not in assi:
            continue
        if "y2" in assi:
            return "end" if girato and "backwards" in classi else "start"
        if "x" in assi:
            if girato:
                return "end" if "backwards" in classi else "start"
            return "middle"
        if "y" in assi:
            return "start" if girato and "backwards" in classi else "end"
    return "start"


def _corpo(testo: Any, antenati: list[Any], stile: Style) -> float:
    """The font size pygal's stylesheet gives a text, from our :func:`_stile`."""
    classi = set((testo.get("class") or "").split())
    nomi = {c for a in antenati for c in (a.get("class") or "").split()}
    if "no_data" in classi:
        return float(stile.no_data_font_size)
    if "title" in classi:
        return float(stile.title_font_size)
    if "legends" in nomi:
        return float(stile.legend_font_size)
    if "axis" in nomi:
        return float(stile.major_label_font_size if "major" in classi else stile.label_font_size)
    if "value" in classi:
        return float(stile.value_font_size)
    if "label" in classi:
        return float(stile.value_label_font_size)
    return 16.0


def _ancora_a_sinistra(stile: Style) -> Callable[[Any], Any]:
    """Every text anchored at its start, its ``x`` moved by the width it has in our font.

    WeasyPrint draws a text anchored in the middle or at the end through a transparency
    group, which PDF/A-1 forbids; measured with the bundled font's advances, the text
    lands where the anchor would put it, in the PDF and in a browser alike.
    """

    def filtro(radice: Any) -> Any:
        pila: list[tuple[Any, list[Any]]] = [(radice, [])]
        while pila:
            nodo, antenati = pila.pop()
            if _nome(nodo) == "text":
                ancora = _ancora(nodo, antenati)
                nodo.attrib.pop("text-anchor", None)
                if ancora in ("middle", "end") and nodo.get("x") is not None:
                    contenuto = "".join(nodo.itertext())
                    largo = larghezza(contenuto, _corpo(nodo, antenati, stile))
                    spostamento = largo / 2 if ancora == "middle" else largo
                    nodo.set("x", f"{float(nodo.get('x')) - spostamento:.2f}")
                continue
            pila.extend(
                (figlio, [*antenati, nodo]) for figlio in nodo if isinstance(figlio.tag, str)
            )
        return radice

    return filtro


def _id_propri(ident: str) -> Callable[[Any], Any]:
    """Prefix every id inside a chart with the chart's own (and every reference to it).

    pygal numbers some ids the same in every chart (``activate-serie-0`` on each legend
    entry, ``valuePath-...``), so two charts in one page would define one anchor twice;
    the chart's ident, stable and unique within the page, makes them unique and keeps the
    output reproducible. The root keeps pygal's ``chart-<ident>``, which its CSS selects.
    """
    prefisso = f"{ident}-"

    def filtro(radice: Any) -> Any:
        nuovi: dict[str, str] = {}
        for nodo in radice.iter():
            if nodo is radice or not isinstance(nodo.tag, str):
                continue
            vecchio = nodo.get("id")
            if vecchio and not vecchio.startswith(prefisso):
                nuovi[vecchio] = prefisso + vecchio
                nodo.set("id", nuovi[vecchio])
        if not nuovi:
            return radice
        for nodo in radice.iter():
            if not isinstance(nodo.tag, str):
                continue
            for chiave, valore in nodo.attrib.items():
                if chiave.rsplit("}", 1)[-1] == "href" and valore[1:] in nuovi:
                    nodo.set(chiave, "#" + nuovi[valore[1:]])
                elif "url(#" in valore:
                    nodo.set(
                        chiave,
                        re.sub(
                            r"url\(#([^)]+)\)", lambda m: f"url(#{nuovi.get(m[1], m[1])})", valore
                        ),
                    )
        return radice

    return filtro


def _svg(grafico: Any, ident: str, descrizione: str) -> str:
    grafico.uuid = ident  # stable, and unique within the page (pygal scopes its CSS by it)
    grafico.add_xml_filter(_togli_commenti)
    grafico.add_xml_filter(_id_propri(ident))
    grafico.add_xml_filter(_senza_trasparenze)
    grafico.add_xml_filter(_ancora_a_sinistra(grafico.config.style))

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


def livelli(
    ident: str,
    titolo: str,
    voci: Sequence[tuple[str, int]],
    colore: str,
    scala: Sequence[str],
) -> str:
    """Horizontal bars on a fixed scale of levels (stakeholder involvement, 1 to
    ``len(scala)``), each labelled with its item and its level's name, in the given order."""
    voci = list(reversed(voci))  # pygal draws bottom-up: the first item on top

    def nome(livello: int) -> str:
        return scala[livello - 1] if 1 <= livello <= len(scala) else str(livello)

    grafico = pygal.HorizontalBar(
        **_comuni(
            colore,
            1,
            width=760,
            height=110 + 46 * len(voci),
            show_legend=False,
            range=(0, len(scala)),
            y_labels=list(range(0, len(scala) + 1)),
            value_formatter=lambda v: str(int(v)),
            show_y_guides=True,
            show_x_guides=False,
        )
    )
    grafico.x_labels = [f"{e}: {nome(int(v))}" for e, v in voci]
    grafico.add(titolo, [float(v) for _, v in voci])
    return _svg(grafico, ident, titolo)
