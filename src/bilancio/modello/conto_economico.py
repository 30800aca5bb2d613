"""Sezione 6 — the CEE income statement (art. 2425 c.c., as amended by d.lgs. 139/2015).

The ``conto_economico`` block of ``economia``: the lines of the annual accounts an
accountant copies (or an XBRL import fills), each naming its itcc-ci element.
"""

from collections.abc import Callable
from decimal import Decimal
from itertools import product

from pydantic import Field

from .comuni import Euro, EuroConSegno, Modello

# No section E (extraordinary items) since d.lgs. 139/2015.
#
# Every line is optional, and a line not written is unknown, not zero: write 0 for a line the
# accounts show as zero or "-". A block's total is computed from its lines only when every
# line is known (``somma_voci``); a written total is checked against it (rules
# CONTO-ECONOMICO-*). Costs are written as positive amounts, as the accounts print them.
# XBRL names: the domain brief's, checked against several independent public mappings of
# deposited itcc-ci instances; those marked "(da verificare)" were not found in any and
# follow the taxonomy's naming pattern (the taxonomy files themselves were not at hand).


def somma_voci_note(*parti: Decimal | None) -> Decimal | None:
    """The sum of the parts, or None (unknown) when any part is unknown (never summed as 0)."""
    if any(p is None for p in parti):
        return None
    return sum((p for p in parti if p is not None), Decimal(0))


def _una_delle(dettaglio: Decimal | None, aggregata: Decimal | None) -> Decimal | None:
    return dettaglio if dettaglio is not None else aggregata


# The rules accept a written total when it matches the sum of the lines taken either way:
# with each sub-total as written or as computed from its own lines. So one wrong sub-total
# is reported once, at its place, not again at every total above it.


def _uno(valore: Decimal | None) -> set[Decimal]:
    return set() if valore is None else {valore}


def _combina(*gruppi: set[Decimal]) -> set[Decimal]:
    """Every sum taking one value from each group; empty when a group is (an unknown part)."""
    if any(not g for g in gruppi):
        return set()
    return {sum(scelta, Decimal(0)) for scelta in product(*gruppi)}


class _Blocco(Modello):
    """A block of the statement: its lines, and a total written or computed from them.

    Each block declares its own ``totale`` field (title and XBRL element of its own); the
    base holds no field, so the blocks' fields keep the statement's order.
    """

    @property
    def _totale(self) -> Decimal | None:
        totale: Decimal | None = getattr(self, "totale")  # noqa: B009 - declared by each block
        return totale

    @property
    def somma_voci(self) -> Decimal | None:
        """The sum of the lines, unknown when any line is."""
        raise NotImplementedError

    @property
    def somme(self) -> set[Decimal]:
        """The sums of the lines, each sub-total taken as written or as computed."""
        return _uno(self.somma_voci)

    @property
    def valori(self) -> set[Decimal]:
        """Every value the block may stand for: its written total and its sums."""
        return _uno(self._totale) | self.somme

    @property
    def valore(self) -> Decimal | None:
        """The written total, else the sum of the lines."""
        return self._totale if self._totale is not None else self.somma_voci


class AltriRicaviProventi(_Blocco):
    """A5 — Altri ricavi e proventi."""

    contributi_conto_esercizio: Euro | None = Field(
        default=None,
        title="Contributi in conto esercizio (A5)",
        description="XBRL itcc-ci: ValoreProduzioneAltriRicaviProventiContributiContoEsercizio",
    )
    altri: Euro | None = Field(
        default=None,
        title="Altri ricavi e proventi, altri (A5)",
        description="XBRL itcc-ci: ValoreProduzioneAltriRicaviProventiAltri",
    )
    totale: Euro | None = Field(
        default=None,
        title="Totale altri ricavi e proventi (A5)",
        description="XBRL itcc-ci: ValoreProduzioneAltriRicaviProventiTotaleAltriRicaviProventi",
    )

    @property
    def somma_voci(self) -> Decimal | None:
        return somma_voci_note(self.contributi_conto_esercizio, self.altri)


class ValoreProduzione(_Blocco):
    """A — Valore della produzione."""

    ricavi_vendite_prestazioni: Euro | None = Field(
        default=None,
        title="Ricavi delle vendite e delle prestazioni (A1)",
        description="XBRL itcc-ci: ValoreProduzioneRicaviVenditePrestazioni",
    )
    variazioni_rimanenze_prodotti: EuroConSegno | None = Field(
        default=None,
        title="Variazioni delle rimanenze di prodotti in corso di lavorazione, semilavorati e finiti (A2)",
        description="XBRL itcc-ci: ValoreProduzioneVariazioniRimanenzeProdottiCorsoLavorazioneSemilavoratiFiniti",
    )
    variazioni_lavori_in_corso: EuroConSegno | None = Field(
        default=None,
        title="Variazioni dei lavori in corso su ordinazione (A3)",
        description="XBRL itcc-ci: ValoreProduzioneVariazioniLavoriCorsoOrdinazione",
    )
    incrementi_immobilizzazioni: Euro | None = Field(
        default=None,
        title="Incrementi di immobilizzazioni per lavori interni (A4)",
        description="XBRL itcc-ci: ValoreProduzioneIncrementiImmobilizzazioniLavoriInterni",
    )
    altri_ricavi_proventi: AltriRicaviProventi | None = Field(
        default=None, title="Altri ricavi e proventi (A5)"
    )
    totale: Euro | None = Field(
        default=None,
        title="Totale valore della produzione (A)",
        description="XBRL itcc-ci: TotaleValoreProduzione",
    )

    @property
    def somma_voci(self) -> Decimal | None:
        a5 = self.altri_ricavi_proventi.valore if self.altri_ricavi_proventi else None
        return somma_voci_note(
            self.ricavi_vendite_prestazioni,
            self.variazioni_rimanenze_prodotti,
            self.variazioni_lavori_in_corso,
            self.incrementi_immobilizzazioni,
            a5,
        )

    @property
    def somme(self) -> set[Decimal]:
        return _combina(
            _uno(self.ricavi_vendite_prestazioni),
            _uno(self.variazioni_rimanenze_prodotti),
            _uno(self.variazioni_lavori_in_corso),
            _uno(self.incrementi_immobilizzazioni),
            self.altri_ricavi_proventi.valori if self.altri_ricavi_proventi else set(),
        )


class CostiPersonale(_Blocco):
    """B9 — Costi per il personale. The abbreviated accounts give c+d+e as one line."""

    salari_stipendi: Euro | None = Field(
        default=None,
        title="Salari e stipendi (B9a)",
        description="XBRL itcc-ci: CostiProduzionePersonaleSalariStipendi",
    )
    oneri_sociali: Euro | None = Field(
        default=None,
        title="Oneri sociali (B9b)",
        description="XBRL itcc-ci: CostiProduzionePersonaleOneriSociali",
    )
    trattamento_fine_rapporto: Euro | None = Field(
        default=None,
        title="Trattamento di fine rapporto (B9c)",
        description="XBRL itcc-ci: CostiProduzionePersonaleTrattamentoFineRapporto",
    )
    trattamento_quiescenza: Euro | None = Field(
        default=None,
        title="Trattamento di quiescenza e simili (B9d)",
        description="XBRL itcc-ci: CostiProduzionePersonaleTrattamentoQuiescenzaSimili (da verificare)",
    )
    altri_costi: Euro | None = Field(
        default=None,
        title="Altri costi del personale (B9e)",
        description="XBRL itcc-ci: CostiProduzionePersonaleAltriCosti",
    )
    tfr_quiescenza_altri_costi: Euro | None = Field(
        default=None,
        title="Trattamento di fine rapporto, di quiescenza e altri costi (B9c+d+e, bilancio abbreviato)",
        description="XBRL itcc-ci: CostiProduzionePersonaleTrattamentoFineRapportoTrattamentoQuiescenzaAltriCostiPersonale",
    )
    totale: Euro | None = Field(
        default=None,
        title="Totale costi per il personale (B9)",
        description="XBRL itcc-ci: CostiProduzionePersonaleTotaleCostiPersonale",
    )

    @property
    def somma_cde(self) -> Decimal | None:
        return somma_voci_note(
            self.trattamento_fine_rapporto, self.trattamento_quiescenza, self.altri_costi
        )

    @property
    def somma_voci(self) -> Decimal | None:
        cde = _una_delle(self.somma_cde, self.tfr_quiescenza_altri_costi)
        return somma_voci_note(self.salari_stipendi, self.oneri_sociali, cde)

    @property
    def somme(self) -> set[Decimal]:
        cde = _uno(self.somma_cde) | _uno(self.tfr_quiescenza_altri_costi)
        return _combina(_uno(self.salari_stipendi), _uno(self.oneri_sociali), cde)


class AmmortamentiSvalutazioni(_Blocco):
    """B10 — Ammortamenti e svalutazioni. The abbreviated accounts give a+b+c as one line."""

    ammortamento_immateriali: Euro | None = Field(
        default=None,
        title="Ammortamento delle immobilizzazioni immateriali (B10a)",
        description="XBRL itcc-ci: CostiProduzioneAmmortamentiSvalutazioniAmmortamentoImmobilizzazioniImmateriali",
    )
    ammortamento_materiali: Euro | None = Field(
        default=None,
        title="Ammortamento delle immobilizzazioni materiali (B10b)",
        description="XBRL itcc-ci: CostiProduzioneAmmortamentiSvalutazioniAmmortamentoImmobilizzazioniMateriali",
    )
    altre_svalutazioni_immobilizzazioni: Euro | None = Field(
        default=None,
        title="Altre svalutazioni delle immobilizzazioni (B10c)",
        description="XBRL itcc-ci: CostiProduzioneAmmortamentiSvalutazioniAltreSvalutazioniImmobilizzazioni (da verificare)",
    )
    svalutazione_crediti: Euro | None = Field(
        default=None,
        title="Svalutazioni dei crediti compresi nell'attivo circolante e delle disponibilità liquide (B10d)",
        description="XBRL itcc-ci: CostiProduzioneAmmortamentiSvalutazioniSvalutazioniCreditiCompresiAttivoCircolanteDisponibilitaLiquide (da verificare)",
    )
    ammortamenti_svalutazioni_immobilizzazioni: Euro | None = Field(
        default=None,
        title="Ammortamenti e svalutazioni delle immobilizzazioni (B10a+b+c, bilancio abbreviato)",
        description="XBRL itcc-ci: CostiProduzioneAmmortamentiSvalutazioniAmmortamentoImmobilizzazioniImmaterialiMaterialiAltreSvalutazioniImmobilizzazioni",
    )
    totale: Euro | None = Field(
        default=None,
        title="Totale ammortamenti e svalutazioni (B10)",
        description="XBRL itcc-ci: CostiProduzioneAmmortamentiSvalutazioniTotaleAmmortamentiSvalutazioni",
    )

    @property
    def somma_abc(self) -> Decimal | None:
        return somma_voci_note(
            self.ammortamento_immateriali,
            self.ammortamento_materiali,
            self.altre_svalutazioni_immobilizzazioni,
        )

    @property
    def somma_voci(self) -> Decimal | None:
        abc = _una_delle(self.somma_abc, self.ammortamenti_svalutazioni_immobilizzazioni)
        return somma_voci_note(abc, self.svalutazione_crediti)

    @property
    def somme(self) -> set[Decimal]:
        abc = _uno(self.somma_abc) | _uno(self.ammortamenti_svalutazioni_immobilizzazioni)
        return _combina(abc, _uno(self.svalutazione_crediti))


class CostiProduzione(_Blocco):
    """B — Costi della produzione."""

    materie_prime: Euro | None = Field(
        default=None,
        title="Per materie prime, sussidiarie, di consumo e di merci (B6)",
        description="XBRL itcc-ci: CostiProduzioneMateriePrimeSussidiarieConsumoMerci",
    )
    servizi: Euro | None = Field(
        default=None,
        title="Per servizi (B7)",
        description="XBRL itcc-ci: CostiProduzioneServizi",
    )
    godimento_beni_terzi: Euro | None = Field(
        default=None,
        title="Per godimento di beni di terzi (B8)",
        description="XBRL itcc-ci: CostiProduzioneGodimentoBeniTerzi",
    )
    personale: CostiPersonale | None = Field(default=None, title="Per il personale (B9)")
    ammortamenti_svalutazioni: AmmortamentiSvalutazioni | None = Field(
        default=None, title="Ammortamenti e svalutazioni (B10)"
    )
    variazioni_rimanenze_materie: EuroConSegno | None = Field(
        default=None,
        title="Variazioni delle rimanenze di materie prime, sussidiarie, di consumo e merci (B11)",
        description="XBRL itcc-ci: CostiProduzioneVariazioniRimanenzeMateriePrimeSussidiarieConsumoMerci",
    )
    accantonamenti_rischi: Euro | None = Field(
        default=None,
        title="Accantonamenti per rischi (B12)",
        description="XBRL itcc-ci: CostiProduzioneAccantonamentiRischi",
    )
    altri_accantonamenti: Euro | None = Field(
        default=None,
        title="Altri accantonamenti (B13)",
        description="XBRL itcc-ci: CostiProduzioneAltriAccantonamenti",
    )
    oneri_diversi_gestione: Euro | None = Field(
        default=None,
        title="Oneri diversi di gestione (B14)",
        description="XBRL itcc-ci: CostiProduzioneOneriDiversiGestione",
    )
    totale: Euro | None = Field(
        default=None,
        title="Totale costi della produzione (B)",
        description="XBRL itcc-ci: TotaleCostiProduzione",
    )

    @property
    def somma_voci(self) -> Decimal | None:
        return somma_voci_note(
            self.materie_prime,
            self.servizi,
            self.godimento_beni_terzi,
            self.personale.valore if self.personale else None,
            self.ammortamenti_svalutazioni.valore if self.ammortamenti_svalutazioni else None,
            self.variazioni_rimanenze_materie,
            self.accantonamenti_rischi,
            self.altri_accantonamenti,
            self.oneri_diversi_gestione,
        )

    @property
    def somme(self) -> set[Decimal]:
        return _combina(
            _uno(self.materie_prime),
            _uno(self.servizi),
            _uno(self.godimento_beni_terzi),
            self.personale.valori if self.personale else set(),
            self.ammortamenti_svalutazioni.valori if self.ammortamenti_svalutazioni else set(),
            _uno(self.variazioni_rimanenze_materie),
            _uno(self.accantonamenti_rischi),
            _uno(self.altri_accantonamenti),
            _uno(self.oneri_diversi_gestione),
        )


class ProventiOneriFinanziari(_Blocco):
    """C — Proventi e oneri finanziari. Interest and other charges (C17) are written positive."""

    proventi_partecipazioni: Euro | None = Field(
        default=None,
        title="Proventi da partecipazioni (C15)",
        description="XBRL itcc-ci: ProventiOneriFinanziariProventiPartecipazioniTotaleProventiPartecipazioni",
    )
    altri_proventi_finanziari: Euro | None = Field(
        default=None,
        title="Altri proventi finanziari (C16)",
        description="XBRL itcc-ci: ProventiOneriFinanziariAltriProventiFinanziariTotaleAltriProventiFinanziari",
    )
    interessi_oneri_finanziari: Euro | None = Field(
        default=None,
        title="Interessi e altri oneri finanziari (C17)",
        description="Importo positivo, si sottrae (XBRL itcc-ci: "
        "ProventiOneriFinanziariInteressiAltriOneriFinanziariTotaleInteressiAltriOneriFinanziari)",
    )
    utili_perdite_cambi: EuroConSegno | None = Field(
        default=None,
        title="Utili e perdite su cambi (C17-bis)",
        description="XBRL itcc-ci: ProventiOneriFinanziariUtiliPerditeCambi",
    )
    totale: EuroConSegno | None = Field(
        default=None,
        title="Totale proventi e oneri finanziari (C)",
        description="C15 + C16 - C17 ± C17-bis (XBRL itcc-ci: TotaleProventiOneriFinanziari)",
    )

    @property
    def somma_voci(self) -> Decimal | None:
        parti = somma_voci_note(
            self.proventi_partecipazioni, self.altri_proventi_finanziari, self.utili_perdite_cambi
        )
        if parti is None or self.interessi_oneri_finanziari is None:
            return None
        return parti - self.interessi_oneri_finanziari

    @property
    def somme(self) -> set[Decimal]:
        return _uno(self.somma_voci)


class ContoEconomico(Modello):
    """Conto economico in the CEE form of art. 2425 c.c. (d.lgs. 139/2015: no section E).

    The XBRL import fills this block. The key figures of ``economia`` (``valore_produzione``,
    ``costo_personale``, ``costi_servizi``, ``risultato_gestione``, ``risultato_esercizio``...)
    are the same lines: when one is not written it is taken from here, when both are written
    they must agree (rule CONTO-ECONOMICO-VOCI).
    """

    valore_produzione: ValoreProduzione | None = Field(
        default=None, title="Valore della produzione (A)"
    )
    costi_produzione: CostiProduzione | None = Field(
        default=None, title="Costi della produzione (B)"
    )
    differenza_valore_costi: EuroConSegno | None = Field(
        default=None,
        title="Differenza tra valore e costi della produzione (A-B)",
        description="XBRL itcc-ci: DifferenzaValoreCostiProduzione",
    )
    proventi_oneri_finanziari: ProventiOneriFinanziari | None = Field(
        default=None, title="Proventi e oneri finanziari (C)"
    )
    rettifiche_attivita_passivita_finanziarie: EuroConSegno | None = Field(
        default=None,
        title="Totale rettifiche di valore di attività e passività finanziarie (D)",
        description="Rivalutazioni meno svalutazioni (XBRL itcc-ci: TotaleRettificheValoreAttivitaPassivitaFinanziarie)",
    )
    risultato_prima_imposte: EuroConSegno | None = Field(
        default=None,
        title="Risultato prima delle imposte (A-B±C±D)",
        description="XBRL itcc-ci: RisultatoPrimaImposte",
    )
    imposte: EuroConSegno | None = Field(
        default=None,
        title="Imposte sul reddito dell'esercizio, correnti, differite e anticipate (20)",
        description="XBRL itcc-ci: "
        "ImposteRedditoEsercizioCorrentiDifferiteAnticipateTotaleImposteRedditoEsercizioCorrentiDifferiteAnticipate",
    )
    utile_perdita_esercizio: EuroConSegno | None = Field(
        default=None,
        title="Utile (perdita) dell'esercizio (21)",
        description="XBRL itcc-ci: UtilePerditaEsercizio",
    )

    @property
    def totale_a(self) -> Decimal | None:
        return self.valore_produzione.valore if self.valore_produzione else None

    @property
    def totale_b(self) -> Decimal | None:
        return self.costi_produzione.valore if self.costi_produzione else None

    @property
    def totale_c(self) -> Decimal | None:
        return self.proventi_oneri_finanziari.valore if self.proventi_oneri_finanziari else None

    @property
    def differenza(self) -> Decimal | None:
        """A-B as written, else computed from the totals A and B."""
        if self.differenza_valore_costi is not None:
            return self.differenza_valore_costi
        a, b = self.totale_a, self.totale_b
        return None if a is None or b is None else a - b

    @property
    def prima_imposte(self) -> Decimal | None:
        """The result before taxes as written, else (A-B) + C + D when all are known."""
        if self.risultato_prima_imposte is not None:
            return self.risultato_prima_imposte
        return somma_voci_note(
            self.differenza, self.totale_c, self.rettifiche_attivita_passivita_finanziarie
        )

    @property
    def risultato(self) -> Decimal | None:
        """The result (21) as written, else result before taxes - taxes."""
        if self.utile_perdita_esercizio is not None:
            return self.utile_perdita_esercizio
        prima = self.prima_imposte
        return None if prima is None or self.imposte is None else prima - self.imposte

    # every value each result may take (written, or from the totals above taken either way)

    @property
    def differenze(self) -> set[Decimal]:
        """A - B from the totals A and B."""
        a = self.valore_produzione.valori if self.valore_produzione else set()
        b = self.costi_produzione.valori if self.costi_produzione else set()
        return {x - y for x in a for y in b}

    @property
    def valori_differenza(self) -> set[Decimal]:
        return _uno(self.differenza_valore_costi) | self.differenze

    @property
    def prime_imposte(self) -> set[Decimal]:
        """(A-B) + C + D."""
        return _combina(
            self.valori_differenza,
            self.proventi_oneri_finanziari.valori if self.proventi_oneri_finanziari else set(),
            _uno(self.rettifiche_attivita_passivita_finanziarie),
        )

    @property
    def valori_prima_imposte(self) -> set[Decimal]:
        return _uno(self.risultato_prima_imposte) | self.prime_imposte

    @property
    def risultati(self) -> set[Decimal]:
        """Result before taxes - taxes."""
        if self.imposte is None:
            return set()
        return {p - self.imposte for p in self.valori_prima_imposte}

    @property
    def valori_risultato(self) -> set[Decimal]:
        return _uno(self.utile_perdita_esercizio) | self.risultati

    def linea(self, percorso: tuple[str, ...]) -> Decimal | None:
        """The value of a line by its path in this block, e.g. ``("costi_produzione", "servizi")``."""
        valore: object = self
        for parte in percorso:
            if valore is None:
                return None
            valore = getattr(valore, parte)
        return valore if isinstance(valore, Decimal) else None


# The key figures of ``economia`` that are lines of the CEE income statement: flat key ->
# (the line's title, its value in ``conto_economico`` as written or else computed, every
# value it may take: see ``_combina``).
_Valore = Callable[["ContoEconomico"], Decimal | None]
_Valori = Callable[["ContoEconomico"], set[Decimal]]


def _linea(*percorso: str) -> tuple[_Valore, _Valori]:
    return (lambda ce: ce.linea(percorso)), (lambda ce: _uno(ce.linea(percorso)))


def _personale(ce: ContoEconomico) -> CostiPersonale | None:
    return ce.costi_produzione.personale if ce.costi_produzione else None


VOCI_SINTESI: dict[str, tuple[str, _Valore, _Valori]] = {
    "valore_produzione": (
        "Totale valore della produzione (A)",
        lambda ce: ce.totale_a,
        lambda ce: ce.valore_produzione.valori if ce.valore_produzione else set(),
    ),
    "ricavi_vendite_prestazioni": (
        "Ricavi delle vendite e delle prestazioni (A1)",
        *_linea("valore_produzione", "ricavi_vendite_prestazioni"),
    ),
    "contributi_conto_esercizio": (
        "Contributi in conto esercizio (A5)",
        *_linea("valore_produzione", "altri_ricavi_proventi", "contributi_conto_esercizio"),
    ),
    "costi_servizi": ("Per servizi (B7)", *_linea("costi_produzione", "servizi")),
    "costi_produzione": (
        "Totale costi della produzione (B)",
        lambda ce: ce.totale_b,
        lambda ce: ce.costi_produzione.valori if ce.costi_produzione else set(),
    ),
    "costo_personale": (
        "Totale costi per il personale (B9)",
        lambda ce: p.valore if (p := _personale(ce)) else None,
        lambda ce: p.valori if (p := _personale(ce)) else set(),
    ),
    "risultato_gestione": (
        "Differenza tra valore e costi della produzione (A-B)",
        lambda ce: ce.differenza,
        lambda ce: ce.valori_differenza,
    ),
    "risultato_esercizio": (
        "Utile (perdita) dell'esercizio (21)",
        lambda ce: ce.risultato,
        lambda ce: ce.valori_risultato,
    ),
}
VOCI_CON_SEGNO = frozenset({"risultato_gestione", "risultato_esercizio"})
