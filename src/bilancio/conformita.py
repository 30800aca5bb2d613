"""The conformity table: every item DM 4 luglio 2019 §6 asks for, and how the data covers it.

An item is *presente* (the data holds it), *dichiarata assente* (``non_presente: motivo``)
or *mancante* (silence, which the guidelines do not allow: a warning in `check`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .caricamento import Bilancio
from .errori import Gravita, Problema, StatoVoce, VoceConformita
from .modello import Anno, Ente, NonPresente, presente
from .modello.annotazioni import percorre, tipi
from .modello.ente import RAMO_B
from .regole.base import Contesto, regola


@dataclass(frozen=True)
class VoceDM:
    codice: str
    sezione: int
    titolo: str
    percorso: tuple[str, ...]  # from the year (or from the entity when ``ente``)
    ente: bool = False
    solo_tipo_b: bool = False
    solo_impresa_sociale: bool = False
    solo_con_volontari: bool = False  # only when the year has volunteers


VOCI_DM: tuple[VoceDM, ...] = (
    VoceDM("1.1", 1, "Standard di rendicontazione utilizzati", ("metodologia", "standard")),
    VoceDM("1.2", 1, "Cambiamenti di perimetro o di metodo", ("metodologia", "cambiamenti")),
    VoceDM("1.3", 1, "Modalità di approvazione", ("metodologia", "approvazione")),
    VoceDM("1.4", 1, "Modalità di pubblicazione e diffusione", ("metodologia", "diffusione")),
    VoceDM("2.1", 2, "Nome dell'ente", ("denominazione",), ente=True),
    VoceDM("2.2", 2, "Codice fiscale", ("codice_fiscale",), ente=True),
    VoceDM("2.3", 2, "Partita IVA", ("partita_iva",), ente=True),
    VoceDM("2.4", 2, "Forma giuridica e qualificazione", ("forma_giuridica",), ente=True),
    VoceDM("2.5", 2, "Indirizzo della sede legale", ("sede_legale",), ente=True),
    VoceDM("2.6", 2, "Altre sedi", ("altre_sedi",), ente=True),
    VoceDM("2.7", 2, "Aree territoriali di operatività", ("aree_territoriali",), ente=True),
    VoceDM("2.8", 2, "Valori e finalità perseguite (missione)", ("missione",), ente=True),
    VoceDM("2.9", 2, "Attività statutarie", ("attivita_statutarie",), ente=True),
    VoceDM(
        "2.10", 2, "Altre attività secondarie o strumentali", ("attivita_secondarie",), ente=True
    ),
    VoceDM("2.11", 2, "Collegamenti con altri enti del Terzo settore", ("reti",), ente=True),
    VoceDM("2.12", 2, "Contesto di riferimento", ("contesto",), ente=True),
    VoceDM("3.1", 3, "Consistenza e composizione della base sociale", ("governo", "soci")),
    VoceDM(
        "3.2",
        3,
        "Sistema di governo e composizione degli organi",
        ("governo", "consiglio_amministrazione"),
    ),
    VoceDM("3.3", 3, "Organo di controllo", ("governo", "organo_controllo")),
    VoceDM(
        "3.4", 3, "Democraticità interna e partecipazione (assemblee)", ("governo", "assemblee")
    ),
    VoceDM("3.5", 3, "Mappatura dei principali stakeholder", ("governo", "stakeholder")),
    VoceDM(
        "3.6",
        3,
        "Coinvolgimento di lavoratori e utenti (art. 11 d.lgs. 112/2017)",
        ("governo", "coinvolgimento_lavoratori_utenti"),
        solo_impresa_sociale=True,
    ),
    VoceDM(
        "4.1", 4, "Tipologie, consistenza e composizione del personale", ("persone", "lavoratori")
    ),
    VoceDM("4.2", 4, "Volontari", ("persone", "volontari")),
    VoceDM("4.3", 4, "Attività di formazione e valorizzazione", ("persone", "formazione")),
    VoceDM("4.4", 4, "Contratto di lavoro applicato", ("persone", "contratto_collettivo")),
    VoceDM(
        "4.5", 4, "Struttura dei compensi e rapporto tra retribuzioni", ("persone", "retribuzioni")
    ),
    VoceDM("4.6", 4, "Rimborsi ai volontari", ("persone", "rimborsi_volontari")),
    VoceDM(
        "4.7",
        4,
        "Inserimento lavorativo di persone svantaggiate",
        ("persone", "inserimento_lavorativo"),
        solo_tipo_b=True,
    ),
    # not DM items but duties the report gives account of: d.lgs. 112/2017 art. 13 c.2,
    # CTS art. 17-18 (codes after the DM's so that the DM's keep their numbers)
    VoceDM(
        "4.8",
        4,
        "Registro dei volontari (art. 13 c.2 d.lgs. 112/2017, art. 17 d.lgs. 117/2017)",
        ("persone", "volontari", "registro"),
        solo_con_volontari=True,
    ),
    VoceDM(
        "4.9",
        4,
        "Assicurazione dei volontari (art. 13 c.2 d.lgs. 112/2017, art. 18 d.lgs. 117/2017)",
        ("persone", "volontari", "assicurazione"),
        solo_con_volontari=True,
    ),
    VoceDM("5.1", 5, "Attività e beneficiari diretti e indiretti", ("attivita", "servizi")),
    VoceDM("5.2", 5, "Livello di raggiungimento degli obiettivi", ("attivita", "obiettivi")),
    VoceDM("5.3", 5, "Fattori di rischio", ("attivita", "rischi")),
    VoceDM("6.1", 6, "Valore della produzione", ("economia", "valore_produzione")),
    VoceDM(
        "6.2", 6, "Provenienza delle risorse, pubbliche e private", ("economia", "ricavi_per_fonte")
    ),
    VoceDM("6.3", 6, "Patrimonio", ("economia", "patrimonio")),
    VoceDM("6.4", 6, "Attività di raccolta fondi", ("economia", "raccolta_fondi")),
    VoceDM("6.5", 6, "Criticità segnalate dagli amministratori", ("economia", "criticita")),
    VoceDM("7.1", 7, "Contenziosi e controversie", ("altre_informazioni", "contenziosi")),
    VoceDM("7.2", 7, "Informazioni di tipo ambientale", ("altre_informazioni", "ambiente")),
    VoceDM(
        "7.3",
        7,
        "Parità di genere, diritti umani, anticorruzione",
        ("altre_informazioni", "parita_genere"),
    ),
    VoceDM(
        "7.4",
        7,
        "Riunioni degli organi deputati all'approvazione del bilancio",
        ("altre_informazioni", "riunioni_approvazione"),
    ),
    VoceDM("8.1", 8, "Monitoraggio svolto dall'organo di controllo", ("monitoraggio",)),
)


def _valore(radice: Any, percorso: tuple[str, ...]) -> Any:
    valore = radice
    for parte in percorso:
        if valore is None or isinstance(valore, NonPresente):
            return valore
        valore = getattr(valore, parte, None)
    return valore


def _ammette_assenza(voce: VoceDM) -> bool:
    """Can this item be written as ``{non_presente: motivo}``?"""
    passi = list(percorre(Ente if voce.ente else Anno, voce.percorso))
    return len(passi) == len(voce.percorso) and NonPresente in tipi(passi[-1][1])


def _applicabile(voce: VoceDM, bilancio: Bilancio) -> bool:
    qualifica = bilancio.ente.qualificazione
    if voce.solo_tipo_b and qualifica not in RAMO_B:
        return False
    if voce.solo_impresa_sociale and not qualifica.impresa_sociale:
        return False
    if voce.solo_con_volontari:
        persone = bilancio.anno.persone
        volontari = persone.volontari if persone else None
        if volontari is None or isinstance(volontari, NonPresente) or volontari.numero == 0:
            return False
    return True


def valuta(bilancio: Bilancio) -> list[VoceConformita]:
    """The state of every applicable DM item for the reference year."""
    esito = []
    for voce in VOCI_DM:
        if not _applicabile(voce, bilancio):
            continue
        valore = _valore(bilancio.ente if voce.ente else bilancio.anno, voce.percorso)
        if isinstance(valore, NonPresente):
            stato, motivo = StatoVoce.ASSENTE, valore.non_presente
        elif presente(valore):
            stato, motivo = StatoVoce.PRESENTE, None
        else:
            stato, motivo = StatoVoce.MANCANTE, None
        esito.append(
            VoceConformita(
                codice=voce.codice,
                sezione=voce.sezione,
                titolo=voce.titolo,
                campo=".".join(voce.percorso),
                stato=stato,
                motivo=motivo,
            )
        )
    return esito


@regola(
    "CONFORMITA",
    "Voci previste dalle linee guida",
    Gravita.AVVISO,
    "DM 4 luglio 2019 §6: ogni voce è presente o ne è dichiarata l'assenza con il motivo",
    dal=2020,  # the guidelines apply from the report on financial year 2020
)
def conformita(ctx: Contesto) -> Iterator[Problema]:
    """Every DM item is present or declared absent with a reason."""
    anno = ctx.bilancio.anno.anno
    voci = {v.codice: v for v in VOCI_DM}
    for stato in valuta(ctx.bilancio):
        if stato.stato is not StatoVoce.MANCANTE:
            continue
        voce = voci[stato.codice]
        come = (
            f"indicarla oppure dichiararne l'assenza con «{voce.percorso[-1]}: {{non_presente: motivo}}»"
            if _ammette_assenza(voce)
            else f"indicarla («{voce.percorso[-1]}»)"
        )
        yield ctx.problema(
            f"Voce {voce.codice} «{voce.titolo}» mancante: {come}.",
            anno=None if voce.ente else anno,
            percorso=voce.percorso[:-1] if len(voce.percorso) > 1 else (),
            atteso="la voce, o non_presente con il motivo",
        )
