"""The full report (theme ``completo``): the numbered DM sections and the conformity table."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from .. import formato
from ..conformita import VOCE
from ..errori import StatoVoce
from ..modello import contenuto
from ..modello.attivita import Categoria, Servizio
from ..modello.economia import CapitalePerSocio, Economia, RicaviPerFonte
from ..modello.ente import RAMO_B
from ..modello.governo import Soci
from ..modello.persone import Lavoratori
from ..modello.sezioni import SEZIONI_DM
from .comune import (
    Assente,
    Campi,
    Costruttore,
    Elenco,
    Paragrafo,
    Sezione,
    Tabella,
    Testo,
    VoceTavola,
    _assente_o,
    _e,
    _n,
    _opt,
    _p,
    _par,
    _senza_vuote,
    _si_no,
    _somma_opt,
    _testo,
    _voce_par,
)
from .testo import markdown


class CostruttoreCompleto(Costruttore):
    # --- the full report ---------------------------------------------------------------

    def sezioni(self) -> list[Sezione]:
        sezioni: list[Sezione] = []
        met = self.dati.metodologia
        if met is not None and met.premessa:
            sezioni.append(
                Sezione(
                    id="premessa",
                    numero=0,
                    titolo="Premessa/Introduzione",
                    paragrafi=[Paragrafo(id="premessa-testo", blocchi=_testo(met.premessa))],
                )
            )
        costruttori = {
            "metodologia": self.s_metodologia,
            "ente": self.s_ente,
            "governo": self.s_governo,
            "persone": self.s_persone,
            "attivita": self.s_attivita,
            "economia": self.s_economia,
            "altre_informazioni": self.s_altre,
            "monitoraggio": self.s_monitoraggio,
        }
        for sez in SEZIONI_DM:
            funzione = costruttori[sez.chiave]
            dm, ident, titolo = sez.numero, sez.ancora, sez.titolo_in_report
            numero = len(sezioni) + 1
            etichetta = f"{numero}. {titolo}"
            paragrafi = [p for p in funzione(etichetta) if p is not None]
            if not paragrafi:
                paragrafi = [
                    Paragrafo(
                        id=f"{ident}-vuota",
                        blocchi=[
                            Assente(
                                motivo="Nessuna informazione fornita per questa sezione (si veda la tavola di conformità)."
                            )
                        ],
                    )
                ]
            sezioni.append(
                Sezione(id=ident, numero=numero, titolo=titolo, sezione_dm=dm, paragrafi=paragrafi)
            )
        for i, s in enumerate(sezioni, start=1):
            s.numero = i
        return sezioni

    # 1. Metodologia
    def s_metodologia(self, sez: str) -> list[Paragrafo | None]:
        m = self.dati.metodologia
        if m is None:
            return []
        return [
            _par("metodologia-destinatari", "Destinatari del documento", _testo(m.destinatari)),
            _par("metodologia-redazione", "Modalità di redazione", _assente_o(m.redazione, _testo)),
            self._voce(
                "1.1", m.standard, lambda v: [Elenco(voci=[Markup.escape(x) for x in v])], sez
            ),
            self._voce("1.2", m.cambiamenti, _testo, sez),
            _par(
                "metodologia-norme",
                "Riferimenti normativi",
                [Elenco(voci=[Markup.escape(x) for x in m.riferimenti_normativi])]
                if m.riferimenti_normativi
                else [],
            ),
            self._voce(
                "1.3",
                m.approvazione,
                lambda a: [
                    Testo(
                        html=Markup(
                            "<p>Il presente bilancio sociale è stato approvato da: {} in data {}.</p>"
                        ).format(a.organo, formato.data(a.data))
                    )
                ],
                sez,
            ),
            self._voce(
                "1.4",
                m.diffusione,
                lambda v: [
                    Testo(
                        html=Markup(
                            "<p>Il presente bilancio sociale viene diffuso attraverso i seguenti canali:</p>"
                        )
                    ),
                    Elenco(voci=[Markup.escape(x) for x in v]),
                ],
                sez,
            ),
        ]

    # 2. Ente
    def s_ente(self, sez: str) -> list[Paragrafo | None]:
        e = self.ente
        righe: list[tuple[str, str]] = [("Nome dell'ente", e.denominazione)]
        if e.codice_fiscale:
            righe.append(("Codice fiscale", e.codice_fiscale))
        if e.partita_iva:
            righe.append(("Partita IVA", e.partita_iva))
        righe.append(
            (
                "Forma giuridica e qualificazione ai sensi del codice del Terzo settore",
                f"{e.forma_giuridica.etichetta} — {e.tipo.etichetta}"
                + (" — Impresa sociale" if e.impresa_sociale else ""),
            )
        )
        if e.sede_legale:
            righe.append(("Indirizzo sede legale", self.copertina().sede or ""))
        if e.data_costituzione:
            righe.append(("Data di costituzione", formato.data(e.data_costituzione)))
        if e.numero_albo_cooperative:
            righe.append(("N° iscrizione Albo delle cooperative", e.numero_albo_cooperative))
        for r in e.altri_registri:
            righe.append(("Altre iscrizioni", r))
        if e.contatti:
            for etichetta, valore in (
                ("Telefono", e.contatti.telefono),
                ("Email", e.contatti.email),
                ("PEC", e.contatti.pec),
                ("Sito web", e.contatti.sito_web),
            ):
                if valore:
                    righe.append((etichetta, valore))
        if e.codici_ateco:
            righe.append(("Codici ATECO", ", ".join(e.codici_ateco)))
        identita = Paragrafo(
            id=VOCE["2.1"].ancora, titolo=VOCE["2.1"].titolo_report, blocchi=[Campi(righe=righe)]
        )
        for codice in ("2.1", "2.2", "2.3", "2.4", "2.5"):
            self._segna(codice, identita, sez)

        def sedi(v: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Indirizzo", "Comune", "Descrizione"],
                    numeriche=[False, False, False],
                    righe=[
                        [
                            s.indirizzo,
                            " ".join(
                                filter(
                                    None,
                                    (s.cap, s.comune, f"({s.provincia})" if s.provincia else None),
                                )
                            ),
                            s.descrizione or "",
                        ]
                        for s in v
                    ],
                )
            ]

        def reti(v: Any) -> list[Any]:
            return [
                Tabella(
                    titolo="Reti associative (denominazione e anno di adesione)",
                    colonne=["Denominazione", "Tipo", "Anno"],
                    numeriche=[False, False, True],
                    righe=[
                        [
                            r.denominazione,
                            r.tipo or "",
                            str(r.anno_adesione) if r.anno_adesione else "",
                        ]
                        for r in v
                    ],
                )
            ]

        valori = e.valori
        return [
            identita,
            self._voce("2.6", e.altre_sedi, sedi, sez),
            self._voce("2.7", e.aree_territoriali, _testo, sez),
            self._paragrafo(
                "2.8",
                [
                    *_assente_o(
                        valori,
                        lambda v: [Elenco(titolo="Valori", voci=[markdown(x) for x in v])],
                    ),
                    *_assente_o(e.missione, _testo),
                ],
                sez,
            ),
            self._voce("2.9", e.attivita_statutarie, _testo, sez),
            self._voce("2.10", e.attivita_secondarie, _testo, sez),
            self._voce("2.11", e.reti, reti, sez),
            self._voce("2.12", e.contesto, _testo, sez),
            _voce_par("ente-storia", "Storia dell'organizzazione", e.storia, _testo),
        ]

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
        from ..modello.governo import LivelloCoinvolgimento

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
            colonne = ["Tipologia", "Totale", "Uomini", "Donne", "di cui soci"]
            if prec_lav is not None:
                colonne.append(f"Totale {self.prec}")
            righe = []
            for chiave, gruppo in lav.gruppi.items():
                riga = [
                    nomi[chiave],
                    _n(gruppo.numero),
                    _opt(gruppo.uomini),
                    _opt(gruppo.donne),
                    _opt(gruppo.soci),
                ]
                if prec_lav is not None:
                    pg = prec_lav.gruppi.get(chiave)
                    riga.append(_n(pg.numero) if pg else "")
                righe.append(riga)
            gruppi = list(lav.gruppi.values())
            totale = [
                "Totale lavoratori",
                _n(self.v("lavoratori_totale")),
                _somma_opt(g.uomini for g in gruppi),
                _somma_opt(g.donne for g in gruppi),
                _somma_opt(g.soci for g in gruppi),
            ]
            if prec_lav is not None:
                totale.append(_n(self.v("lavoratori_totale", self.prec)))
            return [Tabella(colonne=colonne, righe=righe, totale=totale)]

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

    # 5. Attività
    def s_attivita(self, sez: str) -> list[Paragrafo | None]:
        a = self.dati.attivita
        if a is None:
            return []

        def dimensioni() -> list[Any]:
            voci = []
            for d in a.dimensioni_valore:
                if d.presente:
                    voci.append(
                        Markup("{}: <strong>{}</strong>").format(
                            d.dimensione, d.commento or "presente"
                        )
                    )
                else:
                    voci.append(Markup("{}: <strong>non presente</strong>").format(d.dimensione))
            return [Elenco(voci=voci)] if voci else []

        def servizi(lista: list[Servizio]) -> list[Any]:
            blocchi: list[Any] = []
            for s in lista:
                blocchi.append(self._tabella_servizio(s))
                if s.descrizione:
                    blocchi += _testo(s.descrizione)
                if s.esiti:
                    blocchi += _testo(s.esiti)
            return blocchi

        def riepilogo(lista: list[Servizio]) -> list[Any]:
            totale = self.v("beneficiari_totale")
            con_area = any(s.area for s in lista)
            colonne = ["Servizio", *(["Area"] if con_area else []), "Beneficiari"]
            righe = []
            for s in lista:
                c = self.cifre_servizio(s)
                if c.conta_beneficiari:
                    valore = _n(c.beneficiari.valore)
                else:  # counted in other units: said, not added as a zero
                    valore = "non conteggiati" + (
                        f" (conta {', '.join(c.conta)})" if c.conta else ""
                    )
                righe.append([s.nome, *([s.area or ""] if con_area else []), valore])
            blocchi: list[Any] = [
                Tabella(
                    titolo="Beneficiari per servizio",
                    colonne=colonne,
                    righe=righe,
                    numeriche=[False, *([False] if con_area else []), True],
                    totale=["Totale", *([""] if con_area else []), _n(totale)],
                    classe="riepilogo",
                )
            ]
            per_cat: dict[Categoria, int] = {}
            for s in lista:
                for categoria, n in s.beneficiari.items():
                    per_cat[categoria] = per_cat.get(categoria, 0) + n
            if per_cat:
                ordine = list(Categoria)
                righe_cat = [
                    [c.etichetta, _n(n)]
                    for c, n in sorted(per_cat.items(), key=lambda x: ordine.index(x[0]))
                ]
                blocchi.append(
                    Tabella(
                        titolo="Beneficiari per categoria",
                        colonne=["Tipologia utenza", "Numero"],
                        righe=righe_cat,
                        totale=["Totale", _n(sum(per_cat.values()))],
                        classe="stretta",
                    )
                )
            blocchi.append(
                Testo(
                    html=Markup(
                        '<p class="totale-utenti">Numero totale di utenti che hanno fruito dei servizi della cooperativa nell\'anno {}: <strong>{} utenti</strong></p>'
                    ).format(self.anno, _n(totale))
                )
            )
            return blocchi

        def obiettivi(lista: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Obiettivo", "Esito", "Fattori rilevanti"],
                    numeriche=[False, False, False],
                    righe=[
                        [o.descrizione, o.esito.etichetta if o.esito else "", o.motivazione or ""]
                        for o in lista
                    ],
                    classe="obiettivi",
                )
            ]

        return [
            _par(
                "attivita-dimensioni", "Dimensioni di valore e obiettivi di impatto", dimensioni()
            ),
            self._voce("5.1", a.servizi, servizi, sez),
            _voce_par("attivita-riepilogo", "Beneficiari: riepilogo", a.servizi, riepilogo),
            _voce_par(
                "attivita-esterne",
                "Tipologia attività esterne (eventi di socializzazione con la comunità locale)",
                a.attivita_esterne,
                _testo,
            ),
            self._voce("5.2", a.obiettivi, obiettivi, sez),
            _par(
                "attivita-prossimo-anno",
                f"Obiettivi per il {self.anno + 1}",
                [
                    Elenco(
                        voci=[markdown(o.descrizione) for o in a.obiettivi_prossimo_anno],
                        numerato=True,
                    )
                ]
                if a.obiettivi_prossimo_anno
                else [],
            ),
            self._voce("5.3", a.rischi, _testo, sez),
        ]

    def _tabella_servizio(self, s: Servizio) -> Tabella:
        righe = [[c.etichetta, _n(n)] for c, n in s.beneficiari.items()]
        if not righe and s.totale_beneficiari is not None:
            righe = [["Beneficiari", _n(s.totale_beneficiari)]]
        righe += [[f"{c.etichetta} (indiretti)", _n(n)] for c, n in s.beneficiari_indiretti.items()]
        for sede, n in s.dettaglio_beneficiari.items():
            righe.append([f"di cui {sede}", _n(n)])
        for etichetta, valore, unita in (
            ("Ore di servizio", s.ore, None),
            ("Interventi", s.interventi, None),
            ("Nuclei familiari", s.nuclei, None),
            ("Posti", s.posti, None),
        ):
            if valore is not None:
                righe.append([etichetta, _n(valore) + (f" {unita}" if unita else "")])
        calcolate = self.cifre_servizio(s)
        durata = (
            s.durata_media_minuti
            if s.durata_media_minuti is not None
            else calcolate.durata_media_minuti.valore
            if calcolate.durata_media_minuti is not None
            else None
        )
        if durata is not None:
            righe.append(["Durata media per intervento", formato.durata(durata)])
        if calcolate.ore_per_beneficiario is not None and calcolate.ore_per_beneficiario.nota:
            righe.append(
                ["Ore per beneficiario", formato.numero(calcolate.ore_per_beneficiario.valore, 1)]
            )
        for o in s.output:
            righe.append([o.descrizione, _n(o.valore) + (f" {o.unita}" if o.unita else "")])
        sotto = [
            x
            for x in (
                s.area,
                s.attivita and f"Attività: {s.attivita}",
                s.territorio and f"Territorio: {s.territorio}",
                s.committente and f"Committente: {s.committente}",
            )
            if x
        ]
        return Tabella(
            titolo=s.nome,
            nota=" · ".join(sotto) or None,
            colonne=["Tipologia utenza e attività", "N."],
            righe=righe,
            totale=["Totale beneficiari", _n(self.beneficiari(s))]
            if self.cifre_servizio(s).conta_beneficiari
            else None,
            classe="servizio",
        )

    # 6. Economia
    def _economie(self) -> list[tuple[int, Economia]]:
        out = []
        for a in self.anni:
            d = self.b.dati(a)
            if d is not None and d.economia is not None:
                out.append((a, d.economia))
        return out

    def s_economia(self, sez: str) -> list[Paragrafo | None]:
        ec = self.dati.economia
        if ec is None:
            return []
        anni = self._economie()
        intest = [str(a) for a, _ in anni]

        def riga_euro(etichetta: str, valori: Sequence[Any]) -> list[str]:
            return [etichetta, *(_e(v) if v is not None else formato.ND for v in valori)]

        def fonti() -> list[Any]:
            per_anno = [(a, contenuto(e.ricavi_per_fonte)) for a, e in anni]
            campi = [
                k
                for k in RicaviPerFonte.model_fields
                if any(f is not None and getattr(f, k) is not None for _, f in per_anno)
            ]
            righe = [
                riga_euro(
                    RicaviPerFonte.model_fields[k].title or k,
                    [getattr(f, k) if f else None for _, f in per_anno],
                )
                for k in campi
            ]
            blocchi: list[Any] = [
                Tabella(
                    titolo="Ricavi e provenienza",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    totale=riga_euro("Totale", [self.v("ricavi_totale", a) for a, _ in per_anno]),
                    classe="triennale",
                )
            ]
            # public / private split: amounts and shares, every year
            righe_pp = []
            for etichetta, attr, quota in (
                ("Incidenza fonti pubbliche", "ricavi_pubblici", "quota_pubblica"),
                ("Incidenza fonti private", "ricavi_privati", "quota_privata"),
            ):
                riga = [etichetta]
                for a, _ in anni:
                    importo, share = self.v(attr, a), self.v(quota, a)
                    riga.append(
                        f"{_e(importo)} · {_p(share)}" if importo is not None else formato.ND
                    )
                righe_pp.append(riga)
            blocchi.append(
                Tabella(
                    titolo="Incidenza pubblico/privato sul valore della produzione",
                    colonne=["", *intest],
                    righe=righe_pp,
                    classe="triennale",
                )
            )
            return blocchi

        def patrimonio() -> list[Any]:
            per_anno = [(a, contenuto(e.patrimonio)) for a, e in anni]
            righe = []
            for k, t in (
                ("capitale_sociale", "Capitale sociale"),
                ("riserve", "Totale riserve"),
                ("utile_perdita", "Utile/perdita dell'esercizio"),
            ):
                righe.append(riga_euro(t, [getattr(p, k) if p else None for _, p in per_anno]))
            return [
                Tabella(
                    titolo="Patrimonio",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    totale=riga_euro(
                        "Totale patrimonio netto", [self.v("patrimonio_netto", a) for a, _ in anni]
                    ),
                    classe="triennale",
                )
            ]

        def conto() -> list[Any]:
            righe = []
            for k, t in (
                ("risultato_esercizio", "Risultato netto di esercizio"),
                ("ristorni", "Eventuali ristorni a conto economico"),
                ("risultato_gestione", "Valore del risultato di gestione (A-B bilancio CEE)"),
            ):
                if any(getattr(e, k) is not None for _, e in anni):
                    righe.append(riga_euro(t, [getattr(e, k) for _, e in anni]))
            return (
                [
                    Tabella(
                        titolo="Conto economico",
                        colonne=["", *intest],
                        righe=_senza_vuote(righe),
                        classe="triennale",
                    )
                ]
                if righe
                else []
            )

        def capitale() -> list[Any]:
            per_anno = [(a, e.capitale_per_socio) for a, e in anni]
            if not any(c for _, c in per_anno):
                return []
            righe = [
                riga_euro(
                    (CapitalePerSocio.model_fields[k].title or k),
                    [getattr(c, k) if c else None for _, c in per_anno],
                )
                for k in CapitalePerSocio.model_fields
            ]
            return [
                Tabella(
                    titolo="Composizione del capitale sociale",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    totale=riga_euro("Totale", [c.totale if c else None for _, c in per_anno]),
                    classe="triennale",
                )
            ]

        def produzione() -> list[Any]:
            righe = [
                riga_euro(
                    "Valore della produzione (totale A del conto economico, bilancio CEE)",
                    [e.valore_produzione for _, e in anni],
                )
            ]
            for k, t in (
                (
                    "ricavi_vendite_prestazioni",
                    "di cui ricavi delle vendite e delle prestazioni (A1)",
                ),
                ("contributi_conto_esercizio", "di cui contributi in conto esercizio (A5)"),
            ):
                if any(getattr(e, k) is not None for _, e in anni):
                    righe.append(riga_euro(t, [getattr(e, k) for _, e in anni]))
            return [
                Tabella(
                    titolo="Valore della produzione",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    classe="triennale",
                )
            ]

        def lavoro() -> list[Any]:
            righe = [
                riga_euro(
                    "Costo del lavoro (totale voce B9 del conto economico)",
                    [e.costo_personale for _, e in anni],
                )
            ]
            if any(e.costo_lavoro_in_servizi is not None for _, e in anni):
                righe.append(
                    riga_euro(
                        "Costo del lavoro compreso nella voce B7 (servizi)",
                        [e.costo_lavoro_in_servizi for _, e in anni],
                    )
                )
            righe.append(
                riga_euro("Totale costo del lavoro", [self.v("costo_lavoro", a) for a, _ in anni])
            )
            righe.append(
                [
                    "Peso su totale valore di produzione",
                    *(_p(self.v("peso_costo_lavoro", a)) for a, _ in anni),
                ]
            )
            return [
                Tabella(
                    titolo="Costo del lavoro",
                    colonne=["", *intest],
                    righe=_senza_vuote(righe),
                    classe="triennale",
                )
            ]

        def tipologie() -> list[Any]:
            if not ec.ricavi_per_tipologia:
                return []
            righe = [
                [r.tipologia.etichetta, _e(r.pubblico), _e(r.privato), _e(r.somma)]
                for r in ec.ricavi_per_tipologia
            ]
            tot = [
                sum((getattr(r, k) for r in ec.ricavi_per_tipologia), Decimal(0))
                for k in ("pubblico", "privato")
            ]
            return [
                Tabella(
                    titolo=f"Fonti delle entrate {self.anno}",
                    colonne=["Tipologia", "Enti pubblici", "Enti privati", "Totale"],
                    righe=righe,
                    totale=["Totale", _e(tot[0]), _e(tot[1]), _e(tot[0] + tot[1])],
                )
            ]

        def interesse_generale() -> list[Any]:
            if ec.ricavi_attivita_interesse_generale is None or not ec.valore_produzione:
                return []
            quota = ec.ricavi_attivita_interesse_generale / ec.valore_produzione * 100
            return [
                Campi(
                    righe=[
                        (
                            "Ricavi da attività di interesse generale",
                            _e(ec.ricavi_attivita_interesse_generale),
                        ),
                        ("Quota sul valore della produzione (minimo di legge: 70%)", _p(quota)),
                    ]
                )
            ]

        def valore_aggiunto() -> list[Any]:
            # the GBS statement: shown when a year has the CEE statement or the distribution
            if not any(e.conto_economico or e.distribuzione_valore_aggiunto for _, e in anni):
                return []

            def riga(etichetta: str, codice: str) -> list[str]:
                return riga_euro(etichetta, [self.v(codice, a) for a, _ in anni])

            def b10(e: Economia) -> Any:
                ce = e.conto_economico
                ammortamenti = (
                    ce.costi_produzione.ammortamenti_svalutazioni
                    if ce and ce.costi_produzione
                    else None
                )
                return ammortamenti.valore if ammortamenti else None

            manca = sorted(
                {
                    m
                    for codice in ("valore_aggiunto_globale_netto", "valore_aggiunto_distribuito")
                    if (m := self.c.cifra(codice, self.anno).motivo)
                }
            )
            nota = f"Non calcolabile per il {self.anno}: {'; '.join(manca)}." if manca else None
            return [
                Tabella(
                    titolo="Determinazione del valore aggiunto",
                    colonne=["", *intest],
                    righe=[
                        riga("Valore della produzione (A)", "valore_produzione"),
                        riga(
                            "− Costi intermedi (B6, B7, B8, B11, B12, B13; B14 senza imposte indirette e liberalità)",
                            "costi_intermedi",
                        ),
                        riga(
                            "Valore aggiunto caratteristico lordo",
                            "valore_aggiunto_caratteristico_lordo",
                        ),
                        riga(
                            "± Componenti accessori e finanziari (C15, C16, C17-bis, D)",
                            "saldo_componenti_accessori",
                        ),
                        riga("Valore aggiunto globale lordo", "valore_aggiunto_globale_lordo"),
                        riga_euro("− Ammortamenti e svalutazioni (B10)", [b10(e) for _, e in anni]),
                    ],
                    totale=riga("Valore aggiunto globale netto", "valore_aggiunto_globale_netto"),
                    nota=nota,
                    classe="triennale",
                ),
                Tabella(
                    titolo="Distribuzione del valore aggiunto",
                    colonne=["", *intest],
                    righe=[
                        riga(
                            "Personale (costi B9, compresi i soci lavoratori, e ristorni)",
                            "va_personale",
                        ),
                        riga(
                            "Pubblica Amministrazione (imposte sul reddito e indirette)",
                            "va_pubblica_amministrazione",
                        ),
                        riga(
                            "Finanziatori (interessi e oneri finanziari, C17)",
                            "va_capitale_credito",
                        ),
                        riga("Soci (dividendi)", "va_capitale_rischio"),
                        riga("Cooperativa (riserve e utile portato a nuovo)", "va_cooperativa"),
                        riga(
                            "Movimento cooperativo (fondi mutualistici 3%)",
                            "va_movimento_cooperativo",
                        ),
                        riga("Comunità (erogazioni liberali)", "va_comunita"),
                    ],
                    totale=riga("Valore aggiunto distribuito", "valore_aggiunto_distribuito"),
                    classe="triennale",
                ),
            ]

        def raccolta(lista: Any) -> list[Any]:
            blocchi: list[Any] = []
            for r in lista:
                righe = [("Attività", r.descrizione)]
                if r.finalita:
                    righe.append(("Finalità", r.finalita))
                if r.importo is not None:
                    righe.append(("Importo raccolto", _e(r.importo)))
                if r.informazione_pubblico:
                    righe.append(("Informazione al pubblico", r.informazione_pubblico))
                blocchi.append(Campi(righe=righe))
            return blocchi

        vp = _par(VOCE["6.1"].ancora, VOCE["6.1"].titolo_report, produzione())
        return [
            self._voce("6.2", ec.ricavi_per_fonte, lambda _: fonti(), sez),
            self._voce("6.3", ec.patrimonio, lambda _: patrimonio(), sez),
            _par("economia-conto", "Conto economico", conto()),
            _par("economia-capitale", "Composizione del capitale sociale", capitale()),
            self._segna("6.1", vp, sez),
            _par(
                "economia-lavoro",
                "Costo del lavoro e suo peso sul valore della produzione",
                lavoro(),
            ),
            _par(
                "economia-valore-aggiunto",
                "Prospetto di determinazione e distribuzione del valore aggiunto",
                valore_aggiunto(),
            ),
            _par("economia-tipologie", "Capacità di diversificare i committenti", tipologie()),
            _par(
                "economia-interesse-generale",
                "Ricavi da attività di interesse generale (art. 2 c.3 d.lgs. 112/2017)",
                interesse_generale(),
            ),
            self._voce("6.4", ec.raccolta_fondi, raccolta, sez),
            self._voce("6.5", ec.criticita, _testo, sez),
            _par("economia-commento", "Commento alla situazione economica", _testo(ec.commento)),
        ]

    # 7. Altre informazioni
    def s_altre(self, sez: str) -> list[Paragrafo | None]:
        a = self.dati.altre_informazioni
        if a is None:
            return []

        def riunioni(lista: Any) -> list[Any]:
            return [
                Tabella(
                    colonne=["Organo", "Data", "Partecipanti", "Principali questioni trattate"],
                    numeriche=[False, False, True, False],
                    righe=[
                        [
                            r.organo,
                            formato.data(r.data),
                            _opt(r.partecipanti),
                            "; ".join(r.argomenti),
                        ]
                        for r in lista
                    ],
                )
            ]

        return [
            self._voce("7.1", a.contenziosi, _testo, sez),
            self._voce("7.2", a.ambiente, _testo, sez),
            self._voce("7.3", a.parita_genere, _testo, sez),
            _voce_par("altre-diritti", "Rispetto dei diritti umani", a.diritti_umani, _testo),
            _voce_par(
                "altre-anticorruzione", "Prevenzione della corruzione", a.anticorruzione, _testo
            ),
            self._voce("7.4", a.riunioni_approvazione, riunioni, sez),
            _par("altre-altro", "Altre informazioni", _testo(a.altro)),
        ]

    # 8. Monitoraggio
    def s_monitoraggio(self, sez: str) -> list[Paragrafo | None]:
        def monitoraggio(m: Any) -> list[Any]:
            righe = [("Organo che ha svolto il monitoraggio", m.organo)]
            if m.data:
                righe.append(("Data della relazione", formato.data(m.data)))
            for etichetta, valore in (
                (
                    "Svolgimento esclusivo o principale di attività di interesse generale",
                    m.attivita_interesse_generale,
                ),
                (
                    "Rispetto del divieto di distribuzione, anche indiretta, di utili",
                    m.assenza_scopo_di_lucro,
                ),
                (
                    "Attestazione di conformità alle linee guida (DM 4/7/2019)",
                    m.conformita_linee_guida,
                ),
            ):
                if valore is not None:
                    righe.append((etichetta, _si_no(valore)))
            return [Campi(righe=righe), *_testo(m.relazione)]

        return [self._voce("8.1", self.dati.monitoraggio, monitoraggio, sez)]

    # --- conformity table ----------------------------------------------------------------

    def conformita(self) -> list[VoceTavola]:
        voci = []
        for v in self.r.conformita:
            ancora = self.ancore.get(v.codice)
            presente = v.stato is StatoVoce.PRESENTE
            voci.append(
                VoceTavola(
                    codice=v.codice,
                    titolo=v.titolo,
                    stato={
                        StatoVoce.PRESENTE: "presente",
                        StatoVoce.ASSENTE: "non presente",
                        StatoVoce.MANCANTE: "mancante",
                    }[v.stato],
                    presente=presente,
                    rimando=ancora[0] if ancora and v.stato is not StatoVoce.MANCANTE else None,
                    dove=ancora[1] if ancora and v.stato is not StatoVoce.MANCANTE else None,
                    motivo=v.motivo
                    if v.stato is StatoVoce.ASSENTE
                    else ("Voce non fornita nei dati." if v.stato is StatoVoce.MANCANTE else None),
                )
            )
        return voci
