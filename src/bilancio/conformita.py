"""The conformity table: every item DM 4 luglio 2019 §6 asks for, and how the data covers it.

An item is *presente* (the data holds it), *dichiarata assente* (``non_presente: motivo``)
or *mancante* (silence, which the guidelines do not allow: a warning in `check`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .caricamento import Bilancio
from .errori import Gravita, Posizione, Problema, StatoVoce, VoceConformita
from .lettura.origini import INIZIO, MOTIVO
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
    ancora: str = ""  # the id of the report's paragraph that covers the item
    intestazione: str = ""  # the paragraph's heading, when it differs from the DM's title

    @property
    def titolo_report(self) -> str:
        return self.intestazione or self.titolo


VOCI_DM: tuple[VoceDM, ...] = (
    VoceDM(
        "1.1",
        1,
        "Standard di rendicontazione utilizzati",
        ("metodologia", "standard"),
        ancora="metodologia-standard",
    ),
    VoceDM(
        "1.2",
        1,
        "Cambiamenti di perimetro o di metodo",
        ("metodologia", "cambiamenti"),
        ancora="metodologia-cambiamenti",
        intestazione="Cambiamenti di perimetro o di metodo rispetto all'anno precedente",
    ),
    VoceDM(
        "1.3",
        1,
        "Modalità di approvazione",
        ("metodologia", "approvazione"),
        ancora="metodologia-approvazione",
    ),
    VoceDM(
        "1.4",
        1,
        "Modalità di pubblicazione e diffusione",
        ("metodologia", "diffusione"),
        ancora="metodologia-diffusione",
    ),
    VoceDM(
        "2.1",
        2,
        "Nome dell'ente",
        ("denominazione",),
        ente=True,
        ancora="ente-informazioni",
        intestazione="Informazioni generali",
    ),
    VoceDM(
        "2.2",
        2,
        "Codice fiscale",
        ("codice_fiscale",),
        ente=True,
        ancora="ente-informazioni",
        intestazione="Informazioni generali",
    ),
    VoceDM(
        "2.3",
        2,
        "Partita IVA",
        ("partita_iva",),
        ente=True,
        ancora="ente-informazioni",
        intestazione="Informazioni generali",
    ),
    VoceDM(
        "2.4",
        2,
        "Forma giuridica e qualificazione",
        ("forma_giuridica",),
        ente=True,
        ancora="ente-informazioni",
        intestazione="Informazioni generali",
    ),
    VoceDM(
        "2.5",
        2,
        "Indirizzo della sede legale",
        ("sede_legale",),
        ente=True,
        ancora="ente-informazioni",
        intestazione="Informazioni generali",
    ),
    VoceDM("2.6", 2, "Altre sedi", ("altre_sedi",), ente=True, ancora="ente-sedi"),
    VoceDM(
        "2.7",
        2,
        "Aree territoriali di operatività",
        ("aree_territoriali",),
        ente=True,
        ancora="ente-aree",
    ),
    VoceDM(
        "2.8",
        2,
        "Valori e finalità perseguite (missione)",
        ("missione",),
        ente=True,
        ancora="ente-valori",
        intestazione="Valori e finalità perseguite",
    ),
    VoceDM(
        "2.9",
        2,
        "Attività statutarie",
        ("attivita_statutarie",),
        ente=True,
        ancora="ente-statutarie",
        intestazione="Attività statutarie individuate e oggetto sociale",
    ),
    VoceDM(
        "2.10",
        2,
        "Altre attività secondarie o strumentali",
        ("attivita_secondarie",),
        ente=True,
        ancora="ente-secondarie",
        intestazione="Altre attività svolte in maniera secondaria/strumentale",
    ),
    VoceDM(
        "2.11",
        2,
        "Collegamenti con altri enti del Terzo settore",
        ("reti",),
        ente=True,
        ancora="ente-reti",
    ),
    VoceDM("2.12", 2, "Contesto di riferimento", ("contesto",), ente=True, ancora="ente-contesto"),
    VoceDM(
        "3.1",
        3,
        "Consistenza e composizione della base sociale",
        ("governo", "soci"),
        ancora="governo-soci",
    ),
    VoceDM(
        "3.2",
        3,
        "Sistema di governo e composizione degli organi",
        ("governo", "consiglio_amministrazione"),
        ancora="governo-cda",
        intestazione="Composizione degli organi: consiglio di amministrazione",
    ),
    VoceDM(
        "3.3",
        3,
        "Organo di controllo",
        ("governo", "organo_controllo"),
        ancora="governo-controllo",
        intestazione="Tipologia organo di controllo",
    ),
    VoceDM(
        "3.4",
        3,
        "Democraticità interna e partecipazione (assemblee)",
        ("governo", "assemblee"),
        ancora="governo-assemblee",
        intestazione="Partecipazione dei soci e modalità (ultimi 3 anni)",
    ),
    VoceDM(
        "3.5",
        3,
        "Mappatura dei principali stakeholder",
        ("governo", "stakeholder"),
        ancora="governo-stakeholder",
    ),
    VoceDM(
        "3.6",
        3,
        "Coinvolgimento di lavoratori e utenti (art. 11 d.lgs. 112/2017)",
        ("governo", "coinvolgimento_lavoratori_utenti"),
        solo_impresa_sociale=True,
        ancora="governo-coinvolgimento",
    ),
    VoceDM(
        "4.1",
        4,
        "Tipologie, consistenza e composizione del personale",
        ("persone", "lavoratori"),
        ancora="persone-lavoratori",
    ),
    VoceDM("4.2", 4, "Volontari", ("persone", "volontari"), ancora="persone-volontari"),
    VoceDM(
        "4.3",
        4,
        "Attività di formazione e valorizzazione",
        ("persone", "formazione"),
        ancora="persone-formazione",
        intestazione="Attività di formazione e valorizzazione realizzate",
    ),
    VoceDM(
        "4.4",
        4,
        "Contratto di lavoro applicato",
        ("persone", "contratto_collettivo"),
        ancora="persone-ccnl",
        intestazione="Contratto di lavoro applicato ai lavoratori",
    ),
    VoceDM(
        "4.5",
        4,
        "Struttura dei compensi e rapporto tra retribuzioni",
        ("persone", "retribuzioni"),
        ancora="persone-retribuzioni",
    ),
    VoceDM(
        "4.6",
        4,
        "Rimborsi ai volontari",
        ("persone", "rimborsi_volontari"),
        ancora="persone-rimborsi",
    ),
    VoceDM(
        "4.7",
        4,
        "Inserimento lavorativo di persone svantaggiate",
        ("persone", "inserimento_lavorativo"),
        solo_tipo_b=True,
        ancora="persone-inserimento",
    ),
    # not DM items but duties the report gives account of: d.lgs. 112/2017 art. 13 c.2,
    # CTS art. 17-18 (codes after the DM's so that the DM's keep their numbers)
    VoceDM(
        "4.8",
        4,
        "Registro dei volontari (art. 13 c.2 d.lgs. 112/2017, art. 17 d.lgs. 117/2017)",
        ("persone", "volontari", "registro"),
        solo_con_volontari=True,
        ancora="persone-volontari",
        intestazione="Volontari",
    ),
    VoceDM(
        "4.9",
        4,
        "Assicurazione dei volontari (art. 13 c.2 d.lgs. 112/2017, art. 18 d.lgs. 117/2017)",
        ("persone", "volontari", "assicurazione"),
        solo_con_volontari=True,
        ancora="persone-volontari",
        intestazione="Volontari",
    ),
    VoceDM(
        "5.1",
        5,
        "Attività e beneficiari diretti e indiretti",
        ("attivita", "servizi"),
        ancora="attivita-servizi",
        intestazione="Tipologie beneficiari e attività dei servizi",
    ),
    VoceDM(
        "5.2",
        5,
        "Livello di raggiungimento degli obiettivi",
        ("attivita", "obiettivi"),
        ancora="attivita-obiettivi",
        intestazione="Livello di raggiungimento degli obiettivi di gestione",
    ),
    VoceDM(
        "5.3",
        5,
        "Fattori di rischio",
        ("attivita", "rischi"),
        ancora="attivita-rischi",
        intestazione="Fattori di rischio e loro gestione",
    ),
    VoceDM(
        "6.1",
        6,
        "Valore della produzione",
        ("economia", "valore_produzione"),
        ancora="economia-produzione",
    ),
    VoceDM(
        "6.2",
        6,
        "Provenienza delle risorse, pubbliche e private",
        ("economia", "ricavi_per_fonte"),
        ancora="economia-fonti",
        intestazione="Provenienza delle risorse economiche con separata indicazione dei contributi pubblici e privati",
    ),
    VoceDM("6.3", 6, "Patrimonio", ("economia", "patrimonio"), ancora="economia-patrimonio"),
    VoceDM(
        "6.4",
        6,
        "Attività di raccolta fondi",
        ("economia", "raccolta_fondi"),
        ancora="economia-raccolta",
        intestazione="Specifiche informazioni sulle attività di raccolta fondi",
    ),
    VoceDM(
        "6.5",
        6,
        "Criticità segnalate dagli amministratori",
        ("economia", "criticita"),
        ancora="economia-criticita",
        intestazione="Criticità emerse nella gestione segnalate dagli amministratori",
    ),
    VoceDM(
        "7.1",
        7,
        "Contenziosi e controversie",
        ("altre_informazioni", "contenziosi"),
        ancora="altre-contenziosi",
    ),
    VoceDM(
        "7.2",
        7,
        "Informazioni di tipo ambientale",
        ("altre_informazioni", "ambiente"),
        ancora="altre-ambiente",
    ),
    VoceDM(
        "7.3",
        7,
        "Parità di genere, diritti umani, anticorruzione",
        ("altre_informazioni", "parita_genere"),
        ancora="altre-parita",
        intestazione="Parità di genere",
    ),
    VoceDM(
        "7.4",
        7,
        "Riunioni degli organi deputati all'approvazione del bilancio",
        ("altre_informazioni", "riunioni_approvazione"),
        ancora="altre-riunioni",
    ),
    VoceDM(
        "8.1",
        8,
        "Monitoraggio svolto dall'organo di controllo",
        ("monitoraggio",),
        ancora="monitoraggio-relazione",
        intestazione="Monitoraggio e attestazione di conformità",
    ),
)

VOCE: dict[str, VoceDM] = {v.codice: v for v in VOCI_DM}
"""The DM items by code: the reports take their paragraph ids and headings from here."""


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
    for stato in valuta(ctx.bilancio):
        if stato.stato is not StatoVoce.MANCANTE:
            continue
        voce = VOCE[stato.codice]
        dove = ctx.luogo.di(None if voce.ente else anno, *voce.percorso)
        if dove is not None and dove.foglio:
            yield _nel_foglio(ctx, voce, anno, dove)
            continue
        chiave = voce.percorso[-1]
        assenza = _ammette_assenza(voce)
        come = (
            f"indicarla oppure dichiararne l'assenza con «{chiave}: {{non_presente: motivo}}»"
            if assenza
            else f"indicarla («{chiave}»)"
        )
        problema = ctx.problema(
            f"Voce {voce.codice} «{voce.titolo}» mancante: {come}.",
            anno=None if voce.ente else anno,
            percorso=voce.percorso,
            atteso="la voce, oppure la sua chiave con «{non_presente: motivo}» e il motivo dell'assenza"
            if assenza
            else "la voce",
        )
        problema.breve = f"{voce.codice} «{voce.titolo}» («{chiave}»)"
        yield problema


def _nel_foglio(ctx: Contesto, voce: VoceDM, anno: int, vicina: Posizione) -> Problema:
    """A missing item of a workbook: the sheet and the cells where it goes, in its words."""
    from .foglio.layout import CAMPO, TABELLA, collocazione

    di = None if voce.ente else anno
    radice = ("ente", *voce.percorso) if voce.ente else voce.percorso
    luogo = collocazione(radice)
    motivo = ctx.luogo.esatta(di, *voce.percorso, MOTIVO) if _ammette_assenza(voce) else None
    inizio = ctx.luogo.esatta(di, *voce.percorso, INIZIO)
    cella = ctx.luogo.esatta(di, *voce.percorso)
    posizione: Posizione | None
    if luogo is None:  # not a part of the workbook's layout: the nearest written cell
        posizione = vicina
        come = f"indicarla nel foglio «{vicina.foglio}»"
    elif luogo.genere == CAMPO:
        posizione = cella or inizio
        come = f"scriverla in {_cella(posizione)}"
    else:
        posizione = inizio or cella
        cosa = "la tabella" if luogo.genere == TABELLA else "la parte"
        come = f"compilare {cosa} «{luogo.parte}» (da {_cella(posizione)})"
    breve = f"{voce.codice} «{voce.titolo}»"
    if motivo is not None:
        come += f" oppure scrivere il motivo dell'assenza in {_cella(motivo)}"
        breve += f", o il motivo dell'assenza in {_cella(motivo)}"
    return Problema(
        codice=ctx.regola.codice if ctx.regola else "CONFORMITA",
        gravita=Gravita.AVVISO,
        messaggio=f"Voce {voce.codice} «{voce.titolo}» mancante: {come}.",
        posizione=posizione,
        campo=ctx.luogo.campo(di, *voce.percorso),
        atteso="la voce nella cella indicata, oppure il motivo dell'assenza nella sua cella"
        if motivo is not None
        else "la voce nella cella indicata",
        riferimento=ctx.regola.riferimento if ctx.regola else None,
        breve=breve,
    )


def _cella(posizione: Posizione | None) -> str:
    if posizione is None or not posizione.foglio:
        return "la cella indicata"
    return (
        f"{posizione.foglio}!{posizione.cella}"
        if posizione.cella
        else f"il foglio «{posizione.foglio}»"
    )
