"""Validate read data against the models and say what is wrong in Italian, at the right line.

Pydantic's messages are English and name no line: each error is translated here by its
``type`` and placed with the reader's :data:`~bilancio.lettura.Origini`.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errori import Gravita, Posizione, Problema
from .lettura import Origini, trova_posizione
from .lettura.origini import campo
from .modello.annotazioni import percorre, tipi
from .modello.catalogo import CATALOGO
from .modello.numeri import MAX_CONTEGGIO, MAX_IMPORTO, NumeroNonValido, cifre

M = TypeVar("M", bound=BaseModel)


def valida(
    modello: type[M], dati: Any, origini: Origini, prefisso: tuple[Any, ...] = ()
) -> tuple[M | None, list[Problema]]:
    """Validate ``dati``; return the model (or ``None``) and every problem, translated."""
    try:
        return modello.model_validate(dati), []
    except ValidationError as exc:
        return None, [
            _problema(modello, err, origini, prefisso) for err in exc.errors(include_url=False)
        ]


def percorso_pulito(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith("§")))


def forse(nome: str, candidati: list[str]) -> str:
    """`` Forse intendevi «x»?`` for the candidate closest to ``nome``, or nothing."""
    per_forma = {c.casefold(): c for c in candidati}
    simili = difflib.get_close_matches(nome.casefold(), list(per_forma), n=1, cutoff=0.6)
    return f" Forse intendevi «{per_forma[simili[0]]}»?" if simili else ""


def _problema(
    modello: type[BaseModel], err: Any, origini: Origini, prefisso: tuple[Any, ...]
) -> Problema:
    loc = percorso_pulito(tuple(err["loc"]))
    tipo = err["type"]
    ctx = err.get("ctx") or {}
    valore = err.get("input")
    nome = str(loc[-1]) if loc else ""
    annotazione, info = _campo_modello(modello, loc)
    titolo = info.title if info is not None and info.title else None
    chiave = tipo == "extra_forbidden"
    dichiarato = len(loc) >= 3 and loc[-1] == "[key]" and loc[-3] == "dichiarati"
    if dichiarato:
        loc, chiave = loc[:-1], True
    percorso = (*prefisso, *loc)
    posizione = trova_posizione(origini, percorso, chiave=chiave)
    if posizione is not None and posizione.foglio:
        # a workbook: its words (the label of the row or column, the cell), never the data's keys
        esatta = tuple(percorso) in origini
        return _problema_foglio(
            tipo, ctx, valore, nome, annotazione, titolo, posizione, esatta, percorso
        )
    messaggio, atteso = _traduci(tipo, ctx, valore, nome, annotazione, titolo)
    if tipo == "extra_forbidden":
        ammessi = _campi_ammessi(modello, loc[:-1])
        messaggio += forse(nome, ammessi)
        atteso = "uno tra: " + ", ".join(ammessi) if ammessi else "nessun campo qui"
    if tipo in ("enum", "literal_error") and isinstance(valore, str):
        messaggio += forse(valore, _valori_enum(annotazione).split(", "))
    if dichiarato:
        # a declared figure under a code the catalogue does not have
        nome = str(loc[-1])
        messaggio = f"«{nome}» non è il codice di un indicatore." + forse(
            nome, [i.codice for i in CATALOGO]
        )
        atteso = "un codice della tabella «Gli indicatori» del README, es. lavoratori_quota_donne"
    return Problema(
        codice="SCHEMA",
        gravita=Gravita.ERRORE,
        messaggio=messaggio,
        posizione=posizione,
        campo=campo(percorso),
        trovato=None if tipo == "missing" else _mostra(valore),
        atteso=atteso,
        riferimento="struttura dei dati (schemas/)",
    )


def _problema_foglio(
    tipo: str,
    ctx: dict[str, Any],
    valore: Any,
    nome: str,
    annotazione: Any,
    titolo: str | None,
    posizione: Posizione,
    esatta: bool,
    percorso: tuple[Any, ...],
) -> Problema:
    """A validation error of a workbook cell, told with the sheet's labels and cells."""
    nome_cella = (posizione.intestazione if esatta else None) or titolo or nome
    cella = (
        f"{posizione.foglio}!{posizione.cella}"
        if posizione.cella
        else f"il foglio «{posizione.foglio}»"
    )
    messaggio, atteso = _traduci(tipo, ctx, valore, nome_cella, annotazione, None, foglio=True)
    if tipo == "missing":
        if esatta:
            messaggio = f"Manca «{nome_cella}», obbligatorio: scriverlo in {cella}."
        else:  # a column of a table row, or a part with no cell of its own
            riga = posizione.cella.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if posizione.cella else ""
            messaggio = (
                f"Manca «{nome_cella}», obbligatorio: scriverlo nella colonna «{nome_cella}» "
                f"della riga {riga} del foglio «{posizione.foglio}»."
                if riga
                else f"Manca «{nome_cella}», obbligatorio: compilarlo nel foglio «{posizione.foglio}»."
            )
    if tipo in ("enum", "literal_error"):
        etichette = _etichette_enum(annotazione)
        if etichette:
            atteso = "una voce dell'elenco a discesa: " + "; ".join(etichette)
            if isinstance(valore, str):
                messaggio += forse(valore, etichette)
    return Problema(
        codice="SCHEMA",
        gravita=Gravita.ERRORE,
        messaggio=messaggio,
        posizione=posizione,
        campo=campo(percorso),
        trovato=None if tipo == "missing" else _mostra(valore, foglio=True),
        atteso=atteso,
        riferimento="cartella di lavoro (foglio e cella)",
    )


def _mostra(valore: Any, *, foglio: bool = False) -> str:
    if isinstance(valore, dict):
        return "più valori" if foglio else "una sezione {…}"
    if isinstance(valore, list):
        return "un elenco di voci" if foglio else "un elenco […]"
    if valore is None:
        return "vuoto"
    if isinstance(valore, bool):
        if foglio:
            return "sì" if valore else "no"
        return "true" if valore else "false"
    testo = str(valore)
    if isinstance(valore, str):
        testo = f"«{testo[:60]}{'…' if len(testo) > 60 else ''}»"
    return testo


def _traduci(
    tipo: str,
    ctx: dict[str, Any],
    valore: Any,
    nome: str,
    annotazione: Any,
    titolo: str | None,
    *,
    foglio: bool = False,
) -> tuple[str, str]:
    """The message and what was expected; ``foglio``: in a workbook's words (no YAML syntax)."""
    etichetta = f"«{nome}»" + (f" ({titolo})" if titolo else "")
    if foglio:
        if tipo in ("model_type", "dict_type", "model_attributes_type", "mapping_type"):
            return (
                f"{etichetta}: qui va una parte del foglio, non un valore.",
                "le celle della parte",
            )
        if tipo in ("list_type", "tuple_type", "set_type"):
            return f"{etichetta}: atteso un elenco.", "un elenco, una voce per riga della cella"
        if tipo in ("union_tag_invalid", "union_tag_not_found"):
            return (
                f"{etichetta}: valore non valido.",
                "il valore previsto, oppure il motivo dell'assenza nella sua colonna",
            )
        if tipo == "value_error" and str(ctx.get("error") or "") == "importo_decimali":
            return (
                f"{etichetta}: importo con più di due decimali.",
                "un importo in euro con al massimo 2 decimali",
            )
    if tipo == "missing":
        return f"Manca il campo obbligatorio {etichetta}.", titolo or "un valore"
    if tipo == "extra_forbidden":
        return f"Campo sconosciuto «{nome}».", ""
    if tipo in ("int_parsing", "int_type", "int_from_float"):
        return (
            f"{etichetta}: atteso un numero intero.",
            "un numero intero, senza decimali né separatori",
        )
    if tipo in (
        "decimal_parsing",
        "decimal_type",
        "float_parsing",
        "float_type",
        "finite_number",
        "decimal_whole_digits",
    ):
        return f"{etichetta}: atteso un numero.", "un numero, es. 1234.56 oppure «1.234,56»"
    if tipo in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        simbolo = {
            "greater_than_equal": "≥",
            "greater_than": ">",
            "less_than_equal": "≤",
            "less_than": "<",
        }[tipo]
        limite = next(iter(ctx.values()), "")
        if isinstance(limite, (int, Decimal)) and not isinstance(limite, bool):
            limite = cifre(limite)
        if tipo == "less_than_equal" and _oltre_il_limite(ctx):
            return (
                f"{etichetta}: valore oltre il limite ammesso di {limite}: un limite assurdo più "
                "che insolito, quindi è quasi certamente un errore di battitura (cifre in più?).",
                f"un valore {simbolo} {limite}",
            )
        return (
            f"{etichetta}: valore fuori dall'intervallo ammesso ({simbolo} {limite}).",
            f"un valore {simbolo} {limite}",
        )
    if tipo in ("string_type", "str_type"):
        return f"{etichetta}: atteso un testo.", "un testo"
    if tipo == "string_too_short":
        return (
            f"{etichetta}: il testo è vuoto o troppo breve.",
            f"almeno {ctx.get('min_length', 1)} caratteri",
        )
    if tipo in ("bool_parsing", "bool_type"):
        return f"{etichetta}: atteso sì o no.", "sì / no"
    if tipo.startswith("date") or tipo.startswith("datetime"):
        return f"{etichetta}: attesa una data valida.", "una data, es. 31/12/2025 oppure 2025-12-31"
    if tipo in ("enum", "literal_error"):
        ammessi = _valori_enum(annotazione) or str(ctx.get("expected", ""))
        return f"{etichetta}: valore non ammesso.", f"uno tra: {ammessi}"
    if tipo in ("model_type", "dict_type", "model_attributes_type", "mapping_type"):
        return (
            f"{etichetta}: attesa una sezione di campi («chiave: valore»).",
            "una sezione con chiavi e valori",
        )
    if tipo in ("list_type", "tuple_type", "set_type"):
        return f"{etichetta}: atteso un elenco.", "un elenco, una voce per riga che inizia con «- »"
    if tipo == "string_pattern_mismatch":
        return f"{etichetta}: formato non valido.", _formato_atteso(nome, ctx.get("pattern", ""))
    if tipo == "value_error":
        errore = ctx.get("error")
        if isinstance(errore, NumeroNonValido):
            return f"{etichetta}: {errore.spiegazione}", errore.atteso
        codice = str(errore or "")
        if codice == "importo_decimali":
            return (
                f"{etichetta}: importo con più di due decimali. Il punto è il separatore dei decimali: "
                "per le migliaia scrivere 8924272 oppure «8.924.272» tra virgolette.",
                "un importo in euro con al massimo 2 decimali",
            )
        if codice == "codice_fiscale":
            return (
                f"{etichetta}: codice fiscale non valido (cifra di controllo errata o formato sbagliato).",
                "11 cifre (ente) o 16 caratteri (persona) con cifra di controllo corretta",
            )
        if codice == "partita_iva":
            return (
                f"{etichetta}: partita IVA non valida (cifra di controllo errata).",
                "11 cifre con cifra di controllo corretta",
            )
        if codice == "ateco":
            return f"{etichetta}: codice ATECO non valido.", "un codice come 88.99.00"
        if codice == "dichiarato_una_cifra":
            return (
                f"{etichetta}: indicare una sola cifra stampata: «valore», «variazione» oppure «variazione_percentuale».",
                "es. {valore: 66,2} oppure {variazione_percentuale: 5,04, rispetto_a: 2024}",
            )
        if codice == "dichiarato_rispetto_a":
            return (
                f"{etichetta}: una variazione dichiarata deve dire rispetto a quale anno («rispetto_a»).",
                "es. {variazione: -4, rispetto_a: 2024}",
            )
        if codice == "dichiarato_rispetto_a_senza_variazione":
            return (
                f"{etichetta}: «rispetto_a» vale solo per una variazione: usare «variazione» o «variazione_percentuale».",
                "es. {variazione_percentuale: 5,04, rispetto_a: 2024}",
            )
        if codice.startswith("data inesistente"):
            return f"{etichetta}: {codice}.", "una data esistente"
        return f"{etichetta}: valore non valido ({codice}).", "un valore valido"
    if tipo in ("union_tag_invalid", "union_tag_not_found"):
        return (
            f"{etichetta}: valore non valido.",
            "il valore previsto oppure «non_presente: motivo»",
        )
    return f"{etichetta}: valore non valido.", "un valore del tipo previsto"


def _oltre_il_limite(ctx: dict[str, Any]) -> bool:
    """An error against the bounds of :mod:`bilancio.modello.numeri` (not a field's own range)."""
    limite = ctx.get("le")
    return limite is not None and limite in (MAX_IMPORTO, MAX_CONTEGGIO)


def _formato_atteso(nome: str, pattern: str) -> str:
    return {
        "colore": "un colore esadecimale, es. #c8102e",
        "cap": "5 cifre, es. 26100",
        "provincia": "la sigla di due lettere maiuscole, es. CR",
    }.get(nome, f"un testo nel formato {pattern}")


def _etichette_enum(annotazione: Any) -> list[str]:
    """What a drop-down shows for an enumeration: its members' labels."""
    from .foglio.valori import scelte

    for tipo in tipi(annotazione):
        if isinstance(tipo, type) and issubclass(tipo, Enum):
            return scelte(tipo)
    return []


def _valori_enum(annotazione: Any) -> str:
    for tipo in tipi(annotazione):
        if isinstance(tipo, type) and issubclass(tipo, Enum):
            return ", ".join(str(m.value) for m in tipo)
    return ""


# --- walking the model along an error location ---------------------------------------


def _campo_modello(modello: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, Any]:
    passi = list(percorre(modello, loc))
    if len(passi) != len(loc):
        return None, None
    if not passi:
        return modello, None
    _, annotazione, info = passi[-1]
    return annotazione, info


def _campi_ammessi(modello: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    annotazione, _ = _campo_modello(modello, loc) if loc else (modello, None)
    for tipo in tipi(annotazione):
        if isinstance(tipo, type) and issubclass(tipo, BaseModel):
            if "non_presente" in tipo.model_fields and len(tipo.model_fields) == 1:
                continue
            return list(tipo.model_fields)
    return []
