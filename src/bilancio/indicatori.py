"""Figures the tool computes (never typed): totals, shares, ratios, averages.

One function per year of data; `check`, `diff` and the reports all read them from here.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from .modello import Anno, AnnoPrecedente, Ente, NonPresente


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


def _valore(v: object) -> object:
    return None if isinstance(v, NonPresente) else v


def calcola(dati: Anno | AnnoPrecedente, anno: int, ente: Ente | None = None) -> Indicatori:
    """Every derived figure of one year."""
    ind = Indicatori(anno=anno)
    governo, persone, attivita, economia = dati.governo, dati.persone, dati.attivita, dati.economia

    soci = _valore(governo.soci) if governo else None
    if soci is not None:
        ind.soci_totale = soci.somma  # type: ignore[attr-defined]

    cda = _valore(governo.consiglio_amministrazione) if governo else None
    if cda is not None and cda.componenti:  # type: ignore[attr-defined]
        donne = sum(1 for c in cda.componenti if c.genere is not None and c.genere.value == "F")  # type: ignore[attr-defined]
        ind.cda_donne = _quota(donne, len(cda.componenti))  # type: ignore[attr-defined]

    if persone is not None:
        lav = _valore(persone.lavoratori)
        if lav is not None and lav.gruppi:  # type: ignore[attr-defined]
            ind.lavoratori_totale = lav.somma  # type: ignore[attr-defined]
            dip = lav.dipendenti.numero if lav.dipendenti else 0  # type: ignore[attr-defined]
            ind.quota_dipendenti = _quota(dip, lav.somma)  # type: ignore[attr-defined]
            gruppi = list(lav.gruppi.values())  # type: ignore[attr-defined]
            if all(g.donne is not None for g in gruppi):
                ind.quota_donne = _quota(sum(g.donne for g in gruppi), lav.somma)  # type: ignore[attr-defined]
        formazione = _valore(persone.formazione)
        if formazione:
            ind.ore_formazione = sum((c.ore_totali for c in formazione), Decimal(0))  # type: ignore[union-attr]
        ret = _valore(persone.retribuzioni)
        if ret is not None:
            ind.rapporto_retributivo = ret.rapporto  # type: ignore[attr-defined]
        ins = _valore(persone.inserimento_lavorativo)
        if ins is not None:
            non = ins.lavoratori - ins.svantaggiati  # type: ignore[attr-defined]
            ind.svantaggiati_inps = _quota(ins.svantaggiati, non) if non > 0 else None  # type: ignore[attr-defined]
            ind.svantaggiati_sul_totale = _quota(ins.svantaggiati, ins.lavoratori)  # type: ignore[attr-defined]

    if attivita is not None:
        servizi = _valore(attivita.servizi)
        if servizi:
            ind.beneficiari_totale = sum(s.beneficiari_totali for s in servizi)  # type: ignore[union-attr]
        elif attivita.totale_beneficiari is not None:
            ind.beneficiari_totale = attivita.totale_beneficiari

    if economia is not None:
        ind.costo_lavoro = economia.costo_lavoro
        ind.peso_costo_lavoro = _quota(economia.costo_lavoro, economia.valore_produzione)
        fonti = _valore(economia.ricavi_per_fonte)
        if fonti is not None and fonti.voci():  # type: ignore[attr-defined]
            ind.ricavi_pubblici = fonti.pubbliche  # type: ignore[attr-defined]
            ind.ricavi_privati = fonti.private  # type: ignore[attr-defined]
            ind.quota_pubblica = _quota(fonti.pubbliche, fonti.totale)  # type: ignore[attr-defined]
            ind.quota_privata = _quota(fonti.private, fonti.totale)  # type: ignore[attr-defined]
        pat = _valore(economia.patrimonio)
        if pat is not None:
            if pat.patrimonio_netto is not None:  # type: ignore[attr-defined]
                ind.patrimonio_netto = pat.patrimonio_netto  # type: ignore[attr-defined]
            else:
                utile = (
                    pat.utile_perdita
                    if pat.utile_perdita is not None
                    else economia.risultato_esercizio
                )  # type: ignore[attr-defined]
                parti = (pat.capitale_sociale, pat.riserve, utile)  # type: ignore[attr-defined]
                if all(p is not None for p in parti):
                    ind.patrimonio_netto = sum(parti, Decimal(0))  # type: ignore[arg-type]
    return ind
