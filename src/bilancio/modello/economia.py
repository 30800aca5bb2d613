"""Sezione 6 — Situazione economico-finanziaria (DM §6.6).

Figures come from the annual accounts ("bilancio CEE"); the XBRL element of the Italian
GAAP taxonomy (itcc-ci) is given in each field's description, so an accountant knows
exactly which line to copy.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from pydantic import Field

from .comuni import Etichettato, Euro, EuroConSegno, Modello, Percentuale, Testo, Voce


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


class ValorePerRamo(Modello):
    """Value of production of a mixed (A+B) cooperative by branch."""

    ramo_a: Euro | None = Field(default=None, title="Ramo A (servizi socio-sanitari ed educativi)")
    ramo_b: Euro | None = Field(default=None, title="Ramo B (inserimento lavorativo)")


class Patrimonio(Modello):
    capitale_sociale: Euro | None = Field(
        default=None, title="Capitale sociale", description="XBRL itcc-ci: PatrimonioNettoCapitale"
    )
    riserve: EuroConSegno | None = Field(default=None, title="Totale riserve")
    utile_perdita: EuroConSegno | None = Field(
        default=None,
        title="Utile/perdita dell'esercizio",
        description="Se omesso vale il risultato netto d'esercizio",
    )
    patrimonio_netto: EuroConSegno | None = Field(
        default=None,
        title="Totale patrimonio netto",
        description="XBRL itcc-ci: TotalePatrimonioNetto",
    )


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
        description="Per la verifica del 70% (art. 2 c.3 d.lgs. 112/2017)",
    )
    patrimonio: Voce[Patrimonio] | None = Field(default=None, title="Patrimonio")
    capitale_per_socio: CapitalePerSocio | None = Field(
        default=None, title="Composizione del capitale sociale"
    )
    raccolta_fondi: Voce[list[RaccoltaFondi]] | None = Field(default=None, title="Raccolta fondi")
    criticita: Voce[str] | None = Field(
        default=None, title="Criticità emerse nella gestione segnalate dagli amministratori"
    )
    commento: str | None = Field(default=None, title="Commento alla situazione economica")

    @property
    def costo_lavoro(self) -> Decimal | None:
        parti = [v for v in (self.costo_personale, self.costo_lavoro_in_servizi) if v is not None]
        return sum(parti, Decimal(0)) if parti else None
