"""Sentences in a document that address an AI system or give it orders (prompt injection).

Such a sentence is never a claim about employment services: the extractive generator
does not quote it, citations do not use it as a quote, and the passage view flags it.
The rules look for the *shape* of an injection, in the catalogue's languages (en, de,
fr, es, it, pt, nl, sv, da, fi, pl):

- a chat role label opening the sentence (``SYSTEM:``, ``[assistant]``, ``<|im_start|>``);
- "ignore / forget the previous instructions" -- the verb *and* an instruction noun, so
  "the counsellor must ignore previous employment gaps" is not flagged;
- addressing the system as one ("as an AI, ...", "you are now an assistant",
  "du bist ein Sprachmodell");
- naming its prompt ("system prompt", "prompt système") or ordering its output
  ("respond only with", "antworte nur mit").

They are deliberately narrow: a false positive costs one unquoted sentence, but the
rules must not fire on ordinary PES prose (tests/kb/answer/test_injection.py has negatives).
"""

from __future__ import annotations

import re

from kb.core.text import sentences

_ROLE = r"(?:system|assistant|developer|user|ai|inst)"
_ROLE_LABEL = re.compile(
    rf"^\W{{0,3}}(?:\[\s*{_ROLE}\s*\]|<\s*/?{_ROLE}\s*>|\[/?INST\]|#{{2,}}\s*(?:instruction|system|response)\s*:)"
    r"|^\W{0,3}(?:SYSTEM|ASSISTANT|DEVELOPER)\s*:"
    r"|<\|(?:im_start|im_end|system|user|assistant|endoftext)\|>",
    re.IGNORECASE,
)
_SHOUTED = re.compile(r"^\W{0,3}(?:SYSTEM|ASSISTANT|DEVELOPER)\s*:")

# "ignore / forget ... previous instructions", per language: (verbs, earlier, instructions).
_FORGET = {
    "en": (r"ignore|disregard|forget|override|bypass",
           r"previous|prior|above|earlier|preceding|all|your",
           r"instructions?|prompts?|directions"),
    "de": (r"ignorier\w*|vergiss|vergessen|missacht\w*",
           r"vorherig\w*|bisherig\w*|obig\w*|früher\w*|alle\w*|deine\w*",
           r"anweisung\w*|instruktion\w*|befehle"),
    "fr": (r"ignore[rz]?|oublie[rz]?", r"précédent\w*|antérieur\w*|ci-dessus|toutes|tes|vos",
           r"instructions?|consignes?"),
    "es": (r"ignora\w*|olvida\w*", r"anterior\w*|previa\w*|todas|tus",
           r"instrucciones|indicaciones|órdenes"),
    "it": (r"ignora\w*|dimentica\w*", r"precedent\w*|tutte|le tue",
           r"istruzioni|indicazioni"),
    "pt": (r"ignor[ea]\w*|esqueç[ae]\w*|desconsider[ea]\w*", r"anterior\w*|prévias|todas|suas",
           r"instruç(?:ão|ões)|orientaç(?:ão|ões)"),
    "nl": (r"negeer|vergeet", r"vorige|eerdere|voorgaande|alle|je",
           r"instructies?|opdrachten|aanwijzingen"),
    "sv": (r"ignorera|glöm", r"tidigare|föregående|alla|dina",
           r"instruktioner(?:na)?|anvisningar(?:na)?"),
    "da": (r"ignorer|glem", r"tidligere|forrige|foregående|alle|dine",
           r"instruktioner(?:ne)?|anvisninger(?:ne)?"),
    "fi": (r"ohita|unohda|sivuuta", r"aiemm\w*|edell\w*|kaikki",
           r"ohjee\w*|ohjeet|käsky\w*"),
    "pl": (r"zignoruj|ignoruj|zapomnij", r"poprzedni\w*|wcześniejsz\w*|wszystki\w*|twoje",
           r"instrukcj\w*|polece\w*"),
}  # fmt: skip
_FORGET_RES = [
    re.compile(rf"\b(?:{verb})\b(?:\W+\w+){{0,3}}?\W+(?:{earlier})\b(?:\W+\w+){{0,2}}?\W+(?:{noun})\b",
               re.IGNORECASE)
    for verb, earlier, noun in _FORGET.values()
] + [
    # "disregard the above and ..."
    re.compile(r"\b(?:ignore|disregard|forget)\s+(?:all\s+(?:of\s+)?)?(?:the|everything)\s+"
               r"(?:above|foregoing)\s*(?:[,;.:!]|and\b|$)", re.IGNORECASE),
]  # fmt: skip

# Addressing the system as an AI / language model, or naming its prompt. "As an AI, ..."
# needs the comma: "As an AI system, the tool falls under the AI Act" is ordinary prose.
_AI = r"(?:ai|a\.i\.|ki|ia|si|llm|chatbot|chatgpt|gpt)"
_ADDRESS = re.compile(
    rf"^\W*(?:as an?|als(?: een)?|en tant qu['’]|como(?: una?)?|come(?: un['’]?)?|som(?: en)?"
    rf"|jako|tekoälynä)\s*{_AI}\s*,"
    r"|\bas an? (?:ai|large) language model\b|\bals (?:ki-)?sprachmodell\b"
    r"|\ben tant que modèle de langage\b|\bcomo (?:un )?modelo de (?:lenguaje|linguagem)\b"
    r"|\bcome (?:un )?modello linguistico\b|\bjako model językowy\b"
    r"|\byou are (?:now |no longer )?(?:an? |the )?(?:ai|a\.i\.|language model|llm|chatbot"
    r"|helpful assistant|ai assistant|chatgpt)\b|\byou are now (?:an? |the )?assistant\b"
    r"|\b(?:system|hidden|initial) prompt\b|\bjailbreak\w*\b|\bdeveloper mode\b"
    r"|\bdu bist (?:jetzt |nun |ab sofort )?(?:ein |eine )?(?:ki|sprachmodell|chatbot)\b"
    r"|\bsystem-?prompt\b|\bprompt (?:système|systeme)\b"
    r"|\btu es (?:maintenant |désormais )?(?:une? )?(?:ia|chatbot|modèle de langage)\b"
    r"|\beres (?:una? )?(?:ia|chatbot|modelo de lenguaje)\b"
    r"|\bprompt (?:del|do|di) sistema\b"
    r"|\b(?:você|tu) é (?:agora )?(?:uma? )?(?:ia|chatbot|modelo de linguagem)\b"
    r"|\bsei (?:un['’]?\s?)?(?:ia|chatbot|modello linguistico)\b"
    r"|\bje bent (?:nu )?(?:een )?(?:ai|chatbot|taalmodel)\b|\bsysteemprompt\b"
    r"|\bsystemprompt(?:en)?\b"
    r"|\bdu är (?:nu )?(?:en )?(?:ai|chattbot|språkmodell)\b"
    r"|\bdu er (?:nu )?(?:en )?(?:ai|chatbot|sprogmodel)\b"
    r"|\bolet (?:nyt )?(?:tekoäly|chatbotti|kielimalli)\b|\bjärjestelmäkehote\b"
    r"|\bjesteś (?:teraz )?(?:ai|chatbotem|modelem językowym|sztuczną inteligencją)\b"
    r"|\bprompt systemowy\b",
    re.IGNORECASE,
)

# Orders about the output, in the imperative forms injections are written in.
_ORDER = re.compile(
    r"(?:^|\band\s|[,;:]\s*)(?:respond|reply|answer|say|output|print|write)\s+"
    r"(?:only|nothing but|exclusively)\s+(?:with|the word|[\"'“])"
    r"|\bsay ['\"“]?\w+['\"”]? and nothing else\b|\bnew instructions?\s*:"
    r"|\bantworte (?:nur|ausschließlich|lediglich) (?:mit|noch)\b|\bneue anweisung(?:en)?\s*:"
    r"|\bréponds (?:uniquement|seulement|simplement) (?:par|avec)\b"
    r"|\bnouvelles? instructions?\s*:"
    r"|\bresponde (?:solo|solamente|únicamente|apenas|só) (?:con|com)\b"
    r"|\bnuevas instrucciones\s*:|\bnovas instruções\s*:"
    r"|\brispondi (?:solo|soltanto|unicamente) (?:con)\b|\bnuove istruzioni\s*:"
    r"|\bantwoord (?:alleen|uitsluitend) met\b|\bnieuwe instructies\s*:"
    r"|\bsvara (?:endast|bara) med\b|\bsvar (?:kun|udelukkende) med\b"
    r"|\bnya instruktioner\s*:|\bnye instruktioner\s*:"
    r"|\bvastaa (?:vain|ainoastaan) (?:sanalla|sanoilla)\b|\buudet ohjeet\s*:"
    r"|\bodpowi(?:adaj|edz) (?:tylko|wyłącznie)\b|\bnowe instrukcje\s*:",
    re.IGNORECASE,
)


def looks_like_instruction(sentence: str) -> bool:
    """True when ``sentence`` addresses an AI system or gives it orders."""
    text = " ".join(sentence.split())
    return bool(
        _ROLE_LABEL.search(text)
        or _SHOUTED.search(text)
        or _ADDRESS.search(text)
        or _ORDER.search(text)
        or any(rule.search(text) for rule in _FORGET_RES)
    )


def instruction_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that look like instructions to an AI system."""
    return [s for s in sentences(text) if looks_like_instruction(s)]
