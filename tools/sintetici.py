"""Synthetic cooperatives: plausible, valid data folders for benchmarks and site tests.

A development tool, not part of the installed package (it uses ``random`` and floats to
invent figures, which bilancio itself never does).

``genera(cartella, n, seme)`` writes ``n`` folders (``coop-001-<slug>``...), each with an
``ente.yaml`` and one file per year, that ``bilancio check`` accepts with no errors and
no warnings: every DM item is present (or declared absent with a reason), totals add up,
type B and A+B cooperatives meet the 30% rule for disadvantaged workers, figures change
plausibly from one year to the next. Output depends only on the seed (no clock, no hash
order), so the same seed gives byte-identical files.

Everything is invented: names, people, addresses; the tax codes only have a valid check
digit (they belong to no real entity); e-mail and web addresses use ``.example``.

From the command line (see the Makefile's ``synthetic`` target)::

    python tools/sintetici.py OUT_DIR N [--seme S]
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import unicodedata
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from stdnum import luhn

from bilancio.modello.attivita import Categoria

__all__ = ["genera", "partita_iva"]

# --- vocabulary ----------------------------------------------------------------------

_NOMI_COOP = (
    "Il Girasole", "La Quercia", "Il Ponte", "La Rondine", "Il Melograno", "La Bussola",
    "L'Aquilone", "Il Faro", "La Sorgente", "Il Seme", "La Tela", "Il Mosaico", "Orizzonti",
    "Sentieri", "Germogli", "Radici", "La Lanterna", "Il Cerchio", "Il Granello", "La Fonte",
    "Il Tiglio", "La Meridiana", "Il Gabbiano", "La Zattera", "L'Officina", "La Cordata",
    "Il Pozzo", "La Ginestra", "Il Castagno", "La Vela", "Il Sentiero", "La Spiga",
    "Il Glicine", "La Rete", "Il Carro", "La Goccia", "Il Mandorlo", "Tangram", "Koinè",
    "L'Approdo", "La Collina", "Il Borgo", "La Piazza", "Il Filo d'Erba", "La Chiocciola",
)  # fmt: skip
_MODIFICATORI = ("", "", "", "", "Solidale", "Insieme", "Onlus", "Duemila", "Servizi")

_NOMI_M = (
    "Marco", "Luca", "Giovanni", "Paolo", "Andrea", "Francesco", "Stefano", "Alessandro",
    "Matteo", "Davide", "Roberto", "Giuseppe", "Simone", "Federico", "Lorenzo", "Massimo",
    "Fabio", "Claudio", "Riccardo", "Emanuele", "Pietro", "Alberto", "Enrico", "Gianluca",
)  # fmt: skip
_NOMI_F = (
    "Giulia", "Chiara", "Anna", "Francesca", "Sara", "Laura", "Elena", "Silvia", "Valentina",
    "Federica", "Martina", "Paola", "Alessandra", "Roberta", "Elisa", "Monica", "Cristina",
    "Marta", "Barbara", "Ilaria", "Serena", "Daniela", "Lucia", "Beatrice",
)  # fmt: skip
_COGNOMI = (
    "Rossi", "Bianchi", "Colombo", "Ferrari", "Brambilla", "Sala", "Fumagalli", "Galli",
    "Cattaneo", "Villa", "Longoni", "Ronchi", "Mariani", "Bassi", "Zanetti", "Pozzi", "Riva",
    "Bonfanti", "Mauri", "Sironi", "Crippa", "Redaelli", "Gatti", "Barbieri", "Lombardi",
    "Moretti", "Fontana", "Rinaldi", "Caprioli", "Bertolini", "Ghezzi", "Arrigoni", "Tosi",
    "Valsecchi", "Panzeri", "Gervasoni", "Vitali", "Beretta", "Carminati", "Locatelli",
)  # fmt: skip
_VIE = (
    "via Roma", "via Garibaldi", "via Mazzini", "via Verdi", "via Manzoni", "viale Italia",
    "via della Repubblica", "via Dante", "via Cavour", "via San Francesco", "via dei Mille",
    "piazza della Libertà", "via Matteotti", "via Marconi", "via Volta", "via dei Tigli",
    "via Leopardi", "via Carducci", "via XX Settembre", "via Pascoli", "via don Gnocchi",
)  # fmt: skip

# Lombardia: province, weight, office code of the VAT number (MB, 108, is outside the
# range stdnum accepts: its cooperatives kept Milan's), telephone prefix, comuni with CAP.
_PROVINCE: dict[str, tuple[int, str, str, tuple[tuple[str, str], ...]]] = {
    "MI": (6, "015", "02", (("Milano", "20121"), ("Sesto San Giovanni", "20099"), ("Rho", "20017"),
                            ("Legnano", "20025"), ("Cinisello Balsamo", "20092"), ("Abbiategrasso", "20081"))),
    "BG": (3, "016", "035", (("Bergamo", "24121"), ("Treviglio", "24047"), ("Seriate", "24068"),
                             ("Dalmine", "24044"))),
    "BS": (3, "017", "030", (("Brescia", "25121"), ("Desenzano del Garda", "25015"), ("Chiari", "25032"),
                             ("Lumezzane", "25065"))),
    "CO": (2, "013", "031", (("Como", "22100"), ("Cantù", "22063"), ("Erba", "22036"))),
    "CR": (1, "019", "0372", (("Cremona", "26100"), ("Crema", "26013"), ("Casalmaggiore", "26041"))),
    "LC": (1, "097", "0341", (("Lecco", "23900"), ("Merate", "23807"), ("Calolziocorte", "23801"))),
    "LO": (1, "098", "0371", (("Lodi", "26900"), ("Codogno", "26845"), ("Casalpusterlengo", "26841"))),
    "MN": (1, "020", "0376", (("Mantova", "46100"), ("Suzzara", "46029"),
                              ("Castiglione delle Stiviere", "46043"))),
    "MB": (2, "015", "039", (("Monza", "20900"), ("Seregno", "20831"), ("Desio", "20832"),
                             ("Lissone", "20851"))),
    "PV": (2, "018", "0382", (("Pavia", "27100"), ("Vigevano", "27029"), ("Voghera", "27058"))),
    "SO": (1, "014", "0342", (("Sondrio", "23100"), ("Morbegno", "23017"), ("Chiavenna", "23022"))),
    "VA": (2, "012", "0332", (("Varese", "21100"), ("Busto Arsizio", "21052"), ("Gallarate", "21013"),
                              ("Saronno", "21047"))),
}  # fmt: skip

_C = Categoria
# type A services: name, area, beneficiary categories, output (description, unit) or None
_SERVIZI_A: tuple[tuple[str, str, tuple[Categoria, ...], tuple[str, str] | None], ...] = (
    ("Servizio di assistenza domiciliare (SAD)", "Area Anziani", (_C.ANZIANI, _C.NON_AUTOSUFFICIENTI), ("Accessi a domicilio", "accessi")),
    ("Centro diurno integrato", "Area Anziani", (_C.ANZIANI, _C.NON_AUTOSUFFICIENTI), ("Giornate di apertura", "giorni")),
    ("Centro diurno disabili (CDD)", "Area Disabilità", (_C.DISABILITA_FISICA, _C.DISABILITA_PSICHICA), ("Posti accreditati", "posti")),
    ("Comunità socio-sanitaria per disabili", "Area Disabilità", (_C.DISABILITA_PSICHICA, _C.NON_AUTOSUFFICIENTI), ("Posti letto", "posti")),
    ("Assistenza educativa scolastica ad personam", "Area Minori e Famiglia", (_C.MINORI, _C.DISABILITA_FISICA, _C.DISABILITA_PSICHICA), ("Scuole servite", "scuole")),
    ("Comunità educativa per minori", "Area Minori e Famiglia", (_C.MINORI,), ("Posti in comunità", "posti")),
    ("Asilo nido", "Area Minori e Famiglia", (_C.MINORI, _C.FAMIGLIE), ("Posti autorizzati", "posti")),
    ("Doposcuola e spazio compiti", "Area Minori e Famiglia", (_C.MINORI, _C.FAMIGLIE), ("Laboratori realizzati", "laboratori")),
    ("Centro di aggregazione giovanile", "Area Giovani", (_C.GIOVANI, _C.MINORI), ("Eventi organizzati", "eventi")),
    ("Servizio tutela minori e spazio neutro", "Area Minori e Famiglia", (_C.MINORI, _C.FAMIGLIE), ("Incontri protetti", "incontri")),
    ("Accoglienza richiedenti asilo (SAI)", "Area Migranti", (_C.MIGRANTI, _C.FAMIGLIE), ("Posti di accoglienza", "posti")),
    ("Corsi di italiano per stranieri", "Area Migranti", (_C.MIGRANTI, _C.ADULTI), ("Ore di corso", "ore")),
    ("Comunità terapeutica per le dipendenze", "Area Dipendenze", (_C.DIPENDENZE,), ("Posti residenziali", "posti")),
    ("Housing sociale e abitare temporaneo", "Area Adulti in difficoltà", (_C.DISAGIO_SOCIALE, _C.FAMIGLIE, _C.ADULTI), ("Alloggi gestiti", "alloggi")),
    ("Centro antiviolenza", "Area Donne", (_C.DONNE_VITTIME_VIOLENZA, _C.MINORI), ("Colloqui di accoglienza", "colloqui")),
    ("Centro diurno psichiatrico", "Area Salute mentale", (_C.DISABILITA_PSICHICA, _C.ADULTI), None),
    ("Sportello di orientamento al lavoro", "Area Lavoro", (_C.ADULTI, _C.GIOVANI, _C.DISAGIO_SOCIALE), ("Colloqui di orientamento", "colloqui")),
    ("Progetti educativi in carcere", "Area Giustizia", (_C.DETENUTI,), ("Laboratori realizzati", "laboratori")),
)  # fmt: skip
# type B activities: name, area, output (description, unit)
_SERVIZI_B: tuple[tuple[str, str, tuple[str, str]], ...] = (
    ("Manutenzione del verde", "Inserimento lavorativo", ("Superficie di verde in manutenzione", "m²")),
    ("Pulizie civili e sanificazioni", "Inserimento lavorativo", ("Sedi servite", "sedi")),
    ("Raccolta differenziata e igiene ambientale", "Inserimento lavorativo", ("Rifiuti raccolti", "t")),
    ("Assemblaggio e confezionamento conto terzi", "Inserimento lavorativo", ("Pezzi lavorati", "pezzi")),
    ("Ristorazione e catering sociale", "Inserimento lavorativo", ("Pasti prodotti", "pasti")),
    ("Lavanderia industriale", "Inserimento lavorativo", ("Biancheria trattata", "kg")),
    ("Agricoltura sociale e orto solidale", "Inserimento lavorativo", ("Superficie coltivata", "m²")),
    ("Custodia e portierato", "Inserimento lavorativo", ("Presidi gestiti", "presidi")),
    ("Gestione di parcheggi", "Inserimento lavorativo", ("Posti auto gestiti", "posti")),
    ("Ciclofficina sociale", "Inserimento lavorativo", ("Biciclette riparate", "biciclette")),
    ("Sgomberi e riuso di mobili usati", "Inserimento lavorativo", ("Interventi di sgombero", "interventi")),
)  # fmt: skip
# disadvantaged workers (art. 4 l. 381/1991): label, beneficiary category
_SVANTAGGI = (
    ("disabilità fisica o sensoriale", _C.DISABILITA_FISICA),
    ("disabilità psichica", _C.DISABILITA_PSICHICA),
    ("dipendenze", _C.DIPENDENZE),
    ("detenuti e misure alternative", _C.DETENUTI),
)
_ATECO_A = ("88.10.00", "87.30.00", "88.91.00", "87.20.00", "88.99.00", "85.59.20")
_ATECO_B = ("81.30.00", "81.21.00", "38.11.00", "56.29.10", "96.01.10", "82.92.20", "01.13.10")
_STAKEHOLDER = (
    ("Soci", "Assemblee, incontri periodici"),
    ("Lavoratori", "Riunioni d'équipe, questionario di clima"),
    ("Utenti e famiglie", "Colloqui, questionari di soddisfazione"),
    ("Comuni e Ambiti territoriali", "Tavoli di co-progettazione, rendicontazione"),
    ("ATS e ASST", "Accreditamento, verifiche periodiche"),
    ("Volontari", "Incontri di formazione e programmazione"),
    ("Consorzio di riferimento", "Gare in forma consortile, servizi comuni"),
    ("Fornitori", "Rapporti commerciali, albo fornitori"),
    ("Fondazioni ed enti finanziatori", "Bandi, rendicontazione dei progetti"),
    ("Scuole", "Progetti condivisi, convenzioni"),
    ("Parrocchie e associazioni del territorio", "Iniziative comuni"),
    ("Cittadinanza", "Bilancio sociale, sito web, eventi aperti"),
)
_STAKEHOLDER_B = (
    ("Lavoratori svantaggiati", "Progetto individuale, verifiche trimestrali"),
    ("Servizi invianti (SIL, SerD, CPS, UEPE)", "Progettazione e verifica congiunta degli inserimenti"),
    ("Imprese clienti", "Contratti di servizio, convenzioni art. 14 d.lgs. 276/2003"),
)  # fmt: skip
_RETI = (
    ("Confcooperative Federsolidarietà", "associazione di rappresentanza"),
    ("Legacoopsociali Lombardia", "associazione di rappresentanza"),
    ("Consorzio Sistema Imprese Sociali", "consorzio"),
    ("Consorzio Cooperho", "consorzio"),
    ("Consorzio Solco territoriale", "consorzio"),
    ("Forum del Terzo settore provinciale", "rete territoriale"),
    ("Tavolo provinciale per l'inserimento lavorativo", "rete territoriale"),
    ("Rete delle cooperative del distretto", "rete territoriale"),
)
_VALORI = (
    "Centralità della persona", "Solidarietà", "Mutualità", "Partecipazione", "Inclusione",
    "Trasparenza", "Responsabilità", "Dignità del lavoro", "Cura dei beni comuni",
    "Democraticità", "Sostenibilità", "Radicamento nel territorio",
)  # fmt: skip
_FORMAZIONE = (
    ("Sicurezza sui luoghi di lavoro (d.lgs. 81/2008)", "salute e sicurezza", True),
    ("Primo soccorso e antincendio", "salute e sicurezza", True),
    ("HACCP e igiene degli alimenti", "salute e sicurezza", True),
    ("Supervisione d'équipe", "professionale", False),
    ("Gestione dei comportamenti problematici", "professionale", False),
    ("Tutoraggio degli inserimenti lavorativi", "professionale", False),
    ("Strumenti digitali per i servizi", "professionale", False),
    ("Comunicazione con le famiglie", "professionale", False),
)
_OBIETTIVI = (
    "Consolidare i servizi esistenti e rinnovare gli accreditamenti",
    "Ridurre il turnover degli operatori",
    "Aumentare le ore di formazione pro capite",
    "Avviare un nuovo servizio in co-progettazione con l'Ambito",
    "Ampliare la base sociale tra i lavoratori",
    "Adottare un sistema di valutazione dell'impatto sociale",
    "Ottenere la certificazione ISO 9001",
    "Ridurre i tempi di incasso dai committenti pubblici",
    "Rafforzare il coinvolgimento dei volontari",
    "Aggiornare il modello organizzativo ex d.lgs. 231/2001",
)
_OBIETTIVI_B = (
    "Aumentare le assunzioni a tempo indeterminato di lavoratori svantaggiati",
    "Acquisire nuovi clienti privati per ridurre la dipendenza dagli appalti pubblici",
)
_ESITI = ("raggiunto", "raggiunto", "parziale", "in corso", "non raggiunto")


# --- helpers -------------------------------------------------------------------------


def partita_iva(rng: random.Random, ufficio: str = "015") -> str:
    """An 11-digit Italian VAT number with a valid check digit (stdnum.it.iva accepts it)."""
    corpo = f"{rng.randrange(10**6, 3 * 10**6)}{ufficio}"  # no leading 0: YAML would read it as a number
    return corpo + luhn.calc_check_digit(corpo)


def _slug(testo: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", testo).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _data(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _giorno(rng: random.Random, anno: int, mese_da: int, mese_a: int) -> dt.date:
    mese = rng.randint(mese_da, mese_a)
    return dt.date(anno, mese, rng.randint(1, 28))


def _varia(rng: random.Random, valore: float, giu: float = 0.05, su: float = 0.15) -> float:
    """Year-on-year change: mostly growth, never beyond ±15%."""
    return valore * (1 + rng.uniform(-giu, su))


def _ripartisci(totale: int, pesi: Sequence[float]) -> list[int]:
    """Split a whole number by weights into whole parts that add up exactly."""
    somma = sum(pesi)
    parti = [int(totale * p / somma) for p in pesi]
    resto = totale - sum(parti)
    parti[max(range(len(pesi)), key=lambda i: pesi[i])] += resto
    return parti


def _stampato(parte: int, totale: int, decimali: int, per: int = 100) -> float:
    """A figure as a report prints it: exact, rounded once half up (as `check` verifies)."""
    esatto = Decimal(parte) / Decimal(totale) * per
    return float(esatto.quantize(Decimal(1).scaleb(-decimali), rounding=ROUND_HALF_UP))


def _perc(valore: float, decimali: int = 1) -> float | int:
    r = round(valore, decimali)
    return int(r) if decimali == 0 else r


def _persona(rng: random.Random, genere: str) -> str:
    nome = rng.choice(_NOMI_F if genere == "F" else _NOMI_M)
    return f"{nome} {rng.choice(_COGNOMI)}"


def _campione(rng: random.Random, voci: Sequence[Any], k: int) -> list[Any]:
    return rng.sample(list(voci), min(k, len(voci)))


# --- one cooperative -----------------------------------------------------------------


class _Coop:
    """The state of one invented cooperative, evolved year by year."""

    def __init__(self, rng: random.Random, tipo: str, anni: Sequence[int]) -> None:
        self.rng = rng
        self.tipo = tipo
        self.anni = list(anni)
        r = rng
        base = r.choice(_NOMI_COOP)
        mod = r.choice(_MODIFICATORI)
        self.nome_breve = f"{base} {mod}".strip() if mod != "Onlus" else base
        suffisso = " Onlus" if mod == "Onlus" else ""
        self.denominazione = f"{self.nome_breve} Società Cooperativa Sociale{suffisso}"
        self.slug = _slug(self.nome_breve)
        province = list(_PROVINCE)
        self.provincia = r.choices(province, weights=[_PROVINCE[p][0] for p in province])[0]
        _, self.ufficio, self.prefisso_tel, comuni = _PROVINCE[self.provincia]
        self.comune, self.cap = r.choice(comuni)
        self.comuni = [c for c, _ in comuni]
        self.piva = partita_iva(r, self.ufficio)
        self.fondazione = dt.date(r.randint(1978, min(self.anni[0] - 3, 2016)), r.randint(1, 12), r.randint(1, 28))  # fmt: skip
        self.ha_b = tipo in ("B", "A+B")
        self.ha_a = tipo in ("A", "A+B")

        # size and people
        scala = r.choices(((6, 25), (25, 80), (80, 260)), weights=(5, 4, 2))[0]
        self.dipendenti = float(r.randint(*scala))
        self.quota_donne = r.uniform(0.6, 0.85) if tipo == "A" else r.uniform(0.3, 0.55) if tipo == "B" else r.uniform(0.45, 0.7)  # fmt: skip
        self.quota_b = 1.0 if tipo == "B" else r.uniform(0.3, 0.6)
        self.quota_svantaggiati = r.uniform(0.32, 0.48)
        self.quota_soci_lav = r.uniform(0.4, 0.8)
        self.autonomi = float(r.randint(1, 2 + int(self.dipendenti) // 20))
        self.occasionali = float(r.randint(0, 4))
        self.volontari = float(r.randint(3, 30))
        self.persone_giuridiche = r.choice((0, 0, 1, 1, 2, 3))
        self.sovventori = r.choice((0, 0, 0, 1, 2))
        self.fruitori = float(r.randint(0, 25)) if self.ha_a and r.random() < 0.4 else 0.0
        self.quota_capitale = r.choice((25, 50, 100, 250, 500))
        self.quota_pg = r.choice((500, 1000, 2500, 5000))
        self.quota_sov = r.choice((1000, 2500, 5000))
        self.retribuzione_minima = float(r.randint(15200, 19500))
        self.rapporto = r.uniform(1.6, 3.2 if scala[0] < 80 else 5.5)
        self.soci_vol = float(min(int(self.volontari), r.randint(1, 8)))

        # board
        n_cda = r.randint(3, 9)
        if n_cda > 5 and self.dipendenti < 25:
            n_cda = r.randint(3, 5)
        self.cda: list[dict[str, Any]] = []
        nomi: set[str] = set()
        for i in range(n_cda):
            genere = "F" if r.random() < min(0.8, self.quota_donne + 0.05) else "M"
            nome = _persona(r, genere)
            while nome in nomi:
                nome = _persona(r, genere)
            nomi.add(nome)
            if i == n_cda - 1 and self.persone_giuridiche and r.random() < 0.6:
                socio = "persona giuridica"
            elif i >= 2 and r.random() < 0.25:
                socio = "volontario"
            else:
                socio = "lavoratore"
            nascita = self.anni[0] - r.randint(28, 66)
            primo = self.anni[0] - 3 * r.randint(0, 4) - r.randint(0, 2)
            primo = max(primo, self.fondazione.year + 1, nascita + 25)
            self.cda.append(
                {
                    "nome": nome,
                    "genere": genere,
                    "socio": socio,
                    "nascita": nascita,
                    "prima_nomina": _giorno(r, primo, 4, 6),
                    "svantaggiato": self.ha_b and socio == "lavoratore" and i > 1 and r.random() < 0.3,
                }
            )  # fmt: skip
        self.controllo_collegio = self.dipendenti > 60 or r.random() < 0.3
        self.controllo = [
            (_persona(r, r.choice("MF")), _giorno(r, self.anni[0] - r.randint(0, 2), 4, 6))
            for _ in range(3 if self.controllo_collegio else 1)
        ]
        self.compenso_controllo = r.choice((2500, 3000, 3500, 4500, 6000)) * (2 if self.controllo_collegio else 1)  # fmt: skip

        # services
        self.servizi: list[dict[str, Any]] = []
        n_servizi = r.randint(2, 8 if scala[0] >= 25 else 5)
        if tipo == "A+B":
            n_b = r.randint(1, max(1, n_servizi - 1))
            n_a = max(1, n_servizi - n_b)
        elif tipo == "B":
            n_a, n_b = 0, n_servizi
        else:
            n_a, n_b = n_servizi, 0
        for nome, area, categorie, output in _campione(r, _SERVIZI_A, n_a):
            scelte = _campione(r, categorie, r.randint(1, len(categorie)))
            utenti = r.randint(8, 40) * (1 + int(self.dipendenti) // 30)
            self.servizi.append(
                {
                    "nome": nome,
                    "area": area,
                    "categorie": {c: r.uniform(0.2, 1.0) for c in scelte},
                    "utenti": float(utenti),
                    "ore_utente": r.uniform(20, 220),
                    "output": output,
                    "output_valore": float(r.randint(5, 400)),
                    "interventi": r.random() < 0.4,
                    "durata": r.uniform(45, 150),
                    "sedi": _campione(r, self.comuni, r.randint(1, 3)) if r.random() < 0.5 else [],
                    "committente": f"Comune di {r.choice(self.comuni)}" + (" e Ambito territoriale" if r.random() < 0.5 else ""),
                }
            )  # fmt: skip
        for nome, area, output in _campione(r, _SERVIZI_B, n_b):
            self.servizi.append(
                {
                    "nome": nome,
                    "area": area,
                    "b": True,
                    "ore_lav": r.uniform(900, 1500),
                    "output": output,
                    "output_valore": float(r.randint(10, 5000)),
                    "committente": r.choice(("Comuni, imprese e condomini", f"Comune di {self.comune} e imprese private", "Imprese private e consorzio")),
                    "tirocini": r.random() < 0.3,
                }
            )  # fmt: skip

        # economics
        self.vp = self.dipendenti * r.uniform(30000, 46000)
        self.peso_personale = r.uniform(0.55, 0.74) if self.ha_a else r.uniform(0.5, 0.68)
        self.quota_servizi = r.uniform(0.07, 0.16)
        self.margine = r.uniform(-0.01, 0.035)
        self.riserve = self.vp * r.uniform(0.03, 0.35)
        self.fonti = self._pesi_fonti()
        self.raccolta_fondi = r.random() < 0.5
        self.interesse_generale = 1.0 if r.random() < 0.7 else r.uniform(0.86, 0.99)
        self.approvazione_prec = _giorno(r, self.anni[0], 4, 6)
        self.standard = r.choice((["GBS"], ["GBS", "GRI"], ["Linee guida DM 4 luglio 2019"]))
        self.valori = _campione(r, _VALORI, r.randint(3, 6))
        self.reti = _campione(r, _RETI, r.randint(1, 3))
        self.colore = "#" + "".join(f"{r.randint(0, 180):02x}" for _ in range(3))
        self.stakeholder = _campione(r, _STAKEHOLDER, r.randint(5, 8))
        if self.ha_b:
            self.stakeholder = _campione(r, _STAKEHOLDER_B, r.randint(1, 3)) + self.stakeholder[:6]
        self.intensita = [r.randint(1, 5) for _ in self.stakeholder]
        self.altre_sedi = [
            (r.choice(self.comuni), r.choice(_VIE), r.randint(1, 120), s["nome"])
            for s in _campione(r, self.servizi, r.randint(0, 3))
        ]
        self._dipendenti_prec = 0.0

    # --- state changes ---------------------------------------------------------------

    def _pesi_fonti(self) -> dict[str, float]:
        r = self.rng
        if self.tipo == "A":
            pesi = {
                "contributi_pubblici": r.uniform(0, 0.05),
                "enti_pubblici_servizi_sociali": r.uniform(0.5, 0.85),
                "contributi_privati": r.uniform(0, 0.03),
                "privati_cittadini": r.uniform(0.04, 0.2),
                "privati_non_profit": r.uniform(0, 0.05),
                "consorzi_cooperative": r.uniform(0, 0.15),
                "altri": r.uniform(0, 0.02),
            }
        elif self.tipo == "B":
            pesi = {
                "contributi_pubblici": r.uniform(0, 0.05),
                "enti_pubblici_altri_servizi": r.uniform(0.25, 0.6),
                "contributi_privati": r.uniform(0, 0.02),
                "privati_cittadini": r.uniform(0, 0.08),
                "privati_imprese": r.uniform(0.2, 0.5),
                "consorzi_cooperative": r.uniform(0, 0.15),
                "altri": r.uniform(0, 0.02),
            }
        else:
            pesi = {
                "contributi_pubblici": r.uniform(0, 0.04),
                "enti_pubblici_servizi_sociali": r.uniform(0.3, 0.55),
                "enti_pubblici_altri_servizi": r.uniform(0.1, 0.3),
                "contributi_privati": r.uniform(0, 0.02),
                "privati_cittadini": r.uniform(0.02, 0.1),
                "privati_imprese": r.uniform(0.05, 0.25),
                "consorzi_cooperative": r.uniform(0, 0.1),
                "altri": r.uniform(0, 0.02),
            }
        return {k: v for k, v in pesi.items() if v >= 0.004}

    def _evolvi(self) -> None:
        r = self.rng
        self.dipendenti = max(5.0, _varia(r, self.dipendenti, 0.06, 0.12))
        self.autonomi = max(1.0, _varia(r, self.autonomi, 0.15, 0.15))
        self.occasionali = max(0.0, _varia(r, self.occasionali, 0.15, 0.15))
        self.volontari = max(3.0, _varia(r, self.volontari, 0.1, 0.15))
        self.soci_vol = min(self.volontari, max(1.0, _varia(r, self.soci_vol, 0.15, 0.15)))
        self.fruitori = max(0.0, _varia(r, self.fruitori, 0.1, 0.15)) if self.fruitori else 0.0
        self.quota_soci_lav = min(0.9, max(0.3, self.quota_soci_lav + r.uniform(-0.03, 0.04)))
        self.quota_svantaggiati = min(0.5, max(0.31, self.quota_svantaggiati + r.uniform(-0.03, 0.03)))  # fmt: skip
        self.retribuzione_minima = _varia(r, self.retribuzione_minima, 0.0, 0.04)
        self.rapporto = min(6.0, max(1.5, self.rapporto * r.uniform(0.97, 1.03)))
        # value of production follows the workforce, within ±15% a year
        crescita = self.dipendenti / self._dipendenti_prec if self._dipendenti_prec else 1.0
        self.vp = self.vp * max(0.9, min(1.15, crescita * r.uniform(0.98, 1.04)))
        self.peso_personale = min(0.78, max(0.45, self.peso_personale + r.uniform(-0.02, 0.02)))
        self.quota_servizi = min(0.2, max(0.05, self.quota_servizi + r.uniform(-0.01, 0.01)))
        self.margine = min(0.04, max(-0.015, self.margine + r.uniform(-0.01, 0.01)))
        self.fonti = {k: v * r.uniform(0.9, 1.1) for k, v in self.fonti.items()}
        for s in self.servizi:
            if s.get("b"):
                s["output_valore"] = _varia(r, s["output_valore"], 0.1, 0.12)
            else:
                s["utenti"] = max(3.0, _varia(r, s["utenti"], 0.1, 0.15))
                s["output_valore"] = _varia(r, s["output_valore"], 0.05, 0.1)
                s["ore_utente"] = _varia(r, s["ore_utente"], 0.08, 0.08)

    # --- the files -------------------------------------------------------------------

    def ente(self) -> dict[str, Any]:
        r = self.rng
        email = f"{self.slug}.example"
        tel = f"{self.prefisso_tel} {r.randint(100000, 9999999)}"
        sede = {
            "indirizzo": f"{r.choice(_VIE)}, {r.randint(1, 150)}",
            "cap": self.cap,
            "comune": self.comune,
            "provincia": self.provincia,
            "telefono": tel,
            "email": f"info@{email}",
        }
        altre: Any = [
            {
                "descrizione": f"Sede operativa: {servizio}",
                "indirizzo": f"{via}, {numero}",
                "comune": comune,
                "provincia": self.provincia,
            }
            for comune, via, numero, servizio in self.altre_sedi
        ] or {"non_presente": "La cooperativa opera solo nella sede legale e presso i committenti."}
        attivita_a = (
            "la gestione di servizi socio-sanitari ed educativi (art. 1 c.1 lett. a) l. 381/1991)"
        )
        attivita_b = "lo svolgimento di attività diverse finalizzate all'inserimento lavorativo di persone svantaggiate (art. 1 c.1 lett. b) l. 381/1991)"  # fmt: skip
        statutarie = " e ".join(
            x for x, ok in ((attivita_a, self.ha_a), (attivita_b, self.ha_b)) if ok
        )
        ateco = (_campione(r, _ATECO_A, r.randint(1, 2)) if self.ha_a else []) + (
            _campione(r, _ATECO_B, r.randint(1, 3)) if self.ha_b else []
        )
        servizi = ", ".join(s["nome"].lower() for s in self.servizi[:3])
        return {
            "denominazione": self.denominazione,
            "nome_breve": self.nome_breve,
            "codice_fiscale": self.piva,
            "partita_iva": self.piva,
            "forma_giuridica": "cooperativa sociale",
            "tipo": self.tipo,
            "impresa_sociale": True,
            "data_costituzione": _data(self.fondazione),
            "sede_legale": sede,
            "altre_sedi": altre,
            "numero_albo_cooperative": f"A{r.randint(100000, 999999)}",
            "altri_registri": [
                f"Albo regionale delle cooperative sociali, sezione {self.tipo.replace('+', ' e ')}",
                f"Registro delle imprese di {_capoluogo(self.provincia)}, sezione speciale imprese sociali",
            ],  # fmt: skip
            "codici_ateco": ateco,
            "contatti": {
                "telefono": tel,
                "email": f"info@{email}",
                "pec": f"{self.slug}@pec.example",
                "sito_web": f"www.{email}",
            },
            "aree_territoriali": f"Provincia di {_capoluogo(self.provincia)}, in particolare i comuni di {', '.join(self.comuni)}.",  # fmt: skip
            "valori": self.valori,
            "missione": (
                f"{self.nome_breve} persegue l'interesse generale della comunità alla promozione "
                f"umana e all'integrazione sociale dei cittadini attraverso {statutarie}."
            ),
            "attivita_statutarie": f"Lo statuto prevede {statutarie}: in particolare {servizi}.",
            "attivita_secondarie": (
                "Attività di formazione e sensibilizzazione sul territorio, strumentali alle attività principali."
                if r.random() < 0.6
                else {
                    "non_presente": "La cooperativa non svolge attività secondarie o strumentali."
                }
            ),
            "reti": [
                {
                    "denominazione": nome,
                    "anno_adesione": r.randint(self.fondazione.year, self.anni[0]),
                    "tipo": tipo,
                }
                for nome, tipo in self.reti
            ],  # fmt: skip
            "contesto": (
                f"La cooperativa opera nella provincia di {_capoluogo(self.provincia)}, dove la domanda di "
                "servizi alla persona cresce con l'invecchiamento della popolazione e la fragilità "
                "delle famiglie, e dove gli enti pubblici affidano sempre più servizi in co-progettazione."
            ),
            "storia": (
                f"{self.nome_breve} nasce nel {self.fondazione.year} a {self.comune} dall'iniziativa di "
                "un gruppo di operatori e famiglie del territorio. Negli anni ha ampliato i servizi "
                f"fino agli attuali {len(self.servizi)}."
            ),
            "colore": self.colore,
        }

    def anni_file(self) -> list[tuple[int, dict[str, Any]]]:
        esito = []
        self._dipendenti_prec = 0.0
        soci_prec: int | None = None
        for i, anno in enumerate(self.anni):
            if i:
                self._evolvi()
            dati = self._anno(anno, soci_prec)
            soci_prec = dati["governo"]["soci"]["totale"]
            self._dipendenti_prec = self.dipendenti
            esito.append((anno, dati))
        return esito

    def _anno(self, anno: int, soci_prec: int | None) -> dict[str, Any]:
        r = self.rng
        # --- people --------------------------------------------------------------
        dip = int(round(self.dipendenti))
        donne = int(round(dip * self.quota_donne))
        aut = int(round(self.autonomi))
        aut_d = r.randint(0, aut)
        occ = int(round(self.occasionali))
        occ_d = r.randint(0, occ)
        totale_lav = dip + aut + occ

        cda_tipi = [c["socio"] for c in self.cda]
        soci_lav = max(
            cda_tipi.count("lavoratore"),
            min(dip, max(cda_tipi.count("volontario"), int(round(dip * self.quota_soci_lav)))),
        )
        soci_pg = max(cda_tipi.count("persona giuridica"), self.persone_giuridiche)
        soci_fru = int(round(self.fruitori))
        altri_soci = soci_lav + soci_pg + soci_fru + self.sovventori
        soci_vol = max(cda_tipi.count("volontario"), int(round(self.soci_vol)))
        soci_vol = min(soci_vol, altri_soci)  # at most half of all members
        volontari = max(soci_vol, int(round(self.volontari)))
        soci_tot = altri_soci + soci_vol
        if soci_prec is None:
            receduti = r.randint(0, max(1, soci_tot // 15))
            ammessi = receduti + r.randint(0, 3)
        else:
            delta = soci_tot - soci_prec
            receduti = max(0, -delta) + r.randint(0, max(1, soci_tot // 20))
            ammessi = receduti + delta
        soci: dict[str, Any] = {"lavoratori": soci_lav, "volontari": soci_vol}
        if soci_fru:
            soci["fruitori"] = soci_fru
        if soci_pg:
            soci["persone_giuridiche"] = soci_pg
        if self.sovventori:
            soci["sovventori"] = self.sovventori
        soci |= {"totale": soci_tot, "ammessi": ammessi, "receduti": receduti}

        # --- board ---------------------------------------------------------------
        componenti = []
        maschi = 0
        for i, c in enumerate(self.cda):
            femmina = c["genere"] == "F"
            maschi += not femmina
            if i < 2:
                ruolo = ("Presidente", "Vicepresidente")[i]
            else:
                ruolo = "Consigliera" if femmina else "Consigliere"
            voce: dict[str, Any] = {
                "nome": c["nome"],
                "ruolo": ruolo,
                "data_prima_nomina": _data(c["prima_nomina"]),
                "mandati": (anno - c["prima_nomina"].year) // 3 + 1,
                "eta": anno - c["nascita"],
                "genere": c["genere"],
                "socio": c["socio"],
            }
            if c["socio"] == "persona giuridica":
                voce["rappresentante_persona_giuridica"] = True
            if c["svantaggiato"]:
                voce["svantaggiato"] = True
            componenti.append(voce)
        n_cda = len(componenti)
        composizione = {
            "maschi": maschi,
            "femmine": n_cda - maschi,
            "svantaggiati": sum(1 for c in self.cda if c["svantaggiato"]),
            "soci_lavoratori": cda_tipi.count("lavoratore"),
            "soci_volontari": cda_tipi.count("volontario"),
            "soci_fruitori": 0,
            "sovventori": 0,
            "persone_giuridiche": cda_tipi.count("persona giuridica"),
            "altro": 0,
        }
        mandato = anno - (anno - self.anni[0]) % 3
        cda = {
            "totale_componenti": n_cda,
            "composizione": composizione,
            "modalita_nomina": "Eletto dall'assemblea dei soci tra i soci",
            "durata_carica": f"Tre esercizi (mandato {mandato}-{mandato + 2})",
            "riunioni": r.randint(5, 14),
            "partecipazione_media": r.randint(78, 100),
            "componenti": componenti,
        }
        organo = "Collegio sindacale" if self.controllo_collegio else "Sindaco unico"
        ruoli = ("Presidente del collegio", "Sindaco effettivo", "Sindaco effettivo") if self.controllo_collegio else ("Sindaco unico",)  # fmt: skip
        controllo = {
            "tipo": organo + " (con revisione legale)" if r.random() < 0.5 else organo,
            "componenti": [
                {
                    "nome": nome,
                    "ruolo": ruolo,
                    "data_nomina": _data(d),
                    "compenso": f"€ {self.compenso_controllo // len(ruoli)} annui",
                }
                for (nome, d), ruolo in zip(self.controllo, ruoli, strict=True)
            ],  # fmt: skip
            "durata_carica": "Tre esercizi",
        }
        assemblee = []
        date_ass = [self.approvazione_prec]
        if r.random() < 0.6:
            date_ass.append(_giorno(r, anno, 9, 12))
        for j, d in enumerate(date_ass):
            presenti = r.randint(max(1, soci_tot * 35 // 100), max(1, soci_tot * 80 // 100))
            deleghe = r.randint(0, max(0, (soci_tot - presenti) // 4))
            odg = (
                [f"Approvazione del bilancio d'esercizio {anno - 1}", f"Approvazione del bilancio sociale {anno - 1}"]
                if j == 0
                else ["Andamento dei servizi e previsioni di chiusura", f"Linee di programmazione {anno + 1}"]
            )  # fmt: skip
            if j == 0 and (anno - self.anni[0]) % 3 == 0:
                odg.append("Rinnovo delle cariche sociali")
            assemblee.append(
                {
                    "data": _data(d),
                    "tipo": "ordinaria",
                    "ordine_del_giorno": odg,
                    "presenti": presenti,
                    "rappresentati_per_delega": deleghe,
                    "partecipazione": _perc(100 * (presenti + deleghe) / soci_tot, 0),
                    "deleghe": _perc(100 * deleghe / soci_tot, 0),
                }
            )
        approvazione = _giorno(r, anno + 1, 4, 6)
        self.approvazione_prec = approvazione
        governo = {
            "soci": soci,
            "sistema_di_governo": (
                f"Assemblea dei soci, Consiglio di amministrazione di {n_cda} componenti eletto per "
                f"tre esercizi, {organo.lower()} con funzioni di monitoraggio (art. 10 d.lgs. 112/2017)."
            ),
            "consiglio_amministrazione": cda,
            "organo_controllo": controllo,
            "assemblee": assemblee,
            "democrazia_interna": (
                "Ogni lavoratore può chiedere di diventare socio dopo il periodo di prova; le assemblee "
                "sono precedute da incontri informativi aperti a tutti i lavoratori."
            ),
            "stakeholder": [
                {"tipologia": t, "modalita_coinvolgimento": m, "intensita": k}
                for (t, m), k in zip(self.stakeholder, self.intensita, strict=True)
            ],
            "coinvolgimento_lavoratori_utenti": (
                "Riunioni d'équipe mensili, un referente dei lavoratori per servizio che incontra il "
                "CdA ogni trimestre e questionari di soddisfazione rivolti agli utenti e alle famiglie."
            ),
        }

        # --- persone ---------------------------------------------------------------
        indeterminato = int(round(dip * r.uniform(0.65, 0.92)))
        pieno = int(round(dip * r.uniform(0.25, 0.6)))
        istruzione = self._istruzione(totale_lav)
        formazione = []
        corsi = _FORMAZIONE if self.ha_b else [c for c in _FORMAZIONE if "inserimenti" not in c[0]]
        for tema, ambito, obbl in _campione(r, corsi, r.randint(2, 5)):
            partecipanti = r.randint(max(1, dip // 6), dip)
            ore = r.choice((4, 6, 8, 12, 16, 20, 24))
            formazione.append(
                {"tema": tema, "ambito": ambito, "partecipanti": partecipanti, "ore_pro_capite": ore, "obbligatoria": obbl, "costo": partecipanti * ore * r.randint(8, 25)}
            )  # fmt: skip
        minima = int(round(self.retribuzione_minima, -1))
        massima = int(round(minima * self.rapporto, -1))
        rimborsati = r.randint(1, max(1, volontari // 2))
        autocert = r.random() < 0.5
        rimborsi: dict[str, Any] = {
            "modalita": "autocertificazione" if autocert else "documentato",
            "importo_totale": rimborsati * r.randint(40, 600),
            "volontari_rimborsati": rimborsati,
        }
        if autocert:
            rimborsi |= {"massimo_giornaliero": r.randint(5, 10), "massimo_mensile": r.choice((60, 80, 100, 120, 150)), "delibera_autocertificazione": True}  # fmt: skip
        persone: dict[str, Any] = {
            "lavoratori": {
                "dipendenti": {"numero": dip, "uomini": dip - donne, "donne": donne, "soci": soci_lav},
                "autonomi": {"numero": aut, "uomini": aut - aut_d, "donne": aut_d},
                "occasionali": {"numero": occ, "uomini": occ - occ_d, "donne": occ_d},
                "totale": totale_lav,
            },
            "contratti": {
                "tempo_indeterminato": indeterminato,
                "tempo_determinato": dip - indeterminato,
                "tempo_pieno": pieno,
                "part_time": dip - pieno,
            },
            "istruzione": istruzione,
            "tirocini": {"numero": r.randint(0, 2 + dip // 20)},
            "volontari": {
                "numero": volontari,
                "soci": soci_vol,
                "attivita": "Affiancamento degli operatori, accompagnamenti, animazione ed eventi sul territorio.",
                "registro": True,
                "assicurazione": True,
            },
            "formazione": formazione,
            "contratto_collettivo": "CCNL delle cooperative sociali",
            "retribuzioni": {
                "struttura": "Inquadramento secondo il CCNL delle cooperative sociali; nessun superminimo individuale.",
                "compensi_organi": (
                    f"Gli amministratori non percepiscono compensi; all'organo di controllo € {self.compenso_controllo} annui."
                ),
                "retribuzione_massima": massima,
                "retribuzione_minima": minima,
                "rapporto_dichiarato": _stampato(massima, minima, 2, per=1),
            },
            "rimborsi_volontari": rimborsi,
        }  # fmt: skip
        svantaggiati = 0
        tipologie: dict[str, int] = {}
        inseriti: list[Categoria] = []
        if self.ha_b:
            lav_b = max(4, int(round(dip * self.quota_b))) if self.tipo == "A+B" else dip
            lav_b = min(lav_b, dip)
            svantaggiati = min(lav_b - 1, max(math.ceil(0.3 * lav_b), int(round(lav_b * self.quota_svantaggiati))))  # fmt: skip
            etichette = [r.choice(_SVANTAGGI) for _ in range(svantaggiati)]
            for etichetta, categoria in sorted(etichette, key=lambda x: _SVANTAGGI.index(x)):
                tipologie[etichetta] = tipologie.get(etichetta, 0) + 1
                inseriti.append(categoria)
            r.shuffle(inseriti)
            persone["inserimento_lavorativo"] = {
                "lavoratori": lav_b,
                "svantaggiati": svantaggiati,
                "percentuale_dichiarata": _stampato(svantaggiati, lav_b - svantaggiati, 1),
                "tipologie": tipologie,
            }
        persone["mutualita_interna"] = _campione(
            r,
            (
                "Anticipo del TFR su richiesta",
                "Flessibilità oraria per esigenze di cura",
                "Prestiti senza interessi ai soci lavoratori",
                "Convenzioni con esercizi commerciali del territorio",
                "Ristorno ai soci lavoratori in base alle ore lavorate",
            ),
            r.randint(1, 3),
        )

        # --- attività ------------------------------------------------------------
        servizi, totale_utenti = self._servizi(inseriti, dip)
        obiettivi = [
            {"descrizione": d, "esito": r.choice(_ESITI)}
            for d in _campione(r, _OBIETTIVI + (_OBIETTIVI_B if self.ha_b else ()), r.randint(2, 4))
        ]
        for o in obiettivi:
            if o["esito"] != "raggiunto":
                o["motivazione"] = r.choice(
                    (
                        "I tempi delle procedure con gli enti committenti si sono allungati.",
                        "L'attività proseguirà nel prossimo esercizio.",
                        "Le risorse disponibili non hanno permesso di completare l'azione.",
                    )
                )
        attivita = {
            "servizi": servizi,
            "totale_beneficiari": totale_utenti,
            "attivita_esterne": r.choice(
                (
                    "Festa della cooperativa aperta alla cittadinanza e partecipazione alle iniziative dei quartieri.",
                    "Incontri nelle scuole e giornate aperte nei servizi.",
                    "Partecipazione alla settimana del volontariato e a due mercatini solidali.",
                )
            ),
            "obiettivi": obiettivi,
            "obiettivi_prossimo_anno": [
                {"descrizione": d} for d in _campione(r, _OBIETTIVI, r.randint(2, 3))
            ],
            "dimensioni_valore": [
                {"dimensione": "Qualità e continuità dei servizi", "commento": "Servizi mantenuti e accreditamenti rinnovati"},
                {"dimensione": "Occupazione stabile", "commento": f"{indeterminato} dipendenti su {dip} a tempo indeterminato"},
            ]
            + (
                [{"dimensione": "Inclusione lavorativa di persone svantaggiate", "commento": f"{svantaggiati} lavoratori svantaggiati"}]
                if self.ha_b
                else []
            ),
            "rischi": (
                "Dipendenza dai committenti pubblici e ritardi nei pagamenti; difficoltà di reperire "
                "personale qualificato. La cooperativa diversifica i committenti e investe nella formazione."
            ),
        }  # fmt: skip

        # --- economia --------------------------------------------------------------
        economia = self._economia(soci_lav, soci_vol, soci_fru, soci_pg)

        # --- altre informazioni, monitoraggio --------------------------------------
        data_cda = _giorno(r, anno + 1, 3, 3)
        data_monitoraggio = approvazione - dt.timedelta(days=r.randint(10, 20))
        altre = {
            "contenziosi": r.choice(
                (
                    "Nessun contenzioso o controversia in corso.",
                    "Un contenzioso di lavoro, chiuso con conciliazione nel corso dell'anno.",
                )
            ),
            "ambiente": r.choice(
                (
                    "Raccolta differenziata in tutte le sedi e progressiva sostituzione dei mezzi con veicoli a basse emissioni.",
                    "Acquisti verdi per i materiali di consumo e riduzione della carta con la digitalizzazione dei documenti.",
                )
            ),
            "parita_genere": (
                f"{donne} donne su {dip} dipendenti; {n_cda - maschi} donne su {n_cda} nel CdA. "
                "Nessuna differenza retributiva a parità di livello."
            ),
            "diritti_umani": "Codice etico adottato e distribuito a ogni nuovo lavoratore.",
            "anticorruzione": "Procedura per gli acquisti con più preventivi; nessuna segnalazione ricevuta.",
            "riunioni_approvazione": [
                {
                    "organo": "Consiglio di amministrazione",
                    "data": _data(data_cda),
                    "partecipanti": n_cda,
                    "argomenti": [f"Progetto di bilancio d'esercizio {anno}", f"Bozza del bilancio sociale {anno}"],
                },
                {
                    "organo": "Assemblea dei soci",
                    "data": _data(approvazione),
                    "partecipanti": r.randint(max(1, soci_tot * 35 // 100), max(1, soci_tot * 80 // 100)),
                    "argomenti": [f"Approvazione del bilancio d'esercizio {anno}", f"Approvazione del bilancio sociale {anno}"],
                },
            ],
        }  # fmt: skip
        monitoraggio = {
            "organo": organo,
            "data": _data(data_monitoraggio),
            "attivita_interesse_generale": True,
            "assenza_scopo_di_lucro": True,
            "conformita_linee_guida": True,
            "relazione": (
                f"L'organo di controllo ha verificato lo svolgimento in via principale di attività di "
                f"interesse generale, il rispetto del divieto di distribuzione di utili e attesta che il "
                f"bilancio sociale {anno} è redatto in conformità alle linee guida del DM 4 luglio 2019."
            ),
        }
        metodologia = {
            "premessa": f"Con il bilancio sociale {anno} la cooperativa {self.nome_breve} rende conto a soci, lavoratori, committenti e comunità delle attività svolte e dei risultati raggiunti.",  # fmt: skip
            "standard": self.standard,
            "cambiamenti": "Perimetro e metodo invariati rispetto all'anno precedente.",
            "redazione": "Redatto da un gruppo di lavoro interno sulla base del bilancio d'esercizio, dei registri del personale e dei dati dei servizi.",  # fmt: skip
            "destinatari": "Soci, lavoratori, utenti e famiglie, enti committenti, cittadinanza",
            "approvazione": {"organo": "Assemblea dei soci", "data": _data(approvazione)},
            "diffusione": [
                "Assemblea dei soci",
                "Sito web della cooperativa",
                "Deposito al Registro delle imprese",
            ],  # fmt: skip
            "riferimenti_normativi": [
                "d.lgs. 112/2017, art. 9 c.2",
                "DM 4 luglio 2019",
                "l. 381/1991",
            ],
        }
        return {
            "anno": anno,
            "metodologia": metodologia,
            "governo": governo,
            "persone": persone,
            "attivita": attivita,
            "economia": economia,
            "altre_informazioni": altre,
            "monitoraggio": monitoraggio,
        }

    def _istruzione(self, totale: int) -> dict[str, int]:
        r = self.rng
        pesi: tuple[float, ...]
        if self.tipo == "B":
            pesi = (0, 0, 0.05, 0, 0.08, 0.4, 0.4, 0.07)
        else:
            pesi = (0.005, 0.01, 0.25, 0.03, 0.25, 0.35, 0.1, 0.005)
        pesi = tuple(p * r.uniform(0.7, 1.3) for p in pesi)
        chiavi = ("dottorato", "master_secondo_livello", "laurea_magistrale", "master_primo_livello", "laurea_triennale", "diploma", "licenza_media", "altro")  # fmt: skip
        parti = _ripartisci(totale, pesi)
        return {k: v for k, v in zip(chiavi, parti, strict=True) if v}

    def _servizi(self, inseriti: list[Categoria], dip: int) -> tuple[list[dict[str, Any]], int]:
        r = self.rng
        servizi_b = [s for s in self.servizi if s.get("b")]
        # every disadvantaged worker is a beneficiary of one type B activity
        assegnati: list[list[Categoria]] = [[] for _ in servizi_b]
        for k, categoria in enumerate(inseriti):
            indice = k if k < len(servizi_b) else r.randrange(len(servizi_b))
            assegnati[indice].append(categoria)
        esito = []
        totale = 0
        ib = 0
        for s in self.servizi:
            voce: dict[str, Any] = {
                "nome": s["nome"],
                "area": s["area"],
                "committente": s["committente"],
            }
            if s.get("b"):
                beneficiari: dict[str, int] = {}
                for c in sorted(assegnati[ib], key=list(Categoria).index):
                    beneficiari[c.value] = beneficiari.get(c.value, 0) + 1
                lavoratori = max(2, len(assegnati[ib]) * 2 + r.randint(0, 3))
                if s["tirocini"]:
                    beneficiari[Categoria.GIOVANI.value] = r.randint(1, 3)
                ib += 1
                if beneficiari:
                    voce["beneficiari"] = beneficiari
                voce["ore"] = int(lavoratori * s["ore_lav"])
                descrizione, unita = s["output"]
                voce["output"] = [{"descrizione": descrizione, "valore": int(s["output_valore"]), "unita": unita}]  # fmt: skip
            else:
                utenti = int(s["utenti"])
                categorie = list(s["categorie"])
                parti = _ripartisci(utenti, [s["categorie"][c] for c in categorie])
                beneficiari = {c.value: p for c, p in zip(categorie, parti, strict=True) if p}
                utenti = sum(beneficiari.values())
                voce["beneficiari"] = beneficiari
                voce["totale_beneficiari"] = utenti
                if s["sedi"]:
                    quote = _ripartisci(utenti, [r.uniform(0.5, 1.5) for _ in s["sedi"]])
                    voce["dettaglio_beneficiari"] = dict(zip(s["sedi"], quote, strict=True))
                ore = int(utenti * s["ore_utente"])
                voce["ore"] = ore
                if s["interventi"] and ore:
                    interventi = max(1, int(ore * 60 / s["durata"]))
                    voce["interventi"] = interventi
                    diretti = r.randint(interventi // 2, interventi)
                    voce["dettaglio_interventi"] = {"in sede": diretti, "a domicilio o sul territorio": interventi - diretti}  # fmt: skip
                    voce["durata_media_minuti"] = round(ore * 60 / interventi, 1)
                if s["output"]:
                    descrizione, unita = s["output"]
                    voce["output"] = [{"descrizione": descrizione, "valore": int(s["output_valore"]), "unita": unita}]  # fmt: skip
            totale += sum(voce.get("beneficiari", {}).values())
            esito.append(voce)
        return esito, totale

    def _economia(
        self, soci_lav: int, soci_vol: int, soci_fru: int, soci_pg: int
    ) -> dict[str, Any]:
        r = self.rng
        vp = int(round(self.vp))
        costo_personale = int(vp * self.peso_personale)
        lavoro_servizi = min(int(round(self.autonomi)) * r.randint(4000, 15000), int(vp * 0.06))
        costi_servizi = int(vp * self.quota_servizi) + lavoro_servizi
        risultato_gestione = int(vp * self.margine)
        risultato = int(risultato_gestione * (r.uniform(0.6, 0.9) if risultato_gestione > 0 else r.uniform(1.0, 1.2)))  # fmt: skip

        chiavi = list(self.fonti)
        importi = dict(zip(chiavi, _ripartisci(vp, [self.fonti[k] for k in chiavi]), strict=True))
        fonti = {k: v for k, v in importi.items() if v > 0}
        g = fonti.get
        pubblico = g("contributi_pubblici", 0) + g("enti_pubblici_servizi_sociali", 0) + g("enti_pubblici_altri_servizi", 0)  # fmt: skip
        cittadini = g("privati_cittadini", 0)
        vendite = cittadini if self.tipo == "B" else int(cittadini * r.uniform(0, 0.3)) if self.ha_b else 0  # fmt: skip
        rette = cittadini - vendite
        prest_pub = g("enti_pubblici_servizi_sociali", 0) + g("enti_pubblici_altri_servizi", 0)
        prest_priv = g("privati_imprese", 0) + g("privati_non_profit", 0) + g("consorzi_cooperative", 0)  # fmt: skip
        righe = [
            ("prestazioni_servizio", prest_pub, prest_priv),
            ("rette_utenti", 0, rette),
            ("vendita_merci", 0, vendite),
            ("contributi_offerte", 0, g("contributi_privati", 0)),
            ("grants_progettazione", g("contributi_pubblici", 0), 0),
            ("altri_ricavi", 0, g("altri", 0)),
        ]
        per_tipologia = []
        for tipologia, pub, priv in righe:
            if pub + priv == 0:
                continue
            riga: dict[str, Any] = {"tipologia": tipologia}
            if pub:
                riga["pubblico"] = pub
            if priv:
                riga["privato"] = priv
            riga["totale"] = pub + priv
            per_tipologia.append(riga)
        quota_pub = _stampato(pubblico, vp, 1)
        contributi = g("contributi_pubblici", 0) + g("contributi_privati", 0)

        capitale: dict[str, int] = {"lavoratori": soci_lav * self.quota_capitale}
        if soci_vol:
            capitale["volontari"] = soci_vol * min(self.quota_capitale, 100)
        if soci_fru:
            capitale["fruitori"] = soci_fru * min(self.quota_capitale, 50)
        if soci_pg:
            capitale["persone_giuridiche"] = soci_pg * self.quota_pg
        if self.sovventori:
            capitale["sovventori"] = self.sovventori * self.quota_sov
        capitale_sociale = sum(capitale.values())
        riserve = int(round(self.riserve))
        # next year's reserves: 97% of a profit (3% to the mutual funds), or the loss covered
        self.riserve += risultato * 0.97 if risultato > 0 else risultato

        economia: dict[str, Any] = {
            "valore_produzione": vp,
            "ricavi_vendite_prestazioni": vp - contributi - g("altri", 0),
            "contributi_conto_esercizio": contributi,
            "costo_personale": costo_personale,
            "costo_lavoro_in_servizi": lavoro_servizi,
            "costi_servizi": costi_servizi,
            "risultato_gestione": risultato_gestione,
            "risultato_esercizio": risultato,
            "peso_costo_lavoro_dichiarato": _stampato(costo_personale + lavoro_servizi, vp, 2),
            "ricavi_per_fonte": fonti,
            "ricavi_per_tipologia": per_tipologia,
            "quota_pubblica_dichiarata": quota_pub,
            "quota_privata_dichiarata": _stampato(vp - pubblico, vp, 1),
            "ricavi_attivita_interesse_generale": int(vp * self.interesse_generale),
            "patrimonio": {
                "capitale_sociale": capitale_sociale,
                "riserve": riserve,
                "utile_perdita": risultato,
                "patrimonio_netto": capitale_sociale + riserve + risultato,
            },
            "capitale_per_socio": capitale,
        }
        if self.raccolta_fondi:
            economia["raccolta_fondi"] = [
                {
                    "descrizione": r.choice(("Campagna di Natale", "Cena solidale", "Campagna 5 per mille", "Crowdfunding per un nuovo pulmino")),
                    "finalita": "Sostegno ai servizi e acquisto di attrezzature",
                    "importo": r.randint(800, 25000),
                    "informazione_pubblico": "Resoconto sul sito e nel bilancio sociale",
                }
            ]  # fmt: skip
        else:
            economia["raccolta_fondi"] = {"non_presente": "Nell'anno la cooperativa non ha svolto attività di raccolta fondi."}  # fmt: skip
        economia["criticita"] = (
            {"non_presente": "Gli amministratori non hanno segnalato criticità nella gestione."}
            if risultato >= 0
            else "L'esercizio chiude in perdita per l'aumento dei costi del personale dopo il rinnovo del CCNL; la perdita è coperta con le riserve."
        )  # fmt: skip
        variazione = "cresce" if risultato_gestione >= 0 else "si riduce"
        economia["commento"] = f"Il margine operativo {variazione}; il patrimonio netto resta adeguato all'attività."  # fmt: skip
        return economia


_CAPOLUOGHI = {
    "MI": "Milano", "BG": "Bergamo", "BS": "Brescia", "CO": "Como", "CR": "Cremona",
    "LC": "Lecco", "LO": "Lodi", "MN": "Mantova", "MB": "Monza e Brianza", "PV": "Pavia",
    "SO": "Sondrio", "VA": "Varese",
}  # fmt: skip


def _capoluogo(provincia: str) -> str:
    return _CAPOLUOGHI[provincia]


# --- public API ----------------------------------------------------------------------

_TIPI = ("A", "B", "A+B")


# libyaml's emitter when PyYAML has it: the same text as yaml.safe_dump, five times faster
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _scrivi(percorso: Path, dati: dict[str, Any]) -> None:
    testo = yaml.dump(dati, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    percorso.write_text(testo, encoding="utf-8")


def genera(
    cartella: Path,
    n: int,
    seme: int = 0,
    anni: Sequence[int] = (2023, 2024, 2025),
) -> list[Path]:
    """Write ``n`` synthetic cooperatives under ``cartella``; return their folders.

    Deterministic for a given ``seme``; with ``n >= 3`` every type (A, B, A+B) appears.
    Each folder holds ``ente.yaml`` and one ``<anno>.yaml`` per year of ``anni``.
    """
    if n < 0:
        raise ValueError("n deve essere >= 0")
    anni = sorted(set(anni))
    if not anni:
        raise ValueError("serve almeno un anno")
    cartella = Path(cartella)
    rng = random.Random(seme)
    semi = [rng.getrandbits(64) for _ in range(n)]
    tipi = rng.choices(_TIPI, weights=(4, 3, 3), k=n)
    if n >= 3:  # every type at least once, replacing types that occur more than once
        for tipo in _TIPI:
            if tipo not in tipi:
                j = next(i for i in rng.sample(range(n), n) if tipi.count(tipi[i]) > 1)
                tipi[j] = tipo
    cifre = max(3, len(str(n)))
    cartelle = []
    for i, (seme_coop, tipo) in enumerate(zip(semi, tipi, strict=True), start=1):
        coop = _Coop(random.Random(seme_coop), tipo, anni)
        destinazione = cartella / f"coop-{i:0{cifre}d}-{coop.slug}"
        destinazione.mkdir(parents=True, exist_ok=True)
        _scrivi(destinazione / "ente.yaml", coop.ente())
        for anno, dati in coop.anni_file():
            _scrivi(destinazione / f"{anno}.yaml", dati)
        cartelle.append(destinazione)
    return cartelle


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(
        prog="python tools/sintetici.py", description="Genera cooperative sintetiche valide."
    )
    parser.add_argument("cartella", type=Path, help="cartella di destinazione")
    parser.add_argument("n", type=int, help="numero di cooperative")
    parser.add_argument("--seme", type=int, default=0, help="seme casuale (predefinito 0)")
    argomenti = parser.parse_args()
    generate = genera(argomenti.cartella, argomenti.n, argomenti.seme)
    print(f"{len(generate)} cooperative sintetiche in {argomenti.cartella}")
