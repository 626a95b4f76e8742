#!/usr/bin/env python
"""Generate a synthetic multilingual PDF corpus for ingestion benchmarks.

    python benchmarks/make_corpus.py OUTDIR --pages N [--seed S] [--pages-per-doc 10]

Writes N pages in total, split into multi-page PDFs of ``--pages-per-doc``
pages (the last one takes the remainder), each built with
``tests.factories.make_pdf``.  Every document is in one language (en, fr, de
or es), with pseudo-prose generated from per-language word lists: about
300-450 words per page, a heading on at least every other page, a title on
page one, and a running header and page footer.  The output depends only on
the arguments: the same seed gives byte-identical files.

File names: ``doc_00001_fr.pdf`` ...  Prints the number of files and pages.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.factories import PageOverflowError, make_pdf  # noqa: E402

# Word lists written for this generator.  "function" words are frequent short
# words; "content" words carry the topic (payments for ecosystem services).
LANGUAGES: dict[str, dict[str, object]] = {
    "en": {
        "function": (
            "the of and to in a is that for on with as by are be this from at "
            "or which their has was it not an these can more its also have "
            "between than under where while"
        ).split(),
        "content": (
            "payment ecosystem services watershed forest carbon biodiversity "
            "farmers landowners contract scheme buyer seller conservation "
            "incentive additionality baseline monitoring verification "
            "compensation livelihoods community tenure rights market price "
            "opportunity cost deforestation restoration wetland soil erosion "
            "water quality downstream upstream utility government programme "
            "participation enrolment compliance leakage permanence evaluation "
            "outcome hectare agreement intermediary transaction poverty "
            "equity design funding policy regulation landscape habitat "
            "pollination sequestration credits offsets rural households "
            "cooperative impact evidence survey region"
        ).split(),
        "headings": (
            "Introduction|Background|Programme design|Methods|Data sources|"
            "Results|Discussion|Payment levels|Monitoring and verification|"
            "Social outcomes|Environmental outcomes|Costs and financing|"
            "Lessons learned|Recommendations|Conclusion|Annex"
        ).split("|"),
        "title_words": "Review Assessment Study Report Evaluation Synthesis".split(),
        "title_of": "of",
        "footer": "Page {n} of {total}",
    },
    "fr": {
        "function": (
            "le la les de des du et à en un une est que pour sur dans par au "
            "aux qui ce cette son leur leurs plus avec ne pas sont été entre "
            "selon sans comme où"
        ).split(),
        "content": (
            "paiement services écosystémiques bassin versant forêt carbone "
            "biodiversité agriculteurs propriétaires contrat dispositif "
            "acheteur vendeur conservation incitation additionnalité "
            "référence suivi vérification compensation subsistance "
            "communauté foncier droits marché prix coût "
            "déforestation restauration zone humide sol érosion qualité eau "
            "aval amont collectivité État programme participation adhésion "
            "conformité fuites permanence évaluation résultat hectare accord "
            "intermédiaire transaction pauvreté équité conception financement "
            "politique réglementation paysage habitat pollinisation "
            "séquestration crédits ménages ruraux coopérative impact enquête "
            "région"
        ).split(),
        "headings": (
            "Introduction|Contexte|Conception du programme|Méthodologie|"
            "Sources de données|Résultats|Discussion|Niveaux de paiement|"
            "Suivi et vérification|Effets sociaux|Effets environnementaux|"
            "Coûts et financement|Enseignements|Recommandations|Conclusion|Annexe"
        ).split("|"),
        "title_words": "Revue Évaluation Étude Rapport Synthèse Bilan".split(),
        "title_of": "des",
        "footer": "Page {n} sur {total}",
    },
    "de": {
        "function": (
            "der die das und in zu den von mit ist für auf dem des sich nicht "
            "ein eine als auch es an werden aus er hat dass sie nach bei um "
            "wie über zwischen unter"
        ).split(),
        "content": (
            "Zahlung Ökosystemleistungen Einzugsgebiet Wald Kohlenstoff "
            "Biodiversität Landwirte Grundbesitzer Vertrag Programm Käufer "
            "Verkäufer Naturschutz Anreiz Zusätzlichkeit Referenzszenario "
            "Überwachung Prüfung Ausgleich Lebensgrundlagen Gemeinde "
            "Landrechte Markt Preis Opportunitätskosten Entwaldung "
            "Wiederherstellung Feuchtgebiet Boden Erosion Wasserqualität "
            "flussabwärts flussaufwärts Wasserversorger Behörde Teilnahme "
            "Einhaltung Verlagerung Dauerhaftigkeit Bewertung Ergebnis Hektar "
            "Vereinbarung Vermittler Transaktionskosten Armut Gerechtigkeit "
            "Gestaltung Finanzierung Politik Regulierung Landschaft Lebensraum "
            "Bestäubung Bindung Zertifikate ländliche Haushalte Genossenschaft "
            "Wirkung Erhebung Region"
        ).split(),
        "headings": (
            "Einleitung|Hintergrund|Programmgestaltung|Methoden|Datenquellen|"
            "Ergebnisse|Diskussion|Zahlungshöhe|Überwachung und Prüfung|"
            "Soziale Wirkungen|Ökologische Wirkungen|Kosten und Finanzierung|"
            "Erkenntnisse|Empfehlungen|Fazit|Anhang"
        ).split("|"),
        "title_words": "Überblick Bewertung Studie Bericht Synthese Analyse".split(),
        "title_of": "zu",
        "footer": "Seite {n} von {total}",
    },
    "es": {
        "function": (
            "el la los las de del y en a un una es que para por con se su sus "
            "al como más no son ha entre sin sobre donde según también este "
            "esta"
        ).split(),
        "content": (
            "pago servicios ecosistémicos cuenca bosque carbono biodiversidad "
            "agricultores propietarios contrato esquema comprador vendedor "
            "conservación incentivo adicionalidad línea base monitoreo "
            "verificación compensación sustento comunidad tenencia "
            "derechos mercado precio costo deforestación "
            "restauración humedal suelo erosión calidad agua aguas abajo "
            "arriba empresa gobierno programa participación inscripción "
            "cumplimiento fugas permanencia evaluación resultado hectárea "
            "acuerdo intermediario transacción pobreza equidad diseño "
            "financiamiento política regulación paisaje hábitat polinización "
            "captura créditos hogares rurales cooperativa impacto encuesta "
            "región"
        ).split(),
        "headings": (
            "Introducción|Antecedentes|Diseño del programa|Métodos|"
            "Fuentes de datos|Resultados|Discusión|Niveles de pago|"
            "Monitoreo y verificación|Efectos sociales|Efectos ambientales|"
            "Costos y financiamiento|Lecciones aprendidas|Recomendaciones|"
            "Conclusión|Anexo"
        ).split("|"),
        "title_words": "Revisión Evaluación Estudio Informe Síntesis Balance".split(),
        "title_of": "de",
        "footer": "Página {n} de {total}",
    },
}

ORGS = [
    "Institute for Rural Landscapes",
    "Watershed Finance Lab",
    "Forest Trends Network",
    "Centre for Environmental Economics",
    "Agroecology Observatory",
]


def sentence(rng: random.Random, lang: dict) -> tuple[str, int]:
    n = rng.randint(8, 22)
    words = []
    for _ in range(n):
        pool = lang["function"] if rng.random() < 0.5 else lang["content"]
        words.append(rng.choice(pool))
    if rng.random() < 0.15:  # a number now and then
        words.insert(
            rng.randrange(len(words)), str(rng.choice([12, 25, 40, 2015, 2019, 2023, 3.5, 180]))
        )
    if n > 12 and rng.random() < 0.4:
        words[rng.randrange(3, n - 3)] += ","
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    return " ".join(words) + ("?" if rng.random() < 0.08 else "."), len(words)


def paragraph(rng: random.Random, lang: dict, target_words: int) -> str:
    """Whole sentences adding up to about ``target_words`` (the last one is cut short)."""
    out, count = [], 0
    while count < target_words:
        text, n = sentence(rng, lang)
        if count + n > target_words + 3:
            words = text.split()[: max(4, target_words - count)]
            text = " ".join(words).rstrip(",.?") + "."
            n = len(words)
        out.append(text)
        count += n
    return " ".join(out)


def make_page(rng: random.Random, lang: dict, page_no: int, heading_due: bool, section: list[int]):
    items: list[tuple[str, str]] = []
    words = rng.randint(300, 450)
    n_paras = rng.randint(2, 5)
    cuts = sorted(rng.sample(range(40, words - 40), n_paras - 1))
    sizes = [b - a for a, b in zip([0] + cuts, cuts + [words], strict=True)]
    heading_at = 0 if heading_due else (rng.randrange(n_paras + 1) if rng.random() < 0.5 else None)
    for i, size in enumerate(sizes):
        if i == heading_at:
            section[0] += 1
            items.append(("heading", f"{section[0]}. {rng.choice(lang['headings'])}"))
        items.append(("para", paragraph(rng, lang, size)))
    return items, heading_at is not None


def make_document(rng: random.Random, lang_code: str, n_pages: int):
    lang = LANGUAGES[lang_code]
    topic = " ".join(rng.sample(lang["content"], 2))
    title = f"{rng.choice(lang['title_words'])} {lang['title_of']} {topic}".strip()
    title = title[:1].upper() + title[1:]
    pages, section, had_heading = [], [0], True
    for page_no in range(1, n_pages + 1):
        heading_due = page_no == 1 or not had_heading
        items, had_heading = make_page(rng, lang, page_no, heading_due, section)
        if page_no == 1:
            items.insert(0, ("title", title))
        pages.append(items)
    header = f"{rng.choice(ORGS)} - {title}"
    if len(header) > 90:  # a running header is one line
        header = header[:87].rstrip() + "..."
    return pages, title, header, lang["footer"]


def write_document(path: Path, pages, title, header, footer) -> None:
    # Generated pages are sized to fit; if one ever overflows (very long
    # words), drop text from the end of that page's last paragraph and retry.
    while True:
        try:
            make_pdf(path, pages, title=title, header=header, footer=footer)
            return
        except PageOverflowError as exc:
            items = pages[exc.page_index]
            kind, text = items[-1]
            words = text.split()
            if kind != "para" or len(words) < 40:
                items.pop()
            else:
                items[-1] = (kind, " ".join(words[: int(len(words) * 0.85)]).rstrip(",;") + ".")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--pages", type=int, required=True, help="total number of pages")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pages-per-doc", type=int, default=10)
    args = parser.parse_args(argv)
    if args.pages < 1 or args.pages_per_doc < 1:
        parser.error("--pages and --pages-per-doc must be positive")

    start = time.perf_counter()
    args.outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    codes = sorted(LANGUAGES)
    remaining, files, pages_written = args.pages, 0, 0
    while remaining > 0:
        n = min(args.pages_per_doc, remaining)
        lang_code = codes[files % len(codes)] if files < len(codes) else rng.choice(codes)
        doc_rng = random.Random(f"{args.seed}:{files}")
        pages, title, header, footer = make_document(doc_rng, lang_code, n)
        write_document(
            args.outdir / f"doc_{files + 1:05d}_{lang_code}.pdf", pages, title, header, footer
        )
        files += 1
        pages_written += n
        remaining -= n
    elapsed = time.perf_counter() - start
    print(f"wrote {files} files, {pages_written} pages to {args.outdir} in {elapsed:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
