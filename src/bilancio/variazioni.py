"""The comparison engine: from two years' typed data and their computed figures to a
:class:`Confronto`, and from a :class:`~bilancio.calcolo.Calcolo` to the whole span.

Pure functions only: nothing here opens a file, runs a rule or computes a derived figure.
Loading goes through the same path as `check` (:mod:`bilancio.confronto`), the derived
figures come from the compute step (:mod:`bilancio.calcolo`: ``CifreAnno``), and the
text outputs live in :mod:`bilancio.esporta`.

The engine walks the data models generically, so a field added to a model is compared
without touching this module:

* every number (a count, an amount in euro, a percentage, hours) becomes a :class:`Riga`
  labelled with the field's Italian ``title`` and grouped by section of DM 4/7/2019 §6;
* lists of named items (services by ``nome``, board members by ``nome``, stakeholders by
  ``tipologia``, training by ``tema``...) are matched by name: items present in one year
  only are listed as added or removed (a service with what it carried: beneficiaries,
  hours), matched items are compared field by field;
* the figures of the catalogue come from ``CifreAnno``; a figure that is also a field of
  the data (the value of production, the personnel costs when they are the whole labour
  cost) is one row, not two;
* what makes a comparison meaningless (a figure missing in one year, a change of method
  declared in ``metodologia.cambiamenti``, the inconsistencies `check` finds) becomes an
  :class:`Avviso` attached to the rows it affects.

Every change is :func:`bilancio.calcolo.confronta`'s: exact ``Decimal`` values, a
percentage that is ``None`` from zero (not defined) or across a change of sign (not
meaningful), and unknown with the reason when a figure is missing. Values are exact in
Python and rounded half up to the decimals the reports print in JSON and CSV.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, field_serializer
from pydantic.fields import FieldInfo

from . import formato
from .calcolo import Calcolo, CifreAnno, CifreServizio, cifre_degli_anni
from .calcolo.cifre import Cifra, ignota, nota, numero_json
from .calcolo.confronti import PercentualeNonDefinita
from .calcolo.confronti import confronta as confronta_cifre
from .errori import Gravita, Problema
from .modello import Anno, AnnoPrecedente, Ente, NonPresente, annotazioni, contenuto
from .modello.catalogo import CATALOGO
from .modello.catalogo import Unita as UnitaCatalogo
from .modello.governo import ConsiglioAmministrazione
from .modello.persone import Contratti, Istruzione
from .modello.sezioni import SEZIONI_DM
from .scelte import SOGLIA as SOGLIA  # the default threshold, shared with the command line


class Unita(str, Enum):
    EURO = "euro"
    NUMERO = "numero"
    PERCENTUALE = "%"
    ORE = "ore"
    RAPPORTO = "rapporto"
    ANNI = "anni"


Tipo = Literal["euro", "numero", "percentuale"]
"""The kinds ``--tipo`` filters by: money, counts (and hours, ratios, ages), shares."""

TIPI: tuple[Tipo, ...] = ("euro", "numero", "percentuale")


class Sezione(BaseModel):
    """A section of DM 4 luglio 2019 §6."""

    numero: int
    titolo: str

    def __str__(self) -> str:
        return f"{self.numero}. {self.titolo}"


Stato = Literal["variato", "invariato", "non confrontabile"]


def _decimali_di(unita: Unita, valori: Iterable[Decimal | int | None]) -> int:
    """Decimals a data field prints with: two for shares and for amounts with cents."""
    if unita is Unita.PERCENTUALE:
        return 2
    return 2 if any(isinstance(v, Decimal) and v != v.to_integral_value() for v in valori) else 0


class _Cifre(BaseModel):
    """Figures printed with ``decimali`` decimals: JSON rounds them the same way."""

    decimali: int = Field(default=0, description="Decimali con cui le cifre si stampano")

    def testo(self, valore: Decimal | int | None) -> str:
        """A value, formatted: ``€ 8.924.272``, ``102``, ``53,44%``; ``n.d.`` when unknown."""
        unita = getattr(self, "unita", Unita.NUMERO)
        if valore is None:
            return formato.ND
        if unita is Unita.EURO:
            return formato.euro(valore, self.decimali)
        if unita is Unita.PERCENTUALE:
            return formato.percentuale(valore, self.decimali)
        return formato.numero(valore, self.decimali)


class Riga(_Cifre):
    """One comparable figure in two years."""

    sezione: Sezione
    chiave: str = Field(
        description="Percorso stabile, es. governo.soci.lavoratori o attivita.servizi[Nome].ore"
    )
    codice: str | None = Field(
        default=None, description="Codice del catalogo, se la riga è una cifra del catalogo"
    )
    etichetta: str = Field(description="Voce in italiano, dai titoli dei campi del modello")
    unita: Unita
    vecchio: Decimal | int | None = None
    nuovo: Decimal | int | None = None
    delta: Decimal | int | None = Field(default=None, description="nuovo - vecchio")
    delta_percentuale: Decimal | None = Field(
        default=None,
        description="Variazione % sul valore assoluto del vecchio; null se non definita",
    )
    percentuale_non_definita: PercentualeNonDefinita | None = Field(
        default=None,
        description="Perché la variazione % manca: dato_mancante, da_zero, cambio_segno",
    )
    motivo: str | None = Field(
        default=None, description="Perché la riga non è confrontabile (la cifra che manca)"
    )
    stato: Stato = "invariato"
    oltre_soglia: bool = Field(
        default=False,
        description="La variazione supera la soglia (da zero o con cambio di segno: sempre)",
    )
    note: list[str] = Field(default_factory=list, description="Avvisi brevi che riguardano la riga")

    @field_serializer("vecchio", "nuovo", "delta", when_used="json")
    def _valore_json(self, valore: Decimal | int | None) -> int | float | None:
        return numero_json(valore, self.decimali)

    @field_serializer("delta_percentuale", when_used="json")
    def _percentuale_json(self, valore: Decimal | None) -> int | float | None:
        return numero_json(valore, 2)

    # --- how the figure reads (Italian formatting, the same in every output) -----------

    @property
    def tipo(self) -> Tipo:
        """Money, share, or a count (hours, ratios and ages count as numbers)."""
        if self.unita is Unita.EURO:
            return "euro"
        if self.unita is Unita.PERCENTUALE:
            return "percentuale"
        return "numero"

    @property
    def testo_delta(self) -> str:
        """``-4``, ``+€ 428.394``, ``+1,20 p.p.``, ``invariato``; ``n.d.`` when not comparable."""
        if self.delta is None:
            return formato.ND
        d = Decimal(self.delta)
        if formato.arrotonda(d, self.decimali) == 0:
            return "invariato"
        segno = "+" if d > 0 else "-"
        if self.unita is Unita.EURO:
            return segno + formato.euro(abs(d), self.decimali)
        if self.unita is Unita.PERCENTUALE:
            return f"{segno}{formato.numero(abs(d), self.decimali)} p.p."
        return segno + formato.numero(abs(d), self.decimali)

    @property
    def testo_delta_percentuale(self) -> str:
        """``+5,04%``; ``n.s.`` from zero or across a change of sign; ``n.d.`` with a figure missing."""
        if self.delta_percentuale is not None:
            return formato.percentuale(self.delta_percentuale, 2, segno=True)
        if self.percentuale_non_definita is PercentualeNonDefinita.DATO_MANCANTE:
            return formato.ND
        return formato.NS

    def testo_variazione(self, anno: int) -> str:
        """The brochure's wording: ``-4 rispetto al 2024`` for counts, ``+5,04% rispetto al 2024`` otherwise."""
        modo = "percentuale" if self.unita in (Unita.EURO, Unita.PERCENTUALE) else "assoluta"
        return formato.testo_variazione(
            self.vecchio, self.nuovo, anno, modo=modo, decimali=self.decimali
        )

    @property
    def invariata(self) -> bool:
        """No change at all (a change too small to print still reads ``invariato``)."""
        return self.delta is not None and self.delta == 0

    def supera(self, soglia: Decimal | float | int) -> bool:
        """Does the change exceed ``soglia`` %? From zero or across a change of sign: always."""
        if self.delta is None or self.invariata:
            return False
        if self.delta_percentuale is None:
            return True
        return abs(self.delta_percentuale) > Decimal(str(soglia))


class CifraElemento(_Cifre):
    """A figure an added or removed item carries (a service's beneficiaries, hours)."""

    chiave: str = Field(description="es. beneficiari, ore, interventi")
    etichetta: str
    unita: Unita
    valore: Decimal | int | None = None
    motivo: str | None = None

    @field_serializer("valore", when_used="json")
    def _valore_json(self, valore: Decimal | int | None) -> int | float | None:
        return numero_json(valore, self.decimali)

    @property
    def testo_breve(self) -> str:
        """``beneficiari 30``, ``ore 1.000``, ``costi sostenuti € 960``, ``beneficiari n.d.``."""
        return f"{self.etichetta[:1].lower()}{self.etichetta[1:]} {self.testo(self.valore)}"


class Elemento(BaseModel):
    """A named item (service, board member, stakeholder...) present in one year only."""

    sezione: Sezione
    chiave: str = Field(description="es. attivita.servizi[Nome del servizio]")
    elenco: str = Field(description="Titolo dell'elenco, es. Servizi, aree e progetti")
    nome: str
    anno: int | None = Field(default=None, description="L'anno in cui l'elemento c'è")
    cifre: list[CifraElemento] = Field(
        default_factory=list, description="Che cosa portava: beneficiari, ore, interventi"
    )

    @property
    def testo_cifre(self) -> str:
        """``2024: beneficiari 30, ore 1.000`` (empty when it carried no figure)."""
        if not self.cifre:
            return ""
        prefisso = f"{self.anno}: " if self.anno is not None else ""
        return prefisso + ", ".join(c.testo_breve for c in self.cifre)


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


class Cancello(BaseModel):
    """What ``--fail-over`` checks: which changes make a CI gate fail."""

    soglia: Decimal = Field(description="Variazione % oltre la quale la riga fa fallire")
    sezioni: set[int] | None = Field(default=None, description="Solo queste sezioni del DM")
    tipi: set[Tipo] | None = Field(default=None, description="Solo euro, numero o percentuale")
    minimo: Decimal | None = Field(
        default=None,
        description="Variazione assoluta minima, nell'unità della riga (euro, numero, p.p.)",
    )
    elementi: bool = Field(default=False, description="Anche elementi aggiunti o rimossi")

    def _nella_sezione(self, numero: int) -> bool:
        return self.sezioni is None or numero in self.sezioni

    def riga(self, riga: Riga) -> bool:
        if not self._nella_sezione(riga.sezione.numero):
            return False
        if self.tipi is not None and riga.tipo not in self.tipi:
            return False
        if self.minimo is not None and (
            riga.delta is None or abs(Decimal(riga.delta)) < self.minimo
        ):
            return False
        return riga.supera(self.soglia)

    def elemento(self, elemento: Elemento) -> bool:
        return self.elementi and self._nella_sezione(elemento.sezione.numero)


class Confronto(BaseModel):
    """Every change between two years (or two files) of a cooperative."""

    anno_vecchio: int
    anno_nuovo: int
    fonte_vecchio: str | None = None
    fonte_nuovo: str | None = None
    denominazione: str | None = None
    soglia: Decimal = SOGLIA
    righe: list[Riga] = Field(default_factory=list)
    aggiunti: list[Elemento] = Field(default_factory=list)
    rimossi: list[Elemento] = Field(default_factory=list)
    avvisi: list[Avviso] = Field(default_factory=list)

    @field_serializer("soglia", when_used="json")
    def _soglia_json(self, valore: Decimal) -> int | float | None:
        return numero_json(valore, 2)

    def riga(self, chiave: str) -> Riga | None:
        """The row at ``chiave``; ``indicatori.<codice>`` also finds a catalogue figure
        shown as its data field's row (``indicatori.costo_lavoro`` -> Costi del personale)."""
        return self.indice().get(chiave)

    def indice(self) -> dict[str, Riga]:
        """Rows by key, and by ``indicatori.<codice>`` for the catalogue's figures."""
        out = {f"indicatori.{r.codice}": r for r in self.righe if r.codice}
        out.update({r.chiave: r for r in self.righe})
        return out

    @property
    def variate(self) -> list[Riga]:
        return [r for r in self.righe if r.stato == "variato"]

    def oltre(self, soglia: Decimal | float | int) -> list[Riga]:
        """Rows whose change exceeds ``soglia`` % (what ``--fail-over`` checks by default)."""
        return [r for r in self.righe if r.supera(soglia)]

    def superamenti(self, cancello: Cancello) -> tuple[list[Riga], list[Elemento]]:
        """The rows (and, if asked, the added or removed items) that make ``cancello`` fail."""
        righe = [r for r in self.righe if cancello.riga(r)]
        elementi = [e for e in [*self.aggiunti, *self.rimossi] if cancello.elemento(e)]
        return righe, elementi

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
    """What the walk collects, and the computed figures of both years it reads."""

    anno_vecchio: int
    anno_nuovo: int
    cifre: tuple[CifreAnno, CifreAnno]
    parziale: bool = False  # a side has only key figures (anni_precedenti): lists are partial
    righe: list[Riga] = field(default_factory=list)
    aggiunti: list[Elemento] = field(default_factory=list)
    rimossi: list[Elemento] = field(default_factory=list)

    def dato(self, valore: Decimal | int | None, anno: int) -> Cifra:
        """A figure written in the data: known, or missing in that year."""
        return ignota(f"manca nel {anno}") if valore is None else nota(valore)

    def riga(
        self, sezione: Sezione, chiave: str, etichetta: str, unita: Unita, vecchio: Any, nuovo: Any
    ) -> None:
        v, n = _numero(vecchio), _numero(nuovo)
        if v is None and n is None:
            return
        self.cifra(
            sezione,
            chiave,
            etichetta,
            unita,
            self.dato(v, self.anno_vecchio),
            self.dato(n, self.anno_nuovo),
            _decimali_di(unita, (v, n)),
        )

    def cifra(
        self,
        sezione: Sezione,
        chiave: str,
        etichetta: str,
        unita: Unita,
        vecchio: Cifra,
        nuovo: Cifra,
        decimali: int,
        codice: str | None = None,
    ) -> None:
        self.righe.append(
            riga_da_cifre(
                sezione,
                chiave,
                etichetta,
                unita,
                vecchio,
                nuovo,
                self.anno_vecchio,
                self.anno_nuovo,
                decimali=decimali,
                codice=codice,
            )
        )


_DECIMALI_ESATTI = 10


def _dieci_decimali(cifra: Cifra) -> Cifra:
    """A quotient (a share, an average) enters the comparison with ten decimals: far beyond
    what is printed, and short enough that ``vecchio + delta == nuovo`` holds exactly."""
    v = cifra.valore
    if isinstance(v, Decimal) and v.as_tuple().exponent < -_DECIMALI_ESATTI:  # type: ignore[operator]
        arrotondato = formato.arrotonda(v, _DECIMALI_ESATTI).normalize()
        return cifra.model_copy(update={"valore": arrotondato + 0})
    return cifra


def riga_da_cifre(
    sezione: Sezione,
    chiave: str,
    etichetta: str,
    unita: Unita,
    vecchio: Cifra,
    nuovo: Cifra,
    da: int,
    a: int,
    *,
    decimali: int,
    codice: str | None = None,
) -> Riga:
    """A row from two figures, with the compute step's change (:func:`bilancio.calcolo.confronta`)."""
    vecchio, nuovo = _dieci_decimali(vecchio), _dieci_decimali(nuovo)
    variazione = confronta_cifre(vecchio, nuovo, da, a)
    percentuale = variazione.percentuale.valore
    riga = Riga(
        sezione=sezione,
        chiave=chiave,
        codice=codice,
        etichetta=etichetta,
        unita=unita,
        decimali=decimali,
        vecchio=vecchio.valore,
        nuovo=nuovo.valore,
        delta=variazione.delta.valore,
        delta_percentuale=None if percentuale is None else Decimal(percentuale),
        percentuale_non_definita=variazione.percentuale_non_definita,
    )
    if riga.delta is None:
        riga.stato = "non confrontabile"
        riga.motivo = variazione.delta.motivo
    else:
        riga.stato = "invariato" if riga.invariata else "variato"
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
    servizi = chiave == _SERVIZI
    vecchi = {
        k: (e, x, i)
        for i, ((k, e), x) in enumerate(zip(_nomi(vecchio, campo), vecchio, strict=True))
    }
    nuovi = {
        k: (e, x, i) for i, ((k, e), x) in enumerate(zip(_nomi(nuovo, campo), nuovo, strict=True))
    }
    for k, (etichetta, elemento, i) in nuovi.items():
        percorso = f"{chiave}[{k}]"
        if k in vecchi:
            testo = f"{prefisso}«{etichetta}»{_TRATTINO}"
            _modello(r, sezione, cls, vecchi[k][1], elemento, percorso, testo, None)
            if servizi:
                _derivati_servizio(
                    r, sezione, percorso, testo, _servizio(r.cifre[0], vecchi[k][2]),
                    _servizio(r.cifre[1], i),
                )  # fmt: skip
        elif not r.parziale:
            r.aggiunti.append(
                Elemento(
                    sezione=sezione,
                    chiave=percorso,
                    elenco=prefisso + titolo,
                    nome=etichetta,
                    anno=r.anno_nuovo,
                    cifre=_cifre_elemento(elemento, _servizio(r.cifre[1], i) if servizi else None),
                )
            )
    if r.parziale:
        return
    for k, (etichetta, elemento, i) in vecchi.items():
        if k not in nuovi:
            r.rimossi.append(
                Elemento(
                    sezione=sezione,
                    chiave=f"{chiave}[{k}]",
                    elenco=prefisso + titolo,
                    nome=etichetta,
                    anno=r.anno_vecchio,
                    cifre=_cifre_elemento(elemento, _servizio(r.cifre[0], i) if servizi else None),
                )
            )


_SERVIZI = "attivita.servizi"


def _servizio(cifre: CifreAnno, indice: int) -> CifreServizio | None:
    """The computed figures of the ``indice``-th service of a year (the compute step's order)."""
    return cifre.servizi[indice] if indice < len(cifre.servizi) else None


# a service's computed figures: (field of CifreServizio, row key, label, unit)
_DERIVATI_SERVIZIO: tuple[tuple[str, str, str, Unita], ...] = (
    ("beneficiari", "beneficiari_totali", "Beneficiari totali", Unita.NUMERO),
    ("ore_per_beneficiario", "ore_per_beneficiario", "Ore per beneficiario", Unita.ORE),
    ("durata_media_minuti", "durata_media", "Durata media per intervento (minuti)", Unita.NUMERO),
)


def _cifra_servizio(servizio: CifreServizio | None, campo: str) -> Cifra | None:
    """A computed figure of a service; ``None`` when the service does not record it."""
    if servizio is None or (campo == "beneficiari" and not servizio.conta_beneficiari):
        return None
    cifra: Cifra | None = getattr(servizio, campo)
    return cifra


def _derivati_servizio(
    r: _Raccolta,
    sezione: Sezione,
    chiave: str,
    prefisso: str,
    vecchio: CifreServizio | None,
    nuovo: CifreServizio | None,
) -> None:
    """The derived rows of a service found in both years, from the compute step."""
    for campo, nome, titolo, unita in _DERIVATI_SERVIZIO:
        v, n = _cifra_servizio(vecchio, campo), _cifra_servizio(nuovo, campo)
        if (v is None or not v.nota) and (n is None or not n.nota):
            continue
        v = v or ignota(f"il servizio non rileva il dato nel {r.anno_vecchio}")
        n = n or ignota(f"il servizio non rileva il dato nel {r.anno_nuovo}")
        decimali = next((c.decimali for c in (n, v) if c.decimali is not None), 0)
        r.cifra(sezione, f"{chiave}.{nome}", prefisso + titolo, unita, v, n, decimali)


_CIFRE_ELEMENTO_SERVIZIO: tuple[tuple[str, str, Unita], ...] = (
    ("beneficiari", "Beneficiari", Unita.NUMERO),
    ("ore", "Ore", Unita.ORE),
    ("interventi", "Interventi", Unita.NUMERO),
)


def _cifre_elemento(elemento: BaseModel, servizio: CifreServizio | None) -> list[CifraElemento]:
    """What an added or removed item carried: a service's computed beneficiaries, hours and
    interventions; for other items, the figures written in it."""
    out: list[CifraElemento] = []
    if servizio is not None:
        for campo, etichetta, unita in _CIFRE_ELEMENTO_SERVIZIO:
            cifra = _cifra_servizio(servizio, campo)
            if cifra is None:
                continue
            out.append(
                CifraElemento(
                    chiave=campo,
                    etichetta=etichetta,
                    unita=unita,
                    valore=cifra.valore,
                    motivo=cifra.motivo,
                    decimali=_decimali_di(unita, (cifra.valore,)),
                )
            )
        return out
    for nome, info in type(elemento).model_fields.items():
        if nome in _ESCLUSI or _dichiarato(info) or nome not in elemento.model_fields_set:
            continue
        valore = contenuto(getattr(elemento, nome))
        numero = _numero(valore)
        if numero is None or (isinstance(valore, Enum) and not isinstance(valore, int)):
            continue
        unita = _unita(nome, info, numero)
        out.append(
            CifraElemento(
                chiave=nome,
                etichetta=info.title or nome,
                unita=unita,
                valore=numero,
                decimali=_decimali_di(unita, (numero,)),
            )
        )
    return out


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


def _etichette_uniche(righe: list[Riga]) -> None:
    """Two rows of a section never read the same: a field title met under two parents
    ("Età media (anni)" of employees and of self-employed) gets its parent's label
    ("Lavoratori dipendenti, età media (anni)")."""
    per_chiave = {r.chiave: r for r in righe}
    conta = Counter((r.sezione.numero, r.etichetta) for r in righe)
    for r in righe:
        if conta[(r.sezione.numero, r.etichetta)] < 2 or "." not in r.chiave:
            continue
        padre = r.chiave.rsplit(".", 1)[0]
        principale = per_chiave.get(f"{padre}.numero") or next(
            (x for x in righe if x.chiave.startswith(padre + ".") and x is not r), None
        )
        base = principale.etichetta if principale is not None else padre.rsplit(".", 1)[-1]
        if base != r.etichetta:
            r.etichetta = f"{base}, {r.etichetta[:1].lower()}{r.etichetta[1:]}"


# --- the figures of the catalogue ------------------------------------------------------

_UNITA_CATALOGO = {
    UnitaCatalogo.EURO: Unita.EURO,
    UnitaCatalogo.PERCENTUALE: Unita.PERCENTUALE,
    UnitaCatalogo.ORE: Unita.ORE,
    UnitaCatalogo.NUMERO: Unita.NUMERO,
    UnitaCatalogo.RAPPORTO: Unita.RAPPORTO,
    UnitaCatalogo.ANNI: Unita.ANNI,
}

STESSA_CIFRA: dict[str, tuple[str, bool]] = {
    "valore_produzione": ("economia.valore_produzione", False),
    "risultato_esercizio": ("economia.risultato_esercizio", False),
    "costo_lavoro": ("economia.costo_personale", False),
    "patrimonio_netto": ("economia.patrimonio.patrimonio_netto", False),
    "servizi_numero": ("attivita.servizi.numero", True),
    "cda_componenti": ("governo.consiglio_amministrazione.componenti.numero", True),
}
"""Catalogue figures that a field of the data may already show: code -> (row key, whether
the catalogue's label is the clearer one). When both years agree, the figure is one row:
the field's key (the report and scripts find it under ``indicatori.<codice>`` too) and the
clearer label ("Costi del personale", the CEE line, when they are the whole labour cost;
"Servizi e progetti" rather than "Servizi, aree e progetti (numero)")."""


def _indicatori(r: _Raccolta, sezioni: set[str]) -> None:
    """One row per figure of the catalogue, in the sections both years have."""
    vecchi, nuovi = r.cifre
    per_chiave = {x.chiave: x for x in r.righe}
    for ind in CATALOGO:
        if ind.sezione not in sezioni:
            continue
        v, n = vecchi.cifre[ind.codice], nuovi.cifre[ind.codice]
        if not v.nota and not n.nota:
            continue
        stessa = STESSA_CIFRA.get(ind.codice)
        gemella = per_chiave.get(stessa[0]) if stessa else None
        if (
            stessa
            and gemella is not None
            and (gemella.vecchio, gemella.nuovo) == (v.valore, n.valore)
        ):
            gemella.codice = ind.codice  # the same figure: one row
            if stessa[1]:
                gemella.etichetta = ind.etichetta
            continue
        unita = _UNITA_CATALOGO[ind.unita]
        r.cifra(
            SEZIONI[ind.sezione],
            f"indicatori.{ind.codice}",
            ind.etichetta,
            unita,
            v,
            n,
            decimali_catalogo(ind.decimali, unita, (v.valore, n.valore)),
            codice=ind.codice,
        )


def decimali_catalogo(decimali: int, unita: Unita, valori: Iterable[Decimal | int | None]) -> int:
    """A catalogue figure's printed decimals: its own for shares and ratios; for amounts,
    hours and ages at most its own, and none when the values are whole (4.730 ore)."""
    if unita in (Unita.PERCENTUALE, Unita.RAPPORTO):
        return decimali
    return min(decimali, _decimali_di(unita, valori))


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
    """Compare two years' data: every figure, named items matched by name, the catalogue.

    ``cifre`` are the two years' computed figures, from the :class:`~bilancio.calcolo.Calcolo`
    the caller already has (``calcolo.anni[anno]``): `diff` and the reports pass them. A
    script comparing two bare models may leave them out; they are then taken from the
    compute step (:func:`bilancio.calcolo.cifre_degli_anni`) over these two years only.

    Pure: no files are read, no rule is run. Warnings here are about the data themselves
    (figures missing in one year, changes of method declared in ``metodologia.cambiamenti``);
    :func:`aggiungi_problemi` attaches the inconsistencies `check` found.
    """
    if cifre is None:
        calcolate = cifre_degli_anni({anno_vecchio: vecchio, anno_nuovo: nuovo}, ente)
        cifre = (calcolate[anno_vecchio], calcolate[anno_nuovo])
    r = _Raccolta(
        anno_vecchio,
        anno_nuovo,
        cifre,
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
    _etichette_uniche(r.righe)
    _indicatori(r, confrontate)
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
            if riga is None:
                continue
            # a missing figure's note is its reason: "manca il numero dei dipendenti 2022"
            testo = riga.motivo if avviso.codice == "DATO-MANCANTE" and riga.motivo else nota
            if testo not in riga.note:
                riga.note.append(testo)


# --- what `check` found, attached to rows ----------------------------------------------------

_IGNORATI = {"CONFORMITA"}  # completeness of the DM items is `check`'s business, not a change
_PRECEDENTI = re.compile(r"^anni_precedenti\.(\d{4})(?:\.(.*))?$")


def problemi_per_anno(
    problemi: Iterable[Problema], file_anni: dict[int, str], riferimento: int
) -> dict[int, list[tuple[Problema, str]]]:
    """The problems `check` found, by the year they concern, with the field path inside it.

    ``file_anni`` maps each year to the file it was read from; a problem placed in none of
    them (and not in the entity file, the same in both years) concerns ``riferimento``.
    """
    per_file = {f: a for a, f in file_anni.items()}
    out: dict[int, list[tuple[Problema, str]]] = {}
    for p in problemi:
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


def aggiungi_problemi(
    confronto: Confronto,
    lati: Sequence[tuple[int, Anno | AnnoPrecedente, Sequence[tuple[Problema, str]]]],
) -> None:
    """Attach the problems `check` found in each side (year, data, problems of that year) as
    warnings on the rows they affect; a problem met on both sides is listed once."""
    visti: set[tuple[str, str, str | None]] = set()
    for anno, dati, problemi in lati:
        for problema, relativo in problemi:
            impronta = (problema.codice, problema.messaggio, problema.dove)
            if impronta in visti:
                continue
            visti.add(impronta)
            confronto.avvisi.append(_avviso_controllo(confronto, anno, dati, problema, relativo))
    _annota(confronto)


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
    confronto: Confronto, anno: int, dati: Any, problema: Problema, relativo: str
) -> Avviso:
    chiave = _chiave_da_campo(dati, relativo) if relativo else ""
    chiavi = _interessate(confronto.righe, chiave)
    sezione = SEZIONI.get(chiave.split(".", 1)[0]) if chiave else None
    return Avviso(
        codice=problema.codice,
        gravita=problema.gravita,
        messaggio=problema.messaggio,
        anno=anno,
        chiavi=chiavi,
        sezione=sezione.numero if sezione else None,
        posizione=problema.dove or None,
        campo=problema.campo,
    )


# --- the whole span: every year of the catalogue's figures -----------------------------------


class RigaAndamento(Riga):
    """A catalogue figure in every year of the span, and its change from the first to the last."""

    valori: dict[int, Decimal | int | None] = Field(description="Valore per anno (null: non noto)")
    motivi: dict[int, str] = Field(
        default_factory=dict, description="Per anno, perché il valore non è noto"
    )

    @field_serializer("valori", when_used="json")
    def _valori_json(
        self, valori: dict[int, Decimal | int | None]
    ) -> dict[str, int | float | None]:
        return {str(a): numero_json(v, self.decimali) for a, v in valori.items()}


class Andamento(BaseModel):
    """The catalogue's figures over every year available, oldest first (``diff --andamento``)."""

    anni: list[int]
    denominazione: str | None = None
    fonte: str | None = None
    soglia: Decimal = SOGLIA
    righe: list[RigaAndamento] = Field(default_factory=list)

    @field_serializer("soglia", when_used="json")
    def _soglia_json(self, valore: Decimal) -> int | float | None:
        return numero_json(valore, 2)

    def riga(self, codice: str) -> RigaAndamento | None:
        return next((r for r in self.righe if r.codice == codice), None)

    @property
    def sezioni(self) -> list[Sezione]:
        viste: dict[int, Sezione] = {}
        for r in self.righe:
            viste.setdefault(r.sezione.numero, r.sezione)
        return [viste[k] for k in sorted(viste)]

    def solo_variati(self) -> Andamento:
        return self.model_copy(update={"righe": [r for r in self.righe if r.stato != "invariato"]})


def andamento(
    calcolo: Calcolo,
    da: int | None = None,
    a: int | None = None,
    *,
    ente: Ente | None = None,
    soglia: Decimal | float | int = SOGLIA,
) -> Andamento:
    """Every figure of the catalogue in every year of ``calcolo`` from ``da`` to ``a`` (the
    first and the last available by default), with the change over the whole span.

    Earlier years need not be consecutive: each year with data is a column. A figure known
    in fewer than two years of the span has no trend and is left out (the two-year
    comparison shows it); one unknown in some year shows ``n.d.`` and why.
    """
    anni = [x for x in calcolo.elenco_anni if (da is None or x >= da) and (a is None or x <= a)]
    soglia = Decimal(str(soglia))
    out = Andamento(
        anni=anni, soglia=soglia, denominazione=ente.denominazione if ente is not None else None
    )
    if not anni:
        return out
    primo, ultimo = anni[0], anni[-1]
    for ind in CATALOGO:
        cifre = {x: calcolo.anni[x].cifre[ind.codice] for x in anni}
        if sum(c.nota for c in cifre.values()) < min(2, len(anni)):
            continue  # known in one year only: no trend to show
        base = riga_da_cifre(
            SEZIONI[ind.sezione],
            f"indicatori.{ind.codice}",
            ind.etichetta,
            _UNITA_CATALOGO[ind.unita],
            cifre[primo],
            cifre[ultimo],
            primo,
            ultimo,
            decimali=decimali_catalogo(
                ind.decimali, _UNITA_CATALOGO[ind.unita], (c.valore for c in cifre.values())
            ),
            codice=ind.codice,
        )
        riga = RigaAndamento(
            **base.model_dump(),
            valori={x: c.valore for x, c in cifre.items()},
            motivi={x: c.motivo for x, c in cifre.items() if c.motivo is not None},
        )
        riga.oltre_soglia = riga.supera(soglia)
        riga.note = list(dict.fromkeys(riga.motivi.values()))
        out.righe.append(riga)
    ordine = {s.numero: i for i, s in enumerate(SEZIONI.values())}
    out.righe.sort(key=lambda x: ordine[x.sezione.numero])
    return out


# --- what used to live here: loading and the text outputs ------------------------------------

_SPOSTATI = {
    "diff": "confronto",
    "andamento_da_disco": "confronto",
    "come_markdown": "esporta",
    "come_csv": "esporta",
    "riepilogo": "esporta",
    "DIALETTI_CSV": "esporta",
}


def __getattr__(nome: str) -> Any:
    """``bilancio.variazioni.diff`` and the writers, moved out of the engine, still import."""
    if nome in _SPOSTATI:
        import importlib

        return getattr(importlib.import_module(f"bilancio.{_SPOSTATI[nome]}"), nome)
    raise AttributeError(f"module {__name__!r} has no attribute {nome!r}")


__all__ = [
    "SEZIONI",
    "SOGLIA",
    "STESSA_CIFRA",
    "TIPI",
    "Andamento",
    "Avviso",
    "Cancello",
    "CifraElemento",
    "Confronto",
    "Elemento",
    "Riga",
    "RigaAndamento",
    "Sezione",
    "Tipo",
    "Unita",
    "aggiungi_problemi",
    "andamento",
    "confronta",
    "problemi_per_anno",
    "riga_da_cifre",
]
