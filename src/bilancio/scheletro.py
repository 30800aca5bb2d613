"""New cooperative folders (``bilancio init``): commented YAML skeletons or a blank workbook.

The skeletons are generated from the models, so every item of the guidelines is there,
with its Italian title and explanation as a comment, and a new field appears by itself.
A fresh skeleton passes the structure checks: sections whose fields are all optional are
written out with their defaults, sections that need a value (a date, a name) and the
items of lists are written as comments to fill in.
"""

from __future__ import annotations

import datetime as dt
import textwrap
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .conversione import _Dumper, _semplifica
from .errori import CartellaEsistente, UscitaNonScrivibile
from .foglio.layout import ELENCO, SCELTA, colonna_scalare, forma, titolo_campo
from .modello import Anno, Ente
from .modello.annotazioni import e_modello
from .prosecuzione import Prosecuzione, anni_della_cartella, istruzioni, precedente, prosegui
from .scrittura import scrivi_insieme

COLONNA_COMMENTO = 44
FORMA_PREDEFINITA = "cooperativa sociale"


def anno_di_riferimento(oggi: dt.date | None = None) -> int:
    """The year a report is drafted for now: the last closed financial year."""
    return (oggi or dt.date.today()).year - 1


def _scalare(valore: Any) -> str:
    if isinstance(valore, Enum):
        valore = valore.value
    testo = yaml.dump(
        valore, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=1000
    )
    return testo.removesuffix("\n").removesuffix("\n...").strip()


def _predefinito(info: FieldInfo) -> tuple[bool, Any]:
    if info.default_factory is not None:
        return True, info.default_factory()  # type: ignore[call-arg]
    if info.default is PydanticUndefined:
        return False, None
    return True, info.default


def _commento(nome: str, info: FieldInfo) -> str:
    f = forma(info.annotation, info)
    titolo = titolo_campo(nome, info)
    parti = [titolo.split(". ", 1)[-1] if titolo[:1].isdigit() else titolo]
    if info.description:
        parti.append(info.description)
    c = colonna_scalare((nome,), "", f, info)
    if c is not None and c.tipo == SCELTA and c.scelte is not None:
        parti.append("valori: " + ", ".join(str(m.value) for m in c.scelte))
    elif c is not None and c.tipo == "data":
        parti.append("data, es. 31/12/2025")
    elif c is not None and c.tipo == "sino":
        parti.append("sì / no")
    elif c is not None and c.tipo == "euro":
        parti.append("euro")
    if f.voce:
        parti.append("se assente: {non_presente: motivo}")
    if info.is_required():
        parti.append("obbligatorio")
    return " — ".join(parti)


@dataclass
class _Righe:
    righe: list[str]

    def aggiungi(self, testo: str, commento: str = "", commentato: bool = False) -> None:
        if commentato:
            indent = len(testo) - len(testo.lstrip())
            testo = " " * indent + "# " + testo.lstrip()
        if commento:
            testo = testo.ljust(COLONNA_COMMENTO) + "  # " + commento
        self.righe.append(testo.rstrip())


def _componibile(modello: type[BaseModel]) -> bool:
    """True when the model validates with no value at all (every field optional)."""
    return not any(info.is_required() for info in modello.model_fields.values())


def _modello(
    out: _Righe, modello: type[BaseModel], indent: int, commentato: bool, valori: dict[str, Any]
) -> None:
    pref = "  " * indent
    for nome, info in modello.model_fields.items():
        f = forma(info.annotation, info)
        commento = _commento(nome, info)
        ha_default, default = _predefinito(info)
        if nome in valori:
            out.aggiungi(f"{pref}{nome}: {_scalare(valori[nome])}", commento, commentato)
            continue
        c = colonna_scalare((nome,), "", f, info)
        if c is not None and c.tipo != ELENCO:
            testo = _scalare(default) if ha_default and default is not None else ""
            out.aggiungi(f"{pref}{nome}: {testo}".rstrip(), commento, commentato)
        elif c is not None:
            out.aggiungi(
                f"{pref}{nome}: []",
                commento + " — elenco: [testo, testo] oppure una riga «- testo» per voce",
                commentato,
            )
        elif e_modello(f.tipo):
            figlio = f.tipo
            if _componibile(figlio) and not f.opzionale:
                out.aggiungi(f"{pref}{nome}:", commento, commentato)
                _modello(out, figlio, indent + 1, commentato, {})
            elif _componibile(figlio) and not commentato:
                out.aggiungi(f"{pref}{nome}:", commento)
                _modello(out, figlio, indent + 1, False, {})
            else:
                out.aggiungi(f"{pref}{nome}:", commento, commentato)
                _modello(out, figlio, indent + 1, True, {})
        elif typing.get_origin(f.tipo) is list:
            (interno,) = typing.get_args(f.tipo)
            out.aggiungi(
                f"{pref}{nome}: []",
                commento + " — elenco: togliere [] e compilare l'esempio sotto (senza #)",
                commentato,
            )
            elemento = forma(interno).tipo
            if e_modello(elemento):
                _esempio(out, elemento, pref + "  ")
        elif typing.get_origin(f.tipo) is dict:
            chiave, _ = typing.get_args(f.tipo)
            tk = forma(chiave).tipo
            esempio = (
                next(iter(tk)).value if isinstance(tk, type) and issubclass(tk, Enum) else "nome"
            )
            out.aggiungi(f"{pref}{nome}: {{}}", commento, commentato)
            if isinstance(tk, type) and issubclass(tk, Enum):
                out.aggiungi(
                    f"{pref}  {esempio}: 0", "chiavi: " + ", ".join(str(m.value) for m in tk), True
                )
            else:
                out.aggiungi(f"{pref}  {esempio}: 0", "", True)


def _esempio(out: _Righe, modello: type[BaseModel], pref: str) -> None:
    """A commented example item of a list: its scalar fields."""
    primo = True
    for nome, info in modello.model_fields.items():
        f = forma(info.annotation, info)
        c = colonna_scalare((nome,), "", f, info)
        if c is None:
            continue
        ha_default, default = _predefinito(info)
        valore = (
            "[]"
            if c.tipo == ELENCO
            else (_scalare(default) if ha_default and default is not None else "")
        )
        trattino = "- " if primo else "  "
        primo = False
        out.aggiungi(f"{pref}# {trattino}{nome}: {valore}".rstrip(), _commento(nome, info))


INTESTAZIONE = """\
Compilare i valori dopo i due punti; il commento a destra spiega ogni voce (linee guida, DM 4 luglio 2019).
Le righe che iniziano con # sono esempi o sezioni da compilare: togliere il # per usarle.
Una voce che la cooperativa non ha si dichiara assente con il motivo: {non_presente: motivo}.
Importi in euro (8924272 oppure 8924272.50), conteggi interi, date 31/12/2025.
Controllo: bilancio check CARTELLA"""


def yaml_ente(denominazione: str | None) -> str:
    """A commented ente.yaml skeleton (section 2 of the guidelines)."""
    out = _Righe([f"# {r}" for r in INTESTAZIONE.splitlines()])
    out.righe.append(
        "# 2. Informazioni generali sull'ente: cambiano di rado, valgono per tutti gli anni."
    )
    out.righe.append("")
    valori: dict[str, Any] = {"forma_giuridica": FORMA_PREDEFINITA}
    if denominazione:
        valori["denominazione"] = denominazione
    _modello(out, Ente, 0, False, valori)
    return "\n".join(out.righe) + "\n"


def yaml_anno(anno: int) -> str:
    """A commented ANNO.yaml skeleton: every section of the guidelines, in order."""
    out = _Righe([f"# {r}" for r in INTESTAZIONE.splitlines()])
    out.righe.append(
        f"# Bilancio sociale {anno}: sezioni 1 e 3-8 delle linee guida (la 2 è in ente.yaml)."
    )
    out.righe.append("")
    for nome, info in Anno.model_fields.items():
        if nome == "ente":
            continue
        f = forma(info.annotation, info)
        if nome == "anno":
            out.aggiungi(f"anno: {anno}", _commento(nome, info))
        elif e_modello(f.tipo):
            out.righe.append("")
            modello_figlio: type[BaseModel] = f.tipo
            if _componibile(modello_figlio):
                out.aggiungi(f"{nome}:", _commento(nome, info))
                _modello(out, modello_figlio, 1, False, {})
            else:
                out.aggiungi(f"{nome}:", _commento(nome, info))
                _modello(out, modello_figlio, 1, True, {})
        elif nome == "anni_precedenti":
            out.righe.append("")
            out.aggiungi("anni_precedenti: {}", _commento(nome, info))
            out.aggiungi(
                f"  {anno - 1}:",
                "stesse chiavi del file dell'anno, solo i dati da confrontare",
                True,
            )
            out.aggiungi("    governo: {soci: {lavoratori: 0, volontari: 0}}", "", True)
            out.aggiungi("    economia: {valore_produzione: 0}", "", True)
        elif nome == "dichiarati":
            out.righe.append("")
            out.aggiungi("dichiarati: {}", _commento(nome, info))
            out.aggiungi("  lavoratori_quota_donne: 0", "la cifra come è stampata nel report", True)
            out.aggiungi(
                f"  valore_produzione: {{variazione_percentuale: 0, rispetto_a: {anno - 1}}}",
                "una variazione stampata",
                True,
            )
        else:
            out.aggiungi(f"{nome}:", _commento(nome, info))
    return "\n".join(out.righe) + "\n"


def xlsx_anno(anno: int, denominazione: str | None, con_ente: bool = True) -> bytes:
    """A blank workbook for ``anno``; the Ente sheet pre-filled when ``con_ente``."""
    from .foglio.cartella import cartella_bytes

    dati: dict[str, Any] = {"anno": anno}
    if con_ente:
        dati["ente"] = {"forma_giuridica": FORMA_PREDEFINITA}
        if denominazione:
            dati["ente"]["denominazione"] = denominazione
    return cartella_bytes(dati, anno)


class _DumperVuoti(_Dumper):
    """The YAML dumper that writes an emptied figure as nothing after the colon."""


_DumperVuoti.add_representer(
    type(None), lambda d, _: d.represent_scalar("tag:yaml.org,2002:null", "")
)


def yaml_prosecuzione(p: Prosecuzione) -> str:
    """The YAML text of a year started from the previous one, saying what was carried over."""
    testo = yaml.dump(
        _semplifica(p.dati),
        Dumper=_DumperVuoti,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    corpo: list[str] = []
    for riga in testo.splitlines():
        if riga[:1] not in ("", " ", "-", "#") and riga.endswith(":") and corpo:
            corpo.append("")  # a blank line before each section
        corpo.append(riga.rstrip())
    intestazione = [
        *istruzioni(p),
        "Una cifra non nota si toglie (riga intera): ignota non è zero.",
    ]
    righe = [
        f"# {r}" for testo in intestazione for r in textwrap.wrap(testo, 96, subsequent_indent="  ")
    ]
    return "\n".join([*righe, "", *corpo]) + "\n"


def crea(
    cartella: str | Path,
    denominazione: str | None = None,
    *,
    anno: int | None = None,
    xlsx: bool = False,
    forza: bool = False,
) -> list[Path]:
    """Create a cooperative's folder with the skeleton of the reference year; the files written.

    In a folder that already has an earlier year, the new year starts from the latest one
    (:mod:`bilancio.prosecuzione`), in that year's format unless ``xlsx`` asks for a workbook.
    """
    cartella = Path(cartella)
    anno = anno or anno_di_riferimento()
    if cartella.exists() and not cartella.is_dir():
        raise UscitaNonScrivibile(
            f"«{cartella}» esiste e non è una cartella: indicare una cartella da creare o esistente.",
            str(cartella),
        )
    ente = cartella / "ente.yaml"
    file: dict[Path, bytes] = {}
    esistenti_anni = anni_della_cartella(cartella)
    if anno in esistenti_anni and not forza:
        prossimo = max(esistenti_anni) + 1
        raise CartellaEsistente(
            f"In «{cartella}» c'è già {esistenti_anni[anno].name}: per avviare l'anno successivo "
            f"usare --year {prossimo} (riprende dall'ultimo anno ciò che cambia di rado); "
            "--force lo sostituisce."
        )
    sorgente = precedente(cartella, anno)
    if sorgente is not None:
        p = prosegui(sorgente, anno)
        if xlsx or sorgente.suffix.lower() == ".xlsx":
            from .foglio.cartella import cartella_bytes

            file[cartella / f"{anno}.xlsx"] = cartella_bytes(
                p.dati, anno, righe_libere=5, premessa=istruzioni(p)
            )
        else:
            file[cartella / f"{anno}.yaml"] = yaml_prosecuzione(p).encode("utf-8")
    elif xlsx:
        file[cartella / f"{anno}.xlsx"] = xlsx_anno(anno, denominazione, con_ente=not ente.exists())
    else:
        if not ente.exists():  # an existing entity file is kept: it serves every year
            file[ente] = yaml_ente(denominazione).encode("utf-8")
        file[cartella / f"{anno}.yaml"] = yaml_anno(anno).encode("utf-8")
    altri = [cartella / f"{anno}{e}" for e in (".yaml", ".yml", ".xlsx")]
    conflitti = [p for p in altri if p.exists() and p not in file]
    if conflitti:
        raise CartellaEsistente(
            f"In «{cartella}» c'è già {conflitti[0].name} per l'anno {anno}: un anno va in un solo file, YAML oppure XLSX."
        )
    esistenti = [p for p in file if p.exists()]
    if esistenti and not forza:
        nomi = ", ".join(p.name for p in esistenti)
        raise CartellaEsistente(
            f"In «{cartella}» ci sono già {nomi}: usare --force per sostituirli."
        )
    scrivi_insieme(file)  # ente.yaml and the year together, or neither
    return list(file)
