"""Sezione 6 — Situazione economico-finanziaria (DM §6.6).

Figures come from the annual accounts ("bilancio CEE"); the XBRL element of the Italian
GAAP taxonomy (itcc-ci) is given in each field's description, so an accountant knows
exactly which line to copy.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from itertools import product
from typing import ClassVar

from pydantic import Field, model_validator

from .comuni import Etichettato, Euro, EuroConSegno, Modello, Percentuale, Testo, voce


class RicaviPerFonte(Modello):
    """Where revenues come from, public and private shown separately (DM §6.6)."""

    contributi_pubblici: Euro | None = Field(default=None, title="Contributi pubblici")
    enti_pubblici_servizi_sociali: Euro | None = Field(
        default=None,
        title="Ricavi da enti pubblici per servizi sociali, socio-sanitari e socio-educativi",
    )
    enti_pubblici_altri_servizi: Euro | None = Field(
        default=None,
        title="Ricavi da enti pubblici per altri servizi (manutenzione verde, pulizie...)",
    )
    contributi_privati: Euro | None = Field(default=None, title="Contributi privati")
    privati_cittadini: Euro | None = Field(
        default=None, title="Ricavi da privati cittadini (inclusa quota di cofinanziamento)"
    )
    privati_imprese: Euro | None = Field(default=None, title="Ricavi da privati - imprese")
    privati_non_profit: Euro | None = Field(default=None, title="Ricavi da privati - non profit")
    consorzi_cooperative: Euro | None = Field(
        default=None, title="Ricavi da consorzi e/o altre cooperative"
    )
    altri: Euro | None = Field(default=None, title="Ricavi da altri")

    PUBBLICHE: ClassVar[tuple[str, ...]] = (
        "contributi_pubblici",
        "enti_pubblici_servizi_sociali",
        "enti_pubblici_altri_servizi",
    )

    def voci(self) -> dict[str, Decimal]:
        return {
            k: getattr(self, k) for k in type(self).model_fields if getattr(self, k) is not None
        }

    @property
    def totale(self) -> Decimal:
        return sum(self.voci().values(), Decimal(0))

    @property
    def pubbliche(self) -> Decimal:
        return sum((v for k, v in self.voci().items() if k in self.PUBBLICHE), Decimal(0))

    @property
    def private(self) -> Decimal:
        return self.totale - self.pubbliche


class TipologiaRicavo(Etichettato):
    VENDITA_MERCI = ("vendita_merci", "Vendita merci")
    PRESTAZIONI_SERVIZIO = ("prestazioni_servizio", "Prestazioni di servizio")
    LAVORAZIONE_CONTO_TERZI = ("lavorazione_conto_terzi", "Lavorazione conto terzi")
    RETTE_UTENTI = ("rette_utenti", "Rette utenti")
    ALTRI_RICAVI = ("altri_ricavi", "Altri ricavi")
    CONTRIBUTI_OFFERTE = ("contributi_offerte", "Contributi e offerte")
    GRANTS = ("grants_progettazione", "Grants e progettazione")
    ALTRO = ("altro", "Altro")


class RicavoPerTipologia(Modello):
    tipologia: TipologiaRicavo = Field(title="Tipologia di entrata")
    pubblico: Euro = Field(default=Decimal(0), title="Da enti pubblici")
    privato: Euro = Field(default=Decimal(0), title="Da enti privati")
    totale: Euro | None = Field(default=None, title="Totale (dichiarato)")

    @property
    def somma(self) -> Decimal:
        return self.pubblico + self.privato


# --- the CEE income statement (art. 2425 c.c., as amended by d.lgs. 139/2015: no section E) ---
#
# Every line is optional, and a line not written is unknown, not zero: write 0 for a line the
# accounts show as zero or "-". A block's total is computed from its lines only when every
# line is known (``somma_voci``); a written total is checked against it (rules
# CONTO-ECONOMICO-*). Costs are written as positive amounts, as the accounts print them.
# XBRL names marked "(da verificare)" were not found in the itcc-ci taxonomy files.


def _somma(*parti: Decimal | None) -> Decimal | None:
    """The sum of the parts, or None (unknown) when any part is unknown."""
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


class AltriRicaviProventi(Modello):
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
        return _somma(self.contributi_conto_esercizio, self.altri)

    @property
    def somme(self) -> set[Decimal]:
        return _uno(self.somma_voci)

    @property
    def valori(self) -> set[Decimal]:
        return _uno(self.totale) | self.somme

    @property
    def valore(self) -> Decimal | None:
        return self.totale if self.totale is not None else self.somma_voci


class ValoreProduzione(Modello):
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
        return _somma(
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

    @property
    def valori(self) -> set[Decimal]:
        return _uno(self.totale) | self.somme

    @property
    def valore(self) -> Decimal | None:
        return self.totale if self.totale is not None else self.somma_voci


class CostiPersonale(Modello):
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
        return _somma(self.trattamento_fine_rapporto, self.trattamento_quiescenza, self.altri_costi)

    @property
    def somma_voci(self) -> Decimal | None:
        cde = _una_delle(self.somma_cde, self.tfr_quiescenza_altri_costi)
        return _somma(self.salari_stipendi, self.oneri_sociali, cde)

    @property
    def somme(self) -> set[Decimal]:
        cde = _uno(self.somma_cde) | _uno(self.tfr_quiescenza_altri_costi)
        return _combina(_uno(self.salari_stipendi), _uno(self.oneri_sociali), cde)

    @property
    def valori(self) -> set[Decimal]:
        return _uno(self.totale) | self.somme

    @property
    def valore(self) -> Decimal | None:
        return self.totale if self.totale is not None else self.somma_voci


class AmmortamentiSvalutazioni(Modello):
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
        return _somma(
            self.ammortamento_immateriali,
            self.ammortamento_materiali,
            self.altre_svalutazioni_immobilizzazioni,
        )

    @property
    def somma_voci(self) -> Decimal | None:
        abc = _una_delle(self.somma_abc, self.ammortamenti_svalutazioni_immobilizzazioni)
        return _somma(abc, self.svalutazione_crediti)

    @property
    def somme(self) -> set[Decimal]:
        abc = _uno(self.somma_abc) | _uno(self.ammortamenti_svalutazioni_immobilizzazioni)
        return _combina(abc, _uno(self.svalutazione_crediti))

    @property
    def valori(self) -> set[Decimal]:
        return _uno(self.totale) | self.somme

    @property
    def valore(self) -> Decimal | None:
        return self.totale if self.totale is not None else self.somma_voci


class CostiProduzione(Modello):
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
        return _somma(
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

    @property
    def valori(self) -> set[Decimal]:
        return _uno(self.totale) | self.somme

    @property
    def valore(self) -> Decimal | None:
        return self.totale if self.totale is not None else self.somma_voci


class ProventiOneriFinanziari(Modello):
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
        parti = _somma(
            self.proventi_partecipazioni, self.altri_proventi_finanziari, self.utili_perdite_cambi
        )
        if parti is None or self.interessi_oneri_finanziari is None:
            return None
        return parti - self.interessi_oneri_finanziari

    @property
    def somme(self) -> set[Decimal]:
        return _uno(self.somma_voci)

    @property
    def valori(self) -> set[Decimal]:
        return _uno(self.totale) | self.somme

    @property
    def valore(self) -> Decimal | None:
        return self.totale if self.totale is not None else self.somma_voci


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
        return _somma(
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

    def voce(self, percorso: tuple[str, ...]) -> Decimal | None:
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
    return (lambda ce: ce.voce(percorso)), (lambda ce: _uno(ce.voce(percorso)))


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
_VOCI_CON_SEGNO = frozenset({"risultato_gestione", "risultato_esercizio"})


class Patrimonio(Modello):
    """Patrimonio netto (art. 2424 c.c., passivo A). ``riserve`` is the total of II-VIII and X;
    the reserves by kind are optional and, when every one is given, add up to it."""

    capitale_sociale: Euro | None = Field(
        default=None,
        title="Capitale sociale",
        description="A.I (XBRL itcc-ci: PatrimonioNettoCapitale)",
    )
    riserva_soprapprezzo: Euro | None = Field(
        default=None,
        title="Riserva da soprapprezzo delle azioni (A.II)",
        description="XBRL itcc-ci: PatrimonioNettoRiservaSoprapprezzoAzioni (da verificare)",
    )
    riserve_rivalutazione: Euro | None = Field(
        default=None,
        title="Riserve di rivalutazione (A.III)",
        description="XBRL itcc-ci: PatrimonioNettoRiserveRivalutazione (da verificare)",
    )
    riserva_legale: Euro | None = Field(
        default=None,
        title="Riserva legale (A.IV)",
        description="XBRL itcc-ci: PatrimonioNettoRiservaLegale",
    )
    riserve_statutarie: Euro | None = Field(
        default=None,
        title="Riserve statutarie (A.V)",
        description="XBRL itcc-ci: PatrimonioNettoRiserveStatutarie (da verificare)",
    )
    altre_riserve: EuroConSegno | None = Field(
        default=None,
        title="Altre riserve, distintamente indicate (A.VI)",
        description="XBRL itcc-ci: PatrimonioNettoAltreRiserveDistintamenteIndicateTotaleAltreRiserve",
    )
    riserva_copertura_flussi: EuroConSegno | None = Field(
        default=None,
        title="Riserva per operazioni di copertura dei flussi finanziari attesi (A.VII)",
        description="XBRL itcc-ci: PatrimonioNettoRiservaOperazioniCoperturaFlussiFinanziariAttesi (da verificare)",
    )
    utili_perdite_portati_nuovo: EuroConSegno | None = Field(
        default=None,
        title="Utili (perdite) portati a nuovo (A.VIII)",
        description="XBRL itcc-ci: PatrimonioNettoUtiliPerditePortatiNuovo",
    )
    riserva_negativa_azioni_proprie: EuroConSegno | None = Field(
        default=None,
        title="Riserva negativa per azioni proprie in portafoglio (A.X)",
        description="Importo negativo, come in bilancio (XBRL itcc-ci: "
        "PatrimonioNettoRiservaNegativaAzioniProprieInPortafoglio, da verificare)",
    )
    riserve: EuroConSegno | None = Field(
        default=None,
        title="Totale riserve",
        description="Le riserve A.II-A.VIII e A.X; nel bilancio XBRL non c'è un totale",
    )
    utile_perdita: EuroConSegno | None = Field(
        default=None,
        title="Utile/perdita dell'esercizio",
        description="A.IX; se omesso vale il risultato netto d'esercizio "
        "(XBRL itcc-ci: PatrimonioNettoUtilePerditaEsercizio)",
    )
    patrimonio_netto: EuroConSegno | None = Field(
        default=None,
        title="Totale patrimonio netto",
        description="XBRL itcc-ci: TotalePatrimonioNetto",
    )

    RISERVE: ClassVar[tuple[str, ...]] = (
        "riserva_soprapprezzo",
        "riserve_rivalutazione",
        "riserva_legale",
        "riserve_statutarie",
        "altre_riserve",
        "riserva_copertura_flussi",
        "utili_perdite_portati_nuovo",
        "riserva_negativa_azioni_proprie",
    )

    @property
    def riserve_indicate(self) -> dict[str, Decimal]:
        """The reserves by kind that are written."""
        return {k: getattr(self, k) for k in self.RISERVE if getattr(self, k) is not None}

    @property
    def somma_riserve(self) -> Decimal | None:
        """The reserves by kind added up, when every kind is written (else unknown)."""
        return _somma(*(getattr(self, k) for k in self.RISERVE))

    @property
    def totale_riserve(self) -> Decimal | None:
        return self.riserve if self.riserve is not None else self.somma_riserve


class CapitalePerSocio(Modello):
    lavoratori: Euro | None = Field(
        default=None, title="Capitale versato da soci cooperatori lavoratori"
    )
    volontari: Euro | None = Field(
        default=None, title="Capitale versato da soci cooperatori volontari"
    )
    fruitori: Euro | None = Field(
        default=None, title="Capitale versato da soci cooperatori fruitori"
    )
    persone_giuridiche: Euro | None = Field(
        default=None, title="Capitale versato da soci persone giuridiche"
    )
    sovventori: Euro | None = Field(
        default=None, title="Capitale versato da soci sovventori/finanziatori"
    )

    @property
    def totale(self) -> Decimal:
        return sum((getattr(self, k) or Decimal(0) for k in type(self).model_fields), Decimal(0))


class RaccoltaFondi(Modello):
    descrizione: Testo = Field(title="Attività di raccolta fondi")
    finalita: str | None = Field(default=None, title="Finalità generali e specifiche")
    importo: Euro | None = Field(default=None, title="Importo raccolto")
    informazione_pubblico: str | None = Field(
        default=None, title="Strumenti per informare il pubblico sulle risorse raccolte"
    )


class RicaviEsclusi(Modello):
    """The revenues DM 22 giugno 2021 leaves out of the 70% ratio, numerator and denominator."""

    rendite_finanziarie_immobiliari: Euro | None = Field(
        default=None, title="Proventi da rendite finanziarie e immobiliari"
    )
    plusvalenze: Euro | None = Field(
        default=None, title="Plusvalenze di tipo finanziario o patrimoniale"
    )
    sopravvenienze_attive: Euro | None = Field(default=None, title="Sopravvenienze attive")
    enti_controllati_controllanti: Euro | None = Field(
        default=None,
        title="Ricavi da contratti o convenzioni con enti controllati o controllanti",
    )

    @property
    def voci(self) -> dict[str, Decimal]:
        return {
            k: getattr(self, k) for k in type(self).model_fields if getattr(self, k) is not None
        }

    @property
    def totale(self) -> Decimal:
        """The excluded items written; an item not written is not excluded."""
        return sum(self.voci.values(), Decimal(0))


class Economia(Modello):
    """Situazione economico-finanziaria."""

    valore_produzione: Euro | None = Field(
        default=None,
        title="Valore della produzione",
        description="Totale A del conto economico (XBRL: TotaleValoreProduzione)",
    )
    ricavi_vendite_prestazioni: Euro | None = Field(
        default=None,
        title="Ricavi delle vendite e delle prestazioni",
        description="A1 (XBRL: ValoreProduzioneRicaviVenditePrestazioni)",
    )
    contributi_conto_esercizio: Euro | None = Field(
        default=None,
        title="Altri ricavi e proventi: contributi in conto esercizio",
        description="A5 (XBRL: ValoreProduzioneAltriRicaviProventiContributiContoEsercizio)",
    )
    costo_personale: Euro | None = Field(
        default=None,
        title="Costi del personale",
        description="B9 (XBRL: CostiProduzionePersonaleTotaleCostiPersonale)",
    )
    costo_lavoro_in_servizi: Euro | None = Field(
        default=None,
        title="Costo del lavoro compreso nei costi per servizi",
        description="Compensi a lavoratori autonomi e collaboratori inclusi nella voce B7",
    )
    costi_servizi: Euro | None = Field(
        default=None, title="Costi per servizi", description="B7 (XBRL: CostiProduzioneServizi)"
    )
    risultato_gestione: EuroConSegno | None = Field(
        default=None,
        title="Utile (perdita) della produzione",
        description="Differenza tra valore e costi della produzione, A-B (XBRL: DifferenzaValoreCostiProduzione)",
    )
    risultato_esercizio: EuroConSegno | None = Field(
        default=None, title="Risultato netto d'esercizio", description="XBRL: UtilePerditaEsercizio"
    )
    ristorni: Euro | None = Field(default=None, title="Ristorni a conto economico")
    peso_costo_lavoro_dichiarato: Percentuale | None = Field(
        default=None, title="Peso del costo del lavoro sul valore della produzione (dichiarato, %)"
    )
    ricavi_per_fonte: voce(RicaviPerFonte) | None = Field(
        default=None, title="Ricavi per provenienza"
    )
    ricavi_per_tipologia: list[RicavoPerTipologia] = Field(
        default_factory=list, title="Fonti delle entrate per tipologia"
    )
    quota_pubblica_dichiarata: Percentuale | None = Field(
        default=None, title="Incidenza fonti pubbliche (dichiarata, %)"
    )
    quota_privata_dichiarata: Percentuale | None = Field(
        default=None, title="Incidenza fonti private (dichiarata, %)"
    )
    ricavi_attivita_interesse_generale: Euro | None = Field(
        default=None,
        title="Ricavi da attività di interesse generale",
        description="Per la verifica del 70% (art. 2 c.3 d.lgs. 112/2017, DM 22 giugno 2021): "
        "i ricavi generati direttamente dalle attività d'impresa di interesse generale, "
        "senza le voci escluse dal computo",
    )
    ricavi_complessivi: Euro | None = Field(
        default=None,
        title="Ricavi complessivi dell'impresa sociale",
        description="Denominatore della verifica del 70% (DM 22 giugno 2021), comprese le voci "
        "escluse indicate sotto, che lo strumento sottrae",
    )
    ricavi_esclusi_computo: RicaviEsclusi | None = Field(
        default=None,
        title="Ricavi esclusi dal computo del 70% (DM 22 giugno 2021)",
    )
    patrimonio: voce(Patrimonio) | None = Field(default=None, title="Patrimonio")
    conto_economico: ContoEconomico | None = Field(
        default=None,
        title="Conto economico (art. 2425 c.c.)",
        description="Lo schema CEE completo, dal bilancio d'esercizio; facoltativo",
    )
    capitale_per_socio: CapitalePerSocio | None = Field(
        default=None, title="Composizione del capitale sociale"
    )
    raccolta_fondi: voce(list[RaccoltaFondi]) | None = Field(default=None, title="Raccolta fondi")
    criticita: voce(str) | None = Field(
        default=None, title="Criticità emerse nella gestione segnalate dagli amministratori"
    )
    commento: str | None = Field(default=None, title="Commento alla situazione economica")

    @model_validator(mode="after")
    def _voci_dal_conto_economico(self) -> Economia:
        """A key figure not written is the same line of ``conto_economico``, when that is known.

        It is not marked as set, so converting the file back writes only what was written.
        """
        if self.conto_economico is None:
            return self
        for chiave, (_, valore, _valori) in VOCI_SINTESI.items():
            if getattr(self, chiave) is not None:
                continue
            v = valore(self.conto_economico)
            if v is not None and (v >= 0 or chiave in _VOCI_CON_SEGNO):
                self.__dict__[chiave] = v
        return self

    @property
    def costo_lavoro(self) -> Decimal | None:
        parti = [v for v in (self.costo_personale, self.costo_lavoro_in_servizi) if v is not None]
        return sum(parti, Decimal(0)) if parti else None
