"""The demo's idea call (with its Moisling workshop, issue 25), survey, Impressum, Datenschutz and accessibility
statement in every locale (issue 24, point 11): copies of the German page (`copy_for_translation`, as core.demo makes
the English pages) with the texts below; fields without a text here stay German and are marked `lang="de"` where
shown (core.i18n). Copies, not wagtail-localize's PO round trip (tooling.demo_languages): about a quarter of its time
per page, and `load_demo_content` runs at every `make run`. Idempotent: a translation that exists is left as it is.

The Turkish, Arabic, Ukrainian and Leichte-Sprache texts were written with AI assistance and need a review by
native speakers (and the Leichte-Sprache check group), like the catalogues in site/locale/.
"""

from wagtail.models import Locale, Page, Site

LANGUAGES = ["en", "tr", "ar", "uk", "de-x-ls"]

IDEA_CALL = {
    "en": {
        "title": "Ideas for digital participation",
        "intro": "What should the Smart City Region Lübeck tackle next? Share your idea – online, on paper or at "
                 "a citizens' office.",
        "description": "<p>The moderation team checks every idea and answers it publicly.</p>",
        "paper_hint": "Paper forms are available at every citizens' office, where you can also hand them in.",
        "phase": "Send ideas",
    },
    "tr": {
        "title": "Dijital katılım için fikirler",
        "intro": "Smart City Region Lübeck bundan sonra neye el atmalı? Fikrinizi paylaşın – çevrimiçi, kâğıt "
                 "üzerinde ya da vatandaş bürosunda.",
        "description": "<p>Moderasyon ekibi her fikri inceler ve herkese açık olarak yanıtlar.</p>",
        "paper_hint": "Kâğıt formlar tüm vatandaş bürolarında bulunur ve orada teslim edilebilir.",
        "phase": "Fikir gönderin",
    },
    "ar": {
        "title": "أفكار للمشاركة الرقمية",
        "intro": "ما الذي يجب أن تتناوله Smart City Region Lübeck بعد ذلك؟ شاركوا بفكرتكم – عبر الإنترنت أو على "
                 "الورق أو في مكتب المواطنين.",
        "description": "<p>يراجع فريق الإشراف كل فكرة ويرد عليها علنًا.</p>",
        "paper_hint": "تتوفر الاستمارات الورقية في جميع مكاتب المواطنين ويمكن تسليمها هناك.",
        "phase": "إرسال الأفكار",
    },
    "uk": {
        "title": "Ідеї для цифрової участі",
        "intro": "Чим Smart City Region Lübeck має зайнятися далі? Запропонуйте свою ідею – онлайн, на папері або "
                 "в бюро для громадян.",
        "description": "<p>Модератори перевіряють кожну ідею і публічно на неї відповідають.</p>",
        "paper_hint": "Паперові бланки є в усіх бюро для громадян, там їх можна й здати.",
        "phase": "Надсилати ідеї",
    },
    "de-x-ls": {
        "title": "Ihre Ideen für Lübeck",
        "intro": "Haben Sie eine Idee für Lübeck? Dann schreiben Sie uns. Das geht im Internet. Das geht auch auf "
                 "Papier.",
        "description": "<p>Wir lesen jede Idee. Wir antworten auf jede Idee.</p>",
        "paper_hint": "Die Papier·bögen gibt es in jedem Bürger·büro. Dort können Sie den Bogen auch abgeben.",
        "phase": "Ideen schicken",
    },
}

SURVEY = {
    "de-x-ls": {
        "title": "Umfrage: Wie fahren Sie in Lübeck?",
        "intro": "Wir möchten wissen: Wie kommen Sie in Lübeck von einem Ort zum anderen? Die Umfrage dauert "
                 "5 Minuten.",
    },
}

IMPRINT = {
    "tr": {
        "title": "Künye",
        "intro": "DDG § 5 uyarınca bilgiler (Alman Dijital Hizmetler Yasası).",
        "body": "<p>Hansestadt Lübeck, Dijitalleşme, Organizasyon ve Strateji Birimi (DOS), Breite Straße 62, "
                "23552 Lübeck. Bu bir demo kurulumudur; bilgiler örnektir.</p>",
    },
    "ar": {
        "title": "بيانات الناشر",
        "intro": "معلومات وفقًا للمادة 5 من قانون الخدمات الرقمية الألماني (DDG).",
        "body": "<p>Hansestadt Lübeck، قسم الرقمنة والتنظيم والاستراتيجية (DOS)، Breite Straße 62، 23552 Lübeck. "
                "هذا تثبيت تجريبي؛ البيانات أمثلة.</p>",
    },
    "uk": {
        "title": "Вихідні дані",
        "intro": "Інформація відповідно до § 5 DDG (німецький Закон про цифрові послуги).",
        "body": "<p>Hansestadt Lübeck, відділ цифровізації, організації та стратегії (DOS), Breite Straße 62, "
                "23552 Lübeck. Це демонстраційна інсталяція; дані є прикладами.</p>",
    },
    "de-x-ls": {
        "title": "Impressum",
        "intro": "Hier steht: Wer macht diese Internet·seite?",
        "body": "<p>Die Internet·seite macht die Stadt Lübeck. Die Adresse ist: Breite Straße 62, 23552 Lübeck.</p>"
                "<p>Diese Seite ist ein Beispiel. Die Angaben sind nicht echt.</p>",
    },
}

PRIVACY = {
    "tr": {
        "title": "Veri koruma",
        "intro": "Verilerinizi nasıl işlediğimiz.",
        "body": "<p>Yalnızca katılımınız için gerekli verileri işliyoruz. Bu site başka sunuculardan içerik "
                "yüklemez ve izleyici kullanmaz.</p>",
    },
    "ar": {
        "title": "حماية البيانات",
        "intro": "كيف نتعامل مع بياناتكم.",
        "body": "<p>نعالج فقط البيانات اللازمة لمشاركتكم. لا يحمّل هذا الموقع أي محتوى من خوادم أخرى ولا يستخدم "
                "أدوات تتبع.</p>",
    },
    "uk": {
        "title": "Захист даних",
        "intro": "Як ми поводимося з Вашими даними.",
        "body": "<p>Ми обробляємо лише ті дані, які потрібні для Вашої участі. Сайт нічого не завантажує з інших "
                "серверів і не використовує трекерів.</p>",
    },
    "de-x-ls": {
        "title": "Daten·schutz",
        "intro": "Hier steht: Was machen wir mit Ihren Daten?",
        "body": "<p>Wir speichern nur die Daten, die wir brauchen. Zum Beispiel Ihre Idee.</p>"
                "<p>Wir geben Ihre Daten nicht weiter. Wir zählen nicht, wer die Seite besucht.</p>",
    },
}

STATEMENT = {
    "tr": {
        "title": "Erişilebilirlik beyanı",
        "intro": "Hansestadt Lübeck, web sitesini Alman erişilebilirlik yönetmeliği BITV 2.0'a uygun olarak "
                 "erişilebilir kılmaya çalışmaktadır.",
        "applies_to": "Smart City Region Lübeck'in „Mitgestalten“ web sitesi",
        "conformance_note": "Temel, BITV 2.0 ve Avrupa standardı EN 301 549'dur (WCAG 2.1, AA uygunluk düzeyi).",
        "barriers": [
            ("Fikir gönderirken harita", "Yer seçme haritası klavyeyle tam olarak kullanılamıyor.",
             "Yeri „Yer“ alanına yazabilirsiniz. Harita gerekli değildir."),
            ("Başka hizmetlerden gömülü videolar",
             "Blog yazılarındaki YouTube veya Vimeo videolarının her zaman altyazısı yoktur.",
             "Her gömülü videonun aynı sayfada bir metin sürümü vardır."),
            ("İndirilebilir eski belgeler",
             "Bazı PDF belgeleri 23 Eylül 2018'den önce yayımlanmıştır ve erişilebilir değildir.",
             "İsteğiniz üzerine içeriği size erişilebilir bir biçimde göndeririz."),
        ],
    },
    "ar": {
        "title": "بيان إمكانية الوصول",
        "intro": "تسعى Hansestadt Lübeck إلى جعل موقعها الإلكتروني متاحًا للجميع وفقًا للائحة الألمانية لإمكانية "
                 "الوصول BITV 2.0.",
        "applies_to": "موقع „Mitgestalten“ التابع لـ Smart City Region Lübeck",
        "conformance_note": "الأساس هو BITV 2.0 والمعيار الأوروبي EN 301 549 (WCAG 2.1، مستوى المطابقة AA).",
        "barriers": [
            ("الخريطة عند تقديم فكرة", "لا يمكن استخدام خريطة اختيار المكان بالكامل بلوحة المفاتيح.",
             "يمكنكم كتابة المكان في حقل „المكان“. الخريطة ليست ضرورية."),
            ("مقاطع فيديو مضمّنة من خدمات أخرى",
             "مقاطع فيديو YouTube أو Vimeo في مقالات المدونة ليست دائمًا مترجمة بنص مرافق.",
             "لكل فيديو مضمّن نسخة نصية في الصفحة نفسها."),
            ("مستندات قديمة للتنزيل", "نُشرت بعض مستندات PDF قبل 23 سبتمبر 2018 وهي غير متاحة للجميع.",
             "نرسل لكم المحتوى بصيغة متاحة عند الطلب."),
        ],
    },
    "uk": {
        "title": "Заява про доступність",
        "intro": "Hansestadt Lübeck прагне зробити свій вебсайт доступним відповідно до німецького положення про "
                 "доступність BITV 2.0.",
        "applies_to": "вебсайт „Mitgestalten“ Smart City Region Lübeck",
        "conformance_note": "Основою є BITV 2.0 і європейська норма EN 301 549 (WCAG 2.1, рівень відповідності AA).",
        "barriers": [
            ("Карта під час подання ідеї", "Картою для вибору місця не можна повністю користуватися з клавіатури.",
             "Ви можете написати місце в полі „Місце“. Карта не потрібна."),
            ("Вбудовані відео інших сервісів", "Відео з YouTube або Vimeo у дописах блогу не завжди мають субтитри.",
             "Для кожного вбудованого відео на тій самій сторінці є текстова версія."),
            ("Старі документи для завантаження",
             "Деякі PDF-документи опубліковано до 23 вересня 2018 року, і вони не є доступними.",
             "На запит ми надішлемо Вам зміст у доступному форматі."),
        ],
    },
    "de-x-ls": {
        "title": "Erklärung zur Barriere·freiheit",
        "intro": "Die Stadt Lübeck möchte: Alle Menschen können diese Internet·seite gut benutzen. Hier steht, "
                 "was schon gut geht. Und was noch nicht gut geht.",
        "applies_to": "die Internet·seite Mitgestalten",
    },
}


# The Moisling workshop (participation/events/demo.py) in every language of the idea call above it.
WORKSHOP_SLUG = "buergerwerkstatt-moisling"
WORKSHOP = {
    "en": {
        "title": "Citizens' workshop Moisling: digital in the district",
        "intro": "How should appointments, forms and advice in the district go digital without leaving anyone "
                 "behind? We collect your ideas, with interpreting into Turkish and Arabic.",
        "access_notes": "Level entrance from the car park side; the room is on the ground floor.",
        "agenda": "<ol><li>Welcome and introductions</li><li>Collecting ideas at theme tables</li>"
                  "<li>Presenting the results</li></ol>",
    },
    "tr": {
        "title": "Moisling Vatandaş Atölyesi: Semtte dijital",
        "intro": "Semtteki randevular, formlar ve danışmanlık kimseyi geride bırakmadan nasıl dijital olmalı? "
                 "Türkçe ve Arapça tercümeyle fikirlerinizi topluyoruz.",
        "access_notes": "Otopark tarafından basamaksız giriş; salon zemin kattadır.",
        "agenda": "<ol><li>Karşılama ve tanışma</li><li>Tema masalarında fikir toplama</li>"
                  "<li>Sonuçların sunumu</li></ol>",
    },
    "ar": {
        "title": "ورشة المواطنين في مويسلينغ: رقمي في الحي",
        "intro": "كيف يمكن أن تصبح المواعيد والاستمارات والاستشارات في الحي رقمية دون أن يتخلف أحد؟ نجمع أفكاركم "
                 "مع ترجمة إلى التركية والعربية.",
        "access_notes": "مدخل بلا درجات من جهة موقف السيارات؛ القاعة في الطابق الأرضي.",
        "agenda": "<ol><li>الترحيب والتعارف</li><li>جمع الأفكار على طاولات المواضيع</li><li>عرض النتائج</li></ol>",
    },
    "uk": {
        "title": "Громадська майстерня в Мойслінгу: цифрове в районі",
        "intro": "Як зробити записи, бланки та консультації в районі цифровими, нікого не залишивши позаду? "
                 "Збираємо ваші ідеї з перекладом турецькою та арабською.",
        "access_notes": "Вхід без сходинок з боку парковки; зала на першому поверсі.",
        "agenda": "<ol><li>Привітання та знайомство</li><li>Збір ідей за тематичними столами</li>"
                  "<li>Представлення результатів</li></ol>",
    },
    "de-x-ls": {
        "title": "Treffen in Moisling: Digital im Stadt·teil",
        "intro": "Wir sprechen über Termine und Formulare im Internet. Was ist für Sie wichtig? Sagen Sie es uns. "
                 "Es gibt Über·setzung in Türkisch und Arabisch.",
        "access_notes": "Der Eingang hat keine Stufen. Er ist beim Park·platz. Der Raum ist im Erd·geschoss.",
        "agenda": "<ol><li>Wir sagen Hallo.</li><li>Wir sammeln Ideen.</li><li>Wir zeigen die Ideen.</li></ol>",
    },
}


def _translate(page, language, texts):
    """The translation of `page` into `language`: copied from it with `texts` set, and published."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language)).specific
    for name, value in texts.items():
        if name == "phase":  # the idea call's described phase
            phases = list(translation.phases.all())
            for phase in phases:
                phase.description = value if phase.description else ""
            translation.phases = phases
        elif name == "barriers":  # the statement's barriers, in the German order: title, description, alternative
            barriers = list(translation.barriers.all())
            for barrier, (title, description, alternative) in zip(barriers, value, strict=False):
                barrier.title, barrier.description, barrier.alternative = title, description, alternative
            translation.barriers = barriers
        elif name == "body":
            translation.body = [("paragraph", value)]
        else:
            setattr(translation, name, value)
    translation.draft_title = translation.title
    translation.save_revision().publish(skip_permission_checks=True)


def load():
    from accessibility.models import AccessibilityStatementPage
    from core.models import StandardPage
    from participation.ideas.demo import SLUG as IDEA_CALL_SLUG
    from participation.ideas.models import ParticipationProcessPage
    from participation.surveys.demo import SURVEY_SLUG
    from participation.surveys.models import SurveyPage

    home = Site.objects.get(is_default_site=True).root_page
    german = {page.slug: page for page in Page.objects.child_of(home).filter(
        slug__in=[IDEA_CALL_SLUG, SURVEY_SLUG, "impressum", "datenschutz", "barrierefreiheit"])}
    # One query tells what is there already: a second run costs next to nothing.
    done = set(Page.objects.filter(translation_key__in=[p.translation_key for p in german.values()])
               .values_list("translation_key", "locale__language_code"))

    def missing(slug, language, model):
        page = german.get(slug)
        if page is None or (page.translation_key, language) in done:
            return None
        return page.specific if isinstance(page.specific, model) else None

    for language in LANGUAGES:
        for slug, model, texts in ((IDEA_CALL_SLUG, ParticipationProcessPage, IDEA_CALL),
                                   (SURVEY_SLUG, SurveyPage, SURVEY), ("impressum", StandardPage, IMPRINT),
                                   ("datenschutz", StandardPage, PRIVACY),
                                   ("barrierefreiheit", AccessibilityStatementPage, STATEMENT)):
            if language in texts and (page := missing(slug, language, model)) is not None:
                _translate(page, language, texts[language])
    _translate_workshop(home)


def _translate_workshop(home):
    from participation.events.models import EventPage

    event = EventPage.objects.filter(slug=WORKSHOP_SLUG, locale_id=home.locale_id).first()
    if event is None:
        return
    have = set(Page.objects.filter(translation_key=event.translation_key).values_list("locale__language_code",
                                                                                       flat=True))
    for language, texts in WORKSHOP.items():
        if language not in have and event.get_parent().get_translation_or_none(
                Locale.objects.get(language_code=language)) is not None:
            _translate(event, language, texts)
