"""Section 5. Obiettivi e attività of the full report."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ... import formato
from ...modello.attivita import Categoria, Servizio
from ..comune import (
    Costruttore,
    Elenco,
    Paragrafo,
    Tabella,
    Testo,
    _n,
    _par,
    _testo,
    _voce_par,
)
from ..testo import markdown


class SezioneAttivita(Costruttore):
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
