"""The short brochure (theme ``sintesi``): key figures, charts, a page per area, goals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from .. import formato
from ..modello import contenuto
from ..modello.attivita import Servizio
from ..modello.economia import RicaviPerFonte
from ..modello.ente import RAMO_B
from ..modello.persone import Lavoratori
from . import grafici
from .comune import (
    Cifra,
    Costruttore,
    Grafico,
    PaginaArea,
    SchedaServizio,
    Sintesi,
    Tabella,
    _breve,
    _cifra,
    _e,
    _n,
    _p,
    _primi_paragrafi,
    _slug,
)
from .testo import markdown


class CostruttoreSintesi(Costruttore):
    # --- the brochure ----------------------------------------------------------------------

    def sintesi(self) -> Sintesi:
        e = self.ente
        sintesi = Sintesi(data_soci=formato.data(dt.date(self.anno, 12, 31)).replace("/", "."))
        sintesi.chi_siamo = markdown(
            _primi_paragrafi(contenuto(e.storia) or contenuto(e.missione) or "", 3)
        )
        sintesi.valori = [markdown(x) for x in (contenuto(e.valori) or [])]
        sintesi.valori_brevi = all(len(x) <= 60 for x in (contenuto(e.valori) or []))
        sintesi.reti = [r.denominazione for r in (contenuto(e.reti) or [])]
        prec = self.prec

        soci = self._soci(self.dati)
        soci_prec = self._soci(self.dati_prec)
        if soci is not None:
            tipi = (
                ("Soci lavoratori", "lavoratori"),
                ("Soci volontari", "volontari"),
                ("Soci fruitori", "fruitori"),
                ("Soci persone giuridiche", "persone_giuridiche"),
                ("Soci sovventori", "sovventori"),
            )
            sintesi.soci = [
                _cifra(
                    t,
                    getattr(soci, k),
                    getattr(soci_prec, k) if soci_prec else None,
                    prec if soci_prec else None,
                    modo="assoluta",
                    fmt=_n,
                    riga=self.righe.get(f"governo.soci.{k}"),
                )
                for t, k in tipi
                if getattr(soci, k) or (soci_prec and getattr(soci_prec, k))
            ]
            sintesi.soci_totale = _cifra(
                "Totale",
                self.v("soci_totale"),
                self.v("soci_totale", prec) if soci_prec else None,
                prec if soci_prec else None,
                modo="assoluta",
                fmt=_n,
                riga=self.righe.get("indicatori.soci_totale"),
            )
            voci = [(t, getattr(soci, k)) for t, k in tipi if getattr(soci, k)]
            if len(voci) > 1:
                sintesi.grafico_soci = self._grafico_torta(
                    "grafico-soci",
                    f"Composizione della base sociale al 31/12/{self.anno}",
                    voci,
                    "Tipologia",
                    _n,
                )

        lav = contenuto(self.dati.persone.lavoratori) if self.dati.persone else None
        lav_prec = (
            contenuto(self.dati_prec.persone.lavoratori)
            if self.dati_prec and self.dati_prec.persone
            else None
        )
        if lav is not None and lav.gruppi:
            nomi = {
                "dipendenti": "Lavoratori dipendenti",
                "autonomi": "Lavoratori autonomi",
                "occasionali": "Lavoratori occasionali",
            }
            sintesi.lavoratori = [
                _cifra(
                    nomi[k],
                    g.numero,
                    lav_prec.gruppi[k].numero if lav_prec and k in lav_prec.gruppi else None,
                    prec if lav_prec else None,
                    modo="assoluta",
                    fmt=_n,
                    riga=self.righe.get(f"persone.lavoratori.{k}.numero"),
                )
                for k, g in lav.gruppi.items()
            ]
            sintesi.lavoratori_testo = self._frase_lavoratori(lav)
            ins = contenuto(self.dati.persone.inserimento_lavorativo) if self.dati.persone else None
            if self.ente.qualificazione in RAMO_B and ins is not None:
                sintesi.svantaggiati = [
                    Cifra(etichetta="Lavoratori svantaggiati", valore=_n(ins.svantaggiati)),
                    Cifra(
                        etichetta="Sul totale dei lavoratori del ramo B",
                        valore=formato.percentuale(self.v("svantaggiati_quota_lavoratori"), 1),
                    ),
                    Cifra(
                        etichetta="Sui non svantaggiati (metodo INPS, minimo 30%)",
                        valore=formato.percentuale(self.v("svantaggiati_quota"), 1),
                    ),
                ]
            voci = [(nomi[k], g.numero) for k, g in lav.gruppi.items() if g.numero]
            if len(voci) > 1:
                sintesi.grafico_lavoratori = self._grafico_torta(
                    "grafico-lavoratori",
                    f"Lavoratori per tipologia nel {self.anno}",
                    voci,
                    "Tipologia",
                    _n,
                )
        if self.dati.persone:
            sintesi.mutualita = list(self.dati.persone.mutualita_interna)

        ec = self.dati.economia
        ec_prec = self.dati_prec.economia if self.dati_prec else None
        if ec is not None:
            personale = (
                "Costi del personale" if ec.costo_lavoro_in_servizi is None else "Costo del lavoro"
            )
            righe = (
                (
                    "Valore della produzione",
                    "economia.valore_produzione",
                    lambda x: x.valore_produzione,
                ),
                (personale, "indicatori.costo_lavoro", "costo_lavoro"),
                ("Costi per servizi", "economia.costi_servizi", lambda x: x.costi_servizi),
                (
                    "Utile (perdita) della produzione",
                    "economia.risultato_gestione",
                    lambda x: x.risultato_gestione,
                ),
                (
                    "Risultato d'esercizio",
                    "economia.risultato_esercizio",
                    lambda x: x.risultato_esercizio if x.risultato_gestione is None else None,
                ),
                ("Patrimonio netto", "indicatori.patrimonio_netto", "patrimonio_netto"),
            )
            for etichetta, chiave, estrai in righe:
                if isinstance(estrai, str):  # a computed figure
                    nuovo = self.v(estrai)
                    vecchio = self.v(estrai, prec) if prec is not None else None
                else:
                    nuovo = estrai(ec)
                    vecchio = estrai(ec_prec) if ec_prec else None
                if nuovo is None:
                    continue
                sintesi.economia.append(
                    _cifra(
                        etichetta,
                        nuovo,
                        vecchio,
                        prec if ec_prec is not None else None,
                        modo="percentuale",
                        fmt=_e,
                        riga=self.righe.get(chiave),
                    )
                )
            fonti = contenuto(ec.ricavi_per_fonte)
            if fonti is not None and fonti.voci():
                voci = [
                    (RicaviPerFonte.model_fields[k].title or k, v)
                    for k, v in fonti.voci().items()
                    if v
                ]
                if voci:
                    titolo = f"Ricavi {self.anno} per provenienza"
                    sintesi.grafico_ricavi = Grafico(
                        titolo=titolo,
                        svg=Markup(
                            grafici.barre(
                                "grafico-ricavi",
                                titolo,
                                [(_breve(t), v) for t, v in voci],
                                self.colore,
                                _e,
                            )
                        ),
                        alternativa=Tabella(
                            colonne=["Provenienza", "Importo", "Quota"],
                            righe=[
                                [t, _e(v), _p(v / self.v("ricavi_totale") * 100)]
                                for t, v in sorted(voci, key=lambda x: -x[1])
                            ],
                            totale=["Totale", _e(self.v("ricavi_totale")), "100%"],
                        ),
                    )
            serie = [
                (a, d.economia.valore_produzione)
                for a in sorted(self.b.anni)
                if (d := self.b.dati(a)) is not None
                and d.economia is not None
                and d.economia.valore_produzione is not None
            ]
            if len(serie) > 1:
                titolo = "Andamento del valore della produzione"
                righe_vp = []
                for i, (a, v) in enumerate(serie):
                    var = (
                        formato.testo_variazione(
                            serie[i - 1][1], v, serie[i - 1][0], modo="percentuale"
                        )
                        if i
                        else ""
                    )
                    righe_vp.append([str(a), _e(v), var])
                sintesi.grafico_andamento = Grafico(
                    titolo=titolo,
                    svg=Markup(
                        grafici.andamento(
                            "grafico-andamento",
                            titolo,
                            [a for a, _ in serie],
                            [v for _, v in serie],
                            self.colore,
                            _e,
                        )
                    ),
                    alternativa=Tabella(
                        colonne=["Anno", "Valore della produzione", "Variazione"], righe=righe_vp
                    ),
                )

        att = self.dati.attivita
        servizi = (contenuto(att.servizi) or []) if att else []
        aree: dict[str, list[Servizio]] = {}
        for s in servizi:
            aree.setdefault(s.area or "Servizi e progetti", []).append(s)
        for area, lista in aree.items():
            sintesi.aree.append(
                PaginaArea(
                    id=f"area-{_slug(area)}", titolo=area, servizi=[self._scheda(s) for s in lista]
                )
            )
        if att:
            sintesi.obiettivi = [markdown(o.descrizione) for o in att.obiettivi_prossimo_anno]
        return sintesi

    def _grafico_torta(
        self,
        ident: str,
        titolo: str,
        voci: list[tuple[str, int]],
        colonna: str,
        fmt: Callable[[Any], str],
    ) -> Grafico:
        totale = sum(v for _, v in voci)
        return Grafico(
            titolo=titolo,
            svg=Markup(grafici.torta(ident, titolo, voci, self.colore, fmt)),
            alternativa=Tabella(
                colonne=[colonna, "Numero", "Quota"],
                righe=[[t, fmt(v), _p(Decimal(v) / totale * 100)] for t, v in voci],
                totale=["Totale", fmt(totale), "100%"],
            ),
        )

    def _frase_lavoratori(self, lav: Lavoratori) -> str:
        totale = self.v("lavoratori_totale")
        parti = []
        if lav.dipendenti:
            parti.append(
                f"{_n(lav.dipendenti.numero)} con un contratto dipendente ({_p(self.v('lavoratori_quota_dipendenti'))})"
            )
        if lav.autonomi:
            n = lav.autonomi.numero
            parti.append(f"{_n(n)} {'lavoratore autonomo' if n == 1 else 'lavoratori autonomi'}")
        if lav.occasionali:
            n = lav.occasionali.numero
            parti.append(
                f"{_n(n)} {'lavoratore con contratto occasionale' if n == 1 else 'lavoratori con contratto occasionale'}"
            )
        elenco = parti[0] if len(parti) == 1 else ", ".join(parti[:-1]) + " e " + parti[-1]
        return f"Nel {self.anno} hanno lavorato in cooperativa {_n(totale)} persone: {elenco}."

    def _scheda(self, s: Servizio) -> SchedaServizio:
        cifre = (
            [Cifra(etichetta="Beneficiari", valore=_n(self.beneficiari(s)))]
            if self.cifre_servizio(s).conta_beneficiari
            else []
        )
        for etichetta, valore in (
            ("Ore di servizio", s.ore),
            ("Interventi", s.interventi),
            ("Nuclei familiari", s.nuclei),
            ("Posti", s.posti),
        ):
            if valore is not None:
                cifre.append(Cifra(etichetta=etichetta, valore=_n(valore)))
        if s.durata_media_minuti is not None:
            cifre.append(
                Cifra(
                    etichetta="Durata media per intervento",
                    valore=formato.durata(s.durata_media_minuti),
                )
            )
        for o in s.output:
            cifre.append(
                Cifra(
                    etichetta=o.descrizione + (f" ({o.unita})" if o.unita else ""),
                    valore=_n(o.valore),
                )
            )
        dettaglio = None
        if s.dettaglio_beneficiari or len(s.beneficiari) > 1:
            righe = [[k, _n(v)] for k, v in s.dettaglio_beneficiari.items()] or [
                [c.etichetta, _n(v)] for c, v in s.beneficiari.items()
            ]
            dettaglio = Tabella(
                colonne=["Dettaglio", "Beneficiari"],
                righe=righe,
                totale=["Totale", _n(self.beneficiari(s))],
                classe="stretta",
            )
        testo = markdown("\n\n".join(x for x in (s.descrizione, s.esiti) if x))
        return SchedaServizio(nome=s.nome, cifre=cifre, dettaglio=dettaglio, testo=testo)
