"""The first part of the sample documents (see ``sample_texts/__init__.py``)."""

from __future__ import annotations

from sample_texts.disclaimer import EN_DISCLAIMER

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
]
