"""Section 6. Situazione economico-finanziaria of the full report."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ... import formato
from ...conformita import VOCE
from ...modello import contenuto
from ...modello.economia import CapitalePerSocio, Economia, RicaviPerFonte
from ...modello.ente import Qualifica
from ..blocchi import (
    FonteEntrata,
    FontiEntrate,
    Incidenza,
    InteresseGenerale,
    QuotaAnno,
    Raccolta,
    RaccoltaFondi,
    Triennale,
    VoceTriennale,
)
from ..comune import (
    Costruttore,
    Paragrafo,
    _e,
    _p,
    _par,
    _testo,
)


def _somma_nota(valori: Sequence[Decimal | None]) -> Decimal | None:
    """The sum of the values, unknown (``None``) if any of them is."""
    if any(v is None for v in valori):
        return None
    return sum((v for v in valori if v is not None), Decimal(0))


def _capitale_totale(e: Economia) -> Decimal | None:
    """The capital by type of member: their sum when every type is written, else the share
    capital the types written fit in (it is their total by definition); unknown otherwise."""
    c = e.capitale_per_socio
    if c is None:
        return None
    if c.totale is not None:
        return c.totale
    pat = contenuto(e.patrimonio)
    capitale = pat.capitale_sociale if pat is not None else None
    return capitale if capitale is not None and c.totale_scritto <= capitale else None


def _triennale(
    anni: list[int],
    titolo: str,
    righe: list[list[str]],
    totale: list[str] | None = None,
    nota: str | None = None,
) -> Triennale:
    """A statement over the years (most recent first): each row's label and its figure of
    each year, formatted; the macro decides which rows are worth printing."""

    def voce(riga: list[str]) -> VoceTriennale:
        return VoceTriennale(etichetta=riga[0], valori=riga[1:])

    return Triennale(
        titolo=titolo,
        anni=anni,
        voci=[voce(r) for r in righe],
        totale=voce(totale) if totale else None,
        nota=nota,
    )


class SezioneEconomia(Costruttore):
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
        anni_n = [a for a, _ in anni]

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
                _triennale(
                    anni_n,
                    titolo="Ricavi e provenienza",
                    righe=righe,
                    totale=riga_euro("Totale", [self.v("ricavi_totale", a) for a, _ in per_anno]),
                )
            ]

            # public / private split: amounts and shares, every year (the macro writes them)
            def quote(importo: str, quota: str) -> list[QuotaAnno]:
                return [
                    QuotaAnno(
                        importo=None if (v := self.v(importo, a)) is None else _e(v),
                        quota=_p(self.v(quota, a)),
                    )
                    for a, _ in anni
                ]

            blocchi.append(
                Incidenza(
                    anni=anni_n,
                    pubblico=quote("ricavi_pubblici", "quota_pubblica"),
                    privato=quote("ricavi_privati", "quota_privata"),
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
                _triennale(
                    anni_n,
                    titolo="Patrimonio",
                    righe=righe,
                    totale=riga_euro(
                        "Totale patrimonio netto", [self.v("patrimonio_netto", a) for a, _ in anni]
                    ),
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
                    _triennale(
                        anni_n,
                        titolo="Conto economico",
                        righe=righe,
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
                _triennale(
                    anni_n,
                    titolo="Composizione del capitale sociale",
                    righe=righe,
                    totale=riga_euro("Totale", [_capitale_totale(e) for _, e in anni]),
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
                _triennale(
                    anni_n,
                    titolo="Valore della produzione",
                    righe=righe,
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
                _triennale(
                    anni_n,
                    titolo="Costo del lavoro",
                    righe=righe,
                )
            ]

        def tipologie() -> list[Any]:
            if not ec.ricavi_per_tipologia:
                return []
            righe = ec.ricavi_per_tipologia
            # A part not written (and not given by the declared total) is unknown: n.d., and
            # so is its column's total.
            tot = [
                _somma_nota([r.quota_pubblica for r in righe]),
                _somma_nota([r.quota_privata for r in righe]),
                _somma_nota([r.importo for r in righe]),
            ]
            return [
                FontiEntrate(
                    anno=self.anno,
                    voci=[
                        FonteEntrata(
                            tipologia=r.tipologia.etichetta,
                            pubblico=_e(r.quota_pubblica),
                            privato=_e(r.quota_privata),
                            totale=_e(r.importo),
                        )
                        for r in ec.ricavi_per_tipologia
                    ],
                    totale=FonteEntrata(
                        tipologia="Totale",
                        pubblico=_e(tot[0]),
                        privato=_e(tot[1]),
                        totale=_e(tot[2]),
                    ),
                )
            ]

        def interesse_generale() -> list[Any]:
            if ec.ricavi_attivita_interesse_generale is None:
                return []

            def quota(codice: str) -> str | None:
                valore = self.v(codice)
                return None if valore is None else _p(valore)

            return [
                InteresseGenerale(
                    ricavi=_e(ec.ricavi_attivita_interesse_generale),
                    quota_ricavi=quota("ricavi_interesse_generale_quota"),
                    minimo_di_legge=self.ente.qualificazione is Qualifica.IMPRESA_SOCIALE,
                    quota_valore_produzione=quota(
                        "ricavi_interesse_generale_quota_valore_produzione"
                    ),
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
                _triennale(
                    anni_n,
                    titolo="Determinazione del valore aggiunto",
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
                ),
                _triennale(
                    anni_n,
                    titolo="Distribuzione del valore aggiunto",
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
                ),
            ]

        def raccolta(lista: Any) -> list[Any]:
            return [
                RaccoltaFondi(
                    voci=[
                        Raccolta(
                            descrizione=r.descrizione,
                            finalita=r.finalita or None,
                            importo=None if r.importo is None else _e(r.importo),
                            informazione=r.informazione_pubblico or None,
                        )
                        for r in lista
                    ]
                )
            ]

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
                "Ricavi da attività di interesse generale (art. 2 d.lgs. 112/2017)",
                interesse_generale(),
            ),
            self._voce("6.4", ec.raccolta_fondi, raccolta, sez),
            self._voce("6.5", ec.criticita, _testo, sez),
            _par("economia-commento", "Commento alla situazione economica", _testo(ec.commento)),
        ]
