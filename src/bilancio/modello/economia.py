"""Sezione 6 — Situazione economico-finanziaria (DM §6.6).

Figures come from the annual accounts ("bilancio CEE"); the XBRL element of the Italian
GAAP taxonomy (itcc-ci) is given in each field's description, so an accountant knows
exactly which line to copy.
"""

from decimal import Decimal
from typing import ClassVar

from pydantic import Field, model_validator

from .comuni import Etichettato, Euro, EuroConSegno, Modello, Percentuale, Testo, Voce
from .conto_economico import VOCI_CON_SEGNO, VOCI_SINTESI, ContoEconomico, somma_voci_note


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
    pubblico: Euro | None = Field(default=None, title="Da enti pubblici")
    privato: Euro | None = Field(default=None, title="Da enti privati")
    totale: Euro | None = Field(default=None, title="Totale (dichiarato)")

    # A part not written is unknown, not zero: it is known only when the declared total and
    # the other part give it (totale - privato), so «privato: 24200, totale: 24200» has no
    # public part while «privato: 24200» alone leaves it unknown.

    @property
    def quota_pubblica(self) -> Decimal | None:
        """The public part: written, or the declared total less the private part."""
        if self.pubblico is not None:
            return self.pubblico
        if self.totale is not None and self.privato is not None and self.privato <= self.totale:
            return self.totale - self.privato
        return None

    @property
    def quota_privata(self) -> Decimal | None:
        """The private part: written, or the declared total less the public part."""
        if self.privato is not None:
            return self.privato
        if self.totale is not None and self.pubblico is not None and self.pubblico <= self.totale:
            return self.totale - self.pubblico
        return None

    @property
    def somma(self) -> Decimal | None:
        """pubblico + privato when both are written; unknown otherwise."""
        if self.pubblico is None or self.privato is None:
            return None
        return self.pubblico + self.privato

    @property
    def importo(self) -> Decimal | None:
        """The row's amount: pubblico + privato, or, when a part is missing, the declared
        total if the part written fits in it (a row that contradicts itself is unknown)."""
        if self.somma is not None:
            return self.somma
        if self.quota_pubblica is None or self.quota_privata is None:
            return None
        return self.totale


class ValorePerRamo(Modello):
    """Value of production of a mixed (A+B) cooperative by branch."""

    ramo_a: Euro | None = Field(default=None, title="Ramo A (servizi socio-sanitari ed educativi)")
    ramo_b: Euro | None = Field(default=None, title="Ramo B (inserimento lavorativo)")


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
        return somma_voci_note(*(getattr(self, k) for k in self.RISERVE))

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
    def versamenti(self) -> dict[str, Decimal]:
        """The types of member written (one not written is unknown, not zero)."""
        return {k: v for k in type(self).model_fields if (v := getattr(self, k)) is not None}

    @property
    def totale(self) -> Decimal | None:
        """The capital over all types of member; unknown unless every type is written."""
        if len(self.versamenti) < len(type(self).model_fields):
            return None
        return sum(self.versamenti.values(), Decimal(0))

    @property
    def totale_scritto(self) -> Decimal:
        """The capital over the types written: a lower bound of the total."""
        return sum(self.versamenti.values(), Decimal(0))


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


class DistribuzioneValoreAggiunto(Modello):
    """The figures of the value-added distribution (GBS) the CEE statement does not hold.

    The split of B14 (indirect taxes, donations) and the allocation of the year's result.
    The other lines of the distribution are CEE lines: personnel B9, income taxes (20),
    interest C17. The statement is computed from both and must balance: the value
    distributed equals the value determined from the CEE lines (rule VALORE-AGGIUNTO).
    """

    imposte_indirette: Euro | None = Field(
        default=None,
        title="Imposte indirette e tributi compresi negli oneri diversi di gestione (B14)",
        description="IMU, tasse locali, imposta di registro...: vanno alla Pubblica Amministrazione",
    )
    liberalita: Euro | None = Field(
        default=None,
        title="Erogazioni liberali comprese negli oneri diversi di gestione (B14)",
        description="Donazioni e contributi ad associazioni ed enti: vanno alla comunità",
    )
    ristorni: Euro | None = Field(
        default=None,
        title="Ristorni ai soci destinati dall'utile",
        description="I ristorni imputati a conto economico sono già nei costi del personale (B9)",
    )
    fondi_mutualistici: Euro | None = Field(
        default=None,
        title="Quota dell'utile ai fondi mutualistici (3%)",
        description="Art. 11 l. 59/1992: al movimento cooperativo",
    )
    dividendi: Euro | None = Field(
        default=None,
        title="Dividendi e rivalutazione del capitale sociale",
        description="Remunerazione del capitale dei soci, dall'utile",
    )
    riserve: EuroConSegno | None = Field(
        default=None,
        title="Utile destinato a riserve (legale, indivisibili, statutarie)",
        description="Negativo se la perdita è coperta con le riserve",
    )
    utile_portato_nuovo: EuroConSegno | None = Field(
        default=None,
        title="Utile (perdita) portato a nuovo",
    )


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
    costi_produzione: Euro | None = Field(
        default=None,
        title="Totale costi della produzione",
        description="Totale B del conto economico (XBRL: TotaleCostiProduzione)",
    )
    costo_lavoro_soci: Euro | None = Field(
        default=None,
        title="Costo del lavoro dei soci lavoratori",
        description="La parte del costo del lavoro pagata ai soci cooperatori lavoratori",
    )
    valore_produzione_per_ramo: ValorePerRamo | None = Field(
        default=None,
        title="Valore della produzione per ramo (cooperative A+B)",
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
    ricavi_per_fonte: Voce[RicaviPerFonte] | None = Field(
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
    patrimonio: Voce[Patrimonio] | None = Field(default=None, title="Patrimonio")
    conto_economico: ContoEconomico | None = Field(
        default=None,
        title="Conto economico (schema CEE)",
        description="Lo schema dell'art. 2425 c.c. completo, dal bilancio d'esercizio; facoltativo",
    )
    distribuzione_valore_aggiunto: DistribuzioneValoreAggiunto | None = Field(
        default=None,
        title="Distribuzione del valore aggiunto (GBS)",
        description="Ripartizione di B14 e destinazione dell'utile: il prospetto del valore "
        "aggiunto si calcola dal conto economico e da queste cifre",
    )
    capitale_per_socio: CapitalePerSocio | None = Field(
        default=None, title="Composizione del capitale sociale"
    )
    raccolta_fondi: Voce[list[RaccoltaFondi]] | None = Field(default=None, title="Raccolta fondi")
    criticita: Voce[str] | None = Field(
        default=None, title="Criticità emerse nella gestione segnalate dagli amministratori"
    )
    commento: str | None = Field(default=None, title="Commento alla situazione economica")

    @model_validator(mode="after")
    def _voci_dal_conto_economico(self) -> "Economia":
        """A key figure not written is the same line of ``conto_economico``, when that is known.

        It is not marked as set, so converting the file back writes only what was written.
        """
        if self.conto_economico is None:
            return self
        for chiave, (_, valore, _valori) in VOCI_SINTESI.items():
            if getattr(self, chiave) is not None:
                continue
            v = valore(self.conto_economico)
            if v is not None and (v >= 0 or chiave in VOCI_CON_SEGNO):
                self.__dict__[chiave] = v
        return self

    @property
    def costo_lavoro(self) -> Decimal | None:
        parti = [v for v in (self.costo_personale, self.costo_lavoro_in_servizi) if v is not None]
        return sum(parti, Decimal(0)) if parti else None
