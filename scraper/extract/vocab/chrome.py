"""Words of page chrome, as data: what is never article text, by language.

The headings of related / read-also / most-read blocks, feedback and appeal boxes,
share and print buttons, newsletter and cookie prompts, search-box labels, comment
headings, section labels and end-of-text prompts (each a ``dict`` keyed by language),
and the class / id words that name chrome elements. Matched on whole, normalised
strings only (:mod:`scraper.extract.vocab.match`), so a sentence that merely mentions
"related news" is never touched.

Languages covered: ar, en, fr, de, es, it, pt, ru, tr, fa, ur, zh.
"""

from __future__ import annotations

# Headings of blocks listing other articles.
RELATED_HEADINGS: dict[str, tuple[str, ...]] = {
    "ar": ("أخبار ذات صلة", "اخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "ذات صلة",
           "اقرأ أيضا", "اقرأ ايضا", "إقرأ أيضا", "اقرا ايضا", "قد يهمك", "قد يهمك أيضا",
           "الأكثر قراءة", "الاكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر شعبية",
           "آخر الأخبار", "اخر الاخبار", "أخبار متعلقة", "موضوعات متعلقة", "المزيد من الأخبار",
           "شاهد أيضا", "طالع أيضا", "مقالات مقترحة", "مواضيع مقترحة", "أحدث الأخبار",
           "الأكثر قراءة اليوم", "الأكثر قراءة هذا الأسبوع", "الأكثر تفاعلا", "اقرأ كذلك",
           "إقرأ ايضا", "اقرأ المزيد", "أخبار ذات علاقة", "مواضيع قد تهمك", "مقالات قد تهمك",
           "قد يعجبك أيضا", "قد يعجبك", "موضوعات ذات صلة", "تقارير ذات صلة"),
    "en": ("related", "related news", "related articles", "related posts", "related stories",
           "related content", "related coverage", "related topics", "read more", "read also",
           "also read", "see also", "more stories", "more news", "more from", "more articles",
           "most read", "most popular", "most viewed", "trending", "trending now",
           "recommended", "recommended for you", "recommended stories", "you may also like",
           "you might also like", "you may be interested in", "don't miss", "latest news",
           "latest stories", "top stories", "further reading", "popular posts", "recent posts",
           "more on this story", "what to read next", "editor's picks", "up next",
           "most read stories", "most read articles", "most popular stories", "most shared",
           "read next", "related reading", "you may also be interested in",
           "you may like", "you might like", "you might be interested in",
           "next article", "previous article"),
    "fr": ("lire aussi", "à lire aussi", "a lire aussi", "lire également", "voir aussi",
           "articles similaires", "articles liés", "sur le même sujet", "les plus lus",
           "à lire également", "dans la même rubrique", "vous aimerez aussi",
           "à découvrir", "les plus populaires", "derniers articles",
           "articles les plus lus", "les plus consultés", "articles connexes", "contenus associés",
           "sur le même thème", "à lire sur le même sujet", "lire plus",
           "vous pourriez aimer", "vous aimerez peut-être aussi", "article suivant",
           "article précédent"),
    "de": ("mehr zum thema", "das könnte sie auch interessieren", "auch interessant",
           "lesen sie auch", "weitere artikel", "ähnliche artikel", "meistgelesen",
           "am meisten gelesen", "verwandte artikel", "empfohlene artikel", "weiterlesen",
           "mehr lesen", "neueste artikel",
           "meistgelesene artikel", "meist gelesen", "am häufigsten gelesen", "schon gelesen",
           "das könnte dich auch interessieren", "weitere themen", "verwandte themen",
           "zum weiterlesen", "passend zum thema", "ähnliche beiträge", "lies auch",
           "lesen sie außerdem", "lesen sie dazu", "auch lesenswert",
           "das könnte ihnen auch gefallen", "das könnte dir auch gefallen",
           "das thema könnte dich auch interessieren", "das thema könnte sie auch interessieren",
           "nächster artikel", "vorheriger artikel", "vorschau auf den nächsten artikel"),
    "es": ("noticias relacionadas", "artículos relacionados", "te puede interesar",
           "también te puede interesar", "lee también", "lea también", "leer más",
           "lo más leído", "más leídas", "más noticias", "relacionado", "relacionados",
           "te recomendamos", "ver también", "últimas noticias",
           "lo más visto", "más leído", "más vistas", "lo más popular", "notas relacionadas",
           "le puede interesar", "también le puede interesar", "contenido relacionado",
           "temas relacionados", "lea además", "lee además", "te puede gustar",
           "también te puede gustar", "te podría interesar", "te podría gustar",
           "artículo siguiente", "artículo anterior"),
    "it": ("articoli correlati", "notizie correlate", "leggi anche", "potrebbe interessarti",
           "i più letti", "più letti", "correlati", "ti potrebbe interessare", "vedi anche",
           "ultime notizie", "leggi altro",
           "più visti", "i più visti", "i più letti di oggi", "articoli simili",
           "potrebbe interessarti anche", "ti potrebbero interessare", "leggi pure",
           "potrebbe piacerti", "ti potrebbe piacere", "potrebbe piacerti anche"),
    "pt": ("notícias relacionadas", "artigos relacionados", "leia também", "leia mais",
           "veja também", "mais lidas", "mais lidos", "relacionados", "você também pode gostar",
           "últimas notícias", "recomendados",
           "as mais lidas", "mais vistos", "mais populares", "conteúdo relacionado",
           "matérias relacionadas", "saiba mais", "veja mais", "leia mais notícias",
           "você pode gostar", "você pode gostar também", "você também vai gostar",
           "você pode se interessar"),
    "pl": ("zobacz także", "zobacz też", "czytaj także", "czytaj też", "czytaj również",
           "przeczytaj także", "przeczytaj również", "podobne artykuły", "najczęściej czytane"),
    "ru": ("читайте также", "похожие новости", "похожие статьи", "по теме", "новости по теме",
           "самое читаемое", "популярное", "рекомендуем", "смотрите также", "читать далее",
           "другие новости", "последние новости", "читайте по теме",
           "самое популярное", "самые читаемые", "популярные новости", "самые популярные",
           "материалы по теме", "связанные статьи", "похожие материалы", "еще по теме",
           "читать также", "читайте еще", "вам может быть интересно"),
    "tr": ("ilgili haberler", "benzer haberler", "bunlar da ilginizi çekebilir",
           "ilginizi çekebilir", "çok okunanlar", "en çok okunanlar", "devamını oku",
           "ayrıca okuyun", "son haberler", "önerilen haberler", "diğer haberler",
           "en çok okunan haberler", "en çok okunan", "popüler haberler", "ilgili içerikler",
           "benzer içerikler", "bunlar da ilgini çekebilir", "ilgili yazılar", "bunu da okuyun",
           "şunu da okuyun", "bunları da okuyun", "ayrıca bakınız", "okumaya devam et"),
    "fa": ("اخبار مرتبط", "مطالب مرتبط", "مطالب مشابه", "اخبار مشابه", "بیشتر بخوانید",
           "پربازدیدترین", "پربازدیدترین ها", "بخوانید", "آخرین اخبار", "پیشنهاد ما",
           "پربازدیدترین اخبار", "پربیننده ترین", "پربیننده ترین ها", "پرخواننده ترین",
           "پرخواننده ترین ها", "مطالب پربازدید", "پربحث ترین", "مطالب پیشنهادی", "اخبار پیشنهادی",
           "همچنین بخوانید", "این را هم بخوانید", "بیشتر بدانید", "مطالب مرتبط دیگر",
           "اخبار مرتبط دیگر"),
    "ur": ("متعلقہ خبریں", "مزید پڑھیں", "یہ بھی پڑھیں", "سب سے زیادہ پڑھی جانے والی",
           "تازہ ترین", "متعلقہ مضامین",
           "سب سے زیادہ پڑھی جانے والی خبریں", "زیادہ پڑھی جانے والی",
           "زیادہ پڑھی جانے والی خبریں", "سب سے زیادہ پڑھا گیا", "مقبول ترین", "مقبول خبریں",
           "متعلقہ", "مزید خبریں", "یہ بھی دیکھیں", "یہ بھی پڑھیے", "اسے بھی پڑھیں",
           "متعلقہ تحریریں"),
    "zh": ("相关新闻", "相關新聞", "相关文章", "相關文章", "相关阅读", "相關閱讀", "延伸阅读",
           "延伸閱讀", "推荐阅读", "推薦閱讀", "热门文章", "熱門文章", "最新文章", "猜你喜欢",
           "阅读更多", "閱讀更多", "更多新闻",
           "阅读排行", "閱讀排行", "热门新闻", "熱門新聞", "排行榜", "最受欢迎", "最受歡迎",
           "相关报道", "相關報導", "相关推荐", "相關推薦",
           "您可能感兴趣", "您可能感興趣"),
}

# Openings of the reader-feedback and appeal boxes put after an article: "was this
# helpful?" and rating widgets, "enjoyed this piece? …" donation and subscription
# appeals. The pre-clean drops the small box whose heading starts with one of these
# (whole words, heading of at most ``preclean.MAX_APPEAL_HEADING_CHARS``). Sentences that
# merely praise or thank the reader are not here: gold texts keep them (wcxb-dev).
APPEAL_HEADINGS: dict[str, tuple[str, ...]] = {
    "ar": ("هل كان هذا المقال مفيدا", "هل كانت هذه الصفحة مفيدة", "هل كان هذا مفيدا",
           "هل أعجبك المقال", "هل أعجبك هذا المقال", "قيم هذا المقال", "قيم المقال",
           "ادعم صحافتنا", "ادعم الصحافة المستقلة"),
    "en": ("was this helpful", "was this article helpful", "was this page helpful",
           "was this post helpful", "was this information helpful", "was the article useful",
           "was this article useful", "did you find this article helpful",
           "did you find this helpful", "how helpful was this article", "how was this issue",
           "rate this article", "rate this post", "rate this story", "enjoyed this piece",
           "enjoyed this article", "enjoyed the article", "enjoyed this post",
           "like what you're reading", "like what you are reading", "did you like this article",
           "support our journalism", "support independent journalism"),
    "fr": ("cet article vous a-t-il été utile", "cet article vous a été utile",
           "cette page vous a-t-elle été utile", "avez-vous trouvé cet article utile",
           "vous avez aimé cet article", "notez cet article", "soutenez notre journalisme"),
    "de": ("war dieser artikel hilfreich", "war diese seite hilfreich", "war das hilfreich",
           "hat ihnen dieser artikel gefallen", "artikel bewerten", "bewerten sie diesen artikel",
           "unterstützen sie unseren journalismus"),
    "es": ("te ha resultado útil", "te resultó útil este artículo", "fue útil este artículo",
           "te ha sido útil", "te ha gustado este artículo", "te gustó este artículo",
           "califica este artículo", "valora este artículo", "apoya nuestro periodismo"),
    "it": ("questo articolo ti è stato utile", "ti è stato utile", "ti è piaciuto questo articolo",
           "valuta questo articolo", "sostieni il nostro giornalismo"),
    "pt": ("este artigo foi útil", "esta página foi útil", "isso foi útil", "gostou deste artigo",
           "gostou do artigo", "avalie este artigo", "apoie nosso jornalismo",
           "apoie o jornalismo independente"),
    "ru": ("была ли эта статья полезной", "была ли статья полезной", "эта статья была полезной",
           "вам понравилась статья", "понравилась статья", "оцените статью",
           "поддержите редакцию"),
    "tr": ("bu makale yardımcı oldu mu", "bu içerik faydalı oldu mu", "bu yazı faydalı oldu mu",
           "bu haberi beğendiniz mi", "bu makaleyi değerlendirin", "haberi değerlendirin"),
    "fa": ("آیا این مطلب مفید بود", "آیا این مقاله مفید بود", "این مطلب را ارزیابی کنید",
           "به این مطلب امتیاز دهید"),
    "ur": ("کیا یہ مضمون مفید تھا", "کیا یہ مددگار تھا", "اس مضمون کی درجہ بندی کریں"),
    "zh": ("这篇文章有帮助吗", "這篇文章有幫助嗎", "本文对您有帮助吗", "本文對您有幫助嗎",
           "此内容对您有帮助吗", "这篇文章对你有帮助吗", "为这篇文章评分", "喜欢这篇文章吗"),
}

# Share, print and e-mail buttons and their labels.
SHARE_PHRASES: dict[str, tuple[str, ...]] = {
    "ar": ("شارك", "مشاركة", "شارك المقال", "شارك الخبر", "شارك هذا المقال", "طباعة",
           "اطبع", "أرسل لصديق", "نسخ الرابط", "شارك على فيسبوك", "شارك على تويتر",
           "شارك عبر واتساب", "تويتر", "فيسبوك", "واتساب"),
    "en": ("share", "share this", "share this article", "share this story", "share this post",
           "share on facebook", "share on twitter", "share on x", "share on linkedin",
           "share via email", "share via", "tweet", "print", "print this article", "email",
           "copy link", "link copied", "facebook", "twitter", "linkedin", "whatsapp",
           "pinterest", "reddit", "telegram", "share article", "share story",
           "click to share on facebook", "click to share on twitter", "click to print",
           "click to email a link to a friend", "share this page", "follow us"),
    "fr": ("partager", "partager cet article", "partager sur facebook", "partager sur twitter",
           "imprimer", "envoyer par e-mail", "copier le lien", "suivez-nous"),
    "de": ("teilen", "artikel teilen", "auf facebook teilen", "drucken", "per e-mail senden",
           "link kopieren", "folgen sie uns"),
    "es": ("compartir", "compartir en facebook", "compartir en twitter", "imprimir",
           "enviar por correo", "copiar enlace", "comparte este artículo", "síguenos"),
    "it": ("condividi", "condividi su facebook", "condividi su twitter", "stampa",
           "invia per email", "copia link", "condividi questo articolo", "seguici"),
    "pt": ("compartilhar", "partilhar", "compartilhe", "compartilhar no facebook", "imprimir",
           "copiar link", "enviar por e-mail", "siga-nos"),
    "ru": ("поделиться", "поделиться в facebook", "распечатать", "печать", "скопировать ссылку",
           "отправить по почте", "подписывайтесь"),
    "tr": ("paylaş", "facebook'ta paylaş", "twitter'da paylaş", "yazdır", "bağlantıyı kopyala",
           "e-posta ile gönder", "bizi takip edin"),
    "fa": ("اشتراک گذاری", "اشتراک‌گذاری", "چاپ", "کپی لینک", "ارسال به دوستان"),
    "ur": ("شیئر کریں", "پرنٹ", "لنک کاپی کریں", "شیئر"),
    "zh": ("分享", "分享到", "分享到微信", "分享到微博", "打印", "复制链接", "複製連結", "列印"),
}

# Newsletter and subscription prompts.
NEWSLETTER_PHRASES: dict[str, tuple[str, ...]] = {
    "ar": ("اشترك في النشرة البريدية", "النشرة البريدية", "اشترك الآن", "اشترك في نشرتنا",
           "اشترك في النشرة الإخبارية", "النشرة الإخبارية", "سجل في النشرة البريدية",
           "اشترك في نشرتنا البريدية", "اشترك في نشرتنا الإخبارية"),
    "en": ("subscribe", "subscribe now", "subscribe to our newsletter", "sign up",
           "sign up for our newsletter", "newsletter", "get our newsletter",
           "join our newsletter", "sign up for free", "subscribe to newsletter",
           "subscribe to our newsletters", "get the newsletter", "sign up for our newsletters"),
    "fr": ("abonnez-vous", "inscrivez-vous à notre newsletter", "newsletter", "s'abonner",
           "recevez notre newsletter", "inscrivez-vous à la newsletter",
           "abonnez-vous à notre newsletter", "lettre d'information",
           "inscription à la newsletter"),
    "de": ("newsletter abonnieren", "jetzt abonnieren", "abonnieren", "zum newsletter anmelden",
           "newsletter bestellen", "jetzt newsletter abonnieren", "newsletter-anmeldung",
           "melden sie sich für unseren newsletter an"),
    "es": ("suscríbete", "suscríbete a nuestro boletín", "boletín", "suscribirse",
           "suscríbete a nuestra newsletter", "recibe nuestro boletín", "suscríbete al boletín",
           "suscríbete a nuestro newsletter"),
    "it": ("iscriviti alla newsletter", "iscriviti", "abbonati",
           "iscriviti alla nostra newsletter", "ricevi la newsletter",
           "iscrizione alla newsletter"),
    "pt": ("assine", "inscreva-se", "assine nossa newsletter", "assine a newsletter",
           "receba nossa newsletter", "cadastre-se na newsletter",
           "inscreva-se na nossa newsletter", "assine nossa newsletter gratuita"),
    "ru": ("подписаться", "подпишитесь на рассылку", "рассылка",
           "подпишитесь на нашу рассылку", "подписка на новости", "подпишитесь на новости",
           "подписка на рассылку"),
    "tr": ("abone ol", "bültene abone ol", "e-bültene kaydol",
           "e-bülten", "bültenimize abone olun", "haber bültenine abone ol",
           "e-bültene abone olun"),
    "fa": ("عضویت در خبرنامه", "خبرنامه",
           "اشتراک در خبرنامه", "ثبت نام در خبرنامه", "عضویت در خبرنامه ایمیلی"),
    "ur": ("سبسکرائب کریں", "نیوز لیٹر",
           "ہمارے نیوز لیٹر کو سبسکرائب کریں", "نیوز لیٹر کے لیے سائن اپ کریں",
           "نیوز لیٹر سبسکرائب کریں"),
    "zh": ("订阅", "訂閱", "订阅我们的新闻", "订阅电子报",
           "订阅新闻简报", "订阅电子报", "訂閱電子報", "订阅我们的电子报", "订阅邮件"),
}

# Cookie and consent banners: lines that START with one of these are dropped
# when they sit at the edges of the text.
COOKIE_PREFIXES: dict[str, tuple[str, ...]] = {
    "ar": ("نستخدم ملفات تعريف الارتباط", "يستخدم هذا الموقع ملفات تعريف الارتباط"),
    "en": ("we use cookies", "this website uses cookies", "this site uses cookies",
           "by continuing to use this site", "by using this site, you agree", "accept cookies",
           "cookie settings", "cookie policy", "manage cookies"),
    "fr": ("nous utilisons des cookies", "ce site utilise des cookies", "accepter les cookies"),
    "de": ("wir verwenden cookies", "diese website verwendet cookies", "cookies akzeptieren"),
    "es": ("utilizamos cookies", "este sitio web utiliza cookies", "aceptar cookies",
           "usamos cookies"),
    "it": ("utilizziamo i cookie", "questo sito utilizza cookie", "accetta i cookie"),
    "pt": ("utilizamos cookies", "este site utiliza cookies", "usamos cookies",
           "aceitar cookies"),
    "ru": ("мы используем файлы cookie", "этот сайт использует файлы cookie",
           "мы используем cookie"),
    "tr": ("çerezleri kullanıyoruz", "bu site çerez kullanmaktadır", "çerezleri kabul et"),
    "fa": ("ما از کوکی استفاده می کنیم", "این سایت از کوکی استفاده می کند"),
    "ur": ("ہم کوکیز استعمال کرتے ہیں",),
    "zh": ("我们使用cookie", "本网站使用cookie", "我們使用cookie", "接受cookie"),
}

# Labels of search boxes and pop-ups (often screen-reader only).
SEARCH_LABELS: dict[str, tuple[str, ...]] = {
    "ar": ("بحث", "ابحث", "إبحث", "البحث", "اكتب كلمة البحث", "إغلاق", "اغلاق", "بحث عن"),
    "en": ("search", "search for", "close this search box", "close search", "type to search",
           "search this site", "search …", "search ...", "press enter to search",
           "type and hit enter", "start typing", "close", "skip to content",
           "skip to main content", "toggle navigation", "menu", "open menu", "close menu"),
    "fr": ("rechercher", "recherche", "fermer", "aller au contenu", "fermer la recherche"),
    "de": ("suche", "suchen", "schließen", "zum inhalt springen", "suche schließen"),
    "es": ("buscar", "cerrar", "ir al contenido", "saltar al contenido"),
    "it": ("cerca", "chiudi", "vai al contenuto"),
    "pt": ("pesquisar", "buscar", "fechar", "pular para o conteúdo", "ir para o conteúdo"),
    "ru": ("поиск", "найти", "закрыть", "перейти к содержимому"),
    "tr": ("ara", "arama", "kapat", "içeriğe geç"),
    "fa": ("جستجو", "بستن", "رفتن به محتوا"),
    "ur": ("تلاش", "تلاش کریں", "بند کریں"),
    "zh": ("搜索", "搜尋", "关闭", "關閉", "跳至内容"),
}

# Headings of comment sections.
COMMENT_HEADINGS: dict[str, tuple[str, ...]] = {
    "ar": ("التعليقات", "اترك تعليقا", "أضف تعليق", "اضف تعليق", "تعليقات", "اترك رد"),
    "en": ("comments", "leave a comment", "leave a reply", "post a comment", "join the discussion",
           "add a comment", "show comments", "view comments", "comment", "reply"),
    "fr": ("commentaires", "laisser un commentaire", "réagir"),
    "de": ("kommentare", "kommentar schreiben", "kommentieren"),
    "es": ("comentarios", "deja un comentario", "dejar un comentario"),
    "it": ("commenti", "lascia un commento"),
    "pt": ("comentários", "deixe um comentário", "deixe seu comentário"),
    "ru": ("комментарии", "оставить комментарий", "комментировать"),
    "tr": ("yorumlar", "yorum yap", "yorum yazın"),
    "fa": ("نظرات", "ارسال نظر", "دیدگاه ها"),
    "ur": ("تبصرے", "تبصرہ کریں"),
    "zh": ("评论", "評論", "发表评论", "發表評論", "留言"),
}

# Openings of comment-policy notes printed beside the comments ("Comments are
# moderated …", "التعليقات المنشورة لا تعبر عن رأي الموقع"): the site's rules, never
# the story. A line or a small block that starts with one of these (whole words) is
# dropped wherever it stands (``preclean.MAX_POLICY_CHARS`` at most).
COMMENT_POLICY_PREFIXES: dict[str, tuple[str, ...]] = {
    "ar": ("التعليقات المنشورة", "جميع التعليقات المنشورة", "جميع التعليقات تخضع",
           "الآراء الواردة في التعليقات", "التعليقات لا تعبر", "التعليقات تعبر عن رأي",
           "التعليقات والآراء المنشورة", "تخضع التعليقات"),
    "en": ("comments are moderated", "all comments are moderated", "comments are subject to",
           "we reserve the right to remove", "we reserve the right to delete",
           "by posting a comment", "by commenting you agree", "please read our comment policy",
           "read our comment policy", "comments do not represent", "comments are closed",
           "the views expressed in the comments", "comments that violate"),
    "fr": ("les commentaires sont modérés", "tous les commentaires sont modérés",
           "les commentaires sont soumis", "les propos tenus dans les commentaires",
           "les commentaires sont fermés", "nous nous réservons le droit de supprimer"),
    "de": ("kommentare werden moderiert", "alle kommentare werden", "die kommentarfunktion ist",
           "die kommentare geben nicht", "wir behalten uns vor kommentare",
           "bitte beachten sie unsere netiquette", "kommentare sind geschlossen"),
    "es": ("los comentarios son moderados", "los comentarios están sujetos",
           "los comentarios no reflejan", "las opiniones expresadas en los comentarios",
           "los comentarios están cerrados", "nos reservamos el derecho de eliminar"),
    "it": ("i commenti sono moderati", "i commenti sono soggetti", "i commenti sono chiusi",
           "le opinioni espresse nei commenti"),
    "pt": ("os comentários são moderados", "os comentários não representam",
           "os comentários estão sujeitos", "os comentários estão fechados",
           "as opiniões expressas nos comentários", "comentários não representam"),
    "ru": ("комментарии модерируются", "все комментарии проходят модерацию",
           "мнение редакции может не совпадать", "комментарии закрыты",
           "редакция оставляет за собой право"),
    "tr": ("yorumlar onaylandıktan sonra", "yorumlarınız onaylandıktan sonra",
           "yorumlar kullanıcıların", "yorumlar kapatılmıştır", "okuyucu yorumları",
           "yasalara aykırı yorumlar"),
    "fa": ("نظرات ارسال شده", "نظرات پس از تایید", "نظرات پس از تأیید", "نظراتی که حاوی",
           "نظرات حاوی توهین", "دیدگاه های ارسال شده", "انتشار مطالبی که"),
    "ur": ("ادارے کا قارئین", "تبصروں میں ظاہر", "تبصرے ماڈریشن", "نوٹ ادارے کا",
           "ادارے کا تبصروں", "قارئین کے تبصروں"),
    "zh": ("评论仅代表网友个人观点", "評論僅代表網友個人觀點", "网友评论仅供其表达个人看法",
           "網友評論僅供其表達個人看法", "评论需审核后显示", "評論需審核後顯示"),
}

# Section labels printed as a line of their own: advertisement slots, tables of
# contents, author boxes, tag lists. Never article text when they stand alone.
LABEL_LINES: dict[str, tuple[str, ...]] = {
    "ar": ("إعلان", "اعلان", "إعلانات", "محتوى إعلاني", "جدول المحتويات", "المحتويات",
           "عن الكاتب", "نبذة عن الكاتب", "عن المؤلف", "الوسوم", "كلمات مفتاحية", "وسوم"),
    "en": ("advertisement", "advertisements", "ad", "sponsored", "sponsored content",
           "table of contents", "contents", "in this article", "topics covered", "jump to",
           "about the author", "about the authors", "written by", "tags", "tagged", "topics",
           "pin it", "pin for later", "back to blog", "back to top", "show more", "load more"),
    "fr": ("publicité", "annonce", "sommaire", "table des matières", "à propos de l'auteur",
           "mots-clés", "mots clés", "étiquettes", "retour en haut"),
    "de": ("anzeige", "werbung", "inhaltsverzeichnis", "inhalt", "über den autor",
           "über die autorin", "schlagwörter", "schlagworte", "nach oben"),
    "es": ("publicidad", "anuncio", "índice", "tabla de contenidos", "contenido",
           "sobre el autor", "sobre la autora", "etiquetas", "volver arriba"),
    "it": ("pubblicità", "annuncio", "indice", "sommario", "l'autore", "sull'autore",
           "tag", "torna su"),
    "pt": ("publicidade", "anúncio", "índice", "sumário", "conteúdo", "sobre o autor",
           "sobre a autora", "etiquetas", "voltar ao topo"),
    "ru": ("реклама", "содержание", "оглавление", "об авторе", "теги", "метки"),
    "tr": ("reklam", "i̇çindekiler", "içindekiler", "yazar hakkında", "etiketler"),
    "fa": ("تبلیغات", "آگهی", "فهرست مطالب", "فهرست", "درباره نویسنده", "برچسب ها",
           "برچسب‌ها"),
    "ur": ("اشتہار", "فہرست", "مصنف کے بارے میں", "ٹیگز"),
    "zh": ("广告", "廣告", "目录", "目錄", "关于作者", "關於作者", "标签", "標籤"),
}

# Lead-ins of lines that are page furniture when they stand at the END of the text
# (short lines only): newsletter and follow prompts, taxonomy lists, source notes.
# Copyright notices are not here: aeb's gold keeps "© 2019 Associated Press. All …".
# A line is dropped when its normalised form starts with one of these. (English "subscribe
# now" … "check out other": traf-dev 4 `without` snippets fewer, on 2 pages; wcxb-dev body
# F1 up on 3 pages, down 0.001 on 1; aeb unchanged.)
TAIL_PREFIXES: dict[str, tuple[str, ...]] = {
    "ar": ("تابعونا على", "تابعنا على", "تابعوا", "اشترك في", "اشترك الآن", "المصدر",
           "الوسوم", "كلمات مفتاحية", "اقرأ المزيد"),
    "en": ("subscribe to", "sign up for", "sign up to", "sign up now", "join our", "follow us",
           "follow on", "get the latest", "get our", "click here to", "download our app",
           "listen to", "have a tip", "source", "sources", "filed under", "posted in",
           "tags", "tagged", "categories", "category",
           "share this", "share the", "like this article", "enjoyed this", "enjoy the post",
           "read more posts by", "view author page", "more from",
           "subscribe now", "sign up today", "for the latest", "want more", "book a demo",
           "check out our", "check out other"),
    "fr": ("abonnez-vous", "inscrivez-vous", "suivez-nous", "source", "mots-clés", "tags",
           "publié dans", "partagez"),
    "de": ("abonnieren sie", "jetzt abonnieren", "folgen sie uns", "melden sie sich",
           "quelle", "schlagwörter", "teilen sie"),
    "es": ("suscríbete", "suscribete", "síguenos", "siguenos", "fuente", "etiquetas", "comparte"),
    "it": ("iscriviti", "seguici", "fonte", "tag", "condividi"),
    "pt": ("assine", "inscreva-se", "siga-nos", "fonte", "etiquetas", "tags", "compartilhe"),
    "ru": ("подпишитесь", "подписывайтесь", "читайте нас", "источник", "теги", "метки"),
    "tr": ("abone olun", "bizi takip edin", "takip edin", "kaynak", "etiketler"),
    "fa": ("عضو شوید", "ما را دنبال کنید", "دنبال کنید", "منبع", "برچسب ها", "برچسب‌ها"),
    "ur": ("ہمیں فالو کریں", "سبسکرائب کریں", "ذریعہ"),
    "zh": ("关注我们", "關注我們", "订阅", "訂閱", "来源", "來源", "标签", "標籤"),
}

# Class / id tokens of chrome. A token matches when one of these words is a whole
# hyphen/underscore-separated part of it: ``jp-relatedposts``, ``share-buttons``,
# ``sr-only`` match; ``unrelated``, ``research``, ``shared-content`` do not.
CHROME_WORDS = (
    # related / recommended / most-read blocks
    "related", "relatedposts", "related-posts", "yarpp", "crp", "recommended", "recommendations",
    "read-also", "readalso", "read-more-links", "more-stories", "most-read", "mostread",
    "most-popular", "popular-posts", "trending", "also-read", "outbrain", "taboola",
    # share / print / social
    "share", "shares", "sharing", "sharedaddy", "sharethis", "addthis", "social", "socials",
    "social-share", "print", "printfriendly",
    # newsletter / subscription / cookie / consent / pop-ups
    "newsletter", "subscribe", "subscription", "cookie", "cookies", "consent", "gdpr",
    "popup", "pop-up", "modal",
    # calls to action ("cta": wcxb-dev even and odd +0.0002)
    "cta",
    # comments
    "comments", "comment-respond", "respond", "disqus", "discussion",
    # navigation and site chrome
    "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination",
    "skip-link", "masthead", "site-header", "site-footer", "topbar", "top-bar", "sidebar",
    "toolbar",
    # search boxes and screen-reader-only text
    "search", "searchform", "search-form", "screen-reader-text", "screen-reader", "sr-only",
    "visually-hidden", "visuallyhidden", "assistive-text", "element-invisible", "a11y-hidden",
    # header clocks
    "clock", "current-date", "current-time", "date-today", "today-date", "header-date",
    # tags clouds
    "tagcloud", "tag-cloud", "post-tags", "entry-tags",
    # author boxes after the article
    "author-bio", "authorbio", "about-author", "about-the-author", "author-box", "authorbox",
    "saboxplugin",  # the "Simple Author Box" WordPress plugin
    # regions the page itself marks as not content for search engines (Google's class)
    "nocontent",
    # legal small print after the article
    "disclaimer", "disclaimers",
)
