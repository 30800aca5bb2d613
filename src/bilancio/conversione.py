"""Convert a year between YAML and XLSX, in either direction, without losing data.

The source is read and validated against the model (the structure only: rule violations
such as a wrong total are data, and are converted as they are); the destination is
written from the validated model with only the fields the source set, so
YAML -> XLSX -> YAML gives the same data. The destination is written atomically: a
failed conversion leaves no partial file, and an existing file is replaced only when
asked (``forza``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from .errori import (
    ConversioneNonRiuscita,
    DestinazioneEsistente,
    Gravita,
    InputIlleggibile,
    Problema,
    UscitaNonScrivibile,
)
from .lettura import leggi
from .lettura.yaml import _Resolver
from .modello import Anno
from .scrittura import controlla_cartella, scrivi_atomico
from .validazione import valida

ESTENSIONI_YAML = (".yaml", ".yml")
ESTENSIONI = (*ESTENSIONI_YAML, ".xlsx")


# --- reading a year, whatever its format ------------------------------------------------


def leggi_anno(percorso: Path, avvisi: list[Problema] | None = None) -> Anno:
    """A year file (YAML or XLSX) as a validated :class:`Anno`, or :class:`ConversioneNonRiuscita`.

    The reader's warnings (e.g. a workbook column it could not place) go to ``avvisi``.
    """
    if not percorso.is_file():
        raise InputIlleggibile(f"Il file «{percorso}» non esiste.")
    if percorso.suffix.lower() not in ESTENSIONI:
        raise InputIlleggibile(f"«{percorso.name}»: attesi un file .yaml, .yml o .xlsx.")
    letto = leggi(percorso, str(percorso))
    if not letto.leggibile:
        raise ConversioneNonRiuscita(
            f"Impossibile leggere {percorso}.", letto.problemi, leggibile=False
        )
    errori = [p for p in letto.problemi if p.gravita is Gravita.ERRORE]
    if avvisi is not None:
        avvisi += [p for p in letto.problemi if p.gravita is not Gravita.ERRORE]
    if not isinstance(letto.dati, dict):
        raise ConversioneNonRiuscita(
            f"{percorso} non contiene i dati di un anno.", errori, leggibile=False
        )
    modello, problemi = valida(Anno, letto.dati, letto.origini)
    errori += problemi
    if errori or modello is None:
        n = len(errori)
        raise ConversioneNonRiuscita(
            f"{percorso}: {n} {'errore' if n == 1 else 'errori'} di struttura; correggerli prima di convertire.",
            errori,
        )
    return modello


def dati_impostati(anno: Anno) -> dict[str, Any]:
    """The fields the source actually wrote (defaults left out), as plain Python data."""
    return anno.model_dump(mode="python", exclude_unset=True)


# --- YAML out ----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting also what bilancio's YAML 1.2 reader would not read as text."""


for _primo, _regole in _Resolver.yaml_implicit_resolvers.items():
    for _tag, _regexp in _regole:
        _Dumper.add_implicit_resolver(_tag, _regexp, [_primo])


def _rappresenta_decimale(dumper: yaml.SafeDumper, valore: Decimal) -> yaml.Node:
    testo = format(valore, "f")
    if valore == valore.to_integral_value() and "." not in testo:
        return dumper.represent_scalar("tag:yaml.org,2002:int", testo)
    return dumper.represent_scalar("tag:yaml.org,2002:float", testo)


def _rappresenta_testo(dumper: yaml.SafeDumper, valore: str) -> yaml.Node:
    if "\n" in valore:
        return dumper.represent_scalar("tag:yaml.org,2002:str", valore, style="|")
    return dumper.represent_str(valore)


def _rappresenta_enum(dumper: yaml.SafeDumper, valore: Enum) -> yaml.Node:
    return dumper.represent_data(valore.value)


def _rappresenta_data(dumper: yaml.SafeDumper, valore: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", valore.isoformat())


_Dumper.add_representer(Decimal, _rappresenta_decimale)
_Dumper.add_representer(str, _rappresenta_testo)
_Dumper.add_multi_representer(Enum, _rappresenta_enum)
_Dumper.add_representer(dt.date, _rappresenta_data)


def _semplifica(dati: Any) -> Any:
    if isinstance(dati, dict):
        return {(k.value if isinstance(k, Enum) else k): _semplifica(v) for k, v in dati.items()}
    if isinstance(dati, (list, tuple)):
        return [_semplifica(v) for v in dati]
    if isinstance(dati, Enum):
        return dati.value
    return dati


def _forme_brevi(dati: dict[str, Any]) -> dict[str, Any]:
    """A declared figure that is only a value is written as the value (``quota: 66.2``)."""
    anni = [dati, *(dati.get("anni_precedenti") or {}).values()]
    for d in anni:
        dichiarati = d.get("dichiarati") if isinstance(d, dict) else None
        if not isinstance(dichiarati, dict):
            continue
        for codice, dichiarato in dichiarati.items():
            if isinstance(dichiarato, dict) and list(dichiarato) == ["valore"]:
                dichiarati[codice] = dichiarato["valore"]
    return dati


def yaml_anno(anno: Anno, intestazione: str | None = None) -> str:
    """The YAML text of a year, keys in the order of the guidelines."""
    testo = yaml.dump(
        _forme_brevi(_semplifica(dati_impostati(anno))),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    # a blank line before each section, as in hand-written files
    corpo: list[str] = []
    for riga in testo.splitlines():
        sezione = riga[:1] not in ("", " ", "-", "#") and riga.endswith(":")
        if sezione and corpo:
            corpo.append("")
        corpo.append(riga)
    righe = [f"# {r}" for r in (intestazione or "").splitlines()]
    return "\n".join([*righe, *corpo]) + "\n"


def xlsx_anno(anno: Anno) -> bytes:
    """The workbook of a year, formatted like the template, with drop-down lists."""
    from .foglio.cartella import cartella_bytes

    return cartella_bytes(dati_impostati(anno), anno.anno, righe_libere=5)


# --- convert -----------------------------------------------------------------------------


def converti(
    sorgente: str | Path,
    destinazione: str | Path,
    *,
    forza: bool = False,
    avvisi: list[Problema] | None = None,
) -> Path:
    """Convert a year file between YAML and XLSX (by the destination's extension).

    Warnings met reading the source (data it had to ignore) are added to ``avvisi``.
    """
    sorgente, destinazione = Path(sorgente), Path(destinazione)
    tipo = destinazione.suffix.lower()
    if tipo not in ESTENSIONI:
        raise InputIlleggibile(
            f"Destinazione «{destinazione.name}»: l'estensione deve essere .yaml, .yml o .xlsx."
        )
    if destinazione.exists() and sorgente.exists() and destinazione.resolve() == sorgente.resolve():
        raise InputIlleggibile("La destinazione coincide con la sorgente.")
    if destinazione.is_dir():
        raise UscitaNonScrivibile(
            f"La destinazione «{destinazione}» è una cartella: indicare un file, es. 2025.xlsx.",
            str(destinazione),
        )
    controlla_cartella(destinazione.parent)
    if destinazione.exists() and not forza:
        raise DestinazioneEsistente(
            f"«{destinazione}» esiste già: usare --force per sostituirlo (il file attuale verrebbe perso)."
        )
    anno = leggi_anno(sorgente, avvisi)
    m = re.fullmatch(r"(\d{4})", destinazione.stem)
    if m and int(m.group(1)) != anno.anno:
        raise InputIlleggibile(
            f"Il file di destinazione si chiama {destinazione.name} ma i dati sono dell'anno {anno.anno}: "
            f"chiamarlo {anno.anno}{destinazione.suffix}."
        )
    if tipo == ".xlsx":
        contenuto = xlsx_anno(anno)
    else:
        contenuto = yaml_anno(
            anno,
            f"Bilancio sociale {anno.anno} — convertito da {sorgente.name} con «bilancio convert».",
        ).encode("utf-8")
    scrivi_atomico(destinazione, contenuto)
    return destinazione
