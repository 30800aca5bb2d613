"""Sezione 7 — Altre informazioni (DM §6.7)."""

from __future__ import annotations

from pydantic import Field

from .comuni import Conteggio, Data, Modello, Testo, voce


class RiunioneApprovazione(Modello):
    organo: Testo = Field(title="Organo")
    data: Data = Field(title="Data")
    partecipanti: Conteggio | None = Field(default=None, title="Partecipanti")
    argomenti: list[Testo] = Field(default_factory=list, title="Principali questioni trattate")


class AltreInformazioni(Modello):
    """Altre informazioni di natura non finanziaria."""

    contenziosi: voce(str) | None = Field(default=None, title="Contenziosi e controversie")
    ambiente: voce(str) | None = Field(default=None, title="Informazioni di tipo ambientale")
    parita_genere: voce(str) | None = Field(default=None, title="Parità di genere")
    diritti_umani: voce(str) | None = Field(default=None, title="Rispetto dei diritti umani")
    anticorruzione: voce(str) | None = Field(default=None, title="Prevenzione della corruzione")
    riunioni_approvazione: voce(list[RiunioneApprovazione]) | None = Field(
        default=None, title="Riunioni degli organi deputati all'approvazione del bilancio"
    )
    altro: str | None = Field(default=None, title="Altre informazioni")
