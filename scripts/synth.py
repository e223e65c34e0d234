"""Write a synthetic plan repository of any size, for benchmarks and load tests.

    python scripts/synth.py OUT_DIR --bodies N --years Y --activities A [--seed S]
        [--start-year 2014] [--broken K]

writes OUT_DIR/plans/nap.yaml (the framework of this repository's plans/nap.yaml,
with its period, exchange rates, chairs and planning rounds widened to the
generated years), OUT_DIR/plans/bodies.yaml (N bodies body-0001 ... alternating
between the jurisdictions) and OUT_DIR/plans/<year>/<body>.yaml for every body
and year, each with A activities that look like the sample plans: titles in
English, Arabic and Kurdish, budgets in IQD or USD with funding that never
exceeds the amount, indicators and quarterly progress.

The files are written as a person would write them (block style, two-space
indentation, small flow mappings and lists), are the same for the same seed,
and with --broken 0 pass `nap validate` without a finding. With --broken K,
K plan files get one realistic mistake each (an unknown pillar, an amount
written 50,000,000, a duplicated activity id or an impossible date).

The text is built with string formatting, not a YAML dumper: 1,000 plans of
50 activities take a few seconds. `generate()` does the same from Python.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FRAMEWORK = Path(__file__).resolve().parents[1] / "plans" / "nap.yaml"
MARKER = "# Synthetic data written by scripts/synth.py"
MISTAKES = ("pillar", "amount", "duplicate-id", "date")

_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

# IQD for one USD, roughly the official rate of each year; later years repeat the last.
_USD_RATES = {
    2010: 1170,
    2011: 1170,
    2012: 1166,
    2013: 1166,
    2014: 1166,
    2015: 1166,
    2016: 1182,
    2017: 1182,
    2018: 1182,
    2019: 1182,
    2020: 1190,
    2021: 1450,
    2022: 1450,
    2023: 1310,
    2024: 1310,
}

# --- text pools --------------------------------------------------------------
# (en, ar, ckb): "" where there is no translation. {y} is the plan year, {n} the next.

Text = tuple[str, str, str]

TITLES: dict[str, list[Text]] = {
    "participation.1": [
        ("Leadership training for women heads of departments", "", ""),
        (
            "Appoint women to at least a fifth of the director-general and director posts",
            "تعيين النساء في خُمس مناصب المديرين العامين والمديرين على الأقل",
            "",
        ),
        ("Leadership training for women members of governorate councils", "", ""),
        ("Training for women candidates and for elected women in the provincial councils", "", ""),
        (
            "Train women preachers to lead religious awareness sessions for women",
            "تدريب الواعظات على قيادة جلسات التوعية الدينية للنساء",
            "",
        ),
        ("Raise the share of women among school principals and supervisors", "", ""),
    ],
    "participation.2": [
        ("Recruit and train women police officers", "تعيين وتدريب نساء في سلك الشرطة", ""),
        (
            "Recruit women into the Peshmerga forces",
            "تطويع النساء في قوات البيشمركة",
            "وەرگرتنی ئافرەتان لە هێزەکانی پێشمەرگە",
        ),
        ("Promote qualified women officers to leadership posts", "", ""),
        ("Deploy women police officers in camps for displaced people and refugees", "", ""),
        (
            "Build toilets and changing rooms for women in police stations and training centres",
            "",
            "",
        ),
    ],
    "participation.3": [
        (
            "Include women in the National Reconciliation Committee and its local branches",
            "إشراك النساء في لجنة المصالحة الوطنية وفروعها المحلية",
            "",
        ),
        (
            "Advocate for women in delegations to talks and in reconciliation committees after ISIL",
            "المناصرة لإشراك النساء في الوفود التفاوضية وفي لجان المصالحة بعد داعش",
            "داکۆکیکردن لە بەشداریی ئافرەتان لە شاندەکانی دانوستان و لە لیژنەکانی ئاشتەوایی دوای داعش",
        ),
        ("Bring women into local security committees in liberated areas", "", ""),
        ("Consult women displaced from areas held by ISIL on their protection needs", "", ""),
    ],
    "protection.1": [
        (
            "Set up a hotline for reporting domestic violence",
            "إنشاء خط ساخن للإبلاغ عن العنف الأسري",
            "",
        ),
        (
            "Keep the 119 hotline for reporting violence against women open around the clock",
            "تشغيل الخط الساخن 119 للإبلاغ عن العنف ضد المرأة على مدار الساعة",
            "کارپێکردنی هێڵی گەرمی 119 بۆ ڕاگەیاندنی توندوتیژی دژی ئافرەتان بە درێژایی 24 کاتژمێر",
        ),
        (
            "Monitor the situation of women in camps for displaced people and refugees and publish a report",
            "",
            "چاودێریکردنی دۆخی ئافرەتان لە کەمپەکانی ئاوارە و پەنابەران و بڵاوکردنەوەی ڕاپۆرتێک لەسەری",
        ),
        (
            "Set up a procedure to protect women activists and journalists who receive threats",
            "وضع إجراء لحماية الناشطات والصحفيات المعرضات للتهديد",
            "",
        ),
        ("Gender-sensitivity training for officers at checkpoints and in camps", "", ""),
    ],
    "protection.2": [
        (
            "Train doctors and nurses on the clinical management of rape",
            "تدريب الأطباء والممرضين على الإدارة السريرية لحالات الاغتصاب",
            "",
        ),
        (
            "Psychosocial support for women survivors of violence in primary health care centres",
            "تقديم الدعم النفسي والاجتماعي للنساء الناجيات من العنف في مراكز الرعاية الصحية الأولية",
            "",
        ),
        (
            "Support for Yazidi women survivors of ISIL captivity",
            "دعم النساء الإيزيديات الناجيات من أسر داعش",
            "پشتگیریکردنی ئافرەتە ئێزیدییە ڕزگارکراوەکان لە دیلیی داعش",
        ),
        (
            "Expand the women's shelters in Erbil, Sulaymaniyah and Duhok",
            "",
            "فراوانکردنی خانەکانی حەوانەوەی ئافرەتان لە هەولێر و سلێمانی و دهۆک",
        ),
        ("Run mobile reproductive health clinics for displaced women", "", ""),
        (
            "Rehabilitate state shelters for women survivors of violence",
            "تأهيل دور الإيواء الحكومية للنساء الناجيات من العنف",
            "",
        ),
    ],
    "protection.3": [
        ("Open new family protection units in police stations", "", ""),
        ("Train family protection unit staff on survivor-centred case handling", "", ""),
        (
            "Strengthen the directorates for combating violence against women with trained women investigators",
            "",
            "بەهێزکردنی بەڕێوەبەرایەتییەکانی بەدواداچوونی توندوتیژی دژی ئافرەتان بە لێکۆڵەری ئافرەتی ڕاهێنراو",
        ),
        ("Improve conditions in women's prisons in line with the Bangkok Rules", "", ""),
        ("Train judges and prosecutors of the domestic violence courts", "", ""),
    ],
    "protection.4": [
        ("Interfaith dialogue meetings on protecting women of religious minorities", "", ""),
        ("Guide for preachers on answering extremist messages about women", "", ""),
        (
            "Raise the situation of Yazidi women abducted by ISIL with foreign governments and the United Nations",
            "",
            "",
        ),
    ],
    "promotion.1": [
        (
            "Media campaign on UNSCR 1325 during the 16 Days of Activism against violence against women",
            "حملة إعلامية حول القرار 1325 خلال حملة الستة عشر يوماً لمناهضة العنف ضد المرأة",
            "",
        ),
        (
            "School awareness days on UNSCR 1325 and peaceful coexistence",
            "أيام توعية مدرسية حول القرار 1325 والتعايش السلمي",
            "ڕۆژانی هۆشیارکردنەوە لە قوتابخانەکان دەربارەی بڕیاری 1325 و پێکەوەژیانی ئاشتییانە",
        ),
        (
            "Yearly conference on women, peace and security",
            "المؤتمر السنوي حول المرأة والسلام والأمن",
            "کۆنفرانسی ساڵانە دەربارەی ئافرەتان، ئاشتی و ئاسایش",
        ),
        ("Awareness sessions on the health risks of early marriage", "", ""),
        ("Radio programme on women's rights in Kurdish and Arabic", "", ""),
    ],
    "promotion.2": [
        (
            "Awareness sessions for imams and preachers on women's rights and violence against women",
            "جلسات توعية للأئمة والخطباء حول حقوق المرأة والعنف ضدها",
            "کۆڕی هۆشیارکردنەوە بۆ پێشنوێژان و وتاربێژان دەربارەی مافەکانی ئافرەتان و توندوتیژی دژیان",
        ),
        ("Add UNSCR 1325 and women's rights to the police academy curriculum", "", ""),
        (
            "Review school curricula to remove stereotyped views of the roles of women and men",
            "",
            "",
        ),
    ],
    "promotion.3": [
        (
            "Set up a network of gender focal points in the ministries",
            "إنشاء شبكة لنقاط ارتكاز النوع الاجتماعي في الوزارات",
            "دامەزراندنی تۆڕی خاڵە ناوەندییەکانی جێندەر لە وەزارەتەکان",
        ),
        ("Train social researchers on UNSCR 1325 and the NAP", "", ""),
        ("Train statisticians of the ministries on gender statistics", "", ""),
        ("Train police officers on UNSCR 1325 and the rights of women", "", ""),
    ],
    "empowerment.1": [
        ("Soft loans for small businesses run by women", "", ""),
        ("Refer displaced women to the livelihood programmes of NGOs and UN agencies", "", ""),
        ("Open day-care centres for the children of working women in public institutions", "", ""),
    ],
    "empowerment.2": [
        (
            "Extend the social protection network to widows and divorced women who head their households",
            "شمول الأرامل والمطلقات المعيلات لأسرهن بشبكة الحماية الاجتماعية",
            "",
        ),
        (
            "Monthly welfare allowance for women survivors of ISIL captivity",
            "منحة رعاية اجتماعية شهرية للنساء الناجيات من أسر داعش",
            "مووچەی مانگانەی چاودێریی کۆمەڵایەتی بۆ ئەو ئافرەتانەی لە دیلیی داعش ڕزگاریان بووە",
        ),
        ("Survey and register women heads of household for social protection", "", ""),
    ],
    "empowerment.3": [
        (
            "Open classes for displaced and refugee girls in camps",
            "فتح صفوف دراسية للفتيات النازحات واللاجئات في المخيمات",
            "کردنەوەی پۆلی خوێندن بۆ کچانی ئاوارە و پەنابەر لە کەمپەکان",
        ),
        ("Literacy courses for women in villages", "", ""),
        ("Vocational training for displaced and refugee women", "", ""),
    ],
    "legislation.1": [
        (
            "Review laws for provisions that discriminate against women",
            "مراجعة القوانين لرصد الأحكام التي تميز ضد المرأة",
            "پێداچوونەوە بە یاساکان بۆ دەستنیشانکردنی ئەو بڕگانەی جیاکاری دژی ئافرەتان دەکەن",
        ),
        (
            "Draft amendments to articles 41, 398 and 409 of the Penal Code, which discriminate against women",
            "إعداد مسودات تعديل للمواد 41 و398 و409 من قانون العقوبات التي تميز ضد المرأة",
            "",
        ),
        ("Contribute a section on women's rights to Iraq's report to the CEDAW Committee", "", ""),
    ],
    "legislation.2": [
        (
            "Set up a court specialised in domestic violence cases",
            "إنشاء محكمة مختصة بقضايا العنف الأسري",
            "",
        ),
        ("Brief police and the public on the 2012 law against trafficking in persons", "", ""),
        (
            "Follow up the implementation of the Law against Domestic Violence, No. 8 of 2011",
            "",
            "",
        ),
        ("Inspect workplaces for sexual harassment and unequal pay", "", ""),
    ],
    "legislation.3": [
        (
            "Free legal aid for women survivors of violence and displaced women",
            "تقديم المساعدة القانونية المجانية للنساء الناجيات من العنف والنساء النازحات",
            "",
        ),
        (
            "Receive and follow up women's complaints of rights violations",
            "استقبال شكاوى النساء بشأن انتهاكات حقوقهن ومتابعتها",
            "",
        ),
        (
            "Document ISIL's crimes against Yazidi and other women for future prosecution",
            "",
            "بەڵگەدارکردنی تاوانەکانی داعش دژی ئافرەتانی ئێزیدی و ئافرەتانی دیکە بۆ دادگاییکردن لە داهاتوودا",
        ),
        ("Mobile court sessions for displaced women without civil documents", "", ""),
    ],
    "resources.1": [
        (
            "Present the {y} master plan to the Council of Ministers to request funding",
            "عرض الخطة الرئيسية لعام {y} على مجلس الوزراء لطلب تمويلها",
            "",
        ),
        (
            "Organise a donor round table to fund the ministries' {y} plans",
            "تنظيم طاولة مستديرة للمانحين لتمويل خطط الوزارات لعام {y}",
            "",
        ),
        ("Advocate for a budget line for NAP activities in the {n} budget", "", ""),
        ("Train budget officers of the line ministries on gender-responsive budgeting", "", ""),
    ],
    "resources.2": [
        (
            "Publish a statistical yearbook on women and men in Iraq with data broken down by sex",
            "إصدار كتاب إحصائي سنوي عن المرأة والرجل في العراق ببيانات مصنفة حسب الجنس",
            "",
        ),
        ("Report every quarter on the Ministry's NAP activities to the Task Force", "", ""),
        ("Write the {y} annual report on the implementation of the NAP", "", ""),
        (
            "Train ministry focal points on monitoring and reporting against the NAP indicators",
            "",
            "",
        ),
    ],
    "resources.3": [
        (
            "Convene the Cross Sector Task Force every quarter",
            "عقد اجتماعات فصلية لفريق العمل المشترك بين القطاعات",
            "بەستنی کۆبوونەوەی وەرزانەی تیمی کاری هاوبەشی نێوان کەرتەکان",
        ),
        (
            "Direct the ministries to name NAP 1325 focal points at director level",
            "توجيه الوزارات بتسمية نقاط ارتكاز للخطة الوطنية للقرار 1325 بدرجة مدير",
            "",
        ),
        ("Coordinate {y} priorities with the Task Force chairs", "", ""),
    ],
}

# For pillars or objectives that the framework has and this table does not.
GENERIC_TITLES: list[Text] = [
    (
        "Train staff on UNSCR 1325 and the Women, Peace and Security agenda",
        "تدريب الموظفين على القرار 1325 وأجندة المرأة والسلام والأمن",
        "ڕاهێنانی فەرمانبەران لەسەر بڕیاری 1325 و بەرنامەی ئافرەتان، ئاشتی و ئاسایش",
    ),
    (
        "Awareness campaign on women's rights",
        "حملة توعية بحقوق المرأة",
        "هەڵمەتی هۆشیارکردنەوە دەربارەی مافەکانی ئافرەتان",
    ),
    ("Report every quarter on the body's NAP activities", "", ""),
]

# (title, unit, baseline range, target range); a percent target never exceeds 100.
INDICATORS: list[tuple[Text, str, tuple[int, int], tuple[int, int]]] = [
    (
        ("Number of women trained", "عدد النساء المتدربات", "ژمارەی ئافرەتانی ڕاهێنراو"),
        "number",
        (0, 0),
        (20, 400),
    ),
    (("Number of sessions held", "عدد الجلسات المنعقدة", ""), "number", (0, 0), (4, 120)),
    (("Number of people reached", "", ""), "number", (0, 500), (1000, 20000)),
    (("Number of staff trained", "", ""), "number", (0, 20), (25, 300)),
    (("Number of women receiving legal aid", "", ""), "number", (0, 100), (150, 1500)),
    (("Number of women survivors receiving support", "", ""), "number", (0, 200), (250, 3000)),
    (("Number of quarterly reports sent on time", "", ""), "number", (0, 0), (2, 4)),
    (("Number of shelter places", "", ""), "number", (20, 80), (90, 250)),
    (
        ("Share of women among trainees", "نسبة النساء بين المتدربين", ""),
        "percent",
        (0, 30),
        (40, 80),
    ),
    (("Share of women in director-level posts", "", ""), "percent", (5, 15), (20, 35)),
    (("Share of complaints closed within 60 days", "", ""), "percent", (10, 40), (60, 95)),
    (("Share of units reporting monthly data", "", ""), "percent", (0, 50), (70, 100)),
    (("Report published", "نشر التقرير", "بڵاوکردنەوەی ڕاپۆرت"), "yes-no", (0, 0), (1, 1)),
    (("Procedure issued by ministerial order", "", ""), "yes-no", (0, 0), (1, 1)),
    (("Gender focal point appointed", "", ""), "yes-no", (0, 0), (1, 1)),
]

VERIFICATION = [
    "Training attendance lists",
    "Session registers",
    "Ministerial order",
    "Meeting minutes",
    "Monthly data returns",
    "Case register",
    "Personnel records",
    "Distribution lists",
]

UNITS = [
    "Directorate of Human Resources",
    "Directorate of Legal Affairs",
    "Directorate of Training",
    "Planning Directorate",
    "Media Office",
    "Women's Empowerment Directorate",
    "Monitoring and Evaluation Unit",
    "Gender Unit",
    "Human Rights Department",
    "Directorate of Social Protection",
    "Office of the Secretary-General of the Ministry",
]

ORGANISATIONS = [
    "UN Women",
    "UNFPA",
    "UNDP",
    "UNICEF",
    "UNHCR",
    "WHO",
    "IOM",
    "ILO",
    "UNESCO",
    "Iraqi Women Network",
    "Iraqi 1325 Alliance",
    "Asuda",
    "Norwegian Refugee Council",
    "Women Empowerment Organization (WEO)",
    "Euromed Feminist Initiative IFE-EFI",
]

DONORS = [
    "UN Women",
    "UNFPA",
    "UNDP",
    "UNICEF",
    "European Union",
    "Government of Germany",
    "Embassy of the Kingdom of the Netherlands",
    "World Bank",
    "Hivos",
]

OTHER_FUNDERS = [
    "Private sector sponsors",
    "Kurdistan Training Coordination Centre",
    "Iraqi Red Crescent",
]

NOTES = {
    "not-started": ["No funding found yet", "Waiting for the funding agreement"],
    "delayed": [
        "Delayed by the financial crisis",
        "Funds requested from the Ministry of Finance not yet released",
        "Pledged funds not yet received",
        "Recruitment held back by the financial crisis",
        "Waiting for legal review",
    ],
    "cancelled": ["Cancelled: no allocation in the budget; proposed again next year"],
}

# (en, ar, ckb, short, kind)
BODY_NAMES: list[tuple[str, str, str, str, str]] = [
    ("Ministry of Health", "وزارة الصحة", "وەزارەتی تەندروستی", "MoH", "ministry"),
    ("Ministry of Interior", "وزارة الداخلية", "وەزارەتی ناوخۆ", "MoI", "ministry"),
    ("Ministry of Justice", "وزارة العدل", "وەزارەتی داد", "MoJ", "ministry"),
    ("Ministry of Education", "وزارة التربية", "وەزارەتی پەروەردە", "MoE", "ministry"),
    ("Ministry of Planning", "وزارة التخطيط", "وەزارەتی پلاندانان", "MoP", "ministry"),
    (
        "Ministry of Labor and Social Affairs",
        "وزارة العمل والشؤون الاجتماعية",
        "وەزارەتی کار و کاروباری کۆمەڵایەتی",
        "MoLSA",
        "ministry",
    ),
    (
        "Ministry of Religious Endowment",
        "وزارة الأوقاف والشؤون الدينية",
        "وەزارەتی ئەوقاف و کاروباری ئایینی",
        "MoRA",
        "ministry",
    ),
    (
        "Department of Foreign Relations",
        "دائرة العلاقات الخارجية",
        "فەرمانگەی پەیوەندییەکانی دەرەوە",
        "DFR",
        "department",
    ),
    (
        "High Council of Women Affairs",
        "المجلس الأعلى لشؤون المرأة",
        "ئەنجومەنی باڵای کاروباری ئافرەتان",
        "HCWA",
        "council",
    ),
    (
        "Independent Board of Human Rights",
        "الهيئة المستقلة لحقوق الإنسان",
        "دەستەی سەربەخۆی مافی مرۆڤ",
        "IBHR",
        "institution",
    ),
    ("Ministry of Finance", "وزارة المالية", "وەزارەتی دارایی", "MoF", "ministry"),
]


# --- YAML scalars ------------------------------------------------------------

_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVES = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
    r"|[-+]?(?:\.[0-9]+|[0-9][0-9_,:.]*)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$"
)


@cache
def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar that loads back as the same string: plain where it
    can be, double-quoted otherwise. In a flow collection, commas and brackets
    also need quotes."""
    plain = (
        text != ""
        and text == text.strip()
        and text[0] not in _PLAIN_BAD_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and not _RESOLVES.match(text)
        and not (flow and any(c in text for c in ",[]{}"))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(i, True) for i in items) + "]"


# --- the framework -----------------------------------------------------------


@dataclass(frozen=True)
class Framework:
    """What the generator needs to know of nap.yaml."""

    text: str
    data: dict[str, Any]  # loaded with BaseLoader: every scalar is a string
    pillars: dict[str, list[str]]
    languages: list[str]
    locations: dict[str, list[str]]  # jurisdiction id ("" for none) -> codes
    jurisdictions: list[str]
    currency: str
    periods: list[str]
    org: str  # GitHub organisation for reviewer teams

    @classmethod
    def read(cls, path: Path) -> Framework:
        text = path.read_text("utf-8")
        data = yaml.load(text, Loader=_Loader)
        locations: dict[str, list[str]] = {}
        for loc in data.get("locations", []):
            locations.setdefault(loc.get("jurisdiction", ""), []).append(loc["code"])
        org = "nap-synth"
        for m in data.get("maintainers", []):
            match = re.match(r"^@([A-Za-z0-9-]+)/", m)
            if match:
                org = match.group(1)
                break
        return cls(
            text=text,
            data=data,
            pillars={p["id"]: [o["id"] for o in p["objectives"]] for p in data["pillars"]},
            languages=[lang["code"] for lang in data["languages"]],
            locations=locations,
            jurisdictions=[j["id"] for j in data["jurisdictions"]],
            currency=data["currency"],
            periods=list(data["reporting"]["periods"]),
            org=org,
        )


def _emit(value: Any, indent: int) -> list[str]:
    """Block-style YAML lines for BaseLoader data (strings, lists, mappings)."""
    pad = " " * indent
    lines: list[str] = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:" if item else f"{pad}{key}: {{}}")
            lines += _emit(item, indent + 2)
        elif isinstance(item, list):
            if all(isinstance(x, str) for x in item):
                lines.append(f"{pad}{key}: {_flow_list(item)}")
            else:
                lines.append(f"{pad}{key}:")
                for entry in item:
                    sub = _emit(entry, indent + 4)
                    lines.append(f"{pad}  - {sub[0].lstrip()}")
                    lines += sub[1:]
        else:
            lines.append(f"{pad}{key}: {scalar(item)}")
    return lines


def _top_blocks(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The leading comment lines, and (key, text) for each top-level field."""
    header: list[str] = []
    blocks: list[tuple[str, str]] = []
    for line in text.splitlines(keepends=True):
        match = re.match(r"^([A-Za-z_][\w-]*):", line)
        if match:
            blocks.append((match.group(1), line))
        elif blocks:
            key, body = blocks[-1]
            blocks[-1] = (key, body + line)
        else:
            header.append(line)
    return header, blocks


# Optional fields of nap.yaml newer than the revisions a benchmark compares with
# (--base): left out, so that every version reads the same repository.
LEFT_OUT = {"currency_decimals", "licence"}


def nap_text(fw: Framework, years: list[int], chairs: dict[str, list[str]], seed: int) -> str:
    """nap.yaml: the framework's own text, with period, exchange rates, chairs and
    planning rounds rewritten for the generated years and bodies."""
    first, last = years[0], years[-1]
    rates: dict[str, dict[str, str]] = {
        str(k): v for k, v in fw.data.get("exchange_rates", {}).items()
    }
    known = sorted(int(y) for y in rates)
    rate_lines = ["exchange_rates:"]
    for year in years:
        table = rates.get(str(year))
        if table is None:
            nearest = min(known, key=lambda k: abs(k - year)) if known else None
            table = dict(rates[str(nearest)]) if nearest is not None else {}
            if fw.currency == "IQD":
                usd = _USD_RATES.get(year, _USD_RATES[min(max(year, 2010), 2024)])
                table["USD"] = str(usd)
        rate_lines.append(f"  {year}:")
        rate_lines += [f"    {cur}: {rate}" for cur, rate in table.items()]
    rounds = {r["year"]: r for r in fw.data["reporting"].get("rounds", [])}
    report_lines = ["reporting:", f"  periods: {_flow_list(fw.periods)}", "  rounds:"]
    for year in years:
        r = rounds.get(str(year), {})
        report_lines += [
            f"    - year: {year}",
            f"      drafts_returned: {r.get('drafts_returned', f'{year}-04-20')}",
            f"      days_allowed: {r.get('days_allowed', '10')}",
        ]
    jurisdictions = [{**j, "chairs": chairs[j["id"]]} for j in fw.data["jurisdictions"]]
    replace = {
        "period": f"period:\n  start: {first}\n  end: {last}\n",
        "exchange_rates": "\n".join(rate_lines) + "\n",
        "jurisdictions": "\n".join(_emit({"jurisdictions": jurisdictions}, 0)) + "\n",
        "reporting": "\n".join(report_lines) + "\n",
    }
    header, blocks = _top_blocks(fw.text)
    out = [line for line in header if "yaml-language-server" in line]
    out.append(f"{MARKER} (seed {seed}) from the framework of\n")
    out.append("# the napkit sample plans. It is not an official plan.\n")
    seen: set[str] = set()
    for key, body in blocks:
        seen.add(key)
        if key in LEFT_OUT:
            continue
        text = replace.get(key, body)
        out.append(text if text.endswith("\n") else text + "\n")
    out += [replace[key] for key in replace if key not in seen]
    return "".join(out)


# --- bodies ------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    id: str
    jurisdiction: str
    en: str
    ar: str
    ckb: str
    short: str
    kind: str


def make_bodies(fw: Framework, count: int) -> list[Body]:
    width = max(4, len(str(count)))
    out = []
    for i in range(count):
        en, ar, ckb, short, kind = BODY_NAMES[i % len(BODY_NAMES)]
        jurisdiction = fw.jurisdictions[i % len(fw.jurisdictions)]
        rnd = i // len(BODY_NAMES)
        if rnd:  # the pool repeats: a branch of the same kind of body
            en, short = f"{en}, Office {rnd + 1}", f"{short}-{rnd + 1}"
        out.append(
            Body(
                f"body-{i + 1:0{width}d}",
                jurisdiction,
                en,
                ar if not rnd else "",
                ckb if jurisdiction == "krg" and not rnd else "",
                short,
                kind,
            )
        )
    return out


def bodies_text(fw: Framework, bodies: list[Body], seed: int) -> str:
    lines = [
        "# yaml-language-server: $schema=../schema/bodies.schema.json",
        f"{MARKER} (seed {seed}). Not real bodies.",
        "bodies:",
    ]
    for b in bodies:
        lines.append(f"  - id: {b.id}")
        lines.append("    name:" if b.ar or b.ckb else f"    name: {scalar(b.en)}")
        if b.ar or b.ckb:
            lines += [
                f"      {code}: {scalar(text)}"
                for code, text in (("en", b.en), ("ar", b.ar), ("ckb", b.ckb))
                if text and code in fw.languages
            ]
        lines += [
            f"    short: {scalar(b.short)}",
            f"    jurisdiction: {b.jurisdiction}",
            f"    kind: {b.kind}",
            f'    reviewers: ["@{fw.org}/{b.id}"]',
        ]
    return "\n".join(lines) + "\n"


# --- plans -------------------------------------------------------------------


def _text(spec: Text, fw: Framework, indent: str, rng: random.Random, krg: bool) -> str:
    """A text field's value: ' plain' on the key's line, or a language mapping."""
    en, ar, ckb = spec
    langs = fw.languages
    pairs = [(c, t) for c, t in (("en", en), ("ar", ar), ("ckb", ckb)) if t and c in langs]
    if not krg:  # federal bodies write English and Arabic, like the sample
        pairs = [p for p in pairs if p[0] != "ckb"] or pairs
    if len(pairs) < 2 or rng.random() < 0.25:
        return " " + scalar(en)
    return "".join(f"\n{indent}{code}: {scalar(text)}" for code, text in pairs)


def _months(year: int) -> list[int]:
    return [calendar.monthrange(year, m)[1] for m in range(1, 13)]


def _values(rng: random.Random, units: list[tuple[str, str, int, int]], share: float) -> list[str]:
    """The indicators' values at `share` of the way; sometimes one is left out."""
    values = []
    for ind_id, unit, base, target in units:
        if unit == "yes-no":
            values.append(f"{ind_id}: {'true' if share >= 1 else 'false'}")
        else:
            v = base + round((target - base) * share * rng.uniform(0.85, 1.08))
            values.append(f"{ind_id}: {min(v, 100) if unit == 'percent' else v}")
    if len(values) > 1 and rng.random() < 0.15:
        values.pop()
    return values


@dataclass
class PlanSpec:
    body: Body
    year: int
    mistake: str | None = None


class PlanWriter:
    def __init__(self, fw: Framework, bodies: list[Body], activities: int, seed: int) -> None:
        self.fw = fw
        self.bodies = bodies
        self.activities = activities
        self.seed = seed
        self.pillar_ids = list(fw.pillars)
        self.titles = {
            o: TITLES.get(o) or GENERIC_TITLES for objs in fw.pillars.values() for o in objs
        }
        everywhere = fw.locations.get("", [])
        self.places = {j: (fw.locations.get(j, []), everywhere) for j in fw.jurisdictions}
        self.ids = [b.id for b in bodies]
        self.usd = fw.currency == "IQD"  # nap_text gives USD a rate for every year

    def text(self, spec: PlanSpec) -> str:
        body, year = spec.body, spec.year
        rng = random.Random(f"{self.seed}/{body.id}/{year}")
        krg = body.jurisdiction == "krg"
        status = rng.choices(("approved", "finalized", "submitted", "draft"), (50, 20, 20, 10))[0]
        n_periods = len(self.fw.periods)
        reported = n_periods if rng.random() < 0.7 else rng.randint(0, n_periods)
        out = [
            "# yaml-language-server: $schema=../../schema/plan.schema.json",
            f"{MARKER} (seed {self.seed}). Not a real plan.",
            f"body: {body.id}",
            f"year: {year}",
            f"status: {status}",
        ]
        if status != "draft":
            out.append(f"submitted: {year}-0{rng.choice((4, 4, 4, 5))}-{rng.randint(21, 30)}")
        out.append(f"contact_unit: {scalar(rng.choice(UNITS))}")
        if rng.random() < 0.1:
            out.append("notes: Synthetic plan for benchmarks")
        out.append("activities:")
        mistake_at = -1
        if spec.mistake:
            lo = 1 if spec.mistake == "duplicate-id" else 0
            mistake_at = rng.randint(lo, self.activities - 1)
        days = _months(year)
        for i in range(self.activities):
            self._activity(
                out,
                rng,
                i,
                year,
                krg,
                body,
                days,
                reported,
                spec.mistake if i == mistake_at else None,
            )
        return "\n".join(out) + "\n"

    def _activity(
        self,
        out: list[str],
        rng: random.Random,
        i: int,
        year: int,
        krg: bool,
        body: Body,
        days: list[int],
        reported: int,
        mistake: str | None,
    ) -> None:
        # The parts draw from `rng` in this order; changing it changes every plan.
        self._heading(out, rng, i, year, krg, body, mistake)
        m1, m2 = self._dates(out, rng, year, days, mistake)
        amount, usd = self._budget(out, rng, krg, mistake)
        units = self._indicators(out, rng, krg)
        n = len(self.fw.periods)
        first_p, last_p = (m1 - 1) * n // 12, (m2 - 1) * n // 12
        entries = range(first_p, min(reported, last_p + 1))
        if entries:
            self._progress(out, rng, year, entries, (first_p, last_p), units, (amount, usd))

    def _heading(
        self,
        out: list[str],
        rng: random.Random,
        i: int,
        year: int,
        krg: bool,
        body: Body,
        mistake: str | None,
    ) -> None:
        """Id, title, pillar, objective, responsible unit, partners and locations."""
        fw = self.fw
        pillar = rng.choice(self.pillar_ids)
        objective = rng.choice(fw.pillars[pillar])
        en, ar, ckb = rng.choice(self.titles[objective])
        title: Text = (
            en.format(y=year, n=year + 1),
            ar.format(y=year, n=year + 1),
            ckb.format(y=year, n=year + 1),
        )
        act_id = f"A{i if mistake == 'duplicate-id' else i + 1}"
        if mistake == "pillar":
            cut = rng.randint(1, len(pillar) - 2) if len(pillar) > 2 else 0
            shown = pillar[:cut] + pillar[cut + 1 :]
            pillar_text = shown if shown and shown not in fw.pillars else pillar + "s"
        else:
            pillar_text = pillar
        out += [
            f"  - id: {act_id}",
            f"    title:{_text(title, fw, '      ', rng, krg)}",
            f"    pillar: {pillar_text}",
            f"    objective: {objective}",
            f"    responsible: {scalar(rng.choice(UNITS))}",
        ]
        # partners: other bodies by id, organisations by name
        partners = rng.sample(ORGANISATIONS, rng.randint(0, 2))
        if len(self.ids) > 1 and rng.random() < 0.5:
            other = rng.choice(self.ids)
            if other != body.id:
                partners.append(other)
        if partners:
            out.append(f"    partners: {_flow_list(partners)}")
        own, everywhere = self.places[body.jurisdiction]
        pool = own or everywhere
        if pool:
            codes = rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 3, 4))))
            if everywhere and own and rng.random() < 0.1:
                codes = [rng.choice(everywhere)]
            out.append(f"    locations: {_flow_list(codes)}")

    def _dates(
        self, out: list[str], rng: random.Random, year: int, days: list[int], mistake: str | None
    ) -> tuple[int, int]:
        """From the 1st or 15th of a month to the 15th or the end of a month; the months."""
        m1 = rng.randint(1, 11)
        d1 = rng.choice((1, 1, 15))
        m2 = rng.randint(m1 if d1 == 1 else m1 + 1, 12)
        d2 = days[m2 - 1] if rng.random() < 0.75 else 15
        end_text = f"{year}-{m2:02d}-{d2:02d}"
        if mistake == "date":
            bad = [m for m in (2, 4, 6, 9, 11) if m >= m2]
            end_text = (
                f"{year}-{bad[0]:02d}-{31 if bad[0] != 2 else 30}" if bad else f"{year}-12-32"
            )
        out += [f"    start: {year}-{m1:02d}-{d1:02d}", f"    end: {end_text}"]
        return m1, m2

    def _budget(
        self, out: list[str], rng: random.Random, krg: bool, mistake: str | None
    ) -> tuple[int, bool]:
        """The budget and its funding; (amount, whether in USD)."""
        usd = self.usd and rng.random() < 0.2
        if usd:
            currency, amount = "USD", rng.randint(5, 300) * 1000
        else:
            currency, amount = self.fw.currency, rng.randint(2, 600) * 500_000
        shown_amount = f"{amount:,}" if mistake == "amount" else str(amount)
        out += [
            "    budget:",
            f"      amount: {shown_amount}",
            f"      currency: {currency}",
        ]
        funding = self._funding(rng, amount, usd, krg)
        if not funding:
            return amount, usd
        out.append("      funding:")
        flow = rng.random() < 0.4
        for source, funder, value, state in funding:
            if flow:
                out.append(
                    f"        - {{source: {source}, funder: {scalar(funder, True)}, "
                    f"amount: {value}, status: {state}}}"
                )
            else:
                out += [
                    f"        - source: {source}",
                    f"          funder: {scalar(funder)}",
                    f"          amount: {value}",
                    f"          status: {state}",
                ]
        return amount, usd

    def _indicators(
        self, out: list[str], rng: random.Random, krg: bool
    ) -> list[tuple[str, str, int, int]]:
        """One to three indicators; (id, unit, baseline, target) of each."""
        chosen = rng.sample(INDICATORS, rng.choice((1, 1, 2, 2, 3)))
        out.append("    indicators:")
        units: list[tuple[str, str, int, int]] = []
        for k, (spec, unit, (b_lo, b_hi), (t_lo, t_hi)) in enumerate(chosen, 1):
            base, target = rng.randint(b_lo, b_hi), rng.randint(t_lo, t_hi)
            if unit == "yes-no":
                b_text, t_text = "false", "true"
            else:
                b_text, t_text = str(base), str(target)
            units.append((f"I{k}", unit, base, target))
            out += [
                f"      - id: I{k}",
                f"        title:{_text(spec, self.fw, '          ', rng, krg)}",
                f"        unit: {unit}",
                f"        baseline: {b_text}",
                f"        target: {t_text}",
            ]
            if rng.random() < 0.3:
                out.append(f"        verification: {rng.choice(VERIFICATION)}")
        return units

    def _progress(
        self,
        out: list[str],
        rng: random.Random,
        year: int,
        entries: range,
        span: tuple[int, int],
        units: list[tuple[str, str, int, int]],
        budget: tuple[int, bool],
    ) -> None:
        """One entry per period from the start to the last one reported."""
        (first_p, last_p), (amount, usd) = span, budget
        out.append("    progress:")
        spent: float = 0
        fate = rng.choices(("on-track", "delayed", "not-started", "cancelled"), (70, 20, 6, 4))[0]
        for step, p in enumerate(entries):
            share = min(1.0, (p - first_p + 1) / (last_p - first_p + 1))
            if fate == "not-started" and step == 0:
                state = "not-started"
            elif fate == "cancelled" and step == len(entries) - 1 and step > 0:
                state = "cancelled"
            elif p >= last_p:
                state = "completed" if fate != "delayed" else "delayed"
            else:
                state = fate if fate in ("on-track", "delayed") else "on-track"
            if state == "delayed":
                share *= 0.6
            out.append(f"      - period: {year}-{self.fw.periods[p]}")
            out.append(f"        status: {state}")
            if state != "not-started":
                out.append(f"        values: {{{', '.join(_values(rng, units, share))}}}")
                spent = max(
                    spent,
                    min(amount, round(amount * share * rng.uniform(0.7, 1.0), -3 if usd else -5)),
                )
            out.append(f"        spent: {int(spent)}")
            if state in NOTES and (state != "delayed" or rng.random() < 0.7):
                out.append(f"        note: {scalar(rng.choice(NOTES[state]))}")
            if state == "cancelled":
                break

    def _funding(
        self, rng: random.Random, amount: int, usd: bool, krg: bool
    ) -> list[tuple[str, str, int, str]]:
        """Up to three sources that together never exceed the amount."""
        count = rng.choices((0, 1, 1, 2, 3), (1, 4, 4, 3, 1))[0]
        step = 1000 if usd else 500_000
        left = amount // step
        out = []
        used: set[str] = set()
        for k in range(count):
            if left <= 0:
                break
            units = left if k == count - 1 and rng.random() < 0.6 else rng.randint(1, left)
            left -= units
            if k == 0 and not usd:
                source = "government"
                funder = "KRG Ministry of Finance and Economy" if krg else "Ministry of Finance"
            else:
                source = rng.choice(("donor", "donor", "donor", "other"))
                pool = DONORS if source == "donor" else OTHER_FUNDERS
                funder = rng.choice([f for f in pool if f not in used])
            used.add(funder)
            state = rng.choices(("committed", "pledged", "requested"), (6, 2, 2))[0]
            out.append((source, funder, units * step, state))
        return out


# --- the whole repository ----------------------------------------------------


def _prepare(out: Path, replace: bool) -> None:
    plans = out / "plans"
    if plans.exists() and any(plans.iterdir()):
        nap = plans / "nap.yaml"
        ours = nap.is_file() and MARKER in nap.read_text("utf-8", errors="replace")
        if not (replace and ours):
            why = "it was not written by synth.py" if not ours else "pass --force to replace it"
            raise FileExistsError(f"{plans} already holds files: {why}")
        shutil.rmtree(plans)
    plans.mkdir(parents=True, exist_ok=True)


def generate_with_mistakes(
    out: Path,
    bodies: int,
    years: int,
    activities: int,
    seed: int = 0,
    start_year: int = 2014,
    broken: int = 0,
    *,
    framework: Path = FRAMEWORK,
    replace: bool = False,
) -> tuple[list[Path], dict[Path, str]]:
    """Like generate(), and also which plan files got which mistake."""
    if bodies < 1 or years < 1 or activities < 1:
        raise ValueError("bodies, years and activities must be at least 1")
    if not 0 <= broken <= bodies * years:
        raise ValueError(f"broken must be between 0 and the number of plans ({bodies * years})")
    fw = Framework.read(framework)
    out = Path(out)
    _prepare(out, replace)
    year_list = list(range(start_year, start_year + years))
    body_list = make_bodies(fw, bodies)
    chairs = {
        j: [next((b.id for b in body_list if b.jurisdiction == j), body_list[0].id)]
        for j in fw.jurisdictions
    }
    plans = out / "plans"
    (plans / "nap.yaml").write_text(nap_text(fw, year_list, chairs, seed), "utf-8")
    (plans / "bodies.yaml").write_text(bodies_text(fw, body_list, seed), "utf-8")
    specs = [PlanSpec(b, y) for y in year_list for b in body_list]
    kinds = [k for k in MISTAKES if activities > 1 or k != "duplicate-id"]
    for n, index in enumerate(
        sorted(random.Random(f"{seed}/broken").sample(range(len(specs)), broken))
    ):
        specs[index].mistake = kinds[n % len(kinds)]
    writer = PlanWriter(fw, body_list, activities, seed)
    written: list[Path] = []
    mistakes: dict[Path, str] = {}
    for year in year_list:
        (plans / str(year)).mkdir()
    for spec in specs:
        path = plans / str(spec.year) / f"{spec.body.id}.yaml"
        path.write_text(writer.text(spec), "utf-8")
        written.append(path)
        if spec.mistake:
            mistakes[path] = spec.mistake
    return written, mistakes


def generate(
    out: Path,
    bodies: int,
    years: int,
    activities: int,
    seed: int = 0,
    start_year: int = 2014,
    broken: int = 0,
) -> list[Path]:
    """Write a synthetic plan repository under `out`; return the plan files written
    (plans/<year>/<body>.yaml, in year then body order)."""
    return generate_with_mistakes(out, bodies, years, activities, seed, start_year, broken)[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic plan repository (plans/nap.yaml, plans/bodies.yaml, "
        "plans/<year>/<body>.yaml) of any size.",
    )
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="folder to write plans/ into")
    parser.add_argument("--bodies", type=int, default=10, help="number of bodies (default 10)")
    parser.add_argument("--years", type=int, default=5, help="number of years (default 5)")
    parser.add_argument(
        "--activities", type=int, default=10, help="activities per plan (default 10)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--start-year", type=int, default=2014, help="first year (default 2014)")
    parser.add_argument("--broken", type=int, default=0, help="plan files with one mistake each")
    parser.add_argument(
        "--framework",
        type=Path,
        default=FRAMEWORK,
        help=f"nap.yaml to start from (default {FRAMEWORK})",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace OUT_DIR/plans if synth.py wrote it before"
    )
    args = parser.parse_args(argv)
    try:
        written, mistakes = generate_with_mistakes(
            args.out,
            args.bodies,
            args.years,
            args.activities,
            args.seed,
            args.start_year,
            args.broken,
            framework=args.framework,
            replace=args.force,
        )
    except (ValueError, OSError) as exc:
        print(f"synth.py: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} plans of {args.activities} activities under {args.out / 'plans'}")
    for path, kind in mistakes.items():
        print(f"  broken ({kind}): {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
