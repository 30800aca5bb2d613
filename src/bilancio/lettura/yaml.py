"""A YAML reader that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them and, beside
it, a map from each value's path (``("governo", "soci", "lavoratori")``) to its line and
column, so that a pydantic error can be reported at the right line.

The events come from libyaml's parser when PyYAML was built with it (ten times faster than
the pure-Python scanner: most of a ``check``'s reading); the composer, and so the limits
and every place, stay ours. A text libyaml refuses is read again by the pure-Python
parser, whose messages are the ones translated here; without libyaml that parser reads
everything (``tests/test_lettura_libyaml.py`` compares the two).

The resolver follows YAML 1.2 rather than PyYAML's YAML 1.1 defaults, because 1.1 turns
``provincia: NO`` into ``False`` and ``durata: 2:31`` into ``151``: only ``true``/``false``
are booleans, and floats become ``Decimal`` from their written text (no binary rounding).

Hostile input is refused while composing, before anything is built from it, with a
located Italian message (the README's security section lists the limits):

* a file larger than :data:`MAX_BYTES`;
* a control character (NUL, ESC...) anywhere in the text, or written as an escape
  (``"\\x00"``) inside a quoted value;
* nesting deeper than :data:`MAX_PROFONDITA` (PyYAML's composer recurses per level, so
  ``[[[[...`` would otherwise end in ``RecursionError``);
* more than :data:`MAX_ALIAS` aliases, an alias used inside the value it names, or a
  document that, once its aliases are expanded, holds more than :data:`MAX_NODI` values
  (an alias bomb, "billion laughs", is refused at the alias that crosses the limit, in
  bounded memory: the expansion is counted, never performed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errori import Gravita, InputRifiutato, Posizione, Problema
from .origini import Letto, Origini, campo

# limits: the largest example year file is 44 KiB with about 1.200 values; these are
# absurd rather than merely unusual for a bilancio sociale
MAX_BYTES = 2 * 1024 * 1024  # size of the file
MAX_PROFONDITA = 50  # levels of nesting (the data model has fewer than 10)
MAX_ALIAS = 100  # alias references (*nome) in one file
MAX_NODI = 50_000  # values (scalars, lists, sections) once aliases are expanded
_MAX_CIFRE = 40  # a longer integer is kept as written: the models refuse it, with their bound

# characters YAML does not allow in a stream (PyYAML's Reader.NON_PRINTABLE), and the control
# characters a quoted value must not produce through escapes (tab and line breaks are text)
_NON_STAMPABILE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_CONTROLLO = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NOMI_CONTROLLO = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "backspace",
    0x0B: "tabulazione verticale",
    0x0C: "salto pagina",
    0x1B: "ESC",
    0x7F: "DEL",
}


def nome_carattere(carattere: str) -> str:
    """``U+0000 (NUL)``: how a message names an invisible character."""
    codice = ord(carattere)
    nome = _NOMI_CONTROLLO.get(codice)
    return f"U+{codice:04X}" + (f" ({nome})" if nome else "")


def riga_colonna(testo: str, indice: int) -> tuple[int, int]:
    """Line and column (1-based) of ``testo[indice]``, counting line breaks as YAML does."""
    righe = re.split("\r\n|[\n\r\x85\u2028\u2029]", testo[:indice])
    return len(righe), len(righe[-1]) + 1


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


class _Limiti(yaml.composer.Composer):
    """PyYAML's composer, with the limits applied while each node is composed.

    Whatever gives it the events (PyYAML's own parser, or libyaml's) the nodes, their
    places and the limits are the same: the composer is this one.
    """

    def __init__(self) -> None:
        yaml.composer.Composer.__init__(self)
        self.profondita = 0
        self.alias = 0
        self.espansi = 0  # values of the document as it would be once aliases are expanded
        self.dimensioni: dict[int, int] = {}  # id(node) -> values it expands to, once complete

    if TYPE_CHECKING:  # given by the parser it is mixed with

        def peek_event(self) -> yaml.Event: ...
        def dispose(self) -> None: ...

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        evento = self.peek_event()
        if isinstance(evento, yaml.AliasEvent):
            nodo = self.anchors.get(evento.anchor) if evento.anchor is not None else None
            if nodo is not None:  # an undefined alias is PyYAML's (translated) error
                self._alias(evento, nodo)
            return super().compose_node(parent, index)
        self.profondita += 1
        if self.profondita > MAX_PROFONDITA:
            raise InputRifiutato(
                f"Annidamento troppo profondo: oltre {MAX_PROFONDITA} livelli di sezioni o elenchi "
                "uno dentro l'altro. Non è la struttura di un bilancio sociale; il file non viene letto.",
                evento.start_mark,
                f"al massimo {MAX_PROFONDITA} livelli di annidamento",
            )
        self._conta(1, evento.start_mark, alias=False)
        try:
            nodo = super().compose_node(parent, index)
        finally:
            self.profondita -= 1
        dimensione = 1
        if isinstance(nodo, SequenceNode):
            dimensione += sum(self.dimensioni[id(figlio)] for figlio in nodo.value)
        elif isinstance(nodo, MappingNode):
            dimensione += sum(
                self.dimensioni[id(k)] + self.dimensioni[id(v)] for k, v in nodo.value
            )
        self.dimensioni[id(nodo)] = dimensione
        return nodo

    def _alias(self, evento: yaml.AliasEvent, nodo: Node) -> None:
        self.alias += 1
        if self.alias > MAX_ALIAS:
            raise InputRifiutato(
                f"Troppi alias YAML («*{evento.anchor}»): il file ne usa più di {MAX_ALIAS}. "
                "Scrivere i valori per esteso.",
                evento.start_mark,
                f"al massimo {MAX_ALIAS} alias",
            )
        dimensione = self.dimensioni.get(id(nodo))
        if dimensione is None:  # the anchored node is still being composed
            raise InputRifiutato(
                f"L'alias «*{evento.anchor}» è usato dentro il valore che esso stesso indica "
                f"(«&{evento.anchor}»): una struttura infinita, non viene letta.",
                evento.start_mark,
                "un alias a un valore già completo",
            )
        # the alias repeats the whole anchored value: it counts that many values, though
        # nothing is copied (a "billion laughs" stops here, before any expansion)
        self._conta(dimensione, evento.start_mark, alias=True)

    def _conta(self, valori: int, mark: Any, *, alias: bool) -> None:
        self.espansi += valori
        if self.espansi <= MAX_NODI:
            return
        if alias:
            raise InputRifiutato(
                f"Gli alias YAML (&nome e *nome) espandono il file oltre {MAX_NODI:_} valori "
                "(un «alias bomb», detto anche «billion laughs»?): non viene letto.".replace(
                    "_", "."
                ),
                mark,
                f"al massimo {MAX_NODI:_} valori, alias compresi".replace("_", "."),
            )
        raise InputRifiutato(
            f"Il file contiene oltre {MAX_NODI:_} valori: dimensioni assurde per un bilancio "
            "sociale, non viene letto.".replace("_", "."),
            mark,
            f"al massimo {MAX_NODI:_} valori".replace("_", "."),
        )


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Limiti, _Resolver):
    """PyYAML in pure Python: its parser's events, composed by :class:`_Limiti`."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Limiti.__init__(self)
        _Resolver.__init__(self)


_LoaderC: Callable[[str], _Limiti] | None = None
# why libyaml's reader stops, for PyYAML's (never shown: the pure-Python parser reads the text)
_A_PYYAML = "un testo che libyaml leggerebbe diversamente da PyYAML"
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LoaderLibyaml(_Limiti, CParser, _Resolver):
        """libyaml's parser (in C: reading takes a fifth of the time) gives the events, with
        each one's line and column, and :class:`_Limiti` composes them: only the scanning
        changes.

        Its messages are libyaml's, not those translated in :data:`_TRADUZIONI`: a text it
        refuses is read again by :class:`_Loader`, which says why as it always has. So is a
        text the two parsers read differently (``tests/test_lettura_libyaml.py`` and
        ``tests/test_fuzz.py`` compare them): the reading stops, for PyYAML, at an explicit
        tag, at an empty value or a «?» inside [...] or {...}, and at a value placed at the
        end of a file without a final line break.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Limiti.__init__(self)
            _Resolver.__init__(self)
            self.testo = stream
            self.domande = "?" in stream
            self.a_capo_finale = stream.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))
            self.flusso = 0  # [...] and {...} open around the node being composed

        def compose_node(self, parent: Node | None, index: Any) -> Node | None:
            evento = self.peek_event()
            if getattr(evento, "tag", None) is not None:
                # an explicit tag (``!!str``, ``!``...), which no bilancio file needs: the
                # two scan tags differently (``chiave: !`` is null for PyYAML, an empty
                # text for libyaml; ``!:!`` a tag for libyaml, an error for PyYAML)
                raise yaml.YAMLError(_A_PYYAML)
            if (
                self.flusso
                and isinstance(evento, yaml.ScalarEvent)
                and not (evento.value or evento.style)
            ):
                # an empty value inside [...] or {...} (``{non_presente: }``): PyYAML places
                # it right after «:», libyaml at what follows
                raise yaml.YAMLError(_A_PYYAML)
            flusso = int(isinstance(evento, yaml.CollectionStartEvent) and bool(evento.flow_style))
            self.flusso += flusso
            try:
                nodo = super().compose_node(parent, index)
            finally:
                self.flusso -= flusso
            # a file not ending with a line break: libyaml places the end of the stream on
            # a line after the last, PyYAML at the end of the last; a value placed there
            # (the empty value of a last ``? chiave``) is left to PyYAML, for its line
            if (
                nodo is not None
                and not self.a_capo_finale
                and nodo.start_mark is not None
                and nodo.start_mark.index >= len(self.testo)
            ):
                raise yaml.YAMLError(_A_PYYAML)
            # inside [...] and {...} PyYAML ends a plain value at «?» (YAML 1.1), libyaml
            # does not (YAML 1.2): such a text is left to PyYAML, which reads it as always
            if self.domande and isinstance(evento, yaml.CollectionStartEvent) and evento.flow_style:
                inizio, fine = evento.start_mark, nodo.end_mark if nodo else None
                if inizio and fine and "?" in self.testo[inizio.index : fine.index]:
                    raise yaml.YAMLError(_A_PYYAML)
            return nodo

    _LoaderC = _LoaderLibyaml


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
            if len(testo) > _MAX_CIFRE:  # past any bound; int() itself refuses 4300 digits
                return testo
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
        controllo = _CONTROLLO.search(testo)
        if controllo is not None:  # written as an escape in a quoted value ("\x00", "\e")
            self._problema(
                node,
                percorso,
                f"Il testo contiene un carattere di controllo invisibile, {nome_carattere(controllo.group())}, "
                "scritto come sequenza di escape: non è ammesso nei dati.",
                "un testo senza caratteri di controllo",
                codice="CARATTERE",
            )
            return _CONTROLLO.sub("", testo)
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
    if len(grezzo) > MAX_BYTES:
        return Letto.illeggibile(
            nome,
            f"Il file è troppo grande ({len(grezzo) // 1024} KiB, massimo {MAX_BYTES // 1024} KiB): "
            "non è il file di un anno di bilancio sociale.",
        )
    try:
        testo = grezzo.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Letto.illeggibile(
            nome,
            f"Il file non è in codifica UTF-8 (byte non valido alla posizione {exc.start}). Salvarlo come UTF-8.",
        )
    carattere = _NON_STAMPABILE.search(testo)
    if carattere is not None:
        riga, colonna = riga_colonna(testo, carattere.start())
        return _illeggibile_in(
            nome,
            riga,
            colonna,
            f"Il file contiene un carattere di controllo invisibile, {nome_carattere(carattere.group())}, "
            f"alla riga {riga}, colonna {colonna} (capita copiando testo da altri programmi, o se il file "
            "non è di testo): eliminarlo.",
            "solo testo stampabile",
            codice="CARATTERE",
        )
    try:
        radice = _componi(testo)
    except InputRifiutato as exc:
        mark = exc.mark
        return _illeggibile_in(
            nome, mark.line + 1, mark.column + 1, exc.messaggio, exc.atteso, codice="LIMITE"
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return _illeggibile_in(
            nome,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            f"Errore di sintassi YAML: {_traduci_yaml(exc)}.",
            "YAML valido (indentazione con spazi, «chiave: valore»)",
        )
    except yaml.reader.ReaderError as exc:  # not expected after the check above: still located
        riga, colonna = riga_colonna(testo, min(exc.position, len(testo)))
        return _illeggibile_in(
            nome,
            riga,
            colonna,
            f"Il file contiene un carattere non ammesso (U+{exc.character:04X}).",
            "solo testo stampabile",
            codice="CARATTERE",
        )
    except yaml.YAMLError as exc:
        return Letto.illeggibile(nome, f"Errore di sintassi YAML: {exc}.")
    costruttore = _Costruttore(nome)
    dati = costruttore.valore(radice, ()) if radice is not None else None
    return Letto(dati=dati, origini=costruttore.origini, problemi=costruttore.problemi)


_COMMENTO_IN_TESTATA = re.compile(r"[|>][-+0-9]*#")


def _componi(testo: str) -> Node | None:
    """The document's root node (``None`` for an empty document).

    libyaml's parser reads it when it is installed; a text it refuses (a syntax error, a
    limit crossed) is read again in pure Python, so that the message and its place are
    always PyYAML's, translated, and the limits the pure reader's. Where the two would read
    a text differently, PyYAML (YAML 1.1) reads it, as it always has: here a text with a
    tab (libyaml takes a tab after «:» as a space, where PyYAML refuses it and says to
    indent with spaces) or with a comment right after «|» or «>» (``testo: |#``, taken by
    libyaml, refused by PyYAML); the other cases in :class:`_LoaderLibyaml`.
    """
    if _LoaderC is not None and "\t" not in testo and not _COMMENTO_IN_TESTATA.search(testo):
        try:
            return _nodo(_LoaderC(testo))
        except (InputRifiutato, yaml.YAMLError):
            pass
    return _nodo(_Loader(testo))


def _nodo(loader: _Limiti) -> Node | None:
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _illeggibile_in(
    nome: str,
    riga: int | None,
    colonna: int | None,
    messaggio: str,
    atteso: str,
    codice: str = "SINTASSI",
) -> Letto:
    """An unreadable file, with the line and column where reading stopped."""
    return Letto(
        dati=None,
        origini={},
        problemi=[
            Problema(
                codice=codice,
                gravita=Gravita.ERRORE,
                messaggio=messaggio,
                posizione=Posizione(file=nome, riga=riga, colonna=colonna),
                atteso=atteso,
                riferimento="sintassi YAML",
            )
        ],
        leggibile=False,
    )


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
    (
        "sequence entries are not allowed here",
        "elemento di elenco «- » inatteso (va su una riga propria, indentato sotto la sua chiave)",
    ),
    ("found duplicate anchor", "ancora «&» definita due volte"),
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
