"""Write a year's workbook: the blank template (``bilancio init --xlsx``) or a filled one
(``bilancio convert 2025.yaml 2025.xlsx``). Both come from the same code, so a converted
workbook keeps the template's formatting and drop-down lists.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..modello.catalogo import CATALOGO
from ..modello.numeri import REGOLA_NUMERI, REGOLA_TESTO
from .layout import (
    ANNO,
    CIFRE_DICHIARATE,
    COL_CODICE,
    COL_INDICATORE,
    COLONNE_DICHIARATI,
    DATA,
    ELENCO,
    ETICHETTA_ASSENTE,
    EURO,
    FOGLIO_DICHIARATI,
    FOGLIO_ELENCHI,
    FOGLIO_ISTRUZIONI,
    FOGLIO_PRECEDENTI,
    INTERO,
    NUMERO,
    PERCENTUALE,
    PERCORSI_PRECEDENTI,
    SCELTA,
    SEZIONE_DICHIARATI,
    SINO,
    TESTO,
    Colonna,
    Foglio,
    Modulo,
    Tabella,
    colonna_per_percorso,
    etichetta_percorso,
    fogli,
)
from .valori import NO, SI, in_cella, scelte

# geometry shared with the reader
RIGA_LEGENDA = 3
PRIMA_RIGA = 5
COL_ETICHETTA, COL_VALORE, COL_MOTIVO, COL_NOTA = 1, 2, 3, 4
LEGENDA = ("Voce", "Valore", "Se la voce non è presente: motivo", "Note")
INTESTAZIONE_PRECEDENTI = "Voce"  # then a column per year (before 0.x also "Campo": still read)

FORMATI = {
    EURO: '#,##0.00 "€"',
    INTERO: "#,##0",
    ANNO: "0",
    NUMERO: "General",
    PERCENTUALE: "0.00",
    DATA: "DD/MM/YYYY",
    TESTO: "@",
    ELENCO: "@",
    SCELTA: "@",
    SINO: "@",
}

_BLU = "1F4E78"
_FONT_TITOLO = Font(bold=True, size=14, color=_BLU)
_FONT_BLOCCO = Font(bold=True, color="FFFFFF")
_FILL_BLOCCO = PatternFill("solid", fgColor=_BLU)
_FILL_INTESTAZIONE = PatternFill("solid", fgColor="D9E1F2")
_FILL_INPUT = PatternFill("solid", fgColor="FFF8DC")
_FILL_SPENTO = PatternFill("solid", fgColor="EDEDED")
_FONT_NOTA = Font(italic=True, color="595959")
_BORDO = Border(*(Side(style="thin", color="BFBFBF"),) * 4)
_A_CAPO = Alignment(wrap_text=True, vertical="top")

_INIZI_FORMULA = ("=", "+", "-", "@")


def scrivi(cella: Cell | MergedCell, valore: Any) -> None:
    """Put a value in a cell; text that looks like a formula stays text (formula injection)."""
    cella.value = valore
    if isinstance(valore, str) and valore.startswith(_INIZI_FORMULA):
        cella.data_type = "s"
        cella.quotePrefix = True


def _nota(colonna: Colonna) -> str:
    parti = []
    if colonna.nota:
        parti.append(colonna.nota)
    if colonna.tipo == ELENCO:
        parti.append("una voce per riga (Alt+Invio per andare a capo nella cella)")
    elif colonna.tipo == SINO:
        parti.append("sì / no")
    elif colonna.tipo == SCELTA:
        parti.append("scegliere dall'elenco")
    elif colonna.tipo == DATA:
        parti.append("data, es. 31/12/2025")
    elif colonna.tipo == EURO:
        parti.append("importo in euro" + (", anche negativo" if colonna.con_segno else ""))
    elif colonna.tipo == INTERO:
        parti.append("numero intero")
    elif colonna.tipo == PERCENTUALE:
        parti.append("percentuale da 0 a 100")
    if colonna.obbligatorio:
        parti.append("obbligatorio")
    return "; ".join(parti)


class _Convalide:
    """The data validations of one sheet, one per kind of column."""

    def __init__(self, ws: Worksheet, elenchi: dict[str, str]) -> None:
        self.ws = ws
        self.elenchi = elenchi
        self.per_chiave: dict[str, DataValidation] = {}

    def _dv(self, chiave: str, **kw: Any) -> DataValidation:
        dv = self.per_chiave.get(chiave)
        if dv is None:
            dv = DataValidation(
                allow_blank=True, showErrorMessage=True, errorTitle="Valore non ammesso", **kw
            )
            self.ws.add_data_validation(dv)
            self.per_chiave[chiave] = dv
        return dv

    def aggiungi(self, colonna: Colonna, intervallo: str) -> None:
        tipo = colonna.tipo
        if tipo == SCELTA and colonna.scelte is not None:
            nome = colonna.scelte.__name__
            dv = self._dv(
                nome,
                type="list",
                formula1=self.elenchi[nome],
                error="Scegliere un valore dall'elenco.",
            )
        elif tipo == SINO:
            dv = self._dv(
                "§sino", type="list", formula1=self.elenchi["§sino"], error="Scrivere sì oppure no."
            )
        elif tipo == INTERO:
            dv = self._dv(
                "§intero",
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                error="Serve un numero intero, senza decimali, non negativo.",
            )
        elif tipo == ANNO:
            dv = self._dv(
                "§anno",
                type="whole",
                operator="between",
                formula1="1900",
                formula2="2200",
                error="Serve un anno di quattro cifre, es. 2025.",
            )
        elif tipo == EURO and not colonna.con_segno:
            dv = self._dv(
                "§euro",
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                error="Serve un importo in euro non negativo.",
            )
        elif tipo == PERCENTUALE:
            dv = self._dv(
                "§percentuale",
                type="decimal",
                operator="between",
                formula1="0",
                formula2="100",
                error="Serve una percentuale tra 0 e 100.",
            )
        else:
            return
        dv.add(intervallo)

    def elenco_righe(self, chiave: str, formula: str, intervallo: str) -> None:
        dv = self._dv(
            chiave,
            type="list",
            formula1=formula,
            error="Scegliere una riga della tabella indicata.",
        )
        dv.add(intervallo)


class _Scrittore:
    def __init__(
        self, dati: dict[str, Any], anno: int, righe_libere: int, premessa: Sequence[str] = ()
    ) -> None:
        self.dati = dati
        self.anno = anno
        self.righe_libere = righe_libere
        self.premessa = list(premessa)
        self.wb = Workbook()
        self.elenchi: dict[str, str] = {}

    # --- the whole workbook ---------------------------------------------------------

    def cartella(self) -> Workbook:
        istruzioni = self.wb.active
        assert istruzioni is not None
        istruzioni.title = FOGLIO_ISTRUZIONI
        elenchi = self.wb.create_sheet(FOGLIO_ELENCHI)
        self._elenchi(elenchi)
        for foglio in fogli():
            self._foglio(self.wb.create_sheet(foglio.nome), foglio)
        self._precedenti(self.wb.create_sheet(FOGLIO_PRECEDENTI))
        self._dichiarati(self.wb.create_sheet(FOGLIO_DICHIARATI))
        self.wb.move_sheet(elenchi, offset=len(self.wb.sheetnames))
        elenchi.sheet_state = "hidden"
        self._istruzioni(istruzioni)
        self.wb.active = 0
        return self.wb

    def _elenchi(self, ws: Worksheet) -> None:
        enumerazioni: dict[str, type[Enum]] = {}
        for foglio in fogli():
            for blocco in foglio.blocchi:
                colonne = blocco.campi if isinstance(blocco, Modulo) else blocco.colonne
                for c in colonne:
                    if c.scelte is not None:
                        enumerazioni[c.scelte.__name__] = c.scelte
        for c in COLONNE_DICHIARATI:
            if c.scelte is not None:
                enumerazioni[c.scelte.__name__] = c.scelte
        liste = {"§sino": ("Sì / no", [SI, NO])}
        for nome, enumerazione in enumerazioni.items():
            liste[nome] = (nome, scelte(enumerazione))
        # the indicators' labels beside their codes: the lookup of the "Indicatore" column
        liste["§indicatori"] = ("Indicatore", [i.etichetta for i in CATALOGO])
        for i, (chiave, (titolo, valori)) in enumerate(liste.items(), start=1):
            lettera = get_column_letter(i)
            ws.cell(1, i, titolo).font = Font(bold=True)
            for r, v in enumerate(valori, start=2):
                scrivi(ws.cell(r, i), v)
            ws.column_dimensions[lettera].width = max(12, min(60, max(len(v) for v in valori) + 2))
            self.elenchi[chiave] = (
                f"{quote_sheetname(FOGLIO_ELENCHI)}!${lettera}$2:${lettera}${len(valori) + 1}"
            )

    # --- a data sheet ---------------------------------------------------------------

    def _foglio(self, ws: Worksheet, foglio: Foglio) -> None:
        ws.cell(1, 1, foglio.titolo).font = _FONT_TITOLO
        ws.cell(
            2,
            1,
            "Compilare le celle gialle. Le righe blu separano le parti del foglio: non modificarne il testo.",
        ).font = _FONT_NOTA
        for i, testo in enumerate(LEGENDA, start=1):
            c = ws.cell(RIGA_LEGENDA, i, testo)
            c.font = Font(bold=True)
            c.fill = _FILL_INTESTAZIONE
            c.border = _BORDO
            c.alignment = _A_CAPO
        ws.freeze_panes = f"B{RIGA_LEGENDA + 1}"
        convalide = _Convalide(ws, self.elenchi)
        larghezze: dict[int, float] = {1: 48, 2: 42, 3: 30, 4: 55}
        righe_genitore: dict[int, tuple[int, int]] = {}  # id(table) -> rows of its items
        posizione_genitore: dict[int, int] = {}  # id(table) -> column of its naming field
        riga = PRIMA_RIGA
        for blocco in foglio.blocchi:
            if isinstance(blocco, Modulo):
                riga = self._modulo(ws, blocco, riga, convalide)
            else:
                riga = self._tabella(
                    ws, blocco, riga, convalide, larghezze, righe_genitore, posizione_genitore
                )
            riga += 1
        for col, larghezza in larghezze.items():
            ws.column_dimensions[get_column_letter(col)].width = larghezza
        _pagina(ws)

    def _intestazione_blocco(self, ws: Worksheet, riga: int, titolo: str, colonne: int) -> None:
        for col in range(1, max(colonne, 4) + 1):
            c = ws.cell(riga, col)
            c.fill = _FILL_BLOCCO
        c = ws.cell(riga, 1, titolo)
        c.font = _FONT_BLOCCO

    def _modulo(self, ws: Worksheet, modulo: Modulo, riga: int, convalide: _Convalide) -> int:
        self._intestazione_blocco(ws, riga, modulo.titolo, 4)
        riga += 1
        dati = _prendi(self.dati, modulo.percorso)
        for campo in modulo.campi:
            etichetta = ws.cell(riga, COL_ETICHETTA, campo.intestazione)
            etichetta.alignment = _A_CAPO
            etichetta.border = _BORDO
            if campo.obbligatorio:
                etichetta.font = Font(bold=True)
            valore = _prendi(dati, campo.chiave)
            motivo = None
            if campo.voce and isinstance(valore, dict) and "non_presente" in valore:
                motivo, valore = valore["non_presente"], None
            cella = ws.cell(riga, COL_VALORE)
            self._cella_input(cella, campo, valore)
            convalide.aggiungi(campo, cella.coordinate)
            c_motivo = ws.cell(riga, COL_MOTIVO)
            c_motivo.border = _BORDO
            if campo.voce:
                c_motivo.fill = _FILL_INPUT
                c_motivo.alignment = _A_CAPO
                c_motivo.number_format = "@"
                scrivi(c_motivo, motivo)
            else:
                c_motivo.fill = _FILL_SPENTO
            nota = ws.cell(riga, COL_NOTA, _nota(campo) or None)
            nota.font = _FONT_NOTA
            nota.alignment = _A_CAPO
            riga += 1
        return riga

    def _cella_input(self, cella: Cell | MergedCell, colonna: Colonna, valore: Any) -> None:
        cella.fill = _FILL_INPUT
        cella.border = _BORDO
        cella.number_format = FORMATI.get(colonna.tipo, "General")
        if colonna.tipo in (TESTO, ELENCO):
            cella.alignment = _A_CAPO
        else:
            cella.alignment = Alignment(vertical="top")
        scrivi(cella, in_cella(colonna, valore))

    def _tabella(
        self,
        ws: Worksheet,
        tabella: Tabella,
        riga: int,
        convalide: _Convalide,
        larghezze: dict[int, float],
        righe_genitore: dict[int, tuple[int, int]],
        posizione_genitore: dict[int, int],
    ) -> int:
        colonne = tabella.tutte_le_colonne
        self._intestazione_blocco(ws, riga, tabella.titolo, len(colonne))
        riga += 1
        righe = list(self._righe(tabella))
        if tabella.voce:
            motivo = _prendi(self.dati, tabella.percorso)
            motivo = motivo.get("non_presente") if isinstance(motivo, dict) else None
            ws.cell(riga, 1, ETICHETTA_ASSENTE).border = _BORDO
            c = ws.cell(riga, 2)
            c.fill = _FILL_INPUT
            c.border = _BORDO
            c.number_format = "@"
            scrivi(c, motivo)
            riga += 1
        for col, colonna in enumerate(colonne, start=1):
            c = ws.cell(riga, col, colonna.intestazione)
            c.font = Font(bold=True)
            c.fill = _FILL_INTESTAZIONE
            c.border = _BORDO
            c.alignment = _A_CAPO
            nota = _nota(colonna)
            if nota:
                c.comment = Comment(nota, "bilancio")
            larghezze[col] = max(larghezze.get(col, 0), _larghezza(colonna, righe, col - 1))
        riga += 1
        prima = riga
        ultima = riga + len(righe) + self.righe_libere - 1
        for valori in righe:
            for col, (colonna, valore) in enumerate(zip(colonne, valori, strict=True), start=1):
                self._cella_input(ws.cell(riga, col), colonna, valore)
            riga += 1
        for _ in range(self.righe_libere):
            for col, colonna in enumerate(colonne, start=1):
                self._cella_input(ws.cell(riga, col), colonna, None)
            riga += 1
        for col, colonna in enumerate(colonne, start=1):
            lettera = get_column_letter(col)
            intervallo = f"{lettera}{prima}:{lettera}{ultima}"
            if colonna.chiave == ("§genitore",) and tabella.genitore is not None:
                r1, r2 = righe_genitore[id(tabella.genitore)]
                lg = get_column_letter(posizione_genitore[id(tabella.genitore)])
                convalide.elenco_righe(
                    f"§righe{id(tabella.genitore)}", f"${lg}${r1}:${lg}${r2}", intervallo
                )
            else:
                convalide.aggiungi(colonna, intervallo)
        righe_genitore[id(tabella)] = (prima, ultima)
        if tabella.collegamento is not None:
            posizione_genitore[id(tabella)] = colonne.index(tabella.collegamento) + 1
        return riga

    def _righe(self, tabella: Tabella) -> Iterator[list[Any]]:
        """The cell values of each item of the table, in data order."""
        if tabella.genitore is None:
            contenitori: list[tuple[Any, Any]] = [(None, _prendi(self.dati, tabella.percorso))]
        else:
            padri = _prendi(self.dati, tabella.genitore.percorso)
            legame = tabella.genitore.collegamento
            contenitori = []
            if isinstance(padri, list) and legame is not None:
                for padre in padri:
                    contenitori.append(
                        (_prendi(padre, legame.chiave), _prendi(padre, tabella.percorso))
                    )
        for nome_padre, contenuto in contenitori:
            if (
                tabella.dizionario
                and isinstance(contenuto, dict)
                and "non_presente" not in contenuto
            ):
                for chiave, valore in contenuto.items():
                    riga = [chiave, valore]
                    yield ([nome_padre] if tabella.genitore else []) + riga
            elif not tabella.dizionario and isinstance(contenuto, list):
                for elemento in contenuto:
                    riga = [_valore_colonna(elemento, c) for c in tabella.colonne]
                    yield ([nome_padre] if tabella.genitore else []) + riga

    # --- the sheet of earlier years ---------------------------------------------------

    def _precedenti(self, ws: Worksheet) -> None:
        precedenti: dict[Any, Any] = self.dati.get("anni_precedenti") or {}
        anni = sorted(precedenti, reverse=True) or [self.anno - 1, self.anno - 2]
        percorsi = list(PERCORSI_PRECEDENTI)
        for anno in anni:
            for percorso in _foglie(precedenti.get(anno) or {}):
                # declared figures have a sheet of their own
                if percorso not in percorsi and percorso[0] != SEZIONE_DICHIARATI:
                    percorsi.append(percorso)
        ws.cell(1, 1, "Dati chiave degli anni precedenti").font = _FONT_TITOLO
        ws.cell(
            2,
            1,
            "Per gli anni che non hanno un file proprio: una colonna per anno, una riga per dato. "
            "Per aggiungere un dato, scriverne la voce come nelle altre righe: le parti del foglio "
            "separate da › (es. «Situazione economico-finanziaria › Costi per servizi»).",
        ).font = _FONT_NOTA
        for col, testo in enumerate([INTESTAZIONE_PRECEDENTI, *anni], start=1):
            c = ws.cell(RIGA_LEGENDA, col, testo)
            c.font = Font(bold=True)
            c.fill = _FILL_INTESTAZIONE
            c.border = _BORDO
            if isinstance(testo, int):
                c.number_format = "0"
        ws.freeze_panes = f"B{RIGA_LEGENDA + 1}"
        convalide = _Convalide(ws, self.elenchi)
        riga = RIGA_LEGENDA + 1
        for percorso in percorsi:
            colonna = colonna_per_percorso(percorso)
            ws.cell(riga, 1, etichetta_percorso(percorso)).alignment = _A_CAPO
            for col, anno in enumerate(anni, start=2):
                valore = _prendi(precedenti.get(anno) or {}, percorso)
                cella = ws.cell(riga, col)
                if colonna is None:
                    scrivi(cella, None if valore is None else str(valore))
                    continue
                self._cella_input(cella, colonna, valore)
                convalide.aggiungi(colonna, cella.coordinate)
            riga += 1
        ws.column_dimensions["A"].width = 90
        for col in range(2, 2 + len(anni) + 2):
            ws.column_dimensions[get_column_letter(col)].width = 16
        _pagina(ws)

    # --- the sheet of declared figures --------------------------------------------------

    def _righe_dichiarate(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(year, code, declared figure) of the reference year, then of each earlier year."""
        per_anno: list[tuple[int, Any]] = [(self.anno, self.dati.get(SEZIONE_DICHIARATI))]
        precedenti: dict[Any, Any] = self.dati.get("anni_precedenti") or {}
        for anno in sorted(precedenti, reverse=True):
            per_anno.append((anno, (precedenti[anno] or {}).get(SEZIONE_DICHIARATI)))
        for anno, dichiarati in per_anno:
            for codice, dichiarato in (dichiarati or {}).items():
                if not isinstance(dichiarato, dict):  # the short form: the value itself
                    dichiarato = {"valore": dichiarato}
                yield anno, codice, dichiarato

    def _dichiarati(self, ws: Worksheet) -> None:
        ws.cell(1, 1, "Cifre stampate nel bilancio sociale, da verificare").font = _FONT_TITOLO
        ws.cell(
            2,
            1,
            "Una riga per ogni cifra calcolata (quota, totale, media, variazione) che il documento "
            "pubblicato stampa: il programma la ricalcola e la confronta, arrotondata ai decimali scritti.",
        ).font = _FONT_NOTA
        for col, colonna in enumerate(COLONNE_DICHIARATI, start=1):
            c = ws.cell(RIGA_LEGENDA, col, colonna.intestazione)
            c.font = Font(bold=True)
            c.fill = _FILL_INTESTAZIONE
            c.border = _BORDO
            c.alignment = _A_CAPO
            c.comment = Comment(_nota(colonna), "bilancio")
        ws.freeze_panes = f"A{RIGA_LEGENDA + 1}"
        convalide = _Convalide(ws, self.elenchi)
        righe = list(self._righe_dichiarate())
        prima = RIGA_LEGENDA + 1
        ultima = prima + len(righe) + self.righe_libere - 1
        col_codice = COLONNE_DICHIARATI.index(COL_CODICE) + 1
        etichette = self.elenchi["§indicatori"]
        codici = self.elenchi[COL_CODICE.scelte.__name__]  # type: ignore[union-attr]
        for r in range(prima, ultima + 1):
            anno, codice, dichiarato = (
                righe[r - prima] if r - prima < len(righe) else (None, None, {})
            )
            for col, colonna in enumerate(COLONNE_DICHIARATI, start=1):
                cella = ws.cell(r, col)
                if colonna is COL_INDICATORE:
                    rif = f"{get_column_letter(col_codice)}{r}"
                    cella.value = (
                        f'=IF({rif}="","",IFERROR(INDEX({etichette},MATCH({rif},{codici},0)),'
                        '"codice sconosciuto"))'
                    )
                    cella.fill = _FILL_SPENTO
                    cella.border = _BORDO
                    cella.font = _FONT_NOTA
                    cella.alignment = Alignment(vertical="top", shrink_to_fit=True)
                    continue
                if colonna is COLONNE_DICHIARATI[0]:
                    valore: Any = anno
                elif colonna is COL_CODICE:
                    valore = codice
                else:
                    valore = dichiarato.get(colonna.chiave[0])
                self._cella_input(cella, colonna, valore)
                if colonna.chiave[0] in CIFRE_DICHIARATE and isinstance(valore, Decimal | int):
                    # the decimals written are part of the figure: 66,20 shows as 66,20
                    cella.number_format = _formato_decimali(valore)
        for col, colonna in enumerate(COLONNE_DICHIARATI, start=1):
            lettera = get_column_letter(col)
            convalide.aggiungi(colonna, f"{lettera}{prima}:{lettera}{ultima}")
        for col, larghezza in enumerate((8, 34, 48, 14, 20, 12, 14, 11), start=1):
            ws.column_dimensions[get_column_letter(col)].width = larghezza
        _pagina(ws)

    # --- instructions -------------------------------------------------------------------

    def _istruzioni(self, ws: Worksheet) -> None:
        ws.column_dimensions["A"].width = 110
        righe: list[tuple[str, Font | None]] = [
            (f"Bilancio sociale {self.anno} — dati della cooperativa", _FONT_TITOLO),
            (
                "Cartella di lavoro per il bilancio sociale degli enti del Terzo settore e delle imprese sociali "
                "(Linee guida, DM 4 luglio 2019). Il programma «bilancio» ne legge i dati foglio per foglio e "
                "segnala ogni problema con il foglio e la cella.",
                None,
            ),
            ("", None),
            *(
                [
                    ("Ripreso dall'anno precedente", Font(bold=True, size=12)),
                    *((f"• {r}", None) for r in self.premessa),
                    ("", None),
                ]
                if self.premessa
                else []
            ),
            ("Come compilare", Font(bold=True, size=12)),
            (
                "• Un foglio per area: Ente, Anno (e metodologia), Soci, Governo, Persone, Attività e beneficiari, "
                "Economia, Altre informazioni, Anni precedenti, Cifre dichiarate.",
                None,
            ),
            (
                "• Scrivere solo nelle celle gialle. Le celle grigie non si usano. Le voci in grassetto sono "
                "obbligatorie quando si compila la parte del foglio che le contiene.",
                None,
            ),
            (
                "• Le righe blu sono i titoli delle parti di ogni foglio e le righe azzurre le intestazioni delle "
                "colonne: il programma le usa per ritrovare i dati, quindi non cambiarne il testo.",
                None,
            ),
            (
                "• Nei fogli a modulo la colonna «Valore» contiene il dato; «Note» spiega cosa scrivere "
                "(passare il mouse sulle intestazioni delle tabelle per la stessa spiegazione).",
                None,
            ),
            (
                "• Una voce prevista dalle linee guida che la cooperativa non ha si dichiara «non presente», con il "
                "motivo, nella colonna «Se la voce non è presente: motivo» (o nella riga «Voce non presente: motivo» "
                "di una tabella). Non lasciarla semplicemente vuota.",
                None,
            ),
            (
                "• Le tabelle (consiglio di amministrazione, assemblee, servizi, formazione, ricavi...) hanno una riga "
                "per elemento. Se le righe non bastano, inserire nuove righe dentro la tabella (tasto destro › "
                "Inserisci righe): gli elenchi a discesa si estendono da soli. Le righe vuote sono ignorate.",
                None,
            ),
            (
                "• Le tabelle dei beneficiari e degli output si riferiscono a un servizio: nella prima colonna "
                "scegliere il nome del servizio, scritto come nella tabella dei servizi.",
                None,
            ),
            (
                "• Importi in euro (es. 8924272,50), numeri interi per i conteggi, date come 31/12/2025, "
                "percentuali da 0 a 100. Dove c'è un elenco a discesa, scegliere un valore dall'elenco.",
                None,
            ),
            (f"• {REGOLA_TESTO}", None),
            (f"• {REGOLA_NUMERI}", None),
            (
                "• Un elenco di testi in una sola cella (standard, valori, punti all'ordine del giorno...) si scrive "
                "una voce per riga: Alt+Invio in Excel, Ctrl+Invio in LibreOffice.",
                None,
            ),
            (
                "• Totali, percentuali e variazioni sono calcolati dal programma: scriverli solo se compaiono nel "
                "documento pubblicato, e il programma li confronterà con i propri calcoli.",
                None,
            ),
            (
                "• Il foglio «Cifre dichiarate» elenca le cifre calcolate che il documento pubblicato stampa "
                "(quote, totali, medie, variazioni), una per riga: l'anno (quello di riferimento o uno "
                "precedente), il codice dell'indicatore scelto dall'elenco (la colonna «Indicatore» ne mostra "
                "il nome) e la cifra come è stampata, in «Valore» oppure, per una variazione, in «Variazione» "
                "o «Variazione %» con l'anno di confronto in «Rispetto a». «Base» serve solo dove la base è "
                "ambigua (es. il peso del costo del lavoro sul valore o sui costi della produzione).",
                None,
            ),
            (
                "• Il programma arrotonda la propria cifra ai decimali scritti (per eccesso da 5) e la "
                "confronta: 66,2 va bene per 66,197; 24,5 non va bene per 24,447, che arrotondato dà 24,4. "
                "Scrivere quindi i decimali come nel documento; una percentuale si scrive 66,2 oppure 66,2%.",
                None,
            ),
            (
                "• Le formule sono ammesse: conta il valore calcolato. Salvare il file con Excel o LibreOffice "
                "prima di usarlo, così il valore calcolato viene memorizzato.",
                None,
            ),
            (
                "• Il foglio «Ente» si compila solo se nella cartella della cooperativa non c'è il file ente.yaml.",
                None,
            ),
            (
                "• Il foglio «Anni precedenti» contiene i dati chiave degli anni che non hanno un file proprio, "
                "per i confronti: una colonna per anno e una riga per dato, indicato nella colonna «Voce» con "
                "le parti del foglio separate da › (es. «Situazione economico-finanziaria › Valore della "
                "produzione»).",
                None,
            ),
            ("", None),
            ("Controllo", Font(bold=True, size=12)),
            (
                "Salvare il file come ANNO.xlsx (es. 2025.xlsx) nella cartella della cooperativa ed eseguire "
                "«bilancio check CARTELLA»: ogni problema è indicato con foglio e cella (es. Soci!B7), e una "
                "voce mancante con la cella in cui scriverla o in cui scrivere il motivo dell'assenza.",
                None,
            ),
        ]
        for r, (testo, font) in enumerate(righe, start=1):
            c = ws.cell(r, 1, testo or None)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if font is not None:
                c.font = font
        _pagina(ws)


# --- helpers -------------------------------------------------------------------------------


def _adatta_altezze(ws: Worksheet) -> None:
    """Row heights for wrapped text (Excel and LibreOffice do not always recompute them)."""
    for riga in ws.iter_rows():
        linee = 1
        for cella in riga:
            if not isinstance(cella.value, str) or not cella.alignment.wrap_text:
                continue
            larghezza = ws.column_dimensions[cella.column_letter].width or 10
            per_riga = max(8, int(larghezza * (0.95 if cella.font.bold else 1.0)))
            n = sum(
                max(1, -(-len(parte) // per_riga)) for parte in cella.value.splitlines() or [""]
            )
            linee = max(linee, n)
        numero = riga[0].row
        if linee > 1 and numero is not None:
            ws.row_dimensions[numero].height = min(409, 15 * linee)


def _pagina(ws: Worksheet) -> None:
    """Print (and PDF export) one page wide, landscape, repeating the sheet's title rows."""
    _adatta_altezze(ws)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{RIGA_LEGENDA}"


def _formato_decimali(valore: Decimal | int) -> str:
    """The number format that shows ``valore`` with exactly the decimals it was written with."""
    esponente = valore.as_tuple().exponent if isinstance(valore, Decimal) else 0
    decimali = max(0, -esponente) if isinstance(esponente, int) else 0
    return "#,##0" + ("." + "0" * decimali if decimali else "")


def _prendi(dati: Any, percorso: tuple[Any, ...]) -> Any:
    for parte in percorso:
        if isinstance(dati, dict):
            dati = dati.get(parte)
        elif isinstance(dati, list) and isinstance(parte, int) and parte < len(dati):
            dati = dati[parte]
        else:
            return None
    return dati


def _valore_colonna(elemento: Any, colonna: Colonna) -> Any:
    valore = _prendi(elemento, colonna.chiave)
    if colonna.voce and isinstance(valore, dict) and "non_presente" in valore:
        return None  # the reason has its own column
    return valore


def _foglie(dati: Any, prefisso: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every scalar (or list of texts) in ``dati``."""
    if isinstance(dati, dict):
        for chiave, valore in dati.items():
            k = chiave.value if isinstance(chiave, Enum) else chiave
            yield from _foglie(valore, (*prefisso, k))
    elif isinstance(dati, list) and dati and all(isinstance(v, dict) for v in dati):
        for i, valore in enumerate(dati):
            yield from _foglie(valore, (*prefisso, i))
    elif dati is not None and dati != [] and dati != {}:
        yield prefisso


def _larghezza(colonna: Colonna, righe: list[list[Any]], indice: int) -> float:
    testi = [colonna.intestazione] + [
        str(in_cella(colonna, r[indice])) for r in righe if r[indice] is not None
    ]
    lunghezza = max(max(len(riga) for riga in t.splitlines()) if t.strip() else 0 for t in testi)
    if colonna.tipo in (EURO, INTERO, ANNO, NUMERO, PERCENTUALE, DATA, SINO):
        return max(12, min(lunghezza + 2, 22))
    return max(14, min(lunghezza + 2, 45))


def _normalizza(dati: Any) -> Any:
    """A model dump as plain data (enums kept: the writer shows their labels)."""
    if isinstance(dati, dict):
        return {(k.value if isinstance(k, Enum) else k): _normalizza(v) for k, v in dati.items()}
    if isinstance(dati, list):
        return [_normalizza(v) for v in dati]
    if isinstance(dati, dt.datetime):
        return dati.date()
    if isinstance(dati, float):
        return Decimal(repr(dati))
    return dati


def cartella(
    dati: dict[str, Any] | None, anno: int, righe_libere: int = 10, premessa: Sequence[str] = ()
) -> Workbook:
    """The workbook of a year: ``dati`` is a year's data (a model dump), ``None`` for a blank one.

    ``premessa``: lines the Istruzioni sheet shows first (what ``init --year`` carried over).
    """
    return _Scrittore(_normalizza(dati or {}), anno, righe_libere, premessa).cartella()


def cartella_bytes(
    dati: dict[str, Any] | None, anno: int, righe_libere: int = 10, premessa: Sequence[str] = ()
) -> bytes:
    buffer = io.BytesIO()
    cartella(dati, anno, righe_libere, premessa).save(buffer)
    return buffer.getvalue()
