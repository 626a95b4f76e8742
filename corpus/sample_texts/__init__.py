"""Text of the illustrative sample corpus for the PES knowledge-base project.

Everything in this module was written for the project. The documents are
ILLUSTRATIVE SAMPLES: they are not official documents of any public employment
service, and all programme names, places, people and figures are invented.

All strings used in PDFs must be encodable in latin-1 (fpdf2 core fonts), so
typographic characters are avoided: plain hyphens and quotes, 'EUR' or 'euros'.

Each document is a dict:
    id          file name without extension (under corpus/samples/)
    fmt         pdf | md | html | docx
    lang        ISO 639-1 language code of the text
    set_title   PDFs only: whether the PDF metadata title is set
    title       document title (first heading)
    org_line    line under the title (organisation, type, year)
    disclaimer  illustrative-sample statement in the document's language
    sections    list of (heading, [paragraph, ...])
"""

from __future__ import annotations

from sample_texts import part_a, part_b, part_c
from sample_texts.disclaimer import EN_DISCLAIMER

__all__ = ["DOCS", "EN_DISCLAIMER"]

DOCS = [*part_a.DOCS, *part_b.DOCS, *part_c.DOCS]
