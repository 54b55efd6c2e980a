"""The Arabic interface addresses the reader in one register: the polite plural (أنتم), as German
public bodies' Arabic texts do – residents, volunteers and staff alike. The markers below are the
singular forms (أنت) the catalogue used to mix in: pronoun suffix ـك, imperatives, verb forms."""

import json
import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "site" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
DEMO_CONTENT = ROOT / "site" / "tooling" / "demo_content" / "translations.json"

LETTER = "\u0621-\u064a\u064b-\u0652\u0670"  # Arabic letters and their vowel marks
PREFIX = "[وفبل]?"  # and, so, with, for: joined to the next word

# ـك ("your", "you" as object): whole words only, so the plural ـكم never matches.
SUFFIXED = """
    يمكنك بإمكانك لديك عليك إليك معك لك بك بينك أنك لأنك فإنك نفسك
    بريدك عنوانك اسمك باسمك حسابك فكرتك أفكارك تعليقك تعليقاتك إجاباتك بإجاباتك دعمك دعوتك
    طلبك رسالتك أسئلتك ردك منظمتك فرصك ملفك تسجيلك تسجيلاتك مكانك تقويمك مناوباتك مواعيدك
    تطوعك مشاركتك رغبتك أنشطتك ساعاتك مساهماتك اهتماماتك وقتك حيّك بياناتك متصفحك شبكتك
    اطلاعك توثيقك إضافتك تصلك يناسبك تناسبك سيبلغك وسنبلغك ستخبرك يسجلك يمنحك ينقلك نشكرك
"""

# Imperatives to one person (the plural ends in ـوا, or ـوه/ـوها with an object).
IMPERATIVES = """
    اختر أدخل استخدم اترك اتركه ابحث اكتب افتح افتحه اضغط أزل أضف أضفه أنشئ انسخه احفظ أعد
    امسح التقط احتسب استبعدها اذكر اطلب اسأل اقرأ ضعها اطبع أكّد شاهد جرّب اطلع تحقق أبلغ
    سجّلهم راجعها أخبرنا اطرح
"""

# Verb forms and pronouns that only read as singular address in their context.
PHRASES = [
    r"[وف]?أنت",
    r"احتفظ به|احتفظ بهذا",
    r"أخبر الشخص",
    r"ساعد في",
    r"شارك الآن",
    r"هل تريد",
    r"ماذا تريد",
    r"أن تقدم",
    r"أن تفعل",
    r"لم تتمكن",
    r"لم تسجل",
    r"لم تقبله",
    r"لم تكن بحاجة",
    r"كنت تحتاج",
    r"تحتاج إليه",
    r"لقد (?:قبلت|أبلغت|استعلمت)",
    r"إذا (?:اخترت|وضعت|أجبت|أردت)",
    r"أرسلت فكرة|الذي أرسلته|التي أرسلتها|حصلت عليها|طلبتها|وطلبت التحديثات|حمّلته",
    r"أخبرتنا",
    r"ستحضر",
    r"تحب",
    r"تستطيع،",
    r"تتحدثها",
    r"كما تراه",
    r"ترى بيانات",
    r"أن تؤكد الشخص|أن تؤكدهم",
    r"لتبقى مجهول",
    r"ألغِ تسجيلك",
]


def _word(pattern, prefix=""):
    return re.compile(rf"(?<![{LETTER}]){prefix}(?:{pattern})(?![{LETTER}])")


MARKERS = (
    [_word(re.escape(w), PREFIX) for w in SUFFIXED.split()]
    + [_word(re.escape(w), "[وف]?") for w in IMPERATIVES.split()]
    + [_word(p) for p in PHRASES]
)


def singular_address(text):
    """The singular markers found in one Arabic string."""
    return [m.group(0) for marker in MARKERS for m in marker.finditer(text)]


def test_the_marker_list_tells_singular_from_plural_address():
    assert singular_address("يمكنك تأكيد بريدك. اختر صفحة. أنت مسجل.") == ["يمكنك", "بريدك", "اختر", "أنت"]
    assert singular_address("يمكنكم تأكيد بريدكم. اختاروا صفحة. أنتم مسجلون.") == []
    # words that merely end in ك, and third persons, are not address
    assert singular_address("لذلك هناك تلك المنظمة؛ لا تستطيع المنظمة قبوله؛ حتى تتمكن المدينة") == []


def test_every_arabic_interface_string_addresses_the_reader_in_the_polite_plural():
    po = polib.pofile(str(CATALOGUE))
    found = []
    for entry in po.translated_entries():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            found += [(entry.msgid, marker) for marker in singular_address(text)]
    assert found == []


def test_the_arabic_demo_content_addresses_the_reader_in_the_polite_plural():
    arabic = json.loads(DEMO_CONTENT.read_text(encoding="utf-8"))["ar"]
    found = [(german, marker) for german, text in arabic.items() for marker in singular_address(text)]
    assert found == []
