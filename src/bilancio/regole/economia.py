"""Rules on section 6: the economic tables, for every year shown."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..errori import Gravita, Problema
from ..formato import euro, percentuale
from ..modello import Anno, AnnoPrecedente, Economia, NonPresente, Qualifica
from ..modello.conto_economico import VOCI_SINTESI, ContoEconomico
from .base import Contesto, coincide, n, regola


def _economia(dati: Anno | AnnoPrecedente) -> Economia | None:
    return dati.economia


@regola(
    "PATRIMONIO-NETTO",
    "Patrimonio netto",
    Gravita.ERRORE,
    "aritmetica (art. 2424 c.c.): capitale + riserve + utile/perdita = patrimonio netto",
)
def patrimonio_netto(ctx: Contesto) -> Iterator[Problema]:
    """Share capital + reserves + result = net equity, and the reserves by kind = their total, for every year."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        pat = eco.patrimonio if eco else None
        if eco is None or pat is None or isinstance(pat, NonPresente):
            continue
        somma_riserve = pat.somma_riserve
        if (
            pat.riserve is not None
            and somma_riserve is not None
            and not coincide(pat.riserve, somma_riserve)
        ):
            yield ctx.problema(
                f"Totale riserve {anno}: dichiarato {euro(pat.riserve)}, ma le riserve per tipo "
                f"({_elenco(pat.riserve_indicate.values())}) fanno {euro(somma_riserve)}.",
                anno=anno,
                percorso=("economia", "patrimonio", "riserve"),
                trovato=euro(pat.riserve),
                atteso=euro(somma_riserve),
            )
        if pat.patrimonio_netto is None:
            continue
        utile = pat.utile_perdita if pat.utile_perdita is not None else eco.risultato_esercizio
        riserve = pat.totale_riserve
        if pat.capitale_sociale is None or riserve is None or utile is None:
            continue
        somma = pat.capitale_sociale + riserve + utile
        if not coincide(pat.patrimonio_netto, somma):
            yield ctx.problema(
                f"Patrimonio netto {anno}: dichiarato {euro(pat.patrimonio_netto)}, ma capitale "
                f"{euro(pat.capitale_sociale)} + riserve {euro(riserve)} + risultato {euro(utile)} = {euro(somma)}.",
                anno=anno,
                percorso=("economia", "patrimonio", "patrimonio_netto"),
                trovato=euro(pat.patrimonio_netto),
                atteso=euro(somma),
            )
        if (
            pat.utile_perdita is not None
            and eco.risultato_esercizio is not None
            and not coincide(pat.utile_perdita, eco.risultato_esercizio)
        ):
            yield ctx.problema(
                f"Risultato {anno}: {euro(pat.utile_perdita)} nel patrimonio, {euro(eco.risultato_esercizio)} nel conto economico.",
                anno=anno,
                percorso=("economia", "patrimonio", "utile_perdita"),
                trovato=euro(pat.utile_perdita),
                atteso=euro(eco.risultato_esercizio),
            )


@regola(
    "CAPITALE-SOCI",
    "Capitale per tipologia di socio",
    Gravita.ERRORE,
    "aritmetica: il capitale sociale è la somma dei versamenti per tipologia di socio",
)
def capitale_soci(ctx: Contesto) -> Iterator[Problema]:
    """Capital paid in by each type of member adds up to the share capital."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is None or eco.capitale_per_socio is None:
            continue
        pat = eco.patrimonio
        if pat is None or isinstance(pat, NonPresente) or pat.capitale_sociale is None:
            continue
        # A type of member not written is unknown: with every type written the sum must be
        # the share capital; with some missing the types written can only be found too much.
        per_socio = eco.capitale_per_socio
        totale = per_socio.totale
        if totale is not None and not coincide(pat.capitale_sociale, totale):
            yield ctx.problema(
                f"Capitale sociale {anno}: {euro(pat.capitale_sociale)}, ma i versamenti per tipologia di socio fanno {euro(totale)}.",
                anno=anno,
                percorso=("economia", "capitale_per_socio"),
                trovato=euro(totale),
                atteso=euro(pat.capitale_sociale),
            )
        scritto = per_socio.totale_scritto
        if (
            totale is None
            and scritto > pat.capitale_sociale
            and not coincide(pat.capitale_sociale, scritto)
        ):
            yield ctx.problema(
                f"Capitale sociale {anno}: {euro(pat.capitale_sociale)}, ma i versamenti indicati per "
                f"tipologia di socio fanno già {euro(scritto)}.",
                anno=anno,
                percorso=("economia", "capitale_per_socio"),
                trovato=euro(scritto),
                atteso=f"al massimo {euro(pat.capitale_sociale)}",
            )


@regola(
    "RICAVI-VALORE-PRODUZIONE",
    "Ricavi per fonte e valore della produzione",
    Gravita.ERRORE,
    "aritmetica: la somma dei ricavi per provenienza (e per tipologia) è il valore della produzione",
)
def ricavi_valore_produzione(ctx: Contesto) -> Iterator[Problema]:
    """Revenues by source, and by kind, add up to the value of production; their public parts agree."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is None:
            continue
        fonti = eco.ricavi_per_fonte
        if (
            fonti is not None
            and not isinstance(fonti, NonPresente)
            and fonti.voci()
            and eco.valore_produzione is not None
        ):
            if not coincide(eco.valore_produzione, fonti.totale):
                yield ctx.problema(
                    f"Ricavi per provenienza {anno}: sommano {euro(fonti.totale)}, il valore della produzione è "
                    f"{euro(eco.valore_produzione)}.",
                    anno=anno,
                    percorso=("economia", "ricavi_per_fonte"),
                    trovato=euro(fonti.totale),
                    atteso=euro(eco.valore_produzione),
                )
        for i, riga in enumerate(eco.ricavi_per_tipologia):
            # A part not written is unknown: the row is checked on the parts written, and a
            # single part can only be found larger than the declared total.
            if riga.totale is None:
                continue
            if riga.somma is not None and not coincide(riga.totale, riga.somma):
                yield ctx.problema(
                    f"Entrate «{riga.tipologia.etichetta}» {anno}: totale {euro(riga.totale)}, ma pubblico + privato = {euro(riga.somma)}.",
                    anno=anno,
                    percorso=("economia", "ricavi_per_tipologia", i, "totale"),
                    trovato=euro(riga.totale),
                    atteso=euro(riga.somma),
                )
            elif riga.somma is None:
                parte = riga.pubblico if riga.pubblico is not None else riga.privato
                if parte is not None and parte > riga.totale and not coincide(parte, riga.totale):
                    yield ctx.problema(
                        f"Entrate «{riga.tipologia.etichetta}» {anno}: totale {euro(riga.totale)}, ma la sola "
                        f"parte {'pubblica' if riga.pubblico is not None else 'privata'} è {euro(parte)}.",
                        anno=anno,
                        percorso=("economia", "ricavi_per_tipologia", i, "totale"),
                        trovato=euro(riga.totale),
                        atteso=f"almeno {euro(parte)}",
                    )
        importi = [r.importo for r in eco.ricavi_per_tipologia]
        if importi and eco.valore_produzione is not None and None not in importi:
            somma = sum((v for v in importi if v is not None), Decimal(0))
            if not coincide(eco.valore_produzione, somma):
                yield ctx.problema(
                    f"Entrate per tipologia {anno}: sommano {euro(somma)}, il valore della produzione è {euro(eco.valore_produzione)}.",
                    anno=anno,
                    percorso=("economia", "ricavi_per_tipologia"),
                    trovato=euro(somma),
                    atteso=euro(eco.valore_produzione),
                )
            pubbliche = [r.quota_pubblica for r in eco.ricavi_per_tipologia]
            if (
                fonti is not None
                and not isinstance(fonti, NonPresente)
                and fonti.voci()
                and None not in pubbliche
            ):
                pubblico = sum((v for v in pubbliche if v is not None), Decimal(0))
                if not coincide(fonti.pubbliche, pubblico):
                    yield ctx.problema(
                        f"Entrate pubbliche {anno}: {euro(pubblico)} per tipologia, {euro(fonti.pubbliche)} per provenienza.",
                        anno=anno,
                        percorso=("economia", "ricavi_per_tipologia"),
                        trovato=euro(pubblico),
                        atteso=euro(fonti.pubbliche),
                    )


@regola(
    "QUOTE-PUBBLICO-PRIVATO",
    "Incidenza delle fonti pubbliche e private",
    Gravita.ERRORE,
    "aritmetica: quota pubblica + quota privata = 100%",
)
def quote_pubblico_privato(ctx: Contesto) -> Iterator[Problema]:
    """Declared public and private shares add up to 100% (each is checked against the
    revenues as a declared figure: rule DICHIARATI)."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is None:
            continue
        pub, priv = eco.quota_pubblica_dichiarata, eco.quota_privata_dichiarata
        if pub is not None and priv is not None and not coincide(pub + priv, 100):
            yield ctx.problema(
                f"Quote {anno}: pubblica {percentuale(pub, 0)} + privata {percentuale(priv, 0)} = {percentuale(pub + priv, 0)}.",
                anno=anno,
                percorso=("economia", "quota_pubblica_dichiarata"),
                trovato=percentuale(pub + priv, 0),
                atteso="100%",
            )


SOGLIA_INTERESSE_GENERALE = Decimal(70)


@regola(
    "INTERESSE-GENERALE-70",
    "Ricavi da attività di interesse generale",
    Gravita.ERRORE,
    "art. 2 c.3 d.lgs. 112/2017 e DM 22 giugno 2021 (dal 2022; non si applica alle cooperative sociali "
    "e ai loro consorzi): i ricavi da attività di interesse generale superano il 70% dei ricavi "
    "complessivi, escluse da entrambi le voci indicate dal DM",
    enti=frozenset({Qualifica.IMPRESA_SOCIALE}),
    dal=2022,
)
def interesse_generale(ctx: Contesto) -> Iterator[Problema]:
    """Other imprese sociali: revenues from activities of general interest over 70% of total revenues.

    Share = revenues from activities of general interest (written net of the excluded items) /
    (total revenues - the items DM 22 giugno 2021 excludes: financial and property income,
    financial or capital gains, contingent gains, contracts with controlled or controlling
    entities). An excluded item not written is not excluded.
    """
    anno = ctx.bilancio.anno.anno
    eco = ctx.bilancio.anno.economia
    if eco is None or eco.ricavi_attivita_interesse_generale is None:
        return
    percorso = ("economia", "ricavi_attivita_interesse_generale")
    if eco.ricavi_complessivi is None:
        yield ctx.problema(
            "Ricavi da attività di interesse generale indicati senza i ricavi complessivi "
            f"({ctx.voce(anno, 'economia', 'ricavi_complessivi')}): la quota del 70% non si può verificare "
            "(il DM 22 giugno 2021 la calcola sui ricavi complessivi, non sul valore della produzione).",
            anno=anno,
            percorso=percorso,
            atteso="i ricavi complessivi",
            gravita=Gravita.AVVISO,
        )
        return
    calcolata = ctx.calcolo.cifra("ricavi_computo_interesse_generale", anno)
    if calcolata.valore is None:  # an excluded item stated in another year, not in this one
        yield ctx.problema(
            "Ricavi da attività di interesse generale indicati, ma la quota del 70% non si può "
            f"verificare: {calcolata.motivo} (il DM 22 giugno 2021 la calcola sui ricavi "
            "complessivi al netto delle voci escluse).",
            anno=anno,
            percorso=("economia", "ricavi_esclusi_computo"),
            atteso="ogni voce esclusa indicata negli altri anni",
            gravita=Gravita.AVVISO,
        )
        return
    base = Decimal(calcolata.valore)
    esclusi = eco.ricavi_complessivi - base
    if base <= 0:
        yield ctx.problema(
            f"Ricavi complessivi {euro(eco.ricavi_complessivi)} al netto delle voci escluse "
            f"({euro(esclusi)}): restano {euro(base)}, la quota del 70% non si può calcolare.",
            anno=anno,
            percorso=("economia", "ricavi_complessivi"),
            trovato=euro(base),
            atteso="ricavi complessivi maggiori delle voci escluse",
        )
        return
    quota = ctx.calcolo.cifra("ricavi_interesse_generale_quota", anno).valore
    assert quota is not None
    if quota <= SOGLIA_INTERESSE_GENERALE:
        divisore = (
            f"ricavi complessivi {euro(eco.ricavi_complessivi)} meno voci escluse {euro(esclusi)}"
            if esclusi
            else f"ricavi complessivi {euro(eco.ricavi_complessivi)}, nessuna voce esclusa indicata"
        )
        yield ctx.problema(
            f"I ricavi da attività di interesse generale sono {percentuale(quota)} dei ricavi complessivi "
            f"({euro(eco.ricavi_attivita_interesse_generale)} su {euro(base)}: {divisore}); "
            "devono superare il 70%.",
            anno=anno,
            percorso=percorso,
            trovato=percentuale(quota),
            atteso="oltre il 70%",
        )


# --- the CEE income statement: each total is the sum of its lines ------------------------


def _elenco(valori: Iterable[Decimal]) -> str:
    return " + ".join(euro(v) for v in valori)


def _totale(
    ctx: Contesto,
    anno: int,
    percorso: tuple[str, ...],
    nome: str,
    scritto: Decimal | None,
    calcolato: Decimal | None,
    come: str,
    ammessi: set[Decimal] | None = None,
) -> Iterator[Problema]:
    """A problem when a written total differs from the one computed from its lines (both known).

    ``ammessi``: every value the lines give, with each sub-total taken as written or as the
    sum of its own lines; matching any of them is enough (a wrong sub-total is reported once).
    """
    if scritto is None or calcolato is None:
        return
    if any(coincide(scritto, v) for v in (ammessi or {calcolato})):
        return
    yield ctx.problema(
        f"{nome} {anno}: dichiarato {euro(scritto)}, ma {come} fa {euro(calcolato)}.",
        anno=anno,
        percorso=("economia", "conto_economico", *percorso),
        trovato=euro(scritto),
        atteso=euro(calcolato),
    )


def _conti(ctx: Contesto) -> Iterator[tuple[int, ContoEconomico]]:
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is not None and eco.conto_economico is not None:
            yield anno, eco.conto_economico


@regola(
    "CONTO-ECONOMICO-A",
    "Valore della produzione (A)",
    Gravita.ERRORE,
    "aritmetica (art. 2425 c.c.): A = A1 + A2 + A3 + A4 + A5; A5 = contributi in conto esercizio + altri",
)
def conto_economico_a(ctx: Contesto) -> Iterator[Problema]:
    """The value of production and other revenues (A5) are the sums of their lines."""
    for anno, ce in _conti(ctx):
        a = ce.valore_produzione
        if a is None:
            continue
        a5 = a.altri_ricavi_proventi
        if a5 is not None:
            yield from _totale(
                ctx,
                anno,
                ("valore_produzione", "altri_ricavi_proventi", "totale"),
                "Altri ricavi e proventi (A5)",
                a5.totale,
                a5.somma_voci,
                "contributi in conto esercizio + altri",
            )
        yield from _totale(
            ctx,
            anno,
            ("valore_produzione", "totale"),
            "Valore della produzione (A)",
            a.totale,
            a.somma_voci,
            "A1 + A2 + A3 + A4 + A5",
            a.somme,
        )


@regola(
    "CONTO-ECONOMICO-B",
    "Costi della produzione (B)",
    Gravita.ERRORE,
    "aritmetica (art. 2425 c.c.): B = B6 + ... + B14; B9 = a + b + c + d + e; B10 = a + b + c + d",
)
def conto_economico_b(ctx: Contesto) -> Iterator[Problema]:
    """Production costs, personnel costs (B9) and depreciation (B10) are the sums of their lines."""
    for anno, ce in _conti(ctx):
        b = ce.costi_produzione
        if b is None:
            continue
        b9 = b.personale
        if b9 is not None:
            yield from _totale(
                ctx,
                anno,
                ("costi_produzione", "personale", "tfr_quiescenza_altri_costi"),
                "Trattamento di fine rapporto, di quiescenza e altri costi (B9c+d+e)",
                b9.tfr_quiescenza_altri_costi,
                b9.somma_cde,
                "B9c + B9d + B9e",
            )
            yield from _totale(
                ctx,
                anno,
                ("costi_produzione", "personale", "totale"),
                "Costi per il personale (B9)",
                b9.totale,
                b9.somma_voci,
                "salari e stipendi + oneri sociali + TFR, quiescenza e altri costi",
                b9.somme,
            )
        b10 = b.ammortamenti_svalutazioni
        if b10 is not None:
            yield from _totale(
                ctx,
                anno,
                (
                    "costi_produzione",
                    "ammortamenti_svalutazioni",
                    "ammortamenti_svalutazioni_immobilizzazioni",
                ),
                "Ammortamenti e svalutazioni delle immobilizzazioni (B10a+b+c)",
                b10.ammortamenti_svalutazioni_immobilizzazioni,
                b10.somma_abc,
                "B10a + B10b + B10c",
            )
            yield from _totale(
                ctx,
                anno,
                ("costi_produzione", "ammortamenti_svalutazioni", "totale"),
                "Ammortamenti e svalutazioni (B10)",
                b10.totale,
                b10.somma_voci,
                "B10a + B10b + B10c + B10d",
                b10.somme,
            )
        yield from _totale(
            ctx,
            anno,
            ("costi_produzione", "totale"),
            "Costi della produzione (B)",
            b.totale,
            b.somma_voci,
            "B6 + B7 + B8 + B9 + B10 + B11 + B12 + B13 + B14",
            b.somme,
        )


@regola(
    "CONTO-ECONOMICO-C",
    "Proventi e oneri finanziari (C)",
    Gravita.ERRORE,
    "aritmetica (art. 2425 c.c.): C = C15 + C16 - C17 ± C17-bis",
)
def conto_economico_c(ctx: Contesto) -> Iterator[Problema]:
    """Financial income and charges (C) are the sum of their lines, interest (C17) subtracted."""
    for anno, ce in _conti(ctx):
        c = ce.proventi_oneri_finanziari
        if c is None:
            continue
        yield from _totale(
            ctx,
            anno,
            ("proventi_oneri_finanziari", "totale"),
            "Proventi e oneri finanziari (C)",
            c.totale,
            c.somma_voci,
            "C15 + C16 - C17 ± C17-bis",
        )


@regola(
    "CONTO-ECONOMICO-RISULTATI",
    "Risultati del conto economico",
    Gravita.ERRORE,
    "aritmetica (art. 2425 c.c.): A-B = A - B; risultato prima delle imposte = (A-B) + C + D; "
    "utile (perdita) dell'esercizio (21) = risultato prima delle imposte - imposte (20)",
)
def conto_economico_risultati(ctx: Contesto) -> Iterator[Problema]:
    """A-B, the result before taxes and the result follow from the totals above them."""
    for anno, ce in _conti(ctx):
        a, b = ce.totale_a, ce.totale_b
        yield from _totale(
            ctx,
            anno,
            ("differenza_valore_costi",),
            "Differenza tra valore e costi della produzione (A-B)",
            ce.differenza_valore_costi,
            None if a is None or b is None else a - b,
            f"A {euro(a)} - B {euro(b)}",
            ce.differenze,
        )
        c, d = ce.totale_c, ce.rettifiche_attivita_passivita_finanziarie
        differenza = ce.differenza
        prima = None if differenza is None or c is None or d is None else differenza + c + d
        yield from _totale(
            ctx,
            anno,
            ("risultato_prima_imposte",),
            "Risultato prima delle imposte",
            ce.risultato_prima_imposte,
            prima,
            f"(A-B) {euro(differenza)} + C {euro(c)} + D {euro(d)}",
            ce.prime_imposte,
        )
        prima = ce.prima_imposte
        yield from _totale(
            ctx,
            anno,
            ("utile_perdita_esercizio",),
            "Utile (perdita) dell'esercizio (21)",
            ce.utile_perdita_esercizio,
            None if prima is None or ce.imposte is None else prima - ce.imposte,
            f"risultato prima delle imposte {euro(prima)} - imposte {euro(ce.imposte)}",
            ce.risultati,
        )


@regola(
    "CONTO-ECONOMICO-VOCI",
    "Dati di sintesi e conto economico",
    Gravita.ERRORE,
    "coerenza: una voce di sintesi di «economia» (valore della produzione, costi del personale, "
    "risultato...) scritta anche nel conto economico ha lo stesso importo",
)
def conto_economico_voci(ctx: Contesto) -> Iterator[Problema]:
    """A key figure written both flat and in ``conto_economico`` has the same amount in both."""
    for anno, dati in ctx.anni():
        eco = _economia(dati)
        if eco is None or eco.conto_economico is None:
            continue
        for chiave, (voce, valore, valori) in VOCI_SINTESI.items():
            sintesi = getattr(eco, chiave)
            if chiave not in eco.model_fields_set or sintesi is None:
                continue
            cee = valore(eco.conto_economico)
            ammessi = valori(eco.conto_economico)
            if cee is not None and not any(coincide(sintesi, v) for v in ammessi):
                titolo = type(eco).model_fields[chiave].title
                yield ctx.problema(
                    f"{titolo} {anno}: {euro(sintesi)}, ma nel conto economico «{voce}» è {euro(cee)}.",
                    anno=anno,
                    percorso=("economia", chiave),
                    trovato=euro(sintesi),
                    atteso=euro(cee),
                )


__all__ = ["n"]
