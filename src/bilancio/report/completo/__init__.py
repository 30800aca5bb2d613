"""The full report (theme ``completo``): the numbered DM sections and the conformity table."""

from __future__ import annotations

from ...errori import StatoVoce
from ...modello.sezioni import SEZIONI_DM
from ..comune import Assente, Costruttore, Paragrafo, Sezione, VoceTavola, _testo
from .altre import SezioneAltre
from .attivita import SezioneAttivita
from .economia import SezioneEconomia
from .ente import SezioneEnte
from .governo import SezioneGoverno
from .metodologia import SezioneMetodologia
from .persone import SezionePersone


class CostruttoreCompleto(
    SezioneMetodologia,
    SezioneEnte,
    SezioneGoverno,
    SezionePersone,
    SezioneAttivita,
    SezioneEconomia,
    SezioneAltre,
    Costruttore,
):
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
