"""Section 2. Informazioni generali sull'ente of the full report."""

from __future__ import annotations

from typing import Any

from ... import formato
from ...conformita import VOCE
from ..blocchi import Rete, Reti, Sede, Sedi
from ..comune import (
    Campi,
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
