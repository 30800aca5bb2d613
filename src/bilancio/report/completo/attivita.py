"""Section 5. Obiettivi e attività of the full report."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ... import formato
from ...modello.attivita import Categoria, Servizio
from ..blocchi import (
    CategoriaUtenza,
    Obiettivi,
    Obiettivo,
    Riepilogo,
    SchedaAttivita,
    ServizioAltreUnita,
    ServizioContato,
    VoceServizio,
)
from ..comune import (
    Costruttore,
    Elenco,
    Paragrafo,
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
            return [self._scheda_servizio(s, i) for i, s in enumerate(lista, 1)]

        def riepilogo(lista: list[Servizio]) -> list[Any]:
            return [self._riepilogo(lista)]

        def obiettivi(lista: Any) -> list[Any]:
            return [
                Obiettivi(
                    voci=[
                        Obiettivo(
                            descrizione=o.descrizione,
                            esito=o.esito.etichetta if o.esito else None,
                            fattori=o.motivazione,
                        )
                        for o in lista
                    ]
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

    def _riepilogo(self, lista: list[Servizio]) -> Riepilogo:
        """Beneficiaries by service and by category; services counted in other units are
        named apart (never added as zero), and the gap between the two totals is explained."""
        contati, altri = [], []
        for s in lista:
            c = self.cifre_servizio(s)
            if c.conta_beneficiari:
                contati.append(
                    ServizioContato(nome=s.nome, area=s.area, beneficiari=_n(c.beneficiari.valore))
                )
            else:
                altri.append(ServizioAltreUnita(nome=s.nome, area=s.area, unita=list(c.conta)))
        per_cat: dict[Categoria, int] = {}
        for s in lista:
            if not self.cifre_servizio(s).conta_beneficiari:
                continue
            for categoria, n in s.beneficiari.items():
                per_cat[categoria] = per_cat.get(categoria, 0) + n
        ordine = list(Categoria)
        categorie = [
            CategoriaUtenza(categoria=c.etichetta, numero=_n(n))
            for c, n in sorted(per_cat.items(), key=lambda x: ordine.index(x[0]))
        ]
        totale = self.v("beneficiari_totale")
        somma_cat = sum(per_cat.values())
        scarto = totale - somma_cat if totale is not None and per_cat else None
        return Riepilogo(
            anno=self.anno,
            servizi=contati,
            altre_unita=altri,
            totale=_n(totale),
            categorie=categorie,
            totale_categorie=_n(somma_cat) if per_cat else None,
            senza_categoria=_n(scarto) if scarto else None,
        )

    def _scheda_servizio(self, s: Servizio, n: int) -> SchedaAttivita:
        voci = [(c.etichetta, _n(v)) for c, v in s.beneficiari.items()]
        if not voci and s.totale_beneficiari is not None:
            voci = [("Beneficiari", _n(s.totale_beneficiari))]
        voci += [(f"{c.etichetta} (indiretti)", _n(v)) for c, v in s.beneficiari_indiretti.items()]
        for sede, v in s.dettaglio_beneficiari.items():
            voci.append((f"di cui {sede}", _n(v)))
        for etichetta, valore in (
            ("Ore di servizio", s.ore),
            ("Interventi", s.interventi),
            ("Nuclei familiari", s.nuclei),
            ("Posti", s.posti),
        ):
            if valore is not None:
                voci.append((etichetta, _n(valore)))
        calcolate = self.cifre_servizio(s)
        durata = (
            s.durata_media_minuti
            if s.durata_media_minuti is not None
            else calcolate.durata_media_minuti.valore
            if calcolate.durata_media_minuti is not None
            else None
        )
        if durata is not None:
            voci.append(("Durata media per intervento", formato.durata(durata)))
        if calcolate.ore_per_beneficiario is not None and calcolate.ore_per_beneficiario.nota:
            voci.append(
                ("Ore per beneficiario", formato.numero(calcolate.ore_per_beneficiario.valore, 1))
            )
        for o in s.output:
            # the unit in the value, as formato writes it ("48,15%", "106 progetti")
            voci.append((o.descrizione, formato.misura(o.valore, o.unita)))
        testo = Markup("").join(markdown(t) for t in (s.descrizione, s.esiti) if t)
        return SchedaAttivita(
            id=f"servizio-{n}",
            nome=s.nome,
            area=s.area,
            attivita=s.attivita,
            territorio=s.territorio,
            committente=s.committente,
            voci=[VoceServizio(etichetta=e, valore=v) for e, v in voci],
            totale=_n(self.beneficiari(s)) if calcolate.conta_beneficiari else None,
            testo=testo,
        )
