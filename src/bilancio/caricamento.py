"""Load a cooperative's folder (or one year file) into typed models, collecting every problem.

Layout of a cooperative's folder::

    cosper/
      ente.yaml      informazioni generali (rarely change)
      2024.yaml      one file per reference year, named by the year
      2025.yaml
      2025.xbrl      optional: the deposited accounts, whose economic figures 2025.yaml
                     then takes (and reconciles with what it types)
      logo.png       anything the data points to (logo), inside the folder, checked by
                     its content when the folder is loaded (bilancio.immagini)

A year's earlier figures come from the earlier year's file when it exists, otherwise
from the ``anni_precedenti`` section of the year file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .errori import Gravita, InputIlleggibile, Posizione, Problema
from .immagini import ImmagineNonValida, leggi_logo
from .lettura import Origini, leggi, trova_posizione
from .lettura.origini import Letto
from .modello import Anno, AnnoPrecedente, Ente
from .validazione import campo, valida
from .xbrl.conti import ContiDepositati, confronta_precedente, unisci_conti

M = TypeVar("M", bound=BaseModel)

NOMI_ENTE = ("ente.yaml", "ente.yml")
FILE_ANNO = re.compile(r"^(\d{4})\.(yaml|yml|xlsx)$", re.IGNORECASE)


class Bilancio(BaseModel):
    """A validated reference year with its entity and the earlier years it is compared with."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    ente: Ente
    anno: Anno
    precedenti: dict[int, Anno | AnnoPrecedente] = Field(
        default_factory=dict, description="Earlier years, most recent first"
    )
    cartella: Path | None = None
    conti: dict[int, ContiDepositati] = Field(
        default_factory=dict, description="The deposited XBRL accounts beside a year file, by year"
    )

    @property
    def anni(self) -> list[int]:
        """Every year with data, oldest first (reference year last)."""
        return sorted([*self.precedenti, self.anno.anno])

    def dati(self, anno: int) -> Anno | AnnoPrecedente | None:
        if anno == self.anno.anno:
            return self.anno
        return self.precedenti.get(anno)

    @property
    def precedente(self) -> Anno | AnnoPrecedente | None:
        """The year before the reference year, if known."""
        return self.precedenti.get(self.anno.anno - 1)


@dataclass
class Luogo:
    """Maps a field of a given year to where it was written, for rule messages."""

    origini_ente: Origini = field(default_factory=dict)
    origini_anni: dict[int, tuple[Origini, tuple[Any, ...]]] = field(default_factory=dict)
    prefisso_ente: tuple[Any, ...] = ()

    def di(self, anno: int | None, *percorso: Any) -> Posizione | None:
        if anno is None:
            return trova_posizione(self.origini_ente, (*self.prefisso_ente, *percorso))
        origini, prefisso = self.origini_anni.get(anno, ({}, ()))
        return trova_posizione(origini, (*prefisso, *percorso))

    def esatta(self, anno: int | None, *percorso: Any) -> Posizione | None:
        """The place recorded for exactly this path (no ancestor), e.g. a workbook's reason cell."""
        if anno is None:
            return self.origini_ente.get((*self.prefisso_ente, *percorso))
        origini, prefisso = self.origini_anni.get(anno, ({}, ()))
        return origini.get((*prefisso, *percorso))

    def campo(self, anno: int | None, *percorso: Any) -> str:
        if anno is None:
            return campo((*self.prefisso_ente, *percorso))
        _, prefisso = self.origini_anni.get(anno, ({}, ()))
        return campo((*prefisso, *percorso))


@dataclass
class Parziale:
    """What validated of a reference year whose files have errors: the check runs the rules
    on it, so one round shows as much as it can. Never built into a report."""

    bilancio: Bilancio
    escluse: tuple[str, ...] = ()  # the year's top-level parts left out: their structure is wrong


@dataclass
class Caricato:
    """The outcome of loading: a model when the input is valid, and every problem met."""

    percorso: str
    anno: int | None = None
    bilancio: Bilancio | None = None
    problemi: list[Problema] = field(default_factory=list)
    file: list[str] = field(default_factory=list)
    leggibile: bool = True
    luogo: Luogo = field(default_factory=Luogo)
    parziale: Parziale | None = None


@dataclass
class Sorgente:
    cartella: Path
    ente: Path | None
    anni: dict[int, Path]
    scelto: Path | None = None


def individua(percorso: Path) -> Sorgente:
    """Find the entity file and the year files of a folder, or of the folder of one file."""
    if not percorso.exists():
        raise InputIlleggibile(f"Il percorso «{percorso}» non esiste.")
    if percorso.is_file():
        cartella, scelto = percorso.parent, percorso
        if percorso.suffix.lower() not in (".yaml", ".yml", ".xlsx"):
            raise InputIlleggibile(
                f"«{percorso}» non è un file di dati: attesi un file .yaml o .xlsx oppure la cartella della cooperativa."
            )
    else:
        cartella, scelto = percorso, None
    ente = next((cartella / n for n in NOMI_ENTE if (cartella / n).is_file()), None)
    anni: dict[int, Path] = {}
    doppi: dict[int, list[Path]] = {}
    for voce in sorted(cartella.iterdir()):
        m = FILE_ANNO.match(voce.name)
        if m and voce.is_file():
            anno = int(m.group(1))
            doppi.setdefault(anno, []).append(voce)
            anni.setdefault(anno, voce)
    for anno, files in doppi.items():
        if len(files) > 1:
            nomi = ", ".join(f.name for f in files)
            raise InputIlleggibile(
                f"Per l'anno {anno} ci sono più file ({nomi}): tenerne uno solo, YAML oppure XLSX."
            )
    if scelto is not None and scelto.name not in NOMI_ENTE:
        m = FILE_ANNO.match(scelto.name)
        if m:
            anni[int(m.group(1))] = scelto
    if scelto is None and not anni:
        raise InputIlleggibile(
            f"Nella cartella «{percorso}» non c'è nessun file dell'anno (es. 2025.yaml)."
        )
    return Sorgente(cartella=cartella, ente=ente, anni=anni, scelto=scelto)


@dataclass
class Letture:
    """Files read and validated once, shared by the loads of several years of one folder.

    Loading every year of a cooperative (the site does) reads each file once this way,
    instead of once per year that compares with it.
    """

    lette: dict[Path, Letto] = field(default_factory=dict)
    validate: dict[tuple[Path, str], tuple[Any, list[Problema]]] = field(default_factory=dict)

    def leggi(self, percorso: Path) -> Letto:
        if percorso not in self.lette:
            self.lette[percorso] = leggi(percorso, _nome(percorso))
        return self.lette[percorso]

    conti: dict[Path, tuple[Letto, ContiDepositati | None, list[Problema]]] = field(
        default_factory=dict
    )

    def leggi_anno(
        self, percorso: Path, anni_con_file: set[int]
    ) -> tuple[Letto, ContiDepositati | None, list[Problema]]:
        """A year file, with the figures of the deposited accounts beside it (``2025.xbrl``)."""
        letto = self.leggi(percorso)
        xbrl = percorso.with_suffix(".xbrl")
        m = FILE_ANNO.match(percorso.name)
        if not letto.leggibile or m is None or not xbrl.is_file():
            return letto, None, []
        if percorso not in self.conti:
            self.conti[percorso] = unisci_conti(letto, xbrl, int(m.group(1)), anni_con_file)
        return self.conti[percorso]

    def valida(
        self, modello: type[M], percorso: Path, letto: Letto
    ) -> tuple[M | None, list[Problema]]:
        chiave = (percorso, modello.__name__)
        if chiave not in self.validate:
            self.validate[chiave] = valida(modello, letto.dati, letto.origini)
        return self.validate[chiave]  # keyed by the model: its own type


def carica_tutti(percorso: str | Path) -> dict[int, Caricato]:
    """Every year of a cooperative's folder, each file read and validated once."""
    sorgente = individua(Path(percorso))
    letture = Letture()
    return {a: carica(percorso, a, letture=letture) for a in sorted(sorgente.anni)}


def carica(
    percorso: str | Path,
    anno: int | None = None,
    *,
    letture: Letture | None = None,
    ente_di_riserva: Ente | None = None,
) -> Caricato:
    """Read and validate a cooperative's reference year, with its entity and earlier years.

    Never raises for bad input: problems are collected in the result. Raises
    :class:`InputIlleggibile` only when there is nothing to read. ``ente_di_riserva`` is
    the entity to use when the folder has no ``ente.yaml`` and the year file no ``ente:``
    (`diff` of a draft file against a cooperative's year).
    """
    percorso = Path(percorso)
    sorgente = individua(percorso)
    esito = Caricato(percorso=str(percorso))
    letture = letture if letture is not None else Letture()

    if sorgente.scelto is not None and not FILE_ANNO.match(sorgente.scelto.name):
        if sorgente.scelto.name in NOMI_ENTE:
            raise InputIlleggibile(
                f"«{percorso}» è il file dell'ente: indicare un file dell'anno (es. 2025.yaml) o la cartella."
            )
        file_anno = sorgente.scelto  # a year file with any name: the year comes from its content
        anno_scelto = None
    else:
        if anno is None:
            if sorgente.scelto is not None:
                anno = int(FILE_ANNO.match(sorgente.scelto.name).group(1))  # type: ignore[union-attr]
            else:
                anno = max(sorgente.anni)
        if anno not in sorgente.anni:
            disponibili = ", ".join(str(a) for a in sorted(sorgente.anni)) or "nessuno"
            raise InputIlleggibile(
                f"Non c'è il file dell'anno {anno} (anni disponibili: {disponibili})."
            )
        file_anno = sorgente.anni[anno]
        anno_scelto = anno

    # --- the reference year ---------------------------------------------------------
    letto, conti, problemi_conti = letture.leggi_anno(file_anno, set(sorgente.anni))
    esito.file.append(_nome(file_anno))
    esito.problemi += letto.problemi + problemi_conti
    tutti_i_conti: dict[int, ContiDepositati] = {}
    if not letto.leggibile:
        esito.leggibile = False
        esito.anno = anno_scelto
        return esito
    if not isinstance(letto.dati, dict):
        esito.problemi.append(_radice_non_mappa(_nome(file_anno), letto.dati))
        esito.leggibile = False
        return esito
    modello_anno, problemi = letture.valida(Anno, file_anno, letto)
    esito.problemi += problemi
    della_struttura = {id(p) for p in problemi}  # the reference year's structure errors
    # the parts that validated, when others did not: the check's rules still run on them
    anno_parziale, escluse = (
        _anno_parziale(letto.dati) if modello_anno is None and problemi else (None, ())
    )
    numero = _anno_dichiarato(letto.dati, anno_scelto, file_anno, letto.origini, esito.problemi)
    esito.anno = numero
    if numero is not None:
        esito.luogo.origini_anni[numero] = (letto.origini, ())
        if conti is not None:
            tutti_i_conti[numero] = conti
            esito.file.append(conti.file)

    # --- the entity -----------------------------------------------------------------
    ente = _carica_ente(
        sorgente, letto.dati, letto.origini, modello_anno, esito, letture, ente_di_riserva
    )
    if ente is not None and ente.logo:
        esito.problemi += _controlla_logo(sorgente.cartella, ente.logo, esito.luogo)

    # --- earlier years: a year's own file first, then the newest file that states it --
    precedenti: dict[int, Anno | AnnoPrecedente] = {}
    fonti: dict[int, tuple[str, Origini, tuple[Any, ...]]] = {}  # year -> where it came from
    con_inline: list[tuple[str, Anno, Origini]] = []  # files with anni_precedenti, newest first
    anno_letto = modello_anno or anno_parziale
    if anno_letto is not None and numero is not None:
        con_inline.append((_nome(file_anno), anno_letto, letto.origini))
    precedente_non_valido = False  # an earlier year's file that does not validate
    if numero is not None:
        for anno_file in sorted((a for a in sorgente.anni if a < numero), reverse=True):
            percorso_file = sorgente.anni[anno_file]
            letto_prec, conti_prec, problemi_conti = letture.leggi_anno(
                percorso_file, set(sorgente.anni)
            )
            esito.file.append(_nome(percorso_file))
            esito.problemi += letto_prec.problemi + problemi_conti
            if conti_prec is not None:
                tutti_i_conti[anno_file] = conti_prec
                esito.file.append(conti_prec.file)
            if not letto_prec.leggibile or not isinstance(letto_prec.dati, dict):
                if letto_prec.leggibile:
                    esito.problemi.append(_radice_non_mappa(_nome(percorso_file), letto_prec.dati))
                precedente_non_valido = True
                continue
            modello_prec, problemi = letture.valida(Anno, percorso_file, letto_prec)
            esito.problemi += problemi
            if modello_prec is None:
                precedente_non_valido = True
            if modello_prec is not None:
                precedenti[anno_file] = modello_prec
                fonti[anno_file] = (_nome(percorso_file), letto_prec.origini, ())
                esito.luogo.origini_anni[anno_file] = (letto_prec.origini, ())
                con_inline.append((_nome(percorso_file), modello_prec, letto_prec.origini))
        for nome_file, modello, origini in con_inline:
            for anno_inline, dati_inline in modello.anni_precedenti.items():
                prefisso = ("anni_precedenti", anno_inline)
                if anno_inline >= modello.anno:
                    esito.problemi.append(
                        Problema(
                            codice="ANNI-PRECEDENTI",
                            gravita=Gravita.ERRORE,
                            messaggio=f"In «anni_precedenti» l'anno {anno_inline} non è precedente al {modello.anno}.",
                            posizione=trova_posizione(origini, prefisso, chiave=True),
                            campo=f"anni_precedenti.{anno_inline}",
                            trovato=str(anno_inline),
                            atteso=f"un anno prima del {modello.anno}",
                        )
                    )
                    continue
                if anno_inline in precedenti:
                    esito.problemi += _discordanze(
                        anno_inline, precedenti[anno_inline], fonti[anno_inline],
                        dati_inline, (nome_file, origini, prefisso),
                    )  # fmt: skip
                    continue
                precedenti[anno_inline] = dati_inline
                fonti[anno_inline] = (nome_file, origini, prefisso)
                esito.luogo.origini_anni[anno_inline] = (origini, prefisso)

    # the instance's comparative column against an earlier year's own file: restated figures
    if numero is not None and numero in tutti_i_conti:
        from .xbrl.mappa import cifre_anno

        conti_rif = tutti_i_conti[numero]
        for anno_prec in conti_rif.istanza.esercizi:
            if anno_prec < numero and anno_prec in sorgente.anni:
                cifre_prec, _ = cifre_anno(conti_rif.istanza, anno_prec)
                esito.problemi += confronta_precedente(
                    anno_prec, sorgente.anni[anno_prec], cifre_prec, conti_rif.istanza
                )

    if (
        modello_anno is not None
        and ente is not None
        and numero is not None
        and not _ha_errori(esito)
    ):
        esito.bilancio = Bilancio(
            ente=ente,
            anno=modello_anno,
            precedenti=dict(sorted(precedenti.items(), reverse=True)),
            cartella=sorgente.cartella,
            conti=tutti_i_conti,
        )
    elif (
        numero is not None
        and esito.leggibile
        and not precedente_non_valido
        and _solo_struttura(esito.problemi, della_struttura)
    ):
        # the rules run on what validated; not when an earlier year does not (every
        # comparison would be "missing"), nor when a reader dropped a value it could not
        # read (a workbook's cell, a duplicate key: its totals would not add up)
        anno_valido = anno_letto
        if ente is None and sorgente.ente is None and anno_valido is not None:
            ente = anno_valido.ente  # the entity written in the year file, if it validated
        if anno_valido is not None and ente is not None:
            esito.parziale = Parziale(
                Bilancio(
                    ente=ente,
                    anno=anno_valido,
                    precedenti=dict(sorted(precedenti.items(), reverse=True)),
                    cartella=sorgente.cartella,
                    conti=tutti_i_conti,
                ),
                escluse,
            )
    return esito


def _solo_struttura(problemi: list[Problema], della_struttura: set[int]) -> bool:
    """Are the errors only the reference year's structure errors (and a logo's)?"""
    return all(
        p.gravita is not Gravita.ERRORE or id(p) in della_struttura or p.codice == "LOGO"
        for p in problemi
    )


def _anno_parziale(dati: dict[str, Any]) -> tuple[Anno | None, tuple[str, ...]]:
    """The year without the top-level parts that fail validation, if the rest validates."""
    from pydantic import ValidationError

    dati = dict(dati)
    escluse: list[str] = []
    for _ in range(len(dati) + 1):
        try:
            return Anno.model_validate(dati), tuple(escluse)
        except ValidationError as exc:
            parti = {e["loc"][0] if e["loc"] else None for e in exc.errors(include_url=False)}
            if "anno" in parti or not parti <= set(dati):
                return None, ()  # the year as a whole, or a required part, is wrong
            for parte in sorted(str(p) for p in parti):
                dati.pop(parte)
                escluse.append(parte)
    return None, ()


def _foglie(valore: Any, percorso: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """The figures of a dumped model, by path (lists compared whole)."""
    if isinstance(valore, dict):
        for chiave, interno in valore.items():
            yield from _foglie(interno, (*percorso, chiave))
    elif valore is not None:
        yield percorso, valore


def _discordanze(
    anno: int,
    tenuto: Anno | AnnoPrecedente,
    fonte_tenuta: tuple[str, Origini, tuple[Any, ...]],
    altro: AnnoPrecedente,
    fonte_altra: tuple[str, Origini, tuple[Any, ...]],
) -> list[Problema]:
    """Warnings for each figure of ``anno`` that two sources state differently."""
    valori = dict(_foglie(tenuto.model_dump(mode="json", exclude_unset=True)))
    nome_tenuto, origini_tenute, prefisso_tenuto = fonte_tenuta
    nome_altro, origini_altre, prefisso_altro = fonte_altra
    dove_tenuto = nome_tenuto + (f" › anni_precedenti.{anno}" if prefisso_tenuto else "")
    out = []
    for percorso, valore in _foglie(altro.model_dump(mode="json", exclude_unset=True)):
        if percorso not in valori or valori[percorso] == valore:
            continue
        nome_campo = campo(percorso)
        posizione = trova_posizione(origini_tenute, (*prefisso_tenuto, *percorso))
        out.append(
            Problema(
                codice="ANNI-PRECEDENTI",
                gravita=Gravita.AVVISO,
                messaggio=(
                    f"Il dato {nome_campo} del {anno} è {valori[percorso]} in {dove_tenuto} "
                    f"e {valore} in {nome_altro} › anni_precedenti.{anno}: fa fede {dove_tenuto}."
                ),
                posizione=trova_posizione(origini_altre, (*prefisso_altro, *percorso)) or posizione,
                campo=f"anni_precedenti.{anno}.{nome_campo}",
                trovato=str(valore),
                atteso=str(valori[percorso]),
            )
        )
    return out


def _ha_errori(esito: Caricato) -> bool:
    return any(p.gravita is Gravita.ERRORE for p in esito.problemi)


def _nome(percorso: Path) -> str:
    return str(percorso)


def _radice_non_mappa(nome: str, dati: Any) -> Problema:
    return Problema(
        codice="SCHEMA",
        gravita=Gravita.ERRORE,
        messaggio="Il file deve contenere delle sezioni «chiave: valore» (es. «anno: 2025»)."
        if dati is not None
        else "Il file è vuoto.",
        posizione=Posizione(file=nome, riga=1, colonna=1),
        atteso="una sezione con chiavi e valori",
    )


def _anno_dichiarato(
    dati: dict[str, Any],
    anno_file: int | None,
    percorso: Path,
    origini: Origini,
    problemi: list[Problema],
) -> int | None:
    dichiarato = dati.get("anno")
    if not isinstance(dichiarato, int) or isinstance(dichiarato, bool):
        return anno_file
    if anno_file is not None and dichiarato != anno_file:
        problemi.append(
            Problema(
                codice="ANNO-FILE",
                gravita=Gravita.ERRORE,
                messaggio=f"Il file {percorso.name} dichiara «anno: {dichiarato}»: il nome del file e l'anno devono coincidere.",
                posizione=trova_posizione(origini, ("anno",)),
                campo="anno",
                trovato=str(dichiarato),
                atteso=str(anno_file),
            )
        )
    return dichiarato


def _controlla_logo(cartella: Path, logo: str, luogo: Luogo) -> list[Problema]:
    """The logo, checked by its content now, at its line, not when the PDF is printed."""
    try:
        leggi_logo(cartella, logo)
    except ImmagineNonValida as exc:
        return [
            Problema(
                codice="LOGO",
                gravita=Gravita.ERRORE,
                messaggio=str(exc),
                posizione=luogo.di(None, "logo"),
                campo=luogo.campo(None, "logo"),
                trovato=logo,
                atteso="un'immagine PNG, JPEG o SVG nella cartella della cooperativa",
            )
        ]
    return []


def _carica_ente(
    sorgente: Sorgente,
    dati_anno: dict[str, Any],
    origini_anno: Origini,
    modello_anno: Anno | None,
    esito: Caricato,
    letture: Letture,
    ente_di_riserva: Ente | None = None,
) -> Ente | None:
    if sorgente.ente is not None:
        if "ente" in dati_anno:
            esito.problemi.append(
                Problema(
                    codice="ENTE-DOPPIO",
                    gravita=Gravita.ERRORE,
                    messaggio=f"Le informazioni sull'ente sono sia in {sorgente.ente.name} sia nel file dell'anno: tenerle solo in {sorgente.ente.name}.",
                    posizione=trova_posizione(origini_anno, ("ente",), chiave=True),
                    campo="ente",
                )
            )
        letto = letture.leggi(sorgente.ente)
        esito.file.insert(0, _nome(sorgente.ente))
        esito.problemi += letto.problemi
        if not letto.leggibile:
            esito.leggibile = False
            return None
        if not isinstance(letto.dati, dict):
            esito.problemi.append(_radice_non_mappa(_nome(sorgente.ente), letto.dati))
            return None
        esito.luogo.origini_ente = letto.origini
        ente, problemi = letture.valida(Ente, sorgente.ente, letto)
        esito.problemi += problemi
        return ente
    if "ente" in dati_anno:
        esito.luogo.origini_ente = origini_anno
        esito.luogo.prefisso_ente = ("ente",)
        return modello_anno.ente if modello_anno is not None else None
    if ente_di_riserva is not None:
        return ente_di_riserva
    esito.problemi.append(
        Problema(
            codice="ENTE-MANCANTE",
            gravita=Gravita.ERRORE,
            messaggio=(
                "Mancano le informazioni generali sull'ente: creare il file ente.yaml nella cartella "
                "della cooperativa (o una sezione «ente:» nel file dell'anno)."
            ),
            posizione=Posizione(file=str(sorgente.cartella / "ente.yaml")),
            campo="ente",
            atteso="denominazione, codice fiscale, forma giuridica, tipo",
            riferimento="DM 4/7/2019 §6.2",
        )
    )
    return None
