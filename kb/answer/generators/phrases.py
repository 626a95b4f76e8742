"""What an extractive answer says in its own words, in every language of the PES Network:
the 24 official EU languages, Norwegian and Icelandic.

Per language: the found-in line for one and for several documents ("3 documents from
AT, DE and FR; quoted in German and French."), the word joining the last two items of a
list, and the refusal with its suggestion. Countries are ISO codes, the same in every
language. Languages are named by the Unicode CLDR through Babel (``language_name``), in
the nominative: where a language would inflect a name after a preposition, its frame
names the quotes' languages after a colon instead.
"""

from __future__ import annotations

from functools import lru_cache

# Detected codes answered in another code's wording: the written forms of Norwegian, and
# Bosnian, which the language classifier cannot tell from Croatian in a short question.
ALIASES = {"nb": "no", "nn": "no", "bs": "hr"}

PHRASES: dict[str, dict[str, str]] = {
    "bg": {"one": "1 документ ({countries}); език на цитатите: {languages}.",
           "many": "Брой документи: {n} ({countries}); езици на цитатите: {languages}.",
           "and": "и",
           "not_found": "Базата знания не съдържа отговор на този въпрос.",
           "suggest": "Опитайте да разширите филтрите или да преформулирате въпроса."},
    "cs": {"one": "1 dokument ({countries}); jazyk citací: {languages}.",
           "many": "Počet dokumentů: {n} ({countries}); jazyky citací: {languages}.",
           "and": "a",
           "not_found": "Znalostní báze neobsahuje odpověď na tuto otázku.",
           "suggest": "Zkuste rozšířit filtry nebo otázku přeformulovat."},
    "da": {"one": "1 dokument fra {countries}; citeret på {languages}.",
           "many": "{n} dokumenter fra {countries}; citeret på {languages}.",
           "and": "og",
           "not_found": "Vidensbasen indeholder ikke et svar på dette spørgsmål.",
           "suggest": "Prøv at udvide filtrene eller omformulere spørgsmålet."},
    "de": {"one": "1 Dokument aus {countries}; zitiert auf {languages}.",
           "many": "{n} Dokumente aus {countries}; zitiert auf {languages}.",
           "and": "und",
           "not_found": "Die Wissensdatenbank enthält keine Antwort auf diese Frage.",
           "suggest": "Erweitern Sie die Filter oder formulieren Sie die Frage um."},
    "el": {"one": "1 έγγραφο ({countries}) · γλώσσα αποσπασμάτων: {languages}.",
           "many": "{n} έγγραφα ({countries}) · γλώσσες αποσπασμάτων: {languages}.",
           "and": "και",
           "not_found": "Η βάση γνώσεων δεν περιέχει απάντηση σε αυτή την ερώτηση.",
           "suggest": "Δοκιμάστε να διευρύνετε τα φίλτρα ή να διατυπώσετε αλλιώς την ερώτηση."},
    "en": {"one": "1 document from {countries}; quoted in {languages}.",
           "many": "{n} documents from {countries}; quoted in {languages}.",
           "and": "and",
           "not_found": "The knowledge base does not contain an answer to this question.",
           "suggest": "Try widening the filters or rephrasing the question."},
    "es": {"one": "1 documento de {countries}; citado en {languages}.",
           "many": "{n} documentos de {countries}; citados en {languages}.",
           "and": "y",
           "not_found": "La base de conocimiento no contiene una respuesta a esta pregunta.",
           "suggest": "Pruebe a ampliar los filtros o a reformular la pregunta."},
    "et": {"one": "1 dokument ({countries}); tsitaatide keel: {languages}.",
           "many": "{n} dokumenti ({countries}); tsitaatide keeled: {languages}.",
           "and": "ja",
           "not_found": "Teadmusbaas ei sisalda sellele küsimusele vastust.",
           "suggest": "Proovige filtreid laiendada või küsimust ümber sõnastada."},
    "fi": {"one": "1 asiakirja ({countries}); lainausten kieli: {languages}.",
           "many": "{n} asiakirjaa ({countries}); lainausten kielet: {languages}.",
           "and": "ja",
           "not_found": "Tietokannasta ei löydy vastausta tähän kysymykseen.",
           "suggest": "Kokeile laajentaa suodattimia tai muotoilla kysymys toisin."},
    "fr": {"one": "1 document ({countries}) ; cité en {languages}.",
           "many": "{n} documents ({countries}) ; cités en {languages}.",
           "and": "et",
           "not_found": "La base de connaissances ne contient pas de réponse à cette question.",
           "suggest": "Essayez d'élargir les filtres ou de reformuler la question."},
    "ga": {"one": "1 doiciméad ({countries}); teanga na sleachta: {languages}.",
           "many": "Líon na ndoiciméad: {n} ({countries}); teangacha na sleachta: {languages}.",
           "and": "agus",
           "not_found": "Níl freagra ar an gceist seo sa bhunachar eolais.",
           "suggest": "Bain triail as na scagairí a leathnú nó an cheist a athfhoclú."},
    "hr": {"one": "1 dokument ({countries}); jezik citata: {languages}.",
           "many": "Broj dokumenata: {n} ({countries}); jezici citata: {languages}.",
           "and": "i",
           "not_found": "Baza znanja ne sadrži odgovor na ovo pitanje.",
           "suggest": "Pokušajte proširiti filtre ili preformulirati pitanje."},
    "hu": {"one": "1 dokumentum ({countries}); az idézetek nyelve: {languages}.",
           "many": "{n} dokumentum ({countries}); az idézetek nyelve: {languages}.",
           "and": "és",
           "not_found": "A tudásbázis nem tartalmaz választ erre a kérdésre.",
           "suggest": "Próbálja meg bővíteni a szűrőket, vagy fogalmazza át a kérdést."},
    "is": {"one": "1 skjal frá {countries}; tungumál tilvitnana: {languages}.",
           "many": "{n} skjöl frá {countries}; tungumál tilvitnana: {languages}.",
           "and": "og",
           "not_found": "Þekkingargrunnurinn inniheldur ekki svar við þessari spurningu.",
           "suggest": "Prófaðu að víkka síurnar eða umorða spurninguna."},
    "it": {"one": "1 documento da {countries}; citato in {languages}.",
           "many": "{n} documenti da {countries}; citati in {languages}.",
           "and": "e",
           "not_found": "La base di conoscenza non contiene una risposta a questa domanda.",
           "suggest": "Provi ad ampliare i filtri o a riformulare la domanda."},
    "lt": {"one": "1 dokumentas ({countries}); citatų kalba: {languages}.",
           "many": "Dokumentų skaičius: {n} ({countries}); citatų kalbos: {languages}.",
           "and": "ir",
           "not_found": "Žinių bazėje nėra atsakymo į šį klausimą.",
           "suggest": "Pabandykite išplėsti filtrus arba performuluoti klausimą."},
    "lv": {"one": "1 dokuments ({countries}); citātu valoda: {languages}.",
           "many": "Dokumentu skaits: {n} ({countries}); citātu valodas: {languages}.",
           "and": "un",
           "not_found": "Zināšanu bāzē nav atbildes uz šo jautājumu.",
           "suggest": "Mēģiniet paplašināt filtrus vai pārformulēt jautājumu."},
    "mt": {"one": "1 dokument ({countries}); lingwa tal-kwotazzjonijiet: {languages}.",
           "many": "{n} dokumenti ({countries}); lingwi tal-kwotazzjonijiet: {languages}.",
           "and": "u",
           "not_found": "Il-bażi tal-għarfien ma fihiex tweġiba għal din il-mistoqsija.",
           "suggest": "Ipprova wessa' l-filtri jew ifformula l-mistoqsija mod ieħor."},
    "nl": {"one": "1 document uit {countries}; geciteerd in het {languages}.",
           "many": "{n} documenten uit {countries}; geciteerd in het {languages}.",
           "and": "en",
           "not_found": "De kennisbank bevat geen antwoord op deze vraag.",
           "suggest": "Probeer de filters te verruimen of de vraag anders te stellen."},
    "no": {"one": "1 dokument fra {countries}; sitert på {languages}.",
           "many": "{n} dokumenter fra {countries}; sitert på {languages}.",
           "and": "og",
           "not_found": "Kunnskapsbasen inneholder ikke et svar på dette spørsmålet.",
           "suggest": "Prøv å utvide filtrene eller omformulere spørsmålet."},
    "pl": {"one": "Dokumenty: 1 ({countries}); język cytatów: {languages}.",
           "many": "Dokumenty: {n} ({countries}); języki cytatów: {languages}.",
           "and": "i",
           "not_found": "Baza wiedzy nie zawiera odpowiedzi na to pytanie.",
           "suggest": "Spróbuj poszerzyć filtry lub przeformułować pytanie."},
    "pt": {"one": "1 documento de {countries}; citado em {languages}.",
           "many": "{n} documentos de {countries}; citados em {languages}.",
           "and": "e",
           "not_found": "A base de conhecimento não contém uma resposta a esta pergunta.",
           "suggest": "Tente alargar os filtros ou reformular a pergunta."},
    "ro": {"one": "1 document ({countries}); limba citatelor: {languages}.",
           "many": "Număr de documente: {n} ({countries}); limbile citatelor: {languages}.",
           "and": "și",
           "not_found": "Baza de cunoștințe nu conține un răspuns la această întrebare.",
           "suggest": "Încercați să lărgiți filtrele sau să reformulați întrebarea."},
    "sk": {"one": "1 dokument ({countries}); jazyk citácií: {languages}.",
           "many": "Počet dokumentov: {n} ({countries}); jazyky citácií: {languages}.",
           "and": "a",
           "not_found": "Znalostná báza neobsahuje odpoveď na túto otázku.",
           "suggest": "Skúste rozšíriť filtre alebo otázku preformulovať."},
    "sl": {"one": "1 dokument ({countries}); jezik navedkov: {languages}.",
           "many": "Število dokumentov: {n} ({countries}); jeziki navedkov: {languages}.",
           "and": "in",
           "not_found": "Baza znanja ne vsebuje odgovora na to vprašanje.",
           "suggest": "Poskusite razširiti filtre ali preoblikovati vprašanje."},
    "sv": {"one": "1 dokument från {countries}; citerat på {languages}.",
           "many": "{n} dokument från {countries}; citerade på {languages}.",
           "and": "och",
           "not_found": "Kunskapsbanken innehåller inget svar på denna fråga.",
           "suggest": "Prova att vidga filtren eller formulera om frågan."},
}  # fmt: skip
LANGUAGES = tuple(PHRASES)


def wording_language(language: str | None) -> str | None:
    """The code whose wording ``language`` uses, or None for a language without its own."""
    code = ALIASES.get(language or "", language or "")
    return code if code in PHRASES else None


def phrase(language: str | None, key: str) -> str:
    """``key`` in ``language``, in English for a language without its own wording."""
    return PHRASES[wording_language(language) or "en"][key]


def language_name(code: str | None, in_language: str | None) -> str:
    """The language ``code`` named in ``in_language`` (CLDR); its ISO code, upper case, for
    a language CLDR does not name."""
    return _cldr_name(code or "", wording_language(in_language) or "en") or (code or "?").upper()


@lru_cache(maxsize=1024)
def _cldr_name(code: str, in_language: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(in_language).languages
    except (UnknownLocaleError, ValueError):
        return None
    return names.get(code) or names.get(ALIASES.get(code, code))
