"""Section 7. Altre informazioni and 8. Monitoraggio of the full report."""

from __future__ import annotations

from typing import Any

from ... import formato
from ..blocchi import Monitoraggio, Riunione, Riunioni
from ..comune import (
    Costruttore,
    Paragrafo,
    _opt,
    _par,
    _si_no,
    _testo,
    _voce_par,
)


class SezioneAltre(Costruttore):
    # 7. Altre informazioni
    def s_altre(self, sez: str) -> list[Paragrafo | None]:
        a = self.dati.altre_informazioni
        if a is None:
            return []

        def riunioni(lista: Any) -> list[Any]:
            return [
                Riunioni(
                    voci=[
                        Riunione(
                            organo=r.organo,
                            data=formato.data(r.data),
                            partecipanti=None if r.partecipanti is None else _opt(r.partecipanti),
                            argomenti=list(r.argomenti),
                        )
                        for r in lista
                    ]
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
            def si_no(v: bool | None) -> str | None:
                return None if v is None else _si_no(v)

            return [
                Monitoraggio(
                    organo=m.organo,
                    data=formato.data(m.data) if m.data else None,
                    interesse_generale=si_no(m.attivita_interesse_generale),
                    assenza_lucro=si_no(m.assenza_scopo_di_lucro),
                    conformita=si_no(m.conformita_linee_guida),
                ),
                *_testo(m.relazione),
            ]

        return [self._voce("8.1", self.dati.monitoraggio, monitoraggio, sez)]
