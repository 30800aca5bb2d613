"""A PDF/A preflight with pypdf: the checks we can make without a full validator.

veraPDF (the reference validator) is in neither Debian nor PyPI, so it cannot run here
or in CI. This module checks, on the file alone, what matters most for a deposit at the
Registro delle imprese and what our own pipeline could get wrong:

* identification: the XMP ``pdfaid:part``/``conformance`` and the file header version;
* the output intent (``GTS_PDFA1`` with an embedded ICC profile);
* no encryption;
* every font embedded, and every glyph a page shows present in the embedded program
  (never glyph 0, ``.notdef``: the empty box);
* for part 1: no transparency groups, no soft masks, no constant alpha below 1, no blend
  modes other than Normal, no ``/Interpolate true`` on images;
* for conformance A: ``MarkInfo``/``Marked``, a ``StructTreeRoot``, every ``Figure``
  with a non-empty ``Alt``, tables with header cells, the document language;
* metadata in step: the document information dictionary says what the XMP says.

``problemi(percorso)`` returns the list of what is wrong (empty: the file passes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdf
from fontTools.ttLib import TTFont
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)


def _risolvi(o: Any) -> Any:
    return o.get_object() if isinstance(o, IndirectObject) else o


def _oggetti(lettore: pypdf.PdfReader) -> Iterator[tuple[int, Any]]:
    """Every indirect object of the file (pypdf reads them from the xref table)."""
    for numero, generazione in (
        (n, g) for g, numeri in lettore.xref.items() for n in numeri if n > 0
    ):
        try:
            o = lettore.get_object(IndirectObject(numero, generazione, lettore))
        except Exception:  # a free or broken entry: not ours to judge here
            continue
        yield numero, o
    for numero in lettore.xref_objStm:
        o = lettore.get_object(IndirectObject(numero, 0, lettore))
        yield numero, o


def _vero(o: Any) -> bool:
    """A PDF ``true`` (pypdf's BooleanObject is truthy even when false)."""
    o = _risolvi(o)
    return isinstance(o, BooleanObject) and bool(o.value)


def _dizionari(lettore: pypdf.PdfReader) -> Iterator[tuple[int, DictionaryObject]]:
    """Every dictionary of the file, nested ones too, with the indirect object holding it."""
    for numero, o in _oggetti(lettore):
        pila = [o]
        while pila:
            d = pila.pop()
            if isinstance(d, DictionaryObject):
                yield numero, d
                pila.extend(v for v in d.values() if not isinstance(v, IndirectObject))
            elif isinstance(d, ArrayObject):
                pila.extend(v for v in d if not isinstance(v, IndirectObject))


def _xmp(lettore: pypdf.PdfReader) -> str:
    metadati = lettore.trailer["/Root"].get("/Metadata")
    return _risolvi(metadati).get_data().decode("utf-8") if metadati is not None else ""


def _campo_xmp(xmp: str, nome: str) -> str | None:
    """A simple XMP property, as an attribute or an element (the first ``rdf:li`` if a list)."""
    m = re.search(rf'{nome}="([^"]*)"', xmp)
    if m:
        return m.group(1)
    m = re.search(rf"<{nome}[^>]*>(.*?)</{nome}>", xmp, re.S)
    if not m:
        return None
    interno = m.group(1)
    li = re.search(r"<rdf:li[^>]*>(.*?)</rdf:li>", interno, re.S)
    testo = li.group(1) if li else interno
    return (
        testo.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    ).strip()


def identificazione(lettore: pypdf.PdfReader) -> tuple[str | None, str | None]:
    """``("1", "A")`` for PDF/A-1a; ``(None, None)`` when the file claims no PDF/A."""
    xmp = _xmp(lettore)
    return _campo_xmp(xmp, "pdfaid:part"), _campo_xmp(xmp, "pdfaid:conformance")


def _font_di(risorse: Any) -> Iterator[tuple[str, DictionaryObject]]:
    risorse = _risolvi(risorse) or {}
    for nome, font in (_risolvi(risorse.get("/Font")) or {}).items():
        yield nome, _risolvi(font)


def _xobject_di(risorse: Any) -> Iterator[StreamObject]:
    risorse = _risolvi(risorse) or {}
    for x in (_risolvi(risorse.get("/XObject")) or {}).values():
        x = _risolvi(x)
        if x.get("/Subtype") == "/Form":
            yield x


def _programma(font: DictionaryObject) -> tuple[DictionaryObject | None, Any]:
    """(descriptor, embedded font program stream or None)."""
    discendente = _risolvi(font["/DescendantFonts"][0]) if "/DescendantFonts" in font else font
    descrittore = _risolvi(discendente.get("/FontDescriptor"))
    if descrittore is None:
        return None, None
    for chiave in ("/FontFile2", "/FontFile", "/FontFile3"):
        if chiave in descrittore:
            return descrittore, _risolvi(descrittore[chiave])
    return descrittore, None


def _glifi_usati(
    contenuto: Any,
    risorse: Any,
    lettore: pypdf.PdfReader,
    usati: dict[int, set[int]],
    font_usati: dict[int, DictionaryObject],
) -> None:
    """The glyph ids each Type0 (Identity-H) font shows, through forms too."""
    font = dict(_font_di(risorse))
    corrente: DictionaryObject | None = None
    flusso = ContentStream(contenuto, lettore)
    for operandi, operatore in flusso.operations:
        if operatore == b"Tf":
            corrente = font.get(operandi[0])
        elif operatore in (b"Tj", b"'", b'"', b"TJ") and corrente is not None:
            if corrente.get("/Subtype") != "/Type0":
                continue
            pezzi = operandi[-1] if operatore != b"TJ" else operandi[0]
            for pezzo in pezzi if isinstance(pezzi, ArrayObject) else [pezzi]:
                if isinstance(pezzo, (int, float, Decimal)) or not hasattr(pezzo, "original_bytes"):
                    continue
                dati = pezzo.original_bytes
                chiave = id(corrente)
                usati.setdefault(chiave, set()).update(
                    int.from_bytes(dati[i : i + 2], "big") for i in range(0, len(dati) - 1, 2)
                )
                font_usati[chiave] = corrente
    for x in _xobject_di(risorse):
        _glifi_usati(x, x.get("/Resources", risorse), lettore, usati, font_usati)


def problemi(percorso: Path | str, *, lingua: str = "it") -> list[str]:
    """What keeps the file from being the PDF/A it claims (empty list: it passes)."""
    dati = Path(percorso).read_bytes()
    lettore = pypdf.PdfReader(io.BytesIO(dati))
    trovati: list[str] = []
    parte, conformita = identificazione(lettore)
    if parte is None:
        return ["nessuna identificazione PDF/A nei metadati XMP"]
    radice = lettore.trailer["/Root"]

    # identification and header
    intestazione = dati[:8].decode("latin-1")
    if parte == "1" and intestazione != "%PDF-1.4":
        trovati.append(f"PDF/A-1 richiede un file PDF 1.4, non {intestazione!r}")
    if conformita not in {"A", "B", "U"}:
        trovati.append(f"conformità PDF/A sconosciuta: {conformita!r}")
    if lettore.is_encrypted or "/Encrypt" in lettore.trailer:
        trovati.append("il file è cifrato")

    # output intent
    intenti = [_risolvi(i) for i in _risolvi(radice.get("/OutputIntents")) or []]
    if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intenti):
        trovati.append("manca l'output intent GTS_PDFA1 con il profilo ICC")

    # fonts embedded, glyphs present
    usati: dict[int, set[int]] = {}
    tutti_font: dict[int, DictionaryObject] = {}
    for pagina in lettore.pages:
        for _, font in _font_di(pagina.get("/Resources")):
            tutti_font[id(font)] = font
        for x in _xobject_di(pagina.get("/Resources")):
            for _, font in _font_di(x.get("/Resources")):
                tutti_font[id(font)] = font
        contenuto = pagina.get_contents()
        if contenuto is not None:
            _glifi_usati(contenuto, pagina.get("/Resources"), lettore, usati, tutti_font)
    programmi: dict[int, TTFont | None] = {}
    for chiave, font in tutti_font.items():
        nome = str(font.get("/BaseFont"))
        if font.get("/Subtype") == "/Type3":
            trovati.append(f"font Type3 {nome} (glifi disegnati, non un font incorporato)")
            continue
        _, programma = _programma(font)
        if programma is None:
            trovati.append(f"font non incorporato: {nome}")
            continue
        try:
            programmi[chiave] = TTFont(io.BytesIO(programma.get_data()))
        except Exception:
            programmi[chiave] = None  # CFF or Type1: its glyphs are not checked here
    for chiave, gid in usati.items():
        font = tutti_font[chiave]
        nome = str(font.get("/BaseFont"))
        if 0 in gid:
            trovati.append(f"{nome}: il testo usa il glifo 0 (.notdef, un quadratino vuoto)")
        programma = programmi.get(chiave)
        if programma is not None:
            mancano = sorted(g for g in gid if g >= programma["maxp"].numGlyphs)
            if mancano:
                trovati.append(f"{nome}: glifi {mancano[:10]} assenti nel font incorporato")

    # part 1: nothing transparent, nothing interpolated
    for numero, o in _dizionari(lettore):
        gruppo = _risolvi(o.get("/Group"))
        if parte == "1" and isinstance(gruppo, DictionaryObject):
            if gruppo.get("/S") == "/Transparency":
                trovati.append(f"oggetto {numero}: gruppo di trasparenza")
        if parte == "1" and "/SMask" in o and _risolvi(o["/SMask"]) != NameObject("/None"):
            trovati.append(f"oggetto {numero}: maschera morbida (SMask)")
        for chiave in ("/CA", "/ca"):
            if parte == "1" and chiave in o and float(_risolvi(o[chiave])) < 1:
                trovati.append(f"oggetto {numero}: trasparenza {chiave} {float(o[chiave])}")
        if parte == "1" and o.get("/BM") not in (None, "/Normal", "/Compatible"):
            trovati.append(f"oggetto {numero}: metodo di fusione {o['/BM']}")
        if o.get("/Subtype") == "/Image" and _vero(o.get("/Interpolate")):
            trovati.append(f"oggetto {numero}: immagine con /Interpolate true")
        if o.get("/S") == "/JavaScript" or "/JS" in o:
            trovati.append(f"oggetto {numero}: JavaScript")

    # tagged structure (conformance A)
    if conformita == "A":
        marcatura = _risolvi(radice.get("/MarkInfo")) or {}
        if not _vero(marcatura.get("/Marked")):
            trovati.append("manca MarkInfo /Marked true (PDF non marcato)")
        albero = _risolvi(radice.get("/StructTreeRoot"))
        if albero is None:
            trovati.append("manca lo StructTreeRoot (nessuna struttura)")
        else:
            tipi = _tipi_struttura(albero)
            for alt in tipi.get("/Figure", []):
                if not alt:
                    trovati.append("una Figure senza testo alternativo (Alt)")
            if "/Table" in tipi and "/TH" not in tipi:
                trovati.append("tabelle senza celle d'intestazione (TH)")
    if str(_risolvi(radice.get("/Lang")) or "") != lingua:
        trovati.append(f"lingua del documento {radice.get('/Lang')!r} invece di {lingua!r}")

    trovati += _metadati_in_passo(lettore)
    return trovati


def _tipi_struttura(albero: DictionaryObject) -> dict[str, list[str]]:
    """Structure types found under the tree, with each element's Alt ('' when absent)."""
    tipi: dict[str, list[str]] = {}
    visti: set[int] = set()
    pila = [albero]
    while pila:
        nodo = _risolvi(pila.pop())
        if not isinstance(nodo, DictionaryObject) or id(nodo) in visti:
            continue
        visti.add(id(nodo))
        if "/S" in nodo:
            tipi.setdefault(str(nodo["/S"]), []).append(str(nodo.get("/Alt", "")).strip())
        figli = _risolvi(nodo.get("/K"))
        if isinstance(figli, ArrayObject):
            pila.extend(figli)
        elif isinstance(figli, (DictionaryObject, IndirectObject)):
            pila.append(figli)
    return tipi


def _data_pdf(valore: str) -> str:
    """``D:20210624`` / ``2021-06-24T00:00:00`` -> ``20210624`` + time digits, comparable."""
    cifre = re.sub(r"[^0-9]", "", valore.removeprefix("D:"))
    return cifre[:8] + cifre[8:14].ljust(6, "0")


def _metadati_in_passo(lettore: pypdf.PdfReader) -> list[str]:
    """PDF/A-1 6.7.3: every Info entry has its XMP twin, with the same value."""
    xmp = _xmp(lettore)
    info = lettore.trailer.get("/Info")
    info = _risolvi(info) if info is not None else {}
    trovati = []
    coppie = {
        "/Title": "dc:title",
        "/Author": "dc:creator",
        "/Subject": "dc:description",
        "/Keywords": "pdf:Keywords",
        "/Producer": "pdf:Producer",
        "/Creator": "xmp:CreatorTool",
    }
    for chiave, nome in coppie.items():
        if chiave not in info:
            continue
        valore, gemello = str(info[chiave]), _campo_xmp(xmp, nome)
        if gemello != valore:
            trovati.append(f"metadati non allineati: {chiave} {valore!r}, XMP {nome} {gemello!r}")
    for chiave, nome in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if chiave not in info:
            continue
        gemello = _campo_xmp(xmp, nome)
        if gemello is None or _data_pdf(str(info[chiave])) != _data_pdf(gemello):
            trovati.append(
                f"metadati non allineati: {chiave} {info[chiave]!r}, XMP {nome} {gemello!r}"
            )
    return trovati
