"""The workbook's layout, derived from the models.

One explicit table (:data:`FOGLI`) says which part of a year's data goes to which sheet;
everything inside a sheet is derived from the models: a field's ``title`` becomes its
label or column header, an :class:`~bilancio.modello.comuni.Etichettato` enumeration a
drop-down list, ``Euro``/``Conteggio``/``Data`` a number format. A new optional field in
a model therefore appears in the workbook without touching this module.

Inside a sheet the data is a sequence of *blocks*, each under a heading row:

* a :class:`Modulo` (form): one row per field — label, value, "non presente" reason, note;
  models nested deeper than the block are flattened (``Lavoratori dipendenti › Numero``);
* a :class:`Tabella` (table): a header row, then one row per item of a list (board
  members, assemblies, services...) or per entry of a mapping (beneficiaries by category).
  Lists and mappings inside the items of a table become *child* tables whose first column
  names the parent item (e.g. the service each row of beneficiaries belongs to).

The reader finds blocks by their heading and columns by their header, so rows can be
inserted and tables can grow.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..errori import LayoutNonSupportato
from ..modello import Anno, AnnoPrecedente
from ..modello.annotazioni import e_modello, tipi
from ..modello.catalogo import CodiceIndicatore, tutte_le_basi
from ..modello.comuni import NonPresente
from ..modello.sezioni import sezione_dm

# --- the explicit part: which data goes to which sheet ------------------------------


@dataclass(frozen=True)
class SpecFoglio:
    nome: str
    titolo: str
    sezioni: tuple[tuple[str, ...], ...]  # paths of models in the year data; () = root scalars
    escludi: tuple[tuple[str, ...], ...] = ()


def _s(chiave: str) -> str:
    return sezione_dm(chiave).intestazione


FOGLI: tuple[SpecFoglio, ...] = (
    SpecFoglio("Ente", _s("ente"), (("ente",),)),
    SpecFoglio("Anno", f"Anno di riferimento e {_s('metodologia')}", ((), ("metodologia",))),
    SpecFoglio("Soci", f"{sezione_dm('governo').numero}. Base sociale", (("governo", "soci"),)),
    SpecFoglio("Governo", _s("governo"), (("governo",),), escludi=(("governo", "soci"),)),
    SpecFoglio("Persone", _s("persone"), (("persone",),)),
    SpecFoglio("Attività e beneficiari", _s("attivita"), (("attivita",),)),
    SpecFoglio("Economia", _s("economia"), (("economia",),)),
    SpecFoglio(
        "Altre informazioni",
        f"{_s('altre_informazioni')} e {_s('monitoraggio')}",
        (("altre_informazioni",), ("monitoraggio",)),
    ),
)
FOGLIO_ISTRUZIONI = "Istruzioni"
FOGLIO_PRECEDENTI = "Anni precedenti"
FOGLIO_ELENCHI = "Elenchi"

# labels of the key column of mapping tables (a mapping's key has no title of its own)
CHIAVI_DIZIONARIO = {
    "beneficiari": "Categoria di beneficiari",
    "beneficiari_indiretti": "Categoria di beneficiari",
    "dettaglio_beneficiari": "Sede o sotto-servizio",
    "tipologie": "Tipologia",
    "fasce_eta": "Fascia d'età",
}

ETICHETTA_ASSENTE = "Voce non presente: motivo"

# --- the derived part ------------------------------------------------------------------

TESTO = "testo"
ELENCO = "elenco"  # a list of texts, one per line of the cell
INTERO = "intero"
ANNO = "anno"
EURO = "euro"
NUMERO = "numero"
PERCENTUALE = "percentuale"
DATA = "data"
SINO = "sino"
SCELTA = "scelta"

UNITA = {EURO: "€", PERCENTUALE: "%"}


@dataclass(frozen=True)
class Colonna:
    """One cell of an item: a row of a form or a column of a table."""

    chiave: tuple[Any, ...]  # path relative to the block's model or to the table's item
    etichetta: str
    tipo: str
    scelte: type[Enum] | None = None
    voce: bool = False  # accepts {non_presente: motivo}
    obbligatorio: bool = False
    nota: str | None = None
    con_segno: bool = False
    precedenti: tuple[str, ...] = ()  # labels of earlier versions of the workbook, still read

    @property
    def nomi(self) -> tuple[str, ...]:
        """Every label the reader accepts for this cell: its header, its label, earlier ones."""
        return (self.intestazione, self.etichetta, *self.precedenti)

    @property
    def intestazione(self) -> str:
        unita = UNITA.get(self.tipo)
        if not unita or unita in self.etichetta:
            return self.etichetta
        return f"{self.etichetta} ({unita})"


@dataclass
class Modulo:
    """A form: one row per field of the model at ``percorso``."""

    titolo: str
    percorso: tuple[Any, ...]
    voce: bool
    campi: list[Colonna] = field(default_factory=list)


@dataclass
class Tabella:
    """A table: the list (or mapping) at ``percorso``, one row per item.

    For a child table ``percorso`` is relative to an item of ``genitore`` and the first
    column names that item (by the parent's ``collegamento`` column).
    """

    titolo: str
    percorso: tuple[Any, ...]
    voce: bool
    colonne: list[Colonna]
    dizionario: bool = False
    genitore: Tabella | None = None
    collegamento: Colonna | None = None

    @property
    def colonna_legame(self) -> Colonna | None:
        """The parent's naming column, shown as this child table's first column."""
        if self.genitore is None or self.genitore.collegamento is None:
            return None
        c = self.genitore.collegamento
        return Colonna(chiave=("§genitore",), etichetta=c.etichetta, tipo=TESTO, obbligatorio=True)

    @property
    def tutte_le_colonne(self) -> list[Colonna]:
        legame = self.colonna_legame
        return ([legame] if legame else []) + self.colonne


Blocco = Modulo | Tabella


@dataclass
class Foglio:
    nome: str
    titolo: str
    blocchi: list[Blocco]


# --- reading annotations -----------------------------------------------------------------


@dataclass
class Forma:
    """What an annotation is, for the workbook."""

    tipo: Any  # the single concrete type (None excluded, NonPresente excluded)
    voce: bool
    opzionale: bool
    metadati: list[Any]


def forma(annotazione: Any, info: FieldInfo | None = None) -> Forma:
    metadati: list[Any] = list(info.metadata) if info is not None else []
    ammessi = tipi(annotazione, metadati)
    voce = NonPresente in ammessi
    opzionale = type(None) in ammessi
    concreti = [t for t in ammessi if t not in (NonPresente, type(None))]
    if len(concreti) != 1:
        raise LayoutNonSupportato(f"tipo non supportato: {annotazione!r}")
    if info is not None and isinstance(info.json_schema_extra, dict):
        metadati.append(info.json_schema_extra)
    return Forma(tipo=concreti[0], voce=voce, opzionale=opzionale, metadati=metadati)


def _tipo_scalare(f: Forma) -> tuple[str, type[Enum] | None, bool] | None:
    """(kind, enumeration, signed) of a scalar type, or None if not a scalar."""
    t = f.tipo
    if isinstance(t, type) and issubclass(t, Enum):
        return SCELTA, t, False
    if t is bool:
        return SINO, None, False
    if t is int:
        # a year: ``ge=1900`` directly, or inside the FieldInfo of an optional Anno4
        anno = any(getattr(m, "ge", None) == 1900 for m in f.metadati) or any(
            getattr(m, "ge", None) == 1900
            for fi in f.metadati
            if isinstance(fi, FieldInfo)
            for m in fi.metadata
        )
        return (ANNO if anno else INTERO), None, False
    if t is Decimal:
        extra = [m.json_schema_extra if isinstance(m, FieldInfo) else m for m in f.metadati]
        unita = next(
            (e["x-unita"] for e in extra if isinstance(e, dict) and e.get("x-unita")), None
        )
        positivo = any(getattr(m, "ge", None) == 0 for m in f.metadati) or any(
            getattr(m, "ge", None) == 0
            for fi in f.metadati
            if isinstance(fi, FieldInfo)
            for m in fi.metadata
        )
        if unita == "euro":
            return EURO, None, not positivo
        if unita == "%":
            return PERCENTUALE, None, False
        return NUMERO, None, False
    if t is dt.date:
        return DATA, None, False
    if t is str:
        return TESTO, None, False
    return None


def colonna_scalare(
    chiave: tuple[Any, ...], etichetta: str, f: Forma, info: FieldInfo | None
) -> Colonna | None:
    """A Colonna for a scalar or a list of texts, or None when ``f`` is neither."""
    nota = info.description if info is not None else None
    obbligatorio = bool(info is not None and info.is_required())
    extra = info.json_schema_extra if info is not None else None
    vecchie = extra.get("x-etichette-precedenti") if isinstance(extra, dict) else None
    precedenti = tuple(str(v) for v in vecchie) if isinstance(vecchie, list) else ()
    scalare = _tipo_scalare(f)
    if scalare is not None:
        tipo, scelte, segno = scalare
        return Colonna(
            chiave, etichetta, tipo, scelte, f.voce, obbligatorio, nota, segno, precedenti
        )
    if typing.get_origin(f.tipo) is list:
        (interno,) = typing.get_args(f.tipo)
        fi = forma(interno)
        if fi.tipo is str:
            return Colonna(chiave, etichetta, ELENCO, None, f.voce, obbligatorio, nota)
    return None


def titolo_campo(nome: str, info: FieldInfo) -> str:
    if info.title:
        return info.title
    metadati: list[Any] = []
    tipi(info.annotation, metadati)
    titolo = next((m.title for m in metadati if isinstance(m, FieldInfo) and m.title), None)
    return titolo or nome.replace("_", " ").capitalize()


def _unisci(*parti: str) -> str:
    return " › ".join(p for p in parti if p)


# --- deriving the blocks -----------------------------------------------------------------


def _campi_appiattiti(
    modello: type[BaseModel],
    prefisso: tuple[Any, ...],
    etichetta: str,
    percorso_assoluto: tuple[Any, ...],
    tabelle: list[Tabella],
    genitore: Tabella | None,
    titolo_tabelle: str,
) -> list[Colonna]:
    """The scalar cells of ``modello`` (nested models flattened); lists and mappings go to ``tabelle``."""
    campi: list[Colonna] = []
    for nome, info in modello.model_fields.items():
        f = forma(info.annotation, info)
        titolo = titolo_campo(nome, info)
        chiave = (*prefisso, nome)
        c = colonna_scalare(chiave, _unisci(etichetta, titolo), f, info)
        if c is not None:
            campi.append(c)
        elif e_modello(f.tipo):
            if f.voce:
                campi.append(
                    Colonna(
                        (*chiave, "non_presente"),
                        _unisci(etichetta, titolo, ETICHETTA_ASSENTE),
                        TESTO,
                    )
                )
            campi += _campi_appiattiti(
                f.tipo,
                chiave,
                _unisci(etichetta, titolo),
                percorso_assoluto,
                tabelle,
                genitore,
                titolo_tabelle,
            )
        else:
            tabelle.extend(
                _tabelle(
                    f,
                    info,
                    nome,
                    chiave,
                    _unisci(titolo_tabelle, titolo),
                    genitore,
                    percorso_assoluto,
                )
            )
    return campi


def _tabelle(
    f: Forma,
    info: FieldInfo,
    nome: str,
    chiave: tuple[Any, ...],
    titolo: str,
    genitore: Tabella | None,
    percorso_assoluto: tuple[Any, ...],
) -> list[Tabella]:
    """The table (and its child tables) for a list of models or a mapping."""
    origine = typing.get_origin(f.tipo)
    percorso = chiave if genitore is not None else (*percorso_assoluto, *chiave)
    if origine is dict:
        tipo_chiave, tipo_valore = typing.get_args(f.tipo)
        fk, fv = forma(tipo_chiave), forma(tipo_valore)
        ck = colonna_scalare(("§chiave",), CHIAVI_DIZIONARIO.get(nome, "Voce"), fk, None)
        cv = colonna_scalare(("§valore",), "Numero", fv, None)
        if ck is None or cv is None:
            raise LayoutNonSupportato(f"mappatura non supportata: {nome}")
        ck = Colonna(ck.chiave, ck.etichetta, ck.tipo, ck.scelte, obbligatorio=True)
        return [Tabella(titolo, percorso, f.voce, [ck, cv], dizionario=True, genitore=genitore)]
    if origine is list:
        (interno,) = typing.get_args(f.tipo)
        fi = forma(interno)
        if not e_modello(fi.tipo):
            raise LayoutNonSupportato(f"elenco non supportato: {nome}")
        if genitore is not None and genitore.genitore is not None:
            raise LayoutNonSupportato(f"tabella annidata su tre livelli: {nome}")
        tabella = Tabella(titolo, percorso, f.voce, [], genitore=genitore)
        figlie: list[Tabella] = []
        colonne = _campi_appiattiti(fi.tipo, (), "", (), figlie, tabella, titolo)
        # an item that may be declared absent gets a column for the reason, next to it
        tabella.colonne = []
        for c in colonne:
            tabella.colonne.append(c)
            if c.voce:
                tabella.colonne.append(
                    Colonna(
                        (*c.chiave, "non_presente"), _unisci(c.etichetta, ETICHETTA_ASSENTE), TESTO
                    )
                )
        tabella.collegamento = next(
            (
                c
                for c in tabella.colonne
                if c.obbligatorio and c.tipo == TESTO and len(c.chiave) == 1
            ),
            None,
        )
        if figlie and tabella.collegamento is None:
            raise LayoutNonSupportato(
                f"la tabella {nome} ha tabelle figlie ma nessuna colonna che nomini le righe"
            )
        return [tabella, *figlie]
    raise LayoutNonSupportato(f"campo non supportato: {nome} ({f.tipo!r})")


def _blocchi_sezione(
    modello: type[BaseModel],
    percorso: tuple[Any, ...],
    titolo: str,
    voce: bool,
    escludi: tuple[tuple[str, ...], ...],
    solo_scalari: bool = False,
) -> list[Blocco]:
    """A section: a form of its scalars, a block per nested model, a table per list."""
    principale = Modulo(titolo, percorso, voce)
    if voce:
        principale.campi.append(Colonna(("non_presente",), ETICHETTA_ASSENTE, TESTO))
    altri: list[Blocco] = []
    for nome, info in modello.model_fields.items():
        chiave = (*percorso, nome)
        if chiave in escludi:
            continue
        f = forma(info.annotation, info)
        t = titolo_campo(nome, info)
        c = colonna_scalare((nome,), t, f, info)
        if c is not None:
            principale.campi.append(c)
        elif solo_scalari:
            continue
        elif e_modello(f.tipo):
            altri += _blocco_modello(f.tipo, chiave, t, f.voce)
        else:
            altri += _tabelle(f, info, nome, (nome,), t, None, percorso)
    if any(c.etichetta.casefold() == titolo.casefold() for c in principale.campi):
        principale.titolo = f"{titolo} — in generale"
    return ([principale] if principale.campi else []) + altri


def _blocco_modello(
    modello: type[BaseModel], percorso: tuple[Any, ...], titolo: str, voce: bool
) -> list[Blocco]:
    """A nested model: one form (deeper models flattened), then its tables."""
    modulo = Modulo(titolo, percorso, voce)
    if voce:
        modulo.campi.append(Colonna(("non_presente",), ETICHETTA_ASSENTE, TESTO))
    tabelle: list[Tabella] = []
    modulo.campi += _campi_appiattiti(modello, (), "", percorso, tabelle, None, titolo)
    return [modulo, *tabelle]


def _modello_a(percorso: tuple[str, ...]) -> tuple[type[BaseModel], bool, str]:
    modello: Any = Anno
    voce = False
    titolo = ""
    for parte in percorso:
        info = modello.model_fields[parte]
        f = forma(info.annotation, info)
        modello, voce, titolo = f.tipo, f.voce, info.title or parte
    return modello, voce, titolo


@functools.cache
def fogli() -> tuple[Foglio, ...]:
    """The data sheets of a year workbook, in order."""
    out = []
    for spec in FOGLI:
        blocchi: list[Blocco] = []
        for sezione in spec.sezioni:
            modello, voce, titolo = _modello_a(sezione)
            if not sezione:
                titolo = "Dati generali dell'anno"
            titolo = titolo.split(". ", 1)[-1] if titolo[:1].isdigit() else titolo
            blocchi += _blocchi_sezione(
                modello, sezione, titolo, voce, spec.escludi, solo_scalari=not sezione
            )
        for b in blocchi:
            if isinstance(b, Modulo):
                etichette = [c.etichetta.casefold() for c in b.campi]
                if len(set(etichette)) != len(etichette):
                    raise LayoutNonSupportato(f"etichette ripetute nel blocco {b.titolo}")
        titoli = [b.titolo for b in blocchi]
        etichette_campi = {
            c.etichetta.casefold()
            for b in blocchi
            for c in (b.campi if isinstance(b, Modulo) else b.tutte_le_colonne)
        }
        if etichette_campi & {t.casefold() for t in titoli}:
            raise LayoutNonSupportato(
                f"un'etichetta coincide con un titolo di blocco nel foglio {spec.nome}"
            )
        doppi = {t for t in titoli if titoli.count(t) > 1}
        if doppi:
            raise LayoutNonSupportato(f"titoli di blocco ripetuti nel foglio {spec.nome}: {doppi}")
        out.append(Foglio(spec.nome, spec.titolo, blocchi))
    return tuple(out)


@dataclass(frozen=True)
class Collocazione:
    """Where a part of the data is written in the workbook, for messages that say where to write."""

    foglio: str
    genere: str  # CAMPO (a row of a form), PARTE (a form of its own) or TABELLA
    parte: str  # the heading of the block (the blue row)
    etichetta: str  # the row's label (CAMPO), else the block's heading
    voce: bool  # it can be declared absent, with the reason in its own cell


CAMPO, PARTE, TABELLA = "campo", "parte", "tabella"


@functools.cache
def _collocazioni() -> dict[tuple[Any, ...], Collocazione]:
    out: dict[tuple[Any, ...], Collocazione] = {}
    for f in fogli():
        for b in f.blocchi:
            if isinstance(b, Tabella):
                if b.genitore is None:
                    out.setdefault(
                        b.percorso, Collocazione(f.nome, TABELLA, b.titolo, b.titolo, b.voce)
                    )
                continue
            out.setdefault(b.percorso, Collocazione(f.nome, PARTE, b.titolo, b.titolo, b.voce))
            for c in b.campi:
                if c.chiave[-1] != "non_presente":
                    out.setdefault(
                        (*b.percorso, *c.chiave),
                        Collocazione(f.nome, CAMPO, b.titolo, c.intestazione, c.voce),
                    )
    return out


def collocazione(percorso: tuple[Any, ...]) -> Collocazione | None:
    """Where the data at ``percorso`` goes: a path in the year's data (``("ente", ...)`` for
    the entity), such as ``("governo", "assemblee")``; ``None`` if no sheet holds it."""
    return _collocazioni().get(tuple(percorso))


def sezioni_coperte() -> set[str]:
    """The top-level keys of a year file that the data sheets hold."""
    out = {s[0] for spec in FOGLI for s in spec.sezioni if s} | {SEZIONE_DICHIARATI}
    out |= {
        c.chiave[0]
        for f in fogli()
        for b in f.blocchi
        if isinstance(b, Modulo) and b.percorso == ()
        for c in b.campi
    }
    return out


# --- types along a data path (for the "Anni precedenti" sheet) --------------------------


def colonna_per_percorso(
    percorso: tuple[Any, ...], radice: type[BaseModel] = AnnoPrecedente
) -> Colonna | None:
    """The scalar Colonna at a data path such as ``("economia", "patrimonio", "riserve")``."""
    annotazione: Any = radice
    info: FieldInfo | None = None
    ultimo = ""
    for i, parte in enumerate(percorso):
        f = forma(annotazione, info) if info is not None or i else Forma(radice, False, False, [])
        t = f.tipo
        if parte == "non_presente" and f.voce and i == len(percorso) - 1:
            return Colonna(percorso, ETICHETTA_ASSENTE, TESTO)
        if e_modello(t) and isinstance(parte, str) and parte in t.model_fields:
            info = t.model_fields[parte]
            annotazione = info.annotation
            ultimo = titolo_campo(parte, info)
        elif typing.get_origin(t) is list and isinstance(parte, int):
            annotazione, info = typing.get_args(t)[0], None
        elif typing.get_origin(t) is dict:
            annotazione, info = typing.get_args(t)[1], None
        else:
            return None
    f = forma(annotazione, info)
    return colonna_scalare(percorso, ultimo, f, info)


def etichetta_percorso(percorso: tuple[Any, ...], radice: type[BaseModel] = AnnoPrecedente) -> str:
    """A human label for a data path: the titles along it, joined with ›."""
    parti: list[str] = []
    annotazione: Any = radice
    info: FieldInfo | None = None
    for i, parte in enumerate(percorso):
        f = forma(annotazione, info) if i else Forma(radice, False, False, [])
        t = f.tipo
        if parte == "non_presente":
            parti.append("non presente (motivo)")
            break
        if e_modello(t) and isinstance(parte, str) and parte in t.model_fields:
            info = t.model_fields[parte]
            annotazione = info.annotation
            parti.append(titolo_campo(parte, info).split(". ", 1)[-1])
        elif typing.get_origin(t) is list and isinstance(parte, int):
            annotazione, info = typing.get_args(t)[0], None
            parti.append(f"n. {parte + 1}")
        elif typing.get_origin(t) is dict:
            annotazione, info = typing.get_args(t)[1], None
            chiave = parte
            tk = forma(typing.get_args(t)[0]).tipo
            if isinstance(tk, type) and issubclass(tk, Enum):
                chiave = next(
                    (getattr(m, "etichetta", m.value) for m in tk if m.value == parte), parte
                )
            parti.append(str(chiave))
        else:
            parti.append(str(parte))
    return " › ".join(parti)


def _norm_etichetta(testo: str) -> str:
    return " ".join(testo.split()).casefold()


def percorso_da_etichetta(
    testo: str, radice: type[BaseModel] = AnnoPrecedente
) -> tuple[Any, ...] | None:
    """The inverse of :func:`etichetta_percorso`: the data path a label names, or ``None``.

    ``"Situazione economico-finanziaria › Patrimonio › Totale riserve"`` ->
    ``("economia", "patrimonio", "riserve")``; each part is matched without regard to case
    or spacing, a drop-down's key by its label or its value.
    """
    parti = [p.strip() for p in testo.split("›")]
    if not parti or not all(parti):
        return None
    percorso: list[Any] = []
    annotazione: Any = radice
    info: FieldInfo | None = None
    for i, parte in enumerate(parti):
        f = forma(annotazione, info) if i else Forma(radice, False, False, [])
        t = f.tipo
        cercata = _norm_etichetta(parte)
        if cercata == "non presente (motivo)" and f.voce and i == len(parti) - 1:
            percorso.append("non_presente")
            break
        if e_modello(t):
            nome = next(
                (
                    n
                    for n, fi in t.model_fields.items()
                    if _norm_etichetta(titolo_campo(n, fi).split(". ", 1)[-1]) == cercata
                ),
                None,
            )
            if nome is None:
                return None
            info = t.model_fields[nome]
            annotazione = info.annotation
            percorso.append(nome)
        elif typing.get_origin(t) is list:
            m = re.fullmatch(r"n\. ?(\d+)", parte)
            if m is None or int(m.group(1)) < 1:
                return None
            annotazione, info = typing.get_args(t)[0], None
            percorso.append(int(m.group(1)) - 1)
        elif typing.get_origin(t) is dict:
            tipo_chiave, annotazione = typing.get_args(t)
            info = None
            tk = forma(tipo_chiave).tipo
            chiave: Any = parte
            if isinstance(tk, type) and issubclass(tk, Enum):
                chiave = next(
                    (
                        m.value
                        for m in tk
                        if cercata
                        in (
                            _norm_etichetta(str(getattr(m, "etichetta", m.value))),
                            _norm_etichetta(str(m.value)),
                        )
                    ),
                    None,
                )
                if chiave is None:
                    return None
            percorso.append(chiave)
        else:
            return None
    return tuple(percorso)


# --- the sheet of declared figures ("Cifre dichiarate") -----------------------------------
# One row per printed figure, of the reference year or of an earlier one: ``dichiarati``
# of the year and ``anni_precedenti.ANNO.dichiarati`` (so the "Anni precedenti" sheet
# leaves them out).

FOGLIO_DICHIARATI = "Cifre dichiarate"
SEZIONE_DICHIARATI = "dichiarati"

BaseIndicatore = Enum(  # type: ignore[misc]  # the catalogue's bases, for the drop-down
    "BaseIndicatore", {b: b for b in tutte_le_basi()}, type=str
)

COL_ANNO_DICHIARATO = Colonna(
    ("§anno",),
    "Anno",
    ANNO,
    obbligatorio=True,
    nota="l'anno di riferimento, o un anno precedente se la cifra è stampata nel suo bilancio",
)
COL_CODICE = Colonna(
    ("§codice",),
    "Codice",
    SCELTA,
    CodiceIndicatore,
    obbligatorio=True,
    nota="il codice dell'indicatore (elenco a discesa; i codici sono nel README, «Gli indicatori»)",
)
COL_INDICATORE = Colonna(
    ("§indicatore",),
    "Indicatore",
    TESTO,
    nota="si compila da sola: il nome dell'indicatore del codice scelto",
)
COLONNE_DICHIARATI: tuple[Colonna, ...] = (
    COL_ANNO_DICHIARATO,
    COL_CODICE,
    COL_INDICATORE,
    Colonna(
        ("valore",),
        "Valore",
        NUMERO,
        nota="la cifra come è stampata, con i suoi decimali (66,2 non è 66,20); "
        "una percentuale da 0 a 100 oppure scritta con il segno %",
        con_segno=True,
    ),
    Colonna(
        ("base",),
        "Base",
        SCELTA,
        BaseIndicatore,
        nota="solo se la base è ambigua, es. costi_produzione per il peso del costo del lavoro",
    ),
    Colonna(
        ("variazione",),
        "Variazione",
        NUMERO,
        nota="una variazione assoluta stampata, es. -4; con «Rispetto a»",
        con_segno=True,
    ),
    Colonna(
        ("variazione_percentuale",),
        "Variazione %",
        NUMERO,
        nota="una variazione percentuale stampata, es. 5,04 oppure +5,04%; con «Rispetto a»",
        con_segno=True,
    ),
    Colonna(
        ("rispetto_a",),
        "Rispetto a",
        ANNO,
        nota="l'anno con cui si confronta la variazione, es. 2024",
    ),
)
CIFRE_DICHIARATE = ("valore", "variazione", "variazione_percentuale")


# key figures pre-filled in the "Anni precedenti" sheet of a new workbook
PERCORSI_PRECEDENTI: tuple[tuple[str, ...], ...] = (
    ("governo", "soci", "lavoratori"),
    ("governo", "soci", "volontari"),
    ("governo", "soci", "fruitori"),
    ("governo", "soci", "persone_giuridiche"),
    ("governo", "soci", "sovventori"),
    ("persone", "lavoratori", "dipendenti", "numero"),
    ("persone", "lavoratori", "dipendenti", "uomini"),
    ("persone", "lavoratori", "dipendenti", "donne"),
    ("persone", "lavoratori", "autonomi", "numero"),
    ("persone", "volontari", "numero"),
    ("attivita", "totale_beneficiari"),
    ("economia", "valore_produzione"),
    ("economia", "ricavi_vendite_prestazioni"),
    ("economia", "contributi_conto_esercizio"),
    ("economia", "costo_personale"),
    ("economia", "risultato_esercizio"),
    ("economia", "patrimonio", "capitale_sociale"),
    ("economia", "patrimonio", "riserve"),
    ("economia", "patrimonio", "utile_perdita"),
    ("economia", "patrimonio", "patrimonio_netto"),
)
