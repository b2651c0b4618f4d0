#!/usr/bin/env python3
# Writes the benchmark's inputs: the same invented Arabic live coverage as
# JSON Feed, RSS 2.0 and Atom, at several sizes, plus a feed whose newest
# item is one long article.  Every sentence is put together here from the
# word lists below, drawn from a seeded generator, so the same seed always
# writes the same bytes.
#
#   generate-feeds.py OUTDIR [--sizes 100,1000,10000,50000] [--seed 7]
#
# Files: feed-N.json, feed-N.rss.xml, feed-N.atom.xml for each size N, the
# sizes a refresh grows to (N + 100 items, for the refresh figure) as
# feed-N.json only, and long.json / long.rss.xml / long.atom.xml.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import datetime
import json
import os
import random
import sys
from xml.sax.saxutils import escape

BASE_URL = "https://khabar.invalid/bench"
# The newest item's time; older ones go back a minute at a time.
NEWEST = datetime.datetime(2026, 3, 14, 18, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=3)))

CITIES = [
    "بغداد", "القاهرة", "عمّان", "بيروت", "دمشق", "الرباط", "تونس", "الخرطوم",
    "صنعاء", "مسقط", "الدوحة", "الكويت", "المنامة", "الرياض", "الجزائر",
    "طرابلس", "نواكشوط", "أربيل", "البصرة", "حلب", "الإسكندرية", "صفاقس",
]

SUBJECTS = [
    "وزارة الصحة", "مجلس الوزراء", "البنك المركزي", "هيئة الأرصاد الجوية",
    "نقابة المعلمين", "اتحاد الكرة", "بلدية العاصمة", "لجنة الانتخابات",
    "وزارة الزراعة", "شركة الكهرباء الوطنية", "الدفاع المدني", "جامعة الدولة",
    "مجلس النواب", "هيئة النقل العام", "وزارة التربية", "المرصد الوطني للمياه",
]

VERBS = [
    "تعلن", "تبحث", "تطلق", "تؤجل", "تراجع", "تقرّ", "تنفي", "تحذّر من",
    "توقّع اتفاقًا بشأن", "تكشف تفاصيل", "تفتتح", "تعلّق", "تناقش",
]

OBJECTS = [
    "خطة جديدة لدعم المزارعين", "موازنة العام المقبل", "حملة تطعيم واسعة",
    "مشروعًا لتحلية مياه البحر", "نتائج الامتحانات العامة", "أسعار الوقود",
    "جدول الدوري الممتاز", "توسعة شبكة الحافلات", "قانون الاستثمار المعدّل",
    "موجة حرّ متوقعة", "برنامجًا للتحول الرقمي", "ترميم المدينة القديمة",
    "إجراءات السفر عبر المطار", "مؤشرات التضخم الشهرية", "معرضًا دوليًا للكتاب",
]

TAILS = [
    "وسط ترقب واسع", "بعد أسابيع من المشاورات", "للمرة الأولى منذ سنوات",
    "رغم اعتراض المعارضة", "قبل نهاية الشهر الجاري", "بمشاركة خبراء دوليين",
    "في جلسة طارئة", "استجابة لمطالب الأهالي",
]

# Runs of another script and of digits, as real Arabic news carries them.
MIXED = [
    "مؤشر Open Data Index", "منصة e-Gov", "تقرير Global Outlook",
    "نظام GPS", "شبكة 5G", "معيار ISO 9001", "برنامج Smart City",
    "مبادرة Clean Energy 2030", "تطبيق Metro Pass", "مختبر AI Lab",
]

SENTENCE_OPENINGS = [
    "وقال مسؤول في {subject} إن", "وأوضح بيان صادر عن {subject} أن",
    "وأكد متحدث باسم {subject} أن", "وذكرت مصادر مطلعة أن",
    "ويرى مراقبون أن", "وأشار تقرير نشر اليوم إلى أن",
    "وفي تصريحات للصحفيين في {city}، قال مدير المشروع إن",
]

SENTENCE_BODIES = [
    "الخطة تشمل {n} مدينة وتمتد على مدى {m} أشهر",
    "التكلفة الإجمالية تبلغ نحو {n} مليون دولار، أي ما يعادل {p}% من موازنة القطاع",
    "العمل سيبدأ في {city} قبل أن يتوسع تدريجيًا إلى باقي المحافظات",
    "{mixed} سيُعتمد أساسًا للمرحلة المقبلة بحلول عام {year}",
    "عدد المستفيدين تجاوز {n} ألف شخص خلال الأسبوع الأول",
    "اللجنة ستعقد اجتماعها المقبل يوم {day} لمراجعة النتائج الأولية",
    "المؤشرات تحسنت بنسبة {p}% مقارنة بالفترة نفسها من العام الماضي",
    "السلطات دعت المواطنين إلى متابعة الإعلانات الرسمية عبر {mixed}",
    "التقرير يستند إلى بيانات جمعت من {n} موقعًا بين عامي {year0} و{year}",
    "الحوار مع الشركاء المحليين والدوليين سيستمر حتى التوصل إلى صيغة نهائية",
]

DAYS = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس"]
AUTHORS = ["سلمى الحداد", "يوسف الخطيب", "ليلى منصور", "عمر الزين", "هدى القاسم", "مكتب الأخبار"]
TAGS = ["اقتصاد", "سياسة", "صحة", "رياضة", "تعليم", "طقس", "نقل", "ثقافة"]


class Composer:
    def __init__(self, seed):
        self.rand = random.Random(seed)

    def pick(self, words):
        return self.rand.choice(words)

    def fill(self, text, city):
        year = self.rand.randint(2026, 2032)
        return text.format(
            subject=self.pick(SUBJECTS), city=city, mixed=self.pick(MIXED),
            n=self.rand.randint(11, 950), m=self.rand.randint(3, 10),
            p=self.rand.randint(2, 40), day=self.pick(DAYS),
            year=year, year0=year - self.rand.randint(3, 9))

    def title(self, city):
        """About 80 characters: who does what, where, and a qualifier."""
        title = "{} {} {} في {}".format(self.pick(SUBJECTS), self.pick(VERBS), self.pick(OBJECTS), city)
        while len(title) < 72:
            title += " " + self.pick(TAILS)
        return title[:90].rstrip()

    def sentence(self, city):
        return "{} {}.".format(self.fill(self.pick(SENTENCE_OPENINGS), city),
                               self.fill(self.pick(SENTENCE_BODIES), city))

    def paragraph(self, city):
        return " ".join(self.sentence(city) for _ in range(self.rand.randint(2, 4)))

    def item(self, number, minutes_back):
        city = self.pick(CITIES)
        published = NEWEST - datetime.timedelta(minutes=minutes_back)
        paragraphs = [self.paragraph(city) for _ in range(self.rand.randint(3, 6))]
        return {
            "id": "bench-{:06d}".format(number),
            "url": "{}/items/{:06d}".format(BASE_URL, number),
            "title": self.title(city),
            "paragraphs": paragraphs,
            "published": published,
            "author": self.pick(AUTHORS),
            "tags": self.rand.sample(TAGS, 2),
            "dateline": "{} - {}".format(city, self.pick(["خاص", "متابعات", "وكالات"])),
            "breaking": self.rand.random() < 0.02,
        }

    def long_item(self, number, minutes_back, size):
        """One article of about @size bytes of text."""
        item = self.item(number, minutes_back)
        city = item["dateline"].split(" - ")[0]
        paragraphs = []
        total = 0
        while total < size:
            paragraph = self.paragraph(city)
            paragraphs.append(paragraph)
            total += len(paragraph.encode("utf-8"))
        item["paragraphs"] = paragraphs
        item["title"] = "التقرير الكامل: " + item["title"]
        return item


def rfc3339(moment):
    return moment.isoformat()


def rfc822(moment):
    return moment.strftime("%a, %d %b %Y %H:%M:%S %z")


def html_body(item):
    return "".join("<p>{}</p>".format(escape(p)) for p in item["paragraphs"])


FEED_TITLE = "تغطية مباشرة: أخبار المدن العربية"


def write_json_feed(path, items):
    with open(path, "w", encoding="utf-8") as out:
        head = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": FEED_TITLE,
            "home_page_url": BASE_URL + "/",
            "feed_url": BASE_URL + "/feed.json",
            "language": "ar",
            "_khabar": {"timezone": "Asia/Baghdad", "timezone_label": "بغداد"},
        }
        text = json.dumps(head, ensure_ascii=False)
        out.write(text[:-1] + ', "items": [\n')
        for index, item in enumerate(items):
            entry = {
                "id": item["id"],
                "url": item["url"],
                "title": item["title"],
                "content_html": html_body(item),
                "date_published": rfc3339(item["published"]),
                "authors": [{"name": item["author"]}],
                "tags": item["tags"],
                "_khabar": {"dateline": item["dateline"], "breaking": item["breaking"]},
            }
            out.write(("," if index else "") + json.dumps(entry, ensure_ascii=False) + "\n")
        out.write("]}\n")


def write_rss(path, items):
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n'
                  '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n')
        out.write("<title>{}</title>\n<link>{}/</link>\n<description>{}</description>\n"
                  "<language>ar</language>\n".format(escape(FEED_TITLE), BASE_URL, escape(FEED_TITLE)))
        for item in items:
            out.write("<item><guid isPermaLink=\"false\">{}</guid><link>{}</link><title>{}</title>"
                      "<dc:creator>{}</dc:creator>{}<pubDate>{}</pubDate>"
                      "<description>{}</description></item>\n".format(
                          item["id"], item["url"], escape(item["title"]), escape(item["author"]),
                          "".join("<category>{}</category>".format(escape(t)) for t in item["tags"]),
                          rfc822(item["published"]), escape(html_body(item))))
        out.write("</channel>\n</rss>\n")


def write_atom(path, items):
    with open(path, "w", encoding="utf-8") as out:
        updated = rfc3339(items[0]["published"]) if items else rfc3339(NEWEST)
        out.write('<?xml version="1.0" encoding="utf-8"?>\n'
                  '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">\n')
        out.write("<id>{0}/</id><title>{1}</title><link href=\"{0}/\"/><updated>{2}</updated>\n".format(
            BASE_URL, escape(FEED_TITLE), updated))
        for item in items:
            out.write("<entry><id>{}</id><link href=\"{}\"/><title>{}</title>"
                      "<author><name>{}</name></author>{}<published>{}</published><updated>{}</updated>"
                      "<content type=\"html\">{}</content></entry>\n".format(
                          escape(item["url"]), item["url"], escape(item["title"]), escape(item["author"]),
                          "".join("<category term=\"{}\"/>".format(escape(t)) for t in item["tags"]),
                          rfc3339(item["published"]), rfc3339(item["published"]),
                          escape(html_body(item))))
        out.write("</feed>\n")


def write_all(outdir, name, items, formats):
    writers = {"json": (".json", write_json_feed), "rss": (".rss.xml", write_rss),
               "atom": (".atom.xml", write_atom)}
    for fmt in formats:
        suffix, writer = writers[fmt]
        path = os.path.join(outdir, name + suffix)
        writer(path + ".tmp", items)
        os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir")
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--refresh-added", type=int, default=100)
    parser.add_argument("--long-bytes", type=int, default=100 * 1000)
    args = parser.parse_args()

    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    os.makedirs(args.outdir, exist_ok=True)

    # One pool of items, newest first, shared by every size: a bigger feed
    # is a smaller one with older items after it, and a refreshed one has
    # newer items before it.
    largest = max(sizes) + args.refresh_added
    composer = Composer(args.seed)
    added = args.refresh_added
    pool = [composer.item(largest - index, index) for index in range(largest)]
    for size in sizes:
        write_all(args.outdir, "feed-{}".format(size), pool[added:added + size], ["json", "rss", "atom"])
        write_all(args.outdir, "feed-{}".format(size + added), pool[:added + size], ["json"])

    long_item = composer.long_item(largest + 1, -1, args.long_bytes)
    write_all(args.outdir, "long", [long_item] + pool[added:added + 20], ["json", "rss", "atom"])

    with open(os.path.join(args.outdir, "inputs.txt"), "w") as out:
        out.write("seed={} sizes={} refresh-added={} long-bytes={}\n".format(
            args.seed, ",".join(map(str, sizes)), added, args.long_bytes))


if __name__ == "__main__":
    sys.exit(main())
