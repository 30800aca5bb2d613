"""Rules on section 4: people, pay and volunteers."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..errori import Gravita, Problema
from ..formato import ND, euro, percentuale
from ..modello import NonPresente
from ..modello.ente import IMPRESE_SOCIALI, RAMO_B
from ..modello.persone import ModalitaRimborso
from .base import Contesto, n, regola

LIMITE_RAPPORTO = Decimal(8)
LIMITE_RAPPORTO_MOTIVATO = Decimal(12)
SOGLIA_SVANTAGGIATI = Decimal(30)
RIMBORSO_GIORNALIERO = Decimal(10)
RIMBORSO_MENSILE = Decimal(150)


@regola(
    "LAVORATORI-TOTALE",
    "Lavoratori per genere",
    Gravita.ERRORE,
    "aritmetica: uomini + donne = lavoratori del gruppo",
)
def lavoratori_totale(ctx: Contesto) -> Iterator[Problema]:
    """Workers: men + women = the group, when both are given (the declared total is checked
    as a declared figure: rule DICHIARATI)."""
    for anno, dati in ctx.anni():
        lav = dati.persone.lavoratori if dati.persone else None
        if lav is None or isinstance(lav, NonPresente):
            continue
        for nome, gruppo in lav.gruppi.items():
            if (
                gruppo.uomini is not None
                and gruppo.donne is not None
                and gruppo.uomini + gruppo.donne != gruppo.numero
            ):
                yield ctx.problema(
                    f"Lavoratori {nome} {anno}: {n(gruppo.uomini)} uomini + {n(gruppo.donne)} donne = "
                    f"{n(gruppo.uomini + gruppo.donne)}, ma il numero dichiarato è {n(gruppo.numero)}.",
                    anno=anno,
                    percorso=("persone", "lavoratori", nome, "numero"),
                    trovato=n(gruppo.numero),
                    atteso=n(gruppo.uomini + gruppo.donne),
                )


@regola(
    "RAPPORTO-RETRIBUTIVO",
    "Rapporto tra retribuzione massima e minima",
    Gravita.ERRORE,
    "art. 13 c.1 d.lgs. 112/2017 (imprese sociali); art. 16 d.lgs. 117/2017 (ETS): rapporto non superiore a 8, "
    "fino a 12 solo per comprovate esigenze di specifiche competenze",
)
def rapporto_retributivo(ctx: Contesto) -> Iterator[Problema]:
    """Highest / lowest gross annual pay of employees: at most 8, or 12 with a stated justification."""
    anno = ctx.bilancio.anno.anno
    persone = ctx.bilancio.anno.persone
    ret = persone.retribuzioni if persone else None
    if ret is None or isinstance(ret, NonPresente):
        return
    rapporto = ret.rapporto
    if rapporto is None:
        return
    testo = f"{n(rapporto, 2)} ({euro(ret.retribuzione_massima)} / {euro(ret.retribuzione_minima)})"
    percorso = ("persone", "retribuzioni", "retribuzione_massima")
    if rapporto > LIMITE_RAPPORTO_MOTIVATO:
        yield ctx.problema(
            f"Il rapporto tra retribuzione annua lorda massima e minima è {testo}: supera il limite assoluto di 12.",
            anno=anno,
            percorso=percorso,
            trovato=n(rapporto, 2),
            atteso="al massimo 12",
        )
    elif rapporto > LIMITE_RAPPORTO and not ret.giustificazione:
        yield ctx.problema(
            f"Il rapporto tra retribuzione annua lorda massima e minima è {testo}: oltre 8 è ammesso "
            f"(fino a 12) solo indicando la motivazione in {ctx.voce(anno, 'persone', 'retribuzioni', 'giustificazione')}.",
            anno=anno,
            percorso=percorso,
            trovato=n(rapporto, 2),
            atteso="al massimo 8, o una motivazione",
        )
    elif rapporto > LIMITE_RAPPORTO:
        yield ctx.problema(
            f"Il rapporto retributivo è {testo}, oltre 8 con motivazione: verificare che sia documentata.",
            anno=anno,
            percorso=percorso,
            trovato=n(rapporto, 2),
            atteso="al massimo 12",
            gravita=Gravita.AVVISO,
        )


@regola(
    "SVANTAGGIATI-B",
    "Lavoratori svantaggiati nelle cooperative di tipo B",
    Gravita.ERRORE,
    "art. 4 c.2 l. 381/1991: le persone svantaggiate devono costituire almeno il 30% dei lavoratori "
    "(metodo INPS: svantaggiati / lavoratori non svantaggiati)",
    enti=RAMO_B,
)
def svantaggiati(ctx: Contesto) -> Iterator[Problema]:
    """Type B and the B branch of A+B: disadvantaged workers at least 30% (INPS method checked)."""
    anno = ctx.bilancio.anno.anno
    persone = ctx.bilancio.anno.persone
    ins = persone.inserimento_lavorativo if persone else None
    if ins is None:
        yield ctx.problema(
            f"{ctx.bilancio.ente.qualificazione.etichetta}: mancano i dati sull'inserimento lavorativo "
            f"({ctx.voce(anno, 'persone', 'inserimento_lavorativo')}: lavoratori del ramo B e svantaggiati), "
            "quindi la soglia del 30% non si può verificare.",
            anno=anno,
            percorso=("persone",),
            atteso="lavoratori e svantaggiati del ramo B",
            gravita=Gravita.AVVISO,
        )
        return
    if isinstance(ins, NonPresente):
        yield ctx.problema(
            f"{ctx.bilancio.ente.qualificazione.etichetta}: l'inserimento lavorativo non può essere "
            "dichiarato assente; indicare lavoratori e svantaggiati del ramo B.",
            anno=anno,
            percorso=("persone", "inserimento_lavorativo"),
        )
        return
    percorso = ("persone", "inserimento_lavorativo", "svantaggiati")
    if ins.svantaggiati > ins.lavoratori:
        yield ctx.problema(
            f"Svantaggiati ({n(ins.svantaggiati)}) più dei lavoratori del ramo B ({n(ins.lavoratori)}).",
            anno=anno,
            percorso=percorso,
            trovato=n(ins.svantaggiati),
            atteso=f"al massimo {n(ins.lavoratori)}",
        )
        return
    non_svantaggiati = ins.lavoratori - ins.svantaggiati
    letterale = Decimal(ins.svantaggiati) / ins.lavoratori * 100 if ins.lavoratori else None
    inps = Decimal(ins.svantaggiati) / non_svantaggiati * 100 if non_svantaggiati else None
    dettaglio = (
        f"{n(ins.svantaggiati)} svantaggiati, {n(non_svantaggiati)} non svantaggiati: "
        f"metodo INPS {percentuale(inps, 1) if inps is not None else ND}, "
        f"sul totale dei lavoratori {percentuale(letterale, 1) if letterale is not None else ND}"
    )
    if inps is not None and inps < SOGLIA_SVANTAGGIATI:
        minimo = -(-non_svantaggiati * 3 // 10)
        yield ctx.problema(
            f"Lavoratori svantaggiati sotto il 30% ({dettaglio}). Ne servono almeno {n(minimo)}.",
            anno=anno,
            percorso=percorso,
            trovato=percentuale(inps, 1),
            atteso="almeno 30% (metodo INPS)",
        )
    elif letterale is not None and letterale < SOGLIA_SVANTAGGIATI:
        yield ctx.problema(
            f"Soglia del 30% rispettata col metodo INPS ma non sul totale dei lavoratori ({dettaglio}).",
            anno=anno,
            percorso=percorso,
            trovato=percentuale(letterale, 1),
            atteso="almeno 30%",
            gravita=Gravita.AVVISO,
        )


@regola(
    "RIMBORSI-VOLONTARI",
    "Rimborsi ai volontari",
    Gravita.ERRORE,
    "art. 17 c.3-4 d.lgs. 117/2017: vietati i rimborsi forfettari; con autocertificazione al massimo "
    "€ 10 al giorno e € 150 al mese, e solo per le tipologie di spesa deliberate dall'organo di amministrazione",
)
def rimborsi_volontari(ctx: Contesto) -> Iterator[Problema]:
    """No flat-rate reimbursements; self-certified ones within € 10/day and € 150/month."""
    anno = ctx.bilancio.anno.anno
    persone = ctx.bilancio.anno.persone
    rimb = persone.rimborsi_volontari if persone else None
    if rimb is None or isinstance(rimb, NonPresente):
        return
    base = ("persone", "rimborsi_volontari")
    # The amount and the count not written are unknown: no check rests on them.
    importo = rimb.importo_totale
    if rimb.modalita is ModalitaRimborso.FORFETTARIO and importo is not None and importo > 0:
        yield ctx.problema(
            f"Rimborsi forfettari ai volontari per {euro(importo, 2)}: non sono ammessi.",
            anno=anno,
            percorso=(*base, "modalita"),
            trovato="forfettario",
            atteso="rimborsi documentati o autocertificati",
        )
    if rimb.modalita is ModalitaRimborso.AUTOCERTIFICATO and importo is not None and importo > 0:
        if rimb.delibera_autocertificazione is False:
            yield ctx.problema(
                f"Rimborsi autocertificati per {euro(importo, 2)} senza una delibera dell'organo "
                "di amministrazione sulle tipologie di spesa autocertificabili.",
                anno=anno,
                percorso=(*base, "delibera_autocertificazione"),
                trovato="no",
                atteso="sì",
            )
        elif rimb.delibera_autocertificazione is None:
            yield ctx.problema(
                f"Rimborsi autocertificati per {euro(importo, 2)}: indicare se l'organo di "
                "amministrazione ha deliberato le tipologie di spesa autocertificabili "
                "(«delibera_autocertificazione»), condizione per ammetterli.",
                anno=anno,
                percorso=(*base, "modalita"),
                atteso="la delibera sulle tipologie di spesa",
                gravita=Gravita.AVVISO,
            )
    if rimb.modalita is ModalitaRimborso.AUTOCERTIFICATO:
        if rimb.massimo_giornaliero is not None and rimb.massimo_giornaliero > RIMBORSO_GIORNALIERO:
            yield ctx.problema(
                f"Rimborso autocertificato di {euro(rimb.massimo_giornaliero, 2)} in un giorno: il limite è € 10.",
                anno=anno,
                percorso=(*base, "massimo_giornaliero"),
                trovato=euro(rimb.massimo_giornaliero, 2),
                atteso="al massimo € 10,00",
            )
        if rimb.massimo_mensile is not None and rimb.massimo_mensile > RIMBORSO_MENSILE:
            yield ctx.problema(
                f"Rimborsi autocertificati di {euro(rimb.massimo_mensile, 2)} in un mese: il limite è € 150.",
                anno=anno,
                percorso=(*base, "massimo_mensile"),
                trovato=euro(rimb.massimo_mensile, 2),
                atteso="al massimo € 150,00",
            )
    if importo is not None and importo > 0 and rimb.volontari_rimborsati == 0:
        yield ctx.problema(
            f"Rimborsi per {euro(importo, 2)} ma nessun volontario rimborsato indicato.",
            anno=anno,
            percorso=(*base, "volontari_rimborsati"),
            trovato="0",
            atteso="almeno 1",
            gravita=Gravita.AVVISO,
        )


@regola(
    "VOLONTARI-SOCI",
    "Soci volontari e volontari",
    Gravita.AVVISO,
    "coerenza tra sezione 3 (soci) e sezione 4 (volontari)",
)
def volontari_soci(ctx: Contesto) -> Iterator[Problema]:
    """The volunteers who are members cannot exceed the soci volontari of section 3."""
    anno = ctx.bilancio.anno.anno
    a = ctx.bilancio.anno
    vol = a.persone.volontari if a.persone else None
    soci = a.governo.soci if a.governo else None
    if (
        vol is None
        or soci is None
        or isinstance(vol, NonPresente)
        or isinstance(soci, NonPresente)
        or vol.soci is None
    ):
        return
    if soci.volontari is not None and vol.soci != soci.volontari:
        yield ctx.problema(
            f"Volontari soci: {n(vol.soci)} nella sezione persone, {n(soci.volontari)} soci volontari nella base sociale.",
            anno=anno,
            percorso=("persone", "volontari", "soci"),
            trovato=n(vol.soci),
            atteso=n(soci.volontari),
        )
    if vol.soci > vol.numero:
        yield ctx.problema(
            f"Volontari soci ({n(vol.soci)}) più dei volontari totali ({n(vol.numero)}).",
            anno=anno,
            percorso=("persone", "volontari", "soci"),
            trovato=n(vol.soci),
            atteso=f"al massimo {n(vol.numero)}",
            gravita=Gravita.ERRORE,
        )


@regola(
    "ISTRUZIONE-TOTALE",
    "Livello di istruzione",
    Gravita.AVVISO,
    "coerenza: il livello di istruzione è indicato per ogni lavoratore",
)
def istruzione_totale(ctx: Contesto) -> Iterator[Problema]:
    """Workers by education level add up to the workers counted."""
    anno = ctx.bilancio.anno.anno
    persone = ctx.bilancio.anno.persone
    if persone is None:
        return
    istr, lav = persone.istruzione, persone.lavoratori
    if (
        istr is None
        or lav is None
        or isinstance(istr, NonPresente)
        or isinstance(lav, NonPresente)
        or not lav.gruppi
    ):
        return
    # A level not written is unknown: with every level written the sum must match; with
    # some missing the levels written can only be found too many (the rest is not checkable).
    if not istr.livelli:
        return
    if istr.somma is not None and istr.somma != lav.somma:
        yield ctx.problema(
            f"Lavoratori per livello di istruzione: {n(istr.somma)}, lavoratori totali: {n(lav.somma)}.",
            anno=anno,
            percorso=("persone", "istruzione"),
            trovato=n(istr.somma),
            atteso=n(lav.somma),
        )
    elif istr.somma is None and istr.somma_scritta > lav.somma:
        yield ctx.problema(
            f"Lavoratori per livello di istruzione: già {n(istr.somma_scritta)} nei livelli indicati, "
            f"lavoratori totali: {n(lav.somma)}.",
            anno=anno,
            percorso=("persone", "istruzione"),
            trovato=n(istr.somma_scritta),
            atteso=f"al massimo {n(lav.somma)}",
        )


@regola(
    "VOLONTARI-LAVORATORI",
    "Volontari non più dei lavoratori",
    Gravita.ERRORE,
    "art. 13 c.2 d.lgs. 112/2017: i volontari impiegati nell'attività d'impresa non possono superare "
    "i lavoratori; le cooperative sociali applicano il decreto in quanto compatibile (art. 1 c.4): per loro è un avviso",
    enti=IMPRESE_SOCIALI,
)
def volontari_lavoratori(ctx: Contesto) -> Iterator[Problema]:
    """Imprese sociali: the volunteers employed in the business are no more than the workers."""
    gravita = Gravita.AVVISO if ctx.bilancio.ente.qualificazione.cooperativa_sociale else None
    for anno, dati in ctx.anni():
        persone = dati.persone
        vol = persone.volontari if persone else None
        lav = persone.lavoratori if persone else None
        if (
            vol is None
            or lav is None
            or isinstance(vol, NonPresente)
            or isinstance(lav, NonPresente)
        ):
            continue
        # workers of every kind (employees, self-employed, occasional): the declared total, else the sum
        lavoratori = lav.totale if lav.totale is not None else (lav.somma if lav.gruppi else None)
        if lavoratori is None:
            continue
        impiegati = vol.nell_attivita_impresa
        if impiegati is not None and impiegati > vol.numero:
            yield ctx.problema(
                f"Volontari {anno}: {n(impiegati)} impiegati nell'attività d'impresa, ma i volontari sono {n(vol.numero)}.",
                anno=anno,
                percorso=("persone", "volontari", "nell_attivita_impresa"),
                trovato=n(impiegati),
                atteso=f"al massimo {n(vol.numero)}",
                gravita=Gravita.ERRORE,
            )
        elif impiegati is not None and impiegati > lavoratori:
            yield ctx.problema(
                f"Volontari impiegati nell'attività d'impresa {anno}: {n(impiegati)}, più dei lavoratori ({n(lavoratori)}).",
                anno=anno,
                percorso=("persone", "volontari", "nell_attivita_impresa"),
                trovato=n(impiegati),
                atteso=f"al massimo {n(lavoratori)}",
                gravita=gravita,
            )
        elif impiegati is None and vol.numero > lavoratori:
            yield ctx.problema(
                f"Volontari {anno}: {n(vol.numero)}, più dei lavoratori ({n(lavoratori)}). Il limite riguarda i "
                "volontari impiegati nell'attività d'impresa: indicarli in "
                f"{ctx.voce(anno, 'persone', 'volontari', 'nell_attivita_impresa')}.",
                anno=anno,
                percorso=("persone", "volontari", "numero"),
                trovato=n(vol.numero),
                atteso=f"al massimo {n(lavoratori)} volontari nell'attività d'impresa",
                gravita=Gravita.AVVISO,
            )


@regola(
    "VOLONTARI-REGISTRO",
    "Registro e assicurazione dei volontari",
    Gravita.ERRORE,
    "art. 17 c.1 e art. 18 d.lgs. 117/2017, art. 13 c.2 d.lgs. 112/2017; per i soci volontari delle "
    "cooperative sociali art. 2 l. 381/1991: chi si avvale di volontari li iscrive in un registro e li assicura",
)
def volontari_registro(ctx: Contesto) -> Iterator[Problema]:
    """With volunteers, the register is kept and they are insured (a "no" is an error; silence a conformity warning)."""
    anno = ctx.bilancio.anno.anno
    persone = ctx.bilancio.anno.persone
    vol = persone.volontari if persone else None
    if vol is None or isinstance(vol, NonPresente) or vol.numero == 0:
        return
    for campo, cosa in (
        ("registro", "non è tenuto il registro dei volontari"),
        ("assicurazione", "i volontari non sono assicurati"),
    ):
        if getattr(vol, campo) is False:
            yield ctx.problema(
                f"{n(vol.numero)} volontari, ma {cosa}.",
                anno=anno,
                percorso=("persone", "volontari", campo),
                trovato="no",
                atteso="sì",
            )
