"""Sezione 8 — Monitoraggio svolto dall'organo di controllo (DM §6.8)."""

from pydantic import Field

from .comuni import Data, Modello, SiNo, Testo


class Monitoraggio(Modello):
    """The control body's monitoring and attestation (art. 10 c.3 d.lgs. 112/2017)."""

    organo: Testo = Field(title="Organo che ha svolto il monitoraggio")
    data: Data | None = Field(default=None, title="Data della relazione")
    attivita_interesse_generale: SiNo | None = Field(
        default=None, title="Svolgimento esclusivo o principale di attività di interesse generale"
    )
    assenza_scopo_di_lucro: SiNo | None = Field(
        default=None, title="Rispetto del divieto di distribuzione, anche indiretta, di utili"
    )
    conformita_linee_guida: SiNo | None = Field(
        default=None, title="Attestazione di conformità alle linee guida (DM 4/7/2019)"
    )
    relazione: str | None = Field(default=None, title="Testo della relazione")
