"""Personal data that only its context gives away: names after a title, birth dates,
street addresses, numbers after an ID or case keyword, obfuscated e-mails, local phones.

Used by ``kb.app.redaction.redact`` before its shape-based rules. Each pattern is written
for the languages of the catalogue's countries (de, fr, es, it, nl, pl, sv, da, fi, pt,
en); labels: ``[name]``, ``[birth date]``, ``[address]``, ``[id]``, ``[email]``, ``[phone]``.
"""

from __future__ import annotations

import re

NAME = "[name]"
BIRTH = "[birth date]"
ADDRESS = "[address]"

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_CAP = rf"[{_UP}][\w'’-]*"  # a capitalised word (names, places)
_SP = r"[ \u00a0]"

# --- names after a title ---------------------------------------------------------
_TITLES = (
    r"Frau|Herrn?|Fr\.|Hr\.|Mme|Mmes|Madame|Mlle|Mademoiselle|Monsieur|MM?\.|"
    r"Sra?\.|Srta\.|Señora?|Señorita|Doña|Dña\.|D\.ª|"
    r"Sig\.(?:ra|na)?|Signor[ae]?|Dott\.(?:ssa)?|Avv\.|"
    r"Dhr\.|Mevr\.|Mw\.|Mej\.|Meneer|Mevrouw|[Dd]e heer|[Mm]evrouw|[Mm]eneer|"
    r"Pan[iu]?|Pana|Panem|Panią|[Pp]ani?|"
    r"Fru|Herr|Hr\.|[Ff]ru|[Hh]err|Herra|Rouva|"
    r"Senhora?|Sra\.|Dona|"
    r"Mrs?\.?|Ms\.?|Miss|Mx\.?|Dr\.?|Prof\.?|[Mm]adame|[Mm]onsieur|[Ss]eñora?|[Ss]ignora?|[Ss]enhora?"
)
_ACADEMIC = (
    r"(?:(?:Dr|Prof|Ing|Mag|Dipl\.-Ing|Dott|Drs|Mr|Ir|mgr|dr|D|Da|Dª)\.?"
    r"(?:\s?(?:med|phil|rer\. nat)\.)?\s)*"
)
_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|do|dos|das|du|la|le|ter|ten|zu|y|e)"
_NAME_WORDS = rf"{_CAP}(?:(?:\s{_PARTICLE})*\s{_CAP}){{0,3}}"
_TITLED = re.compile(
    rf"(?<![\w-])((?:{_TITLES})\s{_ACADEMIC})((?:{_PARTICLE}\s)*{_NAME_WORDS})(?![\w-])"
)

# --- birth dates -------------------------------------------------------------------
_MONTHS = (
    "jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|januar|februar|märz|"
    "juni|juli|august|september|oktober|november|dezember|january|february|march|april|"
    "june|july|october|december|janvier|février|mars|avril|juin|juillet|août|septembre|"
    "octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    "septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|"
    "settembre|ottobre|dicembre|januari|februari|maart|mei|augustus|stycznia|lutego|marca|"
    "kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|"
    "juni|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    "tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|"
    "elokuuta|syyskuuta|lokakuuta|marraskuuta|joulukuuta|maj|oktober"
)
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r"|(?:19|20)\d{2}-\d{2}-\d{2}"
    rf"|\d{{1,2}}\.?\s(?:de\s)?(?:{_MONTHS})\.?\s(?:de\s)?(?:19|20)\d{{2}}"
    rf"|(?:{_MONTHS})\s\d{{1,2}},?\s(?:19|20)\d{{2}})"
)
_BORN = (
    r"geb\.|geboren|geburtsdatum|geb\.-datum|née?|date de naissance|nacid[oa]|"
    r"fecha de nacimiento|f\. ?nac\.|nat[oa]|data di nascita|geboortedatum|ur\.|"
    r"urodzon[ya]|data urodzenia|född|födelsedatum|født|fødselsdato|syntynyt|"
    r"syntymäaika|dob|d\.o\.b\.|date of birth|born|nascid[oa]|data de nascimento"
)
_BIRTH = re.compile(
    rf"(?:(?<![\w])(?:{_BORN})(?![\w])[\s:,]*(?:(?:am|le|el|il|on|op|em|den|the|in)\s)?"
    rf"|\(?\*\s?)({_DATE})(?!\d)",
    re.IGNORECASE,
)

# --- street addresses ------------------------------------------------------------------
_NUMBER = r"(?!(?:19|20)\d\d\b)\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:[/-]\d{1,4})?"
_NOT_MEASURE = r"(?![.,]?\d)(?!\s?(?:%|km|Minuten|min|Jahre|Prozent|years|mois|meses)\b)"
_POSTCODE = (
    rf",?{_SP}(?:[A-Z]{{1,2}}-)?(?:[1-9]\d{{3}}{_SP}?[A-Z]{{2}}(?![\w])|\d{{2}}-\d{{3}}"
    rf"|\d{{4}}-\d{{3}}|\d{{3}}{_SP}\d{{2}}|\d{{4,5}})(?=[\s,]+{_CAP})"
)
_SUFFIX = (
    "straße|strasse|str\\.|gasse|weg|allee|platz|ring|damm|ufer|chaussee|steig|pfad|"
    "straat|laan|plein|gracht|kade|singel|dreef|steeg|gatan|vägen|gränd|torget|backen|"
    "gade|vej|allé|stræde|plads|katu|tie|kuja|polku|väylä|tori|kaari|rinne"
)
_PREFIX = (
    r"Calle|C/|Avda\.|Avenida|Av\.|Paseo|Plaza|Pza\.|Camino|Carrer|Ronda|Travesía|"
    r"Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Rua|Travessa|Praça|Estrada|"
    r"Rue|Avenue|Boulevard|Chaussée|Place|Quai|Chemin|"
    r"ul\.|al\.|pl\.|os\.|Am|An der|Auf der|Im|In der|Zum|Zur|Unter den"
)
_LINK = r"(?:de|del|de la|dos|das|da|di|della|degli|delle|der|den)"
_ADDRESS = re.compile(
    rf"(?<![\w])(?:"
    rf"[{_UP}][\w'-]*?(?:{_SUFFIX}){_SP}{_NUMBER}"  # Lindenstraße 14a, Storgatan 12
    rf"|(?:{_PREFIX}){_SP}(?:{_LINK}{_SP})*{_CAP}(?:{_SP}(?:{_LINK}{_SP})*{_CAP}){{0,3}},?"
    rf"{_SP}{_NUMBER}"  # Calle Mayor 5, Via Garibaldi 21, ul. Długiej 5/7
    rf"|{_NUMBER},?{_SP}(?:rue|avenue|av\.|bd|boulevard|chemin|allée|impasse|quai|place|"
    rf"cours|route){_SP}(?:(?:de|du|des|de la|d')\s?)?{_CAP}(?:{_SP}{_CAP}){{0,3}}"  # 12 rue ...
    rf"|\d{{1,4}}{_SP}(?:{_CAP}{_SP}){{1,3}}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|"
    rf"Drive|Close|Way|Crescent|Terrace|Place|Square|Court)(?![\w])"  # 14 Harbour Road
    rf"){_NOT_MEASURE}(?:{_POSTCODE})?"
)

# --- numbers after an ID, customer or case keyword ---------------------------------------
_ID_WORDS = (
    r"kundennummer|kunden-?nr\.?|kd\.?-?nr\.?|aktenzeichen|az\.|gesch[äa]ftszeichen|"
    r"bg-nummer|bg-nr\.?|steuer-?id|steuer-identifikationsnummer|idnr\.?|"
    r"sozialversicherungsnummer|versicherungsnummer|rentenversicherungsnummer|sv-nummer|"
    r"svnr|ausweisnummer|"
    r"num[ée]ro de s[ée]curit[ée] sociale|n[°º] de s[ée]curit[ée] sociale|nir|"
    r"identifiant(?: france travail| p[ôo]le emploi)?|num[ée]ro (?:de |d')?(?:dossier|"
    r"allocataire|demandeur|identifiant)|dossier n[°º]|n[°º] allocataire|"
    r"dni|nie|nif|nss|niss|n[úu]mero de (?:la )?seguridad social|(?:n[úu]mero de )?expediente|"
    r"n[úu]mero de demandante|codice fiscale|c\.?f\.|(?:numero )?pratica|protocollo|"
    r"bsn|burgerservicenummer|klantnummer|dossiernummer|rijksregisternummer|insz|"
    r"zaaknummer|relatienummer|pesel|nip|znak sprawy|nr sprawy|numer sprawy|sygnatura|"
    r"personnummer|pnr|[äa]rendenummer|diarienummer|samordningsnummer|cpr(?:-?nummer|-?nr\.?)?|"
    r"sagsnummer|journalnummer|henkil[öo]tunnus|hetu|asianumero|diaarinumero|ppsn|"
    r"pps number|national insurance number|ni number|nino|ssn|social security number|"
    r"customer number|client number|case number|case reference|claim reference|"
    r"claim number|reference number|file number|jobseeker id|n[úu]mero de utente|"
    r"processo|cart[ãa]o de cidad[ãa]o"
)
_CONNECT = r"(?:[\s:#]|n\.?\s?[°º]|n\.|nr\.?|no\.?|is|ist|es|est|è|är|er|on|op)*"
_GROUP = r"(?:(?=[\w./-]*\d)[A-Za-z0-9](?:[\w./-]*[A-Za-z0-9])?|[A-Z]{1,3})"
_KEYED_ID = re.compile(
    rf"(?<![^\W\d_])(?:{_ID_WORDS})(?![^\W\d_]){_CONNECT}"
    rf"((?-i:{_GROUP}(?:{_SP}{_GROUP})*))",
    re.IGNORECASE,
)

# Shapes of PES customer numbers and case references that need no keyword.
_CASE_SHAPES = re.compile(
    r"(?<![\w-])(?:"
    r"\d{3}[A-Z]\d{6}"  # BA Kundennummer / Aktenzeichen: 123K456789
    r"|\d{5}BG\d{7}"  # BA Bedarfsgemeinschaft
    r"|\d{2}\s?\d{6}\s?[A-Z]\s?\d{3}"  # German pension insurance number
    r"|[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]"  # UK National Insurance
    r"|[A-Z][A-Za-z]{0,5}[-.](?:19|20)\d{2}[-/.]\d{4,8}"  # UWV-2023-77812, Af-2023/0012345
    r"|(?:19|20)\d{2}-[A-Z]{2,4}-\d{4,8}"  # 2023-PE-0045871
    r")(?![\w-])"
)

# --- obfuscated e-mails ------------------------------------------------------------------
_AT = (
    r"\s?(?:\(at\)|\[at\]|\{at\}|<at>|\(@\)|\[@\]|\(arobase\)|\(arroba\)|\(a\))\s?"
    r"|\s@\s|\s(?:arobase|arroba|chiocciola|apenstaartje|snabel-a|małpa|kukac|at)\s"
)
_DOT = (
    r"\s?(?:\(dot\)|\[dot\]|\{dot\}|\(punkt\)|\(point\)|\(punto\))\s?"
    r"|\s(?:dot|point|punto|punt|punkt|kropka|ponto|piste|pont)\s|\."
)
_OBFUSCATED = re.compile(
    rf"(?<![\w.+-])[\w.+-]*\w({_AT})[\w-]+((?:(?:{_DOT})[\w-]+)*(?:{_DOT}))[a-zA-Z]{{2,6}}(?![\w])",
    re.IGNORECASE,
)

# --- local phone numbers ------------------------------------------------------------------
_PHONE_WORDS = (
    r"tel\.?|telefon|telephone|téléphone|tél\.?|teléfono|telefono|telefoon|telemóvel|"
    r"phone|handy|mobil|mobile|móvil|cellulare|cell|gsm|tfn|tlf\.?|puh\.?|puhelin|"
    r"fisso|fax|durchwahl|ring|bel|call|appeler|llamar|chiamare"
)
_KEYED_PHONE = re.compile(
    rf"(?<![\w])(?:{_PHONE_WORDS})(?![\w])(?:[\s:.]|is|ist|est|es|on|op|nr\.?|no\.?|på)*"
    rf"(\+?\(?\d[\d\s/().-]{{3,}}\d)(?!\d)",
    re.IGNORECASE,
)
# 555 1234 / 555-1234, not a part of a longer number ("+353 1 234 5678", "(030) 123 4567")
_LOCAL_PHONE = re.compile(r"(?<![\d.,/()+-])(?<![\d)]\s)\d{3}[ -]\d{4}(?![\d.,/-]|\s\d)")


def _titled(match: re.Match[str]) -> str:
    return match.group(1) + NAME


def _sub_group(label: str, min_digits: int = 0):  # noqa: ANN202 - a re.sub callback
    def replace(match: re.Match[str]) -> str:
        value = match.group(1)
        if sum(ch.isdigit() for ch in value) < min_digits:
            return match.group(0)
        start = match.start(1) - match.start(0)
        return match.group(0)[:start] + label + match.group(0)[start + len(value) :]

    return replace


def _obfuscated(match: re.Match[str]) -> str:
    # "people at work.eu": a plain "at" needs a spelled-out dot to be an address.
    at, dots = match.group(1).strip(), match.group(2)
    if at.lower() == "at" and not re.search(r"[a-z]", dots.replace(".", ""), re.I):
        return match.group(0)
    return "[email]"


def redact_context(text: str) -> str:
    """Personal data recognised by its context, replaced by its label."""
    text = _OBFUSCATED.sub(_obfuscated, text)
    text = _KEYED_ID.sub(_sub_group("[id]", min_digits=5), text)
    text = _CASE_SHAPES.sub("[id]", text)
    text = _BIRTH.sub(_sub_group(BIRTH), text)
    text = _ADDRESS.sub(ADDRESS, text)
    text = _KEYED_PHONE.sub(_sub_group("[phone]", min_digits=5), text)
    text = _LOCAL_PHONE.sub("[phone]", text)
    return _TITLED.sub(_titled, text)
