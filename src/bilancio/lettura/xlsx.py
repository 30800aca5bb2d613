"""A workbook reader that remembers the sheet and cell of every value.

The workbook is the one :mod:`bilancio.foglio` writes: blocks under heading rows, forms
read by their labels and tables by their column headers, so rows can be inserted and
tables can grow. The data it returns is what the YAML reader would return for the same
year, and :data:`~bilancio.lettura.Origini` maps each value to ``Foglio!B7``, so every
schema and rule message is placed at a cell.

Before anything is parsed the file is checked: it must be a zip archive holding a
workbook, of reasonable uncompressed size and compression ratio (no zip bomb), with
sheets of reasonable size. Every XML part, whatever its name, is parsed in full through
defusedxml first and refused if it declares a DTD or entities (so none hides after padding);
openpyxl then parses through defusedxml too (no entity expansion, no
external entities). Formulas count by the value the spreadsheet computed and stored; a
formula without one is reported, never read as an empty cell.
"""

from __future__ import annotations

import functools
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException

from ..errori import FileRifiutato, Gravita, Posizione, Problema
from ..foglio.layout import (
    CIFRE_DICHIARATE,
    COL_ANNO_DICHIARATO,
    COL_CODICE,
    COL_INDICATORE,
    COLONNE_DICHIARATI,
    ETICHETTA_ASSENTE,
    FOGLIO_DICHIARATI,
    FOGLIO_PRECEDENTI,
    PERCENTUALE,
    SEZIONE_DICHIARATI,
    Colonna,
    Foglio,
    Modulo,
    Tabella,
    colonna_per_percorso,
    fogli,
    percorso_da_etichetta,
)
from ..foglio.valori import da_cella, percorso_da_testo, scelte
from ..modello.catalogo import CATALOGO, Unita, indicatore
from .origini import INIZIO, MOTIVO, Letto, Origini

# limits: a year's workbook is a few hundred KiB; these are generous by orders of magnitude
MAX_BYTES = 20 * 1024 * 1024
MAX_ESPANSO = 200 * 1024 * 1024
MAX_RAPPORTO = 100  # uncompressed / compressed, per member of the archive
SOGLIA_RAPPORTO = 1024 * 1024  # the ratio is checked on members larger than this
MAX_MEMBRI = 2000
MAX_RIGHE = 20_000
MAX_COLONNE = 500
MAX_CELLE = 500_000

_ERRORI_FORMULA = {
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#GETTING_DATA",
    "#VALORE!",
    "#RIF!",
    "#NOME?",
    "#NULLO!",
    "Err:502",
    "Err:504",
    "Err:508",
}


# a cell, with the header of its column (or the label of its row): a plain Posizione
PosizioneCella = Posizione


# --- safety checks, before any parsing -----------------------------------------------------


def controlla_file(percorso: Path) -> None:
    """Refuse what is not a safe, plausible XLSX workbook (raises :class:`FileRifiutato`)."""
    try:
        dimensione = percorso.stat().st_size
        with percorso.open("rb") as f:
            inizio = f.read(8)
    except OSError as exc:
        raise FileRifiutato(f"Impossibile leggere il file: {exc.strerror or exc}.") from exc
    if dimensione == 0:
        raise FileRifiutato("Il file è vuoto: non è una cartella di lavoro XLSX.")
    if inizio.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRifiutato(
            "Il file è nel vecchio formato Excel 97-2003 (.xls) oppure è protetto da password: "
            "aprirlo e salvarlo come «Cartella di lavoro di Excel (.xlsx)», senza password."
        )
    if not inizio.startswith(b"PK\x03\x04"):
        if _sembra_testo(percorso):
            raise FileRifiutato(
                "Il file è un file di testo (forse un CSV rinominato), non una cartella di lavoro XLSX: "
                "aprirlo con Excel o LibreOffice e salvarlo in formato .xlsx."
            )
        raise FileRifiutato("Il file non è una cartella di lavoro XLSX (non è un archivio zip).")
    if dimensione > MAX_BYTES:
        raise FileRifiutato(
            f"Il file è troppo grande ({dimensione // (1024 * 1024)} MiB, massimo {MAX_BYTES // (1024 * 1024)} MiB)."
        )
    try:
        with zipfile.ZipFile(percorso) as archivio:
            membri = archivio.infolist()
            _controlla_membri(membri)
            nomi = {m.filename for m in membri}
            if "mimetype" in nomi and "content.xml" in nomi:
                raise FileRifiutato(
                    "Il file è in formato OpenDocument (.ods): salvarlo come cartella di lavoro Excel (.xlsx)."
                )
            if "[Content_Types].xml" not in nomi or "xl/workbook.xml" not in nomi:
                raise FileRifiutato(
                    "L'archivio non contiene una cartella di lavoro XLSX (manca xl/workbook.xml): "
                    "forse è un altro tipo di documento rinominato."
                )
            # every part, whatever its name (openpyxl finds parts through the relationships,
            # not by extension): XML is parsed in full, so a DTD cannot hide after padding
            for membro in membri:
                try:
                    if re.fullmatch(r"xl/worksheets/[^/]+\.xml", membro.filename):
                        _controlla_foglio(archivio, membro)
                    else:
                        _controlla_xml(archivio, membro)
                except DefusedXmlException as exc:
                    raise FileRifiutato(xml_pericoloso(membro.filename)) from exc
    except DefusedXmlException as exc:
        raise FileRifiutato(_XML_PERICOLOSO) from exc
    except zipfile.BadZipFile as exc:
        raise FileRifiutato(f"Il file è danneggiato (archivio zip non valido: {exc}).") from exc
    except (EOFError, OSError, RuntimeError, ValueError) as exc:  # truncated or encrypted members
        raise FileRifiutato(f"Il file è danneggiato e non si può leggere ({exc}).") from exc


def _sembra_testo(percorso: Path) -> bool:
    with percorso.open("rb") as f:
        campione = f.read(4096)
    if b"\x00" in campione:
        return False
    try:
        campione.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start > len(campione) - 4:  # a multibyte character cut by the sample
            return True
        try:
            campione.decode("cp1252")
            return True
        except UnicodeDecodeError:
            return False


def _controlla_membri(membri: list[zipfile.ZipInfo]) -> None:
    if len(membri) > MAX_MEMBRI:
        raise FileRifiutato(
            f"L'archivio contiene troppi file ({len(membri)}): non sembra una cartella di lavoro."
        )
    totale = 0
    for m in membri:
        totale += m.file_size
        if m.file_size > SOGLIA_RAPPORTO and m.file_size > MAX_RAPPORTO * max(m.compress_size, 1):
            raise FileRifiutato(
                f"Il file è sospetto (possibile «zip bomb»): «{m.filename}» si espande da "
                f"{m.compress_size} byte a {m.file_size} byte (rapporto oltre {MAX_RAPPORTO}:1). Non viene letto."
            )
    if totale > MAX_ESPANSO:
        raise FileRifiutato(
            f"Il file è sospetto (possibile «zip bomb»): una volta espanso occuperebbe {totale // (1024 * 1024)} MiB "
            f"(massimo {MAX_ESPANSO // (1024 * 1024)} MiB). Non viene letto."
        )


_XML_PERICOLOSO = (
    "Il file contiene un DTD non ammesso in una cartella di lavoro: dichiarazioni XML <!DOCTYPE> "
    "o entità, usate negli attacchi «billion laughs» e XXE. Non viene letto."
)


def xml_pericoloso(parte: str) -> str:
    """The refusal of a DTD or entity, naming the part of the archive that holds it."""
    return (
        f"Il file contiene un DTD non ammesso in una cartella di lavoro (nella parte «{parte}»): "
        "dichiarazioni XML <!DOCTYPE> o entità, usate negli attacchi «billion laughs» e XXE. "
        "Non viene letto."
    )


class _Scarta:
    """A parser target that builds nothing: the screening only needs the parse to finish."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> None:
        return None


def _sembra_xml(inizio: bytes) -> bool:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if inizio.startswith(bom):
            inizio = inizio[len(bom) :]
            break
    inizio = inizio.replace(b"\x00", b"").lstrip()  # UTF-16 without a BOM too
    return inizio.startswith(b"<")


def _controlla_xml(archivio: zipfile.ZipFile, membro: zipfile.ZipInfo) -> None:
    """Parse a part in full through defusedxml, refusing any DTD or entity (raises DefusedXmlException).

    A part that is not XML (an image) is skipped; a malformed one is left to openpyxl,
    since no parser reads past the point where it is malformed.
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml.ElementTree import DefusedXMLParser

    with archivio.open(membro) as flusso:
        blocco = flusso.read(512)
        if not _sembra_xml(blocco):
            return
        parser = DefusedXMLParser(target=_Scarta(), forbid_dtd=True)
        try:
            while blocco:
                parser.feed(blocco)
                blocco = flusso.read(1 << 16)
            parser.close()
        except ParseError:
            return


_CELLA = re.compile(r"([A-Z]{1,3})(\d+)")


def _indice_colonna(lettere: str) -> int:
    n = 0
    for ch in lettere:
        n = n * 26 + ord(ch) - 64
    return n


def _controlla_foglio(archivio: zipfile.ZipFile, membro: zipfile.ZipInfo) -> None:
    """Stream the sheet's XML (defusedxml) and refuse absurd dimensions before openpyxl loads it."""
    from defusedxml.ElementTree import iterparse

    nome = membro.filename.rsplit("/", 1)[-1]
    celle = 0
    with archivio.open(membro) as flusso:
        for _evento, elemento in iterparse(flusso, events=("end",), forbid_dtd=True):
            tag = elemento.tag.rsplit("}", 1)[-1]
            if tag == "dimension":
                _controlla_rif(elemento.get("ref", ""), nome)
            elif tag == "c":
                celle += 1
                if celle > MAX_CELLE:
                    raise FileRifiutato(
                        f"Un foglio ({nome}) contiene più di {MAX_CELLE} celle: dimensioni assurde, non viene letto."
                    )
                _controlla_rif(elemento.get("r", ""), nome)
            elif tag == "row":
                r = elemento.get("r")
                if r and r.isdigit() and int(r) > MAX_RIGHE and len(elemento):
                    raise FileRifiutato(
                        f"Un foglio ({nome}) ha dati oltre la riga {MAX_RIGHE}: dimensioni assurde, non viene letto."
                    )
                elemento.clear()


def _controlla_rif(rif: str, nome: str) -> None:
    for m in _CELLA.finditer(rif):
        colonna, riga = _indice_colonna(m.group(1)), int(m.group(2))
        if riga > MAX_RIGHE or colonna > MAX_COLONNE:
            raise FileRifiutato(
                f"Un foglio ({nome}) dichiara dimensioni assurde ({rif}: oltre {MAX_RIGHE} righe o "
                f"{MAX_COLONNE} colonne): non viene letto."
            )


# --- reading ---------------------------------------------------------------------------------


def _norm(testo: Any) -> str:
    if not isinstance(testo, str):
        return ""
    return re.sub(r"\s+", " ", testo).strip().rstrip("*").strip().casefold()


def _coordinata(riga: int, colonna: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(colonna)}{riga}"


@dataclass
class _Griglia:
    """The non-empty cells of a sheet: computed values, and which cells hold formulas."""

    valori: dict[tuple[int, int], Any] = field(default_factory=dict)
    formule: dict[tuple[int, int], str] = field(default_factory=dict)
    in_percento: set[tuple[int, int]] = field(default_factory=set)  # shown as 45%, stored as 0.45
    decimali: dict[tuple[int, int], int] = field(default_factory=dict)  # shown by the format
    testo_vuoto: set[tuple[int, int]] = field(default_factory=set)  # a formula that computed ""
    _per_riga: dict[int, dict[int, Any]] | None = None
    _righe_formule: set[int] | None = None

    def righe(self) -> list[int]:
        return sorted({r for r, _ in self.valori} | {r for r, _ in self.formule})

    def riga(self, r: int) -> dict[int, Any]:
        if self._per_riga is None:
            self._per_riga = {}
            for (rr, c), v in self.valori.items():
                self._per_riga.setdefault(rr, {})[c] = v
        return self._per_riga.get(r, {})

    def ha_formule(self, r: int) -> bool:
        if self._righe_formule is None:
            self._righe_formule = {rr for rr, _ in self.formule}
        return r in self._righe_formule


class _Lettore:
    def __init__(self, nome: str) -> None:
        self.nome = nome
        self.dati: dict[str, Any] = {}
        self.origini: Origini = {}
        self.problemi: list[Problema] = []
        self.prima_cella_ente: Posizione | None = None

    # --- places and problems -------------------------------------------------------

    def pos(
        self, foglio: str, riga: int, colonna: int, intestazione: str | None = None
    ) -> PosizioneCella:
        return PosizioneCella(
            file=self.nome,
            foglio=foglio,
            cella=_coordinata(riga, colonna),
            intestazione=intestazione,
        )

    def problema(
        self,
        messaggio: str,
        pos: Posizione,
        *,
        trovato: Any = None,
        atteso: str | None = None,
        codice: str = "XLSX",
        gravita: Gravita = Gravita.ERRORE,
    ) -> None:
        self.problemi.append(
            Problema(
                codice=codice,
                gravita=gravita,
                messaggio=messaggio,
                posizione=pos,
                trovato=None
                if trovato is None
                else (f"«{trovato}»" if isinstance(trovato, str) else str(trovato)),
                atteso=atteso,
                riferimento="cartella di lavoro (foglio e cella)",
            )
        )

    def metti(self, percorso: tuple[Any, ...], valore: Any, pos: Posizione) -> None:
        """Store ``valore`` at ``percorso``, creating the sections and lists on the way.

        A value where a section already is (or the other way round) is reported, not
        overwritten: two cells must not claim the same place in the data.
        """
        nodo: Any = self.dati
        for i, parte in enumerate(percorso[:-1]):
            successivo = percorso[i + 1]
            # an int key is a list index, except the years of anni_precedenti
            lista = isinstance(successivo, int) and not (i == 0 and parte == "anni_precedenti")
            tipo: type = list if lista else dict
            if isinstance(nodo, list):
                while len(nodo) <= parte:
                    nodo.append(None)
                attuale = nodo[parte]
            else:
                attuale = nodo.get(parte)
            if attuale is None:
                attuale = tipo()
                nodo[parte] = attuale
            elif not isinstance(attuale, tipo):
                self._conflitto(percorso[: i + 1], pos)
                return
            nodo = attuale
            self.origini.setdefault(tuple(percorso[: i + 1]), pos)
        ultimo = percorso[-1]
        if isinstance(nodo, list):
            while len(nodo) <= ultimo:
                nodo.append(None)
            attuale = nodo[ultimo]
        else:
            attuale = nodo.get(ultimo)
        if isinstance(attuale, (dict, list)) and attuale and valore != {}:
            self._conflitto(percorso, pos)
            return
        nodo[ultimo] = valore
        self.origini[percorso] = pos
        self.origini[(*percorso, "__chiave__")] = pos
        if percorso[0] == "ente" and self.prima_cella_ente is None:
            self.prima_cella_ente = pos

    def _conflitto(self, percorso: tuple[Any, ...], pos: Posizione) -> None:
        prima = self.origini.get(tuple(percorso))
        self.problema(
            "Due celle indicano lo stesso dato in modo incompatibile (un valore e, insieme, le sue voci "
            "o il motivo per cui non è presente)"
            + (f": vedi anche {prima.foglio}!{prima.cella}." if prima and prima.cella else "."),
            pos,
            atteso="il valore oppure il dettaglio (o il motivo dell'assenza), non entrambi",
        )

    # --- cells ------------------------------------------------------------------------

    def valore(
        self,
        griglia: _Griglia,
        foglio: str,
        riga: int,
        col: int,
        colonna: Colonna,
        intestazione: str,
    ) -> tuple[bool, Any]:
        """(present, data value) of a cell; formulas without a computed value are problems."""
        chiave = (riga, col)
        grezzo = griglia.valori.get(chiave)
        formula = griglia.formule.get(chiave)
        if formula is not None and chiave not in griglia.testo_vuoto:
            if grezzo is None:
                self.problema(
                    f"La cella contiene la formula «{formula}» ma non il valore calcolato: il file è stato scritto "
                    "da un programma e mai ricalcolato. Aprirlo con Excel o LibreOffice e salvarlo, oppure scrivere il valore.",
                    self.pos(foglio, riga, col, intestazione),
                    trovato=formula,
                    atteso="il valore calcolato della formula",
                    codice="FORMULA",
                )
                return False, None
            if isinstance(grezzo, str) and grezzo.strip() in _ERRORI_FORMULA:
                self.problema(
                    f"La formula «{formula}» dà un errore di calcolo ({grezzo}).",
                    self.pos(foglio, riga, col, intestazione),
                    trovato=grezzo,
                    atteso="una formula che dia un valore",
                    codice="FORMULA",
                )
                return False, None
        if grezzo is None or (isinstance(grezzo, str) and not grezzo.strip()):
            return False, None
        percentuale = colonna.tipo == PERCENTUALE or "percentuale" in colonna.etichetta.casefold()
        if percentuale and chiave in griglia.in_percento:
            # typed as 45% the spreadsheet stores 0.45: the data wants 45
            grezzo = Decimal(repr(grezzo)) * 100 if isinstance(grezzo, float) else grezzo * 100
        return True, da_cella(colonna, grezzo)

    # --- a data sheet -------------------------------------------------------------------

    def foglio(self, foglio: Foglio, griglia: _Griglia) -> None:
        titoli = {_norm(b.titolo): b for b in foglio.blocchi}
        blocco: Modulo | Tabella | None = None
        intestazioni: dict[int, Colonna] | None = None
        indici: dict[Any, int] = {}  # id(table), or (id, parent row) -> rows read
        nomi: dict[int, dict[str, int]] = {}  # id(table) -> item name -> index
        for r in griglia.righe():
            riga = griglia.riga(r)
            prima = riga.get(1)
            if _norm(prima) in titoli:
                blocco = titoli[_norm(prima)]
                intestazioni = None
                # a section with no data is still placed: messages about it point here
                if blocco.percorso and not (isinstance(blocco, Tabella) and blocco.genitore):
                    self.origini.setdefault(
                        blocco.percorso, self.pos(foglio.nome, r, 1, blocco.titolo)
                    )
                continue
            if (
                blocco is None
                or not any(v is not None for v in riga.values())
                and not griglia.ha_formule(r)
            ):
                continue
            if isinstance(blocco, Modulo):
                self._riga_modulo(foglio, blocco, griglia, r, riga)
                continue
            if intestazioni is None:
                if _norm(prima) == _norm(ETICHETTA_ASSENTE):
                    self._motivo_tabella(foglio, blocco, griglia, r)
                    continue
                intestazioni = self._intestazioni(foglio, blocco, r, riga)
                if blocco.genitore is None and intestazioni:  # the table's first row
                    col, colonna = min(intestazioni.items())
                    self.origini.setdefault(
                        (*blocco.percorso, INIZIO),
                        self.pos(foglio.nome, r + 1, col, colonna.intestazione),
                    )
                continue
            self._riga_tabella(foglio, blocco, griglia, r, intestazioni, indici, nomi)

    def _riga_modulo(
        self, foglio: Foglio, modulo: Modulo, griglia: _Griglia, r: int, riga: dict[int, Any]
    ) -> None:
        etichetta = riga.get(1)
        campo = next(
            (c for c in modulo.campi if _norm(etichetta) in {_norm(n) for n in c.nomi}), None
        )
        if campo is None:
            if any(riga.get(c) is not None for c in (2, 3)):
                self.problema(
                    f"Riga non riconosciuta nella parte «{modulo.titolo}»: l'etichetta «{etichetta}» non corrisponde a nessun campo.",
                    self.pos(foglio.nome, r, 1),
                    trovato=etichetta,
                    atteso="una delle etichette del modello: "
                    + "; ".join(c.etichetta for c in modulo.campi),
                )
            return
        presente, valore = self.valore(griglia, foglio.nome, r, 2, campo, campo.intestazione)
        percorso = (*modulo.percorso, *campo.chiave)
        if presente:
            self.metti(percorso, valore, self.pos(foglio.nome, r, 2, campo.intestazione))
        else:  # a missing required field is reported at the cell to fill
            self.origini.setdefault(percorso, self.pos(foglio.nome, r, 2, campo.intestazione))
        if campo.chiave == ("non_presente",):  # where to declare the whole section absent
            self.origini[modulo.percorso] = self.pos(
                foglio.nome, r, 2, f"{modulo.titolo}: non presente"
            )
        if campo.chiave[-1] == "non_presente":
            # the cell of the reason (messages about a missing item name it)
            self.origini[(*percorso[:-1], MOTIVO)] = self.pos(
                foglio.nome,
                r,
                2,
                f"{campo.etichetta}" if len(campo.chiave) > 1 else f"{modulo.titolo}: non presente",
            )
        else:  # the first cell of the part: where to start writing a missing part
            self.origini.setdefault(
                (*modulo.percorso, INIZIO), self.pos(foglio.nome, r, 2, campo.intestazione)
            )
        if campo.voce:
            self.origini[(*percorso, MOTIVO)] = self.pos(
                foglio.nome, r, 3, f"{campo.etichetta}: non presente"
            )
            c_motivo = Colonna(("non_presente",), ETICHETTA_ASSENTE, "testo")
            ha_motivo, motivo = self.valore(
                griglia, foglio.nome, r, 3, c_motivo, f"{campo.etichetta}: non presente"
            )
            if ha_motivo:
                if presente:
                    self.problema(
                        f"«{campo.etichetta}»: ci sono sia il valore sia il motivo per cui la voce non è presente.",
                        self.pos(foglio.nome, r, 3, f"{campo.etichetta}: non presente"),
                        trovato=motivo,
                        atteso="il valore oppure il motivo dell'assenza, non entrambi",
                    )
                else:
                    self.metti(
                        (*percorso, "non_presente"),
                        motivo,
                        self.pos(foglio.nome, r, 3, f"{campo.etichetta}: non presente"),
                    )
        elif griglia.valori.get((r, 3)) is not None:
            self.problema(
                f"«{campo.etichetta}» non è una voce che si può dichiarare non presente: la colonna del motivo va lasciata vuota.",
                self.pos(foglio.nome, r, 3),
                trovato=griglia.valori[(r, 3)],
                atteso="cella vuota",
            )

    def _motivo_tabella(
        self,
        foglio: Foglio,
        tabella: Tabella,
        griglia: _Griglia,
        r: int,
    ) -> None:
        colonna = Colonna(("non_presente",), ETICHETTA_ASSENTE, "testo")
        if tabella.genitore is None:  # where to declare the table absent
            self.origini[tabella.percorso] = self.pos(
                foglio.nome, r, 2, f"{tabella.titolo}: non presente"
            )
            self.origini[(*tabella.percorso, MOTIVO)] = self.origini[tabella.percorso]
        presente, motivo = self.valore(
            griglia, foglio.nome, r, 2, colonna, f"{tabella.titolo}: non presente"
        )
        if presente and tabella.genitore is None:
            self.metti(
                (*tabella.percorso, "non_presente"),
                motivo,
                self.pos(foglio.nome, r, 2, f"{tabella.titolo}: non presente"),
            )

    def _intestazioni(
        self, foglio: Foglio, tabella: Tabella, r: int, riga: dict[int, Any]
    ) -> dict[int, Colonna]:
        colonne = tabella.tutte_le_colonne
        mappa: dict[int, Colonna] = {}
        for col, testo in sorted(riga.items()):
            if testo is None:
                continue
            c = next((c for c in colonne if _norm(testo) in {_norm(n) for n in c.nomi}), None)
            if c is None:
                self.problema(
                    f"Intestazione di colonna non riconosciuta nella tabella «{tabella.titolo}»: i dati di questa colonna sono ignorati.",
                    self.pos(foglio.nome, r, col),
                    trovato=testo,
                    atteso="una delle intestazioni: " + "; ".join(c.intestazione for c in colonne),
                    gravita=Gravita.AVVISO,
                )
                continue
            mappa[col] = c
        return mappa

    def _riga_tabella(
        self,
        foglio: Foglio,
        tabella: Tabella,
        griglia: _Griglia,
        r: int,
        intestazioni: dict[int, Colonna],
        indici: dict[Any, int],
        nomi: dict[int, dict[str, int]],
    ) -> None:
        letti: list[tuple[int, Colonna, Any]] = []
        for col, colonna in intestazioni.items():
            presente, valore = self.valore(
                griglia, foglio.nome, r, col, colonna, colonna.intestazione
            )
            if presente:
                letti.append((col, colonna, valore))
        for col, v in sorted(griglia.riga(r).items()):
            if col not in intestazioni and v is not None and str(v).strip():
                self.problema(
                    f"Cella fuori dalle colonne della tabella «{tabella.titolo}»: il valore è ignorato.",
                    self.pos(foglio.nome, r, col),
                    trovato=v,
                    atteso="un valore sotto una delle intestazioni della tabella",
                    gravita=Gravita.AVVISO,
                )
        if not letti:
            return
        base: tuple[Any, ...] = tabella.percorso
        if tabella.genitore is not None:
            legame = next(((col, v) for col, c, v in letti if c.chiave == ("§genitore",)), None)
            etichetta_legame = (
                tabella.colonna_legame.etichetta if tabella.colonna_legame else "elemento"
            )
            if legame is None:
                self.problema(
                    f"Nella tabella «{tabella.titolo}» la riga non dice a quale elemento si riferisce (colonna «{etichetta_legame}»).",
                    self.pos(foglio.nome, r, 1, etichetta_legame),
                    atteso=f"il nome di una riga della tabella «{tabella.genitore.titolo}»",
                )
                return
            col_legame, nome = legame
            indice = nomi.get(id(tabella.genitore), {}).get(_norm(str(nome)))
            if indice is None:
                self.problema(
                    f"«{nome}» non è nella tabella «{tabella.genitore.titolo}».",
                    self.pos(foglio.nome, r, col_legame, etichetta_legame),
                    trovato=str(nome),
                    atteso=f"il nome di una riga della tabella «{tabella.genitore.titolo}», scritto allo stesso modo",
                )
                return
            base = (*tabella.genitore.percorso, indice, *tabella.percorso)
            letti = [x for x in letti if x[1].chiave != ("§genitore",)]
        if tabella.dizionario:
            chiave = next(((col, v) for col, c, v in letti if c.chiave == ("§chiave",)), None)
            valore = next(((col, v) for col, c, v in letti if c.chiave == ("§valore",)), None)
            c_chiave = tabella.colonne[0]
            if chiave is None:
                col = valore[0] if valore else 1
                self.problema(
                    f"Nella tabella «{tabella.titolo}» manca «{c_chiave.etichetta}».",
                    self.pos(foglio.nome, r, col, c_chiave.intestazione),
                    atteso=c_chiave.etichetta,
                )
                return
            col_k, k = chiave
            if c_chiave.scelte is not None and k not in {m.value for m in c_chiave.scelte}:
                from ..validazione import forse

                self.problema(
                    f"«{k}» non è tra le voci ammesse per «{c_chiave.etichetta}» nella tabella "
                    f"«{tabella.titolo}».{forse(str(k), scelte(c_chiave.scelte))}",
                    self.pos(foglio.nome, r, col_k, c_chiave.intestazione),
                    trovato=k,
                    atteso="una voce dell'elenco a discesa: " + "; ".join(scelte(c_chiave.scelte)),
                    codice="SCHEMA",
                )
                return
            if isinstance(k, (int, float)) and not isinstance(k, bool):
                k = str(int(k)) if float(k).is_integer() else str(k)
            percorso = (*base, k)
            if percorso in self.origini:
                prima = self.origini[percorso]
                self.problema(
                    f"«{k}» compare due volte nella tabella «{tabella.titolo}» (la prima in {prima.cella}).",
                    self.pos(foglio.nome, r, col_k, c_chiave.intestazione),
                    trovato=str(k),
                    atteso="ogni voce una sola volta",
                    codice="CHIAVE-DUPLICATA",
                )
                return
            if valore is None:
                self.metti(percorso, None, self.pos(foglio.nome, r, col_k, c_chiave.intestazione))
            else:
                col_v, v = valore
                self.metti(
                    percorso, v, self.pos(foglio.nome, r, col_v, tabella.colonne[1].intestazione)
                )
                self.origini[(*percorso, "__chiave__")] = self.pos(
                    foglio.nome, r, col_k, c_chiave.intestazione
                )
            return
        contatore = id(tabella) if tabella.genitore is None else (id(tabella), base)
        indice = indici.get(contatore, 0)
        indici[contatore] = indice + 1
        percorso_elemento = (*base, indice)
        if isinstance(self._prendi(base), dict):
            self.problema(
                f"La tabella «{tabella.titolo}» è dichiarata non presente ma ha delle righe.",
                self.pos(foglio.nome, r, letti[0][0]),
                atteso="il motivo dell'assenza oppure le righe, non entrambi",
            )
            return
        self.metti(
            percorso_elemento, {}, self.pos(foglio.nome, r, letti[0][0], letti[0][1].intestazione)
        )
        for col, colonna, valore in letti:
            self.metti(
                (*percorso_elemento, *colonna.chiave),
                valore,
                self.pos(foglio.nome, r, col, colonna.intestazione),
            )
        if tabella.collegamento is not None:
            nome = next((v for _c, c, v in letti if c is tabella.collegamento), None)
            if nome is not None:
                nomi.setdefault(id(tabella), {}).setdefault(_norm(str(nome)), indice)

    # --- the sheet of declared figures ------------------------------------------------------

    def dichiarate(self, griglia: _Griglia) -> None:
        """One row per declared figure: into ``dichiarati`` of its year (the reference year,
        or ``anni_precedenti.ANNO``), each value placed at its cell."""
        foglio = FOGLIO_DICHIARATI
        righe = griglia.righe()
        per_intestazione = {_norm(c.intestazione): c for c in COLONNE_DICHIARATI}
        intestazione = next(
            (
                r
                for r in righe
                if {_norm(v) for v in griglia.riga(r).values()}
                >= {_norm(COL_CODICE.intestazione), _norm(COL_ANNO_DICHIARATO.intestazione)}
            ),
            None,
        )
        if intestazione is None:
            if any(r > 3 for r in righe):
                self.problema(
                    f"Nel foglio «{foglio}» manca la riga di intestazione delle colonne.",
                    PosizioneCella(file=self.nome, foglio=foglio),
                    atteso=" | ".join(c.intestazione for c in COLONNE_DICHIARATI),
                )
            return
        colonne: dict[int, Colonna] = {}
        for col, testo in sorted(griglia.riga(intestazione).items()):
            colonna = per_intestazione.get(_norm(testo))
            if colonna is not None:
                colonne[col] = colonna
            elif testo is not None and str(testo).strip():
                self.problema(
                    f"Intestazione di colonna non riconosciuta nel foglio «{foglio}»: i dati di questa "
                    "colonna sono ignorati.",
                    self.pos(foglio, intestazione, col),
                    trovato=testo,
                    atteso="una delle intestazioni: "
                    + "; ".join(c.intestazione for c in COLONNE_DICHIARATI),
                    gravita=Gravita.AVVISO,
                )
        riferimento = self.dati.get("anno")
        visti: dict[tuple[Any, str], Posizione] = {}
        for r in righe:
            if r > intestazione:
                self._riga_dichiarata(griglia, r, colonne, riferimento, visti)

    def _riga_dichiarata(
        self,
        griglia: _Griglia,
        r: int,
        colonne: dict[int, Colonna],
        riferimento: Any,
        visti: dict[tuple[Any, str], Posizione],
    ) -> None:
        foglio = FOGLIO_DICHIARATI
        letti: dict[str, tuple[int, Any]] = {}
        for col, colonna in colonne.items():
            if colonna is COL_INDICATORE:
                continue  # a lookup formula, not data
            presente, valore = self.valore(griglia, foglio, r, col, colonna, colonna.intestazione)
            if presente:
                letti[colonna.chiave[0]] = (col, valore)
        if not letti:
            return
        dove = {c.chiave[0]: (col, c) for col, c in colonne.items()}

        def pos(chiave: str) -> Posizione:
            col, colonna = dove.get(chiave, (1, None))
            return self.pos(foglio, r, col, colonna.intestazione if colonna else None)

        def errore(messaggio: str, chiave: str, atteso: str, trovato: Any = None) -> None:
            self.problema(messaggio, pos(chiave), trovato=trovato, atteso=atteso)

        anno = letti.get("§anno", (0, None))[1]
        if not isinstance(anno, int) or not 1900 <= anno <= 2200:
            errore(
                "Cifra dichiarata senza l'anno (o con un anno non valido): indicare l'anno del "
                "bilancio che la stampa.",
                "§anno",
                "un anno di quattro cifre, es. 2025",
                trovato=anno,
            )
            return
        codice = _codice_indicatore(letti.get("§codice", (0, None))[1])
        if codice is None:
            trovato = letti.get("§codice", (0, None))[1]
            errore(
                "Codice dell'indicatore mancante o sconosciuto: sceglierlo dall'elenco a discesa "
                "(i codici sono elencati nel README, «Gli indicatori»)."
                if trovato is not None
                else "Cifra dichiarata senza il codice dell'indicatore: sceglierlo dall'elenco a discesa.",
                "§codice",
                "un codice dell'elenco, es. lavoratori_quota_donne",
                trovato=trovato,
            )
            return
        cifre = [k for k in CIFRE_DICHIARATE if k in letti]
        intestazioni = {c.chiave[0]: c.intestazione for c in COLONNE_DICHIARATI}
        nomi = " oppure ".join(f"«{intestazioni[k]}»" for k in CIFRE_DICHIARATE)
        if not cifre:
            errore(f"Manca la cifra stampata: scriverla in {nomi}.", "valore", "la cifra stampata")
            return
        if len(cifre) > 1:
            errore(
                f"Una riga dichiara una sola cifra: {nomi}, non più d'una (usare una riga per cifra).",
                cifre[1],
                "una sola cifra per riga",
                trovato=letti[cifre[1]][1],
            )
            return
        if cifre[0] != "valore" and "rispetto_a" not in letti:
            errore(
                f"Una variazione va confrontata con un anno: indicarlo in «{intestazioni['rispetto_a']}».",
                "rispetto_a",
                "l'anno di confronto, es. 2024",
            )
            return
        if cifre[0] == "valore" and "rispetto_a" in letti:
            errore(
                f"«{intestazioni['rispetto_a']}» vale solo per una variazione: scrivere la cifra in "
                f"«{intestazioni['variazione']}» o «{intestazioni['variazione_percentuale']}», oppure "
                "lasciare vuoto l'anno di confronto.",
                "rispetto_a",
                "una variazione, o nessun anno di confronto",
                trovato=letti["rispetto_a"][1],
            )
            return
        if (anno, codice) in visti:
            prima = visti[(anno, codice)]
            self.problema(
                f"L'indicatore «{codice}» del {anno} è dichiarato due volte (la prima in {prima.cella}).",
                pos("§codice"),
                trovato=codice,
                atteso="ogni indicatore una sola volta per anno",
                codice="CHIAVE-DUPLICATA",
            )
            return
        visti[(anno, codice)] = pos("§codice")
        base: tuple[Any, ...] = (SEZIONE_DICHIARATI, codice)
        if riferimento is not None and anno != riferimento:
            base = ("anni_precedenti", anno, *base)
            self.origini.setdefault(("anni_precedenti", anno, "__chiave__"), pos("§anno"))
        self.origini.setdefault(base[:-1], pos("§codice"))
        self.origini[base] = pos("§codice")
        self.origini[(*base, "__chiave__")] = pos("§codice")
        percentuale = indicatore(codice).unita is Unita.PERCENTUALE
        for chiave, (col, valore) in letti.items():
            if chiave.startswith("§"):
                continue
            if chiave in CIFRE_DICHIARATE:
                in_percento = chiave == "variazione_percentuale" or percentuale
                valore = _cifra_scritta(griglia, (r, col), valore, in_percento)
            self.metti((*base, chiave), valore, pos(chiave))

    def _prendi(self, percorso: tuple[Any, ...]) -> Any:
        nodo: Any = self.dati
        for parte in percorso:
            if isinstance(nodo, dict):
                nodo = nodo.get(parte)
            elif isinstance(nodo, list) and isinstance(parte, int) and parte < len(nodo):
                nodo = nodo[parte]
            else:
                return None
        return nodo

    # --- the sheet of earlier years -------------------------------------------------------

    def precedenti(self, griglia: _Griglia) -> None:
        """One column per year, one row per figure, named by its label («Voce»); workbooks
        written before labels-only rows name it by its data path in a «Campo» column too."""
        foglio = FOGLIO_PRECEDENTI
        righe = griglia.righe()
        intestazione = next(
            (
                r
                for r in righe
                if _norm(griglia.valori.get((r, 1))) == "voce"
                or _norm(griglia.valori.get((r, 2))) == "campo"
            ),
            None,
        )
        if intestazione is None:
            if any(r > 3 for r in righe):
                self.problema(
                    "Nel foglio «Anni precedenti» manca la riga di intestazione (Voce e gli anni).",
                    PosizioneCella(file=self.nome, foglio=foglio),
                    atteso="Voce | 2024 | 2023 ...",
                )
            return
        con_campo = _norm(griglia.valori.get((intestazione, 2))) == "campo"
        prima = 3 if con_campo else 2
        anni: dict[int, int] = {}
        for (r, col), v in griglia.valori.items():
            if r != intestazione or col < prima or v is None:
                continue
            testo = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
            if re.fullmatch(r"\d{4}", testo):
                anni[col] = int(testo)
            else:
                self.problema(
                    "Intestazione di colonna non valida: serve un anno di quattro cifre.",
                    self.pos(foglio, r, col),
                    trovato=v,
                    atteso="un anno, es. 2024",
                )
        viste: dict[tuple[Any, ...], int] = {}
        for r in righe:
            if r <= intestazione:
                continue
            valori = {col: griglia.valori.get((r, col)) for col in anni}
            formule = any((r, col) in griglia.formule for col in anni)
            if not any(v is not None and str(v).strip() for v in valori.values()) and not formule:
                continue
            voce = griglia.valori.get((r, 1))
            testo_campo = griglia.valori.get((r, 2)) if con_campo else None
            percorso = None
            if isinstance(testo_campo, str):
                percorso = percorso_da_testo(testo_campo)
            if percorso is None and isinstance(voce, str):
                percorso = percorso_da_etichetta(voce)
            if percorso is None or colonna_per_percorso(percorso) is None and not con_campo:
                self.problema(
                    "Riga con dati ma con una voce che non corrisponde a nessun dato: scriverla "
                    "come nelle altre righe, con le parti del foglio separate da ›.",
                    self.pos(foglio, r, 1, INTESTAZIONE_VOCE),
                    trovato=voce,
                    atteso="es. «Situazione economico-finanziaria › Valore della produzione»",
                )
                continue
            if percorso in viste:
                self.problema(
                    f"La voce «{voce or testo_campo}» compare due volte: la prima nella riga "
                    f"{viste[percorso]}. Tenerne una sola riga.",
                    self.pos(foglio, r, 1, INTESTAZIONE_VOCE),
                    trovato=voce or testo_campo,
                    atteso="ogni voce una sola volta",
                    codice="CHIAVE-DUPLICATA",
                )
                continue
            viste[percorso] = r
            colonna = colonna_per_percorso(percorso) or Colonna(percorso, str(voce), "testo")
            for col, anno in anni.items():
                etichetta = f"{voce or testo_campo} ({anno})"
                presente, valore = self.valore(griglia, foglio, r, col, colonna, etichetta)
                if presente:
                    pos = self.pos(foglio, r, col, etichetta)
                    self.metti(("anni_precedenti", anno, *percorso), valore, pos)
                    self.origini.setdefault(
                        ("anni_precedenti", anno, "__chiave__"),
                        self.pos(foglio, intestazione, col, str(anno)),
                    )


INTESTAZIONE_VOCE = "Voce"


def _codice_indicatore(valore: Any) -> str | None:
    """A catalogue code from a cell: the code, or the indicator's label, as typed or picked."""
    if not isinstance(valore, str):
        return None
    testo = _norm(valore)
    return next(
        (i.codice for i in CATALOGO if testo in (i.codice.casefold(), _norm(i.etichetta))), None
    )


def _cifra_scritta(
    griglia: _Griglia, cella: tuple[int, int], valore: Any, in_percento: bool
) -> Any:
    """A declared figure with the decimals it shows: ``66,2%`` typed (0,662) is 66,2, a
    number shown as ``66,20`` has two decimals, spreadsheet float noise is dropped."""
    grezzo = griglia.valori.get(cella)
    if isinstance(valore, str):  # typed as text: "66,2%", "+5,04"
        testo = valore.strip().removesuffix("%").strip().removeprefix("+")
        return testo or valore
    if isinstance(grezzo, bool) or not isinstance(grezzo, (int, float)):
        return valore
    d = Decimal(grezzo) if isinstance(grezzo, int) else Decimal(repr(grezzo))
    if in_percento and cella in griglia.in_percento:
        d = d.scaleb(2)
    decimali = griglia.decimali.get(cella)
    if decimali is not None:
        arrotondato = d.quantize(Decimal(1).scaleb(-decimali))
        if abs(arrotondato - d) < Decimal("1e-9"):
            return arrotondato
    elif (
        isinstance(grezzo, float)
        and grezzo.is_integer()
        and not (in_percento and cella in griglia.in_percento)
    ):
        return Decimal(int(grezzo))
    esponente = d.as_tuple().exponent
    if isinstance(esponente, int) and esponente > 0:  # 0,5 as 50%: 5E+1 is 50
        d = d.quantize(Decimal(1))
    return d


@functools.lru_cache(maxsize=256)
def decimali_formato(formato: str) -> int | None:
    """The decimals a number format shows (``0.00`` -> 2, ``0%`` -> 0); ``None`` for General."""
    sezione = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", formato.split(";")[0])
    if not re.search(r"[0#?]", sezione):
        return None
    m = re.search(r"\.([0#?]+)", sezione)
    return len(m.group(1)) if m else 0


def _griglie(percorso: Path) -> dict[str, _Griglia]:
    """Every sheet's computed values and formulas (two read-only passes of openpyxl)."""
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        raise FileRifiutato(
            "Lettura non sicura: openpyxl non usa defusedxml (variabile OPENPYXL_DEFUSEDXML?)."
        )
    griglie: dict[str, _Griglia] = {}
    for solo_valori in (True, False):
        with warnings.catch_warnings():
            # features openpyxl does not keep (Excel's extension lists, slicers...) are
            # irrelevant to reading values: no noise on the user's terminal
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(
                percorso, read_only=True, data_only=solo_valori, keep_links=False
            )
        try:
            for ws in wb.worksheets:
                griglia = griglie.setdefault(ws.title, _Griglia())
                ws.reset_dimensions()  # the checked cells, not the declared size
                for riga in ws.iter_rows():
                    for cella in riga:
                        valore = getattr(cella, "value", None)
                        n_riga = getattr(cella, "row", None)
                        n_colonna = getattr(cella, "column", None)
                        if n_riga is None or n_colonna is None:
                            continue
                        if valore is None:
                            # an empty computed text is stored with its type (t="str"); a formula
                            # never computed has neither type nor value
                            if solo_valori and getattr(cella, "data_type", None) == "str":
                                griglia.testo_vuoto.add((n_riga, n_colonna))
                            continue
                        chiave = (n_riga, n_colonna)
                        if solo_valori:
                            griglia.valori[chiave] = valore
                            formato = str(getattr(cella, "number_format", "") or "")
                            if isinstance(valore, (int, float)) and formato != "General":
                                if "%" in formato:
                                    griglia.in_percento.add(chiave)
                                decimali = decimali_formato(formato)
                                if decimali is not None:
                                    griglia.decimali[chiave] = decimali
                        elif getattr(cella, "data_type", None) == "f":
                            griglia.formule[chiave] = (
                                valore
                                if isinstance(valore, str)
                                else str(getattr(valore, "text", valore))
                            )
        finally:
            wb.close()
    return griglie


def _per_xml_pericoloso(exc: BaseException) -> bool:
    """Was ``exc`` caused, anywhere down its chain, by defusedxml refusing a DTD or an entity?"""
    visti: set[int] = set()
    causa: BaseException | None = exc
    while causa is not None and id(causa) not in visti:
        if isinstance(causa, DefusedXmlException):
            return True
        visti.add(id(causa))
        causa = causa.__cause__ or causa.__context__
    return False


def leggi_xlsx(percorso: Path, nome: str | None = None) -> Letto:
    """Read a year's workbook: data as the YAML reader gives it, each value placed at its cell."""
    nome = nome or str(percorso)
    try:
        controlla_file(percorso)
        griglie = _griglie(percorso)
    except FileRifiutato as exc:
        return Letto.illeggibile(nome, str(exc))
    except DefusedXmlException:  # openpyxl's own parse: never reached after the screening
        return Letto.illeggibile(nome, _XML_PERICOLOSO)
    except Exception as exc:  # openpyxl's own refusals of a malformed workbook
        if _per_xml_pericoloso(exc):  # openpyxl wraps defusedxml's refusal in a ValueError
            return Letto.illeggibile(nome, _XML_PERICOLOSO)
        return Letto.illeggibile(
            nome, f"La cartella di lavoro non si può leggere: {type(exc).__name__}: {exc}."
        )
    lettore = _Lettore(nome)
    per_nome = {_norm(n): g for n, g in griglie.items()}
    riconosciuti = 0
    for foglio in fogli():
        griglia = griglie.get(foglio.nome) or per_nome.get(_norm(foglio.nome))
        if griglia is None:
            continue
        riconosciuti += 1
        lettore.foglio(foglio, griglia)
    griglia = griglie.get(FOGLIO_PRECEDENTI) or per_nome.get(_norm(FOGLIO_PRECEDENTI))
    if griglia is not None:
        riconosciuti += 1
        lettore.precedenti(griglia)
    griglia = griglie.get(FOGLIO_DICHIARATI) or per_nome.get(_norm(FOGLIO_DICHIARATI))
    if griglia is not None:
        riconosciuti += 1
        lettore.dichiarate(griglia)
    if not riconosciuti:
        attesi = ", ".join(f.nome for f in fogli())
        return Letto.illeggibile(
            nome,
            f"La cartella di lavoro non ha nessuno dei fogli del modello ({attesi}): crearne una con "
            "«bilancio init CARTELLA --xlsx» o «bilancio convert ANNO.yaml ANNO.xlsx».",
        )
    # the whole year: what the yaml reader places at line 1
    lettore.origini.setdefault((), PosizioneCella(file=nome, foglio="Anno", cella="A1"))
    if "ente" in lettore.dati:
        # the entity's first written cell: where ENTE-DOPPIO points when ente.yaml exists too
        lettore.origini[("ente", "__chiave__")] = lettore.prima_cella_ente or PosizioneCella(
            file=nome, foglio="Ente"
        )
    return Letto(dati=lettore.dati, origini=lettore.origini, problemi=lettore.problemi)
