"""Section 4. Persone che operano per l'ente of the full report."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ... import formato
from ...modello import contenuto
from ...modello.ente import RAMO_B
from ...modello.persone import Lavoratori
from ..blocchi import ForzaLavoro, GruppoLavoro
from ..comune import (
    Campi,
    Costruttore,
    Elenco,
    Paragrafo,
    Tabella,
    Testo,
    _e,
    _n,
    _par,
    _si_no,
    _somma_opt,
    _testo,
    _voce_par,
)


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
            righe = [
                [t, _n(getattr(c, k))]
                for t, k in (
                    ("A tempo indeterminato", "tempo_indeterminato"),
                    ("A tempo determinato", "tempo_determinato"),
                    ("A tempo pieno", "tempo_pieno"),
                    ("Part-time", "part_time"),
                )
                if getattr(c, k) is not None
            ]
            return (
                [
                    Tabella(
                        colonne=["Dipendenti per tipo di contratto", "Numero"],
                        righe=righe,
                        classe="stretta",
                    )
                ]
                if righe
                else []
            )

        def istruzione(i: Any) -> list[Any]:
            righe = [[f.title, _n(getattr(i, k))] for k, f in type(i).model_fields.items()]
            return [
                Tabella(
                    colonne=["Livello di istruzione", "N. lavoratori"],
                    righe=righe,
                    totale=["Totale", _n(i.somma)],
                    classe="stretta",
                )
            ]

        def tirocini(t: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Tirocini e stage", "Numero"],
                    righe=[
                        ["Totale tirocini e stage", _n(t.numero)],
                        ["di cui volontari in Servizio Civile", _n(t.servizio_civile)],
                    ],
                    classe="stretta",
                )
            ]

        def volontari(v: Any) -> list[Any]:
            righe = [["Totale volontari", _n(v.numero)]]
            if v.soci is not None:
                righe.append(["di cui soci volontari", _n(v.soci)])
            if v.servizio_civile is not None:
                righe.append(["di cui volontari in Servizio Civile", _n(v.servizio_civile)])
            if v.nell_attivita_impresa is not None:
                righe.append(
                    ["di cui impiegati nell'attività d'impresa", _n(v.nell_attivita_impresa)]
                )
            for etichetta, valore in (
                ("Registro dei volontari tenuto", v.registro),
                ("Volontari assicurati", v.assicurazione),
            ):
                if valore is not None:
                    righe.append([etichetta, _si_no(valore)])
            blocchi: list[Any] = [
                Tabella(colonne=["Volontari", "Numero"], righe=righe, classe="stretta")
            ]
            if v.attivita:
                blocchi += [
                    Testo(
                        html=Markup(
                            "<p><strong>Natura delle attività svolte dai volontari</strong></p>"
                        )
                    ),
                    *_testo(v.attivita),
                ]
            return blocchi

        def formazione(corsi: Any) -> list[Any]:
            righe = [
                [
                    c.tema,
                    c.ambito.etichetta.replace("Formazione ", "").capitalize(),
                    _n(c.partecipanti),
                    formato.numero(c.ore_pro_capite, 2),
                    _n(c.ore_totali),
                    "Sì" if c.obbligatoria else "No",
                    formato.euro(c.costo, 2),
                ]
                for c in corsi
            ]
            ore = self.v("formazione_ore")
            costo = self.v("formazione_costo")
            return [
                Tabella(
                    colonne=[
                        "Tema formativo",
                        "Ambito",
                        "N. partecipanti",
                        "Ore pro capite",
                        "Ore totali",
                        "Obbligatoria",
                        "Costi sostenuti",
                    ],
                    numeriche=[False, False, True, True, True, False, True],
                    righe=righe,
                    totale=[
                        "Totale",
                        "",
                        _n(sum(c.partecipanti for c in corsi)),
                        "",
                        _n(ore),
                        "",
                        formato.euro(costo, 2),
                    ],
                    classe="formazione",
                )
            ]

        def retribuzioni(r: Any) -> list[Any]:
            blocchi = _testo(r.struttura) + _testo(r.compensi_organi)
            righe = []
            if r.retribuzione_massima is not None:
                righe.append(("Retribuzione annua lorda massima", _e(r.retribuzione_massima)))
            if r.retribuzione_minima is not None:
                righe.append(("Retribuzione annua lorda minima", _e(r.retribuzione_minima)))
            if (rapporto := self.v("rapporto_retributivo")) is not None:
                righe.append(
                    (
                        "Rapporto tra retribuzione massima e minima (limite di legge: 8)",
                        formato.numero(rapporto, 2),
                    )
                )
            if righe:
                blocchi.append(Campi(righe=righe))
            blocchi += _testo(r.giustificazione)
            return blocchi

        def rimborsi(r: Any) -> list[Any]:
            righe = [
                ("Modalità", r.modalita.etichetta),
                ("Importo totale dei rimborsi", formato.euro(r.importo_totale, 2)),
                ("Volontari che hanno ricevuto rimborsi", _n(r.volontari_rimborsati)),
            ]
            return [Campi(righe=righe), *_testo(r.note)]

        def inserimento(i: Any) -> list[Any]:
            righe = [
                ("Lavoratori del ramo B (esclusi i soci volontari)", _n(i.lavoratori)),
                ("di cui persone svantaggiate (art. 4 l. 381/1991)", _n(i.svantaggiati)),
                (
                    "Svantaggiati su non svantaggiati (metodo INPS, minimo 30%)",
                    formato.percentuale(self.v("svantaggiati_quota"), 1),
                ),
                (
                    "Svantaggiati sul totale dei lavoratori del ramo B",
                    formato.percentuale(self.v("svantaggiati_quota_lavoratori"), 1),
                ),
            ]
            blocchi: list[Any] = [Campi(righe=righe)]
            if i.tipologie:
                blocchi.append(
                    Tabella(
                        colonne=["Tipologia di svantaggio", "Numero"],
                        righe=[[k, _n(v)] for k, v in i.tipologie.items()],
                        classe="stretta",
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
