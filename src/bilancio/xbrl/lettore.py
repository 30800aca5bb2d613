"""A small, safe reader of the XBRL instances filed at the Registro delle imprese (itcc-ci).

It reads only what a deposited instance of the Italian GAAP taxonomy holds: the schemaRef
(which entry point: ordinario, abbreviato, micro), the contexts (entity and period), the
units and the facts of the itcc-ci namespace. It validates nothing against the taxonomy
and never fetches it: the element names it needs are known (:mod:`.mappa`).

Safety: the XML goes through defusedxml with DTDs forbidden (so no entity expansion and no
external reference can happen), the file size and the number of elements are capped, and
every refusal is an :class:`XbrlNonValido` with an Italian message and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from ..errori import XbrlNonValido

__all__ = [
    "LIMITE_BYTE",
    "LIMITE_ELEMENTI",
    "Contesto",
    "Esercizio",
    "Fatto",
    "Istanza",
    "XbrlNonValido",
    "leggi_istanza",
]

XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ISO4217 = "http://www.xbrl.org/2003/iso4217"
SCHEMA_ENTE = "http://www.infocamere.it"
VERSIONE = "2018-11-04"
# the common namespace of the Italian GAAP taxonomy (itcc-ci), by version
NS_ITCC = re.compile(r"^http://www\.infocamere\.it/itnn/fr/itcc/ci/(\d{4}-\d{2}-\d{2})$")
# the entry point from the schemaRef, relative (as filed) or absolute
PUNTO_INGRESSO = re.compile(r"itcc-ci-(ese|abb|micr)-(\d{4}-\d{2}-\d{2})\.xsd$")
SCHEMI = {"ese": "ordinario", "abb": "abbreviato", "micr": "micro"}
# d.lgs. 139/2015 (the CEE statement without section E) applies from financial year 2016;
# the taxonomy versions from 2016 on keep the names this reader knows.
PRIMA_VERSIONE_COMPATIBILE = "2016-11-14"

LIMITE_BYTE = 32 * 1024 * 1024  # deposited instances are a few hundred kilobytes
LIMITE_ELEMENTI = 100_000  # a full ordinario with its notes has a few thousand


@dataclass(frozen=True)
class Contesto:
    id: str
    schema: str | None
    identificativo: str | None
    istante: date | None
    inizio: date | None
    fine: date | None
    segmento: bool
    scenario: tuple[str, ...]
    riga: int

    @property
    def periodo(self) -> str:
        if self.istante is not None:
            return f"al {self.istante:%d/%m/%Y}"
        return f"dal {self.inizio:%d/%m/%Y} al {self.fine:%d/%m/%Y}"


@dataclass(frozen=True)
class Fatto:
    elemento: str  # the local name in the itcc-ci namespace
    valore: Decimal | None  # None: xsi:nil or a non-numeric fact
    testo: str
    contesto: Contesto
    unita: str | None
    decimali: str | None
    riga: int

    @property
    def dove(self) -> str:
        return f"{self.elemento} (contesto «{self.contesto.id}», {self.contesto.periodo}, riga {self.riga})"


@dataclass(frozen=True)
class Esercizio:
    """A financial year of the instance, named by the calendar year its end date falls in."""

    anno: int
    inizio: date
    fine: date


@dataclass
class Istanza:
    file: str
    schema_ref: str
    tipo: str  # ordinario / abbreviato / micro
    versione: str
    identificativo: str | None
    esercizi: dict[int, Esercizio]
    fatti: list[Fatto] = field(default_factory=list)
    avvisi: list[str] = field(default_factory=list)

    @property
    def anno_corrente(self) -> int:
        return max(self.esercizi)

    def valori(self, anno: int) -> dict[str, Fatto]:
        """The numeric facts of a financial year by element: durations spanning it and
        instants at its end date; contexts with a segment (the notes' tables) are left out."""
        es = self.esercizi.get(anno)
        if es is None:
            return {}
        out: dict[str, Fatto] = {}
        for f in self.fatti:
            c = f.contesto
            if c.segmento or f.valore is None:
                continue
            if c.istante == es.fine or (c.inizio == es.inizio and c.fine == es.fine):
                tenuto = out.get(f.elemento)
                if tenuto is not None and tenuto.valore != f.valore:
                    raise XbrlNonValido(
                        self.file,
                        f"L'elemento {f.elemento} ha due valori per l'esercizio {anno}: "
                        f"{tenuto.valore} (riga {tenuto.riga}, contesto «{tenuto.contesto.id}») e "
                        f"{f.valore} (riga {f.riga}, contesto «{c.id}»). Un'istanza depositata "
                        "ha un solo valore per voce e periodo.",
                        f.riga,
                    )
                out.setdefault(f.elemento, f)
        return out


def _data(testo: str, file: str, riga: int) -> date:
    try:
        return date.fromisoformat(testo.strip()[:10])
    except ValueError:
        raise XbrlNonValido(
            file, f"Data non valida nel periodo: «{testo.strip()}».", riga
        ) from None


def _valore(testo: str, decimali: str | None, elemento: str, file: str, riga: int) -> Decimal:
    try:
        v = Decimal(testo.strip())
    except InvalidOperation:
        raise XbrlNonValido(
            file, f"Il valore di {elemento} non è un numero: «{testo.strip()[:40]}».", riga
        ) from None
    if not v.is_finite():
        raise XbrlNonValido(file, f"Il valore di {elemento} non è un numero finito.", riga)
    if decimali is None:
        raise XbrlNonValido(
            file, f"Il fatto {elemento} non ha l'attributo «decimals» (obbligatorio).", riga
        )
    if decimali.strip() == "INF":
        return v
    try:
        d = int(decimali)
    except ValueError:
        raise XbrlNonValido(
            file, f"Attributo decimals non valido per {elemento}: «{decimali}».", riga
        ) from None
    # the value is accurate to ``decimals`` places (XBRL 2.1 §4.6.5): round to them
    return v.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP) if d >= 0 else v


class _Raccolta:
    """The parser's target: keeps the contexts, units and top-level facts, with their lines."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.parser: Any = None
        self.pila: list[tuple[str, dict[str, str], int]] = []
        self.testo: list[str] = []
        self.elementi = 0
        self.radice: str | None = None
        self.schema_ref: str | None = None
        self.contesti: dict[str, dict[str, Any]] = {}
        self.unita: dict[str, list[str]] = {}
        self.fatti: list[tuple[str, str, dict[str, str], str, int]] = []
        self._contesto: dict[str, Any] | None = None
        self._unita: list[str] | None = None

    def _riga(self) -> int:
        return int(self.parser.parser.CurrentLineNumber) if self.parser is not None else 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.elementi += 1
        if self.elementi > LIMITE_ELEMENTI:
            raise XbrlNonValido(
                self.file,
                f"L'istanza ha più di {LIMITE_ELEMENTI:,} elementi: troppi per un bilancio "
                "depositato, il file non viene letto.".replace(",", "."),
                self._riga(),
            )
        riga = self._riga()
        profondita = len(self.pila)
        if profondita == 0:
            self.radice = tag
            if tag != f"{{{XBRLI}}}xbrl":
                raise XbrlNonValido(
                    self.file,
                    f"Non è un'istanza XBRL: l'elemento radice è «{_locale(tag)}» "
                    f"(atteso «xbrl» nel namespace {XBRLI}).",
                    riga,
                )
        elif profondita == 1:
            if tag == f"{{{LINK}}}schemaRef":
                self.schema_ref = attrib.get(f"{{{XLINK}}}href", "")
            elif tag == f"{{{XBRLI}}}context":
                self._contesto = {
                    "id": attrib.get("id", ""),
                    "riga": riga,
                    "segmento": False,
                    "scenario": [],
                }
            elif tag == f"{{{XBRLI}}}unit":
                self._unita = []
                self.unita[attrib.get("id", "")] = self._unita
        elif self._contesto is not None:
            if tag == f"{{{XBRLI}}}identifier":
                self._contesto["schema"] = attrib.get("scheme")
            elif tag == f"{{{XBRLI}}}segment":
                self._contesto["segmento"] = True
        self.pila.append((tag, attrib, riga))
        self.testo = []

    def data(self, dati: str) -> None:
        self.testo.append(dati)

    def end(self, tag: str) -> None:
        _, attrib, riga = self.pila.pop()
        testo = "".join(self.testo)
        self.testo = []
        profondita = len(self.pila)
        if profondita == 1:
            if tag == f"{{{XBRLI}}}context":
                assert self._contesto is not None
                if self._contesto["id"] in self.contesti:
                    raise XbrlNonValido(
                        self.file,
                        f"Il contesto «{self._contesto['id']}» è definito due volte.",
                        riga,
                    )
                self.contesti[self._contesto["id"]] = self._contesto
                self._contesto = None
            elif tag == f"{{{XBRLI}}}unit":
                self._unita = None
            elif tag.startswith("{") and tag.split("}")[0][1:] not in (XBRLI, LINK):
                self.fatti.append((tag, testo, attrib, "", riga))
            return
        if self._contesto is not None:
            locale = tag
            if locale == f"{{{XBRLI}}}identifier":
                self._contesto["identificativo"] = testo.strip()
            elif locale == f"{{{XBRLI}}}instant":
                self._contesto["istante"] = _data(testo, self.file, riga)
            elif locale == f"{{{XBRLI}}}startDate":
                self._contesto["inizio"] = _data(testo, self.file, riga)
            elif locale == f"{{{XBRLI}}}endDate":
                self._contesto["fine"] = _data(testo, self.file, riga)
            elif any(t == f"{{{XBRLI}}}scenario" for t, _, _ in self.pila) and testo.strip():
                self._contesto["scenario"].append(testo.strip())
        elif self._unita is not None and tag == f"{{{XBRLI}}}measure":
            self._unita.append(testo.strip())

    def close(self) -> None:
        return None


def _locale(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def leggi_istanza(percorso: Path, nome: str | None = None) -> Istanza:
    """Read a deposited itcc-ci instance; raise :class:`XbrlNonValido` when it cannot be."""
    nome = nome or str(percorso)
    try:
        dimensione = percorso.stat().st_size
    except OSError as exc:
        raise XbrlNonValido(nome, f"Il file non si può leggere: {exc.strerror}.") from None
    if dimensione > LIMITE_BYTE:
        raise XbrlNonValido(
            nome,
            f"Il file è di {dimensione // (1024 * 1024)} MB, oltre il limite di "
            f"{LIMITE_BYTE // (1024 * 1024)} MB per un'istanza XBRL: non viene letto.",
        )
    raccolta = _Raccolta(nome)
    parser = DefusedXMLParser(
        target=raccolta, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    raccolta.parser = parser
    try:
        with percorso.open("rb") as fh:
            while blocco := fh.read(1 << 16):
                parser.feed(blocco)
        parser.close()
    except DefusedXmlException:
        raise XbrlNonValido(
            nome,
            "Il file contiene una dichiarazione DOCTYPE (DTD o entità): un'istanza XBRL non ne ha, "
            "e per sicurezza non viene letto.",
            raccolta._riga() or None,
        ) from None
    except ParseError as exc:
        riga, colonna = getattr(exc, "position", (None, None))
        raise XbrlNonValido(
            nome, f"Il file non è XML ben formato (colonna {colonna}).", riga
        ) from None
    return _istanza(raccolta, nome)


def _istanza(r: _Raccolta, nome: str) -> Istanza:
    if r.radice is None:
        raise XbrlNonValido(nome, "Il file è vuoto.")
    if not r.schema_ref:
        raise XbrlNonValido(
            nome, "Manca link:schemaRef: non si sa di quale tassonomia sia l'istanza."
        )
    m = PUNTO_INGRESSO.search(r.schema_ref)
    if m is None:
        raise XbrlNonValido(
            nome,
            f"Lo schemaRef «{r.schema_ref}» non è un punto di ingresso della tassonomia itcc-ci "
            "per il bilancio d'esercizio (attesi itcc-ci-ese, itcc-ci-abb o itcc-ci-micr).",
        )
    tipo, versione_schema = SCHEMI[m.group(1)], m.group(2)

    contesti: dict[str, Contesto] = {}
    for cid, grezzo in r.contesti.items():
        c: dict[str, Any] = grezzo
        if c.get("istante") is None and (c.get("inizio") is None or c.get("fine") is None):
            raise XbrlNonValido(nome, f"Il contesto «{cid}» non ha un periodo completo.", c["riga"])
        contesti[cid] = Contesto(
            id=cid,
            schema=c.get("schema"),
            identificativo=c.get("identificativo"),
            istante=c.get("istante"),
            inizio=c.get("inizio"),
            fine=c.get("fine"),
            segmento=c["segmento"],
            scenario=tuple(c["scenario"]),
            riga=c["riga"],
        )

    versioni: set[str] = set()
    stranieri: set[str] = set()
    fatti: list[Fatto] = []
    for tag, testo, attrib, _, riga in r.fatti:
        ns = _ns(tag)
        mv = NS_ITCC.match(ns)
        if mv is None:
            stranieri.add(ns)
            continue
        versioni.add(mv.group(1))
        elemento = _locale(tag)
        rif = attrib.get("contextRef")
        if rif is None:
            continue  # a tuple (the notes' tables): not a figure of the statements
        contesto = contesti.get(rif)
        if contesto is None:
            raise XbrlNonValido(
                nome, f"Il fatto {elemento} rimanda al contesto «{rif}», che non esiste.", riga
            )
        unita = attrib.get("unitRef")
        nil = attrib.get(f"{{{XSI}}}nil", "").strip() in ("true", "1")
        valore = None
        if unita is not None and not nil:
            misure = r.unita.get(unita)
            if misure is None:
                raise XbrlNonValido(
                    nome, f"Il fatto {elemento} rimanda all'unità «{unita}», che non esiste.", riga
                )
            valore = _valore(testo, attrib.get("decimals"), elemento, nome, riga)
            if misure != ["iso4217:EUR"] and len(misure) == 1 and misure[0].endswith(":EUR"):
                misure = ["iso4217:EUR"]
            if misure != ["iso4217:EUR"] and misure != ["xbrli:pure"] and misure != ["pure"]:
                raise XbrlNonValido(
                    nome,
                    f"Il fatto {elemento} è in «{' '.join(misure)}»: gli importi del bilancio "
                    "si leggono solo in euro (iso4217:EUR).",
                    riga,
                )
        fatti.append(
            Fatto(elemento, valore, testo.strip(), contesto, unita, attrib.get("decimals"), riga)
        )

    if not versioni:
        estranei = ", ".join(sorted(s for s in stranieri if s)) or "nessuno"
        raise XbrlNonValido(
            nome,
            "L'istanza non contiene fatti della tassonomia itcc-ci (namespace "
            f"http://www.infocamere.it/itnn/fr/itcc/ci/{VERSIONE}); namespace trovati: {estranei}.",
        )
    if len(versioni) > 1:
        raise XbrlNonValido(
            nome, f"L'istanza mescola più versioni della tassonomia: {', '.join(sorted(versioni))}."
        )
    versione = versioni.pop()
    avvisi: list[str] = []
    if versione != versione_schema:
        raise XbrlNonValido(
            nome,
            f"Lo schemaRef è della versione {versione_schema} ma i fatti sono della {versione}.",
        )
    if versione < PRIMA_VERSIONE_COMPATIBILE:
        raise XbrlNonValido(
            nome,
            f"L'istanza è della tassonomia itcc-ci {versione}, anteriore al d.lgs. 139/2015 "
            f"(conto economico con la sezione E): si leggono le versioni dalla "
            f"{PRIMA_VERSIONE_COMPATIBILE} alla {VERSIONE}.",
        )
    if versione > VERSIONE:
        raise XbrlNonValido(
            nome,
            f"L'istanza è della tassonomia itcc-ci {versione}, più recente della {VERSIONE} "
            "che bilancio conosce: i nomi degli elementi potrebbero essere cambiati.",
        )
    if versione != VERSIONE:
        avvisi.append(
            f"Istanza della tassonomia itcc-ci {versione}: letta con i nomi degli elementi "
            f"della {VERSIONE}, che per il conto economico e il patrimonio netto sono gli stessi."
        )

    # the entity: one identifier, scheme infocamere, numeric codice fiscale
    identificativi = {(c.schema, c.identificativo) for c in contesti.values()}
    if len(identificativi) > 1:
        elenco = ", ".join(sorted(f"{i} ({s})" for s, i in identificativi if i))
        raise XbrlNonValido(nome, f"I contesti nominano più di un'impresa: {elenco}.")
    schema, identificativo = identificativi.pop() if identificativi else (None, None)
    if schema != SCHEMA_ENTE:
        raise XbrlNonValido(
            nome,
            f"L'identificativo dell'impresa ha lo schema «{schema}»: nelle istanze depositate "
            f"è «{SCHEMA_ENTE}» con il codice fiscale.",
        )
    if identificativo is None or not re.fullmatch(r"\d{11}", identificativo):
        raise XbrlNonValido(
            nome,
            f"L'identificativo dell'impresa «{identificativo}» non è un codice fiscale numerico "
            "di 11 cifre, come nelle istanze depositate.",
        )

    # financial years: the durations of contexts without a segment, by the year they end in
    esercizi: dict[int, Esercizio] = {}
    for ctx in contesti.values():
        if ctx.segmento or ctx.inizio is None or ctx.fine is None:
            continue
        if (ctx.fine - ctx.inizio).days < 28:
            continue
        es = Esercizio(ctx.fine.year, ctx.inizio, ctx.fine)
        tenuto = esercizi.get(es.anno)
        if tenuto is not None and tenuto != es:
            raise XbrlNonValido(
                nome,
                f"Due esercizi terminano nel {es.anno}: dal {tenuto.inizio:%d/%m/%Y} al "
                f"{tenuto.fine:%d/%m/%Y} e dal {es.inizio:%d/%m/%Y} al {es.fine:%d/%m/%Y}.",
                ctx.riga,
            )
        esercizi[es.anno] = es
    if not esercizi:
        raise XbrlNonValido(nome, "L'istanza non ha contesti di durata: manca l'esercizio.")

    istanza = Istanza(
        file=nome,
        schema_ref=r.schema_ref,
        tipo=tipo,
        versione=versione,
        identificativo=identificativo,
        esercizi=dict(sorted(esercizi.items(), reverse=True)),
        fatti=fatti,
        avvisi=avvisi,
    )
    for anno in istanza.esercizi:
        istanza.valori(anno)  # refuses duplicate facts with different values now
    return istanza
