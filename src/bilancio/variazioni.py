"""Year-on-year changes: one engine for `bilancio diff` and for the deltas the reports print.

The engine walks the data models generically, so a field added to a model is compared
without touching this module:

* every number (a count, an amount in euro, a percentage, hours) becomes a :class:`Riga`
  labelled with the field's Italian ``title`` and grouped by section of DM 4/7/2019 §6;
* lists of named items (services by ``nome``, board members by ``nome``, stakeholders by
  ``tipologia``, training by ``tema``...) are matched by name: items present in one year
  only are listed as added or removed, matched items are compared field by field;
* derived figures come from :func:`bilancio.indicatori.calcola`;
* what makes a comparison meaningless (a figure missing in one year, a change of method
  declared in ``metodologia.cambiamenti``, the inconsistencies `check` finds) becomes an
  :class:`Avviso` attached to the rows it affects.

Percentage changes are exact ``Decimal`` values (rounded half up only when printed) and
``None`` when undefined: from zero, or with a figure missing. No division ever fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainSerializer
from pydantic.fields import FieldInfo

from . import formato
from .calcolo import CifreAnno, calcola, cifre_degli_anni
from .caricamento import Caricato, carica, individua
from .errori import DatiNonValidi, Gravita, InputIlleggibile, Problema, Rapporto
from .lettura import leggi
from .modello import Anno, AnnoPrecedente, Ente, NonPresente, annotazioni, contenuto
from .modello.catalogo import CATALOGO
from .modello.catalogo import Unita as UnitaCatalogo
from .modello.governo import ConsiglioAmministrazione
from .modello.persone import Contratti, Istruzione
from .modello.sezioni import SEZIONI_DM
from .regole import applica
from .validazione import valida

SOGLIA = Decimal(10)
"""Default threshold (%) above which a change is highlighted."""


def _numero_json(valore: Decimal | int | None) -> int | float | None:
    """JSON numbers, so CI can compare them: integers stay integers, decimals become numbers."""
    if valore is None or isinstance(valore, int):
        return valore
    if valore == valore.to_integral_value():
        return int(valore)
    return float(valore)


Valore = Annotated[Decimal | int | None, PlainSerializer(_numero_json, when_used="json")]
Percento = Annotated[Decimal | None, PlainSerializer(_numero_json, when_used="json")]


class Unita(str, Enum):
    EURO = "euro"
    NUMERO = "numero"
    PERCENTUALE = "%"
    ORE = "ore"


class Sezione(BaseModel):
    """A section of DM 4 luglio 2019 §6."""

    numero: int
    titolo: str

    def __str__(self) -> str:
        return f"{self.numero}. {self.titolo}"


Stato = Literal["variato", "invariato", "non confrontabile"]


class Riga(BaseModel):
    """One comparable figure in two years."""

    sezione: Sezione
    chiave: str = Field(
        description="Percorso stabile, es. governo.soci.lavoratori o attivita.servizi[Nome].ore"
    )
    etichetta: str = Field(description="Voce in italiano, dai titoli dei campi del modello")
    unita: Unita
    vecchio: Valore = None
    nuovo: Valore = None
    delta: Valore = Field(default=None, description="nuovo - vecchio")
    delta_percentuale: Percento = Field(
        default=None,
        description="Variazione %; null se non definita (da zero, cambio di segno, dato mancante)",
    )
    stato: Stato = "invariato"
    oltre_soglia: bool = Field(
        default=False, description="La variazione supera la soglia (da zero: sempre)"
    )
    note: list[str] = Field(default_factory=list, description="Avvisi brevi che riguardano la riga")

    # --- how the figure reads (Italian formatting, the same in every output) -----------

    @property
    def decimali(self) -> int:
        if self.unita is Unita.PERCENTUALE:
            return 2
        valori = [v for v in (self.vecchio, self.nuovo) if v is not None]
        return (
            2 if any(isinstance(v, Decimal) and v != v.to_integral_value() for v in valori) else 0
        )

    def testo(self, valore: Decimal | int | None) -> str:
        """A value of this row, formatted: ``€ 8.924.272``, ``102``, ``53,44%``."""
        if valore is None:
            return formato.ND
        if self.unita is Unita.EURO:
            return formato.euro(valore, self.decimali)
        if self.unita is Unita.PERCENTUALE:
            return formato.percentuale(valore, 2)
        return formato.numero(valore, self.decimali)

    @property
    def testo_delta(self) -> str:
        """``-4``, ``+€ 428.394``, ``+1,20 p.p.``, ``invariato``; ``n/d`` when not comparable."""
        if self.delta is None:
            return formato.ND
        d = Decimal(self.delta)
        if formato.arrotonda(d, self.decimali) == 0:
            return "invariato"
        segno = "+" if d > 0 else "-"
        if self.unita is Unita.EURO:
            return segno + formato.euro(abs(d), self.decimali)
        if self.unita is Unita.PERCENTUALE:
            return f"{segno}{formato.numero(abs(d), 2)} p.p."
        return segno + formato.numero(abs(d), self.decimali)

    @property
    def testo_delta_percentuale(self) -> str:
        """``+5,04%``; ``n.s.`` from zero or across a change of sign; ``n.d.`` with a figure missing."""
        if self.delta_percentuale is None:
            return formato.ND if self.delta is None else formato.NS
        return formato.percentuale(self.delta_percentuale, 2, segno=True)

    def testo_variazione(self, anno: int) -> str:
        """The brochure's wording: ``-4 rispetto al 2024`` for counts, ``+5,04% rispetto al 2024`` otherwise."""
        modo = "assoluta" if self.unita in (Unita.NUMERO, Unita.ORE) else "percentuale"
        return formato.testo_variazione(
            self.vecchio, self.nuovo, anno, modo=modo, decimali=self.decimali
        )

    def supera(self, soglia: Decimal | float | int) -> bool:
        """Does the change exceed ``soglia`` %? A change from zero to something always does."""
        if self.delta is None or self.delta == 0:
            return False
        if self.delta_percentuale is None:
            return True
        return abs(self.delta_percentuale) > Decimal(str(soglia))


class Elemento(BaseModel):
    """A named item (service, board member, stakeholder...) present in one year only."""

    sezione: Sezione
    chiave: str = Field(description="es. attivita.servizi[Nome del servizio]")
    elenco: str = Field(description="Titolo dell'elenco, es. Servizi, aree e progetti")
    nome: str


class Avviso(BaseModel):
    """Something that makes a comparison less meaningful, with the rows it affects."""

    codice: str = Field(
        description="DATO-MANCANTE, CAMBIAMENTO-METODO, o il codice della regola di check"
    )
    gravita: Gravita = Gravita.AVVISO
    messaggio: str
    anno: int | None = None
    chiavi: list[str] = Field(
        default_factory=list, description="Righe interessate; vuoto = tutto il confronto"
    )
    sezione: int | None = None
    posizione: str | None = Field(default=None, description="file:riga:colonna del dato, se noto")
    campo: str | None = None


class Confronto(BaseModel):
    """Every change between two years (or two files) of a cooperative."""

    anno_vecchio: int
    anno_nuovo: int
    fonte_vecchio: str | None = None
    fonte_nuovo: str | None = None
    denominazione: str | None = None
    soglia: Annotated[Decimal, PlainSerializer(_numero_json, when_used="json")] = SOGLIA
    righe: list[Riga] = Field(default_factory=list)
    aggiunti: list[Elemento] = Field(default_factory=list)
    rimossi: list[Elemento] = Field(default_factory=list)
    avvisi: list[Avviso] = Field(default_factory=list)

    def riga(self, chiave: str) -> Riga | None:
        return next((r for r in self.righe if r.chiave == chiave), None)

    @property
    def variate(self) -> list[Riga]:
        return [r for r in self.righe if r.stato == "variato"]

    def oltre(self, soglia: Decimal | float | int) -> list[Riga]:
        """Rows whose change exceeds ``soglia`` % (what ``--fail-over`` checks)."""
        return [r for r in self.righe if r.supera(soglia)]

    def solo_variati(self) -> Confronto:
        """The same comparison without the unchanged rows (``--only-changed``)."""
        return self.model_copy(update={"righe": [r for r in self.righe if r.stato != "invariato"]})

    @property
    def sezioni(self) -> list[Sezione]:
        """Sections with rows or items, in the guidelines' order."""
        viste: dict[int, Sezione] = {}
        voci: list[Riga | Elemento] = [*self.righe, *self.aggiunti, *self.rimossi]
        for x in voci:
            viste.setdefault(x.sezione.numero, x.sezione)
        return [viste[k] for k in sorted(viste)]

    def intestazioni(self) -> tuple[str, str]:
        """Column headings: the years, or the files when both have the same year."""
        if self.anno_vecchio != self.anno_nuovo:
            return str(self.anno_vecchio), str(self.anno_nuovo)
        return (
            Path(self.fonte_vecchio).name if self.fonte_vecchio else f"{self.anno_vecchio} (1)",
            Path(self.fonte_nuovo).name if self.fonte_nuovo else f"{self.anno_nuovo} (2)",
        )


# --- reading the models generically -----------------------------------------------------

SEZIONI: dict[str, Sezione] = {
    s.chiave: Sezione(numero=s.numero, titolo=s.titolo) for s in SEZIONI_DM if s.chiave != "ente"
}
"""Sections of a year file the diff compares (1, 3-8; section 2 is ``ente.yaml``)."""

# Titles that only make sense after the parent's ("Numero" of "Lavoratori dipendenti")
_GENERICI = {"Numero", "Valore"}
_TRATTINO = " — "
# Fields that are not year-comparable figures: age grows by one every year by definition.
_ESCLUSI = {"eta", "anno"}
# Sub-models whose field titles only make sense after the parent's title
# ("A tempo pieno" -> "Dipendenti per tipo di contratto: A tempo pieno").
_QUALIFICATI: tuple[type[BaseModel], ...] = (Contratti, ConsiglioAmministrazione, Istruzione)


def _dichiarato(info: FieldInfo) -> bool:
    """Declared totals and shares are checked by `check`; the diff compares the computed ones."""
    return "dichiarat" in (info.title or "").lower()


def _e_numero(tipo: Any) -> bool:
    return isinstance(tipo, type) and tipo is not bool and issubclass(tipo, (int, Decimal))


def _ha_numeri(cls: type[BaseModel], visti: frozenset[type] = frozenset()) -> bool:
    """Does a model (or its sub-models) hold comparable figures?"""
    if cls in visti:
        return False
    for nome, info in cls.model_fields.items():
        if nome in _ESCLUSI or _dichiarato(info):
            continue
        for t in annotazioni.tipi_annidati(info.annotation):
            if _e_numero(t):
                return True
            if isinstance(t, type) and issubclass(t, BaseModel) and t is not NonPresente:
                if _ha_numeri(t, visti | {cls}):
                    return True
    return False


def _unita(nome: str, info: FieldInfo | None, valore: Any) -> Unita:
    if info is not None:
        marcata = annotazioni.unita(info.annotation, info)
        if marcata is not None:
            return Unita(marcata)
        titolo = (info.title or "").lower()
        if isinstance(valore, Decimal) and ("ore" in nome.split("_") or titolo.startswith("ore ")):
            return Unita.ORE
    return Unita.NUMERO


def _campo_nome(cls: type[BaseModel]) -> str | None:
    """The field that names an item of a list: the first required text (or enumeration) field."""
    for nome, info in cls.model_fields.items():
        if not info.is_required():
            continue
        tipi = list(annotazioni.tipi_annidati(info.annotation))
        if any(t is date for t in tipi):
            return None  # items named by a date (assemblies) differ every year: counted only
        if any(t is str or (isinstance(t, type) and issubclass(t, Enum)) for t in tipi):
            return nome
    return None


def _nome_elemento(valore: Any) -> tuple[str, str]:
    """(key in the path, label) of an item's name."""
    if isinstance(valore, Enum):
        return str(valore.value), str(getattr(valore, "etichetta", valore.value))
    return str(valore), str(valore)


def _nomi(lista: Sequence[BaseModel], campo: str) -> list[tuple[str, str]]:
    """Names of a list's items, made unique: a second «Assemblea dei soci» becomes «... (2)»."""
    out: list[tuple[str, str]] = []
    visti: dict[str, int] = {}
    for elemento in lista:
        chiave, etichetta = _nome_elemento(getattr(elemento, campo))
        visti[chiave] = visti.get(chiave, 0) + 1
        if visti[chiave] > 1:
            chiave, etichetta = f"{chiave} ({visti[chiave]})", f"{etichetta} ({visti[chiave]})"
        out.append((chiave, etichetta))
    return out


def _numero(valore: Any) -> Decimal | int | None:
    if valore is None or isinstance(valore, bool):
        return None
    if isinstance(valore, Decimal):
        return valore
    if isinstance(valore, int):
        return int(valore)
    return None


@dataclass
class _Raccolta:
    """What the walk collects."""

    anno_vecchio: int
    anno_nuovo: int
    parziale: bool = False  # a side has only key figures (anni_precedenti): lists are partial
    righe: list[Riga] = field(default_factory=list)
    aggiunti: list[Elemento] = field(default_factory=list)
    rimossi: list[Elemento] = field(default_factory=list)

    def riga(
        self, sezione: Sezione, chiave: str, etichetta: str, unita: Unita, vecchio: Any, nuovo: Any
    ) -> None:
        v, n = _numero(vecchio), _numero(nuovo)
        if v is None and n is None:
            return
        self.righe.append(_riga(sezione, chiave, etichetta, unita, v, n))


def _riga(sezione: Sezione, chiave: str, etichetta: str, unita: Unita, v: Any, n: Any) -> Riga:
    riga = Riga(
        sezione=sezione, chiave=chiave, etichetta=etichetta, unita=unita, vecchio=v, nuovo=n
    )
    if v is None or n is None:
        riga.stato = "non confrontabile"
        return riga
    riga.delta = n - v
    riga.delta_percentuale = formato.variazione_percentuale(v, n)
    riga.stato = "invariato" if riga.delta == 0 else "variato"
    return riga


def _modello(
    r: _Raccolta,
    sezione: Sezione,
    cls: type[BaseModel],
    vecchio: BaseModel | None,
    nuovo: BaseModel | None,
    chiave: str,
    prefisso: str,
    titolo_padre: str | None,
) -> None:
    """Compare two instances of a model (either may be missing), field by field."""
    qualifica = titolo_padre is not None and (
        issubclass(cls, _QUALIFICATI) or " per " in titolo_padre
    )
    primo: str | None = None
    for nome, info in cls.model_fields.items():
        titolo = info.title or nome
        if titolo in _GENERICI and (titolo_padre or prefisso):
            etichetta = titolo_padre or ""  # "Lavoratori dipendenti", not "... Numero"
        elif titolo.startswith("di cui") and primo:
            etichetta = f"{primo}, {titolo}"
        elif qualifica:
            etichetta = f"{titolo_padre}: {titolo}"
        else:
            etichetta = titolo
        if primo is None:
            primo = etichetta
        if nome in _ESCLUSI or _dichiarato(info):
            continue
        # a field only defaulted on both sides was never written: nothing to compare
        if not any(o is not None and nome in o.model_fields_set for o in (vecchio, nuovo)):
            continue
        v = contenuto(getattr(vecchio, nome, None)) if vecchio is not None else None
        n = contenuto(getattr(nuovo, nome, None)) if nuovo is not None else None
        esempio = n if n is not None else v
        if esempio is None:
            continue
        percorso = f"{chiave}.{nome}" if chiave else nome
        testo = prefisso + etichetta if etichetta else prefisso.removesuffix(_TRATTINO)
        if isinstance(esempio, BaseModel):
            _modello(r, sezione, type(esempio), v, n, percorso, prefisso, etichetta)
        elif isinstance(esempio, list):
            _lista(r, sezione, v, n, percorso, prefisso, etichetta)
        elif isinstance(esempio, dict):
            _dizionario(r, sezione, info, v, n, percorso, testo)
        elif _numero(esempio) is not None and not (
            isinstance(esempio, Enum) and not isinstance(esempio, int)
        ):
            r.riga(sezione, percorso, testo, _unita(nome, info, esempio), v, n)
    for nome, titolo, unita, funzione in _DERIVATI.get(cls, ()):
        v = funzione(vecchio) if vecchio is not None else None
        n = funzione(nuovo) if nuovo is not None else None
        r.riga(sezione, f"{chiave}.{nome}", prefisso + titolo, unita, v, n)


def _lista(
    r: _Raccolta,
    sezione: Sezione,
    vecchio: list[Any] | None,
    nuovo: list[Any] | None,
    chiave: str,
    prefisso: str,
    titolo: str,
) -> None:
    """Lists of items: counted; named items matched by name, the others listed as added/removed.

    A year given as key figures lists only some items: then the matched ones are compared
    and nothing is counted, added or removed.
    """
    esempi = [x for x in (nuovo or []) + (vecchio or []) if isinstance(x, BaseModel)]
    if not esempi or not _ha_numeri(type(esempi[0])):
        return
    cls = type(esempi[0])
    if not r.parziale:
        r.riga(
            sezione,
            f"{chiave}.numero",
            f"{prefisso}{titolo} (numero)",
            Unita.NUMERO,
            len(vecchio) if vecchio is not None else None,
            len(nuovo) if nuovo is not None else None,
        )
    campo = _campo_nome(cls)
    if campo is None or vecchio is None or nuovo is None:
        return  # missing on one side: the count row says so; items are not "added"
    vecchi = {k: (e, x) for (k, e), x in zip(_nomi(vecchio, campo), vecchio, strict=True)}
    nuovi = {k: (e, x) for (k, e), x in zip(_nomi(nuovo, campo), nuovo, strict=True)}
    for k, (etichetta, elemento) in nuovi.items():
        percorso = f"{chiave}[{k}]"
        if k in vecchi:
            testo = f"{prefisso}«{etichetta}»{_TRATTINO}"
            _modello(r, sezione, cls, vecchi[k][1], elemento, percorso, testo, None)
        elif not r.parziale:
            r.aggiunti.append(
                Elemento(sezione=sezione, chiave=percorso, elenco=prefisso + titolo, nome=etichetta)
            )
    if r.parziale:
        return
    for k, (etichetta, _) in vecchi.items():
        if k not in nuovi:
            r.rimossi.append(
                Elemento(
                    sezione=sezione,
                    chiave=f"{chiave}[{k}]",
                    elenco=prefisso + titolo,
                    nome=etichetta,
                )
            )


def _dizionario(
    r: _Raccolta,
    sezione: Sezione,
    info: FieldInfo,
    vecchio: dict[Any, Any] | None,
    nuovo: dict[Any, Any] | None,
    chiave: str,
    testo: str,
) -> None:
    """Counts by category or by site: a key missing where the other year has a breakdown is 0."""
    chiavi = list(nuovo or {}) + [k for k in (vecchio or {}) if k not in (nuovo or {})]
    entrambi = bool(vecchio) and bool(nuovo)
    for k in chiavi:
        v = (vecchio or {}).get(k, 0 if entrambi else None)
        n = (nuovo or {}).get(k, 0 if entrambi else None)
        esempio = n if n is not None else v
        if _numero(esempio) is None:
            return
        nome, etichetta = _nome_elemento(k)
        r.riga(
            sezione, f"{chiave}[{nome}]", f"{testo}: {etichetta}", _unita("", info, esempio), v, n
        )


def _foglie(valore: Any) -> Iterable[Any]:
    """Every value inside a model (to tell an empty section from one with figures)."""
    if isinstance(valore, BaseModel):
        for nome in valore.model_fields_set:
            yield from _foglie(getattr(valore, nome))
    elif isinstance(valore, list):
        for x in valore:
            yield from _foglie(x)
    elif isinstance(valore, dict):
        for x in valore.values():
            yield from _foglie(x)
    else:
        yield valore


def _durata_media(servizio: Any) -> Decimal | None:
    if servizio.ore is None or not servizio.interventi:
        return None
    return _quattro(Decimal(servizio.ore) * 60 / servizio.interventi)


def _quattro(valore: Decimal | None) -> Decimal | None:
    """Derived figures keep four decimals: plenty for printing, readable in JSON."""
    if valore is None:
        return None
    return valore.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize() + 0


def _derivati() -> dict[type[BaseModel], list[tuple[str, str, Unita, Any]]]:
    from .modello import Servizio

    return {
        Servizio: [
            (
                "beneficiari_totali",
                "Beneficiari totali",
                Unita.NUMERO,
                lambda s: s.beneficiari_totali,
            ),
            ("durata_media", "Durata media per intervento (minuti)", Unita.NUMERO, _durata_media),
        ],
    }


_DERIVATI = _derivati()

# --- derived indicators ----------------------------------------------------------------

_UNITA_CATALOGO = {
    UnitaCatalogo.EURO: Unita.EURO,
    UnitaCatalogo.PERCENTUALE: Unita.PERCENTUALE,
    UnitaCatalogo.ORE: Unita.ORE,
}


def _indicatori(r: _Raccolta, vecchi: CifreAnno, nuovi: CifreAnno, sezioni: set[str]) -> None:
    """One row per figure of the catalogue, in the sections both years have."""
    gia = {(x.chiave.rsplit(".", 1)[-1], x.vecchio, x.nuovo) for x in r.righe}
    for ind in CATALOGO:
        if ind.sezione not in sezioni:
            continue
        v, n = vecchi.cifre[ind.codice].valore, nuovi.cifre[ind.codice].valore
        if v is None and n is None:
            continue
        if isinstance(v, Decimal):
            v = _quattro(v)
        if isinstance(n, Decimal):
            n = _quattro(n)
        if (ind.codice, v, n) in gia:
            continue  # the same figure is already a row (e.g. a declared net equity)
        r.riga(
            SEZIONI[ind.sezione],
            f"indicatori.{ind.codice}",
            ind.etichetta,
            _UNITA_CATALOGO.get(ind.unita, Unita.NUMERO),
            v,
            n,
        )


# --- the comparison ----------------------------------------------------------------------


def confronta(
    vecchio: Anno | AnnoPrecedente,
    nuovo: Anno | AnnoPrecedente,
    anno_vecchio: int,
    anno_nuovo: int,
    *,
    ente: Ente | None = None,
    soglia: Decimal | float | int = SOGLIA,
    cifre: tuple[CifreAnno, CifreAnno] | None = None,
) -> Confronto:
    """Compare two years' data: every figure, named items matched by name, derived indicators.

    Pure: no files are read. Warnings here are about the data themselves (figures missing
    in one year, changes of method declared in ``metodologia.cambiamenti``); :func:`diff`
    adds the inconsistencies `check` finds.
    """
    r = _Raccolta(
        anno_vecchio,
        anno_nuovo,
        parziale=not (isinstance(vecchio, Anno) and isinstance(nuovo, Anno)),
    )
    confrontate: set[str] = set()
    assenti: list[Avviso] = []
    for nome, sezione in SEZIONI.items():
        v = contenuto(getattr(vecchio, nome, None))
        n = contenuto(getattr(nuovo, nome, None))
        if isinstance(v, BaseModel) and isinstance(n, BaseModel):
            confrontate.add(nome)
            _modello(r, sezione, type(n), v, n, nome, "", None)
        elif isinstance(v, BaseModel) or isinstance(n, BaseModel):
            manca = anno_vecchio if v is None else anno_nuovo
            presente = v if isinstance(v, BaseModel) else n
            assert isinstance(presente, BaseModel)
            if _ha_numeri(type(presente)) and any(
                _numero(x) is not None for x in _foglie(v if v is not None else n)
            ):
                assenti.append(
                    Avviso(
                        codice="DATO-MANCANTE",
                        messaggio=f"La sezione «{sezione}» manca nel {manca}: le sue cifre non sono confrontate.",
                        anno=manca,
                        sezione=sezione.numero,
                    )
                )
    if cifre is None:
        calcolate = cifre_degli_anni({anno_vecchio: vecchio, anno_nuovo: nuovo}, ente)
        cifre = (calcolate[anno_vecchio], calcolate[anno_nuovo])
    _indicatori(r, cifre[0], cifre[1], confrontate)
    ordine = {s.numero: i for i, s in enumerate(SEZIONI.values())}
    r.righe.sort(key=lambda x: ordine[x.sezione.numero])  # stable: indicators close their section

    soglia = Decimal(str(soglia))
    for riga in r.righe:
        riga.oltre_soglia = riga.supera(soglia)
    confronto = Confronto(
        anno_vecchio=anno_vecchio,
        anno_nuovo=anno_nuovo,
        soglia=soglia,
        righe=r.righe,
        aggiunti=r.aggiunti,
        rimossi=r.rimossi,
        denominazione=ente.denominazione if ente is not None else None,
    )
    confronto.avvisi += assenti + _mancanti(confronto)
    if isinstance(nuovo, Anno):
        confronto.avvisi += _cambiamenti(confronto, nuovo, anno_nuovo)
    _annota(confronto)
    return confronto


def _mancanti(confronto: Confronto) -> list[Avviso]:
    """One warning per section and year listing the figures missing there."""
    gruppi: dict[tuple[int, int], list[Riga]] = {}
    for riga in confronto.righe:
        if riga.stato != "non confrontabile":
            continue
        anno = confronto.anno_vecchio if riga.vecchio is None else confronto.anno_nuovo
        gruppi.setdefault((riga.sezione.numero, anno), []).append(riga)
    avvisi = []
    for (numero, anno), righe in gruppi.items():
        voci = "; ".join(r.etichetta for r in righe[:5]) + (
            f" e altre {len(righe) - 5}" if len(righe) > 5 else ""
        )
        avvisi.append(
            Avviso(
                codice="DATO-MANCANTE",
                messaggio=f"{len(righe)} {'dato manca' if len(righe) == 1 else 'dati mancano'} nel {anno}, non confrontabili: {voci}.",
                anno=anno,
                sezione=numero,
                chiavi=[r.chiave for r in righe],
            )
        )
    return avvisi


def _cambiamenti(confronto: Confronto, nuovo: Anno, anno: int) -> list[Avviso]:
    """A change of scope, unit or method declared for the new year affects the rows it names."""
    metodologia = nuovo.metodologia
    testo = contenuto(metodologia.cambiamenti) if metodologia is not None else None
    if not testo:
        return []
    frasi = [
        f
        for f in re.split(r"(?<=[.;])\s+", testo)
        if f.strip() and not _NESSUN_CAMBIAMENTO.search(f)
    ]
    if not frasi:
        return []  # "Nessun cambiamento di perimetro o di metodo rispetto al 2024."
    minuscolo = " ".join(frasi).lower()
    chiavi = []
    for riga in confronto.righe:
        candidati = {riga.etichetta, *re.split(r" — |: |, ", riga.etichetta)}
        candidati |= {(a or b).replace("_", " ") for a, b in _SEGMENTO_CHIAVE.findall(riga.chiave)}
        candidati = {c.strip().lower() for c in candidati} - _SEGMENTI_GENERICI
        if any(len(c) >= 4 and re.search(rf"\b{re.escape(c)}\b", minuscolo) for c in candidati):
            chiavi.append(riga.chiave)
    return [
        Avviso(
            codice="CAMBIAMENTO-METODO",
            messaggio=f"Nel {anno} è dichiarato un cambiamento di perimetro o di metodo: «{testo}»"
            + ("" if chiavi else " (riguarda tutto il confronto)"),
            anno=anno,
            chiavi=chiavi,
            campo="metodologia.cambiamenti",
        )
    ]


_NESSUN_CAMBIAMENTO = re.compile(
    r"\b(nessun\w*|invariat\w*|non (ci sono|sono (stati|intervenut)\w*|è cambiat)\w*)",
    re.IGNORECASE,
)
_SEGMENTO_CHIAVE = re.compile(r"\[([^\]]+)\]|([^.\[\]]+)")
_SEGMENTI_GENERICI = {"numero", "valore", "totale", "indicatori", "altro", "altri"}

_NOTE_BREVI = {
    "DATO-MANCANTE": "manca nel {anno}",
    "CAMBIAMENTO-METODO": "cambiamento di metodo nel {anno}",
}


def _annota(confronto: Confronto) -> None:
    """Copy a short note of every warning onto the rows it affects."""
    per_chiave = {r.chiave: r for r in confronto.righe}
    for avviso in confronto.avvisi:
        nota = _NOTE_BREVI.get(
            avviso.codice, f"{avviso.codice} ({avviso.anno})" if avviso.anno else avviso.codice
        )
        nota = nota.format(anno=avviso.anno)
        for chiave in avviso.chiavi:
            riga = per_chiave.get(chiave)
            if riga is not None and nota not in riga.note:
                riga.note.append(nota)


# --- from files ---------------------------------------------------------------------------


@dataclass
class _Aperto:
    """One side of a comparison, read from disk."""

    dati: Anno | AnnoPrecedente
    anno: int
    ente: Ente | None
    fonte: str
    problemi: list[
        tuple[Problema, str]
    ]  # problems of this year, with the field path relative to it


def diff(
    percorso: str | Path,
    da: int | None = None,
    a: int | None = None,
    *,
    nuovo: str | Path | None = None,
    soglia: Decimal | float | int = SOGLIA,
) -> Confronto:
    """Compare two years of a cooperative, from disk.

    * ``diff("data/examples/cosper")``: the latest year against the one before;
      ``da``/``a`` pick the years (from files or from ``anni_precedenti``).
    * ``diff("2024.yaml", nuovo="2025.yaml")``: two files (or folders: their latest year,
      or ``da`` in the first and ``a`` in the second). The first file may lack an
      ``ente.yaml``: the second one's is used.

    Raises :class:`InputIlleggibile` when there is nothing to read or a year is not
    available, :class:`DatiNonValidi` (with every located problem) when the data do not
    validate. The inconsistencies `check` finds in either year become warnings on the
    rows they affect.
    """
    if nuovo is None:
        aperti = _apri_cartella(Path(percorso), da, a)
    else:
        dopo = _apri(Path(nuovo), a)
        prima = _apri(Path(percorso), da, ente_di_riserva=dopo.ente)
        aperti = (prima, dopo)
    prima, dopo = aperti
    confronto = confronta(
        prima.dati, dopo.dati, prima.anno, dopo.anno, ente=dopo.ente, soglia=soglia
    )
    confronto.fonte_vecchio, confronto.fonte_nuovo = prima.fonte, dopo.fonte
    visti: set[tuple[str, str, str | None]] = set()
    for lato in (prima, dopo):
        for problema, relativo in lato.problemi:
            impronta = (problema.codice, problema.messaggio, problema.dove)
            if impronta in visti:
                continue
            visti.add(impronta)
            confronto.avvisi.append(_avviso_controllo(confronto, lato, problema, relativo))
    _annota(confronto)
    return confronto


def _apri_cartella(percorso: Path, da: int | None, a: int | None) -> tuple[_Aperto, _Aperto]:
    sorgente = individua(percorso)
    caricato = carica(percorso, a if a is not None and a in sorgente.anni else None)
    bilancio = _valido(caricato)
    disponibili = bilancio.anni
    if a is None:
        a = bilancio.anno.anno
    if a not in disponibili:
        raise InputIlleggibile(
            f"Non ci sono dati per il {a} (anni disponibili: {_elenco(disponibili)})."
        )
    if da is None:
        prima = [x for x in disponibili if x < a]
        if not prima:
            raise InputIlleggibile(
                f"Non c'è un anno precedente al {a} con cui confrontare: aggiungere il file dell'anno "
                f"o i dati chiave in «anni_precedenti» (anni disponibili: {_elenco(disponibili)})."
            )
        da = max(prima)
    if da not in disponibili:
        raise InputIlleggibile(
            f"Non ci sono dati per il {da} (anni disponibili: {_elenco(disponibili)})."
        )
    problemi = _problemi_per_anno(caricato, sorgente.anni, bilancio.anno.anno)
    return tuple(  # type: ignore[return-value]
        _Aperto(
            dati=bilancio.dati(x),
            anno=x,
            ente=bilancio.ente,
            fonte=str(sorgente.anni.get(x, sorgente.anni[bilancio.anno.anno])),
            problemi=problemi.get(x, []),
        )
        for x in (da, a)
    )


def _apri(percorso: Path, anno: int | None, *, ente_di_riserva: Ente | None = None) -> _Aperto:
    """One side of a two-path comparison: a year file, or a folder's latest year (or ``anno``)."""
    sorgente = individua(percorso)
    if percorso.is_file() and anno is not None:
        anno = None  # a file is its own year
    caricato = carica(percorso, anno if anno is not None and anno in sorgente.anni else None)
    if caricato.bilancio is None and ente_di_riserva is not None and _manca_solo_ente(caricato):
        return _apri_senza_ente(percorso, sorgente.anni, caricato, ente_di_riserva)
    bilancio = _valido(caricato)
    scelto = anno if anno is not None else bilancio.anno.anno
    dati = bilancio.dati(scelto)
    if dati is None:
        raise InputIlleggibile(
            f"Non ci sono dati per il {scelto} in «{percorso}» (anni disponibili: {_elenco(bilancio.anni)})."
        )
    problemi = _problemi_per_anno(caricato, sorgente.anni, bilancio.anno.anno)
    fonte = str(sorgente.anni.get(scelto, sorgente.anni.get(bilancio.anno.anno, percorso)))
    return _Aperto(
        dati=dati, anno=scelto, ente=bilancio.ente, fonte=fonte, problemi=problemi.get(scelto, [])
    )


def _manca_solo_ente(caricato: Caricato) -> bool:
    errori = [p for p in caricato.problemi if p.gravita is Gravita.ERRORE]
    return caricato.leggibile and bool(errori) and all(p.codice == "ENTE-MANCANTE" for p in errori)


def _apri_senza_ente(
    percorso: Path, anni: dict[int, Path], caricato: Caricato, ente: Ente
) -> _Aperto:
    """A year file whose folder has no ente.yaml: validate it alone, check it with the other side's entity."""
    from .caricamento import Bilancio, Luogo

    file = percorso if percorso.is_file() else anni[max(anni)]
    letto = leggi(file, str(file))
    modello, problemi = valida(Anno, letto.dati, letto.origini)
    if modello is None:  # pragma: no cover - carica already found only the missing entity
        raise DatiNonValidi(_rapporto(caricato))
    bilancio = Bilancio(ente=ente, anno=modello, precedenti={})
    luogo = Luogo(origini_anni={modello.anno: (letto.origini, ())})
    trovati = [
        p
        for p in [*problemi, *applica(bilancio, luogo, calcola(bilancio))]
        if p.codice not in _IGNORATI
    ]
    return _Aperto(
        dati=modello,
        anno=modello.anno,
        ente=ente,
        fonte=str(file),
        problemi=[(p, p.campo or "") for p in trovati],
    )


def _valido(caricato: Caricato) -> Any:
    if caricato.bilancio is None:
        raise DatiNonValidi(_rapporto(caricato))
    return caricato.bilancio


def _rapporto(caricato: Caricato) -> Rapporto:
    return Rapporto(
        percorso=caricato.percorso,
        anno=caricato.anno,
        file=caricato.file,
        problemi=list(caricato.problemi),
        leggibile=caricato.leggibile,
    )


def _elenco(anni: Iterable[int]) -> str:
    return ", ".join(str(x) for x in sorted(anni)) or "nessuno"


# --- what `check` finds, attached to rows ----------------------------------------------------

_IGNORATI = {"CONFORMITA"}  # completeness of the DM items is `check`'s business, not a change
_PRECEDENTI = re.compile(r"^anni_precedenti\.(\d{4})(?:\.(.*))?$")


def _problemi_per_anno(
    caricato: Caricato, file_anni: dict[int, Path], riferimento: int
) -> dict[int, list[tuple[Problema, str]]]:
    """Every problem `check` finds, by the year it concerns, with the field path inside that year."""
    assert caricato.bilancio is not None
    calcolo = calcola(caricato.bilancio)
    tutti = [*caricato.problemi, *applica(caricato.bilancio, caricato.luogo, calcolo)]
    per_file = {str(p): a for a, p in file_anni.items()}
    out: dict[int, list[tuple[Problema, str]]] = {}
    for p in tutti:
        if p.codice in _IGNORATI:
            continue
        campo = p.campo or ""
        m = _PRECEDENTI.match(campo)
        if m:
            anno, campo = int(m.group(1)), m.group(2) or ""
        elif p.posizione is not None and p.posizione.file in per_file:
            anno = per_file[p.posizione.file]
        elif p.posizione is not None and Path(p.posizione.file).name.startswith("ente."):
            continue  # the entity is the same in both years
        else:
            anno = riferimento
        out.setdefault(anno, []).append((p, campo))
    return out


_SEGMENTO = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _chiave_da_campo(dati: Any, campo: str) -> str:
    """``attivita.servizi[3].ore`` (1-based, as `check` writes it) -> ``attivita.servizi[Nome].ore``."""
    chiave, oggetto = "", dati
    for nome, indice in _SEGMENTO.findall(campo):
        if nome:
            chiave += f".{nome}" if chiave else nome
            oggetto = (
                contenuto(getattr(oggetto, nome, None)) if isinstance(oggetto, BaseModel) else None
            )
            continue
        i = int(indice) - 1
        if (
            isinstance(oggetto, list)
            and 0 <= i < len(oggetto)
            and isinstance(oggetto[i], BaseModel)
        ):
            campo_nome = _campo_nome(type(oggetto[i]))
            if campo_nome is not None:
                chiave += f"[{_nomi(oggetto, campo_nome)[i][0]}]"
                oggetto = oggetto[i]
                continue
        break
    return chiave


def _interessate(righe: Sequence[Riga], chiave: str) -> list[str]:
    """Rows under a field path; else under its parent, up to the item or sub-model it belongs to.

    Never a whole section (too broad), never past a list item (another service's rows).
    """
    parti = chiave
    while "." in parti:
        trovate = [
            r.chiave
            for r in righe
            if r.chiave == parti
            or r.chiave.startswith(parti + ".")
            or r.chiave.startswith(parti + "[")
        ]
        if trovate:
            return trovate
        if parti.endswith("]"):
            return []
        parti = re.sub(r"\.[^.\[\]]+$", "", parti)
    return []


def _avviso_controllo(
    confronto: Confronto, lato: _Aperto, problema: Problema, relativo: str
) -> Avviso:
    chiave = _chiave_da_campo(lato.dati, relativo) if relativo else ""
    chiavi = _interessate(confronto.righe, chiave)
    sezione = SEZIONI.get(chiave.split(".", 1)[0]) if chiave else None
    return Avviso(
        codice=problema.codice,
        gravita=problema.gravita,
        messaggio=problema.messaggio,
        anno=lato.anno,
        chiavi=chiavi,
        sezione=sezione.numero if sezione else None,
        posizione=problema.dove or None,
        campo=problema.campo,
    )


# --- text outputs (no terminal): Markdown for pull-request comments, CSV for spreadsheets ----


def _cella_md(testo: str) -> str:
    return testo.replace("|", "\\|").replace("\n", " ")


def come_markdown(confronto: Confronto) -> str:
    """A Markdown report a pull-request comment can show: one table per section of the DM."""
    vecchio, nuovo = confronto.intestazioni()
    titolo = f"## Confronto {vecchio} → {nuovo}"
    if confronto.denominazione:
        titolo += f" — {confronto.denominazione}"
    righe = [
        titolo,
        "",
        f"Variazioni oltre il {formato.percentuale(confronto.soglia, _decimali_soglia(confronto.soglia))} in **grassetto**; "
        f"«{formato.NS}»: variazione non significativa (da zero o con cambio di segno); «{formato.ND}»: dato mancante.",
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
                    if vecchio != nuovo and confronto.anno_vecchio != confronto.anno_nuovo
                    else ""
                )
                righe += ["", f"{etichetta}{rispetto}:", ""]
                righe += [f"- {_cella_md(e.elenco)}: «{_cella_md(e.nome)}»" for e in nella]
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


def _dove(avviso: Avviso) -> str:
    parti = [p for p in (str(avviso.anno) if avviso.anno else None, avviso.posizione) if p]
    return f" ({', '.join(parti)})" if parti else ""


def _decimali_soglia(soglia: Decimal) -> int:
    return 0 if soglia == soglia.to_integral_value() else 2


def riepilogo(confronto: Confronto) -> str:
    """One line: how many rows, changed, over the threshold, added, removed, warnings."""
    n = len(confronto.righe)
    parti = [
        f"{n} {'voce confrontata' if n == 1 else 'voci confrontate'}",
        f"{len(confronto.variate)} variate",
        f"{sum(r.oltre_soglia for r in confronto.righe)} oltre il "
        f"{formato.percentuale(confronto.soglia, _decimali_soglia(confronto.soglia))}",
        f"{len(confronto.aggiunti)} aggiunte",
        f"{len(confronto.rimossi)} rimosse",
        f"{len(confronto.avvisi)} {'avviso' if len(confronto.avvisi) == 1 else 'avvisi'}",
    ]
    return ", ".join(parti) + "."


DIALETTI_CSV = {
    "italiano": (";", ","),  # what Excel and LibreOffice expect with Italian regional settings
    "excel": (",", "."),  # the csv module's "excel" dialect, decimal point
}
"""CSV dialects: (field separator, decimal separator)."""


def come_csv(confronto: Confronto, dialetto: str = "italiano") -> str:
    """One table, every row plus the added/removed items; numbers unformatted for spreadsheets.

    ``italiano``: ``;`` between fields and a decimal comma; ``excel``: ``,`` and a decimal
    point. Percentage changes are rounded to two decimals (half up), undefined ones are
    ``n/d``; values are exact.
    """
    import csv
    import io

    if dialetto not in DIALETTI_CSV:
        raise ValueError(
            f"dialetto CSV sconosciuto: {dialetto} (ammessi: {', '.join(DIALETTI_CSV)})"
        )
    separatore, decimale = DIALETTI_CSV[dialetto]

    def num(valore: Decimal | int | None, decimali: int | None = None) -> str:
        if valore is None:
            return formato.ND
        d = Decimal(valore)
        if decimali is not None:
            d = formato.arrotonda(d, decimali)
        testo = format(d, "f")
        return testo.replace(".", decimale)

    uscita = io.StringIO()
    scrittore = csv.writer(uscita, delimiter=separatore, lineterminator="\r\n")
    scrittore.writerow(
        [
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
    )
    for r in confronto.righe:
        scrittore.writerow(
            [
                str(r.sezione),
                r.chiave,
                r.etichetta,
                r.unita.value,
                confronto.anno_vecchio,
                num(r.vecchio),
                confronto.anno_nuovo,
                num(r.nuovo),
                num(r.delta),
                num(r.delta_percentuale, 2)
                if r.delta_percentuale is not None
                else r.testo_delta_percentuale,
                "sì" if r.oltre_soglia else "no",
                r.stato,
                "; ".join(r.note),
            ]
        )
    for stato, elementi in (("aggiunto", confronto.aggiunti), ("rimosso", confronto.rimossi)):
        for e in elementi:
            scrittore.writerow(
                [
                    str(e.sezione),
                    e.chiave,
                    f"{e.elenco}: {e.nome}",
                    "",
                    confronto.anno_vecchio,
                    "",
                    confronto.anno_nuovo,
                    "",
                    "",
                    "",
                    "",
                    stato,
                    "",
                ]
            )
    return uscita.getvalue()


__all__ = [
    "SEZIONI",
    "SOGLIA",
    "Avviso",
    "Confronto",
    "Elemento",
    "Riga",
    "Sezione",
    "Unita",
    "come_csv",
    "come_markdown",
    "confronta",
    "diff",
    "riepilogo",
]
