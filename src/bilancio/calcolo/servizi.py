"""Per-service figures: beneficiaries (with what the service counts), hours, averages.

A service is followed across years by its name. A figure a service records in some year
(hours, interventions, beneficiaries) is expected in the others; a service that never
counts beneficiaries (it counts projects, accesses, households) is listed with what it
counts, and stays out of the cooperative's total instead of adding a zero to it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .cifre import Cifra, ignota, nota, rapporto, somma
from .vista import Vista

__all__ = ["CifreServizio", "servizi_dell_anno"]


class CifreServizio(BaseModel):
    """The figures of one service in one year."""

    model_config = ConfigDict(frozen=True)

    nome: str
    area: str | None = None
    conta_beneficiari: bool = Field(
        description="Il servizio conta i beneficiari (in questo o in un altro anno)"
    )
    beneficiari: Cifra
    conta: list[str] = Field(
        default_factory=list,
        description="Che cosa conta il servizio al posto dei beneficiari (nuclei, interventi...)",
    )
    ore: Cifra | None = Field(default=None, description="None: il servizio non rileva le ore")
    interventi: Cifra | None = None
    ore_per_beneficiario: Cifra | None = None
    durata_media_minuti: Cifra | None = Field(default=None, description="Ore × 60 / interventi")
    output_unita: str | None = Field(
        default=None,
        description="L'unità comune a tutti gli altri output (almeno due, non %): es. progetti",
    )
    output_totale: Cifra | None = Field(
        default=None, description="La somma degli altri output, quando hanno tutti la stessa unità"
    )


def _beneficiari_scritti(servizio: Any) -> int | None:
    if servizio.beneficiari:
        return int(sum(servizio.beneficiari.values()))
    if servizio.totale_beneficiari is not None:
        return int(servizio.totale_beneficiari)
    if servizio.dettaglio_beneficiari:
        return int(sum(servizio.dettaglio_beneficiari.values()))
    return None


def _omonimi(v: Vista, nome: str) -> list[Any]:
    """The service with this name in every year that has one."""
    out: list[Any] = []
    for dati in v.tutti.values():
        attivita = dati.attivita
        servizi = attivita.servizi if attivita is not None else None
        if isinstance(servizi, list):
            out.extend(s for s in servizi if s.nome == nome)
    return out


def _conta(servizio: Any) -> list[str]:
    """The units a service counts in (at most three, shares excluded)."""
    unita = [
        nome
        for campo, nome in (("nuclei", "nuclei"), ("interventi", "interventi"), ("posti", "posti"))
        if getattr(servizio, campo) is not None
    ]
    for o in servizio.output:
        if o.unita and o.unita != "%" and o.unita not in unita:
            unita.append(o.unita)
    return unita[:3]


def _unita_comune(servizio: Any) -> str | None:
    """The unit all of a service's outputs share (two or more, not shares), else ``None``.

    Outputs of one unit add up (the projects of a home-care service by funding line);
    outputs of different units, or percentages, do not.
    """
    unita = {(o.unita or "").strip() for o in servizio.output}
    if len(servizio.output) < 2 or len(unita) != 1:
        return None
    (sola,) = unita
    return sola if sola and sola != "%" else None


def _cifra_servizio(v: Vista, servizio: Any, campo: str, descrizione: str) -> Cifra | None:
    valore = getattr(servizio, campo)
    if valore is not None:
        return nota(valore)
    if any(getattr(s, campo) is not None for s in _omonimi(v, servizio.nome)):
        return ignota(f"mancano {descrizione} di «{servizio.nome}» {v.anno}")
    return None


def servizi_dell_anno(v: Vista) -> list[CifreServizio]:
    servizi = v.elenco(("attivita", "servizi")) or []
    out = []
    for s in servizi:
        scritti = _beneficiari_scritti(s)
        if scritti is not None:
            conta, beneficiari = True, nota(scritti)
        elif any(_beneficiari_scritti(o) is not None for o in _omonimi(v, s.nome)):
            conta = True
            beneficiari = ignota(f"manca il numero dei beneficiari di «{s.nome}» {v.anno}")
        else:
            conta = False
            beneficiari = ignota(f"«{s.nome}» non conta i beneficiari")
        ore = _cifra_servizio(v, s, "ore", "le ore")
        interventi = _cifra_servizio(v, s, "interventi", "gli interventi")
        unita_output = _unita_comune(s)
        out.append(
            CifreServizio(
                nome=s.nome,
                area=s.area,
                conta_beneficiari=conta,
                beneficiari=beneficiari,
                conta=_conta(s),
                ore=ore,
                interventi=interventi,
                ore_per_beneficiario=rapporto(ore, beneficiari) if ore and conta else None,
                durata_media_minuti=(
                    rapporto(ore, interventi, per=60) if ore and interventi else None
                ),
                output_unita=unita_output,
                output_totale=(
                    somma(nota(o.valore) for o in s.output) if unita_output is not None else None
                ),
            )
        )
    return out


def beneficiari_dei_servizi(servizi: list[CifreServizio], anno: int) -> Cifra:
    """The cooperative's beneficiaries: the sum over the services that count them."""
    contati = [s.beneficiari for s in servizi if s.conta_beneficiari]
    return somma(contati) if contati else ignota(f"nessun servizio conta i beneficiari {anno}")
