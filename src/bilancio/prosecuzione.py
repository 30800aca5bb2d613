"""Starting the next year from the previous one (``bilancio init CARTELLA --year 2026``).

What rarely changes is carried over: the entity (when the workbook holds it), the board and
the control body, stakeholders and collaborations, the services with their descriptions,
the collective agreement, the methodology's standards, every text of last year. What
belongs to the year is cleared: every figure (counts, amounts, percentages) is left empty,
so each is re-entered or confirmed, and the year's events (assemblies, training, the
approval, the monitoring, other information, declared figures) start blank. Last year's
objectives for the next year become this year's objectives, their outcome to be given.

Last year's file stays where it is, so its figures are there for the deltas: nothing is
copied into ``anni_precedenti``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from .caricamento import FILE_ANNO
from .conversione import dati_impostati, leggi_anno
from .errori import AnnoGiaPresente as AnnoGiaPresente  # its old import path

# year-specific parts, left out of the new year: (path, what it is, in words)
DELL_ANNO: tuple[tuple[tuple[str, ...], str], ...] = (
    (("data_riferimento",), "data di riferimento"),
    (("metodologia", "cambiamenti"), "cambiamenti di metodo"),
    (("metodologia", "approvazione"), "approvazione del bilancio sociale"),
    (("metodologia", "premessa"), "premessa"),
    (("governo", "assemblee"), "assemblee"),
    (("persone", "formazione"), "attività di formazione"),
    (("attivita", "obiettivi"), "obiettivi dell'anno e loro esito"),
    (("attivita", "obiettivi_prossimo_anno"), "obiettivi per l'anno successivo"),
    (("attivita", "attivita_esterne"), "attività esterne"),
    (("altre_informazioni",), "altre informazioni"),
    (("monitoraggio",), "monitoraggio dell'organo di controllo"),
    (("dichiarati",), "cifre dichiarate"),
    (("anni_precedenti",), "anni precedenti (l'anno scorso ha il suo file)"),
)

# what is carried over, in words, for the new file's comments or Istruzioni (path, label)
PORTATI: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ente",), "informazioni generali sull'ente (anagrafica, attività statutarie, reti)"),
    (("metodologia",), "metodologia: standard, modalità di redazione, destinatari, diffusione"),
    (("governo", "sistema_di_governo"), "sistema di governo"),
    (("governo", "consiglio_amministrazione"), "consiglio di amministrazione (componenti)"),
    (("governo", "organo_controllo"), "organo di controllo"),
    (("governo", "stakeholder"), "stakeholder e modalità di coinvolgimento"),
    (("governo", "collaborazioni"), "collaborazioni"),
    (("persone", "contratto_collettivo"), "contratto collettivo (CCNL)"),
    (("persone", "retribuzioni"), "struttura delle retribuzioni"),
    (("attivita", "servizi"), "servizi e progetti, con le loro descrizioni"),
    (
        ("attivita", "obiettivi"),
        "obiettivi (erano gli obiettivi per quest'anno; esito da indicare)",
    ),
    (("attivita", "dimensioni_valore"), "dimensioni di valore"),
    (("attivita", "rischi"), "fattori di rischio"),
)

# texts of a service that tell last year's story, not what the service is
_ESITI_SERVIZIO = ("esiti",)


@dataclass
class Prosecuzione:
    """The new year's data, where it came from and what was carried over or cleared."""

    anno: int
    da: Path
    dati: dict[str, Any]
    portati: list[str] = field(default_factory=list)
    tolti: list[str] = field(default_factory=list)
    cifre_svuotate: int = 0


def anni_della_cartella(cartella: Path) -> dict[int, Path]:
    """The year files of a cooperative's folder, by year."""
    anni: dict[int, Path] = {}
    if not cartella.is_dir():
        return anni
    for p in sorted(cartella.iterdir()):
        m = FILE_ANNO.match(p.name)
        if m and p.is_file():
            anni[int(m.group(1))] = p
    return anni


def precedente(cartella: Path, anno: int) -> Path | None:
    """The latest year file of ``cartella`` before ``anno`` (None when there is none)."""
    prima = [a for a in anni_della_cartella(cartella) if a < anno]
    return anni_della_cartella(cartella)[max(prima)] if prima else None


def _svuota(valore: Any, contatore: list[int]) -> Any:
    """Every figure of ``valore`` emptied (None); texts, dates, choices and yes/no kept."""
    if isinstance(valore, dict):
        return {k: _svuota(v, contatore) for k, v in valore.items()}
    if isinstance(valore, list):
        return [_svuota(v, contatore) for v in valore]
    if isinstance(valore, (Enum, bool, str, dt.date)) or valore is None:
        return valore
    if isinstance(valore, (int, float, Decimal)):
        contatore[0] += 1
        return None
    return valore


def _prendi(dati: dict[str, Any], percorso: tuple[str, ...]) -> Any:
    for chiave in percorso:
        if not isinstance(dati, dict) or chiave not in dati:
            return None
        dati = dati[chiave]
    return dati


def _togli(dati: dict[str, Any], percorso: tuple[str, ...]) -> bool:
    *sopra, ultima = percorso
    contenitore = _prendi(dati, tuple(sopra)) if sopra else dati
    if isinstance(contenitore, dict) and ultima in contenitore:
        del contenitore[ultima]
        return True
    return False


def prosegui(sorgente: Path, anno: int) -> Prosecuzione:
    """The data of ``anno`` started from the year file ``sorgente`` (an earlier year)."""
    vecchio = leggi_anno(sorgente)
    dati = dati_impostati(vecchio)
    prossimi = _prendi(dati, ("attivita", "obiettivi_prossimo_anno"))
    tolti = [testo for percorso, testo in DELL_ANNO if _togli(dati, percorso)]
    if prossimi:
        dati["attivita"]["obiettivi"] = [
            {k: v for k, v in o.items() if k not in ("esito", "motivazione")} for o in prossimi
        ]
    servizi = _prendi(dati, ("attivita", "servizi"))
    if isinstance(servizi, list):
        for servizio in servizi:
            for chiave in _ESITI_SERVIZIO:
                if isinstance(servizio, dict):
                    servizio.pop(chiave, None)
    contatore = [0]
    # the entity (a workbook's Ente sheet) has no figures of the year: a year of joining stays
    dati = {k: v if k == "ente" else _svuota(v, contatore) for k, v in dati.items()}
    dati["anno"] = anno
    portati = [
        testo for percorso, testo in PORTATI if _prendi(dati, percorso) not in (None, [], {})
    ]
    return Prosecuzione(
        anno=anno,
        da=sorgente,
        dati=dati,
        portati=portati,
        tolti=tolti,
        cifre_svuotate=contatore[0],
    )


def istruzioni(p: Prosecuzione) -> list[str]:
    """What the new file says about itself: carried over, cleared, what to do."""
    righe = [
        f"Bilancio sociale {p.anno}, avviato dal {p.da.name} con «bilancio init --year {p.anno}».",
        "Ripresi dall'anno precedente (da verificare e aggiornare): "
        + ("; ".join(p.portati) if p.portati else "nulla")
        + ".",
        f"Cifre svuotate: {p.cifre_svuotate} (conteggi, importi, percentuali): ognuna va "
        "scritta di nuovo o confermata; «bilancio check CARTELLA» indica quelle da compilare.",
    ]
    if p.tolti:
        righe.append("Da compilare da capo, perché riguardano l'anno: " + "; ".join(p.tolti) + ".")
    righe.append(
        f"Le cifre del {p.da.stem} restano nel suo file ({p.da.name}) e servono per le variazioni."
    )
    return righe
