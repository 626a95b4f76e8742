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

EN_DISCLAIMER = (
    "Illustrative sample written for the PES knowledge-base project; not an official document."
)

DOCS = [
    # ------------------------------------------------------------------ AT / de
    {
        "id": "at_profiling_chancenkompass_2023",
        "fmt": "pdf",
        "lang": "de",
        "set_title": True,
        "title": "Chancenkompass: Statistisches Profiling in der Erstberatung des AMS Steiermark",
        "org_line": "Arbeitsmarktservice Österreich (AMS), Landesgeschäftsstelle Steiermark - Praxisbeispiel, 2023",
        "disclaimer": "Illustratives Beispiel, verfasst für das PES-Wissensdatenbankprojekt; kein offizielles Dokument. Programmnamen und Zahlen sind erfunden.",
        "sections": [
            (
                "Kontext",
                [
                    "Das Arbeitsmarktservice (AMS) betreut in der Steiermark jährlich rund 95.000 arbeitslose Personen. Vor der Einführung des Chancenkompass hing die Frage, wie intensiv eine Person betreut wird, stark von der Erfahrung der einzelnen Beraterin oder des einzelnen Beraters ab. Eine interne Auswertung aus dem Jahr 2019 zeigte, dass Personen mit vergleichbaren Voraussetzungen in verschiedenen Regionalen Geschäftsstellen sehr unterschiedliche Angebote erhielten. Gleichzeitig stieg die Zahl der Kundinnen und Kunden pro Beratungskraft auf durchschnittlich 210, sodass für das Erstgespräch oft weniger als 20 Minuten zur Verfügung standen.",
                    "Die Landesgeschäftsstelle beschloss daher, ein statistisches Profiling-Instrument zu erproben, das die Beratung unterstützen, aber nicht ersetzen sollte. Der Name Chancenkompass ist für dieses illustrative Beispiel erfunden. Das Vorgehen orientiert sich jedoch an Fragen, die viele europäische Arbeitsverwaltungen beim Einsatz von Profiling-Modellen beschäftigen: Welche Daten dürfen verwendet werden, wie transparent muss das Ergebnis sein, und wer trifft am Ende die Entscheidung?",
                ],
            ),
            (
                "Die Praxis",
                [
                    "Der Chancenkompass berechnet beim ersten Beratungsgespräch die Wahrscheinlichkeit, dass eine Person innerhalb von sieben Monaten mindestens 90 Tage in unselbständiger Beschäftigung verbringt. Grundlage sind 14 Merkmale aus den Verwaltungsdaten, darunter Alter, höchste abgeschlossene Ausbildung, Beschäftigungstage in den letzten vier Jahren, bisherige Dauer der Arbeitslosigkeit, gesundheitliche Einschränkungen, Betreuungspflichten und die regionale Arbeitsmarktlage. Das Modell wurde mit Daten von rund 400.000 abgeschlossenen Arbeitslosigkeitsepisoden der Jahre 2015 bis 2019 geschätzt.",
                    "Aus der berechneten Wahrscheinlichkeit ergeben sich drei Gruppen. Personen mit hohen Chancen (Wahrscheinlichkeit über 66 Prozent) erhalten vorrangig Vermittlungsvorschläge und werden auf die Online-Services des AMS hingewiesen. Personen mit mittleren Chancen stehen im Mittelpunkt der Qualifizierungsangebote, weil Schulungen hier nach den bisherigen Auswertungen die größte Wirkung entfalten. Personen mit niedrigen Chancen (unter 25 Prozent) werden an ein spezialisiertes Beratungsteam mit längeren Gesprächsterminen und Angeboten zur Stabilisierung weitergeleitet.",
                    "Wichtig ist der Grundsatz, dass das Ergebnis immer nur eine Empfehlung ist. Die Beraterin oder der Berater kann die Zuordnung ändern, muss die Abweichung aber in einem Freitextfeld begründen. Typische Gründe sind eine aktuelle Einstellungszusage, eine kürzlich abgeschlossene Ausbildung oder gesundheitliche Veränderungen, die in den Verwaltungsdaten noch nicht abgebildet sind.",
                ],
            ),
            (
                "Umsetzung",
                [
                    "Die Erprobung begann im März 2021 in sechs Regionalen Geschäftsstellen und wurde im Jänner 2023 auf alle Geschäftsstellen des Bundeslandes ausgeweitet. Vor dem Start absolvierten alle beteiligten Beratungskräfte eine zweitägige Schulung, in der die Logik des Modells, seine Grenzen und der Umgang mit Abweichungen anhand von Fallbeispielen geübt wurden. Zusätzlich wurde ein einseitiges Informationsblatt für Arbeitsuchende entwickelt, das in einfacher Sprache erklärt, welche Faktoren in die Berechnung einfließen.",
                    "Ein Beirat aus Vertreterinnen und Vertretern der Sozialpartner, der Gleichbehandlungsstelle und der Datenschutzbeauftragten begleitete die Einführung. Nach intensiver Diskussion wurde im Jahr 2022 beschlossen, das Merkmal Geschlecht aus dem Modell zu entfernen und stattdessen Betreuungspflichten unabhängig vom Geschlecht zu berücksichtigen. Die Vorhersagegenauigkeit sank dadurch nur geringfügig, von 82 auf 81 Prozent korrekt zugeordneter Fälle in der rückblickenden Validierung.",
                ],
            ),
            (
                "Ergebnisse",
                [
                    "Im ersten vollen Betriebsjahr wurden rund 31.000 Erstgespräche mit Unterstützung des Chancenkompass geführt. Die Beratungskräfte änderten die vorgeschlagene Zuordnung in 11 Prozent der Fälle, am häufigsten bei Personen über 50 Jahren, deren Chancen das Modell nach Einschätzung der Beratung zu niedrig bewertete. Diese Rückmeldungen werden gesammelt und fließen in die jährliche Neukalibrierung ein.",
                    "Für die Gruppe mit mittleren Chancen stieg der Anteil der Personen, die innerhalb von drei Monaten eine Qualifizierung begannen, von 31 auf 44 Prozent. Die durchschnittliche Dauer der Arbeitslosigkeit in dieser Gruppe verkürzte sich um etwa drei Wochen. In der Gruppe mit niedrigen Chancen war die Wirkung auf die Beschäftigung im ersten Jahr gering, allerdings berichteten die Beratungsteams von deutlich mehr Teilnahmen an Gesundheits- und Schuldenberatung.",
                    "Eine Befragung von 1.200 Arbeitsuchenden ergab, dass 68 Prozent das Informationsblatt verständlich fanden. Kritisch äußerten sich vor allem Personen mit niedrigen Chancen, die die Einstufung als entmutigend empfanden. Als Reaktion wurde die Bezeichnung dieser Gruppe in den Unterlagen für Kundinnen und Kunden durch die neutrale Formulierung Unterstützungsbedarf intensiv ersetzt.",
                ],
            ),
            (
                "Erkenntnisse",
                [
                    "Erstens braucht ein Profiling-Instrument klare Regeln für die menschliche Letztentscheidung; die dokumentierte Abweichungsmöglichkeit hat die Akzeptanz bei den Beratungskräften entscheidend erhöht. Zweitens ist Transparenz gegenüber den Arbeitsuchenden keine Nebensache: Wer nicht versteht, warum er einer Gruppe zugeordnet wird, verliert Vertrauen in die Beratung.",
                    "Drittens muss das Modell regelmäßig, mindestens alle zwölf Monate, mit aktuellen Daten überprüft werden, da sich die Arbeitsmarktlage und damit die Bedeutung einzelner Merkmale verändert. Viertens darf das Ergebnis nicht dazu verwendet werden, Personen den Zugang zu Unterstützung zu verwehren. Der Chancenkompass soll Ressourcen dorthin lenken, wo sie am meisten bewirken, und nicht Leistungen kürzen.",
                ],
            ),
            (
                "Ausblick",
                [
                    "Für 2024 plant die Landesgeschäftsstelle, die Gründe für Abweichungen systematisch auszuwerten und das Informationsblatt in sechs weiteren Sprachen anzubieten, darunter Arabisch, Türkisch und Ukrainisch. Außerdem soll geprüft werden, ob Angaben aus einem freiwilligen Online-Fragebogen zur Motivation und zu digitalen Kompetenzen die Vorhersage verbessern können, ohne die Transparenz zu beeinträchtigen.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ IE / en
    {
        "id": "ie_profiling_pathways_score_2022",
        "fmt": "pdf",
        "lang": "en",
        "set_title": True,
        "title": "Pathways Score: using a probability-of-exit model to target case management",
        "org_line": "Intreo, Department of Social Protection (Ireland) - practice case study, 2022",
        "disclaimer": EN_DISCLAIMER + " The programme name and all figures are invented.",
        "sections": [
            (
                "Context",
                [
                    "Ireland's public employment service, Intreo, combines income support and employment services in a single network of offices. During the recovery after the financial crisis, case officers faced large caseloads and needed a consistent way to decide which jobseekers should receive early, intensive support and which were likely to find work quickly on their own. The Pathways Score, a name invented for this illustrative example, was designed as an answer to that question and was piloted in nine Intreo offices in the Midlands between 2019 and 2021.",
                ],
            ),
            (
                "The practice",
                [
                    "At registration, each jobseeker completes a short profiling questionnaire with 20 questions covering education, recent work history, caring responsibilities, access to transport, literacy and health. The answers are combined with administrative records on previous claims to estimate the probability that the person will leave the Live Register for employment within 12 months. The result, a number between 0 and 1, is called the Pathways Score.",
                    "Jobseekers with a score below 0.35 are classified as having a low probability of exit. They are offered a one-to-one meeting with a case officer within two weeks of registration, followed by a personal progression plan and review meetings every six weeks. Jobseekers with a medium score receive group information sessions and a review after three months, while those with a high score are mainly directed to online job search tools and vacancy alerts.",
                    "To make intensive support possible, caseloads for officers working with the low-score group were capped at 120 jobseekers. Case officers received guidance on how to explain the score in plain language, and jobseekers could ask for a review of their classification if their circumstances changed, for example after losing a driving licence or taking on care for a relative.",
                ],
            ),
            (
                "Results",
                [
                    "An evaluation compared jobseekers in the pilot offices with similar jobseekers in offices that did not yet use the score. Among people in the low-score group, exits to employment within 12 months were 23 percent higher in the pilot offices. For the high-score group the difference was small, which suggests that early intensive support adds little for people who are already close to the labour market.",
                    "The evaluation also found that some self-reported questions, in particular a question on motivation to find work, had almost no predictive value and were perceived as intrusive. The questionnaire was therefore shortened from 26 to 20 questions before national roll-out. Since 2022 the questionnaire can also be completed online before the first appointment, and 61 percent of new registrants did so in the first year.",
                ],
            ),
            (
                "Lessons learned",
                [
                    "The pilot showed that a profiling score is most useful when it is linked to a clear service offer for each group; a score without differentiated services only adds administration. Case officers valued the score as a starting point for the conversation, but stressed that it should never replace their professional judgement.",
                    "A second lesson concerns data quality. Administrative records on past employment were reliable, but information on skills and health was often incomplete. The team recommends reviewing the model every year, publishing a plain-language description of the variables used, and monitoring outcomes separately for women, older jobseekers and people with disabilities to detect unintended bias.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ BE / fr
    {
        "id": "be_profilage_cap_profil_2023",
        "fmt": "pdf",
        "lang": "fr",
        "set_title": False,
        "title": "Cap Profil : un diagnostic en ligne pour orienter les demandeurs d'emploi dès l'inscription",
        "org_line": "Le Forem (Wallonie, Belgique) - étude de cas, 2023",
        "disclaimer": "Exemple illustratif rédigé pour le projet de base de connaissances des SPE ; il ne s'agit pas d'un document officiel. Le nom du dispositif et les chiffres sont inventés.",
        "sections": [
            (
                "Contexte",
                [
                    "En Wallonie, le Forem accueille chaque année plusieurs dizaines de milliers de nouveaux demandeurs d'emploi. Jusqu'en 2021, le premier entretien se déroulait le plus souvent en agence, plusieurs semaines après l'inscription, et l'orientation vers un type d'accompagnement dépendait largement de l'appréciation individuelle du conseiller. Le service souhaitait accélérer ce premier diagnostic tout en réservant le temps des conseillers aux personnes qui en ont le plus besoin.",
                ],
            ),
            (
                "La pratique",
                [
                    "Cap Profil, nom inventé pour cet exemple, combine deux éléments. Le premier est un questionnaire en ligne de 35 questions que le demandeur d'emploi remplit dans son espace personnel : compétences, expérience, mobilité, langues, compétences numériques et contraintes personnelles. Le second est un indicateur statistique de distance à l'emploi, calculé à partir des données administratives, qui estime la probabilité de retrouver un emploi dans les six mois.",
                    "Sur cette base, chaque personne est orientée vers l'une de quatre formules : l'autonomie numérique, avec des outils de recherche d'emploi en ligne et un contact à la demande ; l'accompagnement léger, avec un entretien tous les trois mois ; l'accompagnement renforcé, avec un conseiller référent et un plan d'action ; et l'accompagnement intégré, organisé avec les CPAS pour les personnes qui cumulent des difficultés sociales et professionnelles.",
                    "Le conseiller garde le dernier mot. Lors d'un entretien de validation, par téléphone, en vidéo ou en agence, il peut modifier la formule proposée. Les personnes qui n'ont pas accès à internet ou qui se sentent peu à l'aise avec le numérique peuvent remplir le questionnaire dans un espace numérique en agence, avec l'aide d'un agent d'accueil.",
                ],
            ),
            (
                "Résultats",
                [
                    "Lancé en septembre 2022 dans douze agences, Cap Profil a été utilisé par environ 14 000 demandeurs d'emploi au cours de sa première année. Au total, 72 % d'entre eux ont complété le questionnaire en ligne dans les quatre semaines suivant leur inscription. Le délai moyen entre l'inscription et l'orientation est passé de 41 à 12 jours.",
                    "Après l'entretien de validation, les conseillers ont modifié la formule proposée pour 18 % des personnes, le plus souvent vers un accompagnement plus intensif. Une enquête de satisfaction a donné une note moyenne de 7,6 sur 10, avec des appréciations plus faibles chez les personnes de plus de 55 ans, qui jugeaient le questionnaire trop long.",
                ],
            ),
            (
                "Enseignements",
                [
                    "Premièrement, un diagnostic en ligne ne fonctionne que s'il existe une alternative accompagnée pour les personnes éloignées du numérique. Deuxièmement, l'indicateur statistique est accepté par les conseillers parce qu'il n'entraîne aucune sanction et qu'il peut toujours être corrigé. Troisièmement, la coopération avec les CPAS doit être préparée en amont : l'échange d'informations entre le Forem et les CPAS nécessite le consentement explicite de la personne.",
                    "Pour la suite, le Forem envisage de raccourcir le questionnaire à 25 questions et de proposer une version en langage simplifié. Une analyse des modifications apportées par les conseillers doit aussi permettre d'améliorer l'indicateur statistique.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ DE / de (LTU 50+)
    {
        "id": "de_langzeitarbeitslose_50plus_2022",
        "fmt": "pdf",
        "lang": "de",
        "set_title": True,
        "title": "Brückenjahr 50plus: Ganzheitliche Betreuung älterer Langzeitarbeitsloser im Jobcenter",
        "org_line": "Jobcenter Landkreis Talheim (fiktiv), gemeinsame Einrichtung von Bundesagentur für Arbeit und Landkreis - Praxisbericht, 2022",
        "disclaimer": "Illustratives Beispiel, verfasst für das PES-Wissensdatenbankprojekt; kein offizielles Dokument. Der Landkreis, das Programm und alle Zahlen sind erfunden.",
        "sections": [
            (
                "Ausgangslage",
                [
                    "Der Landkreis Talheim ist ein ländlich geprägter Kreis mit rund 160.000 Einwohnerinnen und Einwohnern. Im Jahr 2019 waren im Jobcenter 2.300 erwerbsfähige Leistungsberechtigte länger als zwei Jahre ohne Arbeit, fast die Hälfte von ihnen war 50 Jahre oder älter. Viele dieser Menschen hatten jahrzehntelang in der Industrie oder im Handwerk gearbeitet und ihre Stelle durch Betriebsschließungen verloren. Gesundheitliche Probleme, fehlende Mobilität und die Erfahrung vieler erfolgloser Bewerbungen hatten ihr Selbstvertrauen stark beeinträchtigt.",
                    "Die bisherige Betreuung mit einem Betreuungsschlüssel von etwa 1 zu 150 ließ kaum Raum für eine intensive Begleitung. Das Jobcenter entschied sich deshalb, gemeinsam mit dem Landkreis ein eigenes Programm für ältere Langzeitarbeitslose aufzulegen, das in diesem illustrativen Beispiel Brückenjahr 50plus heißt.",
                ],
            ),
            (
                "Das Programm",
                [
                    "Brückenjahr 50plus richtet sich an Leistungsberechtigte ab 50 Jahren, die seit mindestens zwei Jahren arbeitslos sind. Die Teilnahme ist freiwillig und dauert in der Regel zwölf Monate. Jede Teilnehmerin und jeder Teilnehmer wird von einem festen Coach betreut, der höchstens 40 Personen begleitet. Die Gespräche finden nicht nur im Jobcenter statt, sondern auch bei Hausbesuchen, in Cafés oder direkt in Betrieben.",
                    "Das Programm gliedert sich in drei Phasen. In den ersten drei Monaten steht die Stabilisierung im Vordergrund: Es werden keine Vermittlungsvorschläge gemacht, stattdessen geht es um Gesundheit, Alltagsstruktur und die Klärung persönlicher Probleme. In der zweiten Phase folgen Kompetenzfeststellung, kurze Qualifizierungen und ein zweiwöchiges Probearbeiten in einem Betrieb. In der dritten Phase unterstützt der Coach die Aufnahme einer Beschäftigung und begleitet die ersten sechs Monate im neuen Job.",
                    "Ein Gesundheitsmodul wird in Kooperation mit einer regionalen Krankenkasse angeboten. Es umfasst Bewegungsangebote, Ernährungsberatung und auf Wunsch eine arbeitsmedizinische Einschätzung der Belastbarkeit. Arbeitgeber, die eine Teilnehmerin oder einen Teilnehmer einstellen, können einen Eingliederungszuschuss von bis zu 50 Prozent des Arbeitsentgelts für höchstens zwölf Monate erhalten.",
                ],
            ),
            (
                "Zusammenarbeit mit dem Landkreis",
                [
                    "Da das Jobcenter eine gemeinsame Einrichtung von Bundesagentur für Arbeit und Landkreis ist, konnten kommunale Leistungen eng mit der Arbeitsförderung verknüpft werden. Der Landkreis stellte Plätze in der Schuldnerberatung und der Suchtberatung mit Wartezeiten von höchstens zwei Wochen zur Verfügung. Die Pflegeberatung des Landkreises half Teilnehmenden, die Angehörige pflegen, eine Beschäftigung mit der Pflege zu vereinbaren.",
                    "Besonders wichtig war im ländlichen Raum die Mobilität. Der Landkreis finanzierte für Teilnehmende ein kostenloses Ticket für den öffentlichen Nahverkehr und stellte in Zusammenarbeit mit einem Verein 25 E-Bikes zur Ausleihe bereit. In drei Gemeinden wurden zudem Mitfahrgelegenheiten zu Schichtbeginn organisiert, die von den Betrieben mitgetragen wurden.",
                ],
            ),
            (
                "Ergebnisse",
                [
                    "Von 2020 bis 2022 nahmen 420 Personen an Brückenjahr 50plus teil, ihr Durchschnittsalter lag bei 56 Jahren. Insgesamt 34 Prozent der Teilnehmenden nahmen innerhalb des Programmjahres eine sozialversicherungspflichtige Beschäftigung auf, weitere 9 Prozent eine geringfügige Beschäftigung. Von den sozialversicherungspflichtig Beschäftigten waren 61 Prozent zwölf Monate nach Arbeitsaufnahme noch beim selben oder einem anderen Arbeitgeber beschäftigt.",
                    "Zum Vergleich: Bei älteren Langzeitarbeitslosen in der Regelbetreuung lag die Integrationsquote im selben Zeitraum bei 12 Prozent. Auch die Teilnehmenden, die keine Arbeit fanden, berichteten in Abschlussgesprächen von einem besseren Gesundheitszustand und mehr Selbstvertrauen. Die Abbruchquote lag bei 14 Prozent, häufigster Grund waren schwere Erkrankungen.",
                    "Auf Seiten der Arbeitgeber erwies sich das Probearbeiten als Schlüssel. Von den Betrieben, die ein Probearbeiten anboten, stellten 46 Prozent die Person anschließend ein. Viele Arbeitgeber gaben an, dass sie ihre Vorbehalte gegenüber älteren Bewerberinnen und Bewerbern erst durch den persönlichen Eindruck abgebaut hätten.",
                ],
            ),
            (
                "Ein Fallbeispiel",
                [
                    "Herr K., 58 Jahre alt, hatte 31 Jahre als Maschinenführer in einem Zulieferbetrieb gearbeitet, bis das Werk 2017 geschlossen wurde. Nach mehr als hundert erfolglosen Bewerbungen hatte er die Suche weitgehend aufgegeben, litt unter Rückenschmerzen und verließ kaum noch sein Dorf. In den ersten Wochen von Brückenjahr 50plus traf ihn sein Coach zweimal zu Hause und vermittelte ihn in das Gesundheitsmodul, in dem er an einem Rückentraining teilnahm.",
                    "In der zweiten Phase zeigte die Kompetenzfeststellung, dass Herr K. über umfangreiche Erfahrung in der Qualitätskontrolle verfügte. Nach einer vierwöchigen Schulung zur Prüftechnik absolvierte er ein Probearbeiten bei einem mittelständischen Metallbetrieb, der eine Teilzeitstelle in der Wareneingangskontrolle zu besetzen hatte. Der Betrieb stellte ihn mit einem Eingliederungszuschuss ein und erhöhte die Arbeitszeit nach sechs Monaten auf eine Vollzeitstelle. Den Arbeitsweg legt Herr K. mit einem der E-Bikes aus dem Programm zurück.",
                ],
            ),
            (
                "Erkenntnisse",
                [
                    "Die wichtigste Erkenntnis ist, dass ältere Langzeitarbeitslose Zeit brauchen, um wieder Vertrauen aufzubauen. Der bewusste Verzicht auf Vermittlungsvorschläge in den ersten drei Monaten wurde anfangs intern kritisch gesehen, hat sich aber bewährt. Ebenso entscheidend war der niedrige Betreuungsschlüssel, der regelmäßige und persönliche Kontakte erst möglich machte.",
                    "Die Zusammenarbeit mit dem Landkreis funktionierte am besten dort, wo feste Ansprechpersonen benannt und kurze Wege vereinbart waren. Schwierig blieb die Finanzierung: Da das Programm aus jährlich neu bewilligten Mitteln bezahlt wurde, mussten Coaches mehrfach befristet beschäftigt werden, was zu Personalwechseln führte. Das Jobcenter empfiehlt deshalb eine mehrjährige Finanzierung solcher Programme.",
                ],
            ),
            (
                "Ausblick",
                [
                    "Ab 2023 wird Brückenjahr 50plus in die Regelstrukturen des Jobcenters überführt. Geplant ist, das Programm für Langzeitarbeitslose unter 50 Jahren mit ähnlichen Problemlagen zu öffnen und die Zusammenarbeit mit den Betrieben durch einen gemeinsamen Arbeitgeberservice von Jobcenter und Agentur für Arbeit zu verstärken. Zudem sollen die Coaches eine Weiterbildung in motivierender Gesprächsführung erhalten.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ DE / de (employers, disability)
    {
        "id": "de_arbeitgeberservice_inklusion_2023",
        "fmt": "pdf",
        "lang": "de",
        "set_title": True,
        "title": "Inklusionslotsen im Arbeitgeber-Service: Betriebe für die Beschäftigung schwerbehinderter Menschen gewinnen",
        "org_line": "Agentur für Arbeit Nordstadt (fiktiv), Bundesagentur für Arbeit - Praxisbeispiel, 2023",
        "disclaimer": "Illustratives Beispiel, verfasst für das PES-Wissensdatenbankprojekt; kein offizielles Dokument. Die Agentur Nordstadt, die Bezeichnung Inklusionslotsen und alle Zahlen sind erfunden.",
        "sections": [
            (
                "Ausgangslage",
                [
                    "Arbeitgeber mit mindestens 20 Arbeitsplätzen sind in Deutschland verpflichtet, fünf Prozent dieser Plätze mit schwerbehinderten Menschen zu besetzen; andernfalls zahlen sie eine Ausgleichsabgabe. Im Bezirk der Agentur für Arbeit Nordstadt erfüllten 2020 rund 60 Prozent der kleinen und mittleren Unternehmen diese Quote nicht. Gleichzeitig waren 1.900 schwerbehinderte Menschen arbeitslos gemeldet, viele davon mit guten beruflichen Qualifikationen.",
                    "Gespräche mit Unternehmen zeigten, dass es selten an grundsätzlicher Bereitschaft fehlte. Vielmehr fühlten sich vor allem kleinere Betriebe von der Vielzahl der Zuständigkeiten überfordert: Agentur für Arbeit, Integrationsamt, Integrationsfachdienst, Rentenversicherung und Berufsgenossenschaft bieten jeweils eigene Leistungen an.",
                ],
            ),
            (
                "Die Praxis",
                [
                    "Im Jahr 2021 wurden im Arbeitgeber-Service vier Stellen für sogenannte Inklusionslotsen geschaffen. Die Lotsen sprechen gezielt Betriebe mit 20 bis 250 Beschäftigten an, die die Beschäftigungsquote nicht erfüllen. Sie bieten einen einzigen Ansprechpartner für alle Fragen rund um die Einstellung schwerbehinderter Menschen.",
                    "Bei einem ersten Betriebsbesuch klären die Lotsen den Personalbedarf und stellen passende Bewerberinnen und Bewerber aus dem Bestand der Agentur vor. Anschließend koordinieren sie die Förderleistungen: Eingliederungszuschüsse, Zuschüsse für die behinderungsgerechte Ausstattung des Arbeitsplatzes über das Integrationsamt und die Begleitung durch den Integrationsfachdienst in den ersten Monaten. Die Antragsunterlagen werden gemeinsam mit dem Betrieb ausgefüllt.",
                    "Ergänzend organisieren die Lotsen zweimal im Jahr ein Frühstück für Personalverantwortliche, bei dem Unternehmen, die bereits schwerbehinderte Menschen beschäftigen, von ihren Erfahrungen berichten. Dabei werden auch verbreitete Irrtümer angesprochen, etwa zum besonderen Kündigungsschutz, der nach Erfahrung der Lotsen häufig überschätzt wird.",
                ],
            ),
            (
                "Ergebnisse",
                [
                    "In den ersten zwei Jahren besuchten die vier Inklusionslotsen 310 Betriebe. Daraus entstanden 96 Einstellungen schwerbehinderter Menschen, davon 71 in unbefristete Arbeitsverhältnisse. Zwischen dem ersten Kontakt und der Einstellung vergingen durchschnittlich neun Wochen. Insgesamt 38 Betriebe stellten zum ersten Mal überhaupt einen schwerbehinderten Menschen ein.",
                    "Eine Befragung der beteiligten Unternehmen ergab, dass 87 Prozent den festen Ansprechpartner als wichtigsten Vorteil nannten. Kritisch bewertet wurde die Dauer der Bewilligung von Arbeitsplatzanpassungen, die in einzelnen Fällen mehr als vier Monate betrug.",
                ],
            ),
            (
                "Erkenntnisse",
                [
                    "Betriebe wollen nicht durch ein System von Zuständigkeiten geführt werden, sondern eine Person, die ihre Sprache spricht und Probleme löst. Die Lotsen haben sich deshalb bewusst als Dienstleister für Arbeitgeber verstanden und nicht in erster Linie als Vermittler für eine bestimmte Zielgruppe. Gleichzeitig setzt der Erfolg gut vorbereitete Bewerberinnen und Bewerber voraus: Die enge Abstimmung mit den Beratungsfachkräften für berufliche Rehabilitation war daher unverzichtbar.",
                    "Die Agentur plant, die Zahl der Lotsen auf sechs zu erhöhen und mit dem Integrationsamt feste Bearbeitungsfristen für Anträge auf Arbeitsplatzausstattung zu vereinbaren.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ FR / fr
    {
        "id": "fr_parcours_rebond_dld_2023",
        "fmt": "pdf",
        "lang": "fr",
        "set_title": True,
        "title": "Parcours Rebond : un accompagnement intensif pour les demandeurs d'emploi de longue durée",
        "org_line": "France Travail, direction territoriale Loire-Vallée (fictive) - étude de cas, 2023",
        "disclaimer": "Exemple illustratif rédigé pour le projet de base de connaissances des SPE ; il ne s'agit pas d'un document officiel. Le territoire, le dispositif et les chiffres sont inventés.",
        "sections": [
            (
                "Contexte",
                [
                    "Malgré l'amélioration générale du marché du travail, le nombre de demandeurs d'emploi inscrits depuis plus d'un an reste élevé dans certains territoires. Dans la direction territoriale Loire-Vallée, nom fictif utilisé pour cet exemple, près de 42 % des demandeurs d'emploi de catégorie A étaient inscrits depuis plus de douze mois en 2020, et un tiers d'entre eux avaient plus de 50 ans. Beaucoup cumulaient des freins périphériques : problèmes de santé, absence de permis de conduire, difficultés de logement ou endettement.",
                    "Dans le suivi habituel, un conseiller pouvait avoir plus de 250 personnes dans son portefeuille, ce qui limitait les contacts à un entretien tous les deux ou trois mois. Pour rompre cette spirale, la direction a lancé en 2021 le Parcours Rebond, un accompagnement intensif réservé aux demandeurs d'emploi de longue durée.",
                ],
            ),
            (
                "Le dispositif",
                [
                    "Le Parcours Rebond s'adresse aux personnes inscrites depuis au moins douze mois au cours des quinze derniers mois. Il dure six mois et peut être prolongé de trois mois si un projet est en cours de concrétisation. Chaque conseiller dédié suit au maximum 70 personnes, ce qui permet un contact au moins hebdomadaire, par téléphone, par visioconférence ou en agence.",
                    "Le parcours commence par un diagnostic approfondi d'une demi-journée, suivi d'un atelier collectif de deux jours consacré à la confiance en soi et à la valorisation de l'expérience. Pour les personnes de plus de 50 ans, un module spécifique aborde la présentation des compétences acquises au cours d'une longue carrière et la manière de répondre aux préjugés liés à l'âge lors d'un entretien d'embauche.",
                    "Un élément central est l'immersion professionnelle : les participants peuvent effectuer une ou plusieurs périodes de mise en situation en milieu professionnel d'une durée maximale de deux semaines, sans engagement pour l'entreprise. Ces immersions permettent de tester un métier, de confirmer un projet de reconversion et, souvent, de convaincre un employeur qui n'aurait pas retenu la candidature sur la seule base d'un CV.",
                    "Les conseillers disposent en outre d'une enveloppe d'aides mobilisables rapidement, par exemple pour financer le permis de conduire, une réparation de voiture, des frais de garde d'enfants ou l'achat de vêtements de travail. Le montant moyen mobilisé par participant était de 480 euros.",
                ],
            ),
            (
                "Partenariats",
                [
                    "Le dispositif repose sur une coopération étroite avec le conseil départemental, responsable de l'insertion des bénéficiaires du revenu de solidarité active (RSA). Un référent social du département participe aux réunions de suivi mensuelles, ce qui permet de traiter en parallèle les questions de logement, de santé ou de dettes. Des conventions ont également été signées avec deux structures d'insertion par l'activité économique et avec un réseau d'entreprises locales engagées pour l'inclusion.",
                    "Pour rapprocher les participants des recruteurs, les agences organisent chaque trimestre des rencontres de recrutement sans CV, appelées job dating seniors, où les employeurs échangent directement avec les candidats pendant dix minutes. Les entreprises participantes s'engagent à donner une réponse à chaque candidat dans un délai de quinze jours.",
                ],
            ),
            (
                "Résultats",
                [
                    "Entre 2021 et 2023, 2 150 personnes ont suivi le Parcours Rebond, dont 40 % âgées de plus de 50 ans. Six mois après l'entrée dans le dispositif, 47 % des participants avaient retrouvé un emploi, et 29 % occupaient un emploi durable, c'est-à-dire un CDI ou un contrat d'au moins six mois. Pour les participants de plus de 50 ans, le taux de retour à l'emploi atteignait 38 %.",
                    "Une comparaison avec un groupe de demandeurs d'emploi de longue durée présentant des caractéristiques similaires, mais suivis dans le cadre habituel, montre un écart de 14 points en faveur du Parcours Rebond. Les immersions professionnelles ont joué un rôle déterminant : 35 % des embauches ont eu lieu dans une entreprise où le participant avait effectué une immersion.",
                    "Les participants soulignent surtout la disponibilité du conseiller et le sentiment d'être de nouveau pris au sérieux. Les conseillers, de leur côté, apprécient de pouvoir travailler en profondeur, mais signalent une charge émotionnelle importante face à des situations sociales difficiles.",
                ],
            ),
            (
                "Enseignements",
                [
                    "Premier enseignement : l'intensité de l'accompagnement compte davantage que la nature de chaque outil. Un portefeuille réduit à 70 personnes est la condition qui rend tout le reste possible. Deuxième enseignement : les ateliers collectifs réduisent l'isolement, notamment chez les seniors, qui y trouvent un soutien mutuel et des contacts utiles.",
                    "Troisième enseignement : la levée des freins périphériques doit être organisée en même temps que la recherche d'emploi, et non avant. Attendre que tous les problèmes sociaux soient réglés conduit à repousser indéfiniment le retour à l'emploi. Enfin, les conseillers dédiés ont besoin d'un appui spécifique, sous forme de supervision et d'analyse de pratiques, pour tenir dans la durée.",
                ],
            ),
            (
                "Perspectives",
                [
                    "À partir de 2024, le dispositif doit être étendu à l'ensemble des agences de la direction territoriale. Une attention particulière sera portée à l'articulation avec l'accompagnement des bénéficiaires du RSA, afin que les personnes suivies par le département et par France Travail disposent d'un seul plan d'action partagé.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ LU / fr
    {
        "id": "lu_pass_numerique_2022",
        "fmt": "pdf",
        "lang": "fr",
        "set_title": True,
        "title": "Pass Numérique : une formation courte aux compétences numériques de base",
        "org_line": "ADEM - Agence pour le développement de l'emploi (Luxembourg) - exemple de pratique, 2022",
        "disclaimer": "Exemple illustratif rédigé pour le projet de base de connaissances des SPE ; il ne s'agit pas d'un document officiel. Le nom de la formation et les chiffres sont inventés.",
        "sections": [
            (
                "Contexte",
                [
                    "Avec la généralisation des candidatures en ligne et des démarches numériques, l'ADEM a constaté qu'une partie des demandeurs d'emploi n'utilisait pas son espace personnel en ligne, faute de compétences numériques de base. Les conseillers passaient un temps considérable à aider des personnes à téléverser un CV ou à répondre au courriel d'un employeur.",
                ],
            ),
            (
                "La pratique",
                [
                    "Le Pass Numérique, nom inventé pour cet exemple, est une formation de 40 heures réparties sur quatre semaines, en groupes de dix personnes au maximum. Elle couvre l'utilisation de la messagerie électronique, la création d'un CV en ligne, les candidatures sur les plateformes d'emploi, la participation à un entretien par visioconférence et les règles de base de la sécurité en ligne. La formation est proposée en français, en allemand et en portugais, et vise en priorité les personnes peu qualifiées et les demandeurs d'emploi de plus de 45 ans.",
                ],
            ),
            (
                "Résultats",
                [
                    "En 2022, 560 personnes ont commencé le Pass Numérique et 88 % l'ont terminé. Trois mois après la formation, la part des participants utilisant régulièrement leur espace personnel en ligne est passée de 35 % à 71 %. Les conseillers estiment avoir gagné en moyenne vingt minutes par entretien.",
                ],
            ),
            (
                "Enseignements",
                [
                    "Les petits groupes et la possibilité de suivre la formation dans sa langue ont été décisifs pour la participation. Les formateurs recommandent de travailler sur les propres appareils des participants, notamment leur smartphone, car c'est l'outil qu'ils utiliseront ensuite pour chercher un emploi.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ DK / en
    {
        "id": "dk_company_contact_desk_2021",
        "fmt": "pdf",
        "lang": "en",
        "set_title": True,
        "title": "Company Contact Desk: a single entry point for employers in a municipal jobcentre",
        "org_line": "Jobcenter Aalby (fictional Danish municipality) - practice case study, 2021",
        "disclaimer": EN_DISCLAIMER
        + " The municipality, the service name and all figures are invented.",
        "sections": [
            (
                "Context",
                [
                    "In Denmark, employment services are delivered by jobcentres run by the municipalities. In the fictional municipality of Aalby, used for this illustrative example, local employers complained that they were contacted by many different caseworkers, each promoting their own jobseekers, while nobody took responsibility for their recruitment needs. At the same time, vacancies in care, construction and logistics remained open for months.",
                ],
            ),
            (
                "The practice",
                [
                    "In 2019 the jobcentre set up a Company Contact Desk as a single entry point for all employers. Employers can reach the desk by phone or email, and every enquiry is answered within 24 hours on working days. Behind the desk sit six company consultants, each specialised in one sector: construction, health and social care, hospitality, logistics, manufacturing, and retail.",
                    "The core offer is a recruitment guarantee: when an employer registers a vacancy, the consultant presents a shortlist of suitable and motivated candidates within five working days. Consultants pre-screen candidates from the jobcentre's CV database in person or by video before proposing them. If no suitable candidate is available, the employer is told so openly, and the consultant suggests alternatives such as a short targeted training course or a company internship.",
                    "Company internships of up to four weeks allow jobseekers to show their skills in a real workplace while keeping their benefits. The consultants also help employers with wage subsidy applications and with the paperwork for hiring people with reduced working capacity in flexible jobs. All employer contacts are recorded in a shared customer relationship management system, which since 2021 has also been used by two neighbouring municipalities.",
                ],
            ),
            (
                "Results",
                [
                    "The number of employers in active contact with the jobcentre rose by 40 percent between 2019 and 2021. Vacancies filled with candidates proposed by the jobcentre increased from 780 in 2019 to 1,240 in 2021. In an annual survey, employers gave the desk an average satisfaction score of 8.2 out of 10, and 64 percent of employers who used the service in 2020 used it again in 2021.",
                    "The recruitment guarantee was met in 91 percent of cases. Where it was not met, the main reasons were a lack of candidates with specific certificates, for instance forklift licences or heavy-goods driving licences. In response, the jobcentre organised short certification courses for jobseekers, which were often planned together with the employers who needed the staff.",
                ],
            ),
            (
                "Lessons learned",
                [
                    "The first lesson is that sector specialisation builds credibility. Employers appreciated consultants who understood shift patterns, certificates and working conditions in their industry. The second lesson is quality before quantity: sending fewer, better-screened candidates increased trust, while sending many unsuitable candidates had previously damaged the jobcentre's reputation.",
                    "Finally, employer services and services for jobseekers must be closely connected. Consultants meet weekly with caseworkers to discuss open vacancies and candidates, so that knowledge about employers' needs also shapes the guidance and training offered to unemployed people, including those who have been out of work for a long time.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ FI / en
    {
        "id": "fi_municipal_employment_pilots_2023",
        "fmt": "pdf",
        "lang": "en",
        "set_title": True,
        "title": "Municipal employment pilots: lessons for moving employment services to local government",
        "org_line": "Järvilahti employment area (fictional), Finland - evaluation summary, 2023",
        "disclaimer": EN_DISCLAIMER
        + " The employment area, the measures described and all figures are invented.",
        "sections": [
            (
                "Background",
                [
                    "Finland has decided to transfer responsibility for public employment services from the state to municipalities. Before the reform, municipal employment pilots tested how local government could organise services for selected groups of jobseekers. This evaluation summary describes the Järvilahti employment area, a fictional cooperation area of four municipalities with about 180,000 inhabitants, which started its pilot in March 2021. The results reported here cover the period up to mid-2023.",
                    "The pilot covered three groups of customers: unemployed people under 30, people who had been unemployed for more than 12 months, and immigrants registered as jobseekers. Together these groups accounted for about 11,000 customers at any one time. Other jobseekers continued to be served by the state employment office during the pilot period.",
                ],
            ),
            (
                "How the pilot worked",
                [
                    "Every new customer was invited to an initial interview within five working days of registering as a jobseeker. During the first three months, customers had a personal meeting or video call with their employment adviser every two weeks, after which the frequency was adjusted to their needs. Job search obligations were agreed individually in a job search plan, with most customers required to apply for at least four jobs a month.",
                    "A key difference compared with the previous model was that the municipality could combine employment services with its own services. Wage subsidies paid by the state were topped up by a municipal employment bonus of EUR 300 per month for employers who hired a long-term unemployed person for at least six months. The municipalities also offered rehabilitative work activity for customers who were not yet able to take up regular employment.",
                ],
            ),
            (
                "Multi-professional teams",
                [
                    "For long-term unemployed customers, the pilot set up multi-professional teams that included employment advisers, social workers, a public health nurse and a psychologist. Customers with complex needs met the team together, which reduced the need to tell the same story to several authorities. With the customer's written consent, team members could share information between employment services and municipal social and health services.",
                    "Young people under 30 were served in a one-stop guidance centre located in the centre of the largest town. There, they could meet employment advisers, study counsellors, youth workers and a nurse without an appointment. The centre also ran a weekly drop-in afternoon for young people who had dropped out of upper secondary education.",
                ],
            ),
            (
                "Support for immigrants",
                [
                    "For immigrant customers, the pilot introduced a work-based language path. Instead of completing a full Finnish language course before looking for work, participants combined two days of language training a week with three days of work practice in a company. Language teachers visited the workplaces to prepare vocabulary lists and exercises linked to the participant's tasks. The path was offered mainly in cleaning, logistics, care work and restaurants.",
                    "About 650 immigrants took part in the work-based language path in 2021 and 2022. Of those who completed it, 44 percent were employed six months later, and their language skills developed faster than those of comparable learners in classroom-only courses.",
                ],
            ),
            (
                "Working with employers",
                [
                    "The employment area created a joint business service with the municipal business development companies. Employer advisers visited about 1,100 local companies during the pilot and offered a single contact point for recruitment, wage subsidies and training. Where employers could not find staff, the service organised tailored recruitment training: short courses designed with an employer, in which unemployed participants were trained for specific vacancies and hired after completing the course.",
                    "Employers particularly valued help with the administration of wage subsidies, which many small companies found too complicated to apply for on their own. The business service also connected employers with the work-based language path, which made it easier for companies to take on immigrants whose Finnish was still limited.",
                ],
            ),
            (
                "Results",
                [
                    "Among long-term unemployed customers, 27 percent found employment within 12 months of joining the pilot, compared with 21 percent in comparison areas served by the state employment office. The share of customers who received their initial interview within five working days was 92 percent. Customer satisfaction rose during the pilot, particularly among young people.",
                    "However, the results varied strongly between the four municipalities. The largest town, with its own business services and education institutions, achieved better results than the smallest municipality, where a single adviser sometimes had to cover all customer groups. Staff turnover was high in the first year, as many advisers were uncertain about their future employer after the reform.",
                ],
            ),
            (
                "Lessons learned",
                [
                    "The first lesson is that closeness to municipal services is the main advantage of local employment services. The combination of employment, social, health and education services helped customers whose problems could not be solved by one authority alone. The second lesson is that small municipalities need to cooperate: an employment area should be large enough to employ specialised staff and to maintain relations with employers.",
                    "The third lesson concerns financing. Because municipalities pay a share of the unemployment benefits of long-term unemployed residents, they had a strong financial incentive to invest in activation. The evaluation recommends monitoring that this incentive does not lead municipalities to neglect customers who are less likely to find work quickly. Finally, common information systems and clear rules for data sharing must be ready before services are transferred, not afterwards.",
                ],
            ),
            (
                "Next steps",
                [
                    "The municipalities of the Järvilahti area have agreed to continue as a joint employment area after the reform. They plan to keep the multi-professional teams and the one-stop guidance centre, to extend the work-based language path to construction and industry, and to develop a shared set of indicators so that results can be compared between municipalities every quarter.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ EU / en (report)
    {
        "id": "eu_digital_services_pes_2024",
        "fmt": "pdf",
        "lang": "en",
        "set_title": True,
        "header": "PES Network - Illustrative sample report",
        "title": "Digital services in Public Employment Services: a synthesis of practices",
        "org_line": "European Network of Public Employment Services - thematic report, 2024",
        "disclaimer": EN_DISCLAIMER
        + " This is an illustrative sample report: the survey, the figures and the examples are invented.",
        "sections": [
            (
                "Introduction",
                [
                    "Over the past decade, digital channels have moved from the margins to the centre of public employment services. The COVID-19 pandemic accelerated this shift, as offices closed and services had to be delivered remotely almost overnight. This report summarises how PES across Europe use digital services today, what results they report, and which conditions appear necessary for digital services to improve outcomes rather than simply reduce costs.",
                    "The report is written for PES managers, counsellors and IT specialists who are planning or reviewing digital services. It does not rank PES against each other. Instead, it describes common approaches, illustrates them with short examples and draws out lessons that appear across different institutional settings.",
                ],
            ),
            (
                "Scope and method",
                [
                    "The synthesis is based on a survey of 27 PES carried out in spring 2023, complemented by twelve short case studies and three peer-learning workshops. The survey covered online registration, self-service functions, digital profiling, job matching, remote counselling, labour market information and measures to support jobseekers with limited digital skills. All figures in this report are invented for illustration and do not describe any real survey.",
                ],
            ),
            (
                "Online registration and self-service",
                [
                    "Online registration is now standard: 24 of the 27 PES allow jobseekers to register fully online, and in 15 of them more than half of all new registrations are completed online. The most common self-service functions are updating a CV, applying for vacancies, booking appointments, reporting changes in personal circumstances and downloading certificates. Several PES have introduced chatbots to answer frequent questions about benefits and obligations.",
                    "The experience of a Spanish regional service, where a chatbot handled a large share of routine enquiries, shows that self-service can free counsellors' time, but only if the content is updated continuously. PES that treated chatbots as a one-off IT project reported declining accuracy and user complaints after the first year. Successful services assign an editorial team that reviews unanswered questions every week.",
                    "Self-service also changes the work of front-office staff. Where routine transactions moved online, several PES retrained reception staff as digital helpers who support customers at self-service terminals in local offices. Counsellors reported spending less time on administrative questions and more time on guidance, although this effect took one to two years to materialise.",
                ],
            ),
            (
                "Digital profiling and matching",
                [
                    "Nineteen PES use some form of statistical profiling, usually to estimate the risk of long-term unemployment at registration. The models differ in the data they use, the outcome they predict and how results are communicated. Austrian, Irish and Belgian examples in the knowledge base illustrate a common pattern: the profiling result is a recommendation, and the counsellor can override it with a documented reason. Override rates reported by PES range from about 10 to 20 percent.",
                    "Eleven PES use skills-based matching that relies on a common classification of occupations and skills, often linked to the European ESCO classification. Instead of matching job titles, these systems compare the skills in a jobseeker's profile with those required in a vacancy and can suggest jobs in occupations that the jobseeker had not considered. PES report that skills-based suggestions widen job search, but that users need to understand why a vacancy is proposed.",
                    "Few PES have evaluated the effect of profiling or matching tools on employment outcomes with a rigorous design. Most report process indicators, such as the time between registration and the first interview or the share of suggested vacancies that lead to an application. Respondents agreed that more outcome evaluations are needed before profiling models are extended to decisions with larger consequences for jobseekers.",
                ],
            ),
            (
                "Blended and remote counselling",
                [
                    "Video counselling was introduced by almost all PES during the pandemic and has remained in use. In 2023, PES reported that between 10 and 35 percent of individual counselling sessions took place by video or telephone. Jobseekers value the time saved on travel, particularly in rural areas, while counsellors note that first meetings and conversations about sensitive issues work better face to face.",
                    "The most common model is therefore blended counselling, in which jobseekers and counsellors choose the channel for each contact. Some PES let jobseekers book the channel themselves when making an appointment online. Blended approaches require investment in equipment and training, and clear guidance on data protection during video calls.",
                ],
            ),
            (
                "Labour market information",
                [
                    "Fourteen PES publish interactive labour market information online, for example regional shortage lists, salary ranges by occupation, or forecasts of skills demand. These tools are used by jobseekers considering a career change, by career guidance practitioners and by employers planning recruitment. The most used features are simple: lists of occupations with many vacancies in the user's region and the qualifications needed to enter them.",
                    "Several respondents noted that labour market information is most useful when it is built into other services rather than published separately. Linking shortage information to training offers and to job suggestions helps jobseekers turn general information into concrete decisions.",
                ],
            ),
            (
                "Digital inclusion",
                [
                    "Between 15 and 30 percent of registered jobseekers have limited digital skills, according to PES estimates. The group includes many older jobseekers, people with low levels of education, and some migrants who are not yet familiar with the language used in online services. Without specific support, digital services risk widening rather than narrowing inequalities.",
                    "PES respond in three ways. First, they keep assisted channels open, such as self-service corners in local offices staffed by helpers, or assisted access points in municipal buildings. Second, they offer short digital skills courses for jobseekers, such as a 40-hour course run in Luxembourg. Third, they design online services in plain language and test them with users who have limited digital experience before launch.",
                ],
            ),
            (
                "Digital services for employers",
                [
                    "Digital services for employers have developed more slowly than those for jobseekers. Most PES offer online vacancy registration, but only about half allow employers to search anonymised candidate profiles or receive automatic candidate suggestions. Employers surveyed by several PES said they value fast, personal contact more than new online functions, especially when they recruit for hard-to-fill positions.",
                    "Promising practices combine online tools with a named contact person. In these models, the employer registers a vacancy online, the system proposes candidates, and an employer adviser checks the shortlist before it is sent. This keeps the speed of digital matching while avoiding the reputational damage caused by sending unsuitable candidates.",
                ],
            ),
            (
                "Staff skills and organisation",
                [
                    "Digital transformation changes job profiles inside PES. Counsellors need to be confident in video counselling, able to explain algorithmic recommendations, and able to help customers with online services. Nearly all PES in the survey reported training programmes on digital skills for staff, but only a minority had updated job descriptions or performance indicators to reflect the new tasks.",
                    "Organisational models also differ. Some PES concentrate remote services in national contact centres, while others keep digital and personal services within local offices so that the same counsellor follows the customer across channels. Respondents from smaller PES reported that a local model supports continuity, while larger PES valued the efficiency of specialised contact centres.",
                ],
            ),
            (
                "Measuring results",
                [
                    "PES measure digital services mainly through usage indicators: the share of online registrations, logins per month, chatbot conversations or the number of online applications. Fewer PES measure whether digital services improve employment outcomes or customer satisfaction for different groups. Only six of the 27 PES regularly break down satisfaction with online services by age, education or disability.",
                    "The report recommends linking digital indicators to the performance management framework of the PES, so that channel shift is not pursued as an aim in itself. Useful indicators include the time from registration to a first personal contact, the share of customers who switch from online to assisted channels, and employment outcomes of people mainly served online compared with those served face to face.",
                ],
            ),
            (
                "Data protection and ethics",
                [
                    "The use of algorithms in decisions about jobseekers raises questions of transparency, fairness and accountability. PES that use profiling models reported removing variables such as gender or nationality after ethical review, documenting the logic of the model for staff and jobseekers, and monitoring outcomes for different groups. The European AI Act treats many AI systems used in employment and in access to public services as high-risk, which will require PES to strengthen documentation, human oversight and risk management.",
                    "Respondents also highlighted the need to involve staff representatives and jobseekers' organisations when new digital tools are designed. Where counsellors were consulted early, acceptance of profiling and matching tools was considerably higher.",
                ],
            ),
            (
                "Conclusions and recommendations",
                [
                    "Digital services have become an essential part of PES delivery, but the evidence collected for this report suggests that their benefits depend on how they are combined with personal services. The guiding principle recommended by most respondents is digital by default, but not digital only.",
                    "The report makes five recommendations: (1) design online services together with users, including those with limited digital skills; (2) keep assisted and face-to-face channels available for people who need them; (3) treat profiling and matching results as support for professional judgement, with a documented right to override; (4) assign permanent teams to maintain chatbots and online content; and (5) monitor the effects of digital services on different groups of jobseekers and publish the results.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ ES / es (youth guarantee)
    {
        "id": "es_garantia_juvenil_primer_paso_2023",
        "fmt": "pdf",
        "lang": "es",
        "set_title": True,
        "title": "Programa Primer Paso: itinerarios de Garantía Juvenil con prácticas en empresas y mentoría",
        "org_line": "Servicio de Empleo de la Comunidad de Valdeluna (ficticio), Sistema Nacional de Garantía Juvenil - estudio de caso, 2023",
        "disclaimer": "Ejemplo ilustrativo redactado para el proyecto de base de conocimiento de los SPE; no es un documento oficial. La comunidad, el programa y las cifras son inventados.",
        "sections": [
            (
                "Contexto",
                [
                    "España ha registrado durante años una de las tasas de desempleo juvenil más altas de la Unión Europea. En la comunidad de Valdeluna, nombre ficticio utilizado en este ejemplo, en 2020 casi uno de cada tres jóvenes menores de 25 años que buscaban empleo no lo encontraba, y muchos de ellos habían abandonado los estudios sin obtener el título de la ESO. Aunque la mayoría estaba inscrita en el Sistema Nacional de Garantía Juvenil, una parte importante no recibía una oferta de calidad en el plazo de cuatro meses.",
                    "El servicio regional de empleo diseñó entonces el Programa Primer Paso, que combina orientación, formación y prácticas en empresas en un itinerario continuo. El objetivo era evitar que los jóvenes pasaran de una medida aislada a otra sin una progresión clara hacia el empleo.",
                ],
            ),
            (
                "El programa",
                [
                    "Pueden participar jóvenes de 16 a 29 años inscritos en el Sistema Nacional de Garantía Juvenil. El itinerario tiene tres fases. La primera es una fase de orientación de dos semanas, en la que cada joven elabora con su tutor de empleo un plan personal y realiza un balance de competencias. La segunda es una fase de formación de hasta 200 horas, vinculada siempre que es posible a un certificado de profesionalidad en sectores con demanda, como logística, hostelería, atención sociosanitaria o instalaciones eléctricas.",
                    "La tercera fase consiste en prácticas no laborales en una empresa durante tres meses. Los jóvenes reciben una beca de 450 euros mensuales durante las prácticas. Desde 2022 la beca se abona también durante la fase de formación, porque el abandono se concentraba precisamente en ese periodo, cuando muchos jóvenes necesitaban ingresos inmediatos.",
                ],
            ),
            (
                "Acompañamiento y mentoría",
                [
                    "Cada participante cuenta con dos figuras de apoyo. El tutor de empleo del servicio público acompaña el itinerario completo, con un máximo de 60 jóvenes por tutor, y mantiene al menos un contacto cada dos semanas. En la empresa, una persona de la plantilla actúa como mentora: explica las tareas, resuelve dudas cotidianas y evalúa el progreso al final de cada mes junto con el tutor.",
                    "Las empresas participantes firman un convenio en el que se comprometen a designar una persona mentora con al menos dos años de antigüedad y a valorar la contratación del joven al finalizar las prácticas. El servicio de empleo ofrece a las personas mentoras un taller de ocho horas sobre comunicación con jóvenes y gestión de conflictos.",
                ],
            ),
            (
                "Captación de jóvenes",
                [
                    "Para llegar a los jóvenes que no acuden a las oficinas, el programa utiliza las redes sociales, especialmente Instagram y TikTok, con vídeos cortos protagonizados por antiguos participantes. Además, el servicio de empleo colabora con los servicios sociales municipales, los institutos de educación secundaria y las asociaciones juveniles, que derivan a jóvenes en riesgo de exclusión.",
                ],
            ),
            (
                "Resultados",
                [
                    "Entre 2021 y 2022 participaron en el Programa Primer Paso 1.800 jóvenes, de los cuales el 35 % no tenía el título de la ESO. Seis meses después de terminar el itinerario, el 58 % tenía un contrato de trabajo, y el 41 % de esos contratos era indefinido. En el grupo de jóvenes sin título de la ESO, la tasa de inserción fue del 46 %.",
                    "La tasa de abandono durante la fase de formación bajó del 22 % al 13 % después de que la beca se extendiera a esa fase. Las empresas valoraron especialmente la figura del tutor de empleo como interlocutor estable: el 82 % de las empresas participantes declaró que volvería a acoger a jóvenes del programa.",
                    "Los resultados fueron más débiles en las zonas rurales, donde la oferta de empresas y de transporte público es limitada. En esas comarcas, solo el 39 % de los participantes consiguió un contrato en los seis meses siguientes.",
                ],
            ),
            (
                "Un ejemplo",
                [
                    "Lucía, de 19 años, dejó el instituto sin terminar la ESO y pasó dos años encadenando trabajos temporales en la hostelería. Se inscribió en Garantía Juvenil tras ver en Instagram el vídeo de una antigua participante. Durante la fase de orientación descubrió su interés por la logística, y en la fase de formación obtuvo un certificado de profesionalidad en actividades auxiliares de almacén, además del carné de carretillera.",
                    "Realizó sus prácticas en un centro de distribución de alimentación, donde un jefe de turno con quince años de experiencia actuó como mentor. Al terminar los tres meses, la empresa le ofreció un contrato indefinido. Hoy Lucía participa como voluntaria en los vídeos del programa y acompaña a nuevas participantes en su primera visita a la oficina de empleo.",
                ],
            ),
            (
                "Lecciones aprendidas",
                [
                    "La primera lección es que la continuidad del acompañamiento es tan importante como el contenido de cada fase. Los jóvenes valoran tener una misma persona de referencia durante todo el itinerario. La segunda lección es que el apoyo económico debe cubrir todo el itinerario; de lo contrario, los jóvenes con menos recursos abandonan para aceptar trabajos precarios.",
                    "La tercera lección se refiere a las personas mentoras en las empresas: su formación y reconocimiento son decisivos para la calidad de las prácticas. Por último, el programa muestra que la coordinación con los servicios sociales es imprescindible para llegar a los jóvenes más vulnerables, que rara vez se inscriben por iniciativa propia. Para las zonas rurales, el servicio estudia combinar las prácticas con ayudas al transporte y con formación a distancia.",
                ],
            ),
            (
                "Próximos pasos",
                [
                    "A partir de 2024, el servicio de empleo prevé ampliar el programa a 1.200 jóvenes al año y crear una red de empresas mentoras con reconocimiento público. También se evaluará, con un grupo de comparación, el efecto del programa a los dieciocho meses, para comprobar si los empleos obtenidos se mantienen en el tiempo.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ ES / es (digital)
    {
        "id": "es_oficina_virtual_empleo_2022",
        "fmt": "pdf",
        "lang": "es",
        "set_title": True,
        "title": "Oficina Virtual de Empleo: autoservicio en línea, cita previa y asistente conversacional",
        "org_line": "Servicio Regional de Empleo de Montesol (ficticio) - estudio de caso, 2022",
        "disclaimer": "Ejemplo ilustrativo redactado para el proyecto de base de conocimiento de los SPE; no es un documento oficial. La región, el asistente y las cifras son inventados.",
        "sections": [
            (
                "Contexto",
                [
                    "Hasta 2020, la mayoría de los trámites del servicio regional de empleo de Montesol, nombre ficticio, exigían acudir a una oficina: renovar la demanda de empleo, actualizar datos personales o solicitar un certificado. Con el cierre de las oficinas durante la pandemia, el servicio tuvo que ofrecer en pocas semanas alternativas en línea, y decidió convertir esa respuesta de emergencia en una oficina virtual permanente.",
                ],
            ),
            (
                "La práctica",
                [
                    "La Oficina Virtual de Empleo reúne en un único portal los principales trámites: inscripción y renovación de la demanda, cita previa, descarga de certificados, actualización del currículum y suscripción a alertas de ofertas de empleo. El acceso es posible con certificado digital, con el sistema de identificación electrónica de la administración o con un código enviado por SMS.",
                    "Un asistente conversacional llamado Clara, nombre inventado para este ejemplo, responde las consultas más frecuentes las 24 horas del día, en castellano y en inglés. Cuando no puede resolver una consulta, ofrece reservar una cita telefónica o por videollamada con una persona orientadora. Un equipo de tres personas revisa cada semana las preguntas que el asistente no supo responder y actualiza los contenidos.",
                    "Para no dejar atrás a quienes tienen dificultades con la tecnología, el servicio firmó convenios con 30 ayuntamientos para crear puntos de atención asistida en bibliotecas y centros cívicos, donde personal municipal formado ayuda a realizar los trámites. El portal cumple los criterios de accesibilidad WCAG 2.1 de nivel AA y fue probado con asociaciones de personas con discapacidad visual.",
                ],
            ),
            (
                "Resultados",
                [
                    "En 2022, el 64 % de las renovaciones de la demanda de empleo se realizó en línea, frente al 22 % en 2019. El asistente Clara atendió unas 120.000 consultas y resolvió el 78 % sin intervención humana. El tiempo medio de espera para obtener una cita con una persona orientadora se redujo de 12 a 4 días.",
                    "Los puntos de atención asistida registraron unas 9.000 visitas en su primer año. Las personas usuarias mayores de 55 años fueron las que más utilizaron este canal, y su grado de satisfacción fue superior al de la atención exclusivamente en línea.",
                ],
            ),
            (
                "Lecciones aprendidas",
                [
                    "La digitalización liberó tiempo de las personas orientadoras, que pudieron dedicarlo a la atención personalizada de quienes más lo necesitan. Sin embargo, la experiencia muestra que un asistente conversacional no es un proyecto que se termina: sin una revisión semanal de los contenidos, la calidad de las respuestas empeora rápidamente, sobre todo cuando cambian las normas sobre prestaciones.",
                    "Además, la brecha digital no se resuelve solo con tecnología. La colaboración con los ayuntamientos permitió ofrecer apoyo presencial cerca del domicilio, especialmente en municipios pequeños sin oficina de empleo. El servicio recomienda mantener siempre un canal presencial o telefónico como alternativa.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ ES / es (rural women, no PDF title)
    {
        "id": "es_rutas_mujeres_rurales_2021",
        "fmt": "pdf",
        "lang": "es",
        "set_title": False,
        "title": "Rutas: orientación profesional itinerante para mujeres en zonas rurales",
        "org_line": "Servicio de Empleo de la Sierra Norte (ficticio) - estudio de caso, 2021",
        "disclaimer": "Ejemplo ilustrativo redactado para el proyecto de base de conocimiento de los SPE; no es un documento oficial. El territorio, el programa y las cifras son inventados.",
        "sections": [
            (
                "Contexto",
                [
                    "En las comarcas de montaña de la Sierra Norte, territorio ficticio utilizado en este ejemplo, la oficina de empleo más cercana puede estar a más de una hora en coche. Muchas mujeres de los pueblos pequeños no estaban inscritas como demandantes de empleo, aunque deseaban trabajar, y el transporte público era escaso. La falta de servicios de cuidado infantil y de atención a personas mayores dificultaba además su participación en cursos de formación.",
                ],
            ),
            (
                "La práctica",
                [
                    "El programa Rutas, nombre inventado para este ejemplo, lleva la orientación profesional a los pueblos mediante una unidad móvil: una furgoneta adaptada como despacho, con conexión a internet y dos orientadoras. La unidad visita cada dos semanas 45 pueblos de menos de 2.000 habitantes, siguiendo un calendario fijo que se difunde a través de los ayuntamientos, las farmacias y las asociaciones de mujeres.",
                    "Las orientadoras realizan entrevistas individuales, balances de competencias y talleres en grupo sobre búsqueda de empleo, emprendimiento y economía social. Se presta atención especial a los sectores con oportunidades en el medio rural: cuidados de personas mayores, turismo rural, agroalimentación y comercio en línea. Durante los talleres, un servicio de cuidado infantil gratuito atiende a los hijos e hijas de las participantes en un local cedido por el ayuntamiento.",
                    "Entre visitas, las orientadoras mantienen el contacto mediante grupos de mensajería y llamadas, y comparten ofertas de empleo y cursos en línea. Las participantes que quieren crear una empresa son derivadas a un servicio de asesoramiento al emprendimiento de la diputación provincial.",
                ],
            ),
            (
                "Resultados",
                [
                    "Entre 2019 y 2021, Rutas atendió a 930 mujeres, de las cuales el 37 % tenía 45 años o más. En total, 212 participantes iniciaron un curso de formación, 148 encontraron un empleo y 41 pusieron en marcha su propio negocio, sobre todo en turismo rural y en servicios de cuidado. Más de la mitad de las participantes no había tenido nunca contacto con el servicio público de empleo.",
                ],
            ),
            (
                "Lecciones aprendidas",
                [
                    "La presencia regular y previsible en los pueblos genera confianza: muchas mujeres acudieron por primera vez a la furgoneta después de que una vecina les hablara del programa. El cuidado infantil durante las sesiones resultó imprescindible para la participación. La colaboración con los ayuntamientos, que ceden locales y difunden el calendario, reduce los costes y refuerza el arraigo local del servicio.",
                    "Como dificultad, el programa señala la escasez de ofertas de empleo con horarios compatibles con el cuidado familiar. Por ello, las orientadoras trabajan cada vez más con empresas locales para diseñar puestos a tiempo parcial o con horarios flexibles.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ IT / it
    {
        "id": "it_garanzia_giovani_aggancio_2022",
        "fmt": "pdf",
        "lang": "it",
        "set_title": True,
        "title": "Progetto Aggancio: raggiungere i giovani NEET non registrati con operatori di strada e centri per l'impiego",
        "org_line": "Agenzia regionale per il lavoro della Val Serena (fittizia) - caso di studio, 2022",
        "disclaimer": "Esempio illustrativo redatto per il progetto di base di conoscenza dei SPI; non è un documento ufficiale. Il territorio, il progetto e i dati sono inventati.",
        "sections": [
            (
                "Contesto",
                [
                    "In Italia la quota di giovani che non studiano, non lavorano e non seguono una formazione (NEET) è tra le più alte dell'Unione europea. Nella Val Serena, territorio fittizio usato per questo esempio, i centri per l'impiego constatavano che molti di questi giovani non si erano mai registrati al programma Garanzia Giovani e non conoscevano i servizi disponibili. Le campagne informative tradizionali, con manifesti e comunicati stampa, avevano avuto scarso effetto.",
                ],
            ),
            (
                "La pratica",
                [
                    "Il Progetto Aggancio, nome inventato per questo esempio, ha affiancato ai centri per l'impiego una squadra di sei operatori di strada, assunti in collaborazione con i comuni e con cooperative sociali. Gli operatori incontrano i giovani nei luoghi che frequentano: piazze, centri sportivi, eventi musicali, oratori e spazi di coworking. Il primo contatto è informale e non richiede alcuna registrazione.",
                    "Un elemento distintivo sono gli ambasciatori: giovani che hanno già partecipato a Garanzia Giovani e che raccontano la propria esperienza ai coetanei, anche attraverso Instagram. Quando un giovane mostra interesse, l'operatore lo accompagna al centro per l'impiego, fissa l'appuntamento e, se necessario, partecipa al primo colloquio.",
                    "Dopo la registrazione, i giovani ricevono un percorso di orientamento e, nella maggior parte dei casi, un tirocinio di sei mesi presso un'impresa locale, con un'indennità di 500 euro al mese. Per chi ha abbandonato la scuola sono previsti anche percorsi per il rientro nell'istruzione e nella formazione professionale.",
                ],
            ),
            (
                "Risultati",
                [
                    "Nel 2021 e nel 2022 gli operatori di strada hanno contattato 640 giovani NEET non registrati. Di questi, 390 si sono registrati a Garanzia Giovani e 210 hanno iniziato un tirocinio. Sei mesi dopo la fine del tirocinio, il 45 % dei partecipanti aveva un lavoro e un ulteriore 12 % era rientrato in un percorso di istruzione o formazione.",
                    "Secondo le interviste con i partecipanti, il fattore decisivo è stato il contatto con gli ambasciatori: due giovani su tre hanno dichiarato che non si sarebbero rivolti al centro per l'impiego senza il racconto di un coetaneo.",
                ],
            ),
            (
                "Lezioni apprese",
                [
                    "Per raggiungere i NEET più scoraggiati bisogna uscire dagli uffici e costruire fiducia prima di proporre una misura. Il coinvolgimento dei comuni e delle cooperative sociali è stato essenziale per conoscere i luoghi di aggregazione e le famiglie. Infine, la continuità della persona di riferimento, dall'aggancio fino al tirocinio, riduce gli abbandoni.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ PT / pt
    {
        "id": "pt_emprego_apoiado_2023",
        "fmt": "pdf",
        "lang": "pt",
        "set_title": True,
        "title": "Emprego Apoiado Mais: acompanhamento no posto de trabalho para pessoas com deficiência",
        "org_line": "IEFP - Instituto do Emprego e Formação Profissional, centro de emprego de Ribeira Alta (fictício) - estudo de caso, 2023",
        "disclaimer": "Exemplo ilustrativo redigido para o projeto de base de conhecimento dos SPE; não é um documento oficial. O centro de emprego, o programa e os números são inventados.",
        "sections": [
            (
                "Contexto",
                [
                    "As pessoas com deficiência continuam a enfrentar taxas de emprego muito inferiores às da restante população. No centro de emprego de Ribeira Alta, nome fictício usado neste exemplo, muitas colocações de pessoas com deficiência intelectual ou com problemas de saúde mental terminavam nos primeiros meses, não por falta de competências, mas por falta de apoio na adaptação ao local de trabalho.",
                ],
            ),
            (
                "A prática",
                [
                    "O programa Emprego Apoiado Mais, nome inventado para este exemplo, segue o modelo de emprego apoiado em cinco etapas: definição do perfil vocacional, procura de emprego, colocação, apoio no posto de trabalho e acompanhamento continuado. Cada participante tem um técnico de acompanhamento, que o ajuda a encontrar um emprego adequado às suas capacidades e o acompanha no local de trabalho durante até 12 meses.",
                    "Nas primeiras semanas, o técnico está presente no local de trabalho várias horas por dia, ajudando a aprender as tarefas e a organizar a rotina. Depois, a intensidade do apoio vai diminuindo gradualmente. Em cada empresa é identificado um colega de referência, que recebe uma breve formação e se torna o apoio natural da pessoa no dia a dia.",
                    "O programa é executado em parceria com centros de recursos da região, entidades sem fins lucrativos com experiência na reabilitação profissional. As empresas podem receber apoio financeiro para a adaptação do posto de trabalho e para a eliminação de barreiras arquitetónicas, bem como um apoio à contratação.",
                ],
            ),
            (
                "Resultados",
                [
                    "Entre 2021 e 2023 participaram 260 pessoas, das quais 57 % tinham deficiência intelectual ou problemas de saúde mental. Foram celebrados 118 contratos de trabalho, sobretudo na logística, na restauração, na limpeza e no comércio. Doze meses após a contratação, 80 % dos trabalhadores continuavam empregados, uma taxa muito superior à das colocações anteriores sem acompanhamento.",
                ],
            ),
            (
                "Lições aprendidas",
                [
                    "O acompanhamento no posto de trabalho é o elemento que faz a diferença: muitos problemas que levariam a um despedimento resolvem-se com uma conversa a tempo. A preparação dos colegas, através do colega de referência, cria apoios naturais que continuam depois do fim do acompanhamento. Horários flexíveis e um início com poucas horas por semana ajudaram muitas pessoas a ganhar confiança.",
                    "Para os empregadores, foi importante ter um interlocutor único e disponível. O centro de emprego recomenda integrar o emprego apoiado na oferta regular de serviços, em vez de o financiar através de projetos de curta duração.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ SE / sv
    {
        "id": "se_yrkesbron_nyanlanda_2022",
        "fmt": "pdf",
        "lang": "sv",
        "set_title": True,
        "title": "Yrkesbron: en snabbare väg till arbete för nyanlända med yrkeserfarenhet",
        "org_line": "Arbetsförmedlingen, region Mälardalen - fallstudie, 2022",
        "disclaimer": "Illustrativt exempel skrivet för PES-kunskapsbasprojektet; inte ett officiellt dokument. Namnet Yrkesbron och alla siffror är påhittade.",
        "sections": [
            (
                "Bakgrund",
                [
                    "Många nyanlända i Sverige har lång yrkeserfarenhet från sina ursprungsländer men saknar dokument som visar vad de kan. Utan bevis på sin kompetens och med begränsade kunskaper i svenska riskerar de att fastna i långa utbildningar eller i arbeten långt under sin kompetensnivå. Samtidigt har många branscher svårt att rekrytera personal.",
                ],
            ),
            (
                "Arbetssättet",
                [
                    "Yrkesbron, ett påhittat namn för detta exempel, är ett samarbete mellan Arbetsförmedlingen, kommunerna i regionen och branschorganisationer. Deltagarna genomgår först en kartläggning av sin yrkeserfarenhet på modersmålet. Därefter följer en validering på en arbetsplats under fyra veckor, där en handledare från branschen bedömer deltagarens kunskaper utifrån branschens egna krav.",
                    "Parallellt läser deltagarna yrkessvenska, det vill säga svenska med fokus på ordförråd och situationer från det egna yrket. Undervisningen ges av kommunens vuxenutbildning och kombineras med svenska för invandrare. Efter valideringen får deltagaren antingen ett intyg om sina kunskaper eller en kort kompletterande utbildning som är skräddarsydd för de luckor som valideringen har visat.",
                    "Yrkesbron erbjuds inom fyra yrkesområden med stor efterfrågan: bussförare, svetsare, undersköterskor och kockar. Varje deltagare får också en mentor från yrket, ofta en person som själv en gång har kommit till Sverige som nyanländ.",
                ],
            ),
            (
                "Resultat",
                [
                    "Under 2021 och 2022 deltog 540 personer i Yrkesbron. Inom tolv månader efter avslutad validering hade 46 procent fått ett arbete, och ytterligare 15 procent studerade vidare inom sitt yrke. Den genomsnittliga tiden från inskrivning på Arbetsförmedlingen till första anställning förkortades från 27 till 18 månader jämfört med en liknande grupp utan validering.",
                    "Kvinnor var underrepresenterade i början, särskilt inom svetsning och bussyrket. Efter att barnomsorg under kurstider hade ordnats tillsammans med kommunerna ökade andelen kvinnor från 22 till 38 procent.",
                ],
            ),
            (
                "Lärdomar",
                [
                    "Språket lärs bäst i sitt sammanhang: yrkessvenska i kombination med praktik gav snabbare framsteg än språkundervisning i klassrum. Arbetsgivarnas medverkan i utformningen av valideringen var avgörande för att intygen skulle få förtroende i branschen. Slutligen krävs en tydlig ansvarsfördelning mellan Arbetsförmedlingen och kommunerna, så att deltagarna inte faller mellan stolarna.",
                ],
            ),
            (
                "Nästa steg",
                [
                    "Från 2023 ska Yrkesbron utvidgas till fler yrken, bland annat elektriker och lastbilsförare. Arbetsförmedlingen vill också pröva digital validering av teoretiska kunskaper, så att den praktiska valideringen på arbetsplatsen kan kortas för deltagare med mycket erfarenhet.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ NL / nl (Markdown)
    {
        "id": "nl_samen_naar_werk_2023",
        "fmt": "md",
        "lang": "nl",
        "title": "Samen naar werk: wijkgerichte aanpak voor langdurig werklozen door UWV en gemeente",
        "org_line": "UWV en gemeente Lindemaas (fictief) - praktijkvoorbeeld, 2023",
        "disclaimer": "Illustratief voorbeeld, geschreven voor het PES-kennisbankproject; geen officieel document. De gemeente, de aanpak en alle cijfers zijn verzonnen.",
        "sections": [
            (
                "Aanleiding",
                [
                    "In de fictieve gemeente Lindemaas ontvingen in 2020 ruim 3.100 mensen een bijstandsuitkering, van wie twee derde al langer dan drie jaar. Tegelijkertijd meldden werkgevers in de regio grote tekorten in de zorg, de techniek en de logistiek. Gemeente en UWV werkten tot dan toe grotendeels langs elkaar heen: de gemeente begeleidde mensen in de bijstand, UWV mensen met een WW-uitkering, en beide benaderden dezelfde werkgevers.",
                ],
            ),
            (
                "De aanpak",
                [
                    "Met Samen naar werk, een verzonnen naam voor dit voorbeeld, bundelden gemeente en UWV hun krachten in drie wijken met een hoge werkloosheid. In elke wijk werkt een team van twee werkconsulenten van de gemeente, een adviseur van UWV en een medewerker van het sociale wijkteam vanuit een buurthuis. Bewoners kunnen zonder afspraak binnenlopen.",
                    "Deelnemers volgen een traject van 18 maanden. Na een kennismakingsgesprek thuis of in het buurthuis volgt een werkfit-traject met aandacht voor gezondheid, schulden en taal. Daarna begeleidt het team de deelnemer naar een betaalde baan, eventueel via een proefplaatsing van maximaal twee maanden met behoud van uitkering. Het gezamenlijke Werkgeversservicepunt van gemeente en UWV zoekt gericht naar passende vacatures.",
                ],
            ),
            (
                "Resultaten",
                [
                    "Tussen 2021 en 2023 namen 300 bewoners deel. Van hen vond 31 procent betaald werk, waarvan de helft voor minimaal 24 uur per week. Nog eens 22 procent begon aan een opleiding of vrijwilligerswerk als tussenstap. Het aantal werkgevers dat via het Werkgeversservicepunt kandidaten uit de wijken aannam, steeg van 18 naar 57.",
                ],
            ),
            (
                "Geleerde lessen",
                [
                    "Nabijheid werkt: bewoners die nooit op een afspraak op het gemeentehuis verschenen, liepen wel binnen in het buurthuis. De samenwerking tussen gemeente en UWV vraagt om gezamenlijke werkafspraken en een gedeeld registratiesysteem, anders ontstaan dubbele gesprekken. Ten slotte blijkt schuldhulpverlening vaak een voorwaarde om werk te kunnen aanvaarden, omdat mensen met hoge schulden er financieel nauwelijks op vooruitgaan.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ BE / en (HTML)
    {
        "id": "be_vdab_skills_matching_2024",
        "fmt": "html",
        "lang": "en",
        "title": "Skills-based matching on the online job platform",
        "org_line": "VDAB (Flemish public employment service, Belgium) - practice note, 2024",
        "disclaimer": EN_DISCLAIMER + " The figures and details are invented.",
        "sections": [
            (
                "Context",
                [
                    "Many jobseekers search only for vacancies with the same job title as their previous job. In a tight labour market with shortages in many occupations, this narrow search means that jobseekers miss opportunities and employers receive few applications. The Flemish PES therefore redesigned the matching engine of its online job platform around skills instead of job titles.",
                ],
            ),
            (
                "The practice",
                [
                    "Every jobseeker's online profile is translated into a set of competences taken from a common competence framework, which is also used to describe vacancies. The matching engine compares the two and suggests vacancies where at least 70 percent of the required competences are covered, including vacancies in occupations the jobseeker has never worked in. Each suggestion comes with a short explanation listing the matching competences and the ones that are missing.",
                    "Employers can search anonymised candidate profiles by competence and invite candidates to apply. Counsellors see the same suggestions and use them in conversations to discuss realistic career changes and short training courses that would close a competence gap.",
                ],
            ),
            (
                "Results",
                [
                    "One year after the launch, 35 percent of online applications were made to vacancies that the platform had suggested. Jobseekers who used the suggestions applied to jobs in 3.2 different occupations on average, compared with 1.6 before the redesign. Employers in shortage occupations reported more applications from candidates with a different professional background.",
                ],
            ),
            (
                "Lessons learned",
                [
                    "Explaining why a vacancy is suggested turned out to be essential: after explanations were added, the share of suggestions that users opened doubled. Competence profiles must be kept up to date, so jobseekers are reminded every three months to review them. Finally, automatic matching does not replace counsellors; it gives them better material for conversations about career options.",
                ],
            ),
        ],
    },
    # ------------------------------------------------------------------ MT / en (DOCX, not in catalogue)
    {
        "id": "mt_toolkit_older_jobseekers_2023",
        "fmt": "docx",
        "lang": "en",
        "title": "Toolkit: career guidance conversations with jobseekers aged 50 and over",
        "org_line": "Jobsplus (Malta) - counsellor toolkit, 2023",
        "disclaimer": EN_DISCLAIMER + " The exercises and figures are invented for illustration.",
        "sections": [
            (
                "Purpose of this toolkit",
                [
                    "This toolkit supports employment counsellors who hold career guidance conversations with jobseekers aged 50 and over. Many older jobseekers have long and stable work histories but little recent experience of applying for jobs. They often underestimate their transferable skills and overestimate the importance employers give to age. The toolkit proposes a five-step conversation that usually takes 45 to 60 minutes and can be spread over two meetings.",
                ],
            ),
            (
                "Step 1: Start from the person's experience",
                [
                    "Open the conversation by asking the jobseeker to describe the work they were proudest of, rather than the job they lost. This shifts the focus from loss to achievement. Write down concrete tasks, responsibilities and results, and avoid summarising a whole career in a single job title.",
                ],
            ),
            (
                "Step 2: Map transferable skills",
                [
                    "Use the transferable skills card set, a pack of 40 cards each naming one skill such as planning work for others, handling complaints or training new colleagues. Ask the jobseeker to sort the cards into three piles: skills they use with confidence, skills they have used occasionally, and skills they would like to develop. Counsellors report that this exercise often reveals skills that can be used in a different sector.",
                ],
            ),
            (
                "Step 3: Address age-related myths",
                [
                    "Discuss openly the beliefs that hold the jobseeker back, for example that employers never hire people over 55 or that older workers cannot learn new technology. Balance these beliefs with local examples of older workers who changed jobs recently. Prepare short, positive answers to questions about age that may come up in interviews.",
                ],
            ),
            (
                "Step 4: Build digital confidence",
                [
                    "Check whether the jobseeker can use online job portals, email and video calls. Where confidence is low, refer the person to a short digital skills course before the next meeting, and practise one online application together during the conversation.",
                ],
            ),
            (
                "Step 5: Agree a realistic action plan",
                [
                    "Close the conversation with no more than three concrete actions for the coming weeks, such as contacting two employers, joining a job club or attending a course. A job club brings together 8 to 10 jobseekers who meet weekly for six weeks to share leads and practise interviews. Schedule a follow-up contact within 10 working days.",
                ],
            ),
            (
                "Checklist for counsellors",
                [
                    "Before ending the meeting, check that the jobseeker has a written list of their transferable skills, a clear next step, a date for the follow-up contact and, if needed, a referral to digital skills training. Record the agreed actions in the case management system so that any colleague can continue the conversation.",
                ],
            ),
        ],
    },
]
