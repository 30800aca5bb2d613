"""Section 3. Struttura, governo e amministrazione of the full report."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ... import formato
from ...modello import contenuto
from ...modello.governo import Soci
from ..comune import (
    Campi,
    Costruttore,
    Paragrafo,
    Tabella,
    Testo,
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
            tipi = [
                ("Soci cooperatori lavoratori", "lavoratori"),
                ("Soci cooperatori volontari", "volontari"),
                ("Soci cooperatori fruitori", "fruitori"),
                ("Soci persone giuridiche", "persone_giuridiche"),
                ("Soci sovventori e finanziatori", "sovventori"),
            ]
            prec = self._soci(self.dati_prec)
            anno_prec = self.prec or 0  # used only with `prec`, which exists only with it
            colonne = ["Tipologia soci", f"{anno}"]
            if prec is not None:
                colonne += [f"{anno_prec}", "Variazione"]
            righe = []
            for etichetta, campo in tipi:
                if getattr(s, campo) is None and (prec is None or getattr(prec, campo) is None):
                    continue  # a type the cooperative states in neither year
                riga = [etichetta, _n(getattr(s, campo))]
                if prec is not None:
                    riga += [
                        _n(getattr(prec, campo)),
                        formato.testo_variazione(
                            getattr(prec, campo), getattr(s, campo), anno_prec
                        ).replace(f" rispetto al {anno_prec}", ""),
                    ]
                righe.append(riga)
            totale_soci, totale_prec = self.v("soci_totale"), self.v("soci_totale", anno_prec)
            totale = ["Totale soci", _n(totale_soci)]
            if prec is not None:
                totale += [
                    _n(totale_prec),
                    formato.testo_variazione(totale_prec, totale_soci, anno_prec).replace(
                        f" rispetto al {anno_prec}", ""
                    ),
                ]
            blocchi: list[Any] = [Tabella(colonne=colonne, righe=righe, totale=totale)]
            movimenti = []
            if s.ammessi is not None:
                movimenti.append(f"soci ammessi nell'anno: {_n(s.ammessi)}")
            if s.receduti is not None:
                movimenti.append(f"soci usciti nell'anno: {_n(s.receduti)}")
            if movimenti:
                blocchi.append(
                    Testo(html=Markup("<p>{}.</p>").format("; ".join(movimenti).capitalize()))
                )
            return blocchi

        def cda(c: Any) -> list[Any]:
            blocchi: list[Any] = []
            if c.componenti:
                blocchi.append(
                    Tabella(
                        titolo="Dati amministratori — CdA",
                        colonne=[
                            "Nome e cognome",
                            "Carica",
                            "Data prima nomina",
                            "Mandati",
                            "Età",
                            "Socio",
                        ],
                        numeriche=[False, False, True, True, True, False],
                        righe=[
                            [
                                a.nome,
                                a.ruolo,
                                formato.data(a.data_prima_nomina) if a.data_prima_nomina else "",
                                _n(a.mandati) if a.mandati is not None else "",
                                _n(a.eta) if a.eta is not None else "",
                                a.socio.etichetta
                                if a.socio
                                else (
                                    "Rappresentante di persona giuridica"
                                    if a.rappresentante_persona_giuridica
                                    else ""
                                ),
                            ]
                            for a in c.componenti
                        ],
                        classe="cda",
                    )
                )
                n = len(c.componenti)
                maschi = sum(
                    1 for a in c.componenti if a.genere is not None and a.genere.value == "M"
                )
                femmine = sum(
                    1 for a in c.componenti if a.genere is not None and a.genere.value == "F"
                )
                comp = c.composizione
                righe = [["Totale componenti (persone)", _n(n)]]
                if any(a.genere for a in c.componenti):
                    righe += [["di cui maschi", _n(maschi)], ["di cui femmine", _n(femmine)]]
                elif comp is not None and comp.maschi is not None:
                    righe += [
                        ["di cui maschi", _n(comp.maschi)],
                        ["di cui femmine", _n(comp.femmine)],
                    ]
                righe.append(
                    [
                        "di cui persone svantaggiate",
                        _n(sum(1 for a in c.componenti if a.svantaggiato)),
                    ]
                )
                if comp is not None:
                    for etichetta, campo in (
                        ("di cui soci cooperatori lavoratori", "soci_lavoratori"),
                        ("di cui soci cooperatori volontari", "soci_volontari"),
                        ("di cui soci cooperatori fruitori", "soci_fruitori"),
                        ("di cui soci sovventori/finanziatori", "sovventori"),
                        ("di cui rappresentanti di soci persone giuridiche", "persone_giuridiche"),
                        ("Altro", "altro"),
                    ):
                        valore = getattr(comp, campo)
                        if valore is not None:
                            righe.append([etichetta, _n(valore)])
                else:
                    per_tipo: dict[str, int] = {}
                    for a in c.componenti:
                        if a.socio is not None:
                            per_tipo[a.socio.etichetta] = per_tipo.get(a.socio.etichetta, 0) + 1
                    righe += [[f"di cui {k.lower()}", _n(v)] for k, v in per_tipo.items()]
                blocchi.append(
                    Tabella(
                        titolo="Composizione del CdA",
                        colonne=["Membri CdA", "Numero"],
                        righe=righe,
                        classe="stretta",
                    )
                )
            return blocchi

        def nomina(c: Any) -> list[Any]:
            blocchi = _testo(c.modalita_nomina)
            if c.durata_carica:
                blocchi.append(
                    Testo(
                        html=Markup("<p>Durata della carica: {}.</p>").format(
                            c.durata_carica.rstrip(".")
                        )
                    )
                )
            return blocchi

        def riunioni(c: Any) -> list[Any]:
            if c.riunioni is None:
                return []
            frase = f"Nel corso del {anno} il CdA si è riunito {_n(c.riunioni)} volte"
            if c.partecipazione_media is not None:
                frase += f"; la partecipazione media è stata del {_p(c.partecipazione_media)}"
            return [Testo(html=Markup("<p>{}.</p>").format(frase))]

        def controllo(o: Any) -> list[Any]:
            blocchi: list[Any] = [
                Campi(
                    righe=[("Tipologia", o.tipo)]
                    + ([("Durata della carica", o.durata_carica)] if o.durata_carica else [])
                )
            ]
            if o.componenti:
                blocchi.append(
                    Tabella(
                        colonne=["Nome e cognome", "Ruolo", "Data di nomina", "Compenso"],
                        numeriche=[False, False, True, False],
                        righe=[
                            [
                                x.nome,
                                x.ruolo or "",
                                formato.data(x.data_nomina) if x.data_nomina else "",
                                x.compenso or "",
                            ]
                            for x in o.componenti
                        ],
                    )
                )
            return blocchi

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
                    Tabella(
                        colonne=[
                            "Descrizione",
                            "Tipologia soggetto",
                            "Tipo di collaborazione",
                            "Forme di collaborazione",
                        ],
                        numeriche=[False] * 4,
                        righe=[
                            [c.soggetto, c.tipologia_soggetto or "", c.tipo or "", c.forma or ""]
                            for c in g.collaborazioni
                        ],
                        classe="fitta",
                    )
                ]
                if g.collaborazioni
                else [],
            ),
            self._voce("3.6", g.coinvolgimento_lavoratori_utenti, _testo, sez),
        ]

    def _assemblee(self) -> list[Any]:
        righe = []
        for a in sorted(self.anni):
            dati = self.b.dati(a)
            if dati is None or dati.governo is None:
                continue
            for x in contenuto(dati.governo.assemblee) or []:
                odg = (
                    "; ".join(f"{i}) {p}" for i, p in enumerate(x.ordine_del_giorno, 1))
                    if len(x.ordine_del_giorno) > 1
                    else "".join(x.ordine_del_giorno)
                )
                righe.append(
                    [
                        str(a),
                        x.tipo.etichetta,
                        formato.data(x.data),
                        odg,
                        _p(x.partecipazione) if x.partecipazione is not None else "",
                        _p(x.deleghe) if x.deleghe is not None else "",
                    ]
                )
        return [
            Tabella(
                colonne=[
                    "Anno",
                    "Assemblea",
                    "Data",
                    "Punti all'ordine del giorno",
                    "% partecipazione",
                    "% deleghe",
                ],
                numeriche=[False, False, False, False, True, True],
                righe=righe,
                classe="assemblee",
            )
        ]

    def _stakeholder(self, v: Any) -> list[Any]:
        from ...modello.governo import LivelloCoinvolgimento

        return [
            Tabella(
                colonne=["Tipologia stakeholder", "Modalità di coinvolgimento", "Intensità"],
                numeriche=[False, False, False],
                righe=[
                    [
                        s.tipologia,
                        s.modalita_coinvolgimento or "",
                        f"{int(s.intensita)} - {s.intensita.etichetta}",
                    ]
                    for s in v
                ],
                classe="stakeholder",
            ),
            Testo(
                html=Markup('<p class="scala"><strong>Scala:</strong> {}</p>').format(
                    " · ".join(f"{int(x)} - {x.etichetta}" for x in LivelloCoinvolgimento)
                )
            ),
        ]
