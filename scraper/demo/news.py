"""Breaking news for the demo: new and updated articles published while the sites run.

``scraper demo --rounds 2`` calls :func:`publish_news` between crawls, so the second
crawl shows incremental crawling at work: one new and one updated article per site,
everything else skipped as already seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scraper.demo.site import DemoArticle

if TYPE_CHECKING:
    from scraper.demo.server import DemoServer

FRESH: dict[str, list[dict]] = {
    "ar": [
        {
            "slug": "rains-refill-northern-dams",
            "title": "أمطار غزيرة تعيد ملء سدود الشمال بعد موسمين من الجفاف",
            "authors": ["سلمى العبيدي"],
            "tags": ["المياه", "المناخ"],
            "description": "ارتفع مخزون السدود الشمالية إلى أعلى مستوى منذ ثلاث سنوات بعد أسبوع من الأمطار الغزيرة.",
            "blocks": [
                ("p", "أعلنت وزارة الموارد المائية أن مخزون السدود في المحافظات الشمالية ارتفع خلال أسبوع واحد "
                      "إلى أعلى مستوى يسجله منذ ثلاث سنوات، بعد أمطار غزيرة تجاوزت معدلاتها الموسمية."),
                ("p", "وقال متحدث باسم الوزارة إن فرق الصيانة تتابع على مدار الساعة منسوب المياه في السدود الكبرى، "
                      "وإن التصريف سيجري بصورة تدريجية لتفادي أي أضرار في القرى الواقعة على ضفاف الأنهار."),
                ("h2", "ارتياح بين المزارعين"),
                ("p", "ورحب مزارعون في السهول الشمالية بالأمطار التي جاءت قبل موعد زراعة المحاصيل الشتوية، "
                      "مؤكدين أن الموسمين الماضيين أجبرا كثيرين منهم على ترك جزء من أراضيهم بوراً."),
                ("p", "ويرى خبراء أن تحسن المخزون لا يغني عن خطط طويلة الأمد لترشيد الاستهلاك وتحديث شبكات الري، "
                      "في ظل توقعات بتكرار مواسم الجفاف خلال العقد المقبل."),
            ],
        },
    ],
    "en": [
        {
            "slug": "night-trains-return-coastal-line",
            "title": "Night trains return to the coastal line after a decade",
            "authors": ["Priya Raman"],
            "tags": ["Transport"],
            "description": "An overnight service linking the capital with three coastal towns restarts next month.",
            "blocks": [
                ("p", "Overnight passenger trains will run on the coastal line again from next month, ten years "
                      "after the last sleeper service was withdrawn for lack of funding."),
                ("p", "The operator said the new timetable would link the capital with three seaside towns, "
                      "arriving before seven in the morning, and that tickets would go on sale on Friday."),
                ("h2", "Refurbished carriages"),
                ("p", "The service will use twelve refurbished carriages with private cabins, a quiet coach "
                      "and space for bicycles, which cyclists' groups had campaigned for since the route closed."),
                ("p", "Local councils hope the trains will bring visitors outside the summer season, when many "
                      "hotels and restaurants along the coast struggle to stay open."),
            ],
        },
    ],
}
UPDATE_NOTE = {
    "ar": "تحديث: أكدت مصادر رسمية هذه المعلومات في وقت لاحق، ووعدت بنشر تفاصيل إضافية خلال الأيام المقبلة.",
    "en": "Update: officials confirmed the details later in the day and said further information would follow.",
}


def publish_news(server: DemoServer, round_no: int) -> list[str]:
    """Publish one new article and update one existing article on every demo site."""
    lines = []
    for name in server.site_names():
        site = server.site(name)
        fresh = FRESH.get(site.language, [])
        if fresh:
            data = dict(fresh[(round_no - 2) % len(fresh)])
            article = site.publish(DemoArticle(section=site.sections[0].slug, date_published="", **data))
            lines.append(f"{name}: published {site.article_path(article)}")
        oldest = site.articles[-1]
        note = UPDATE_NOTE.get(site.language, UPDATE_NOTE["en"])
        site.update(oldest.slug, blocks=[*oldest.blocks, ("p", f"{note} ({round_no})")])
        lines.append(f"{name}: updated {site.article_path(oldest)}")
    return lines
