"""Section 4. Persone che operano per l'ente of the full report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ... import formato
from ...modello import contenuto
from ...modello.ente import RAMO_B
from ...modello.persone import Contratti, Lavoratori
from ..blocchi import (
    AttivitaVolontari,
    Compensi,
    Conteggi,
    Corso,
    Formazione,
    ForzaLavoro,
    GruppoLavoro,
    Inserimento,
    Rimborsi,
)
from ..comune import (
    Costruttore,
    Elenco,
    Paragrafo,
    _e,
    _n,
    _par,
    _si_no,
    _somma_opt,
    _testo,
    _voce_par,
)
from ..testo import markdown


def _conteggi(
    tabella: str,
    dati: Any,
    campi: Iterable[str],
    *,
    si_no: Iterable[str] = (),
    totale: str | None = None,
) -> list[Any]:
    """The counts of a "label: number" table, by the data's field names (the template
    names the rows); a count the data does not give is left out, and so is an empty table."""
    valori = {k: _n(getattr(dati, k)) for k in campi if getattr(dati, k) is not None}
    valori |= {k: _si_no(getattr(dati, k)) for k in si_no if getattr(dati, k) is not None}
    if not valori:
        return []
    return [Conteggi(tabella=tabella, valori=valori, totale=totale)]


def _o(valore: int | None) -> str | None:
    return None if valore is None else _n(valore)


class SezionePersone(Costruttore):
    # 4. Persone
    def s_persone(self, sez: str) -> list[Paragrafo | None]:
        p = self.dati.persone
        if p is None:
            return []

        def lavoratori(lav: Lavoratori) -> list[Any]:
            nomi = {
                "dipendenti": "Lavoratori dipendenti",
                "autonomi": "Lavoratori autonomi",
                "occasionali": "Lavoratori occasionali",
            }
            prec_lav = (
                contenuto(self.dati_prec.persone.lavoratori)
                if self.dati_prec and self.dati_prec.persone
                else None
            )
            gruppi = []
            for chiave, gruppo in lav.gruppi.items():
                pg = prec_lav.gruppi.get(chiave) if prec_lav is not None else None
                gruppi.append(
                    GruppoLavoro(
                        tipologia=nomi[chiave],
                        totale=_n(gruppo.numero),
                        uomini=_o(gruppo.uomini),
                        donne=_o(gruppo.donne),
                        soci=_o(gruppo.soci),
                        precedente=_n(pg.numero) if pg else None,
                    )
                )
            tutti = list(lav.gruppi.values())
            totale = GruppoLavoro(
                tipologia="Totale lavoratori",
                totale=_n(self.v("lavoratori_totale")),
                uomini=_somma_opt(g.uomini for g in tutti) or None,
                donne=_somma_opt(g.donne for g in tutti) or None,
                soci=_somma_opt(g.soci for g in tutti) or None,
                precedente=_n(self.v("lavoratori_totale", self.prec))
                if prec_lav is not None
                else None,
            )
            return [
                ForzaLavoro(
                    anno_prec=self.prec if prec_lav is not None else None,
                    gruppi=gruppi,
                    totale=totale,
                )
            ]

        def contratti(c: Any) -> list[Any]:
            return _conteggi("contratti", c, Contratti.model_fields)

        def istruzione(i: Any) -> list[Any]:
            # A level not written is left out; the total only when every level is written.
            totale = None if i.somma is None else _n(i.somma)
            return _conteggi("istruzione", i, type(i).model_fields, totale=totale)

        def tirocini(t: Any) -> list[Any]:
            return _conteggi("tirocini", t, ("numero", "servizio_civile"))

        def volontari(v: Any) -> list[Any]:
            blocchi: list[Any] = _conteggi(
                "volontari",
                v,
                ("numero", "soci", "servizio_civile", "nell_attivita_impresa"),
                si_no=("registro", "assicurazione"),
            )
            if v.attivita:
                blocchi.append(AttivitaVolontari(html=markdown(v.attivita)))
            return blocchi

        def formazione(corsi: Any) -> list[Any]:
            return [
                Formazione(
                    corsi=[
                        Corso(
                            tema=c.tema,
                            ambito=c.ambito.etichetta.replace("Formazione ", "").capitalize(),
                            partecipanti=_n(c.partecipanti),
                            ore_pro_capite=formato.numero(c.ore_pro_capite, 2),
                            ore_totali=_n(c.ore_totali),
                            obbligatoria=c.obbligatoria,
                            costo=formato.euro(c.costo, 2),
                        )
                        for c in corsi
                    ],
                    partecipanti=_n(sum(c.partecipanti for c in corsi)),
                    ore=_n(self.v("formazione_ore")),
                    costo=formato.euro(self.v("formazione_costo"), 2),
                )
            ]

        def retribuzioni(r: Any) -> list[Any]:
            blocchi = _testo(r.struttura) + _testo(r.compensi_organi)
            rapporto = self.v("rapporto_retributivo")
            compensi = Compensi(
                massimo=None if r.retribuzione_massima is None else _e(r.retribuzione_massima),
                minimo=None if r.retribuzione_minima is None else _e(r.retribuzione_minima),
                rapporto=None if rapporto is None else formato.numero(rapporto, 2),
            )
            if compensi.conta():
                blocchi.append(compensi)
            blocchi += _testo(r.giustificazione)
            return blocchi

        def rimborsi(r: Any) -> list[Any]:
            def euro(v: Any) -> str | None:
                return None if v is None else formato.euro(v, 2)

            # not written is unknown: n.d. (with the report's legend), never 0
            return [
                Rimborsi(
                    modalita=r.modalita.etichetta,
                    importo=formato.euro(r.importo_totale, 2),
                    volontari=_n(r.volontari_rimborsati),
                    massimo_giornaliero=euro(r.massimo_giornaliero),
                    massimo_mensile=euro(r.massimo_mensile),
                    delibera=None
                    if r.delibera_autocertificazione is None
                    else _si_no(r.delibera_autocertificazione),
                ),
                *_testo(r.note),
            ]

        def inserimento(i: Any) -> list[Any]:
            blocchi: list[Any] = [
                Inserimento(
                    lavoratori=_n(i.lavoratori),
                    svantaggiati=_n(i.svantaggiati),
                    quota_inps=formato.percentuale(self.v("svantaggiati_quota"), 1),
                    quota_lavoratori=formato.percentuale(
                        self.v("svantaggiati_quota_lavoratori"), 1
                    ),
                )
            ]
            if i.tipologie:
                blocchi.append(
                    Conteggi(
                        tabella="svantaggio", valori={k: _n(v) for k, v in i.tipologie.items()}
                    )
                )
            return blocchi

        return [
            self._voce("4.1", p.lavoratori, lavoratori, sez),
            _voce_par(
                "persone-contratti", "Dipendenti per tipo di contratto", p.contratti, contratti
            ),
            _voce_par(
                "persone-istruzione",
                "Livello di istruzione del personale occupato",
                p.istruzione,
                istruzione,
            ),
            _voce_par("persone-tirocini", "Tirocini e stage", p.tirocini, tirocini),
            self._segna(
                "4.9",
                self._segna(
                    "4.8",
                    self._voce("4.2", p.volontari, volontari, sez),
                    sez,
                ),
                sez,
            ),
            self._voce("4.3", p.formazione, formazione, sez),
            self._voce("4.4", p.contratto_collettivo, _testo, sez),
            self._voce("4.5", p.retribuzioni, retribuzioni, sez),
            self._voce("4.6", p.rimborsi_volontari, rimborsi, sez),
            self._voce("4.7", p.inserimento_lavorativo, inserimento, sez)
            if self.ente.qualificazione in RAMO_B
            else None,
            _par(
                "persone-mutualita",
                "Meccanismi di mutualità interna",
                [Elenco(voci=[Markup.escape(x) for x in p.mutualita_interna])]
                if p.mutualita_interna
                else [],
            ),
        ]
