"""Sezione 1 — Metodologia adottata per la redazione del bilancio sociale (DM §6.1)."""

from pydantic import Field

from .comuni import Data, Modello, Testo, Voce


class Approvazione(Modello):
    organo: Testo = Field(default="Assemblea dei soci", title="Organo che ha approvato")
    data: Data = Field(title="Data di approvazione")


class Metodologia(Modello):
    """How the report was drafted, approved and distributed."""

    standard: Voce[list[Testo]] | None = Field(
        default=None, title="Standard di rendicontazione utilizzati", description="es. GBS, GRI"
    )
    cambiamenti: Voce[str] | None = Field(
        default=None,
        title="Cambiamenti di perimetro o di metodo rispetto all'anno precedente",
        description="Cambi di perimetro, di unità di misura o di metodo che rendono non confrontabili alcune cifre",
    )
    redazione: Voce[str] | None = Field(default=None, title="Modalità di redazione")
    destinatari: str | None = Field(default=None, title="Destinatari del documento")
    approvazione: Voce[Approvazione] | None = Field(default=None, title="Approvazione")
    diffusione: Voce[list[Testo]] | None = Field(default=None, title="Canali di diffusione")
    riferimenti_normativi: list[Testo] = Field(default_factory=list, title="Riferimenti normativi")
    premessa: str | None = Field(default=None, title="Premessa / introduzione")
