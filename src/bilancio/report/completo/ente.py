"""Section 2. Informazioni generali sull'ente of the full report."""

from __future__ import annotations

from typing import Any

from ... import formato
from ...conformita import VOCE
from ..blocchi import Anagrafica, Rete, Reti, Sede, Sedi
from ..comune import (
    Costruttore,
    Elenco,
    Paragrafo,
    _assente_o,
    _testo,
    _voce_par,
)
from ..testo import markdown


class SezioneEnte(Costruttore):
    # 2. Ente
    def s_ente(self, sez: str) -> list[Paragrafo | None]:
        e = self.ente
        contatti = e.contatti
        anagrafica = Anagrafica(
            denominazione=e.denominazione,
            codice_fiscale=e.codice_fiscale or None,
            partita_iva=e.partita_iva or None,
            forma_giuridica=e.forma_giuridica.etichetta,
            qualificazione=e.tipo.etichetta,
            impresa_sociale=bool(e.impresa_sociale),
            sede_legale=(self.copertina().sede or None) if e.sede_legale else None,
            data_costituzione=formato.data(e.data_costituzione) if e.data_costituzione else None,
            albo_cooperative=e.numero_albo_cooperative or None,
            altri_registri=[str(r) for r in e.altri_registri],
            telefono=(contatti.telefono or None) if contatti else None,
            email=(contatti.email or None) if contatti else None,
            pec=(contatti.pec or None) if contatti else None,
            sito_web=(contatti.sito_web or None) if contatti else None,
            codici_ateco=[str(c) for c in e.codici_ateco],
        )
        identita = Paragrafo(
            id=VOCE["2.1"].ancora, titolo=VOCE["2.1"].titolo_report, blocchi=[anagrafica]
        )
        for codice in ("2.1", "2.2", "2.3", "2.4", "2.5"):
            self._segna(codice, identita, sez)

        def sedi(v: Any) -> list[Any]:
            return [
                Sedi(
                    sedi=[
                        Sede(
                            indirizzo=s.indirizzo,
                            comune=" ".join(
                                filter(
                                    None,
                                    (s.cap, s.comune, f"({s.provincia})" if s.provincia else None),
                                )
                            ),
                            descrizione=s.descrizione,
                        )
                        for s in v
                    ]
                )
            ]

        def reti(v: Any) -> list[Any]:
            return [
                Reti(
                    reti=[
                        Rete(
                            denominazione=r.denominazione,
                            tipologia=r.tipo,
                            anno=str(r.anno_adesione) if r.anno_adesione else None,
                        )
                        for r in v
                    ]
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
