"""``bilancio import FILE.xbrl DIR``: the deposited accounts into the year file.

The YAML file is updated in place with ruamel.yaml's round trip, so comments, order and
every other key stay as they are; a workbook gets the values written in the cells of its
Economia sheet. The previous financial year of the instance fills ``anni_precedenti``
when that year has no file of its own; when it has one, a figure the comparative column
states differently (a restated figure) is a warning naming both.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errori import Gravita, ImportazioneNonRiuscita, Posizione, Problema
from ..formato import euro
from ..lettura import leggi
from ..lettura.origini import campo
from ..scrittura import scrivi_atomico
from .conti import SINTESI, come_decimale, confronta_precedente, prendi, problema_xbrl
from .lettore import Istanza, XbrlNonValido, leggi_istanza
from .mappa import DaConti, cifre_anno

__all__ = ["ImportazioneNonRiuscita", "Importato", "importa"]

ESTENSIONI_ANNO = (".yaml", ".yml", ".xlsx")


@dataclass
class Importato:
    file: Path
    anno: int
    tipo: str
    scritte: int = 0  # figures written or changed
    precedenti: list[int] = field(default_factory=list)  # years written in anni_precedenti
    avvisi: list[Problema] = field(default_factory=list)


def _errore(messaggio: str, file: str, riga: int | None = None) -> ImportazioneNonRiuscita:
    return ImportazioneNonRiuscita(
        [
            Problema(
                codice="XBRL",
                gravita=Gravita.ERRORE,
                messaggio=messaggio,
                posizione=Posizione(file=file, riga=riga),
            )
        ]
    )


def _file_anno(cartella: Path, anno: int) -> Path | None:
    trovati = [
        cartella / f"{anno}{e}" for e in ESTENSIONI_ANNO if (cartella / f"{anno}{e}").is_file()
    ]
    if len(trovati) > 1:
        raise _errore(
            f"Per l'anno {anno} ci sono più file ({', '.join(t.name for t in trovati)}): "
            "tenerne uno solo.",
            str(cartella),
        )
    return trovati[0] if trovati else None


def _controlla_ente(istanza: Istanza, cartella: Path) -> None:
    ente = next((cartella / n for n in ("ente.yaml", "ente.yml") if (cartella / n).is_file()), None)
    if ente is None:
        return
    letto = leggi(ente)
    cf = letto.dati.get("codice_fiscale") if isinstance(letto.dati, dict) else None
    if cf is not None and str(cf).strip() != istanza.identificativo:
        raise _errore(
            f"L'istanza è dell'impresa con codice fiscale {istanza.identificativo}, ma in "
            f"{ente.name} il codice fiscale è {cf}: nessun file scritto.",
            istanza.file,
        )


def _voci(cifre: dict[tuple[str, ...], DaConti]) -> dict[tuple[str, ...], DaConti]:
    return {("economia", *p): c for p, c in cifre.items()}


def _sintesi(cifre: dict[tuple[str, ...], DaConti]) -> dict[tuple[str, ...], DaConti]:
    return {("economia", k): cifre[linea] for k, linea in SINTESI.items() if linea in cifre}


def _numero(valore: Decimal) -> int | float:
    return int(valore) if valore == valore.to_integral_value() else float(valore)


def importa(xbrl: Path, cartella: Path, anno: int | None = None) -> Importato:
    """Write the instance's economic figures into the year file of ``cartella``.

    Raises :class:`ImportazioneNonRiuscita` (nothing written) for an unreadable instance,
    another entity's instance, a missing financial year or an unreadable year file.
    """
    try:
        istanza = leggi_istanza(xbrl)
    except XbrlNonValido as exc:
        raise ImportazioneNonRiuscita([problema_xbrl(exc)]) from None
    if not cartella.is_dir():
        raise _errore(f"La cartella «{cartella}» non esiste.", str(cartella))
    anno = anno if anno is not None else istanza.anno_corrente
    if anno not in istanza.esercizi:
        anni = ", ".join(str(a) for a in istanza.esercizi)
        raise _errore(
            f"L'istanza non contiene l'esercizio {anno} (esercizi: {anni}).", istanza.file
        )
    _controlla_ente(istanza, cartella)

    avvisi = [
        Problema(
            codice="XBRL",
            gravita=Gravita.AVVISO,
            messaggio=a,
            posizione=Posizione(file=istanza.file),
        )
        for a in istanza.avvisi
    ]
    cifre, _ = cifre_anno(istanza, anno)
    if not cifre:
        raise _errore(
            f"L'istanza non contiene cifre del conto economico o del patrimonio netto per il {anno}.",
            istanza.file,
        )
    # the current year: every line of the statement and the key figures already written
    correnti = _voci(cifre)
    sintesi = _sintesi(cifre)
    # earlier years: into anni_precedenti when they have no file, compared when they do
    precedenti: dict[int, dict[tuple[str, ...], DaConti]] = {}
    for a in istanza.esercizi:
        if a >= anno:
            continue
        cifre_prec, _ = cifre_anno(istanza, a)
        proprio = _file_anno(cartella, a)
        if proprio is not None:
            avvisi += confronta_precedente(a, proprio, cifre_prec, istanza)
        elif cifre_prec:
            precedenti[a] = cifre_prec

    destinazione = _file_anno(cartella, anno) or cartella / f"{anno}.yaml"
    esito = Importato(file=destinazione, anno=anno, tipo=istanza.tipo, avvisi=avvisi)
    if destinazione.suffix.lower() == ".xlsx":
        _scrivi_xlsx(destinazione, correnti, sintesi, precedenti, esito)
    else:
        _scrivi_yaml(destinazione, anno, correnti, sintesi, precedenti, esito)
    return esito


# --- YAML: ruamel.yaml's round trip keeps comments, order, quoting -----------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML()  # round trip
    y.preserve_quotes = True
    y.width = 4096  # a rewritten block keeps each plain scalar on one line
    y.indent(mapping=2, sequence=2, offset=0)
    return y


def _scrivi_yaml(
    destinazione: Path,
    anno: int,
    correnti: dict[tuple[str, ...], DaConti],
    sintesi: dict[tuple[str, ...], DaConti],
    precedenti: dict[int, dict[tuple[str, ...], DaConti]],
    esito: Importato,
) -> None:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    y = _yaml()
    testo = destinazione.read_text(encoding="utf-8") if destinazione.exists() else ""
    try:
        doc = y.load(testo) if testo else None
    except YAMLError as exc:
        segno = getattr(exc, "problem_mark", None)
        raise _errore(
            "Il file dell'anno non è YAML valido: correggerlo prima di importare.",
            str(destinazione),
            segno.line + 1 if segno is not None else None,
        ) from None
    if doc is None:
        doc = CommentedMap()
        doc["anno"] = anno
        testo = ""
    if not isinstance(doc, dict):
        raise _errore("Il file dell'anno non contiene sezioni «chiave: valore».", str(destinazione))
    # the parts rewritten: the year's economia and each earlier year's; the rest of the
    # text is kept byte for byte (ruamel.yaml would re-fold long lines elsewhere)
    parti = [("economia",), *(("anni_precedenti", a, "economia") for a in sorted(precedenti))]
    luoghi = [_luogo(doc, parte, testo) for parte in parti]

    def nodo(radice: Any, percorso: tuple[Any, ...], luogo: str) -> Any:
        for parte in percorso:
            interno = radice.get(parte)
            if interno is None:
                interno = CommentedMap()
                radice[parte] = interno
            if not isinstance(interno, dict) or "non_presente" in interno:
                esito.avvisi.append(
                    Problema(
                        codice="XBRL",
                        gravita=Gravita.AVVISO,
                        messaggio=f"«{luogo}» è dichiarato non presente o non è una sezione: "
                        "le cifre dell'istanza per questa parte non sono state scritte.",
                        posizione=Posizione(file=str(destinazione)),
                    )
                )
                return None
            radice = interno
        return radice

    def metti(
        radice: Any, percorso: tuple[Any, ...], valore: Decimal, solo_se_presente: bool
    ) -> None:
        genitore = nodo(radice, percorso[:-1], campo(percorso[:-1]))
        if genitore is None:
            return
        chiave = percorso[-1]
        attuale = genitore.get(chiave)
        if attuale is None and solo_se_presente:
            return
        if attuale is not None and come_decimale(attuale) == valore:
            return
        genitore[chiave] = _numero(valore)
        esito.scritte += 1

    for percorso, c in correnti.items():
        metti(doc, percorso, c.valore, False)
    for percorso, c in sintesi.items():
        metti(doc, percorso, c.valore, True)
    for a, cifre in sorted(precedenti.items(), reverse=True):
        base = nodo(doc, ("anni_precedenti", a), f"anni_precedenti.{a}")
        if base is None:
            continue
        for percorso, c in {**_voci(cifre), **_sintesi(cifre)}.items():
            scritto = prendi(base, percorso)
            if scritto is not None and not isinstance(scritto, dict):
                if come_decimale(scritto) != c.valore:
                    esito.avvisi.append(
                        Problema(
                            codice="XBRL-RIESPOSTO",
                            gravita=Gravita.AVVISO,
                            messaggio=(
                                f"anni_precedenti.{a}.{campo(percorso)}: {euro(come_decimale(scritto))} "
                                f"nel file, {euro(c.valore)} nella colonna dell'esercizio precedente "
                                f"dell'istanza ({c.origine}): il dato scritto non è stato cambiato."
                            ),
                            posizione=Posizione(file=str(destinazione)),
                        )
                    )
                continue
            if percorso in _sintesi(cifre):
                continue  # the key figures follow from the statement: not repeated
            metti(base, percorso, c.valore, False)
        esito.precedenti.append(a)

    if not testo:
        buffer = io.StringIO()
        y.dump(doc, buffer)
        scrivi_atomico(destinazione, buffer.getvalue().encode("utf-8"))
        return
    righe = testo.splitlines(keepends=True)
    if righe and not righe[-1].endswith("\n"):
        righe[-1] += "\n"
    for inizio, fine, colonna, radice in sorted(luoghi, key=lambda luogo: -luogo[0]):
        nodo_dopo = prendi(doc, radice[:-1])
        chiave = radice[-1]
        if not isinstance(nodo_dopo, dict) or chiave not in nodo_dopo:
            continue
        parziale = CommentedMap()
        parziale[chiave] = nodo_dopo[chiave]
        buffer = io.StringIO()
        y.dump(parziale, buffer)
        nuove = [
            (" " * colonna + riga) if riga.strip() else riga
            for riga in buffer.getvalue().splitlines(keepends=True)
        ]
        righe[inizio:fine] = nuove
    scrivi_atomico(destinazione, "".join(righe).encode("utf-8"))


def _luogo(doc: Any, parte: tuple[Any, ...], testo: str) -> tuple[int, int, int, tuple[Any, ...]]:
    """Where ``parte`` is written, or where it goes: (first line, end line, indent, the key
    path rewritten there). Found before any change, from ruamel.yaml's line records."""
    fine = len(testo.splitlines())
    nodo = doc
    colonna = 0
    for i, chiave in enumerate(parte):
        chiavi = list(nodo.keys()) if isinstance(nodo, dict) else []
        if chiave not in chiavi:
            # missing: inserted at the end of its parent, indented as the parent's keys
            if chiavi and not getattr(getattr(nodo, "fa", None), "flow_style", False):
                colonna = nodo.lc.key(chiavi[0])[1]
                return fine, fine, colonna, parte[: i + 1]
            if i == 0:
                return fine, fine, 0, parte[:1]
            # an empty or flow parent: rewritten whole
            return _luogo(doc, parte[:i], testo)[:3] + (parte[:i],)
        j = chiavi.index(chiave)
        inizio, colonna = nodo.lc.key(chiave)
        if j + 1 < len(chiavi):
            fine = nodo.lc.key(chiavi[j + 1])[0]
        valore = nodo[chiave]
        if i + 1 < len(parte) and (
            not isinstance(valore, dict)
            or getattr(getattr(valore, "fa", None), "flow_style", False)
        ):
            return inizio, fine, colonna, parte[: i + 1]
        nodo = valore
    return inizio, fine, colonna, parte


# --- XLSX: the values of the Economia sheet, cell by cell ---------------------------------

# parts openpyxl does not carry over (the comments' own VML drawings it rewrites itself)
_PARTI_PERSE = ("xl/drawings/drawing", "xl/charts/", "xl/media/", "xl/diagrams/")


def _scrivi_xlsx(
    destinazione: Path,
    correnti: dict[tuple[str, ...], DaConti],
    sintesi: dict[tuple[str, ...], DaConti],
    precedenti: dict[int, dict[tuple[str, ...], DaConti]],
    esito: Importato,
) -> None:
    from openpyxl import load_workbook

    from ..foglio.cartella import COL_ETICHETTA, COL_VALORE
    from ..foglio.layout import Modulo, fogli

    try:
        with zipfile.ZipFile(destinazione) as z:
            perse = sorted({p for n in z.namelist() for p in _PARTI_PERSE if n.startswith(p)})
        wb = load_workbook(destinazione)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _errore(
            f"La cartella di lavoro non si può aprire ({exc}).", str(destinazione)
        ) from None
    if perse:
        esito.avvisi.append(
            Problema(
                codice="XBRL-XLSX",
                gravita=Gravita.AVVISO,
                messaggio=(
                    "La cartella di lavoro contiene disegni, grafici o immagini "
                    f"({', '.join(perse)}): openpyxl non li conserva e nel file riscritto "
                    "non ci sono più. Tenere una copia dell'originale."
                ),
                posizione=Posizione(file=str(destinazione)),
            )
        )
    spec = next(f for f in fogli() if f.nome == "Economia")
    if spec.nome not in wb.sheetnames:
        raise _errore("La cartella di lavoro non ha il foglio «Economia».", str(destinazione))
    ws = wb[spec.nome]
    # the rows: heading of each form, then one row per field (found by label)
    righe: dict[tuple[Any, ...], int] = {}
    moduli = {m.titolo.strip(): m for m in spec.blocchi if isinstance(m, Modulo)}
    attuale: Modulo | None = None
    for r in range(1, ws.max_row + 1):
        testo = ws.cell(r, COL_ETICHETTA).value
        if not isinstance(testo, str):
            continue
        testo = testo.strip()
        if testo in moduli:
            attuale = moduli[testo]
            continue
        if attuale is not None:
            for c in attuale.campi:
                if c.intestazione.strip() == testo:
                    righe.setdefault((*attuale.percorso, *c.chiave), r)
    mancanti: list[str] = []
    for percorso, da_conti in {**correnti, **sintesi}.items():
        n_riga = righe.get(percorso)
        if n_riga is None:
            mancanti.append(campo(percorso))
            continue
        cella = ws.cell(n_riga, COL_VALORE)
        if percorso in sintesi and percorso not in correnti and cella.value in (None, ""):
            continue  # a key figure not typed: it follows from the statement
        if cella.value not in (None, "") and come_decimale(cella.value) == da_conti.valore:
            continue
        cella.value = _numero(da_conti.valore)
        esito.scritte += 1
    if mancanti:
        esito.avvisi.append(
            Problema(
                codice="XBRL-XLSX",
                gravita=Gravita.AVVISO,
                messaggio="Righe non trovate nel foglio Economia, cifre non scritte: "
                + ", ".join(mancanti)
                + ". Ricreare il modello con «bilancio init» o «bilancio convert».",
                posizione=Posizione(file=str(destinazione), foglio="Economia"),
            )
        )
    if precedenti:
        _precedenti_xlsx(wb, destinazione, precedenti, esito)
    buffer = io.BytesIO()
    wb.save(buffer)
    scrivi_atomico(destinazione, buffer.getvalue())


def _precedenti_xlsx(
    wb: Any,
    destinazione: Path,
    precedenti: dict[int, dict[tuple[str, ...], DaConti]],
    esito: Importato,
) -> None:
    """The previous-year column into the «Anni precedenti» sheet: one column per year, one
    row per field (found by its «Campo»; added at the bottom when missing)."""
    from ..foglio.layout import FOGLIO_PRECEDENTI, etichetta_percorso, percorso_da_etichetta
    from ..foglio.valori import percorso_da_testo, percorso_testo

    if FOGLIO_PRECEDENTI not in wb.sheetnames:
        esito.avvisi.append(
            Problema(
                codice="XBRL-XLSX",
                gravita=Gravita.AVVISO,
                messaggio=f"La cartella di lavoro non ha il foglio «{FOGLIO_PRECEDENTI}»: le cifre "
                f"degli anni {', '.join(str(a) for a in sorted(precedenti))} non sono scritte.",
                posizione=Posizione(file=str(destinazione)),
            )
        )
        return
    ws = wb[FOGLIO_PRECEDENTI]
    intestazione = next(
        (
            r
            for r in range(1, ws.max_row + 1)
            if str(ws.cell(r, 1).value or "").strip().lower() == "voce"
        ),
        None,
    )
    if intestazione is None:
        return
    # workbooks before labels-only rows have a «Campo» column of data paths
    con_campo = str(ws.cell(intestazione, 2).value or "").strip().lower() == "campo"
    prima = 3 if con_campo else 2
    colonne: dict[int, int] = {}
    ultima = prima - 1
    for col in range(prima, ws.max_column + 1):
        v = ws.cell(intestazione, col).value
        if v is not None and str(v).strip():
            ultima = col
            testo = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
            if testo.isdigit():
                colonne[int(testo)] = col
    righe: dict[tuple[Any, ...], int] = {}
    for r in range(intestazione + 1, ws.max_row + 1):
        testo = ws.cell(r, 2 if con_campo else 1).value
        if isinstance(testo, str) and testo.strip():
            trovato = percorso_da_testo(testo) if con_campo else percorso_da_etichetta(testo)
            if trovato is not None:
                righe.setdefault(trovato, r)
    fine = max(
        [intestazione]
        + [r for r in range(intestazione + 1, ws.max_row + 1) if ws.cell(r, 1).value is not None]
        + list(righe.values())
    )
    for a, cifre in sorted(precedenti.items(), reverse=True):
        if a not in colonne:
            ultima += 1
            colonne[a] = ultima
            ws.cell(intestazione, ultima, a)
        col = colonne[a]
        for percorso, c in _voci(cifre).items():
            chiave = etichetta_percorso(percorso)
            trovata = righe.get(percorso)
            if trovata is None:
                fine += 1
                r = righe[percorso] = fine
                ws.cell(r, 1, chiave)
                if con_campo:
                    ws.cell(r, 2, percorso_testo(percorso))
            else:
                r = trovata
            cella = ws.cell(r, col)
            if cella.value not in (None, ""):
                if come_decimale(cella.value) != c.valore:
                    esito.avvisi.append(
                        Problema(
                            codice="XBRL-RIESPOSTO",
                            gravita=Gravita.AVVISO,
                            messaggio=(
                                f"{chiave} {a}: {euro(come_decimale(cella.value))} nel foglio, "
                                f"{euro(c.valore)} nella colonna dell'esercizio precedente "
                                f"dell'istanza ({c.origine}): il dato scritto non è stato cambiato."
                            ),
                            posizione=Posizione(
                                file=str(destinazione),
                                foglio=FOGLIO_PRECEDENTI,
                                cella=cella.coordinate,
                            ),
                        )
                    )
                continue
            cella.value = _numero(c.valore)
            esito.scritte += 1
        esito.precedenti.append(a)
