"""A YAML reader that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them and, beside
it, a map from each value's path (``("governo", "soci", "lavoratori")``) to its line and
column, so that a pydantic error can be reported at the right line.

The resolver follows YAML 1.2 rather than PyYAML's YAML 1.1 defaults, because 1.1 turns
``provincia: NO`` into ``False`` and ``durata: 2:31`` into ``151``: only ``true``/``false``
are booleans, and floats become ``Decimal`` from their written text (no binary rounding).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errori import Gravita, Posizione, Problema
from .origini import Letto, Origini, campo

_MAX_BYTES = 5 * 1024 * 1024


class _Resolver(yaml.resolver.Resolver):
    pass


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"),
    list("0123456789"),
)


class _Loader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


def _posizione(nome: str, node: Node) -> Posizione:
    return Posizione(file=nome, riga=node.start_mark.line + 1, colonna=node.start_mark.column + 1)


class _Costruttore:
    def __init__(self, nome: str) -> None:
        self.nome = nome
        self.origini: Origini = {}
        self.problemi: list[Problema] = []

    def valore(self, node: Node, percorso: tuple[Any, ...]) -> Any:
        self.origini[percorso] = _posizione(self.nome, node)
        if isinstance(node, MappingNode):
            return self._mappa(node, percorso)
        if isinstance(node, SequenceNode):
            return [self.valore(figlio, (*percorso, i)) for i, figlio in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalare(node, percorso)

    def _mappa(self, node: MappingNode, percorso: tuple[Any, ...]) -> dict[Any, Any]:
        risultato: dict[Any, Any] = {}
        for nodo_chiave, nodo_valore in node.value:
            if nodo_chiave.tag == "tag:yaml.org,2002:merge":
                self._problema(
                    nodo_chiave,
                    percorso,
                    "Le chiavi di unione YAML (<<) non sono supportate.",
                    "chiavi esplicite",
                )
                continue
            if not isinstance(nodo_chiave, ScalarNode):
                self._problema(
                    nodo_chiave,
                    percorso,
                    "Una chiave deve essere un testo semplice.",
                    "una chiave semplice",
                )
                continue
            chiave = self._scalare(nodo_chiave, percorso)
            if isinstance(chiave, (dt.date, Decimal)):
                chiave = nodo_chiave.value
            figlio = (*percorso, chiave)
            if chiave in risultato:
                prima = self.origini.get(figlio)
                self._problema(
                    nodo_chiave,
                    figlio,
                    f"La chiave «{chiave}» compare due volte"
                    + (f" (la prima alla riga {prima.riga})" if prima else "")
                    + ": il secondo valore cancellerebbe il primo.",
                    "ogni chiave una sola volta",
                    codice="CHIAVE-DUPLICATA",
                )
                continue
            risultato[chiave] = self.valore(nodo_valore, figlio)
            # point errors about a key (e.g. an unknown key) at the key itself
            self.origini[(*figlio, "__chiave__")] = _posizione(self.nome, nodo_chiave)
        return risultato

    def _scalare(self, node: ScalarNode, percorso: tuple[Any, ...]) -> Any:
        tag, testo = node.tag, node.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return testo.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            if testo.startswith("0o"):
                return int(testo[2:], 8)
            if testo.startswith("0x"):
                return int(testo[2:], 16)
            return int(testo)
        if tag == "tag:yaml.org,2002:float":
            try:
                return Decimal(testo)
            except InvalidOperation:
                return testo
        if tag == "tag:yaml.org,2002:timestamp":
            try:
                anno, mese, giorno = (int(p) for p in testo.split("-"))
                return dt.date(anno, mese, giorno)
            except ValueError:
                return testo
        return testo

    def _problema(
        self,
        node: Node,
        percorso: tuple[Any, ...],
        messaggio: str,
        atteso: str,
        codice: str = "SINTASSI",
    ) -> None:
        self.problemi.append(
            Problema(
                codice=codice,
                gravita=Gravita.ERRORE,
                messaggio=messaggio,
                posizione=_posizione(self.nome, node),
                campo=campo(percorso),
                atteso=atteso,
                riferimento="sintassi YAML",
            )
        )


def leggi_yaml(percorso: Path, nome: str | None = None) -> Letto:
    """Read one YAML file: data, where each value came from, and the problems met.

    A syntax error is one problem with line and column; the data is then ``None``.
    """
    nome = nome or str(percorso)
    try:
        grezzo = percorso.read_bytes()
    except OSError as exc:
        return Letto.illeggibile(nome, f"Impossibile leggere il file: {exc.strerror or exc}.")
    if len(grezzo) > _MAX_BYTES:
        return Letto.illeggibile(
            nome,
            f"Il file è troppo grande ({len(grezzo) // 1024} KiB, massimo {_MAX_BYTES // 1024} KiB).",
        )
    try:
        testo = grezzo.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Letto.illeggibile(
            nome,
            f"Il file non è in codifica UTF-8 (byte non valido alla posizione {exc.start}). Salvarlo come UTF-8.",
        )
    try:
        loader = _Loader(testo)
        try:
            radice = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return Letto(
            dati=None,
            origini={},
            problemi=[
                Problema(
                    codice="SINTASSI",
                    gravita=Gravita.ERRORE,
                    messaggio=f"Errore di sintassi YAML: {_traduci_yaml(exc)}.",
                    posizione=Posizione(
                        file=nome,
                        riga=mark.line + 1 if mark else None,
                        colonna=mark.column + 1 if mark else None,
                    ),
                    atteso="YAML valido (indentazione con spazi, «chiave: valore»)",
                    riferimento="sintassi YAML",
                )
            ],
            leggibile=False,
        )
    except yaml.YAMLError as exc:
        return Letto.illeggibile(nome, f"Errore di sintassi YAML: {exc}.")
    costruttore = _Costruttore(nome)
    dati = costruttore.valore(radice, ()) if radice is not None else None
    return Letto(dati=dati, origini=costruttore.origini, problemi=costruttore.problemi)


_TRADUZIONI = [
    (
        "mapping values are not allowed here",
        "«:» inatteso (manca uno spazio dopo i due punti, o l'indentazione è sbagliata?)",
    ),
    ("could not find expected ':'", "manca «:» dopo la chiave"),
    (
        "found character '\\t' that cannot start any token",
        "carattere di tabulazione: indentare con spazi",
    ),
    ("did not find expected key", "indentazione non coerente: attesa una chiave"),
    (
        "did not find expected '-' indicator",
        "indentazione non coerente: atteso un elemento di elenco «-»",
    ),
    ("found undefined alias", "alias non definito"),
    (
        "found unexpected end of stream",
        "fine del file inattesa (virgolette o parentesi non chiuse?)",
    ),
    ("found unexpected ':'", "«:» inatteso"),
    ("expected ',' or '}'", "parentesi graffa «{» non chiusa o virgola mancante"),
    ("expected ',' or ']'", "parentesi quadra «[» non chiusa o virgola mancante"),
    ("expected <block end>, but found", "indentazione non coerente"),
    ("while scanning a quoted scalar", "virgolette non chiuse"),
    (
        "but found another document",
        "il file contiene più documenti YAML («---»): ne serve uno solo",
    ),
]


def _traduci_yaml(exc: yaml.MarkedYAMLError) -> str:
    testo = f"{exc.context or ''} {exc.problem or ''}"
    for inglese, italiano in _TRADUZIONI:
        if inglese in testo:
            return italiano
    return (exc.problem or str(exc)).strip()
