"""Sezione 3 — Struttura, governo e amministrazione (DM §6.3)."""

from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field

from .comuni import (
    Conteggio,
    Data,
    Etichettato,
    Genere,
    Modello,
    Percentuale,
    SiNo,
    Testo,
    Voce,
)
from .numeri import conteggio

# a count with its own bound, on the number (JSON Schema maximum), read like any Conteggio
Eta = Annotated[int, Field(ge=0, le=120, strict=False), BeforeValidator(conteggio)]


class Soci(Modello):
    """Consistenza e composizione della base sociale al 31 dicembre."""

    # a type not written is not known (not zero): write 0 for a type the cooperative lacks
    lavoratori: Conteggio | None = Field(default=None, title="Soci cooperatori lavoratori")
    volontari: Conteggio | None = Field(default=None, title="Soci cooperatori volontari")
    fruitori: Conteggio | None = Field(default=None, title="Soci cooperatori fruitori")
    persone_giuridiche: Conteggio | None = Field(default=None, title="Soci persone giuridiche")
    sovventori: Conteggio | None = Field(default=None, title="Soci sovventori e finanziatori")
    totale: Conteggio | None = Field(
        default=None,
        title="Totale soci (dichiarato)",
        description="Se indicato, deve essere la somma delle tipologie",
    )
    ammessi: Conteggio | None = Field(default=None, title="Soci ammessi nell'anno")
    receduti: Conteggio | None = Field(default=None, title="Soci usciti nell'anno")

    TIPOLOGIE: ClassVar[tuple[str, ...]] = (
        "lavoratori",
        "volontari",
        "fruitori",
        "persone_giuridiche",
        "sovventori",
    )


class TipoSocio(Etichettato):
    LAVORATORE = ("lavoratore", "Socio cooperatore lavoratore")
    VOLONTARIO = ("volontario", "Socio cooperatore volontario")
    FRUITORE = ("fruitore", "Socio cooperatore fruitore")
    PERSONA_GIURIDICA = ("persona giuridica", "Rappresentante di socio persona giuridica")
    SOVVENTORE = ("sovventore", "Socio sovventore/finanziatore")
    NON_SOCIO = ("no", "Non socio")


class Amministratore(Modello):
    nome: Testo = Field(title="Nome e cognome")
    ruolo: Testo = Field(
        title="Carica", description="Presidente, Vicepresidente, Consigliere delegato, Consigliere"
    )
    data_prima_nomina: Data | None = Field(default=None, title="Data prima nomina")
    mandati: Conteggio | None = Field(default=None, title="Numero mandati")
    eta: Eta | None = Field(default=None, title="Età")
    genere: Genere | None = Field(default=None, title="Genere")
    socio: TipoSocio | None = Field(default=None, title="Tipologia di socio")
    rappresentante_persona_giuridica: SiNo = Field(
        default=False, title="Rappresentante di persona giuridica"
    )
    svantaggiato: SiNo = Field(default=False, title="Persona svantaggiata")


class ComposizioneCda(Modello):
    """The board's composition as the guidelines' table states it (checked against the list)."""

    maschi: Conteggio | None = Field(default=None, title="di cui maschi")
    femmine: Conteggio | None = Field(default=None, title="di cui femmine")
    svantaggiati: Conteggio | None = Field(default=None, title="di cui persone svantaggiate")
    soci_lavoratori: Conteggio | None = Field(
        default=None, title="di cui soci cooperatori lavoratori"
    )
    soci_volontari: Conteggio | None = Field(
        default=None, title="di cui soci cooperatori volontari"
    )
    soci_fruitori: Conteggio | None = Field(default=None, title="di cui soci cooperatori fruitori")
    sovventori: Conteggio | None = Field(default=None, title="di cui soci sovventori/finanziatori")
    persone_giuridiche: Conteggio | None = Field(
        default=None, title="di cui rappresentanti di soci persone giuridiche"
    )
    altro: Conteggio | None = Field(default=None, title="Altro")


class ConsiglioAmministrazione(Modello):
    componenti: list[Amministratore] = Field(default_factory=list, title="Componenti")
    totale_componenti: Conteggio | None = Field(
        default=None, title="Totale componenti (dichiarato)"
    )
    composizione: ComposizioneCda | None = Field(
        default=None, title="Composizione del CdA (dichiarata)"
    )
    modalita_nomina: str | None = Field(default=None, title="Modalità di nomina")
    durata_carica: str | None = Field(default=None, title="Durata della carica")
    riunioni: Conteggio | None = Field(default=None, title="Riunioni del CdA nell'anno")
    partecipazione_media: Percentuale | None = Field(default=None, title="Partecipazione media (%)")


class ComponenteControllo(Modello):
    nome: Testo = Field(title="Nome e cognome")
    ruolo: str | None = Field(default=None, title="Ruolo")
    data_nomina: Data | None = Field(default=None, title="Data di nomina")
    compenso: str | None = Field(default=None, title="Compenso")


class OrganoControllo(Modello):
    tipo: Testo = Field(
        title="Tipologia", description="es. sindaco unico, collegio sindacale, revisore legale"
    )
    componenti: list[ComponenteControllo] = Field(default_factory=list, title="Componenti")
    durata_carica: str | None = Field(default=None, title="Durata della carica")


class TipoAssemblea(Etichettato):
    ORDINARIA = ("ordinaria", "Assemblea ordinaria")
    STRAORDINARIA = ("straordinaria", "Assemblea straordinaria")


class Assemblea(Modello):
    data: Data = Field(title="Data")
    tipo: TipoAssemblea = Field(default=TipoAssemblea.ORDINARIA, title="Tipo")
    ordine_del_giorno: list[Testo] = Field(
        default_factory=list, title="Punti all'ordine del giorno"
    )
    partecipazione: Percentuale | None = Field(default=None, title="% partecipazione")
    deleghe: Percentuale | None = Field(default=None, title="% deleghe")
    presenti: Conteggio | None = Field(default=None, title="Soci presenti")
    rappresentati_per_delega: Conteggio | None = Field(
        default=None, title="Soci rappresentati per delega"
    )


class LivelloCoinvolgimento(int, Etichettato):
    """The 1-5 stakeholder involvement scale used in the guidelines' templates."""

    def __new__(cls, value: int, etichetta: str) -> "LivelloCoinvolgimento":
        obj = int.__new__(cls, value)
        obj._value_ = value
        obj.etichetta = etichetta
        return obj

    INFORMAZIONE = (1, "Informazione")
    CONSULTAZIONE = (2, "Consultazione")
    CO_PROGETTAZIONE = (3, "Co-progettazione")
    CO_PRODUZIONE = (4, "Co-produzione")
    CO_GESTIONE = (5, "Co-gestione")


class Stakeholder(Modello):
    tipologia: Testo = Field(title="Tipologia di stakeholder")
    modalita_coinvolgimento: str | None = Field(default=None, title="Modalità di coinvolgimento")
    intensita: LivelloCoinvolgimento = Field(title="Intensità (1-5)")


class Collaborazione(Modello):
    soggetto: Testo = Field(title="Descrizione")
    tipologia_soggetto: str | None = Field(default=None, title="Tipologia soggetto")
    tipo: str | None = Field(default=None, title="Tipo di collaborazione")
    forma: str | None = Field(default=None, title="Forme di collaborazione")


class Governo(Modello):
    """Struttura, governo e amministrazione."""

    soci: Voce[Soci] | None = Field(default=None, title="Base sociale")
    sistema_di_governo: str | None = Field(default=None, title="Sistema di governo e controllo")
    consiglio_amministrazione: Voce[ConsiglioAmministrazione] | None = Field(
        default=None, title="Consiglio di amministrazione"
    )
    organo_controllo: Voce[OrganoControllo] | None = Field(
        default=None, title="Organo di controllo"
    )
    assemblee: Voce[list[Assemblea]] | None = Field(default=None, title="Assemblee dei soci")
    democrazia_interna: str | None = Field(
        default=None, title="Democraticità interna e partecipazione"
    )
    stakeholder: Voce[list[Stakeholder]] | None = Field(
        default=None, title="Mappatura degli stakeholder"
    )
    collaborazioni: list[Collaborazione] = Field(default_factory=list, title="Collaborazioni")
    coinvolgimento_lavoratori_utenti: Voce[str] | None = Field(
        default=None,
        title="Coinvolgimento di lavoratori e utenti (art. 11 d.lgs. 112/2017)",
    )
