"""Structure-aware DOCX mutations: the XML and the ZIP package."""

from __future__ import annotations

import random
import re
import zipfile
from typing import Any

from fuzz.config import MB
from fuzz.mutate_bytes import BYTE_MUTATIONS
from fuzz.seeds import FILLER_WORDS, SeedPool
from fuzz.zips import ZipMember, _member, build_zip, deflate_repeated, zip_members

DOC_XML = "word/document.xml"


def _body_bounds(doc: bytes) -> tuple[int, int]:
    start = doc.find(b"<w:body>") + len(b"<w:body>")
    return start, doc.find(b"<w:sectPr", start)


def _text_offsets(doc: bytes) -> list[int]:
    """Positions inside the text of <w:t> elements."""
    return [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>", doc)]


def m_docx_xml_broken(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    doc_m = _member(members, DOC_XML)
    doc = doc_m.data
    variant = rng.choice(
        (
            "drop_close_tag",
            "stray_lt",
            "bad_entity",
            "mismatched_tag",
            "random_bytes",
            "entity_bomb",
            "external_entity",
            "deep_nesting",
            "namespace_missing",
        )
    )
    where = rng.choice(_text_offsets(doc))
    if variant == "drop_close_tag":
        tag = rng.choice((b"</w:p>", b"</w:body>", b"</w:r>", b"</w:document>"))
        at = doc.find(tag)
        doc = doc[:at] + doc[at + len(tag) :]
    elif variant == "stray_lt":
        doc = doc[:where] + b"<" + doc[where:]
    elif variant == "bad_entity":
        doc = doc[:where] + b"&nosuchentity; &#0; &#xD800;" + doc[where:]
    elif variant == "mismatched_tag":
        doc = doc.replace(b"</w:t>", b"</w:x>", 1)
    elif variant == "random_bytes":
        doc = doc[:where] + rng.randbytes(rng.choice((8, 256))) + doc[where:]
    elif variant in ("entity_bomb", "external_entity"):
        if variant == "entity_bomb":
            dtd = b'<!ENTITY a0 "lol lol lol lol lol lol lol lol lol lol">'
            for i in range(1, 10):
                dtd += b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10)
            ref = b"&a9;"
        else:
            dtd = b'<!ENTITY xxe SYSTEM "file://' + pool.xxe_path.encode() + b'">'
            ref = b"&xxe;"
        decl_end = doc.find(b"?>") + 2
        doc = doc[:decl_end] + b"\n<!DOCTYPE w:document [" + dtd + b"]>" + doc[decl_end:]
        where = rng.choice(_text_offsets(doc))
        doc = doc[:where] + ref + doc[where:]
    elif variant == "deep_nesting":
        depth = rng.choice((300, 5000, 100_000))
        start, _ = _body_bounds(doc)
        doc = doc[:start] + b"<w:p>" * depth + b"</w:p>" * depth + doc[start:]
    else:
        doc = re.sub(rb' xmlns:w="[^"]*"', b"", doc, count=1)
    doc_m.data = doc
    return build_zip(members), {"variant": variant}


def m_docx_xml_truncated(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    doc_m = _member(members, DOC_XML)
    cut = rng.randrange(len(doc_m.data))
    doc_m.data = doc_m.data[:cut]
    return build_zip(members), {"at": cut}


def m_docx_xml_huge(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """Big but legitimate-looking content: many paragraphs, one huge one, many runs."""
    members = zip_members(data)
    doc_m = _member(members, DOC_XML)
    doc = doc_m.data
    start, sect = _body_bounds(doc)
    variant = rng.choice(("repeat_body", "one_paragraph", "many_runs"))
    if variant == "repeat_body":
        times = rng.choice((10, 50, 200, 600))
        doc_m.data = doc[:start] + doc[start:sect] * times + doc[sect:]
        return build_zip(members), {"variant": variant, "times": times}
    if variant == "one_paragraph":
        size = rng.choice((200_000, 1_000_000, 3_000_000, 12_000_000))
        style = rng.choice(("no_spaces", "words", "sentences"))
        if style == "no_spaces":
            text = b"x" * size
        elif style == "words":
            text = " ".join(rng.choice(FILLER_WORDS) for _ in range(size // 8)).encode()[:size]
        else:
            sentence = b"The counsellor met the jobseeker and agreed a plan. "
            text = sentence * (size // len(sentence))
        para = b'<w:p><w:r><w:t xml:space="preserve">' + text + b"</w:t></w:r></w:p>"
        doc_m.data = doc[:start] + para + doc[start:]
        return build_zip(members), {"variant": variant, "bytes": size, "style": style}
    runs = rng.choice((10_000, 100_000))
    word = rng.choice(FILLER_WORDS).encode()
    para = b"<w:p>" + (b'<w:r><w:t xml:space="preserve">%s </w:t></w:r>' % word) * runs + b"</w:p>"
    doc_m.data = doc[:start] + para + doc[start:]
    return build_zip(members), {"variant": variant, "runs": runs}


def m_docx_invalid_utf8(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    target = rng.choice((DOC_XML, DOC_XML, "docProps/core.xml", "word/styles.xml"))
    m = _member(members, target)
    variant = rng.choice(("bad_bytes", "bad_bytes", "declared_utf16", "utf16_bom", "nul"))
    if variant == "bad_bytes":
        bad = rng.choice(
            (
                b"\xff\xfe",
                b"\xc3\x28",
                b"\xed\xa0\x80",
                b"\xf8\x88\x80\x80\x80",
                b"\xe2\x82",
                b"\xc0\xaf",
            )
        )
        offsets = _text_offsets(m.data) or [m.data.find(b">", 60) + 1]
        at = rng.choice(offsets)
        m.data = m.data[:at] + bad + m.data[at:]
        detail = bad.hex()
    elif variant == "declared_utf16":
        m.data = m.data.replace(b"encoding='UTF-8'", b"encoding='UTF-16'", 1)
        detail = "UTF-16"
    elif variant == "utf16_bom":
        m.data = b"\xff\xfe" + m.data
        detail = "fffe"
    else:
        at = rng.randrange(len(m.data))
        m.data = m.data[:at] + b"\x00" + m.data[at:]
        detail = "00"
    return build_zip(members), {"member": target, "variant": variant, "bytes": detail}


def m_docx_member_corrupt(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """A byte-level mutation of one member's inflated content, re-zipped with a valid CRC."""
    members = zip_members(data)
    m = rng.choice([x for x in members for _ in range(4 if x.name == DOC_XML else 1)])
    inner_kind, inner = rng.choice(list(BYTE_MUTATIONS.items()))
    m.data, params = inner[0](rng, m.data, pool)
    return build_zip(members), {"member": m.name, "inner": inner_kind, **params}


def m_docx_drop_content_types(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = [m for m in zip_members(data) if m.name != "[Content_Types].xml"]
    return build_zip(members), {}


def m_docx_drop_member(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    name = rng.choice(
        (
            "_rels/.rels",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "docProps/core.xml",
            DOC_XML,
            "word/numbering.xml",
            "word/settings.xml",
            "customXml/item1.xml",
        )
    )
    return build_zip([m for m in zip_members(data) if m.name != name]), {"member": name}


def m_docx_wrong_compression(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    target = rng.choice((DOC_XML, DOC_XML, "word/styles.xml", "[Content_Types].xml", "_rels/.rels"))
    m = _member(members, target)
    variant = rng.choice(
        (
            "declared_stored",
            "stored_declared_deflate",
            "bzip2",
            "lzma",
            "deflate64",
            "unsupported",
            "local_header_only",
        )
    )
    if variant == "declared_stored":
        m.local_method = m.central_method = zipfile.ZIP_STORED
    elif variant == "stored_declared_deflate":
        m.method = zipfile.ZIP_STORED
        m.local_method = m.central_method = zipfile.ZIP_DEFLATED
    elif variant == "bzip2":
        m.local_method = m.central_method = zipfile.ZIP_BZIP2
    elif variant == "lzma":
        m.local_method = m.central_method = zipfile.ZIP_LZMA
    elif variant == "deflate64":
        m.local_method = m.central_method = 9
    elif variant == "unsupported":
        m.local_method = m.central_method = rng.choice((1, 6, 98, 99, 0xFFFF))
    else:
        m.local_method = rng.choice((0, 12, 99))
    return build_zip(members), {"member": target, "variant": variant}


def m_docx_zip_fields(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """Wrong CRC or size fields, or a second member with the same name."""
    members = zip_members(data)
    target = rng.choice((DOC_XML, DOC_XML, "word/styles.xml", "[Content_Types].xml"))
    m = _member(members, target)
    variant = rng.choice(
        (
            "bad_crc",
            "size_smaller",
            "size_larger",
            "duplicate_garbage",
            "duplicate_other_document",
            "duplicate_empty",
        )
    )
    if variant == "bad_crc":
        m.crc_delta = rng.randint(1, 0xFFFF)
    elif variant == "size_smaller":
        m.size_delta = -rng.randint(1, len(m.data))
    elif variant == "size_larger":
        m.size_delta = rng.choice((1, 1000, 1 << 30))
    else:
        if variant == "duplicate_garbage":
            content = rng.randbytes(2048)
        elif variant == "duplicate_empty":
            content = b""
        else:
            donor = rng.choice(pool.docx)
            content = _member(zip_members(pool.files[donor]), target).data
        members.insert(rng.randrange(len(members) + 1), ZipMember(target, content))
    return build_zip(members), {"member": target, "variant": variant}


def m_docx_rels_broken(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    members = zip_members(data)
    rels = _member(members, "word/_rels/document.xml.rels")
    top = _member(members, "_rels/.rels")
    variant = rng.choice(
        (
            "styles_missing",
            "main_missing",
            "styles_is_document",
            "path_traversal",
            "external",
            "garbage",
            "absolute",
        )
    )
    if variant == "styles_missing":
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="nothere.xml"')
    elif variant == "main_missing":
        top.data = top.data.replace(b'Target="word/document.xml"', b'Target="word/nothere.xml"')
    elif variant == "styles_is_document":
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="document.xml"')
    elif variant == "path_traversal":
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="../../../../etc/passwd"')
    elif variant == "external":
        rels.data = rels.data.replace(
            b'Target="styles.xml"', b'Target="file:///etc/passwd" TargetMode="External"'
        )
    elif variant == "garbage":
        rels.data = rels.data[: len(rels.data) // 2]
    else:
        rels.data = rels.data.replace(b'Target="styles.xml"', b'Target="/word/styles.xml/"')
    return build_zip(members), {"variant": variant}


def m_docx_nested_huge(
    rng: random.Random, data: bytes, pool: SeedPool
) -> tuple[bytes, dict[str, Any]]:
    """A huge member: incompressible media, or members that inflate to hundreds of MB.

    Files stay under ~45 MB on disk; the bombs are ~1 MB per GB inflated.
    """
    members = zip_members(data)
    variant = rng.choice(("media_random", "document_bomb", "referenced_bomb", "nested_zip"))
    rels = _member(members, "word/_rels/document.xml.rels")

    def add_rel(rel_type: str, target: str) -> None:
        rel = (
            f'<Relationship Id="rIdFuzz" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/{rel_type}" Target="{target}"/>'
        ).encode()
        rels.data = rels.data.replace(b"</Relationships>", rel + b"</Relationships>")

    if variant == "media_random":
        size = rng.choice((5, 20, 40)) * MB
        members.append(ZipMember("word/media/fuzz.jpeg", rng.randbytes(size), zipfile.ZIP_STORED))
        add_rel("image", "media/fuzz.jpeg")
        return build_zip(members), {"variant": variant, "mb": size // MB}
    if variant == "document_bomb":
        doc_m = _member(members, DOC_XML)
        start, _ = _body_bounds(doc_m.data)
        unit, sizes = rng.choice(
            (
                (b"<w:p/>", (256, 1024, 2048)),
                (b"<w:p><w:r><w:t>fuzz</w:t></w:r></w:p>", (32, 128, 512)),
                (b" " * 64, (64, 1024)),
            )
        )
        total = rng.choice(sizes) * MB
        doc_m.raw, doc_m.crc, doc_m.size = deflate_repeated(
            doc_m.data[:start], unit, total, doc_m.data[start:]
        )
        return build_zip(members), {
            "variant": variant,
            "unit": unit.decode()[:40].strip(),
            "inflated_mb": doc_m.size // MB,
        }
    if variant == "referenced_bomb":
        item = _member(members, "customXml/item1.xml")
        total = rng.choice((512, 1536, 3072)) * MB
        item.raw, item.crc, item.size = deflate_repeated(b"<root>", b"<a/>" * 16, total, b"</root>")
        return build_zip(members), {"variant": variant, "inflated_mb": item.size // MB}
    raw, crc, size = deflate_repeated(b"", b"\0" * 64, 1024 * MB, b"")
    inner = build_zip([ZipMember("bomb.bin", raw=raw, crc=crc, size=size)])
    types = _member(members, "[Content_Types].xml")
    types.data = types.data.replace(
        b"<Default ",
        b'<Default Extension="docx" ContentType="application/octet-stream"/><Default ',
        1,
    )
    members.append(ZipMember("word/embeddings/package.docx", inner))
    add_rel("package", "embeddings/package.docx")
    return build_zip(members), {"variant": variant, "inner_inflated_mb": size // MB}
