"""The third part of the sample documents (see ``sample_texts/__init__.py``)."""

from __future__ import annotations

from sample_texts.disclaimer import EN_DISCLAIMER

DOCS = [
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
