"""A year's deposited accounts next to its data file: ``2025.xbrl`` beside ``2025.yaml``.

The economic figures of the year come from the instance. A figure also typed in the YAML
or workbook is reconciled: when the two differ the instance's value is used and the
difference is kept (:class:`Discordanza`) for the rule XBRL-RICONCILIAZIONE, which reports
both values, the element, its context and period, and the line or cell typed. The
previous financial year of the instance fills ``anni_precedenti`` when that year has no
file of its own (figures typed there are reconciled the same way).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic_core import core_schema

from ..errori import Gravita, Posizione, Problema, XbrlNonValido
from ..formato import euro
from ..lettura import leggi
from ..lettura.origini import Letto, Origini, campo, trova_posizione
from ..modello.comuni import _decimale

# the instance's reader and its map (XML, defusedxml) are imported when a year has its
# .xbrl file: a folder without one (most, and every `check` of them) never loads them
if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

    from .lettore import Istanza
    from .mappa import DaConti

__all__ = [
    "ContiDepositati",
    "Discordanza",
    "SINTESI",
    "come_decimale",
    "confronta_precedente",
    "problema_xbrl",
    "unisci_conti",
]

_CE = ("conto_economico",)
# the flat key figures of ``economia`` that are lines of the statement (see VOCI_SINTESI)
SINTESI: dict[str, tuple[str, ...]] = {
    "valore_produzione": (*_CE, "valore_produzione", "totale"),
    "ricavi_vendite_prestazioni": (*_CE, "valore_produzione", "ricavi_vendite_prestazioni"),
    "contributi_conto_esercizio": (
        *_CE,
        "valore_produzione",
        "altri_ricavi_proventi",
        "contributi_conto_esercizio",
    ),
    "costi_servizi": (*_CE, "costi_produzione", "servizi"),
    "costi_produzione": (*_CE, "costi_produzione", "totale"),
    "costo_personale": (*_CE, "costi_produzione", "personale", "totale"),
    "risultato_gestione": (*_CE, "differenza_valore_costi"),
    "risultato_esercizio": (*_CE, "utile_perdita_esercizio"),
}


@dataclass(frozen=True)
class Discordanza:
    """A figure typed in the data file that the deposited instance states differently."""

    anno: int
    percorso: tuple[Any, ...]  # in the year file's data (``economia`` ... or ``anni_precedenti``)
    scritto: Any
    posizione: Posizione | None
    conti: DaConti
    file_xbrl: str


@dataclass
class ContiDepositati:
    file: str
    istanza: Istanza
    anni: dict[int, dict[tuple[str, ...], DaConti]] = field(default_factory=dict)
    discordanze: list[Discordanza] = field(default_factory=list)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, sorgente: Any, gestore: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # a field of Bilancio that the loader fills with what it read, never from input:
        # pydantic checks it is one, without a schema of the whole instance (fact by fact)
        return core_schema.is_instance_schema(cls)


def problema_xbrl(errore: XbrlNonValido) -> Problema:
    return Problema(
        codice="XBRL",
        gravita=Gravita.ERRORE,
        messaggio=errore.messaggio,
        posizione=Posizione(file=errore.file, riga=errore.riga),
    )


def come_decimale(valore: Any) -> Decimal | None:
    try:
        return Decimal(str(_decimale(valore)))
    except (InvalidOperation, ValueError):
        return None


def prendi(dati: Any, percorso: tuple[Any, ...]) -> Any:
    """The value at ``percorso`` in nested mappings, ``None`` where the path stops."""
    for parte in percorso:
        if not isinstance(dati, dict):
            return None
        dati = dati.get(parte)
    return dati


def _metti(dati: dict[Any, Any], percorso: tuple[Any, ...], valore: Any) -> bool:
    """Set a value, creating mappings on the way; False when a non-mapping is in the way
    (e.g. ``patrimonio: {non_presente: ...}`` stays as written)."""
    for parte in percorso[:-1]:
        interno = dati.get(parte)
        if interno is None:
            interno = dati[parte] = {}
        if not isinstance(interno, dict) or "non_presente" in interno:
            return False
        dati = interno
    dati[percorso[-1]] = valore
    return True


def _applica(
    dati: dict[Any, Any],
    origini: Origini,
    prefisso: tuple[Any, ...],
    anno: int,
    cifre: dict[tuple[str, ...], DaConti],
    esito: ContiDepositati,
) -> None:
    economia = (*prefisso, "economia")
    per_percorso = dict(cifre)
    per_percorso.update(
        {(chiave,): cifre[linea] for chiave, linea in SINTESI.items() if linea in cifre}
    )
    for percorso, da_conti in per_percorso.items():
        completo = (*economia, *percorso)
        scritto = prendi(dati, completo)
        if scritto is not None and not isinstance(scritto, dict):
            valore = come_decimale(scritto)
            if valore is None or valore != da_conti.valore:
                esito.discordanze.append(
                    Discordanza(
                        anno,
                        completo,
                        scritto,
                        trova_posizione(origini, completo),
                        da_conti,
                        esito.file,
                    )
                )
            else:
                continue
        if percorso in cifre or scritto is not None:
            _metti(dati, completo, da_conti.valore)


def confronta_precedente(
    anno: int, file: Path, cifre: dict[tuple[str, ...], DaConti], istanza: Istanza
) -> list[Problema]:
    """Warnings for figures of an earlier year's own file that the comparative column restates."""
    letto = leggi(file)
    if not letto.leggibile or not isinstance(letto.dati, dict):
        return []
    out = []
    voci = {("economia", *p): c for p, c in cifre.items()}
    voci.update({("economia", k): cifre[linea] for k, linea in SINTESI.items() if linea in cifre})
    for percorso, c in voci.items():
        scritto = prendi(letto.dati, percorso)
        if scritto is None or isinstance(scritto, dict):
            continue
        if come_decimale(scritto) == c.valore:
            continue
        pos = trova_posizione(letto.origini, percorso)
        out.append(
            Problema(
                codice="XBRL-RIESPOSTO",
                gravita=Gravita.AVVISO,
                messaggio=(
                    f"{campo(percorso)} {anno}: {euro(come_decimale(scritto))} in {pos or file.name}, "
                    f"ma {euro(c.valore)} nella colonna dell'esercizio precedente di {istanza.file}: "
                    f"{c.origine}. Il file del {anno} non è stato modificato: se la cifra è stata "
                    "riesposta, aggiornarlo."
                ),
                posizione=pos or Posizione(file=str(file)),
                campo=campo(percorso),
                trovato=euro(come_decimale(scritto)),
                atteso=euro(c.valore),
            )
        )
    return out


def unisci_conti(
    letto: Letto, xbrl: Path, anno: int, anni_con_file: set[int]
) -> tuple[Letto, ContiDepositati | None, list[Problema]]:
    """The year file's data with the instance's economic figures, and what was met."""
    from .lettore import leggi_istanza
    from .mappa import cifre_anno

    try:
        istanza = leggi_istanza(xbrl, str(xbrl))
    except XbrlNonValido as exc:
        return letto, None, [problema_xbrl(exc)]
    problemi = [
        Problema(
            codice="XBRL", gravita=Gravita.AVVISO, messaggio=a, posizione=Posizione(file=str(xbrl))
        )
        for a in istanza.avvisi
    ]
    if anno not in istanza.esercizi or not isinstance(letto.dati, dict):
        anni = ", ".join(str(a) for a in istanza.esercizi)
        problemi.append(
            Problema(
                codice="XBRL",
                gravita=Gravita.ERRORE,
                messaggio=f"L'istanza {xbrl.name} non contiene l'esercizio {anno} (esercizi: {anni}).",
                posizione=Posizione(file=str(xbrl)),
            )
        )
        return letto, None, problemi
    esito = ContiDepositati(file=str(xbrl), istanza=istanza)
    dati = copy.deepcopy(letto.dati)
    for a in istanza.esercizi:
        if a != anno and (a > anno or a in anni_con_file):
            continue
        cifre, _ = cifre_anno(istanza, a)
        esito.anni[a] = cifre
        prefisso: tuple[Any, ...] = () if a == anno else ("anni_precedenti", a)
        _applica(dati, letto.origini, prefisso, a, cifre, esito)
    unito = Letto(
        dati=dati, origini=letto.origini, problemi=letto.problemi, leggibile=letto.leggibile
    )
    return unito, esito, problemi
