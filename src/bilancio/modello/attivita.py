"""Sezione 5 — Obiettivi e attività (DM §6.5)."""

from pydantic import Field

from .comuni import Conteggio, Etichettato, Misura, Modello, SiNo, Testo, Voce


class Categoria(Etichettato):
    """Beneficiary categories, as in the guidelines' platform templates."""

    DISABILITA_FISICA = ("disabilita_fisica", "Persone con disabilità fisica e/o sensoriale")
    DISABILITA_PSICHICA = ("disabilita_psichica", "Persone con disabilità psichica")
    DIPENDENZE = ("dipendenze", "Persone con dipendenze")
    DETENUTI = ("detenuti", "Detenuti, in misure alternative e post-detenzione")
    DISAGIO_SOCIALE = ("disagio_sociale", "Persone con disagio sociale (non certificati)")
    ANZIANI = ("anziani", "Anziani")
    MINORI = ("minori", "Minori")
    NON_AUTOSUFFICIENTI = ("non_autosufficienti", "Persone non autosufficienti")
    DONNE_VITTIME_VIOLENZA = ("donne_vittime_violenza", "Donne vittime di violenza")
    MIGRANTI = ("migranti", "Migranti")
    FAMIGLIE = ("famiglie", "Famiglie")
    GIOVANI = ("giovani", "Giovani e giovani adulti")
    ADULTI = ("adulti", "Adulti")
    ALTRO = ("altro", "Altri beneficiari")


class Output(Modello):
    """A measured output of a service: hours, interventions, households, places..."""

    descrizione: Testo = Field(title="Descrizione")
    valore: Misura = Field(title="Valore")
    unita: str | None = Field(
        default=None, title="Unità", description="es. ore, interventi, nuclei, posti"
    )


class Servizio(Modello):
    nome: Testo = Field(title="Nome del servizio o progetto")
    area: str | None = Field(default=None, title="Area")
    descrizione: str | None = Field(
        default=None,
        title="Descrizione",
        description="il servizio raccontato nel report; una riga vuota separa i paragrafi",
        # the workbook's column header before 0.x: workbooks written with it still load
        json_schema_extra={"x-etichette-precedenti": ["Descrizione (Markdown)"]},
    )
    attivita: str | None = Field(default=None, title="Tipologia di attività interne al servizio")
    territorio: str | None = Field(default=None, title="Territorio")
    committente: str | None = Field(default=None, title="Committente")
    beneficiari: dict[Categoria, Conteggio] = Field(
        default_factory=dict, title="Beneficiari diretti per categoria"
    )
    beneficiari_indiretti: dict[Categoria, Conteggio] = Field(
        default_factory=dict, title="Beneficiari indiretti per categoria"
    )
    totale_beneficiari: Conteggio | None = Field(
        default=None, title="Totale beneficiari (dichiarato)"
    )
    dettaglio_beneficiari: dict[str, Conteggio] = Field(
        default_factory=dict,
        title="Beneficiari per sede o sotto-servizio",
        description="es. Castelleone: 102; se indicato, la somma deve dare il totale dei beneficiari",
    )
    ore: Misura | None = Field(default=None, title="Ore di servizio")
    interventi: Conteggio | None = Field(default=None, title="Interventi")
    dettaglio_interventi: dict[str, Conteggio] = Field(
        default_factory=dict,
        title="Interventi per tipologia o sede",
        description="es. accessi diretti: 7557; se indicato, la somma deve dare il numero di interventi",
    )
    nuclei: Conteggio | None = Field(default=None, title="Nuclei familiari")
    posti: Conteggio | None = Field(default=None, title="Posti")
    durata_media_minuti: Misura | None = Field(
        default=None, title="Durata media per intervento dichiarata (minuti)"
    )
    output: list[Output] = Field(default_factory=list, title="Altri output")
    esiti: str | None = Field(default=None, title="Esiti e impatto")

    @property
    def somma_beneficiari(self) -> int:
        return sum(self.beneficiari.values())

    @property
    def beneficiari_totali(self) -> int:
        """The computed count: the categories if given, else the declared total."""
        if self.beneficiari:
            return self.somma_beneficiari
        if self.totale_beneficiari is not None:
            return self.totale_beneficiari
        return sum(self.dettaglio_beneficiari.values())


class EsitoObiettivo(Etichettato):
    RAGGIUNTO = ("raggiunto", "Raggiunto")
    PARZIALE = ("parziale", "Raggiunto in parte")
    NON_RAGGIUNTO = ("non raggiunto", "Non raggiunto")
    IN_CORSO = ("in corso", "In corso")


class Obiettivo(Modello):
    descrizione: Testo = Field(title="Obiettivo")
    esito: EsitoObiettivo | None = Field(default=None, title="Esito")
    motivazione: str | None = Field(
        default=None, title="Fattori rilevanti per il raggiungimento o il mancato raggiungimento"
    )


class DimensioneValore(Modello):
    dimensione: Testo = Field(title="Dimensione di valore")
    presente: SiNo = Field(default=True, title="Presente")
    commento: str | None = Field(default=None, title="Commento")


class Attivita(Modello):
    """Obiettivi e attività."""

    servizi: Voce[list[Servizio]] | None = Field(default=None, title="Servizi, aree e progetti")
    totale_beneficiari: Conteggio | None = Field(
        default=None, title="Numero totale di utenti (dichiarato)"
    )
    attivita_esterne: Voce[str] | None = Field(
        default=None, title="Attività esterne (eventi con la comunità locale)"
    )
    obiettivi: Voce[list[Obiettivo]] | None = Field(
        default=None, title="Obiettivi dell'anno e livello di raggiungimento"
    )
    obiettivi_prossimo_anno: list[Obiettivo] = Field(
        default_factory=list, title="Obiettivi per l'anno successivo"
    )
    dimensioni_valore: list[DimensioneValore] = Field(
        default_factory=list, title="Dimensioni di valore e obiettivi di impatto"
    )
    rischi: Voce[str] | None = Field(default=None, title="Fattori di rischio e loro gestione")
