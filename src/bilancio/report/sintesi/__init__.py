"""The short brochure (theme ``sintesi``), modelled on Cosper's printed one.

:class:`CostruttoreSintesi` turns the checked data and the compute step's figures into
:class:`~.modello.Sintesi`: who we are, members, people, economic results, one page per
area, next year's goals. Figures are computed (``self.c``) and formatted here; the
templates of ``templates/sintesi/sezioni/`` decide what becomes a tile, a table or text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ... import formato
from ...calcolo.cifre import nota, quota
from ...modello import contenuto
from ...modello.attivita import Servizio as ServizioDati
from ...modello.economia import RicaviPerFonte
from ...modello.ente import RAMO_B
from ...modello.persone import Lavoratori
from .. import grafici
from ..comune import (
    Cifra,
    Costruttore,
    Grafico,
    Tabella,
    _breve,
    _cifra,
    _e,
    _n,
    _p,
    _primi_paragrafi,
    _slug,
)
from ..testo import markdown
from .modello import (
    Area,
    BaseSociale,
    Conteggi,
    Dato,
    Dettaglio,
    Economia,
    Identita,
    Persone,
    Riga,
    Servizio,
    Sintesi,
    Svantaggiati,
)

__all__ = ["CostruttoreSintesi", "Sintesi"]

#: the legal minimum share of disadvantaged workers (l. 381/1991, art. 4)
MINIMO_SVANTAGGIATI = 30

_NOMI_LAVORATORI = {
    "dipendenti": "Lavoratori dipendenti",
    "autonomi": "Lavoratori autonomi",
    "occasionali": "Lavoratori occasionali",
}
_TIPI_SOCI = (
    ("Soci lavoratori", "lavoratori"),
    ("Soci volontari", "volontari"),
    ("Soci fruitori", "fruitori"),
    ("Soci persone giuridiche", "persone_giuridiche"),
    ("Soci sovventori", "sovventori"),
)
# "Partecipanti (circa)": the qualifier belongs to the figure ("circa 150"), not the label
_QUALIFICATORE = re.compile(
    r"\s*\((circa|almeno|oltre(?: il| l')?|più di|meno di|fino a)\)\s*$", re.IGNORECASE
)


class CostruttoreSintesi(Costruttore):
    """The brochure's builder: one method per part, in the brochure's order."""

    def sintesi(self) -> Sintesi:
        att = self.dati.attivita
        return Sintesi(
            identita=self._identita(),
            soci=self._base_sociale(),
            persone=self._persone(),
            economia=self._economia(),
            aree=self._aree(),
            anno_obiettivi=self.anno + 1,
            obiettivi=[markdown(o.descrizione) for o in att.obiettivi_prossimo_anno] if att else [],
        )

    # --- §2 who we are -----------------------------------------------------------------

    def _identita(self) -> Identita:
        e = self.ente
        storia = contenuto(e.storia) or ""
        missione = contenuto(e.missione) or ""
        valori = contenuto(e.valori) or []
        return Identita(
            chi_siamo=markdown(_primi_paragrafi(storia, 3)) if storia else Markup(""),
            missione=markdown(missione) if missione else Markup(""),
            valori=[markdown(x) for x in valori],
            valori_brevi=all(len(x) <= 60 for x in valori),
            reti=[r.denominazione for r in (contenuto(e.reti) or [])],
        )

    # --- §3 members --------------------------------------------------------------------

    def _base_sociale(self) -> BaseSociale | None:
        soci = self._soci(self.dati)
        if soci is None:
            return None
        prec = self._soci(self.dati_prec)
        anno_prec = self.prec if prec is not None else None
        voci = [
            _cifra(
                t,
                getattr(soci, k),
                getattr(prec, k) if prec else None,
                anno_prec,
                modo="assoluta",
                fmt=_n,
                riga=self.righe.get(f"governo.soci.{k}"),
            )
            for t, k in _TIPI_SOCI
            if getattr(soci, k) or (prec and getattr(prec, k))
        ]
        if not voci:
            return None
        totale = _cifra(
            "Totale",
            self.v("soci_totale"),
            self.v("soci_totale", self.prec) if anno_prec else None,
            anno_prec,
            modo="assoluta",
            fmt=_n,
            riga=self.righe.get("indicatori.soci_totale"),
        )
        composizione = [(t, getattr(soci, k)) for t, k in _TIPI_SOCI if getattr(soci, k)]
        return BaseSociale(
            data=formato.data(dt.date(self.anno, 12, 31)).replace("/", "."),
            voci=voci,
            totale=totale if len(voci) > 1 else None,
            grafico=self._grafico_torta(
                "grafico-soci",
                f"Composizione della base sociale al 31/12/{self.anno}",
                composizione,
                "Tipologia",
            )
            if len(composizione) > 1
            else None,
        )

    # --- §4 people ---------------------------------------------------------------------

    def _persone(self) -> Persone | None:
        persone = self.dati.persone
        if persone is None:
            return None
        lav = contenuto(persone.lavoratori)
        prec = self.dati_prec.persone if self.dati_prec else None
        lav_prec = contenuto(prec.lavoratori) if prec else None
        out = Persone(mutualita=list(persone.mutualita_interna))
        if lav is not None and lav.gruppi:
            out.voci = [
                _cifra(
                    _NOMI_LAVORATORI[k],
                    g.numero,
                    lav_prec.gruppi[k].numero if lav_prec and k in lav_prec.gruppi else None,
                    self.prec if lav_prec else None,
                    modo="assoluta",
                    fmt=_n,
                    riga=self.righe.get(f"persone.lavoratori.{k}.numero"),
                )
                for k, g in lav.gruppi.items()
            ]
            out.testo = self._frase_lavoratori(lav)
            composizione = [(_NOMI_LAVORATORI[k], g.numero) for k, g in lav.gruppi.items()]
            if sum(1 for _, v in composizione if v) > 1:
                out.grafico = self._grafico_torta(
                    "grafico-lavoratori",
                    f"Lavoratori per tipologia nel {self.anno}",
                    [(t, v) for t, v in composizione if v],
                    "Tipologia",
                )
        ins = contenuto(persone.inserimento_lavorativo)
        if self.ente.qualificazione in RAMO_B and ins is not None:
            ins_prec = contenuto(prec.inserimento_lavorativo) if prec else None
            out.svantaggiati = Svantaggiati(
                numero=_cifra(
                    "Lavoratori svantaggiati",
                    ins.svantaggiati,
                    ins_prec.svantaggiati if ins_prec else None,
                    self.prec if ins_prec else None,
                    modo="assoluta",
                    fmt=_n,
                    riga=self.righe.get("persone.inserimento_lavorativo.svantaggiati"),
                ),
                quota=Cifra(
                    etichetta="Sul totale dei lavoratori del ramo B",
                    valore=formato.percentuale(self.v("svantaggiati_quota_lavoratori"), 1),
                ),
                quota_inps=Cifra(
                    etichetta="Sui lavoratori non svantaggiati, metodo INPS",
                    valore=formato.percentuale(self.v("svantaggiati_quota"), 1),
                ),
                minimo=formato.percentuale(MINIMO_SVANTAGGIATI, 0),
            )
        if not (out.voci or out.svantaggiati or out.mutualita):
            return None
        return out

    def _frase_lavoratori(self, lav: Lavoratori) -> str | None:
        """The total and the employees' share, which the tiles (one per kind) do not show."""
        totale = self.v("lavoratori_totale")
        quota_dip = self.v("lavoratori_quota_dipendenti")
        if len(lav.gruppi) < 2 or totale is None:
            return None  # one kind of worker: its tile says it all
        frase = f"Nel {self.anno} hanno lavorato in cooperativa {_n(totale)} persone"
        if lav.dipendenti and quota_dip is not None:
            testo = formato.percentuale(quota_dip, 0)
            if quota_dip > 50:
                frase += (
                    f", la maggior parte ({_articolo(testo)}{testo}) con un contratto dipendente"
                )
            else:
                frase += f", {_articolo(testo)}{testo} con un contratto dipendente"
        return frase + "."

    # --- §6 economy --------------------------------------------------------------------

    def _economia(self) -> Economia | None:
        ec = self.dati.economia
        if ec is None:
            return None
        ec_prec = self.dati_prec.economia if self.dati_prec else None
        prec = self.prec if ec_prec is not None else None
        personale = (
            "Costi del personale" if ec.costo_lavoro_in_servizi is None else "Costo del lavoro"
        )
        righe: tuple[tuple[str, str, Callable[[Any], Any] | str], ...] = (
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
        voci = []
        for etichetta, chiave, estrai in righe:
            if isinstance(estrai, str):  # a computed figure
                nuovo = self.v(estrai)
                vecchio = self.v(estrai, prec) if prec is not None else None
            else:
                nuovo = estrai(ec)
                vecchio = estrai(ec_prec) if ec_prec else None
            if nuovo is None:
                continue
            voci.append(
                _cifra(
                    etichetta,
                    nuovo,
                    vecchio,
                    prec,
                    modo="percentuale",
                    fmt=_e,
                    riga=self.righe.get(chiave),
                )
            )
        if not voci:
            return None
        return Economia(
            voci=voci,
            grafico_andamento=self._grafico_andamento(),
            grafico_ricavi=self._grafico_ricavi(),
        )

    def _grafico_ricavi(self) -> Grafico | None:
        ec = self.dati.economia
        fonti = contenuto(ec.ricavi_per_fonte) if ec else None
        if fonti is None:
            return None
        voci = [
            (RicaviPerFonte.model_fields[k].title or k, v) for k, v in fonti.voci().items() if v
        ]
        if not voci:
            return None
        totale = self.c.cifra("ricavi_totale")
        titolo = f"Ricavi {self.anno} per provenienza"
        return Grafico(
            titolo=titolo,
            svg=Markup(
                grafici.barre(
                    "grafico-ricavi", titolo, [(_breve(t), v) for t, v in voci], self.colore, _e
                )
            ),
            alternativa=Tabella(
                colonne=["Provenienza", "Importo", "Quota"],
                righe=[
                    [t, _e(v), _p(quota(nota(v), totale).valore)]
                    for t, v in sorted(voci, key=lambda x: -x[1])
                ],
                totale=["Totale", _e(totale.valore), _p(100)],
            ),
        )

    def _grafico_andamento(self) -> Grafico | None:
        serie = [
            (a, d.economia.valore_produzione)
            for a in sorted(self.b.anni)
            if (d := self.b.dati(a)) is not None
            and d.economia is not None
            and d.economia.valore_produzione is not None
        ]
        if len(serie) < 2:
            return None
        titolo = "Andamento del valore della produzione"
        righe = []
        for i, (a, v) in enumerate(serie):
            var = (
                formato.testo_variazione(serie[i - 1][1], v, serie[i - 1][0], modo="percentuale")
                if i
                else ""
            )
            righe.append([str(a), _e(v), var])
        return Grafico(
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
                colonne=["Anno", "Valore della produzione", "Variazione"], righe=righe
            ),
        )

    def _grafico_torta(
        self, ident: str, titolo: str, voci: list[tuple[str, int]], colonna: str
    ) -> Grafico:
        totale = nota(sum(v for _, v in voci))
        return Grafico(
            titolo=titolo,
            svg=Markup(grafici.torta(ident, titolo, voci, self.colore, _n)),
            alternativa=Tabella(
                colonne=[colonna, "Numero", "Quota"],
                righe=[[t, _n(v), _p(quota(nota(v), totale).valore)] for t, v in voci],
                totale=["Totale", _n(totale.valore), _p(100)],
            ),
        )

    # --- §5 activities -----------------------------------------------------------------

    def _aree(self) -> list[Area]:
        att = self.dati.attivita
        servizi = (contenuto(att.servizi) or []) if att else []
        aree: dict[str, list[ServizioDati]] = {}
        for s in servizi:
            aree.setdefault(s.area or "Servizi e progetti", []).append(s)
        out = [
            Area(id=f"area-{_slug(area)}", titolo=area, servizi=[self._servizio(s) for s in lista])
            for area, lista in aree.items()
        ]
        # two names that differ only after the slug's 48 characters (two districts of one
        # service) would share an anchor: the second one is numbered
        visti: dict[str, int] = {}
        elementi: list[Area | Servizio] = [*out, *(s for a in out for s in a.servizi)]
        for elemento in elementi:
            visti[elemento.id] = n = visti.get(elemento.id, 0) + 1
            if n > 1:
                elemento.id = f"{elemento.id}-{n}"
        return out

    def _servizio(self, s: ServizioDati) -> Servizio:
        cs = self.cifre_servizio(s)
        sorgente = "\n\n".join(x for x in (s.descrizione, s.esiti) if x)
        dati: list[Dato] = []

        def aggiungi(
            etichetta: str, valore: str, unita: str | None = None, codice: str | None = None
        ) -> None:
            etichetta, prima = _separa_qualificatore(etichetta)
            if unita and _simbolo(unita):  # "412.000 m²"; a noun (persone, corsi) the label says
                valore = f"{valore} {unita.strip()}"
            dati.append(
                Dato(
                    codice=codice,
                    etichetta=etichetta,
                    valore=f"{prima} {valore}" if prima else valore,
                    nel_testo=_nel_testo(valore, sorgente),
                )
            )

        if cs.conta_beneficiari:
            aggiungi("Beneficiari", _n(self.beneficiari(s)), codice="beneficiari")
        for codice, etichetta, cifra in (
            ("ore", "Ore di servizio", cs.ore),
            ("interventi", "Interventi", cs.interventi),
        ):
            if cifra is not None:
                aggiungi(etichetta, _n(cifra.valore), codice=codice)
        for codice, etichetta, valore in (
            ("nuclei", "Nuclei familiari", s.nuclei),
            ("posti", "Posti", s.posti),
        ):
            if valore is not None:
                aggiungi(etichetta, _n(valore), codice=codice)
        if s.durata_media_minuti is not None:
            durata = formato.durata(
                s.durata_media_minuti
            )  # "2 ore e 31 minuti": words, not one number
            dati.append(
                Dato(
                    etichetta="Durata media per intervento",
                    valore=durata,
                    nel_testo=durata in sorgente,
                )
            )
        conteggi = None
        if cs.output_unita is not None and cs.output_totale is not None:
            conteggi = Conteggi(
                titolo=f"{cs.output_unita[:1].upper()}{cs.output_unita[1:]} {self.anno}",
                righe=[
                    Riga(etichetta=_separa_qualificatore(o.descrizione)[0], valore=_n(o.valore))
                    for o in s.output
                ],
                totale=_n(cs.output_totale.valore),
            )
        else:
            for o in s.output:
                percento = (o.unita or "").strip() == "%"
                aggiungi(
                    o.descrizione,
                    formato.misura(o.valore, "%") if percento else _n(o.valore),
                    None if percento else o.unita,
                )
        return Servizio(
            id=f"servizio-{_slug(s.nome)}",  # made unique in the area list (see above)
            nome=s.nome,
            dati=dati,
            conteggi=conteggi,
            dettaglio=self._dettaglio(s, sorgente),
            testo=markdown(sorgente) if sorgente else Markup(""),
        )

    def _dettaglio(self, s: ServizioDati, sorgente: str) -> Dettaglio | None:
        if s.dettaglio_beneficiari:
            colonna = "Sede o servizio"
            voci = [(k, v) for k, v in s.dettaglio_beneficiari.items()]
        elif len(s.beneficiari) > 1:
            colonna = "Categoria"
            voci = [(c.etichetta, v) for c, v in s.beneficiari.items()]
        else:
            return None
        totale = _n(self.beneficiari(s))
        return Dettaglio(
            colonna=colonna,
            righe=[Riga(etichetta=k, valore=_n(v)) for k, v in voci],
            totale=totale,
            nel_testo=all(_nel_testo(x, sorgente) for x in [totale, *(_n(v) for _, v in voci)]),
        )


def _separa_qualificatore(etichetta: str) -> tuple[str, str]:
    """``"Partecipanti (circa)"`` -> ``("Partecipanti", "circa")``: the word goes with the figure."""
    m = _QUALIFICATORE.search(etichetta)
    if m is None:
        return etichetta, ""
    return etichetta[: m.start()].rstrip(), m.group(1).lower()


def _simbolo(unita: str) -> bool:
    """A unit printed after the figure: a symbol (m², km, kg), not a noun the label implies."""
    u = unita.strip()
    return 0 < len(u) <= 3 and u != "%"


def _nel_testo(valore: str, testo: str) -> bool:
    """Whether ``testo`` already states the figure ``valore`` (``1.621`` or ``1621``, ``48,15``).

    A whole number, not part of a longer one: ``10`` is not in ``2.100`` nor in ``10,5``.
    """
    m = re.match(r"[^\d]*(\d[\d.]*(?:,\d+)?)", valore)
    if m is None or not testo:
        return False
    cifra = m.group(1)
    forme = {cifra, cifra.replace(".", ""), cifra.replace(",", ".")}
    alternative = "|".join(re.escape(f) for f in sorted(forme, key=len, reverse=True))
    # "62" is also stated as "62,0"
    schema = rf"(?<![\d.,])(?:{alternative})(?:[.,]0+)?(?![\d]|[.,]\d)"
    return re.search(schema, testo) is not None


def _articolo(percentuale: str) -> str:
    """The article before a percentage as Italian reads it: ``l'86%``, ``l'11%``, ``il 56%``."""
    intero = re.match(r"\d+", percentuale)
    cifre = intero.group(0) if intero else ""
    if cifre.startswith("8") or cifre in ("1", "11"):
        return "l'"
    return "il "
