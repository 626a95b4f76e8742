"""The second part of the sample documents (see ``sample_texts/__init__.py``)."""

from __future__ import annotations

from sample_texts.disclaimer import EN_DISCLAIMER

DOCS = [
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
]
