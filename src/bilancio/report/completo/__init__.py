"""The full report (theme ``completo``): the numbered DM sections and the conformity table."""

from __future__ import annotations

from markupsafe import Markup

from ...conformita import VOCE
from ...errori import StatoVoce
from ...modello.sezioni import SEZIONI_DM
from ..blocchi import Scheda
from ..comune import Costruttore, Elenco, Paragrafo, Sezione, Tabella, Testo, VoceTavola, _testo
from .altre import SezioneAltre
from .attivita import SezioneAttivita
from .economia import SezioneEconomia
from .ente import SezioneEnte
from .governo import SezioneGoverno
from .metodologia import SezioneMetodologia
from .persone import SezionePersone

#: a section of at most this many lines (about half a page) follows the previous one on
#: its page instead of starting a new one
RIGHE_BREVE = 24


def _righe(s: Sezione) -> int:
    """Roughly how many lines a section prints: enough to tell half a page from more."""
    n = 3
    for p in s.paragrafi:
        n += 2 if p.titolo else 0
        for b in p.blocchi:
            if isinstance(b, Testo):
                n += 1 + len(str(b.html)) // 110
            elif isinstance(b, Tabella):
                n += 2 + len(b.righe)
            elif isinstance(b, Scheda):
                n += 2 + b.conta()
            else:
                n += 2 + sum(len(v) if isinstance(v, list) else 0 for v in b.__dict__.values())
    return n


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
                paragrafi = self._voci_non_presenti(ident, dm, etichetta)
            sezioni.append(
                Sezione(
                    id=ident,
                    numero=numero,
                    titolo=titolo,
                    sezione_dm=dm,
                    paragrafi=paragrafi,
                    modello=f"{dm}-{sez.chiave.replace('_', '-')}.html",
                )
            )
        for i, s in enumerate(sezioni, start=1):
            s.numero = i
            s.breve = _righe(s) <= RIGHE_BREVE
        if sezioni and sezioni[0].id == "premessa":
            sezioni[0].modello = "0-premessa.html"
        return sezioni

    def _voci_non_presenti(self, ident: str, dm: int, sezione: str) -> list[Paragrafo]:
        """A section the data says nothing of: one list of its DM items, each "non presente"
        (with the reason when the data gives one), as the guidelines' reports print it."""
        voci = [v for v in self.r.conformita if v.codice.startswith(f"{dm}.")]
        if not voci:
            return []
        p = Paragrafo(
            id=f"{ident}-non-presenti",
            blocchi=[
                Elenco(
                    voci=[
                        Markup("{}: <strong>non presente</strong>{}").format(
                            VOCE[v.codice].titolo_report,
                            f" ({v.motivo.rstrip('.')})"
                            if v.stato is StatoVoce.ASSENTE and v.motivo
                            else "",
                        )
                        for v in voci
                    ]
                )
            ],
        )
        for v in voci:
            self._segna(v.codice, p, sezione)
        return [p]

    # --- conformity table ----------------------------------------------------------------

    def conformita(self) -> list[VoceTavola]:
        """Every DM item that applies, where the report covers it or "non presente" and why.

        An item the data leaves out (``check`` reports it as missing) reads "non presente",
        as the guidelines word it; the table never speaks of the tool's data.
        """
        voci = []
        for v in self.r.conformita:
            ancora = self.ancore.get(v.codice)
            presente = v.stato is StatoVoce.PRESENTE
            voci.append(
                VoceTavola(
                    codice=v.codice,
                    titolo=v.titolo,
                    stato="presente" if presente else "non presente",
                    presente=presente,
                    rimando=ancora[0] if ancora else None,
                    dove=ancora[1] if ancora else None,
                    motivo=v.motivo if v.stato is StatoVoce.ASSENTE else None,
                )
            )
        return voci
