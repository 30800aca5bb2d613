"""Figures the tool computes (never typed): totals, shares, ratios, averages.

One function per year of data; `check`, `diff` and the reports all read them from here.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from .modello import Anno, AnnoPrecedente, Ente, contenuto


class Indicatori(BaseModel):
    """Derived figures of one year. Percentages are 0-100; ``None`` means not computable."""

    anno: int
    soci_totale: int | None = Field(default=None, title="Soci totali")
    lavoratori_totale: int | None = Field(default=None, title="Lavoratori totali")
    quota_dipendenti: Decimal | None = Field(
        default=None, title="Quota di lavoratori dipendenti (%)"
    )
    quota_donne: Decimal | None = Field(default=None, title="Quota di lavoratrici (%)")
    beneficiari_totale: int | None = Field(default=None, title="Beneficiari totali")
    ore_formazione: Decimal | None = Field(default=None, title="Ore di formazione complessive")
    costo_lavoro: Decimal | None = Field(default=None, title="Costo del lavoro")
    peso_costo_lavoro: Decimal | None = Field(
        default=None, title="Peso del costo del lavoro sul valore della produzione (%)"
    )
    quota_pubblica: Decimal | None = Field(
        default=None, title="Incidenza delle fonti pubbliche (%)"
    )
    quota_privata: Decimal | None = Field(default=None, title="Incidenza delle fonti private (%)")
    ricavi_pubblici: Decimal | None = Field(default=None, title="Ricavi da fonti pubbliche")
    ricavi_privati: Decimal | None = Field(default=None, title="Ricavi da fonti private")
    patrimonio_netto: Decimal | None = Field(default=None, title="Patrimonio netto")
    rapporto_retributivo: Decimal | None = Field(
        default=None, title="Rapporto tra retribuzione massima e minima"
    )
    svantaggiati_inps: Decimal | None = Field(
        default=None, title="Svantaggiati su non svantaggiati (metodo INPS, %)"
    )
    svantaggiati_sul_totale: Decimal | None = Field(
        default=None, title="Svantaggiati sul totale dei lavoratori (%)"
    )
    cda_donne: Decimal | None = Field(default=None, title="Quota di donne nel CdA (%)")


def _quota(parte: Decimal | int | None, totale: Decimal | int | None) -> Decimal | None:
    if parte is None or not totale:
        return None
    return Decimal(parte) / Decimal(totale) * 100


def calcola(dati: Anno | AnnoPrecedente, anno: int, ente: Ente | None = None) -> Indicatori:
    """Every derived figure of one year."""
    ind = Indicatori(anno=anno)
    governo, persone, attivita, economia = dati.governo, dati.persone, dati.attivita, dati.economia

    soci = contenuto(governo.soci) if governo else None
    if soci is not None:
        ind.soci_totale = soci.somma

    cda = contenuto(governo.consiglio_amministrazione) if governo else None
    if cda is not None and cda.componenti:
        donne = sum(1 for c in cda.componenti if c.genere is not None and c.genere.value == "F")
        ind.cda_donne = _quota(donne, len(cda.componenti))

    if persone is not None:
        lav = contenuto(persone.lavoratori)
        if lav is not None and lav.gruppi:
            ind.lavoratori_totale = lav.somma
            dip = lav.dipendenti.numero if lav.dipendenti else 0
            ind.quota_dipendenti = _quota(dip, lav.somma)
            gruppi = list(lav.gruppi.values())
            if all(g.donne is not None for g in gruppi):
                ind.quota_donne = _quota(sum(g.donne for g in gruppi), lav.somma)
        formazione = contenuto(persone.formazione)
        if formazione:
            ind.ore_formazione = sum((c.ore_totali for c in formazione), Decimal(0))
        ret = contenuto(persone.retribuzioni)
        if ret is not None:
            ind.rapporto_retributivo = ret.rapporto
        ins = contenuto(persone.inserimento_lavorativo)
        if ins is not None:
            non = ins.lavoratori - ins.svantaggiati
            ind.svantaggiati_inps = _quota(ins.svantaggiati, non) if non > 0 else None
            ind.svantaggiati_sul_totale = _quota(ins.svantaggiati, ins.lavoratori)

    if attivita is not None:
        servizi = contenuto(attivita.servizi)
        if servizi:
            ind.beneficiari_totale = sum(s.beneficiari_totali for s in servizi)
        elif attivita.totale_beneficiari is not None:
            ind.beneficiari_totale = attivita.totale_beneficiari

    if economia is not None:
        ind.costo_lavoro = economia.costo_lavoro
        ind.peso_costo_lavoro = _quota(economia.costo_lavoro, economia.valore_produzione)
        fonti = contenuto(economia.ricavi_per_fonte)
        if fonti is not None and fonti.voci():
            ind.ricavi_pubblici = fonti.pubbliche
            ind.ricavi_privati = fonti.private
            ind.quota_pubblica = _quota(fonti.pubbliche, fonti.totale)
            ind.quota_privata = _quota(fonti.private, fonti.totale)
        pat = contenuto(economia.patrimonio)
        if pat is not None:
            if pat.patrimonio_netto is not None:
                ind.patrimonio_netto = pat.patrimonio_netto
            else:
                utile = (
                    pat.utile_perdita
                    if pat.utile_perdita is not None
                    else economia.risultato_esercizio
                )
                parti = (pat.capitale_sociale, pat.riserve, utile)
                if all(p is not None for p in parti):
                    ind.patrimonio_netto = sum(parti, Decimal(0))
    return ind
