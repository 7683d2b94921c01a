"""The good articles of the fault site: known text, so tests can compare what was saved.

Each article has its own sentences (no shared word 5-grams), so none is a near-duplicate
of another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    slug: str
    lang: str
    title: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.sentences)


ARABIC = [
    Article("ar-utf8", "ar", "افتتاح جسر جديد فوق النهر", (
        "افتتحت بلدية المدينة صباح اليوم جسرا جديدا فوق النهر بعد ثلاث سنوات من أعمال البناء المتواصلة.",
        "وقال رئيس البلدية إن الجسر سيخفف الازدحام المروري في وسط المدينة ويختصر زمن الرحلة إلى النصف.",
        "وأضاف أن تكلفة المشروع بلغت نحو أربعين مليون دينار جرى تمويلها من ميزانية الدولة وقرض ميسر.",
        "ويتوقع مهندسون أن يعبر الجسر أكثر من خمسين ألف سيارة يوميا خلال العام الأول من تشغيله.",
    )),
    Article("ar-1256-wrong-header", "ar", "خطة لترشيد استهلاك المياه في الجنوب", (
        "أعلنت وزارة الزراعة عن خطة لترشيد استهلاك المياه في المحافظات الجنوبية بعد موسم جاف طويل.",
        "وتشمل الخطة دعم المزارعين بأنظمة الري بالتنقيط وتدريبهم على صيانتها خلال الأشهر المقبلة.",
        "وقال المتحدث باسم الوزارة إن محاصيل القمح والشعير تراجعت بنسبة كبيرة مقارنة بالعام الماضي.",
        "ودعا المزارعين إلى التسجيل في البرنامج قبل نهاية الشهر للحصول على المعدات بأسعار مدعومة.",
    )),
    Article("ar-iso6-undeclared", "ar", "المنتخب يفوز بفارق نقطتين", (
        "فاز المنتخب الوطني لكرة السلة على نظيره في مباراة مثيرة انتهت بفارق نقطتين فقط مساء أمس.",
        "وسجل قائد الفريق ثلاثين نقطة وقاد زملاءه إلى التقدم في الربع الأخير بعد تأخر طويل.",
        "وقال المدرب عقب اللقاء إن اللاعبين أظهروا روحا قتالية عالية رغم الإصابات التي أبعدت ثلاثة منهم.",
        "ويلتقي المنتخب في الدور المقبل مع الفريق المتصدر في مباراة تقام على ملعب العاصمة.",
    )),
    Article("ar-1256-header-utf8-meta-1256", "ar", "القراءة اليومية تحسن التركيز", (
        "كشفت دراسة جامعية حديثة أن القراءة اليومية لمدة نصف ساعة تحسن التركيز لدى طلاب المدارس.",
        "وشملت الدراسة أكثر من ألفي طالب في عشر مدارس حكومية وخاصة على مدى عامين دراسيين.",
        "وأوصى الباحثون بتخصيص حصة أسبوعية للمكتبة وتشجيع الأسر على شراء الكتب لأطفالهم.",
        "وأشارت النتائج إلى أن الطلاب الذين يقرؤون بانتظام حققوا درجات أعلى في مادتي اللغة والرياضيات.",
    )),
    Article("ar-utf8-bom-header-1256-meta-iso6", "ar", "أول سفينة سياحية هذا الموسم", (
        "استقبل ميناء المدينة أول سفينة سياحية هذا الموسم وعلى متنها نحو ألف وخمسمئة راكب من جنسيات مختلفة.",
        "وجال السياح في الأسواق القديمة والمتحف الوطني قبل أن يعودوا إلى السفينة في المساء.",
        "وقال مدير الميناء إن عدد الرحلات السياحية المتوقعة هذا العام يفوق ما سجل في العامين الماضيين معا.",
        "ويأمل التجار أن ينعش الموسم الحركة في المحلات والمطاعم القريبة من الواجهة البحرية.",
    )),
    Article("ar-utf8-invalid-bytes", "ar", "تطبيق لحجز مواعيد العيادات", (
        "أطلقت شركة ناشئة محلية تطبيقا لحجز مواعيد العيادات الحكومية عبر الهاتف بدلا من الانتظار في الطوابير.",
        "وسجل التطبيق أكثر من عشرين ألف مستخدم في أسبوعه الأول بحسب بيان صادر عن الشركة.",
        "وقالت مؤسسة الشركة إن الفكرة جاءت بعد أن انتظرت والدتها ساعات طويلة للحصول على موعد.",
        "وتخطط الشركة لإضافة خدمة الاستشارات الطبية عن بعد خلال الأشهر الستة المقبلة.",
    )),
    Article("ar-gzip", "ar", "محطة رصد جوي في الجبال", (
        "بدأت هيئة الأرصاد الجوية تشغيل محطة رصد جديدة في المنطقة الجبلية لتحسين دقة التوقعات.",
        "وتقيس المحطة سرعة الرياح ودرجات الحرارة وكميات الأمطار كل عشر دقائق وترسلها إلى المركز الرئيسي.",
        "وقال خبير في الهيئة إن البيانات الجديدة ستساعد على التحذير المبكر من السيول في فصل الشتاء.",
        "وتعتزم الهيئة تركيب خمس محطات مماثلة في مناطق أخرى قبل نهاية العام المقبل.",
    )),
    Article("ar-brotli-1256", "ar", "حملة لتنظيف الشاطئ الشمالي", (
        "نظمت جمعية أهلية حملة لتنظيف الشاطئ الشمالي شارك فيها مئات المتطوعين من مختلف الأعمار.",
        "وجمع المشاركون أطنانا من البلاستيك والزجاج والمخلفات التي تركها الزوار خلال العطلة.",
        "وقالت رئيسة الجمعية إن الحملة تهدف إلى نشر الوعي بأهمية حماية البيئة البحرية.",
        "ووزعت الجمعية أكياسا قابلة لإعادة الاستخدام على العائلات التي كانت تقضي يومها على الشاطئ.",
    )),
    Article("ar-feed-iso6-header-1256", "ar", "معرض للخط العربي", (
        "افتتحت وزارة الثقافة معرضا للخط العربي يضم أكثر من مئتي لوحة لفنانين من أجيال مختلفة.",
        "ويستمر المعرض أسبوعين في القاعة الكبرى بالمركز الثقافي ويفتح أبوابه للجمهور مجانا.",
        "وقال أحد المشاركين إن الخط العربي فن حي يتجدد مع كل جيل من الخطاطين الشباب.",
        "وتنظم على هامش المعرض ورش عمل لتعليم الأطفال أساسيات خط النسخ والرقعة.",
    )),
]

ENGLISH = [
    Article("en-1252-meta-utf8", "en", "Harbour Street café opens its doors", (
        "The city’s new café on Harbour Street opened on Monday — its owner, José Núñez, called it “a dream twenty years in the making.”",
        "Queues formed before dawn, and the first 100 customers received a free crème brûlée with their coffee.",
        "Núñez said he had saved for two decades while working as a pastry chef in Lyon and Montréal.",
        "Local council members welcomed the opening, noting that the street had lost three shops last year.",
    )),
    Article("en-slow", "en", "Water supply restored after main bursts", (
        "Engineers finished repairs on the northern water main late on Tuesday, restoring supply to about 12,000 homes.",
        "The pipe burst early on Sunday morning after a sudden drop in temperature, flooding two roads near the station.",
        "Residents were asked to boil tap water for another 24 hours while tests are carried out.",
        "The utility said it would replace a further four kilometres of ageing pipes over the summer.",
    )),
    Article("en-429-once", "en", "Library to open until 10 p.m.", (
        "The regional library will stay open until 10 p.m. on weekdays from next month, the council announced.",
        "Longer hours were the most common request in a survey of more than 3,000 library users last autumn.",
        "Extra staff will be funded by savings from moving the mobile library service to electric vans.",
        "The reading room for children, however, will keep its current hours because of staffing limits.",
    )),
    Article("en-503-once", "en", "Otters return to the river", (
        "A family of otters has been spotted on the river for the first time in forty years, wildlife volunteers said.",
        "Volunteers recorded two adults and three cubs near the old mill during a routine survey on Saturday.",
        "Cleaner water after the closure of a nearby factory is thought to have brought the animals back.",
        "Walkers are asked to keep dogs on leads along the towpath until the end of the breeding season.",
    )),
    Article("en-final", "en", "Bus fares frozen for another year", (
        "Bus fares in the county will be frozen for another year after the transport authority approved its budget.",
        "The authority said higher fuel costs would be covered by a government grant rather than by passengers.",
        "Operators had warned that some rural routes could be cut without extra money.",
        "Two new night services linking the university with the town centre will start in September.",
    )),
    Article("en-sitemap-utf8-header-latin1", "en", "Book festival draws record crowds", (
        "The town’s annual book festival drew a record 18,000 visitors over its three days, organisers said.",
        "Events ranged from poetry readings in the park to a debate on the future of local newspapers.",
        "Organisers credited the free shuttle bus from the railway station for much of the increase.",
        "Next year’s festival will add a programme of workshops for young writers aged twelve to eighteen.",
    )),
    Article("en-unclosed-tags", "en", "Waiting times fall again", (
        "Hospital waiting times for routine operations fell for the fourth month in a row, new figures show.",
        "The median wait is now eleven weeks, down from fifteen weeks at the start of the year.",
        "Managers credited weekend surgery lists and a new day-case unit that opened in March.",
        "Patient groups welcomed the progress but said waits for some specialist treatments remain too long.",
    )),
    Article("en-deep-nesting", "en", "Valley school goes solar", (
        "A primary school in the valley has become the first in the county to run entirely on solar power.",
        "Panels on the roof of the sports hall produce more electricity than the school uses over a year.",
        "Pupils monitor the output on a screen in the entrance hall as part of their science lessons.",
        "The headteacher said the savings would pay for a new music teacher from the autumn term.",
    )),
    Article("en-xxe-doctype", "en", "Horse rescued from ditch", (
        "Firefighters rescued a horse that had fallen into a drainage ditch on farmland west of the village.",
        "The animal was lifted out with a harness after a two-hour operation in heavy rain on Thursday.",
        "A vet checked the horse at the scene and said it had suffered only minor cuts.",
        "The owner thanked the crew and said the horse was back in its stable eating hay by the evening.",
    )),
]

JAPANESE = [
    Article("ja-sjis-meta-utf8", "ja", "図書館の開館時間を延長", (
        "市の図書館は来月から平日の開館時間を午後十時まで延長すると発表しました。",
        "利用者アンケートでは、開館時間の延長を求める声が最も多く寄せられていました。",
        "延長にかかる費用は、移動図書館の車両を電気自動車に切り替えて生まれた予算でまかなうということです。",
        "一方で、子ども向けの読書室は職員の数が限られているため、これまでどおりの時間で運営されます。",
        "図書館の担当者は、仕事帰りの人や学生にもっと気軽に利用してほしいと話しています。",
        "新しい開館時間は来月一日から適用され、休館日は毎週月曜日のままです。",
        "また、図書館では来年度から電子書籍の貸し出しサービスも始める計画です。",
        "市は、利用者の声を聞きながらサービスの改善を続けていきたいとしています。",
    )),
]

ALL = ARABIC + ENGLISH + JAPANESE
BY_SLUG = {a.slug: a for a in ALL}
