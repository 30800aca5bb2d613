"""Sezione 7 — Altre informazioni (DM §6.7)."""

from pydantic import Field

from .comuni import Conteggio, Data, Modello, Testo, Voce


class RiunioneApprovazione(Modello):
    organo: Testo = Field(title="Organo")
    data: Data = Field(title="Data")
    partecipanti: Conteggio | None = Field(default=None, title="Partecipanti")
    argomenti: list[Testo] = Field(default_factory=list, title="Principali questioni trattate")


class AltreInformazioni(Modello):
    """Altre informazioni di natura non finanziaria."""

    contenziosi: Voce[str] | None = Field(default=None, title="Contenziosi e controversie")
    ambiente: Voce[str] | None = Field(default=None, title="Informazioni di tipo ambientale")
    parita_genere: Voce[str] | None = Field(default=None, title="Parità di genere")
    diritti_umani: Voce[str] | None = Field(default=None, title="Rispetto dei diritti umani")
    anticorruzione: Voce[str] | None = Field(default=None, title="Prevenzione della corruzione")
    riunioni_approvazione: Voce[list[RiunioneApprovazione]] | None = Field(
        default=None, title="Riunioni degli organi deputati all'approvazione del bilancio"
    )
    altro: str | None = Field(default=None, title="Altre informazioni")
