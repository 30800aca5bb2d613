"""Section 3. Struttura, governo e amministrazione of the full report."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ... import formato
from ...modello import contenuto
from ...modello.governo import Soci, TipoSocio
from .. import grafici
from ..blocchi import (
    Amministratore,
    Assemblea,
    Assemblee,
    BaseSociale,
    Collaborazione,
    Collaborazioni,
    Composizione,
    Consiglio,
    Controllore,
    DurataCarica,
    OrganoControllo,
    Portatore,
    RiunioniCda,
    Stakeholder,
    TipoSoci,
)
from ..comune import (
    Costruttore,
    Paragrafo,
    _n,
    _p,
    _par,
    _testo,
)


class SezioneGoverno(Costruttore):
    # 3. Governo
    def s_governo(self, sez: str) -> list[Paragrafo | None]:
        g = self.dati.governo
        if g is None:
            return []
        anno = self.anno

        def soci(s: Soci) -> list[Any]:
            return [self._base_sociale(s)]

        def cda(c: Any) -> list[Any]:
            return [self._consiglio(c)] if c.componenti else []

        def nomina(c: Any) -> list[Any]:
            blocchi = _testo(c.modalita_nomina)
            if c.durata_carica:
                blocchi.append(DurataCarica(durata=c.durata_carica.rstrip(".")))
            return blocchi

        def riunioni(c: Any) -> list[Any]:
            if c.riunioni is None:
                return []
            return [
                RiunioniCda(
                    anno=anno,
                    riunioni=_n(c.riunioni),
                    partecipazione=None
                    if c.partecipazione_media is None
                    else _p(c.partecipazione_media),
                )
            ]

        def controllo(o: Any) -> list[Any]:
            return [
                OrganoControllo(
                    tipologia=o.tipo,
                    durata=o.durata_carica,
                    componenti=[
                        Controllore(
                            nome=x.nome,
                            ruolo=x.ruolo,
                            nomina=formato.data(x.data_nomina) if x.data_nomina else None,
                            compenso=x.compenso,
                        )
                        for x in o.componenti
                    ],
                )
            ]

        cda_v = contenuto(g.consiglio_amministrazione)
        return [
            self._voce("3.1", g.soci, soci, sez),
            _par("governo-sistema", "Sistema di governo e controllo", _testo(g.sistema_di_governo)),
            self._voce("3.2", g.consiglio_amministrazione, cda, sez),
            _par("governo-nomina", "Modalità di nomina e durata carica", nomina(cda_v))
            if cda_v
            else None,
            _par("governo-riunioni", "N. di CdA/anno e partecipazione media", riunioni(cda_v))
            if cda_v
            else None,
            self._voce("3.3", g.organo_controllo, controllo, sez),
            self._voce("3.4", g.assemblee, lambda _: self._assemblee(), sez),
            _par(
                "governo-democrazia",
                "Democraticità interna e partecipazione",
                _testo(g.democrazia_interna),
            ),
            self._voce("3.5", g.stakeholder, self._stakeholder, sez),
            _par(
                "governo-collaborazioni",
                "Tipologia di collaborazioni",
                [
                    Collaborazioni(
                        voci=[
                            Collaborazione(
                                soggetto=c.soggetto,
                                tipologia=c.tipologia_soggetto,
                                tipo_collaborazione=c.tipo,
                                forma=c.forma,
                            )
                            for c in g.collaborazioni
                        ]
                    )
                ]
                if g.collaborazioni
                else [],
            ),
            self._voce("3.6", g.coinvolgimento_lavoratori_utenti, _testo, sez),
        ]

    def _assemblee(self) -> list[Any]:
        assemblee = []
        for a in sorted(self.anni):
            dati = self.b.dati(a)
            if dati is None or dati.governo is None:
                continue
            for x in contenuto(dati.governo.assemblee) or []:
                assemblee.append(
                    Assemblea(
                        anno=a,
                        assemblea=x.tipo.etichetta,
                        data=formato.data(x.data),
                        punti=list(x.ordine_del_giorno),
                        partecipazione=None if x.partecipazione is None else _p(x.partecipazione),
                        deleghe=None if x.deleghe is None else _p(x.deleghe),
                    )
                )
        return [Assemblee(assemblee=assemblee)] if assemblee else []

    def _base_sociale(self, s: Soci) -> BaseSociale:
        """The members by kind, with the previous year's when there is one."""
        tipi = [
            ("Soci cooperatori lavoratori", "lavoratori"),
            ("Soci cooperatori volontari", "volontari"),
            ("Soci cooperatori fruitori", "fruitori"),
            ("Soci persone giuridiche", "persone_giuridiche"),
            ("Soci sovventori e finanziatori", "sovventori"),
        ]
        prec = self._soci(self.dati_prec)
        anno_prec = self.prec if prec is not None else None

        def tipo(etichetta: str, nuovo: Any, vecchio: Any) -> TipoSoci:
            if anno_prec is None:
                return TipoSoci(tipologia=etichetta, numero=_n(nuovo))
            variazione = formato.testo_variazione(vecchio, nuovo, anno_prec)
            return TipoSoci(
                tipologia=etichetta,
                numero=_n(nuovo),
                precedente=_n(vecchio),
                variazione=variazione.replace(f" rispetto al {anno_prec}", ""),
            )

        righe = [
            tipo(etichetta, getattr(s, campo), getattr(prec, campo) if prec else None)
            for etichetta, campo in tipi
            # a kind the cooperative states in neither year
            if getattr(s, campo) is not None
            or (prec is not None and getattr(prec, campo) is not None)
        ]
        totale = tipo(
            "Totale soci",
            self.v("soci_totale"),
            self.v("soci_totale", anno_prec) if anno_prec else None,
        )
        return BaseSociale(
            anno=self.anno,
            anno_prec=anno_prec,
            tipi=righe,
            totale=totale,
            ammessi=None if s.ammessi is None else _n(s.ammessi),
            usciti=None if s.receduti is None else _n(s.receduti),
        )

    def _consiglio(self, c: Any) -> Consiglio:
        """The board: each member as CIPM lists them, and the composition the guidelines ask."""
        componenti = [
            Amministratore(
                nome=a.nome,
                carica=a.ruolo,
                prima_nomina=formato.data(a.data_prima_nomina) if a.data_prima_nomina else None,
                mandati=None if a.mandati is None else _n(a.mandati),
                eta=None if a.eta is None else _n(a.eta),
                socio=a.socio.etichetta if a.socio and a.socio is not TipoSocio.NON_SOCIO else None,
                rappresentante_pg=a.rappresentante_persona_giuridica,
            )
            for a in c.componenti
        ]
        n = len(c.componenti)
        comp = c.composizione
        con_genere = any(a.genere for a in c.componenti)

        def conta(filtro: Any) -> int:
            return sum(1 for a in c.componenti if filtro(a))

        def dichiarato(campo: str) -> str | None:
            valore = getattr(comp, campo) if comp is not None else None
            return None if valore is None else _n(valore)

        def per_socio(tipo: TipoSocio, campo: str) -> str | None:
            if comp is not None:
                return dichiarato(campo)
            if not any(a.socio for a in c.componenti):
                return None  # the list does not say who is a member
            return _n(conta(lambda a: a.socio is tipo))

        svantaggiati = conta(lambda a: a.svantaggiato)
        return Consiglio(
            componenti=componenti,
            composizione=Composizione(
                totale=_n(n),
                maschi=_n(conta(lambda a: a.genere is not None and a.genere.value == "M"))
                if con_genere
                else dichiarato("maschi"),
                femmine=_n(conta(lambda a: a.genere is not None and a.genere.value == "F"))
                if con_genere
                else dichiarato("femmine"),
                svantaggiati=_n(svantaggiati),
                normodotati=_n(n - svantaggiati),
                soci_lavoratori=per_socio(TipoSocio.LAVORATORE, "soci_lavoratori"),
                soci_volontari=per_socio(TipoSocio.VOLONTARIO, "soci_volontari"),
                soci_fruitori=per_socio(TipoSocio.FRUITORE, "soci_fruitori"),
                sovventori=per_socio(TipoSocio.SOVVENTORE, "sovventori"),
                persone_giuridiche=per_socio(TipoSocio.PERSONA_GIURIDICA, "persone_giuridiche"),
                altro=dichiarato("altro"),
            ),
        )

    def _stakeholder(self, v: Any) -> list[Any]:
        from ...modello.governo import LivelloCoinvolgimento

        portatori = [
            Portatore(
                tipologia=s.tipologia,
                modalita=s.modalita_coinvolgimento,
                intensita=int(s.intensita),
                livello=s.intensita.etichetta,
            )
            for s in v
        ]
        scala = [f"{int(x)} - {x.etichetta}" for x in LivelloCoinvolgimento]
        svg = grafici.livelli(
            "grafico-stakeholder",
            "Livello di coinvolgimento degli stakeholder",
            [(p.tipologia, p.intensita) for p in portatori],
            self.colore,
            [x.etichetta for x in LivelloCoinvolgimento],
        )
        return [Stakeholder(portatori=portatori, scala=scala, grafico=Markup(svg))]
