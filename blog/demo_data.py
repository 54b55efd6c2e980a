"""Demo content for the Digitalblog and the project pages (pure data, no Django).

All facts come from the Smart City team's onboarding letter for the Beirat
Lübeck Digital (September 2025). Where that letter gives no detail, the texts
stay general. The authors are fictional demo personas; post dates are demo
publication dates, not dates of events.

Shapes:

* ``CATEGORIES``: the five quality-of-life fields plus the themes the posts use.
* ``AUTHORS``: generic demo authors from the Smart City team.
* ``PROJECTS``: the seven projects, German and English.
* ``POSTS``: German posts; ``"en"`` is an English version or ``None``.
* ``TAGS_EN``: the English names of the posts' tags.
  Bodies are lists of ``(kind, text)`` with kind ``"heading"``,
  ``"paragraph"`` or ``"quote"``.
"""

OPEN_DATA_PORTAL = {
    "title": "Open-Data-Portal Schleswig-Holstein (Lübeck)",
    "url": "https://opendata.schleswig-holstein.de/dataset/?organization=luebeck",
}

MPSC = "Modellprojekt Smart City (MPSC)"
MPSC_BUDGET = "Teil der rund 11,2 Mio. € für alle MPSC-Maßnahmen der Umsetzungsphase"
MPSC_PERIOD = "2023–2028"

_STRATEGY_PHASE = {
    "date": "2021-2022",
    "de": "Strategiephase des Modellprojekts Smart City mit Fördermitteln von rund 2,2 Mio. €",
    "en": "Strategy phase of the Smart City model project, with funding of about €2.2 million",
}


CATEGORIES = [
    {
        "slug": "wohnen",
        "de": "Wohnen",
        "en": "Housing",
        "description_de": (
            "Eines der fünf Themenfelder der Lebensqualität: wie die Menschen in der "
            "Smart City Region Lübeck wohnen und leben."
        ),
        "description_en": (
            "One of the five quality-of-life fields: how people live and make their "
            "homes in the Smart City Region Lübeck."
        ),
    },
    {
        "slug": "mobilitaet",
        "de": "Mobilität",
        "en": "Mobility",
        "description_de": (
            "Eines der fünf Themenfelder der Lebensqualität: unterwegs sein in Stadt und "
            "Region, ob mobil oder nicht mobil."
        ),
        "description_en": (
            "One of the five quality-of-life fields: getting around the city and the region, whether mobile or not."
        ),
    },
    {
        "slug": "arbeiten",
        "de": "Arbeiten",
        "en": "Work",
        "description_de": (
            "Eines der fünf Themenfelder der Lebensqualität: Arbeit, Wirtschaft und Verwaltung in der Region."
        ),
        "description_en": (
            "One of the five quality-of-life fields: work, business and public administration in the region."
        ),
    },
    {
        "slug": "gesundheit",
        "de": "Gesundheit",
        "en": "Health",
        "description_de": (
            "Eines der fünf Themenfelder der Lebensqualität: Wohlbefinden und Gesundheit in jeder Lebensphase."
        ),
        "description_en": ("One of the five quality-of-life fields: well-being and health at every stage of life."),
    },
    {
        "slug": "freizeit",
        "de": "Freizeit",
        "en": "Leisure",
        "description_de": (
            "Eines der fünf Themenfelder der Lebensqualität: Freizeit, Kultur und Engagement in der Region."
        ),
        "description_en": ("One of the five quality-of-life fields: leisure, culture and volunteering in the region."),
    },
    {
        "slug": "infrastruktur",
        "de": "Digitale Infrastruktur",
        "en": "Digital infrastructure",
        "description_de": (
            "Der technische und organisatorische Unterbau der Smart City: Sensoren, "
            "Netze, Plattformen und Anwendungen als digitale Daseinsvorsorge."
        ),
        "description_en": (
            "The technical and organisational foundation of the smart city: sensors, "
            "networks, platforms and applications as a digital public service."
        ),
    },
    {
        "slug": "offene-daten",
        "de": "Offene Daten",
        "en": "Open data",
        "description_de": (
            "Frei zugängliche Daten der Hansestadt Lübeck, die Wissenschaft, Wirtschaft "
            "und alle Bürger:innen nutzen und teilen können."
        ),
        "description_en": (
            "Freely accessible data from the Hanseatic City of Lübeck that research, "
            "business and all residents can use and share."
        ),
    },
    {
        "slug": "beteiligung",
        "de": "Beteiligung und Teilhabe",
        "en": "Participation and inclusion",
        "description_de": (
            "Wie alle Menschen der Stadtgesellschaft die Smart City mitgestalten können, digital und analog."
        ),
        "description_en": ("How everyone in the community can help shape the smart city, online and offline."),
    },
    {
        "slug": "kultur",
        "de": "Kultur und Welterbe",
        "en": "Culture and heritage",
        "description_de": (
            "Lübecker Kulturgüter wie das UNESCO-Welterbe, Denkmäler und Gebäude, digital erlebbar gemacht."
        ),
        "description_en": (
            "Lübeck's cultural assets such as the UNESCO World Heritage site, monuments "
            "and buildings, brought to life digitally."
        ),
    },
    {
        "slug": "steuerung",
        "de": "Digitale Steuerung",
        "en": "Digital governance",
        "description_de": (
            "Wie die Hansestadt ihre digitalen Vorhaben steuert: Digitale Strategie, "
            "Digital Governance Board und Projektmanagement-Office."
        ),
        "description_en": (
            "How the city steers its digital work: the Digital Strategy, the Digital "
            "Governance Board and the project management office."
        ),
    },
]


AUTHORS = [
    {
        "slug": "redaktion-smart-city",
        "name": "Redaktion Smart City",
        "role_de": "Redaktion des Digitalblogs im Bereich Digitalisierung, Organisation und Strategie",
        "role_en": "Digital blog editors, Digitalisation, Organisation and Strategy department",
    },
    {
        "slug": "erika-mustermann",
        "name": "Erika Mustermann",
        "role_de": "Smart City Team, Beteiligung und Social Smart City (Demo-Autorin)",
        "role_en": "Smart City team, participation and Social Smart City (demo author)",
    },
    {
        "slug": "max-mustermann",
        "name": "Max Mustermann",
        "role_de": "Smart City Team, Infrastruktur und Mobilität (Demo-Autor)",
        "role_en": "Smart City team, infrastructure and mobility (demo author)",
    },
    {
        "slug": "alex-beispiel",
        "name": "Alex Beispiel",
        "role_de": "Smart City Team, Open Data und Kultur (Demo-Autor:in)",
        "role_en": "Smart City team, open data and culture (demo author)",
    },
]


PROJECTS = [
    {
        "slug": "smart-city-infrastruktur",
        "status": "in_progress",
        "funding_programme": MPSC,
        "funding_rate": 90,
        "budget": MPSC_BUDGET,
        "period": MPSC_PERIOD,
        "partners": "",
        "de": {
            "title": "Smart-City-Infrastruktur",
            "teaser": (
                "Der technische und organisatorische Unterbau, der Daten und gemeinsam "
                "genutzte digitale Dienste für alle verfügbar macht."
            ),
            "goals": [
                "Digitale Daseinsvorsorge: grundlegende digitale Dienste für alle sichern",
                "Daten anbinden und bereitstellen, auch als offene Daten",
                "Die Resilienz der städtischen Infrastruktur mit digitalen Hilfsmitteln erhöhen",
                "Eine Grundlage für Mobilitätslösungen, das Digitale Kulturwerk und Beteiligung schaffen",
            ],
            "body": [
                (
                    "Die Smart-City-Infrastruktur bildet den notwendigen technischen und "
                    "organisatorischen Unterbau für die Versorgung mit Daten und die Nutzung "
                    "gemeinschaftlich genutzter digitaler Dienste. Sie dient als digitale "
                    "Daseinsvorsorge und stellt die grundlegende Versorgung mit digitalen "
                    "Diensten für alle sicher. Damit ist sie das technische Rückgrat der Smart "
                    "City Lübeck."
                ),
                (
                    "Die Infrastruktur besteht aus einem Zusammenspiel von Sensoren, Netzen, "
                    "Plattformen und Anwendungen. Diese Bestandteile sind miteinander verbunden "
                    "und bilden ein Ökosystem von Ökosystemen. Darauf bauen ganz unterschiedliche "
                    "Anwendungen auf, etwa intelligente Mobilitätslösungen, das Digitale "
                    "Kulturwerk oder eine bessere Bürger:innenbeteiligung."
                ),
                (
                    "Der Ausbau der Smart-City-Infrastruktur ist Teil der Digitalen Strategie "
                    "der Hansestadt Lübeck. Er wird im Modellprojekt Smart City vom Bund mit "
                    "90 Prozent gefördert. Im Mittelpunkt stehen die Menschen: mit offenen "
                    "Daten, Beteiligungsformaten und digitalen Angeboten, die im Alltag helfen."
                ),
            ],
        },
        "en": {
            "title": "Smart city infrastructure",
            "teaser": (
                "The technical and organisational foundation that makes data and shared "
                "digital services available to everyone."
            ),
            "goals": [
                "Digital public services: secure basic digital services for everyone",
                "Connect and provide data, including open data",
                "Make the city's infrastructure more resilient with digital tools",
                "Lay the groundwork for mobility solutions, the Digital Culture Works and participation",
            ],
            "body": [
                (
                    "The smart city infrastructure is the technical and organisational "
                    "foundation needed to supply data and to run shared digital services. It "
                    "is a digital public service that secures basic digital services for "
                    "everyone. In short, it is the technical backbone of Smart City Lübeck."
                ),
                (
                    "The infrastructure combines sensors, networks, platforms and applications. "
                    "These parts are connected with one another and form an ecosystem of "
                    "ecosystems. Very different applications build on it, such as smart "
                    "mobility solutions, the Digital Culture Works or better public "
                    "participation."
                ),
                (
                    "Expanding the smart city infrastructure is part of the Digital Strategy "
                    "of the Hanseatic City of Lübeck. The federal government funds 90 percent "
                    "of it through the Smart City model project. People come first: with open "
                    "data, ways to take part and digital services that help in everyday life."
                ),
            ],
        },
        "milestones": [
            _STRATEGY_PHASE,
            {
                "date": "2023-2028",
                "de": "Umsetzungsphase: Ausbau der Smart-City-Infrastruktur, vom Bund mit 90 % gefördert",
                "en": "Implementation phase: expanding the smart city infrastructure, 90% federally funded",
            },
        ],
        "open_data": [OPEN_DATA_PORTAL],
        "categories": ["infrastruktur", "offene-daten"],
    },
    {
        "slug": "baustellenmanagement-roads",
        "status": "in_progress",
        "funding_programme": MPSC,
        "funding_rate": 90,
        "budget": MPSC_BUDGET,
        "period": MPSC_PERIOD,
        "partners": "Interne und externe Akteure der Baustellenkoordination",
        "de": {
            "title": "Baustellenmanagement ROADS",
            "teaser": (
                "Mit der Software ROADS sollen Baustellen frühzeitig und ganzheitlich mit "
                "allen internen und externen Akteuren koordiniert werden."
            ),
            "goals": [
                "Baustellen ganzheitlich und frühzeitig koordinieren",
                "Interne und externe Akteure an einen Tisch bringen",
                "Den Verkehrsfluss in der Region verbessern",
            ],
            "body": [
                (
                    "Das Baustellenmanagement ROADS gehört zur Maßnahme „Intelligentes "
                    "Verkehrsflussmanagement“ im Modellprojekt Smart City. Mit der Software "
                    "soll eine ganzheitliche Baustellenkoordination frühzeitig unterstützt "
                    "werden. Beteiligt sind viele interne und externe Akteure."
                ),
                (
                    "Je früher Bauvorhaben sichtbar und aufeinander abgestimmt sind, desto "
                    "besser lassen sich Überschneidungen vermeiden. Davon profitieren alle, die "
                    "in Stadt und Region unterwegs sind. Gleichzeitig denken wir mit, wie "
                    "Kolleg:innen in der Verwaltung von den Erfahrungen profitieren können."
                ),
            ],
        },
        "en": {
            "title": "ROADS construction site management",
            "teaser": (
                "The ROADS software is meant to help coordinate construction sites early "
                "and as a whole with all internal and external stakeholders."
            ),
            "goals": [
                "Coordinate construction sites early and as a whole",
                "Bring internal and external stakeholders together",
                "Improve traffic flow in the region",
            ],
            "body": [
                (
                    'ROADS construction site management is part of the measure "smart traffic '
                    'flow management" in the Smart City model project. The software is meant '
                    "to support joined-up coordination of construction sites at an early "
                    "stage. Many internal and external stakeholders are involved."
                ),
                (
                    "The earlier building works are visible and aligned, the easier it is to "
                    "avoid clashes. Everyone who travels in the city and the region benefits. "
                    "We also keep in mind how colleagues across the administration can learn "
                    "from the experience."
                ),
            ],
        },
        "milestones": [
            _STRATEGY_PHASE,
            {
                "date": "2023-2028",
                "de": "Umsetzungsphase: Baustellenmanagement ROADS, vom Bund mit 90 % gefördert",
                "en": "Implementation phase: ROADS construction site management, 90% federally funded",
            },
        ],
        "open_data": [],
        "categories": ["mobilitaet", "infrastruktur"],
    },
    {
        "slug": "digitales-kulturwerk",
        "status": "in_progress",
        "funding_programme": MPSC,
        "funding_rate": 90,
        "budget": MPSC_BUDGET,
        "period": MPSC_PERIOD,
        "partners": "",
        "de": {
            "title": "Digitales Kulturwerk",
            "teaser": (
                "Ein 3D-Modell soll Lübecker Kulturgüter wie das UNESCO-Welterbe virtuell "
                "und interaktiv erlebbar machen."
            ),
            "goals": [
                "Kulturgüter zugänglicher und sichtbarer machen",
                "Vielfältige Zielgruppen erreichen und bestehende Angebote vernetzen",
                "Fachverfahren in der Verwaltung konsolidieren und die IT-Landschaft harmonisieren",
            ],
            "body": [
                (
                    "Das Digitale Kulturwerk soll die Lübecker Kulturgüter durch eine "
                    "dreidimensionale Darstellung virtuell und interaktiv erlebbar machen. Dazu "
                    "gehören das UNESCO-Welterbe, Denkmäler und Gebäude. Durch mehr "
                    "Zugänglichkeit, Sichtbarkeit und die Vernetzung mit bestehenden "
                    "Kulturgütern sollen mehr und unterschiedliche Zielgruppen erreicht werden."
                ),
                (
                    "Intern ist das Projekt eine Blaupause für die Konsolidierung von "
                    "Fachverfahren in der Verwaltung. Wir wollen die IT-Landschaft "
                    "harmonisieren, den Verwaltungsaufwand verringern und einen sicheren "
                    "Zugriff auf die Daten ermöglichen. Das 3D-Modell soll unter "
                    "www.luebeck.de/digitaleskulturwerk zu finden sein."
                ),
            ],
        },
        "en": {
            "title": "Digital Culture Works",
            "teaser": (
                "A 3D model is to let people explore Lübeck's cultural assets, such as the "
                "UNESCO World Heritage site, virtually and interactively."
            ),
            "goals": [
                "Make cultural assets more accessible and visible",
                "Reach diverse audiences and connect existing offers",
                "Consolidate specialist software in the administration and harmonise the IT landscape",
            ],
            "body": [
                (
                    "The Digital Culture Works (Digitales Kulturwerk) is to make Lübeck's "
                    "cultural assets accessible virtually and interactively through a "
                    "three-dimensional model. These include the UNESCO World Heritage site, "
                    "monuments and buildings. Better access, more visibility and links to "
                    "existing cultural offers are meant to reach more and different audiences."
                ),
                (
                    "Internally, the project is a blueprint for consolidating specialist "
                    "software in the administration. We want to harmonise the IT landscape, "
                    "reduce administrative effort and provide secure access to the data. The "
                    "3D model is to be published at www.luebeck.de/digitaleskulturwerk."
                ),
            ],
        },
        "milestones": [
            _STRATEGY_PHASE,
            {
                "date": "2023-2028",
                "de": "Umsetzungsphase: Digitales Kulturwerk, vom Bund mit 90 % gefördert",
                "en": "Implementation phase: Digital Culture Works, 90% federally funded",
            },
            {
                "date": "2025",
                "de": "Stand 2025: Das 3D-Modell soll in Kürze online zu finden sein",
                "en": "As of 2025: the 3D model is to go online soon",
            },
        ],
        "open_data": [],
        "categories": ["kultur", "freizeit"],
    },
    {
        "slug": "social-smart-city",
        "status": "in_progress",
        "funding_programme": MPSC,
        "funding_rate": 90,
        "budget": MPSC_BUDGET,
        "period": MPSC_PERIOD,
        "partners": "",
        "de": {
            "title": "Social Smart City",
            "teaser": (
                "Digitale und analoge Lösungen, die soziale Ungleichheiten verringern und "
                "alle Menschen in das städtische Leben einbinden."
            ),
            "goals": [
                "Digitale Teilhabe fördern",
                "Ehrenamtliches Engagement unterstützen",
                "Lokale Inklusion stärken",
                "Benachteiligte Gruppen besser in das städtische Leben einbinden",
            ],
            "body": [
                (
                    "In der Social Smart City stehen alle Menschen im Mittelpunkt. Wir setzen "
                    "gezielt digitale und analoge Lösungen ein, um soziale Ungleichheiten zu "
                    "verringern. Benachteiligte Gruppen sollen besser in das städtische Leben "
                    "eingebunden werden."
                ),
                (
                    "Unser Ziel ist es, die Lebensqualität aller Bürger:innen zu verbessern. "
                    "Dafür fördern wir digitale Teilhabe, unterstützen ehrenamtliches "
                    "Engagement und stärken die lokale Inklusion. Technische Neuerungen und "
                    "soziale Maßnahmen greifen dabei ineinander."
                ),
            ],
        },
        "en": {
            "title": "Social Smart City",
            "teaser": (
                "Digital and offline solutions that reduce social inequality and include everyone in city life."
            ),
            "goals": [
                "Promote digital inclusion",
                "Support volunteering",
                "Strengthen local inclusion",
                "Include disadvantaged groups better in city life",
            ],
            "body": [
                (
                    "In the Social Smart City, everyone comes first. We deliberately use "
                    "digital and offline solutions to reduce social inequality. Disadvantaged "
                    "groups are to be included better in the life of the city."
                ),
                (
                    "Our aim is to improve the quality of life of all residents. To do this, we "
                    "promote digital inclusion, support volunteering and strengthen local "
                    "inclusion. Technical innovation and social measures work hand in hand."
                ),
            ],
        },
        "milestones": [
            _STRATEGY_PHASE,
            {
                "date": "2023-2028",
                "de": "Umsetzungsphase: Bürger:innenbeteiligung (Social Smart City), vom Bund mit 90 % gefördert",
                "en": "Implementation phase: public participation (Social Smart City), 90% federally funded",
            },
        ],
        "open_data": [],
        "categories": ["beteiligung", "freizeit"],
    },
    {
        "slug": "digitale-beteiligung",
        "status": "in_progress",
        "funding_programme": MPSC,
        "funding_rate": 90,
        "budget": MPSC_BUDGET,
        "period": MPSC_PERIOD,
        "partners": "",
        "de": {
            "title": "Digitale Beteiligung (Kollaborationsplattform)",
            "teaser": (
                "Eine digitale Kollaborationsplattform mit vielfältigen Angeboten zur "
                "Beteiligung, vernetzt mit analogen Zugängen und Formaten."
            ),
            "goals": [
                "Vielfältige Angebote für die Beteiligung an der Stadtentwicklung bieten",
                "Analoge Zugänge und Formate mit digitalen vernetzen",
                "Kommunikation, Austausch und Beteiligung transparenter gestalten",
                "Die Stadtgesellschaft zur aktiven Mitgestalterin der Smart City machen",
            ],
            "body": [
                (
                    "Smart City gelingt nur gemeinsam mit der Stadtgesellschaft. Die digitale "
                    "Kollaborationsplattform soll deshalb vielfältige Angebote für die "
                    "Beteiligung an der Stadtentwicklung bieten. Analoge Zugänge und Formate "
                    "werden damit vernetzt."
                ),
                (
                    "Ziel ist es, Kommunikation, Austausch und Beteiligung transparenter zu "
                    "gestalten. Zugleich soll die Stadtgesellschaft die Smart City Lübeck aktiv "
                    "mitgestalten. Die Maßnahme gehört zur Kollaborations-Tool-Chain im "
                    "Modellprojekt Smart City."
                ),
            ],
        },
        "en": {
            "title": "Digital participation (collaboration platform)",
            "teaser": (
                "A digital collaboration platform with many ways to take part, connected "
                "with offline channels and formats."
            ),
            "goals": [
                "Offer many ways to take part in urban development",
                "Connect offline channels and formats with digital ones",
                "Make communication, exchange and participation more transparent",
                "Enable the community to actively shape the smart city",
            ],
            "body": [
                (
                    "A smart city only works together with the community. The digital "
                    "collaboration platform is therefore meant to offer many ways to take part "
                    "in urban development. Offline channels and formats are connected with it."
                ),
                (
                    "The aim is to make communication, exchange and participation more "
                    "transparent. At the same time, the community is to become an active "
                    "co-creator of Smart City Lübeck. The measure is part of the collaboration "
                    "tool chain in the Smart City model project."
                ),
            ],
        },
        "milestones": [
            _STRATEGY_PHASE,
            {
                "date": "2023-2028",
                "de": "Umsetzungsphase: Kollaborations-Tool-Chain, vom Bund mit 90 % gefördert",
                "en": "Implementation phase: collaboration tool chain, 90% federally funded",
            },
        ],
        "open_data": [],
        "categories": ["beteiligung"],
    },
    {
        "slug": "verkehrsleitrechner-viaa",
        "status": "in_progress",
        "funding_programme": "Anderes Förderprogramm (nicht Modellprojekt Smart City)",
        "funding_rate": None,
        "budget": "",
        "period": "",
        "partners": "",
        "de": {
            "title": "Verkehrsleitrechner im Projekt VIAA",
            "teaser": (
                "Der Verkehrsleitrechner wird im Projekt VIAA mit Mitteln eines anderen Förderprogramms umgesetzt."
            ),
            "goals": [
                "Den Verkehrsleitrechner trotz fehlender MPSC-Förderung umsetzen",
                "Das Themenfeld Mobilität in der Region stärken",
            ],
            "body": [
                (
                    "Der Verkehrsleitrechner war als Projekt für das Modellprojekt Smart City "
                    "vorgesehen, wurde dort aber nicht bewilligt. Die Projekte im Modellprojekt "
                    "beziehen sich auf freiwillige Aufgaben einer Kommune, und die Modernisierung "
                    "der Verwaltung ist nicht Bestandteil der Förderung. Die Hansestadt hat "
                    "deshalb ein anderes Förderprogramm akquiriert."
                ),
                (
                    "Umgesetzt wird der Verkehrsleitrechner nun im Projekt VIAA mit diesen "
                    "anderen Mitteln. Damit gehört er zu den Vorhaben, die die Hansestadt "
                    "außerhalb des Modellprojekts Smart City fördern lässt. Ein weiteres "
                    "Beispiel dafür ist die Digitalisierung der Schul-IT."
                ),
            ],
        },
        "en": {
            "title": "Traffic control computer in the VIAA project",
            "teaser": (
                "The traffic control computer is being implemented in the VIAA project with "
                "money from a different funding programme."
            ),
            "goals": [
                "Implement the traffic control computer despite the lack of MPSC funding",
                "Strengthen mobility in the region",
            ],
            "body": [
                (
                    "The traffic control computer (Verkehrsleitrechner) was intended as a "
                    "project for the Smart City model project but was not approved there. "
                    "Projects in the model project relate to voluntary tasks of a municipality, "
                    "and modernising the administration is not eligible for funding. The city "
                    "therefore secured a different funding programme."
                ),
                (
                    "The traffic control computer is now being implemented in the VIAA project "
                    "with this other funding. It is one of the projects the city funds outside "
                    "the Smart City model project. Another example is the digitalisation of "
                    "school IT."
                ),
            ],
        },
        "milestones": [
            {
                "date": "2025",
                "de": "Stand 2025: im Modellprojekt Smart City nicht bewilligt, anderes Förderprogramm akquiriert",
                "en": "As of 2025: not approved in the Smart City model project, other funding secured",
            },
            {
                "date": "2025",
                "de": "Stand 2025: Umsetzung im Projekt VIAA mit anderen Fördermitteln",
                "en": "As of 2025: implementation in the VIAA project with other funding",
            },
        ],
        "open_data": [],
        "categories": ["mobilitaet", "infrastruktur"],
    },
    {
        "slug": "open-data",
        "status": "in_progress",
        "funding_programme": "",
        "funding_rate": None,
        "budget": "",
        "period": "",
        "partners": "Land Schleswig-Holstein (Open-Data-Portal)",
        "de": {
            "title": "Open Data",
            "teaser": (
                "Lübecks offene Daten stehen frei zugänglich im Open-Data-Portal des Landes Schleswig-Holstein."
            ),
            "goals": [
                "Mehr Transparenz schaffen und die Auffindbarkeit von Daten erhöhen",
                "Rohdaten mit Expertenwissen und guten Metadaten anreichern",
                "Rechtssicherheit durch passende Lizenzen bieten",
            ],
            "body": [
                (
                    "Open Data sind offene, frei zugängliche Daten, die Wissenschaft, "
                    "Wirtschaft und grundsätzlich alle interessierten Bürger:innen nutzen und "
                    "teilen können. Die Hansestadt Lübeck stellt ihre Daten direkt im "
                    "Open-Data-Portal des Landes Schleswig-Holstein zur Verfügung. Die "
                    "Anbindung und Bereitstellung von Daten ist ein wichtiges Element der "
                    "Smart-City-Infrastruktur."
                ),
                (
                    "Wir veröffentlichen Rohdaten kombiniert mit Expertenwissen, um mehr "
                    "Transparenz zu schaffen und die Auffindbarkeit zu erhöhen. Passende "
                    "Lizenzen geben Datenbereitsteller:innen und Nutzer:innen Rechtssicherheit. "
                    "Besonderen Wert legen wir auf Metadaten, die bei der Einordnung, "
                    "Interpretation und Auswertung helfen."
                ),
            ],
        },
        "en": {
            "title": "Open data",
            "teaser": (
                "Lübeck's open data is freely available on the open data portal of the state of Schleswig-Holstein."
            ),
            "goals": [
                "Create more transparency and make data easier to find",
                "Enrich raw data with expert knowledge and good metadata",
                "Provide legal certainty through suitable licences",
            ],
            "body": [
                (
                    "Open data is freely accessible data that research, business and, in "
                    "principle, every interested resident can use and share. The Hanseatic "
                    "City of Lübeck publishes its data directly on the open data portal of the "
                    "state of Schleswig-Holstein. Connecting and providing data is an important "
                    "part of the smart city infrastructure."
                ),
                (
                    "We publish raw data together with expert knowledge to create more "
                    "transparency and make data easier to find. Suitable licences give legal "
                    "certainty to those who provide data and to those who use it. We put "
                    "particular care into metadata that help to place, interpret and analyse "
                    "the data."
                ),
            ],
        },
        "milestones": [
            {
                "date": "2023-2028",
                "de": "Anbindung und Bereitstellung von Daten als Element der Smart-City-Infrastruktur",
                "en": "Connecting and providing data as part of the smart city infrastructure",
            },
            {
                "date": "2025",
                "de": "Stand 2025: Lübecker Daten im Open-Data-Portal Schleswig-Holstein verfügbar",
                "en": "As of 2025: Lübeck's data available on the Schleswig-Holstein open data portal",
            },
        ],
        "open_data": [OPEN_DATA_PORTAL],
        "categories": ["offene-daten", "infrastruktur"],
    },
]


POSTS = [
    {
        "slug": "was-bedeutet-smart-city-fuer-luebeck",
        "date": "2025-04-10",
        "authors": ["redaktion-smart-city"],
        "categories": ["wohnen", "mobilitaet", "arbeiten", "gesundheit", "freizeit", "beteiligung"],
        "tags": ["Smart City", "Lebensqualität"],
        "projects": ["smart-city-infrastruktur", "digitale-beteiligung"],
        "de": {
            "title": "Was bedeutet Smart City für Lübeck?",
            "teaser": (
                "Smart City ist Stadtentwicklung mit digitalen Hilfsmitteln. Wir erklären, "
                "was das für die Menschen in der Region Lübeck heißt."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Der Begriff Smart City klingt nach Sensoren, Apps und viel Technik. Für "
                        "uns bedeutet er zunächst etwas ganz Einfaches: Stadtentwicklung mit "
                        "digitalen Hilfsmitteln. Die Technik ist dabei nie Selbstzweck. Sie soll "
                        "das Leben in der Stadt und in der Region spürbar verbessern."
                    ),
                ),
                ("heading", "Eine Stadtgesellschaft mit rund 500.000 Menschen"),
                (
                    "paragraph",
                    (
                        "Mit Stadtgesellschaft meinen wir alle Menschen, die in der Smart City "
                        "Region Lübeck leben, wohnen, arbeiten, einkaufen, mobil oder nicht mobil "
                        "sind. Dazu gehören auch Besucher:innen und Akteur:innen der smarten "
                        "Wirtschaft. Die Region erstreckt sich über etwa 3.200 Quadratkilometer und "
                        "verbindet die Großstadt mit kleineren Städten und ländlichen Gemeinden. "
                        "Städte, Kreise, Ämter und Gemeinden gehen die digitale Transformation "
                        "gemeinsam an, auch über die Grenze zwischen Schleswig-Holstein und "
                        "Mecklenburg-Vorpommern hinweg."
                    ),
                ),
                ("heading", "Fünf Themenfelder der Lebensqualität"),
                (
                    "paragraph",
                    (
                        "Ob unsere Projekte wirken, betrachten wir mit Blick auf die Lebensqualität. "
                        "Dazu gehören fünf Themenfelder: Wohnen, Mobilität, Arbeiten, Gesundheit und "
                        "Freizeit. Je nach Lebensphase sind sie unterschiedlich wichtig, für "
                        "Familien anders als für Studierende oder ältere Menschen. Die Digitale "
                        "Strategie der Hansestadt mit ihren 12 Themenfeldern bündelt die Konzepte "
                        "der Stadt unter diesem Blickwinkel."
                    ),
                ),
                ("quote", "Smart City bedeutet nichts anderes als Stadtentwicklung mit digitalen Hilfsmitteln."),
                (
                    "paragraph",
                    (
                        "Smart City gelingt nur gemeinsam, deshalb ist die Beteiligung der "
                        "Stadtgesellschaft für uns unverzichtbar. Auf dieser Plattform können Sie "
                        "Ideen einbringen und an Umfragen teilnehmen. Sie können außerdem "
                        "verfolgen, was aus Ihren Beiträgen wird."
                    ),
                ),
            ],
        },
        "en": {
            "title": "What does Smart City mean for Lübeck?",
            "teaser": (
                "Smart City means urban development with digital tools. We explain what that "
                "means for the people of the Lübeck region."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "The term smart city sounds like sensors, apps and lots of technology. For "
                        "us it means something quite simple: urban development with digital tools. "
                        "Technology is never an end in itself. It is there to make life in the "
                        "city and the region noticeably better."
                    ),
                ),
                ("heading", "A community of around 500,000 people"),
                (
                    "paragraph",
                    (
                        "By community we mean everyone who lives, works or shops in the Smart City "
                        "Region Lübeck, whether they are mobile or not. This includes visitors and "
                        "people in the smart economy. The region covers about 3,200 square "
                        "kilometres and links the city with smaller towns and rural municipalities. "
                        "Towns, districts, offices and municipalities tackle the digital "
                        "transformation together, even across the border between "
                        "Schleswig-Holstein and Mecklenburg-Vorpommern."
                    ),
                ),
                ("heading", "Five fields of quality of life"),
                (
                    "paragraph",
                    (
                        "We look at our projects through the lens of quality of life. It covers "
                        "five fields: housing, mobility, work, health and leisure. Their weight "
                        "differs with the stage of life, for families differently than for "
                        "students or older people. The city's Digital Strategy, with its 12 "
                        "thematic fields, brings the city's plans together from this angle."
                    ),
                ),
                ("quote", "Smart City means nothing other than urban development with digital tools."),
                (
                    "paragraph",
                    (
                        "A smart city only works together, which is why public participation is "
                        "essential to us. On this platform you can contribute ideas and take part "
                        "in surveys. You can also follow what happens to your contributions."
                    ),
                ),
            ],
        },
    },
    {
        "slug": "willkommen-beirat-luebeck-digital",
        "date": "2025-09-15",
        "authors": ["redaktion-smart-city"],
        "categories": ["beteiligung", "steuerung"],
        "tags": ["Beirat", "Digitale Strategie"],
        "projects": [
            "smart-city-infrastruktur",
            "baustellenmanagement-roads",
            "digitales-kulturwerk",
            "social-smart-city",
            "digitale-beteiligung",
        ],
        "de": {
            "title": "Herzlich willkommen, Beirat Lübeck Digital!",
            "teaser": (
                "Der Beirat Lübeck Digital begleitet unsere Arbeit. Für den Einstieg haben "
                "wir Begriffe, Ziele und Projekte zusammengestellt."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Wir freuen uns über die Mitglieder des Beirats Lübeck Digital und heißen "
                        "sie herzlich willkommen. Seit gut vier Jahren beschäftigt sich die "
                        "Hansestadt mit digitalen Themen, die die Stadtentwicklung unterstützen "
                        "können. Zuständig ist der Bereich DOS – Digitalisierung, Organisation und "
                        "Strategie – unter der Leitung des Chief Digital Officers (CDO). Dort "
                        "treffen Verwaltungsmodernisierung und Standortentwicklung aufeinander, und "
                        "zur Standortentwicklung gehört das Thema Smart City."
                    ),
                ),
                ("heading", "Drei Ziele für unsere Arbeit"),
                (
                    "paragraph",
                    (
                        "Aus der Digitalen Strategie leitet sich die Mission des Smart City Teams "
                        "ab. Alle Mitglieder der Stadtgesellschaft sollen die Möglichkeit haben, "
                        "die Stadt und die Region aktiv mitzugestalten. Wir wollen die Resilienz "
                        "der städtischen Infrastruktur durch digitale Hilfsmittel erhöhen. Und alle "
                        "sollen Zugang zu den Informationen haben, die für sie relevant sind."
                    ),
                ),
                ("quote", "Unser Ziel ist es, möglichst alle abzuholen und ein einheitliches Verständnis zu schaffen."),
                ("heading", "Patenschaften für Projekte"),
                (
                    "paragraph",
                    (
                        "Gemeinsam mit dem vorherigen Beirat haben wir Patenschaften für Projekte "
                        "ins Leben gerufen. Wir suchen Mitglieder, die tiefer in einzelne Vorhaben "
                        "einsteigen möchten, etwa in das Baustellenmanagement ROADS oder das "
                        "Digitale Kulturwerk. Über Austausch und Verbesserungsvorschläge freuen wir "
                        "uns jederzeit. Über den Stand der Digitalisierung berichten wir außerdem "
                        "regelmäßig im Hauptausschuss."
                    ),
                ),
            ],
        },
        "en": {
            "title": "Welcome, Beirat Lübeck Digital!",
            "teaser": (
                "The Beirat Lübeck Digital advisory board supports our work. To help its "
                "members get started, we have summarised key terms, goals and projects."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "We are delighted to welcome the members of the Beirat Lübeck Digital, the "
                        "city's digital advisory board. For a good four years, the city has been "
                        "working on digital topics that can support urban development. This work "
                        "sits with the DOS department (Digitalisation, Organisation and Strategy), "
                        "led by the Chief Digital Officer (CDO). The department brings together "
                        "administrative modernisation and local development, and Smart City is part "
                        "of local development."
                    ),
                ),
                ("heading", "Three goals for our work"),
                (
                    "paragraph",
                    (
                        "The Smart City team's mission is derived from the Digital Strategy. Every "
                        "member of the community should be able to help shape the city and the "
                        "region. We want to make the city's infrastructure more resilient with "
                        "digital tools. And everyone should have access to the information that "
                        "matters to them."
                    ),
                ),
                (
                    "quote",
                    ("Our aim is to bring as many people as possible on board and to build a shared understanding."),
                ),
                ("heading", "Project sponsorships"),
                (
                    "paragraph",
                    (
                        "Together with the previous board, we set up sponsorships for projects. We "
                        "are looking for members who would like to get more involved in individual "
                        "projects, such as ROADS construction site management or the Digital "
                        "Culture Works. We always welcome discussion and suggestions for "
                        "improvement. We also report regularly to the city's main committee on the "
                        "progress of digitalisation."
                    ),
                ),
            ],
        },
    },
    {
        "slug": "roads-baustellen-frueh-gemeinsam-koordinieren",
        "date": "2025-10-21",
        "authors": ["max-mustermann"],
        "categories": ["mobilitaet", "infrastruktur"],
        "tags": ["ROADS", "Baustellen", "Mobilität"],
        "projects": ["baustellenmanagement-roads"],
        "de": {
            "title": "ROADS: Baustellen früher und gemeinsam koordinieren",
            "teaser": (
                "Mit der Software ROADS will die Hansestadt Baustellen frühzeitig mit allen "
                "Beteiligten abstimmen. Das Vorhaben wird im Modellprojekt Smart City gefördert."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Baustellen gehören zu einer lebendigen Stadt. Straßen, Leitungen und "
                        "Gebäude müssen erneuert werden, damit die Infrastruktur auch in Zukunft "
                        "funktioniert. Für alle, die unterwegs sind, bedeuten Baustellen aber oft "
                        "Umwege und Wartezeiten. Je besser Bauvorhaben aufeinander abgestimmt sind, "
                        "desto geringer fallen diese Belastungen aus."
                    ),
                ),
                ("heading", "Was ROADS leisten soll"),
                (
                    "paragraph",
                    (
                        "Mit der Software ROADS soll eine ganzheitliche Baustellenkoordination "
                        "frühzeitig unterstützt werden. An Baustellen sind viele interne und externe "
                        "Akteure beteiligt, innerhalb der Verwaltung ebenso wie außerhalb. ROADS "
                        "soll ihnen helfen, Vorhaben früh sichtbar zu machen und miteinander "
                        "abzustimmen. So lassen sich Überschneidungen erkennen, bevor sie zum "
                        "Problem werden."
                    ),
                ),
                ("heading", "Teil des intelligenten Verkehrsflussmanagements"),
                (
                    "paragraph",
                    (
                        "Das Baustellenmanagement ROADS ist eine der Maßnahmen, die im Modellprojekt "
                        "Smart City gefördert werden. Der Bund übernimmt über das Bundesministerium "
                        "für Wohnen, Stadtentwicklung und Bauwesen 90 Prozent der Kosten. Die "
                        "Umsetzungsphase läuft von 2023 bis 2028. Wie bei allen geförderten "
                        "Projekten denken wir mit, wie Kolleg:innen in der Verwaltung von den "
                        "Erfahrungen profitieren können."
                    ),
                ),
                (
                    "quote",
                    ("Gut abgestimmte Baustellen bedeuten weniger Umwege für alle, die in der Region unterwegs sind."),
                ),
            ],
        },
        "en": {
            "title": "ROADS: coordinating construction sites earlier and together",
            "teaser": (
                "With the ROADS software, the city wants to coordinate construction sites "
                "early with everyone involved. The project is funded by the Smart City model "
                "project."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Construction sites are part of a living city. Roads, pipes and buildings "
                        "need renewing so that the infrastructure keeps working in the future. For "
                        "everyone on the move, though, building works often mean detours and "
                        "delays. The better the works are aligned, the smaller the burden."
                    ),
                ),
                ("heading", "What ROADS is for"),
                (
                    "paragraph",
                    (
                        "The ROADS software is meant to support joined-up coordination of "
                        "construction sites at an early stage. Many internal and external "
                        "stakeholders are involved in construction sites, both inside and outside "
                        "the administration. ROADS is to help them make plans visible early and "
                        "align them with one another. That way, clashes can be spotted before they "
                        "become a problem."
                    ),
                ),
                ("heading", "Part of smart traffic flow management"),
                (
                    "paragraph",
                    (
                        "ROADS construction site management is one of the measures funded by the "
                        "Smart City model project. The federal government, through the Federal "
                        "Ministry for Housing, Urban Development and Building, covers 90 percent of "
                        "the costs. The implementation phase runs from 2023 to 2028. As with all "
                        "funded projects, we consider how colleagues across the administration can "
                        "benefit from the experience."
                    ),
                ),
                (
                    "quote",
                    ("Well-coordinated construction sites mean fewer detours for everyone travelling in the region."),
                ),
            ],
        },
    },
    {
        "slug": "digitales-kulturwerk-welterbe-in-3d",
        "date": "2025-11-18",
        "authors": ["alex-beispiel"],
        "categories": ["kultur", "freizeit"],
        "tags": ["Digitales Kulturwerk", "3D", "Welterbe"],
        "projects": ["digitales-kulturwerk"],
        "de": {
            "title": "Digitales Kulturwerk: das Welterbe in 3D erleben",
            "teaser": (
                "Ein dreidimensionales Modell soll Lübecks Kulturgüter virtuell und "
                "interaktiv zugänglich machen, für mehr Menschen als bisher."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Lübeck ist reich an Kulturgütern. Das UNESCO-Welterbe, zahlreiche "
                        "Denkmäler und historische Gebäude prägen das Stadtbild. Nicht alle "
                        "Menschen können diese Orte ohne Weiteres besuchen, und manches bleibt "
                        "selbst vor Ort verborgen. Das Projekt Digitales Kulturwerk soll die "
                        "Lübecker Kulturgüter deshalb durch eine dreidimensionale Darstellung "
                        "virtuell und interaktiv erlebbar machen."
                    ),
                ),
                ("heading", "Mehr Menschen erreichen"),
                (
                    "paragraph",
                    (
                        "Ein 3D-Modell macht Kultur zugänglicher und sichtbarer. Es kann mit "
                        "bestehenden Kulturangeboten vernetzt werden und neue Zugänge schaffen. So "
                        "wollen wir unterschiedliche Zielgruppen besser erreichen, auch Menschen, "
                        "die bisher wenig Berührung mit dem Welterbe hatten. Das Modell soll unter "
                        "www.luebeck.de/digitaleskulturwerk zu finden sein."
                    ),
                ),
                ("heading", "Eine Blaupause für die Verwaltung"),
                (
                    "paragraph",
                    (
                        "Das Digitale Kulturwerk wirkt auch nach innen. Intern dient das Projekt als "
                        "Blaupause für die Konsolidierung von Fachverfahren. Wir wollen die "
                        "IT-Landschaft harmonisieren, den Verwaltungsaufwand verringern und einen "
                        "sicheren Zugriff auf die Daten ermöglichen. Gefördert wird das Vorhaben im "
                        "Modellprojekt Smart City mit einer Förderquote von 90 Prozent."
                    ),
                ),
                ("quote", "Kultur soll für alle erlebbar sein, vor Ort und digital."),
            ],
        },
        "en": {
            "title": "Digital Culture Works: experiencing the World Heritage in 3D",
            "teaser": (
                "A three-dimensional model is to make Lübeck's cultural heritage accessible virtually and "
                "interactively, for more people than before."
            ),
            "body": [
                ("paragraph", (
                    "Lübeck is rich in cultural heritage: the UNESCO World Heritage site, many monuments and historic "
                    "buildings shape the city. Not everyone can visit these places easily. The Digital Culture Works "
                    "project is to make them virtual and interactive through a three-dimensional model."
                )),
                ("heading", "Reaching more people"),
                ("paragraph", (
                    "A 3D model makes culture more accessible and visible. It can be linked with existing cultural "
                    "offers and open new ways in, also for people who have had little contact with the World "
                    "Heritage so far."
                )),
                ("heading", "A blueprint for the administration"),
                ("paragraph", (
                    "Internally, the project is a blueprint for consolidating specialist procedures. It is funded "
                    "in the Smart City model project at a rate of 90 percent."
                )),
                ("quote", "Culture should be there for everyone, on site and online."),
            ],
        },
    },
    {
        "slug": "social-smart-city-teilhabe-fuer-alle",
        "date": "2025-12-09",
        "authors": ["erika-mustermann"],
        "categories": ["beteiligung", "freizeit"],
        "tags": ["Social Smart City", "Ehrenamt", "Inklusion"],
        "projects": ["social-smart-city"],
        "de": {
            "title": "Social Smart City: Teilhabe für alle",
            "teaser": (
                "In der Social Smart City stehen alle Menschen im Mittelpunkt. Digitale und "
                "analoge Angebote sollen Ungleichheiten verringern und Engagement stärken."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "In unserer Social Smart City stehen alle Menschen im Mittelpunkt. Digitale "
                        "Angebote sollen niemanden ausschließen, sondern Teilhabe ermöglichen. "
                        "Deshalb setzen wir gezielt digitale und analoge Lösungen ein, um soziale "
                        "Ungleichheiten zu verringern. Benachteiligte Gruppen sollen besser in das "
                        "städtische Leben eingebunden werden."
                    ),
                ),
                ("heading", "Ehrenamt stärken"),
                (
                    "paragraph",
                    (
                        "Ehrenamtliches Engagement hält unsere Stadtgesellschaft zusammen. Viele "
                        "Vereine und Initiativen suchen Unterstützung, und viele Menschen möchten "
                        "sich einbringen, wissen aber nicht, wo. Die Social Smart City soll beide "
                        "Seiten leichter zusammenbringen. Auf dieser Plattform finden Sie deshalb "
                        "auch Angebote für ein Ehrenamt, für die Sie sich anmelden können."
                    ),
                ),
                ("heading", "Digitale Teilhabe und lokale Inklusion"),
                (
                    "paragraph",
                    (
                        "Digitale Teilhabe beginnt mit dem Zugang zu verständlichen Informationen "
                        "und zu Menschen, die bei Fragen helfen. Gleichzeitig bleibt das Analoge "
                        "wichtig, denn nicht alle möchten oder können online mitmachen. "
                        "Technische Neuerungen und soziale Maßnahmen sollen deshalb ineinandergreifen. "
                        "Die Bürger:innenbeteiligung im Rahmen der Social Smart City wird im "
                        "Modellprojekt Smart City vom Bund mit 90 Prozent gefördert."
                    ),
                ),
                ("quote", "Unser Ziel ist es, die Lebensqualität aller Bürger:innen zu verbessern."),
            ],
        },
        "en": {
            "title": "Social Smart City: participation for everyone",
            "teaser": (
                "In the Social Smart City, people come first. Digital and offline offers are to reduce "
                "inequality and strengthen volunteering."
            ),
            "body": [
                ("paragraph", (
                    "In our Social Smart City, everyone is at the centre. Digital offers should exclude nobody but "
                    "make participation possible. That is why we combine digital and offline solutions to reduce "
                    "social inequality."
                )),
                ("heading", "Strengthening volunteering"),
                ("paragraph", (
                    "Volunteering holds our community together. Many clubs and initiatives look for help, and many "
                    "people would like to help but do not know where. On this platform you therefore also find "
                    "volunteering opportunities you can sign up for."
                )),
                ("heading", "Digital participation and local inclusion"),
                ("paragraph", (
                    "Digital participation starts with understandable information and people who help with "
                    "questions. Offline stays important too, because not everyone wants to or can take part "
                    "online. Public participation in the Social Smart City is 90 percent federally funded."
                )),
                ("quote", "Our goal is to improve the quality of life of all citizens."),
            ],
        },
    },
    {
        "slug": "offene-daten-aus-luebeck",
        "date": "2026-01-27",
        "authors": ["alex-beispiel"],
        "categories": ["offene-daten", "infrastruktur"],
        "tags": ["Open Data", "Transparenz"],
        "projects": ["open-data", "smart-city-infrastruktur"],
        "de": {
            "title": "Offene Daten aus Lübeck: frei nutzbar im Landesportal",
            "teaser": (
                "Die Hansestadt stellt ihre offenen Daten im Open-Data-Portal des Landes "
                "Schleswig-Holstein bereit. Wir zeigen, worauf wir dabei achten."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Offene Daten sind frei zugängliche Daten, die alle nutzen und teilen "
                        "dürfen: Wissenschaft, Wirtschaft und grundsätzlich alle interessierten "
                        "Bürger:innen. Die Hansestadt Lübeck stellt ihre offenen Daten direkt im "
                        "Open-Data-Portal des Landes Schleswig-Holstein bereit. Dort finden Sie die "
                        "Lübecker Datensätze gesammelt unter opendata.schleswig-holstein.de. Die "
                        "Bereitstellung von Daten ist ein wichtiger Baustein der "
                        "Smart-City-Infrastruktur."
                    ),
                ),
                ("heading", "Rohdaten plus Fachwissen"),
                (
                    "paragraph",
                    (
                        "Wir möchten nicht nur Zahlen veröffentlichen. Unser Ziel ist es, Rohdaten "
                        "kombiniert mit Expertenwissen zur Verfügung zu stellen, um mehr Transparenz "
                        "zu schaffen und die Auffindbarkeit der Daten zu erhöhen. Besonders wichtig "
                        "sind uns gute Metadaten. Sie ordnen die Daten ein und helfen bei der "
                        "Interpretation und Auswertung."
                    ),
                ),
                ("heading", "Klare Lizenzen"),
                (
                    "paragraph",
                    (
                        "Damit Daten nachgenutzt werden können, stellen wir sie unter passenden "
                        "Lizenzen bereit. Diese schaffen Rechtssicherheit für alle, die Daten "
                        "bereitstellen, und für alle, die sie nutzen. So können zum Beispiel "
                        "Studierende, Unternehmen oder Initiativen eigene Auswertungen und "
                        "Anwendungen entwickeln. Wenn Sie einen Datensatz vermissen, freuen wir uns "
                        "über Ihre Rückmeldung."
                    ),
                ),
                ("quote", "Offene Daten schaffen Transparenz und machen Wissen auffindbar."),
            ],
        },
        "en": {
            "title": "Open data from Lübeck: free to use on the state portal",
            "teaser": (
                "The city publishes its open data on the open data portal of the state of "
                "Schleswig-Holstein. Here is what we pay attention to."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Open data is freely accessible data that anyone may use and share: "
                        "research, business and, in principle, every interested resident. The "
                        "Hanseatic City of Lübeck publishes its open data directly on the open data "
                        "portal of the state of Schleswig-Holstein. You will find Lübeck's datasets "
                        "collected at opendata.schleswig-holstein.de. Providing data is an "
                        "important building block of the smart city infrastructure."
                    ),
                ),
                ("heading", "Raw data plus expertise"),
                (
                    "paragraph",
                    (
                        "We want to do more than publish numbers. Our aim is to provide raw data "
                        "together with expert knowledge, to create more transparency and to make "
                        "the data easier to find. Good metadata matter a great deal to us. They put "
                        "the data in context and help with interpretation and analysis."
                    ),
                ),
                ("heading", "Clear licences"),
                (
                    "paragraph",
                    (
                        "So that data can be reused, we publish it under suitable licences. These "
                        "give legal certainty both to those who provide data and to those who use "
                        "it. Students, businesses or local initiatives, for example, can then build "
                        "their own analyses and applications. If you are missing a dataset, we "
                        "would be glad to hear from you."
                    ),
                ),
                ("quote", "Open data creates transparency and makes knowledge easy to find."),
            ],
        },
    },
    {
        "slug": "smart-city-infrastruktur-digitale-daseinsvorsorge",
        "date": "2026-03-17",
        "authors": ["max-mustermann"],
        "categories": ["infrastruktur", "offene-daten"],
        "tags": ["Infrastruktur", "Daseinsvorsorge"],
        "projects": ["smart-city-infrastruktur"],
        "de": {
            "title": "Smart-City-Infrastruktur: digitale Daseinsvorsorge für alle",
            "teaser": (
                "Sensoren, Netze, Plattformen und Anwendungen bilden das technische Rückgrat "
                "der Smart City. Wir erklären, warum wir von Daseinsvorsorge sprechen."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Wasser, Energie und Straßen gehören selbstverständlich zur Daseinsvorsorge "
                        "einer Stadt. In einer Smart City kommt eine weitere Grundversorgung hinzu: "
                        "digitale Dienste, die allen zur Verfügung stehen. Die "
                        "Smart-City-Infrastruktur bildet dafür den notwendigen technischen und "
                        "organisatorischen Unterbau. Sie ermöglicht die Versorgung mit Daten und die "
                        "Nutzung gemeinschaftlich genutzter digitaler Dienste."
                    ),
                ),
                ("heading", "Ein Ökosystem von Ökosystemen"),
                (
                    "paragraph",
                    (
                        "Die Infrastruktur besteht aus einem Zusammenspiel von Sensoren, Netzen, "
                        "Plattformen und Anwendungen. Diese Bestandteile sind miteinander verbunden "
                        "und bilden ein Ökosystem von Ökosystemen. Auf dieser Grundlage lassen sich "
                        "ganz unterschiedliche Vorhaben umsetzen, etwa intelligente "
                        "Mobilitätslösungen, das Digitale Kulturwerk oder eine bessere "
                        "Bürger:innenbeteiligung. Die Infrastruktur ist damit das technische "
                        "Rückgrat unserer Smart City."
                    ),
                ),
                ("heading", "Resilienz, mit den Menschen im Mittelpunkt"),
                (
                    "paragraph",
                    (
                        "Eines unserer Ziele ist es, die Resilienz der städtischen Infrastruktur mit "
                        "digitalen Hilfsmitteln zu erhöhen. Dabei stellen wir die Menschen in den "
                        "Mittelpunkt: mit offenen Daten, Beteiligungsformaten und digitalen "
                        "Angeboten, die im Alltag wirklich helfen. Der Ausbau der "
                        "Smart-City-Infrastruktur wird im Modellprojekt Smart City vom Bund mit 90 "
                        "Prozent gefördert. Er ist Teil der Digitalen Strategie der Hansestadt "
                        "Lübeck."
                    ),
                ),
                ("quote", "Digitale Daseinsvorsorge heißt: grundlegende digitale Dienste für alle."),
            ],
        },
        "en": {
            "title": "Smart city infrastructure: digital public services for everyone",
            "teaser": (
                "Sensors, networks, platforms and applications are the technical backbone of the smart city. "
                "We explain why we call it a public service."
            ),
            "body": [
                ("paragraph", (
                    "Water, energy and roads are part of a city's basic public services. In a smart city, digital "
                    "services available to everyone join them. The smart city infrastructure is their technical "
                    "and organisational foundation."
                )),
                ("heading", "An ecosystem of ecosystems"),
                ("paragraph", (
                    "Sensors, networks, platforms and applications work together and form an ecosystem of "
                    "ecosystems. Very different projects build on it, such as smart mobility, the Digital Culture "
                    "Works or better public participation."
                )),
                ("heading", "Resilience, with people at the centre"),
                ("paragraph", (
                    "We want to make the city's infrastructure more resilient with digital tools, with people at "
                    "the centre: open data, participation and digital offers that help in everyday life. The "
                    "expansion is 90 percent federally funded in the Smart City model project."
                )),
                ("quote", "Digital public services means basic digital services for everyone."),
            ],
        },
    },
    {
        "slug": "digital-governance-board-und-pmo",
        "date": "2026-05-12",
        "authors": ["redaktion-smart-city"],
        "categories": ["steuerung", "arbeiten"],
        "tags": ["Digital Governance Board", "PMO"],
        "projects": [],
        "de": {
            "title": "Digital Governance Board und PMO: Wie aus Ideen Projekte werden",
            "teaser": (
                "Viele digitale Vorhaben brauchen eine gemeinsame Steuerung. Das Digital "
                "Governance Board und das Projektmanagement-Office sorgen dafür."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Neben den geförderten Smart-City-Projekten gibt es in der Hansestadt viele "
                        "weitere digitale Vorhaben. Damit sie zielgerichtet, effizient und wirksam "
                        "umgesetzt werden, braucht es eine zentrale Steuerung. Diese Aufgabe "
                        "übernimmt das Digital Governance Board (DGB). Es koordiniert IT- und "
                        "Digitalisierungsvorhaben auf dem Weg von der Idee zum Projekt."
                    ),
                ),
                ("heading", "Von der Idee zum Projekt"),
                (
                    "paragraph",
                    (
                        "Das Board betrachtet und bewertet Digitalisierungsideen über "
                        "Fachbereichsgrenzen hinweg. So lässt sich prüfen, ob ein Vorhaben zur "
                        "Digitalen Strategie passt. Gibt es in einem anderen Fachbereich schon eine "
                        "Lösung, kann darauf zurückgegriffen werden. Das Board ist damit ein "
                        "wichtiger Baustein im Wandel zu einer zukunftsorientierten "
                        "Kommunalverwaltung."
                    ),
                ),
                ("heading", "Das Projektmanagement-Office"),
                (
                    "paragraph",
                    (
                        "Das Projektmanagement-Office (PMO) im Bereich Digitalisierung, Organisation "
                        "und Strategie sorgt dafür, dass Projekte gut geplant, koordiniert und "
                        "erfolgreich umgesetzt werden. Es hilft der Verwaltung, den Überblick über "
                        "laufende und geplante Projekte zu behalten, Prioritäten zu setzen und "
                        "Ressourcen sinnvoll einzusetzen. Dazu gehören gemeinsame Standards, "
                        "digitale Werkzeuge, die Befähigung der Mitarbeitenden und Methoden zur "
                        "Bewertung. Zu den laufenden Maßnahmen zählen ein Leitfaden für das "
                        "Projektmanagement von Smart-City-Projekten und eine Software für das "
                        "Multi-Projektmanagement."
                    ),
                ),
                (
                    "quote",
                    (
                        "Ein PMO fördert Effizienz, Innovation und Transparenz und sorgt dafür, "
                        "dass Projekte langfristig Wirkung entfalten."
                    ),
                ),
            ],
        },
        "en": {
            "title": "Digital Governance Board and PMO: how ideas become projects",
            "teaser": (
                "Many digital projects need joint steering. The Digital Governance Board and the project "
                "management office take care of it."
            ),
            "body": [
                ("paragraph", (
                    "Besides the funded smart city projects, the Hanseatic City has many other digital projects. "
                    "To carry them out effectively they need central steering: the Digital Governance Board (DGB) "
                    "coordinates IT and digitalisation projects on their way from idea to project."
                )),
                ("heading", "From idea to project"),
                ("paragraph", (
                    "The board looks at digitalisation ideas across departments and checks whether a project fits "
                    "the digital strategy. If another department already has a solution, it can be reused."
                )),
                ("heading", "The project management office"),
                ("paragraph", (
                    "The project management office (PMO) in Digitalisation, Organisation and Strategy makes sure "
                    "projects are well planned, coordinated and carried out, with shared standards and digital "
                    "tools."
                )),
                ("quote", "A PMO fosters efficiency, innovation and transparency, so that projects have a lasting "
                          "effect."),
            ],
        },
    },
    {
        "slug": "mitmachen-online-und-auf-papier",
        "date": "2026-07-07",
        "authors": ["erika-mustermann"],
        "categories": ["beteiligung"],
        "tags": ["Beteiligung", "Barrierefreiheit", "Papier"],
        "projects": ["digitale-beteiligung", "social-smart-city"],
        "de": {
            "title": "Mitmachen für alle: online und auf Papier",
            "teaser": (
                "Beteiligung soll niemanden ausschließen. Sie können online mitmachen, aber "
                "auch auf Papier oder im persönlichen Gespräch."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Smart City gelingt nur gemeinsam mit der Stadtgesellschaft. Die digitale "
                        "Kollaborationsplattform soll deshalb vielfältige Angebote für die "
                        "Beteiligung an der Stadtentwicklung bieten. Digital heißt für uns aber "
                        "nicht, dass alles nur online stattfindet. Analoge Zugänge und Formate "
                        "werden mit der Plattform vernetzt, damit alle mitmachen können."
                    ),
                ),
                ("heading", "Ohne Internet mitmachen"),
                (
                    "paragraph",
                    (
                        "Nicht alle Menschen haben einen Internetzugang oder möchten online "
                        "teilnehmen. Zu vielen Beteiligungen gibt es deshalb einen Papierbogen, den "
                        "Sie ausfüllen und abgeben können. Auch Beiträge aus Veranstaltungen oder "
                        "aus dem Bürgerbüro fließen ein. Wir übertragen sie auf die Plattform, "
                        "damit alle Beiträge gemeinsam ausgewertet werden."
                    ),
                ),
                ("heading", "Verständlich und barrierearm"),
                (
                    "paragraph",
                    (
                        "Wir schreiben unsere Texte so einfach wie möglich, damit auch Menschen mit "
                        "wenig Deutschkenntnissen sie verstehen. Ältere Menschen können eine "
                        "Vertrauensperson mitbringen oder uns direkt ansprechen, wenn etwas unklar "
                        "ist. Bei der Gestaltung der Plattform achten wir auf Barrierefreiheit, zum "
                        "Beispiel auf gute Lesbarkeit, die Bedienung per Tastatur und eine "
                        "vergrößerte Darstellung. Wenn Ihnen trotzdem eine Barriere auffällt, sagen "
                        "Sie es uns bitte."
                    ),
                ),
                (
                    "quote",
                    (
                        "Alle Mitglieder der Stadtgesellschaft sollen die Möglichkeit haben, an der "
                        "Gestaltung der Stadt und der Region aktiv mitzumachen."
                    ),
                ),
            ],
        },
        "en": {
            "title": "Taking part for everyone: online and on paper",
            "teaser": (
                "Participation should leave no one out. You can take part online, but also on paper or in person."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "A smart city only works together with the community. The digital "
                        "collaboration platform is therefore meant to offer many ways to take part "
                        "in urban development. For us, digital does not mean online only. Offline "
                        "channels and formats are connected with the platform so that everyone can "
                        "join in."
                    ),
                ),
                ("heading", "Taking part without the internet"),
                (
                    "paragraph",
                    (
                        "Not everyone has internet access or wants to take part online. That is why "
                        "many participation processes come with a paper form that you can fill in "
                        "and hand in. Contributions from events or from the citizens' office are "
                        "included as well. We enter them on the platform so that all contributions "
                        "are evaluated together."
                    ),
                ),
                ("heading", "Clear and accessible"),
                (
                    "paragraph",
                    (
                        "We write our texts as simply as possible so that people with little German "
                        "can understand them too. Older people are welcome to bring someone they "
                        "trust or to ask us directly if anything is unclear. When designing the "
                        "platform, we pay attention to accessibility, for example good legibility, "
                        "keyboard use and zooming. If you still come across a barrier, please let "
                        "us know."
                    ),
                ),
                (
                    "quote",
                    (
                        "Every member of the community should have the chance to take an active "
                        "part in shaping the city and the region."
                    ),
                ),
            ],
        },
    },
    {
        "slug": "verkehrsleitrechner-im-projekt-viaa",
        "date": "2026-09-22",
        "authors": ["max-mustermann"],
        "categories": ["mobilitaet", "infrastruktur"],
        "tags": ["VIAA", "Verkehr", "Förderung"],
        "projects": ["verkehrsleitrechner-viaa", "baustellenmanagement-roads"],
        "de": {
            "title": "Verkehrsleitrechner: Umsetzung im Projekt VIAA",
            "teaser": (
                "Der Verkehrsleitrechner wurde im Modellprojekt Smart City nicht bewilligt. "
                "Die Hansestadt setzt ihn mit Mitteln eines anderen Förderprogramms um."
            ),
            "body": [
                (
                    "paragraph",
                    (
                        "Nicht jedes Vorhaben passt in jedes Förderprogramm. Die Projekte im "
                        "Modellprojekt Smart City beziehen sich auf freiwillige, also "
                        "nicht-pflichtige Aufgaben einer Kommune. Die Modernisierung der Verwaltung "
                        "ist nicht Bestandteil der Förderung. Aus diesem Grund wurde das Projekt "
                        "Verkehrsleitrechner dort leider nicht bewilligt."
                    ),
                ),
                ("heading", "Ein anderer Weg zum Ziel"),
                (
                    "paragraph",
                    (
                        "Aufgeben wollten wir das Vorhaben nicht. Die Hansestadt hat ein anderes "
                        "Förderprogramm akquiriert und setzt den Verkehrsleitrechner im Projekt "
                        "VIAA mit diesen Mitteln um. Auch die Digitalisierung der Schul-IT wird mit "
                        "Hilfe von Fördermitteln umgesetzt. Beide Beispiele zeigen, dass "
                        "Digitalisierung in Lübeck aus mehreren Quellen finanziert wird."
                    ),
                ),
                ("heading", "Teil des Themenfelds Mobilität"),
                (
                    "paragraph",
                    (
                        "Der Verkehrsleitrechner gehört zum Themenfeld Mobilität und damit zu einem "
                        "wichtigen Teil der Lebensqualität in der Region. Er steht neben anderen "
                        "Mobilitätsvorhaben wie dem Baustellenmanagement ROADS, das im Modellprojekt "
                        "Smart City gefördert wird. Über den weiteren Verlauf informieren wir hier "
                        "im Digitalblog. Wenn Sie Fragen zum Projekt haben, schreiben Sie uns gerne."
                    ),
                ),
                ("quote", "Nicht jedes Vorhaben passt in jedes Förderprogramm, wichtig ist, dass es umgesetzt wird."),
            ],
        },
        "en": {
            "title": "Traffic control computer: carried out in the VIAA project",
            "teaser": (
                "The traffic control computer was not approved in the Smart City model project. The Hanseatic "
                "City carries it out with another funding programme."
            ),
            "body": [
                ("paragraph", (
                    "Not every project fits every funding programme. The Smart City model project covers voluntary "
                    "tasks of a municipality; modernising the administration is not part of it. That is why the "
                    "traffic control computer was not approved there."
                )),
                ("heading", "Another way to the goal"),
                ("paragraph", (
                    "We did not want to give up. The Hanseatic City secured another funding programme and carries "
                    "out the traffic control computer in the VIAA project."
                )),
                ("heading", "Part of the mobility field"),
                ("paragraph", (
                    "The traffic control computer belongs to the mobility field, next to the ROADS construction "
                    "site management funded in the Smart City model project. We report on its progress here in the "
                    "digital blog."
                )),
                ("quote", "Not every project fits every funding programme; what matters is that it happens."),
            ],
        },
    },
]

TAGS_EN = {
    "Smart City": "Smart city",
    "Lebensqualität": "Quality of life",
    "Beirat": "Advisory board",
    "Digitale Strategie": "Digital strategy",
    "ROADS": "ROADS",
    "Baustellen": "Roadworks",
    "Mobilität": "Mobility",
    "Digitales Kulturwerk": "Digital Kulturwerk",
    "3D": "3D",
    "Welterbe": "World heritage",
    "Social Smart City": "Social Smart City",
    "Ehrenamt": "Volunteering",
    "Inklusion": "Inclusion",
    "Open Data": "Open data",
    "Transparenz": "Transparency",
    "Infrastruktur": "Infrastructure",
    "Daseinsvorsorge": "Public services",
    "Digital Governance Board": "Digital Governance Board",
    "PMO": "PMO",
    "Beteiligung": "Participation",
    "Barrierefreiheit": "Accessibility",
    "Papier": "Paper",
    "VIAA": "VIAA",
    "Verkehr": "Traffic",
    "Förderung": "Funding",
}
