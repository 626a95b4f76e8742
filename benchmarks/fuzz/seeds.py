"""The valid seed documents (PDF and DOCX, from tests/factories.py) that cases mutate."""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

Block = tuple[str, str]

# --- seed documents ------------------------------------------------------------
# Illustrative text written for this benchmark: the programmes, places and figures
# are invented. One list of blocks per page for PDFs (make_pdf), a flat list for DOCX.

SEED_PDFS: dict[str, list[list[Block]]] = {
    "skills_bridge_en": [
        [
            ("title", "Skills Bridge: short courses for jobseekers in Harrow Vale"),
            ("heading", "1. Why the pilot was set up"),
            (
                "para",
                "Harrow Vale is a fictional district used to illustrate how a public "
                "employment service might test a new service. In this example, local offices "
                "saw that many jobseekers who had been out of work for more than a year lacked "
                "recent certificates, even when they had years of practical experience.",
            ),
            (
                "para",
                "The pilot offered short, modular courses of two to six weeks, each ending with "
                "a recognised certificate. Counsellors could book a place directly from the "
                "first interview, without a separate approval step.",
            ),
            ("heading", "2. Who took part"),
            (
                "para",
                "Participation was voluntary. The example assumes that about four hundred people "
                "enrolled in the first year, most of them aged over thirty-five, and that one in "
                "three had previously worked in warehouses, transport or retail.",
            ),
        ],
        [
            ("heading", "3. How the courses were organised"),
            (
                "para",
                "Courses were run by three training providers under a framework contract. Each "
                "provider reported attendance weekly, and counsellors received an alert when a "
                "participant missed two sessions in a row, so that they could call before the "
                "person dropped out.",
            ),
            (
                "para",
                "Employers in logistics and care were invited to the final session of every "
                "course. They described open positions, and participants could ask for a short "
                "trial placement on the spot.",
            ),
            ("heading", "4. Illustrative results"),
            (
                "para",
                "All figures in this document are invented. Six months after finishing a course, "
                "slightly more than half of the participants were in paid work, compared with "
                "about a third in a matched group that had not taken part. The difference was "
                "largest for people over fifty.",
            ),
        ],
        [
            ("heading", "5. Lessons for other offices"),
            (
                "para",
                "Direct booking from the first interview removed weeks of waiting. Weekly "
                "attendance data let counsellors act early. Involving employers at the end of "
                "the course made the certificate visible to the people who hire.",
            ),
            (
                "para",
                "The main risk observed in the example was course capacity: when demand rose in "
                "the second half of the year, waiting lists grew again, and some of the early "
                "advantage was lost.",
            ),
        ],
    ],
    "employer_desk_en": [
        [
            ("title", "Employer Desk: one contact point for local firms"),
            ("heading", "Summary"),
            (
                "para",
                "This illustrative case describes a fictional employer service in the town of "
                "Kestrel Bay. Instead of several teams calling the same firms, one small desk "
                "handled all contacts with employers and passed vacancies to counsellors within "
                "a day.",
            ),
            ("heading", "Background"),
            (
                "para",
                "Before the change, firms complained that they received calls from different "
                "offices about the same vacancy, and that candidates were sent without checking "
                "the job requirements. Small firms in particular stopped reporting vacancies.",
            ),
        ],
        [
            ("heading", "What the desk did"),
            (
                "para",
                "Two advisers visited firms, recorded the skills each job really needed, and "
                "agreed a date by which the firm would receive a short list of candidates. "
                "Counsellors then checked their caseload for matching people and prepared them "
                "for the interview.",
            ),
            ("heading", "Outcome (invented figures)"),
            (
                "para",
                "In this example the number of vacancies reported by small firms doubled within "
                "a year, and the average time to fill a reported vacancy fell from nine to five "
                "weeks.",
            ),
        ],
    ],
    "parcours_avenir_fr": [
        [
            ("title", "Parcours Avenir : un accompagnement renforcé pour les jeunes"),
            ("heading", "Contexte"),
            (
                "para",
                "Parcours Avenir est un programme fictif, décrit ici pour illustrer un "
                "accompagnement intensif des jeunes de seize à vingt-cinq ans sans emploi ni "
                "formation. Chaque conseiller suit au plus trente jeunes, contre plus de cent "
                "dans l'organisation habituelle.",
            ),
            ("heading", "Déroulement"),
            (
                "para",
                "Le parcours dure six mois. Il commence par un bilan de compétences, se poursuit "
                "par des ateliers collectifs sur la recherche d'emploi et se termine par un stage "
                "en entreprise. Une allocation mensuelle est versée tant que le jeune participe "
                "aux activités prévues.",
            ),
        ],
        [
            ("heading", "Résultats illustratifs"),
            (
                "para",
                "Les chiffres suivants sont inventés. Après un an, six jeunes sur dix ont trouvé "
                "un emploi ou commencé une formation qualifiante. Les jeunes qui avaient quitté "
                "l'école sans diplôme ont le plus progressé.",
            ),
            ("heading", "Enseignements"),
            (
                "para",
                "Un suivi rapproché et une relation de confiance avec un conseiller unique "
                "comptent davantage que le nombre d'ateliers proposés.",
            ),
        ],
    ],
    "brueckenjob_de": [
        [
            ("title", "Brückenjob: Beschäftigung für ältere Arbeitsuchende"),
            ("heading", "Ausgangslage"),
            (
                "para",
                "Brückenjob ist ein erfundenes Programm, das hier als Beispiel dient. Es richtet "
                "sich an Arbeitsuchende ab fünfundfünfzig Jahren, die seit mehr als einem Jahr "
                "ohne Beschäftigung sind und deren Berufserfahrung bei Arbeitgebern oft "
                "unterschätzt wird.",
            ),
            ("heading", "Ablauf"),
            (
                "para",
                "Arbeitgeber erhalten für die ersten sechs Monate einen Lohnzuschuss, wenn sie "
                "eine ältere Person unbefristet einstellen. Die Beraterin oder der Berater bleibt "
                "in dieser Zeit Ansprechperson für beide Seiten und führt nach drei Monaten ein "
                "Gespräch im Betrieb.",
            ),
        ],
        [
            ("heading", "Beispielhafte Ergebnisse"),
            (
                "para",
                "Alle Zahlen sind erfunden. Nach Ende der Förderung waren zwei Drittel der "
                "geförderten Personen weiterhin im selben Betrieb beschäftigt. Besonders "
                "erfolgreich war das Programm in kleinen Handwerksbetrieben.",
            ),
            ("heading", "Erkenntnisse"),
            (
                "para",
                "Das Gespräch im Betrieb nach drei Monaten half, Missverständnisse früh zu "
                "klären, bevor ein Arbeitsverhältnis scheiterte.",
            ),
        ],
    ],
}

SEED_DOCX: dict[str, list[Block]] = {
    "workshop_toolkit_en": [
        ("title", "Toolkit: running a group workshop on job applications"),
        ("heading1", "Purpose"),
        (
            "para",
            "This toolkit belongs to a fictional employment office and is meant as an example. "
            "It helps counsellors run a half-day workshop in which eight to twelve jobseekers "
            "improve their applications together.",
        ),
        ("heading2", "Preparation"),
        (
            "para",
            "Invite participants two weeks ahead and ask each person to bring one vacancy they "
            "would like to apply for. Book a room with a projector and enough laptops.",
        ),
        (
            "para",
            "Prepare three anonymised example letters: one too long, one too generic and one "
            "that matches the vacancy well.",
        ),
        ("heading2", "During the workshop"),
        (
            "para",
            "Start with the examples and let the group say what works. Then participants draft "
            "their own letter in pairs and give each other feedback using a short checklist.",
        ),
        ("heading1", "After the workshop"),
        (
            "para",
            "Within a week, the counsellor reviews every letter that was sent and records the "
            "replies. In the invented pilot data, replies from employers rose by a quarter.",
        ),
    ],
    "orientacion_es": [
        ("title", "Guía: orientación profesional a distancia (programa ficticio)"),
        ("heading1", "Objetivo"),
        (
            "para",
            "Esta guía describe un servicio imaginario de orientación por videollamada para "
            "personas que viven lejos de una oficina de empleo. Los datos que aparecen son "
            "ilustrativos.",
        ),
        ("heading1", "Cómo funciona"),
        ("heading2", "Primera sesión"),
        (
            "para",
            "La persona orientadora revisa la trayectoria laboral, acuerda dos objetivos "
            "concretos y envía después un resumen por escrito.",
        ),
        ("heading2", "Seguimiento"),
        (
            "para",
            "Cada dos semanas hay una sesión breve de treinta minutos. Si la persona no se "
            "conecta, la oficina llama por teléfono el mismo día.",
        ),
        ("heading1", "Resultados ilustrativos"),
        (
            "para",
            "En el ejemplo, la mitad de los participantes encontró empleo o formación en seis "
            "meses, y las sesiones perdidas bajaron de forma notable.",
        ),
    ],
}

FILLER_WORDS = (
    "counsellor jobseeker vacancy employer training placement interview certificate "
    "programme office caseload workshop allowance district follow-up"
).split()


@dataclass
class SeedPool:
    """The valid seed files, plus what some mutations need to know about the workdir."""

    files: dict[str, bytes]
    pdf: list[str]
    docx: list[str]
    xxe_path: str  # a local file an XML external entity points to
    marker: str  # its content: must never appear in the index


def make_seed_pool(source: Path, work: Path, seed: int) -> SeedPool:
    """Write the seed documents with ``tests/factories.py`` and load their bytes."""
    if str(source) not in sys.path:
        sys.path.insert(0, str(source))
    from tests.factories import make_docx, make_pdf

    out = work / "seeds"
    files: dict[str, bytes] = {}
    for name, pages in SEED_PDFS.items():
        files[f"{name}.pdf"] = make_pdf(
            out / f"{name}.pdf", pages, title=pages[0][0][1]
        ).read_bytes()
    for name, blocks in SEED_DOCX.items():
        files[f"{name}.docx"] = make_docx(
            out / f"{name}.docx", blocks, title=blocks[0][1]
        ).read_bytes()
    marker = f"FUZZ-XXE-MARKER-{random.Random(seed).getrandbits(64):016x}"
    xxe = work / "xxe-secret.txt"
    xxe.write_text(marker + "\n", encoding="ascii")
    return SeedPool(
        files=files,
        pdf=sorted(n for n in files if n.endswith(".pdf")),
        docx=sorted(n for n in files if n.endswith(".docx")),
        xxe_path=str(xxe),
        marker=marker,
    )
