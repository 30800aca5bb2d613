"""Sezione 4 — Persone che operano per l'ente (DM §6.4)."""

from decimal import Decimal
from typing import ClassVar

from pydantic import Field

from .comuni import Conteggio, Etichettato, Euro, Misura, Modello, Quantita, SiNo, Testo, Voce


class Gruppo(Modello):
    """A group of people: how many, optionally split by gender."""

    numero: Conteggio = Field(title="Numero")
    uomini: Conteggio | None = Field(default=None, title="di cui uomini")
    donne: Conteggio | None = Field(default=None, title="di cui donne")
    soci: Conteggio | None = Field(default=None, title="di cui soci")
    stranieri: Conteggio | None = Field(default=None, title="di cui di nazionalità straniera")
    eta_media: Quantita | None = Field(default=None, title="Età media (anni)")


class FasciaEta(Etichettato):
    FINO_29 = ("fino_29", "Fino a 29 anni")
    DA_30_A_39 = ("30_39", "Da 30 a 39 anni")
    DA_40_A_49 = ("40_49", "Da 40 a 49 anni")
    DA_50_A_59 = ("50_59", "Da 50 a 59 anni")
    DA_60 = ("60_oltre", "60 anni e oltre")


class Lavoratori(Modello):
    """Workers by type of relationship. ``totale`` is optional and checked if given."""

    dipendenti: Gruppo | None = Field(default=None, title="Lavoratori dipendenti")
    autonomi: Gruppo | None = Field(default=None, title="Lavoratori autonomi")
    occasionali: Gruppo | None = Field(default=None, title="Lavoratori occasionali")
    totale: Conteggio | None = Field(default=None, title="Totale lavoratori (dichiarato)")
    nazionalita: Conteggio | None = Field(
        default=None, title="Numero di nazionalità diverse tra i lavoratori"
    )
    fasce_eta: dict[FasciaEta, Conteggio] = Field(
        default_factory=dict,
        title="Lavoratori per fascia d'età",
        description="es. fino_29: 12; la somma deve dare il totale dei lavoratori",
    )

    GRUPPI: ClassVar[tuple[str, ...]] = ("dipendenti", "autonomi", "occasionali")

    @property
    def gruppi(self) -> dict[str, Gruppo]:
        return {
            k: g
            for k, g in (
                ("dipendenti", self.dipendenti),
                ("autonomi", self.autonomi),
                ("occasionali", self.occasionali),
            )
            if g is not None
        }

    @property
    def somma(self) -> int:
        return sum(g.numero for g in self.gruppi.values())


class Contratti(Modello):
    """Employees by contract (DM §6.4)."""

    tempo_indeterminato: Conteggio | None = Field(default=None, title="A tempo indeterminato")
    tempo_determinato: Conteggio | None = Field(default=None, title="A tempo determinato")
    tempo_pieno: Conteggio | None = Field(default=None, title="A tempo pieno")
    part_time: Conteggio | None = Field(default=None, title="Part-time")


class Istruzione(Modello):
    dottorato: Conteggio | None = Field(default=None, title="Dottorato di ricerca")
    master_secondo_livello: Conteggio | None = Field(default=None, title="Master di II livello")
    laurea_magistrale: Conteggio | None = Field(default=None, title="Laurea magistrale")
    master_primo_livello: Conteggio | None = Field(default=None, title="Master di I livello")
    laurea_triennale: Conteggio | None = Field(default=None, title="Laurea triennale")
    diploma: Conteggio | None = Field(default=None, title="Diploma di scuola superiore")
    licenza_media: Conteggio | None = Field(default=None, title="Licenza media")
    altro: Conteggio | None = Field(default=None, title="Altro")

    @property
    def livelli(self) -> dict[str, int]:
        """The levels written (a level not written is unknown, not zero)."""
        return {k: v for k in type(self).model_fields if (v := getattr(self, k)) is not None}

    @property
    def somma(self) -> int | None:
        """Workers over all levels; unknown unless every level is written."""
        if len(self.livelli) < len(type(self).model_fields):
            return None
        return sum(self.livelli.values())

    @property
    def somma_scritta(self) -> int:
        """Workers over the levels written: a lower bound of the total."""
        return sum(self.livelli.values())


class AmbitoFormazione(Etichettato):
    PROFESSIONALE = ("professionale", "Formazione professionale")
    SICUREZZA = ("salute e sicurezza", "Formazione salute e sicurezza")


class Formazione(Modello):
    tema: Testo = Field(title="Tema formativo")
    ambito: AmbitoFormazione = Field(default=AmbitoFormazione.PROFESSIONALE, title="Ambito")
    partecipanti: Conteggio = Field(title="N. partecipanti")
    ore_pro_capite: Misura = Field(title="Ore di formazione pro capite")
    obbligatoria: SiNo = Field(default=False, title="Obbligatoria")
    costo: Euro | None = Field(default=None, title="Costi sostenuti")

    @property
    def ore_totali(self) -> Decimal:
        return self.partecipanti * self.ore_pro_capite


class Volontari(Modello):
    numero: Conteggio = Field(title="Totale volontari")
    soci: Conteggio | None = Field(default=None, title="di cui soci volontari")
    servizio_civile: Conteggio | None = Field(
        default=None, title="di cui volontari in Servizio Civile"
    )
    attivita: str | None = Field(default=None, title="Natura delle attività svolte dai volontari")
    nell_attivita_impresa: Conteggio | None = Field(
        default=None,
        title="di cui impiegati nell'attività d'impresa",
        description="Non più dei lavoratori (art. 13 c.2 d.lgs. 112/2017); se omesso si "
        "confronta il totale dei volontari",
    )
    registro: SiNo | None = Field(
        default=None,
        title="Registro dei volontari tenuto",
        description="Art. 17 c.1 d.lgs. 117/2017, art. 13 c.2 d.lgs. 112/2017; per i soci "
        "volontari delle cooperative sociali la sezione del libro soci (art. 2 l. 381/1991)",
    )
    assicurazione: SiNo | None = Field(
        default=None,
        title="Volontari assicurati",
        description="Contro infortuni e malattie connessi all'attività e per la responsabilità "
        "civile verso terzi (art. 18 d.lgs. 117/2017, art. 13 c.2 d.lgs. 112/2017, art. 2 l. 381/1991)",
    )


class Tirocini(Modello):
    numero: Conteggio = Field(title="Totale tirocini e stage")
    servizio_civile: Conteggio | None = Field(
        default=None, title="di cui volontari in Servizio Civile"
    )


class Retribuzioni(Modello):
    """Pay structure and the ratio between highest and lowest gross annual pay."""

    struttura: str | None = Field(default=None, title="Struttura dei compensi")
    compensi_organi: str | None = Field(
        default=None, title="Compensi a organi di amministrazione, controllo e dirigenti"
    )
    retribuzione_massima: Euro | None = Field(
        default=None, title="Retribuzione annua lorda massima dei dipendenti", gt=0
    )
    retribuzione_minima: Euro | None = Field(
        default=None, title="Retribuzione annua lorda minima dei dipendenti", gt=0
    )
    rapporto_dichiarato: Quantita | None = Field(
        default=None, title="Rapporto massima/minima (dichiarato)"
    )
    giustificazione: str | None = Field(
        default=None,
        title="Motivazione di un rapporto oltre 8 (fino a 12)",
        description="Esigenze di acquisire specifiche competenze (art. 13 c.1 d.lgs. 112/2017)",
    )

    @property
    def rapporto(self) -> Decimal | None:
        if self.retribuzione_massima and self.retribuzione_minima:
            return self.retribuzione_massima / self.retribuzione_minima
        return None


class ModalitaRimborso(Etichettato):
    AUTOCERTIFICATO = ("autocertificazione", "Rimborsi a fronte di autocertificazione")
    DOCUMENTATO = ("documentato", "Rimborsi di spese documentate")
    FORFETTARIO = ("forfettario", "Rimborsi forfettari")


class RimborsiVolontari(Modello):
    modalita: ModalitaRimborso = Field(default=ModalitaRimborso.DOCUMENTATO, title="Modalità")
    importo_totale: Euro | None = Field(default=None, title="Importo totale dei rimborsi")
    volontari_rimborsati: Conteggio | None = Field(
        default=None, title="Volontari che hanno ricevuto rimborsi"
    )
    massimo_giornaliero: Euro | None = Field(
        default=None, title="Massimo rimborsato per volontario in un giorno (autocertificazione)"
    )
    massimo_mensile: Euro | None = Field(
        default=None, title="Massimo rimborsato per volontario in un mese (autocertificazione)"
    )
    delibera_autocertificazione: SiNo | None = Field(
        default=None,
        title="Tipologie di spesa autocertificabili deliberate dall'organo di amministrazione",
        description="Condizione dei rimborsi autocertificati (art. 17 c.4 d.lgs. 117/2017)",
    )
    note: str | None = Field(default=None, title="Note")


class InserimentoLavorativo(Modello):
    """Type B (or the B branch of A+B): job placement of disadvantaged people (l. 381/1991 art. 4).

    Count by head at year end, members or not, excluding soci volontari.
    """

    lavoratori: Conteggio = Field(title="Lavoratori del ramo B (esclusi i soci volontari)")
    svantaggiati: Conteggio = Field(title="di cui persone svantaggiate (art. 4 l. 381/1991)")
    percentuale_dichiarata: Quantita | None = Field(
        default=None, title="Percentuale di svantaggiati dichiarata"
    )
    tipologie: dict[str, Conteggio] = Field(
        default_factory=dict,
        title="Svantaggiati per tipologia",
        description="es. 'disabilità fisica': 2, 'dipendenze': 3",
    )


class Persone(Modello):
    """Persone che operano per l'ente."""

    lavoratori: Voce[Lavoratori] | None = Field(default=None, title="Lavoratori")
    contratti: Voce[Contratti] | None = Field(
        default=None, title="Dipendenti per tipo di contratto"
    )
    istruzione: Voce[Istruzione] | None = Field(default=None, title="Livello di istruzione")
    tirocini: Voce[Tirocini] | None = Field(default=None, title="Tirocini e stage")
    volontari: Voce[Volontari] | None = Field(default=None, title="Volontari")
    formazione: Voce[list[Formazione]] | None = Field(default=None, title="Attività di formazione")
    contratto_collettivo: Voce[str] | None = Field(
        default=None, title="Contratto collettivo applicato (CCNL)"
    )
    retribuzioni: Voce[Retribuzioni] | None = Field(
        default=None, title="Struttura dei compensi e rapporto retributivo"
    )
    rimborsi_volontari: Voce[RimborsiVolontari] | None = Field(
        default=None, title="Rimborsi ai volontari"
    )
    inserimento_lavorativo: Voce[InserimentoLavorativo] | None = Field(
        default=None, title="Inserimento lavorativo (tipo B)"
    )
    mutualita_interna: list[Testo] = Field(
        default_factory=list, title="Meccanismi di mutualità interna"
    )
