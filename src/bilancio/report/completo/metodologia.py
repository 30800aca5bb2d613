"""Section 1. Nota metodologica of the full report."""

from __future__ import annotations

from markupsafe import Markup

from ... import formato
from ..blocchi import Approvazione, Diffusione
from ..comune import (
    Costruttore,
    Elenco,
    Paragrafo,
    _assente_o,
    _par,
    _testo,
)


class SezioneMetodologia(Costruttore):
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
                lambda a: [Approvazione(organo=a.organo, data=formato.data(a.data))],
                sez,
            ),
            self._voce(
                "1.4",
                m.diffusione,
                lambda v: [Diffusione(canali=list(v))],
                sez,
            ),
        ]
