/* kh-demo-coverage.c
 *
 * The live coverage of an invented winter storm, «ريم», over Lebanon,
 * Jordan and Syria.  Each item is put together from the fragments below,
 * with its city and figures drawn from a seeded GRand, so one seed always
 * tells the same story.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kh-demo-coverage.h"

#define JSON_FEED_VERSION "https://jsonfeed.org/version/1.1"
#define STORM_TAG "العاصفة ريم"

/* A live desk updates what it wrote lately, not last week's items. */
#define EDIT_WINDOW 8

typedef enum
{
  CITY_COAST   = 1 << 0,
  CITY_AIRPORT = 1 << 1,
} CityFlags;

typedef struct
{
  const char *clock;
  const char *clock_label;
} Country;

typedef struct
{
  const char *name;
  guint       country;
  CityFlags   flags;
} City;

/*
 * A kind of news.  Its texts hold slots: {city}, {other} (another city of
 * the same country), {n} and {m} (figures in the story's ranges), {k} (a
 * figure from 11 to 60) and {time}.  The ranges keep the Arabic counted
 * nouns right: 3 to 10 take the plural, 11 and above the singular.
 */
typedef struct
{
  const char *tag;
  const char *title;
  const char *lead;
  CityFlags   needs;
  gboolean    may_break;
  int         n_min;
  int         n_max;
  int         n_step;
  int         m_min;
  int         m_max;
} Story;

typedef struct
{
  const City *city;
  const City *other;
  char        n[16];
  char        m[16];
  char        k[16];
  char        time[8];
} Slots;

typedef struct
{
  char        *id;
  const City  *city;
  char        *title;
  char        *dateline;
  GPtrArray   *paragraphs;
  const char  *authors[3];
  const char  *tag;
  gboolean     breaking;
  GDateTime   *published;
  GDateTime   *modified;
} DemoItem;

struct _KhDemoCoverage
{
  GRand      *rand;
  GPtrArray  *items;  /* oldest first */
  char       *base_uri;
  guint       max_items;
  guint       next_serial;
  guint       last_story;
};

/* The feed's own clock; items from the other countries carry theirs. */
#define FEED_COUNTRY 0

static const Country countries[] = {
  { "Asia/Beirut", "بيروت" },
  { "Asia/Amman", "عمّان" },
  { "Asia/Damascus", "دمشق" },
};

static const City cities[] = {
  { "بيروت", 0, CITY_COAST | CITY_AIRPORT },
  { "طرابلس", 0, CITY_COAST },
  { "صيدا", 0, CITY_COAST },
  { "زحلة", 0, 0 },
  { "بعلبك", 0, 0 },
  { "عمّان", 1, CITY_AIRPORT },
  { "إربد", 1, 0 },
  { "السلط", 1, 0 },
  { "دمشق", 2, CITY_AIRPORT },
  { "حمص", 2, 0 },
  { "اللاذقية", 2, CITY_COAST },
  { "طرطوس", 2, CITY_COAST },
};

static const Story stories[] = {
  { "رياح",
    "هبّات رياح بسرعة {n} كم/ساعة في {city}",
    "سجّلت محطة الرصد الجوي في {city} هبّات رياح بلغت سرعتها {n} km/h "
    "قرابة الساعة {time}، وهي الأقوى منذ دخول العاصفة «ريم» إلى المنطقة.",
    0, FALSE, 70, 130, 5, 0, 0 },
  { "أمطار",
    "{n} ملم من الأمطار في {city} خلال {m} ساعات",
    "أفادت مصلحة الأرصاد الجوية بأن كمية الأمطار التي هطلت على {city} بلغت "
    "{n} mm خلال {m} ساعات فقط، متوقعةً أن تستمر الهطولات الغزيرة حتى منتصف الليل.",
    0, FALSE, 25, 90, 1, 3, 9 },
  { "ثلوج",
    "الثلوج تغطي المرتفعات فوق {n} متر حول {city}",
    "تساقطت الثلوج بكثافة على البلدات المرتفعة المحيطة ب{city}، وبلغت "
    "سماكتها في بعض القرى {m} سنتيمترًا، ما أعاق حركة السير على الطرق الجبلية.",
    0, FALSE, 900, 1500, 100, 12, 60 },
  { "طرق",
    "إغلاق الطريق بين {city} و{other} بسبب الجليد",
    "أعلنت غرفة التحكم المروري إغلاق الطريق بين {city} و{other} أمام السيارات "
    "بعد تشكّل طبقة من الجليد على أجزاء منه، ودعت السائقين إلى عدم سلوكه إلا "
    "بسيارات 4x4 مجهّزة بالسلاسل.",
    0, TRUE, 0, 0, 1, 0, 0 },
  { "كهرباء",
    "انقطاع الكهرباء عن {n} منزل في {city}",
    "تسببت الرياح العاتية بسقوط أعمدة وخطوط توتر في أحياء عدة من {city}، "
    "وقالت مؤسسة الكهرباء إن فرق الطوارئ تعمل على إعادة التيار خلال {m} ساعات.",
    0, TRUE, 1200, 9800, 100, 3, 9 },
  { "دفاع مدني",
    "الدفاع المدني ينقذ {n} أشخاص حاصرتهم الثلوج قرب {city}",
    "وصلت فرق الدفاع المدني إلى {n} أشخاص علقوا في سياراتهم على طريق فرعي "
    "قرب {city}، ونُقل اثنان منهم إلى المستشفى للاطمئنان على صحتهما.",
    0, TRUE, 3, 9, 1, 0, 0 },
  { "مطار",
    "تأخير {n} رحلة في مطار {city} بسبب الرياح",
    "أعلنت إدارة مطار {city} تأخير {n} رحلة عن مواعيدها وتحويل طائرتين إلى "
    "مطارات مجاورة، ودعت المسافرين إلى متابعة حالة رحلاتهم عبر الموقع "
    "الإلكتروني أو خدمة SMS قبل التوجّه إلى المطار.",
    CITY_AIRPORT, FALSE, 11, 40, 1, 0, 0 },
  { "مدارس",
    "تعليق الدوام في مدارس {city} يوم غد",
    "قررت مديرية التربية في {city} تعليق الدوام في المدارس الرسمية والخاصة "
    "يوم غد، على أن يتابع الطلاب دروسهم عن بُعد عبر منصة e-learning المعتمدة.",
    0, FALSE, 0, 0, 1, 0, 0 },
  { "توقعات",
    "الأرصاد: ذروة العاصفة «ريم» فوق {city} عند الساعة {time}",
    "توقعت دائرة الأرصاد الجوية أن تبلغ العاصفة ذروتها فوق {city} عند الساعة "
    "{time}، مع انخفاض درجات الحرارة ليلًا إلى ما دون {m} درجات مئوية واحتمال "
    "تساقط البَرَد.",
    0, FALSE, 0, 0, 1, 3, 9 },
  { "بحر",
    "أمواج بارتفاع {n} أمتار قبالة شاطئ {city}",
    "حذّرت السلطات البحرية الصيادين وأصحاب المراكب من الإبحار، بعدما بلغ "
    "ارتفاع الأمواج قبالة {city} {n} أمتار، وأُغلق المرفأ أمام القوارب الصغيرة "
    "حتى إشعار آخر.",
    CITY_COAST, FALSE, 3, 7, 1, 0, 0 },
  { "إيواء",
    "فتح {n} مراكز إيواء للعائلات المتضررة في {city}",
    "فتحت بلدية {city} {n} مراكز إيواء في مدارس وقاعات عامة، ووزّعت البطانيات "
    "والوجبات الساخنة على العائلات التي تضررت منازلها أو انقطعت عنها التدفئة.",
    0, FALSE, 3, 9, 1, 0, 0 },
};

/* Paragraphs that follow any lead. */
static const char * const extras[] = {
  "ودعت السلطات سكان {city} إلى البقاء في منازلهم وعدم الخروج إلا للضرورة، "
  "وإلى إبلاغ غرفة العمليات عن أي طارئ عبر الخط الساخن.",
  "وتنشر البلدية تحديثات متواصلة على صفحتها وعبر تطبيق WhatsApp، وتطلب من "
  "السكان الإبلاغ عن الأشجار المتساقطة والطرق المقطوعة.",
  "وقال أحد سكان {city} لمراسلنا إن الرياح اقتلعت ألواح الطاقة الشمسية عن "
  "أسطح عدد من المباني في الحي الذي يسكنه.",
  "وتُظهر خرائط نموذج GFS أن الكتلة الهوائية الباردة ستبقى فوق المنطقة حتى "
  "نهاية الأسبوع، قبل أن تتحسن الأحوال تدريجيًا.",
  "وأكد مسؤول في غرفة العمليات أن الفرق الميدانية في جهوزية تامة، وأن {k} "
  "آلية إضافية وُضعت في الخدمة منذ ليل أمس.",
  "ولم تُسجَّل حتى الساعة {time} أي إصابات خطرة، بحسب مصادر طبية في {city}.",
  "ونصحت وزارة الصحة كبار السن والأطفال بتجنّب التدفئة بمواقد الفحم في "
  "الغرف المغلقة، تفاديًا لحالات الاختناق.",
  "وارتفع سعر صفيحة المازوت في أسواق {city} إلى {k} دولارًا مع تزايد الطلب "
  "على التدفئة.",
  "وأشار خبراء الأرصاد إلى أن «ريم» هي العاصفة الثالثة منذ بداية الشتاء، "
  "لكنها الأبرد حتى الآن.",
};

/* Paragraphs an edit appends to an older item. */
static const char * const updates[] = {
  "تحديث: أعادت فرق الصيانة فتح الطريق جزئيًا قرب {city}، وسمحت بمرور "
  "السيارات ذات الدفع الرباعي فقط.",
  "تحديث: قال الدفاع المدني إن عدد تدخلاته في {city} ارتفع إلى {k} منذ الصباح.",
  "تحديث: عاد التيار الكهربائي إلى معظم أحياء {city}، فيما تستمر أعمال "
  "الإصلاح في المناطق المرتفعة.",
  "تحديث: خفّضت مصلحة الأرصاد مستوى التحذير في {city} من الأحمر إلى البرتقالي.",
  "تحديث: تراجعت سرعة الرياح في {city} إلى نحو {k} km/h خلال الساعة الأخيرة.",
  "تحديث: أوضحت البلدية أن مراكز الإيواء في {city} استقبلت {k} عائلة حتى "
  "الساعة {time}.",
};

static const char * const bylines[] = {
  "مراسلنا",
  "متابعات",
  "وكالات",
};

static const char * const reporters[] = {
  "سلمى حداد",
  "كريم نصّار",
  "ليلى منصور",
  "يوسف العلي",
  "نور الخطيب",
  "رامي سعادة",
};

static void
demo_item_free (gpointer data)
{
  DemoItem *item = data;

  g_free (item->id);
  g_free (item->title);
  g_free (item->dateline);
  g_ptr_array_unref (item->paragraphs);
  g_date_time_unref (item->published);
  g_clear_pointer (&item->modified, g_date_time_unref);
  g_free (item);
}

static guint
pick (KhDemoCoverage *self,
      guint           n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) n);
}

static int
pick_between (KhDemoCoverage *self,
              int             min,
              int             max,
              int             step)
{
  return min + step * (int) pick (self, (guint) ((max - min) / step + 1));
}

static const City *
pick_city (KhDemoCoverage *self,
           CityFlags       needs)
{
  const City *city;

  do
    city = &cities[pick (self, G_N_ELEMENTS (cities))];
  while ((city->flags & needs) != needs);

  return city;
}

static const City *
pick_neighbour (KhDemoCoverage *self,
                const City     *city)
{
  const City *other;

  do
    other = &cities[pick (self, G_N_ELEMENTS (cities))];
  while (other == city || other->country != city->country);

  return other;
}

/* Never the same kind of news twice in a row. */
static const Story *
pick_story (KhDemoCoverage *self)
{
  guint n_stories = G_N_ELEMENTS (stories);
  guint story;

  if (self->last_story >= n_stories)
    story = pick (self, n_stories);
  else if ((story = pick (self, n_stories - 1)) >= self->last_story)
    story++;

  self->last_story = story;
  return &stories[story];
}

static void
fill_slots (KhDemoCoverage *self,
            const City     *city,
            Slots          *slots)
{
  slots->city = city;
  slots->other = pick_neighbour (self, city);
  g_snprintf (slots->k, sizeof slots->k, "%d", pick_between (self, 11, 60, 1));
  g_snprintf (slots->time, sizeof slots->time, "%02d:%02d",
              pick_between (self, 14, 23, 1), pick_between (self, 0, 55, 5));
  slots->n[0] = slots->m[0] = '\0';
}

static void
fill_story_slots (KhDemoCoverage *self,
                  const Story    *story,
                  Slots          *slots)
{
  fill_slots (self, pick_city (self, story->needs), slots);
  g_snprintf (slots->n, sizeof slots->n, "%d",
              pick_between (self, story->n_min, story->n_max, story->n_step));
  g_snprintf (slots->m, sizeof slots->m, "%d",
              pick_between (self, story->m_min, story->m_max, 1));
}

static char *
expand (const char  *text,
        const Slots *slots)
{
  GString *expanded = g_string_new (text);

  g_string_replace (expanded, "{city}", slots->city->name, 0);
  g_string_replace (expanded, "{other}", slots->other->name, 0);
  g_string_replace (expanded, "{n}", slots->n, 0);
  g_string_replace (expanded, "{m}", slots->m, 0);
  g_string_replace (expanded, "{k}", slots->k, 0);
  g_string_replace (expanded, "{time}", slots->time, 0);
  return g_string_free (expanded, FALSE);
}

/* The lead, then one to three of the extras in a shuffled order. */
static GPtrArray *
write_paragraphs (KhDemoCoverage *self,
                  const Story    *story,
                  const Slots    *slots)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  guint order[G_N_ELEMENTS (extras)];
  guint count = 1 + pick (self, 3);

  g_ptr_array_add (paragraphs, expand (story->lead, slots));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;
  for (guint i = 0; i < count; i++)
    {
      guint j = i + pick (self, G_N_ELEMENTS (order) - i);
      guint chosen = order[j];

      order[j] = order[i];
      order[i] = chosen;
      g_ptr_array_add (paragraphs, expand (extras[chosen], slots));
    }

  return paragraphs;
}

static void
pick_authors (KhDemoCoverage *self,
              DemoItem       *item)
{
  guint first = pick (self, G_N_ELEMENTS (reporters));

  item->authors[0] = reporters[first];
  /* Now and then two reporters share an item. */
  if (pick (self, 4) == 0)
    item->authors[1] = reporters[(first + 1 + pick (self, G_N_ELEMENTS (reporters) - 1)) %
                                 G_N_ELEMENTS (reporters)];
}

static DemoItem *
find_item (KhDemoCoverage *self,
           const char     *id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      DemoItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}

KhDemoCoverage *
kh_demo_coverage_new (guint32     seed,
                      guint       max_items,
                      const char *base_uri)
{
  KhDemoCoverage *self = g_new0 (KhDemoCoverage, 1);

  g_return_val_if_fail (max_items > 0, NULL);

  self->rand = g_rand_new_with_seed (seed);
  self->items = g_ptr_array_new_with_free_func (demo_item_free);
  self->base_uri = g_strdup (base_uri);
  self->max_items = max_items;
  self->last_story = G_N_ELEMENTS (stories);
  return self;
}

void
kh_demo_coverage_free (KhDemoCoverage *self)
{
  g_rand_free (self->rand);
  g_ptr_array_unref (self->items);
  g_free (self->base_uri);
  g_free (self);
}

/**
 * kh_demo_coverage_add_item:
 * @now: when the item is published
 *
 * Writes a new item, and forgets the oldest ones past the limit.
 *
 * Returns: the new item's id
 */
const char *
kh_demo_coverage_add_item (KhDemoCoverage *self,
                           GDateTime      *now)
{
  const Story *story = pick_story (self);
  DemoItem *item = g_new0 (DemoItem, 1);
  Slots slots;

  fill_story_slots (self, story, &slots);
  item->id = g_strdup_printf ("rim-%04u", ++self->next_serial);
  item->city = slots.city;
  item->tag = story->tag;
  item->title = expand (story->title, &slots);
  item->dateline = g_strdup_printf ("%s - %s", slots.city->name,
                                    bylines[pick (self, G_N_ELEMENTS (bylines))]);
  item->paragraphs = write_paragraphs (self, story, &slots);
  pick_authors (self, item);
  item->breaking = story->may_break && pick (self, 2) == 0;
  item->published = g_date_time_ref (now);

  g_ptr_array_add (self->items, item);
  if (self->items->len > self->max_items)
    g_ptr_array_remove_range (self->items, 0, self->items->len - self->max_items);

  return item->id;
}

/**
 * kh_demo_coverage_edit_item:
 * @now: when the item is modified
 *
 * Appends an update paragraph to one of the items before the newest.
 *
 * Returns: (nullable): the edited item's id, %NULL when there is none older
 */
const char *
kh_demo_coverage_edit_item (KhDemoCoverage *self,
                            GDateTime      *now)
{
  guint n_older = self->items->len > 0 ? self->items->len - 1 : 0;
  guint window = MIN (n_older, EDIT_WINDOW);
  DemoItem *item;
  Slots slots;

  if (window == 0)
    return NULL;

  item = g_ptr_array_index (self->items, n_older - 1 - pick (self, window));
  fill_slots (self, item->city, &slots);
  g_ptr_array_add (item->paragraphs,
                   expand (updates[pick (self, G_N_ELEMENTS (updates))], &slots));
  g_clear_pointer (&item->modified, g_date_time_unref);
  item->modified = g_date_time_ref (now);
  return item->id;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_clock (JsonBuilder   *builder,
           const Country *country)
{
  add_string (builder, "timezone", country->clock);
  add_string (builder, "timezone_label", country->clock_label);
}

/* RFC 3339 on the clock of the city the item comes from. */
static char *
format_date (GDateTime  *date,
             const City *city)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (countries[city->country].clock);
  g_autoptr(GDateTime) local = NULL;

  /* Without tzdata the offset is still true, only in UTC. */
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (date, zone);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
paragraphs_to_html (GPtrArray *paragraphs)
{
  GString *html = g_string_new (NULL);

  for (guint i = 0; i < paragraphs->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (paragraphs, i), -1);

      g_string_append_printf (html, "%s<p>%s</p>", i > 0 ? "\n" : "", escaped);
    }
  return g_string_free (html, FALSE);
}

static void
add_item_names (JsonBuilder *builder,
                DemoItem    *item)
{
  json_builder_set_member_name (builder, "authors");
  json_builder_begin_array (builder);
  for (guint i = 0; item->authors[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "name", item->authors[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, STORM_TAG);
  json_builder_add_string_value (builder, item->tag);
  json_builder_add_string_value (builder, item->city->name);
  json_builder_end_array (builder);
}

static void
add_item_extension (JsonBuilder *builder,
                    DemoItem    *item)
{
  json_builder_set_member_name (builder, "_khabar");
  json_builder_begin_object (builder);
  add_string (builder, "dateline", item->dateline);
  json_builder_set_member_name (builder, "breaking");
  json_builder_add_boolean_value (builder, item->breaking);
  if (item->city->country != FEED_COUNTRY)
    add_clock (builder, &countries[item->city->country]);
  json_builder_end_object (builder);
}

static void
add_item (KhDemoCoverage *self,
          JsonBuilder    *builder,
          DemoItem       *item)
{
  g_autofree char *url = g_strconcat (self->base_uri, "live/", item->id, NULL);
  g_autofree char *html = paragraphs_to_html (item->paragraphs);
  g_autofree char *published = format_date (item->published, item->city);

  json_builder_begin_object (builder);
  add_string (builder, "id", item->id);
  add_string (builder, "url", url);
  add_string (builder, "title", item->title);
  add_string (builder, "content_html", html);
  add_string (builder, "date_published", published);
  if (item->modified != NULL)
    {
      g_autofree char *modified = format_date (item->modified, item->city);

      add_string (builder, "date_modified", modified);
    }
  add_item_names (builder, item);
  add_item_extension (builder, item);
  json_builder_end_object (builder);
}

static void
add_feed_fields (KhDemoCoverage *self,
                 JsonBuilder    *builder)
{
  g_autofree char *feed_url = g_strconcat (self->base_uri, "feed.json", NULL);

  add_string (builder, "version", JSON_FEED_VERSION);
  add_string (builder, "title", "العاصفة «ريم»: تغطية مباشرة");
  add_string (builder, "description",
              "تغطية حية تجريبية لعاصفة متخيَّلة، يُضاف إليها خبر جديد كل بضع ثوانٍ.");
  add_string (builder, "home_page_url", self->base_uri);
  add_string (builder, "feed_url", feed_url);
  add_string (builder, "language", "ar");
  json_builder_set_member_name (builder, "_khabar");
  json_builder_begin_object (builder);
  add_clock (builder, &countries[FEED_COUNTRY]);
  json_builder_end_object (builder);
}

/**
 * kh_demo_coverage_to_json:
 *
 * Returns: (transfer full): the coverage as a JSON Feed 1.1 document,
 *   newest item first
 */
GBytes *
kh_demo_coverage_to_json (KhDemoCoverage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  json_builder_begin_object (builder);
  add_feed_fields (self, builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = self->items->len; i > 0; i--)
    add_item (self, builder, g_ptr_array_index (self->items, i - 1));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/**
 * kh_demo_coverage_render_page:
 * @id: an item's id
 *
 * The web page an item's "url" points at, so that opening it in a browser
 * shows the item rather than an error.
 *
 * Returns: (transfer full) (nullable): an HTML page, %NULL for an unknown id
 */
char *
kh_demo_coverage_render_page (KhDemoCoverage *self,
                              const char     *id)
{
  DemoItem *item = find_item (self, id);
  g_autofree char *title = NULL;
  g_autofree char *dateline = NULL;
  g_autofree char *body = NULL;

  if (item == NULL)
    return NULL;

  title = g_markup_escape_text (item->title, -1);
  dateline = g_markup_escape_text (item->dateline, -1);
  body = paragraphs_to_html (item->paragraphs);
  return g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html lang=\"ar\" dir=\"rtl\">\n"
                          "<head><meta charset=\"utf-8\"><title>%s</title></head>\n"
                          "<body>\n<h1>%s</h1>\n<p><b>%s</b></p>\n%s\n</body>\n</html>\n",
                          title, title, dateline, body);
}
