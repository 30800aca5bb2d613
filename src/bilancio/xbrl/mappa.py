"""From the facts of a deposited instance to the keys of ``economia``.

The element of each line is the one the model's field names (``XBRL itcc-ci: Name`` in
its description), so the model, the JSON Schema, the README table and the import share one
list. Lines the tool cannot verify against the taxonomy files carry "(da verificare)".

What the instance does not hold stays unknown, with two exceptions the filed figures prove:

- a line missing from a block whose total the instance gives, when the lines present
  already add up to that total: the accounts omit zero lines, and here the total shows the
  missing ones are zero (the abbreviato's rolled-up detail, B9 c, d, e or B10 a, b, c,
  is never such a line: that schema has no place for it, so it stays unknown);
- the total of the reserves, which the taxonomy does not have: the reserves present are
  summed when capital + reserves + result equals the net equity the instance gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from ..modello.conto_economico import ContoEconomico
from ..modello.economia import Patrimonio
from .lettore import Fatto, Istanza

__all__ = ["Voce", "VOCI", "DaConti", "cifre_anno", "voce_di"]

_ELEMENTO = re.compile(r"XBRL itcc-ci: (\w+)")
_VOCE_CEE = re.compile(r"\(([^()]*)\)\s*$")


# the balance-sheet items whose titles do not end with the item (art. 2424 c.c., passivo A)
_VOCI_PATRIMONIO = {
    ("patrimonio", "capitale_sociale"): "SP passivo A.I",
    ("patrimonio", "utile_perdita"): "SP passivo A.IX",
    ("patrimonio", "patrimonio_netto"): "SP passivo A",
}
# other spellings met in public mappings of deposited instances, read as the same line
ALIAS = {"PatrimonioNettoRiservaRivalutazione": "PatrimonioNettoRiserveRivalutazione"}


@dataclass(frozen=True)
class Voce:
    elemento: str
    percorso: tuple[str, ...]  # under ``economia``
    titolo: str
    verificato: bool

    @property
    def voce_cee(self) -> str:
        if self.percorso in _VOCI_PATRIMONIO:
            return _VOCI_PATRIMONIO[self.percorso]
        m = _VOCE_CEE.search(self.titolo)
        return m.group(1) if m else ""

    @property
    def chiave(self) -> str:
        return "economia." + ".".join(self.percorso)


def _voci(modello: type[BaseModel], prefisso: tuple[str, ...]) -> Iterator[Voce]:
    for nome, info in modello.model_fields.items():
        tipi = [a for a in getattr(info.annotation, "__args__", (info.annotation,))]
        interno = next((t for t in tipi if isinstance(t, type) and issubclass(t, BaseModel)), None)
        if interno is not None:
            yield from _voci(interno, (*prefisso, nome))
            continue
        m = _ELEMENTO.search(info.description or "")
        if m:
            yield Voce(
                elemento=m.group(1),
                percorso=(*prefisso, nome),
                titolo=info.title or nome,
                verificato="da verificare" not in (info.description or ""),
            )


VOCI: tuple[Voce, ...] = (
    *_voci(ContoEconomico, ("conto_economico",)),
    *_voci(Patrimonio, ("patrimonio",)),
)
_PER_ELEMENTO = {v.elemento: v for v in VOCI}


def voce_di(elemento: str) -> Voce | None:
    return _PER_ELEMENTO.get(ALIAS.get(elemento, elemento))


@dataclass(frozen=True)
class DaConti:
    """A figure of ``economia`` taken from the instance: its value and the facts it comes from."""

    valore: Decimal
    fatti: tuple[Fatto, ...]
    come: str = ""  # "" a fact; otherwise how it was obtained (in Italian)

    @property
    def origine(self) -> str:
        if len(self.fatti) == 1 and not self.come:
            return self.fatti[0].dove
        parti = ", ".join(f.elemento for f in self.fatti)
        return f"{self.come} ({parti})" if parti else self.come


# blocks whose missing lines the total may prove zero: (total, lines); a line may be a block
_CE = ("conto_economico",)
_A = (*_CE, "valore_produzione")
_A5 = (*_A, "altri_ricavi_proventi")
_B = (*_CE, "costi_produzione")
_B9 = (*_B, "personale")
_B10 = (*_B, "ammortamenti_svalutazioni")
_C = (*_CE, "proventi_oneri_finanziari")
_PRIMA_IMPOSTE = (*_CE, "risultato_prima_imposte")
_RISULTATO = (*_CE, "utile_perdita_esercizio")
# a result is a line of its own, not a block with a ``totale``
_RISULTATI = {_PRIMA_IMPOSTE, _RISULTATO}


def _totale(blocco: tuple[str, ...]) -> tuple[str, ...]:
    return blocco if blocco in _RISULTATI else (*blocco, "totale")


def _blocchi(tipo: str) -> list[tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]]]:
    """(block, [(line, sign)]) from the innermost out; a line is a leaf or a block's path."""
    ordinario = tipo == "ordinario"
    b9 = (
        ["salari_stipendi", "oneri_sociali", "trattamento_fine_rapporto", "trattamento_quiescenza", "altri_costi"]
        if ordinario
        else ["salari_stipendi", "oneri_sociali", "tfr_quiescenza_altri_costi"]
    )  # fmt: skip
    b10 = (
        ["ammortamento_immateriali", "ammortamento_materiali", "altre_svalutazioni_immobilizzazioni", "svalutazione_crediti"]
        if ordinario
        else ["ammortamenti_svalutazioni_immobilizzazioni", "svalutazione_crediti"]
    )  # fmt: skip
    return [
        (_A5, [((*_A5, "contributi_conto_esercizio"), 1), ((*_A5, "altri"), 1)]),
        (
            _A,
            [
                ((*_A, "ricavi_vendite_prestazioni"), 1),
                ((*_A, "variazioni_rimanenze_prodotti"), 1),
                ((*_A, "variazioni_lavori_in_corso"), 1),
                ((*_A, "incrementi_immobilizzazioni"), 1),
                (_A5, 1),
            ],
        ),
        (_B9, [((*_B9, n), 1) for n in b9]),
        (_B10, [((*_B10, n), 1) for n in b10]),
        (
            _B,
            [
                ((*_B, "materie_prime"), 1),
                ((*_B, "servizi"), 1),
                ((*_B, "godimento_beni_terzi"), 1),
                (_B9, 1),
                (_B10, 1),
                ((*_B, "variazioni_rimanenze_materie"), 1),
                ((*_B, "accantonamenti_rischi"), 1),
                ((*_B, "altri_accantonamenti"), 1),
                ((*_B, "oneri_diversi_gestione"), 1),
            ],
        ),
        (
            _C,
            [
                ((*_C, "proventi_partecipazioni"), 1),
                ((*_C, "altri_proventi_finanziari"), 1),
                ((*_C, "interessi_oneri_finanziari"), -1),
                ((*_C, "utili_perdite_cambi"), 1),
            ],
        ),
        # the results: (A-B) + C + D before taxes, minus taxes (20) the year's result
        (
            _PRIMA_IMPOSTE,
            [
                ((*_CE, "differenza_valore_costi"), 1),
                (_C, 1),
                ((*_CE, "rettifiche_attivita_passivita_finanziarie"), 1),
            ],
        ),
        (_RISULTATO, [(_PRIMA_IMPOSTE, 1), ((*_CE, "imposte"), -1)]),
    ]


def _in_ordine(cifre: dict[tuple[str, ...], DaConti]) -> dict[tuple[str, ...], DaConti]:
    """The figures in the order of the statement and of the balance sheet (as the model)."""
    posto: dict[tuple[str, ...], float] = {v.percorso: i for i, v in enumerate(VOCI)}
    posto[("patrimonio", "riserve")] = posto[("patrimonio", "utile_perdita")] - 0.5
    return dict(sorted(cifre.items(), key=lambda kv: posto.get(kv[0], len(posto))))


def cifre_anno(istanza: Istanza, anno: int) -> tuple[dict[tuple[str, ...], DaConti], list[str]]:
    """The figures of ``economia`` for a financial year, by path, and the elements not used."""
    fatti = istanza.valori(anno)
    cifre: dict[tuple[str, ...], DaConti] = {}
    non_usati: list[str] = []
    for elemento, fatto in fatti.items():
        voce = voce_di(elemento)
        if voce is None:
            non_usati.append(elemento)
            continue
        assert fatto.valore is not None
        cifre[voce.percorso] = DaConti(fatto.valore, (fatto,))
    if not cifre:
        return cifre, non_usati

    blocchi = _blocchi(istanza.tipo)
    valore_blocco: dict[tuple[str, ...], DaConti] = {}

    nomi_blocchi = {b for b, _ in blocchi}

    def valore(p: tuple[str, ...]) -> DaConti | None:
        if p in nomi_blocchi:
            return cifre.get(_totale(p)) or valore_blocco.get(p)
        return cifre.get(p)

    for blocco, linee in blocchi:
        totale = cifre.get(_totale(blocco))
        note = [(p, s, valore(p)) for p, s in linee]
        presenti = [(p, s, v) for p, s, v in note if v is not None]
        if totale is None:
            if presenti and len(presenti) == len(note):
                somma = sum((s * v.valore for _, s, v in presenti), Decimal(0))
                valore_blocco[blocco] = DaConti(
                    somma, tuple(f for _, _, v in presenti for f in v.fatti), "somma delle voci"
                )
            continue
        somma = sum((s * v.valore for _, s, v in presenti), Decimal(0))
        if somma != totale.valore or len(presenti) == len(note):
            continue
        for p, _, v in note:
            if v is not None:
                continue
            zero = DaConti(Decimal(0), (totale.fatti[0],), "voce assente, a zero per il totale")
            cifre[_totale(p) if p in nomi_blocchi else p] = zero

    _riserve(cifre)
    return _in_ordine(cifre), sorted(non_usati)


def _riserve(cifre: dict[tuple[str, ...], DaConti]) -> None:
    pn = cifre.get(("patrimonio", "patrimonio_netto"))
    capitale = cifre.get(("patrimonio", "capitale_sociale"))
    utile = cifre.get(("patrimonio", "utile_perdita")) or cifre.get(
        ("conto_economico", "utile_perdita_esercizio")
    )
    parti = [cifre[("patrimonio", k)] for k in Patrimonio.RISERVE if ("patrimonio", k) in cifre]
    if pn is None or capitale is None or utile is None:
        return
    somma = sum((p.valore for p in parti), Decimal(0))
    if capitale.valore + somma + utile.valore != pn.valore:
        return
    cifre[("patrimonio", "riserve")] = DaConti(
        somma,
        tuple(f for p in parti for f in p.fatti),
        "somma delle riserve" if parti else "nessuna riserva nel patrimonio netto",
    )


def annidato(cifre: dict[tuple[str, ...], DaConti]) -> dict[str, Any]:
    """The figures as the nested mapping of a year file's ``economia``."""
    out: dict[str, Any] = {}
    for percorso, c in cifre.items():
        nodo = out
        for parte in percorso[:-1]:
            nodo = nodo.setdefault(parte, {})
        nodo[percorso[-1]] = c.valore
    return out
