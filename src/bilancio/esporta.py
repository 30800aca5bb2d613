"""Text outputs of `bilancio diff` (no terminal): Markdown for pull-request comments, CSV
for spreadsheets, for a two-year :class:`Confronto` and for the whole span (:class:`Andamento`).

Every figure reads as the reports print it (:mod:`bilancio.formato`); CSV numbers are
unformatted, rounded half up to the same decimals.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from . import formato
from .errori import UsoNonValido
from .variazioni import Andamento, Avviso, Confronto, Elemento, Riga, RigaAndamento

__all__ = [
    "DIALETTI_CSV",
    "BOM",
    "come_csv",
    "come_markdown",
    "andamento_csv",
    "andamento_markdown",
    "riepilogo",
    "riepilogo_andamento",
]

DIALETTI_CSV = {
    "italiano": (";", ","),  # what Excel and LibreOffice expect with Italian regional settings
    "excel": (",", "."),  # the csv module's "excel" dialect, decimal point
}
"""CSV dialects: (field separator, decimal separator)."""

BOM = "\ufeff"
"""Written first by the ``excel`` dialect, so Excel reads the file as UTF-8."""

LEGENDA = (
    f"«{formato.NS}»: variazione percentuale non significativa (da zero o con cambio di segno); "
    f"«{formato.ND}»: dato non noto (il motivo è nelle note)."
)


def _cella_md(testo: str) -> str:
    return testo.replace("|", "\\|").replace("\n", " ")


def _decimali_soglia(soglia: Decimal) -> int:
    return 0 if soglia == soglia.to_integral_value() else 2


def _testo_soglia(soglia: Decimal) -> str:
    return formato.percentuale(soglia, _decimali_soglia(soglia))


def _dove(avviso: Avviso) -> str:
    parti = [p for p in (str(avviso.anno) if avviso.anno else None, avviso.posizione) if p]
    return f" ({', '.join(parti)})" if parti else ""


def descrivi_elemento(elemento: Elemento) -> str:
    """``Servizi, aree e progetti: «Doposcuola» (2024: beneficiari 30, ore 1.000)``."""
    testo = f"{elemento.elenco}: «{elemento.nome}»"
    return f"{testo} ({elemento.testo_cifre})" if elemento.cifre else testo


def come_markdown(confronto: Confronto) -> str:
    """A Markdown report a pull-request comment can show: one table per section of the DM."""
    vecchio, nuovo = confronto.intestazioni()
    titolo = f"## Confronto {vecchio} → {nuovo}"
    if confronto.denominazione:
        titolo += f" — {confronto.denominazione}"
    righe = [
        titolo,
        "",
        f"Variazioni oltre il {_testo_soglia(confronto.soglia)} in **grassetto**; {LEGENDA}",
    ]
    generali = [a for a in confronto.avvisi if not a.chiavi and a.sezione is None]
    for sezione in confronto.sezioni:
        righe += ["", f"### {sezione}", ""]
        tabella = [r for r in confronto.righe if r.sezione.numero == sezione.numero]
        if tabella:
            righe += [
                f"| Voce | {vecchio} | {nuovo} | Variazione | Var. % | Note |",
                "|---|---:|---:|---:|---:|---|",
            ]
            for r in tabella:
                celle = [
                    r.etichetta,
                    r.testo(r.vecchio),
                    r.testo(r.nuovo),
                    r.testo_delta,
                    r.testo_delta_percentuale,
                ]
                celle = [_cella_md(c) for c in celle]
                if r.oltre_soglia:
                    celle = [f"**{c}**" for c in celle]
                righe.append("| " + " | ".join([*celle, _cella_md("; ".join(r.note))]) + " |")
        for etichetta, elementi in (
            ("Aggiunti", confronto.aggiunti),
            ("Rimossi", confronto.rimossi),
        ):
            nella = [e for e in elementi if e.sezione.numero == sezione.numero]
            if nella:
                rispetto = (
                    f" rispetto al {confronto.anno_vecchio}"
                    if confronto.anno_vecchio != confronto.anno_nuovo
                    else ""
                )
                righe += ["", f"{etichetta}{rispetto}:", ""]
                righe += [f"- {_cella_md(descrivi_elemento(e))}" for e in nella]
        di_sezione = [a for a in confronto.avvisi if a.sezione == sezione.numero and not a.chiavi]
        if di_sezione:
            righe.append("")
            righe += [f"> ⚠️ **{a.codice}**{_dove(a)}: {_cella_md(a.messaggio)}" for a in di_sezione]
    con_righe = [a for a in confronto.avvisi if a.chiavi]
    if generali or con_righe:
        righe += ["", "### Avvisi", ""]
        for a in [*generali, *con_righe]:
            quante = (
                f" — {len(a.chiavi)} {'riga' if len(a.chiavi) == 1 else 'righe'}"
                if a.chiavi
                else ""
            )
            righe.append(f"- **{a.codice}**{_dove(a)}: {_cella_md(a.messaggio)}{quante}")
    righe += ["", riepilogo(confronto)]
    return "\n".join(righe) + "\n"


def riepilogo(confronto: Confronto) -> str:
    """One line: how many rows, changed, over the threshold, added, removed, warnings."""
    n = len(confronto.righe)
    parti = [
        f"{n} {'voce confrontata' if n == 1 else 'voci confrontate'}",
        f"{len(confronto.variate)} variate",
        f"{sum(r.oltre_soglia for r in confronto.righe)} oltre il {_testo_soglia(confronto.soglia)}",
        f"{len(confronto.aggiunti)} aggiunte",
        f"{len(confronto.rimossi)} rimosse",
        f"{len(confronto.avvisi)} {'avviso' if len(confronto.avvisi) == 1 else 'avvisi'}",
    ]
    return ", ".join(parti) + "."


# --- CSV -----------------------------------------------------------------------------------


def _dialetto(dialetto: str) -> tuple[str, str]:
    if dialetto not in DIALETTI_CSV:
        raise UsoNonValido(
            f"Dialetto CSV «{dialetto}» sconosciuto: scegliere tra {', '.join(DIALETTI_CSV)}."
        )
    return DIALETTI_CSV[dialetto]


def _numero(valore: Decimal | int | None, decimali: int, decimale: str) -> str:
    """A number for a spreadsheet: rounded half up to ``decimali`` (no trailing zeros, no
    thousands separator);
    ``n.d.`` when unknown (the reason is in the notes)."""
    if valore is None:
        return formato.ND
    testo = format(formato.arrotonda(valore, decimali).normalize(), "f")
    return testo.replace(".", decimale)


def _percentuale_csv(valore: Decimal, decimale: str) -> str:
    """A percentage change: always two decimals (``20,00``), as the tables print it."""
    return format(formato.arrotonda(valore, 2), "f").replace(".", decimale)


def _percentuale(riga: Riga, decimale: str) -> str:
    if riga.delta_percentuale is not None:
        return _percentuale_csv(riga.delta_percentuale, decimale)
    return riga.testo_delta_percentuale  # n.s. / n.d.


def _note(riga: Riga) -> str:
    return "; ".join(riga.note)


_INTESTAZIONE = [
    "sezione",
    "chiave",
    "voce",
    "unita",
    "anno_vecchio",
    "vecchio",
    "anno_nuovo",
    "nuovo",
    "variazione",
    "variazione_percentuale",
    "oltre_soglia",
    "stato",
    "note",
]


def come_csv(confronto: Confronto, dialetto: str = "italiano") -> str:
    """One table in the guidelines' section order: each section's rows, then the items added
    and removed there (each followed by the figures it carried). Numbers are unformatted and
    rounded half up to the decimals the report prints; an unknown value is ``n.d.`` with
    its reason in ``note``; an undefined percentage change is ``n.s.`` (from zero, change of sign)
    or ``n.d.`` (a figure missing).

    ``italiano``: ``;`` between fields and a decimal comma; ``excel``: ``,``, a decimal point
    and a UTF-8 BOM first, so Excel reads accents right.
    """
    separatore, decimale = _dialetto(dialetto)
    uscita = io.StringIO()
    if dialetto == "excel":
        uscita.write(BOM)
    scrittore = csv.writer(uscita, delimiter=separatore, lineterminator="\r\n")
    scrittore.writerow(_INTESTAZIONE)
    for sezione in confronto.sezioni:
        for r in (r for r in confronto.righe if r.sezione.numero == sezione.numero):
            scrittore.writerow(
                [
                    str(r.sezione),
                    r.chiave,
                    r.etichetta,
                    r.unita.value,
                    confronto.anno_vecchio,
                    _numero(r.vecchio, r.decimali, decimale),
                    confronto.anno_nuovo,
                    _numero(r.nuovo, r.decimali, decimale),
                    _numero(r.delta, r.decimali, decimale),
                    _percentuale(r, decimale),
                    "sì" if r.oltre_soglia else "no",
                    r.stato,
                    _note(r),
                ]
            )
        for stato, elementi in (("aggiunto", confronto.aggiunti), ("rimosso", confronto.rimossi)):
            for e in (e for e in elementi if e.sezione.numero == sezione.numero):
                scrittore.writerow(
                    [str(e.sezione), e.chiave, f"{e.elenco}: {e.nome}", "",
                     confronto.anno_vecchio, "", confronto.anno_nuovo, "", "", "", "", stato, ""]
                )  # fmt: skip
                for c in e.cifre:
                    valore = _numero(c.valore, c.decimali, decimale)
                    scrittore.writerow(
                        [
                            str(e.sezione),
                            f"{e.chiave}.{c.chiave}",
                            f"«{e.nome}» — {c.etichetta}",
                            c.unita.value,
                            confronto.anno_vecchio,
                            valore if stato == "rimosso" else "",
                            confronto.anno_nuovo,
                            valore if stato == "aggiunto" else "",
                            "",
                            "",
                            "",
                            stato,
                            c.motivo or "",
                        ]
                    )
    return uscita.getvalue()


# --- the whole span ----------------------------------------------------------------------------


def _testo_valore(riga: RigaAndamento, anno: int) -> str:
    return riga.testo(riga.valori.get(anno))


def riepilogo_andamento(andamento: Andamento) -> str:
    n = len(andamento.righe)
    anni = andamento.anni
    periodo = f"dal {anni[0]} al {anni[-1]}" if len(anni) > 1 else f"nel {anni[0]}" if anni else ""
    parti = [
        f"{n} {'cifra' if n == 1 else 'cifre'} in {len(anni)} {'anno' if len(anni) == 1 else 'anni'} {periodo}".strip(),
        f"{sum(r.stato == 'variato' for r in andamento.righe)} variate",
        f"{sum(r.oltre_soglia for r in andamento.righe)} oltre il {_testo_soglia(andamento.soglia)}",
        f"{sum(r.stato == 'non confrontabile' for r in andamento.righe)} non confrontabili",
    ]
    return ", ".join(parti) + "."


def intestazione_periodo(andamento: Andamento) -> str:
    """``Var. 2020→2023``."""
    if len(andamento.anni) < 2:
        return "Variazione"
    return f"Var. {andamento.anni[0]}→{andamento.anni[-1]}"


def andamento_markdown(andamento: Andamento) -> str:
    """The catalogue's figures, one column per year, and the change over the span."""
    anni = [str(a) for a in andamento.anni]
    titolo = "## Andamento " + (f"{anni[0]}–{anni[-1]}" if anni else "")
    if andamento.denominazione:
        titolo += f" — {andamento.denominazione}"
    righe = [
        titolo,
        "",
        f"Variazioni sul periodo oltre il {_testo_soglia(andamento.soglia)} in **grassetto**; {LEGENDA}",
    ]
    for sezione in andamento.sezioni:
        righe += [
            "",
            f"### {sezione}",
            "",
            f"| Voce | {' | '.join(anni)} | {intestazione_periodo(andamento)} | Var. % | Note |",
            "|---|" + "---:|" * (len(anni) + 2) + "---|",
        ]
        for r in (r for r in andamento.righe if r.sezione.numero == sezione.numero):
            celle = [r.etichetta, *(_testo_valore(r, a) for a in andamento.anni)]
            celle += [r.testo_delta, r.testo_delta_percentuale]
            celle = [_cella_md(c) for c in celle]
            if r.oltre_soglia:
                celle = [f"**{c}**" for c in celle]
            righe.append("| " + " | ".join([*celle, _cella_md("; ".join(r.note))]) + " |")
    righe += ["", riepilogo_andamento(andamento)]
    return "\n".join(righe) + "\n"


def andamento_csv(andamento: Andamento, dialetto: str = "italiano") -> str:
    """One row per figure: a column per year, then the change from the first to the last."""
    separatore, decimale = _dialetto(dialetto)
    uscita = io.StringIO()
    if dialetto == "excel":
        uscita.write(BOM)
    scrittore = csv.writer(uscita, delimiter=separatore, lineterminator="\r\n")
    scrittore.writerow(
        ["sezione", "codice", "voce", "unita", *(str(a) for a in andamento.anni),
         "variazione", "variazione_percentuale", "oltre_soglia", "stato", "note"]
    )  # fmt: skip
    for r in andamento.righe:
        scrittore.writerow(
            [
                str(r.sezione),
                r.codice or "",
                r.etichetta,
                r.unita.value,
                *(_numero(r.valori.get(a), r.decimali, decimale) for a in andamento.anni),
                _numero(r.delta, r.decimali, decimale),
                _percentuale(r, decimale),
                "sì" if r.oltre_soglia else "no",
                r.stato,
                _note(r),
            ]
        )
    return uscita.getvalue()
