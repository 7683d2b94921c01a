"""Arabic right-to-left WordPress-style theme (Yoast-like metadata).

Reproduces the chrome of a typical Arabic WordPress news theme: a header clock showing the
*current* date and time, a search pop-up with English screen-reader labels, the headline
repeated at the top of the entry content, a byline paragraph, related-news blocks in the
content and in the sidebar, share buttons, breadcrumbs, tags, "most read" and a footer.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import quote

from ._common import (
    Ctx,
    Response,
    esc,
    html_response,
    json_ld,
    most_read,
    pages_count,
    related_articles,
    section_page,
)

ARTICLE_PATH_REGEX = r"^/\d{4}/\d{2}/\d{2}/[^/]+/$"
FEED_PATH = "/feed/"
FEED_FULL_CONTENT = True
SITEMAP_INDEX_PATH = "/sitemap_index.xml"
SITEMAP_PATHS = {
    "posts": "/post-sitemap.xml",
    "pages": "/page-sitemap.xml",
    "news": "/news-sitemap.xml",
}
ABOUT_PATH = "/about/"
CONTACT_PATH = "/contact/"
LOGO_PATH = "/wp-content/uploads/logo.png"
PER_PAGE = 6
SECTION_PATH_RE = r"/category/(?P<slug>[a-z0-9-]+)/(?:page/(?P<page>\d+)/)?"
TAG_PATH_RE = r"/tag/(?P<slug>[^/]+)/"

AR_MONTHS = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]


# --- URLs --------------------------------------------------------------------------------

def article_path(site, article) -> str:
    d = article.published
    slug = quote(article.slug, safe="-_.~%")
    return f"/{d:%Y}/{d:%m}/{d:%d}/{slug}/"


def published_text(article) -> str:
    """The body alone: the theme prints the description on listings only."""
    return article.body_text()


def section_path(site, slug: str, page: int = 1) -> str:
    return f"/category/{slug}/" if page <= 1 else f"/category/{slug}/page/{page}/"


def tag_path(site, tag: str) -> str:
    return f"/tag/{site.tag_slug(tag)}/"


def image_path(site, article) -> str:
    if article.image:
        return article.image
    d = article.published
    return f"/wp-content/uploads/{d:%Y}/{d:%m}/{article.slug}.png"


def disallowed_paths(site) -> list[str]:
    return [site.disallowed_prefix.rstrip("/") + "/editorial-desk/"]


def non_article_paths(site) -> list[str]:
    paths = ["/"]
    articles = site.articles
    for s in site.sections:
        n = len([a for a in articles if a.section == s.slug])
        paths += [section_path(site, s.slug, p) for p in range(1, pages_count(n, PER_PAGE) + 1)]
    paths += [tag_path(site, t) for t in site.all_tags()]
    paths += [ABOUT_PATH, CONTACT_PATH]
    return paths


# --- formatting --------------------------------------------------------------------------

def header_clock(now: datetime) -> str:
    """'24 نوفمبر، 2024 4:13 ص' — the current date/time shown in the site header."""
    hour = now.hour % 12 or 12
    ampm = "ص" if now.hour < 12 else "م"
    return f"{now.day} {AR_MONTHS[now.month - 1]}، {now.year} {hour}:{now.minute:02d} {ampm}"


def human_date(dt: datetime) -> str:
    return f"{dt.day} {AR_MONTHS[dt.month - 1]}، {dt.year}"


def _person_id(ctx: Ctx, name: str) -> str:
    return ctx.url("/#/schema/person/" + hashlib.md5(name.encode("utf-8")).hexdigest())


# --- page skeleton -----------------------------------------------------------------------

def _head(ctx: Ctx, title: str, description: str, canonical: str, og_type: str,
          image: str, extra_meta: str = "", schema: dict | None = None) -> str:
    site = ctx.site
    full_title = f"{title} – {site.title}" if title != site.title else f"{site.title} – {site.tagline}"
    parts = [
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(full_title)}</title>",
        f'<meta name="description" content="{esc(description)}">',
        '<meta name="robots" content="index, follow, max-image-preview:large">',
        f'<link rel="canonical" href="{esc(canonical)}">',
        '<meta property="og:locale" content="ar_AR">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(canonical)}">',
        f'<meta property="og:site_name" content="{esc(site.title)}">',
        f'<meta property="og:image" content="{esc(image)}">',
        extra_meta,
        f'<link rel="alternate" type="application/rss+xml" title="{esc(site.title)} &raquo; الخلاصة"'
        f' href="{esc(ctx.url(FEED_PATH))}">',
        '<link rel="stylesheet" id="astra-theme-css" href="/wp-content/themes/rased/style.min.css" media="all">',
    ]
    if schema is not None:
        parts.append(f'<script type="application/ld+json" class="yoast-schema-graph">{json_ld(schema)}</script>')
    return "\n".join(p for p in parts if p)


def _header(ctx: Ctx) -> str:
    site = ctx.site
    nav = [f'<li class="menu-item"><a href="{esc(ctx.url("/"))}">الرئيسية</a></li>']
    for s in site.sections:
        nav.append(
            f'<li class="menu-item menu-item-type-taxonomy"><a href="{esc(ctx.url(section_path(site, s.slug)))}">'
            f"{esc(s.name)}</a></li>"
        )
    nav.append(f'<li class="menu-item"><a href="{esc(ctx.url(ABOUT_PATH))}">من نحن</a></li>')
    nav.append(f'<li class="menu-item"><a href="{esc(ctx.url(CONTACT_PATH))}">اتصل بنا</a></li>')
    return f"""<header id="masthead" class="site-header" itemscope itemtype="https://schema.org/WPHeader">
<div class="ast-above-header-bar">
<div class="header-widget-area"><div class="ast-header-date"><span class="date-time">{esc(header_clock(ctx.now))}</span></div></div>
<div class="ast-header-search">
<a href="#" class="search-toggle ast-search-menu-icon" aria-label="Search icon link">
<span class="screen-reader-text">Search</span>
<svg class="ast-icon" width="16" height="16" aria-hidden="true" viewBox="0 0 16 16"><circle cx="7" cy="7" r="5"/></svg>
</a>
<div class="ast-search-box full-screen" id="ast-seach-full-screen-form">
<span id="close" class="close" tabindex="3"><button type="button" class="close-search"><span class="screen-reader-text">Close this search box.</span></button></span>
<form role="search" method="get" class="search-form" action="{esc(ctx.url("/"))}">
<label><span class="screen-reader-text">البحث عن:</span>
<input type="search" class="search-field" placeholder="اكتب كلمة البحث …" value="" name="s"></label>
<button type="submit" class="search-submit" value="بحث">بحث</button>
</form>
</div>
</div>
</div>
<div class="ast-main-header-wrap">
<div class="site-branding">
<p class="site-title" itemprop="name"><a href="{esc(ctx.url("/"))}" rel="home">{esc(site.title)}</a></p>
<p class="site-description">{esc(site.tagline)}</p>
</div>
<nav id="primary-site-navigation" class="main-navigation" aria-label="القائمة الرئيسية">
<ul id="primary-menu" class="main-header-menu">
{chr(10).join(nav)}
</ul>
</nav>
</div>
</header>"""


def _sidebar(ctx: Ctx, related: list | None = None) -> str:
    site = ctx.site
    parts = ['<aside id="secondary" class="widget-area secondary" role="complementary">']
    if related:
        items = "".join(
            f'<li><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a></li>' for a in related
        )
        parts.append(
            '<section class="widget widget_related_posts"><h2 class="widget-title">أخبار ذات صلة</h2>'
            f"<ul>{items}</ul></section>"
        )
    popular = "".join(
        f'<li><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a>'
        f' <span class="post-date">{esc(human_date(a.published))}</span></li>'
        for a in most_read(site)
    )
    parts.append(
        '<section class="widget widget_popular_posts"><h2 class="widget-title">الأكثر قراءة</h2>'
        f"<ol>{popular}</ol></section>"
    )
    cats = "".join(
        f'<li class="cat-item"><a href="{esc(ctx.url(section_path(site, s.slug)))}">{esc(s.name)}</a></li>'
        for s in site.sections
    )
    parts.append(f'<section class="widget widget_categories"><h2 class="widget-title">الأقسام</h2><ul>{cats}</ul></section>')
    tags = " ".join(
        f'<a href="{esc(ctx.url(tag_path(site, t)))}" class="tag-cloud-link">{esc(t)}</a>'
        for t in site.all_tags()
    )
    parts.append(f'<section class="widget widget_tag_cloud"><h2 class="widget-title">الوسوم</h2><div class="tagcloud">{tags}</div></section>')
    parts.append("</aside>")
    return "\n".join(parts)


def _footer(ctx: Ctx) -> str:
    site = ctx.site
    private = disallowed_paths(site)[0]
    return f"""<footer id="colophon" class="site-footer" itemscope itemtype="https://schema.org/WPFooter">
<div class="footer-widgets">
<ul class="footer-menu">
<li><a href="{esc(ctx.url(ABOUT_PATH))}">من نحن</a></li>
<li><a href="{esc(ctx.url(CONTACT_PATH))}">اتصل بنا</a></li>
<li><a href="{esc(ctx.url(FEED_PATH))}">الخلاصة RSS</a></li>
<li><a href="{esc(ctx.url(private))}">بوابة المحررين</a></li>
</ul>
</div>
<div class="ast-small-footer"><p>حقوق النشر © {ctx.now.year} {esc(site.title)} – جميع الحقوق محفوظة. | مدعوم بواسطة ووردبريس</p></div>
</footer>
<div id="ast-scroll-top" class="ast-scroll-top-icon" aria-label="العودة إلى الأعلى"><span class="screen-reader-text">Scroll to Top</span></div>"""


def _page(ctx: Ctx, head: str, body_class: str, main: str, related: list | None = None) -> str:
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="{esc(ctx.site.language)}">
<head>
{head}
</head>
<body class="rtl {body_class} ast-right-sidebar">
<div id="page" class="hfeed site">
{_header(ctx)}
<div id="content" class="site-content">
<div class="ast-container">
<div id="primary" class="content-area primary">
<main id="main" class="site-main">
{main}
</main>
</div>
{_sidebar(ctx, related)}
</div>
</div>
{_footer(ctx)}
</div>
</body>
</html>
"""


def _breadcrumbs(ctx: Ctx, trail: list[tuple[str, str | None]]) -> str:
    items = [f'<span><a href="{esc(ctx.url("/"))}">الرئيسية</a></span>']
    for label, path in trail:
        if path:
            items.append(f'<span><a href="{esc(ctx.url(path))}">{esc(label)}</a></span>')
        else:
            items.append(f'<span class="breadcrumb_last" aria-current="page">{esc(label)}</span>')
    return '<nav class="yoast-breadcrumbs" aria-label="breadcrumbs"><p>' + " » ".join(items) + "</p></nav>"


def _card(ctx: Ctx, a) -> str:
    site = ctx.site
    url = ctx.url(article_path(site, a))
    return f"""<article class="post type-post ast-article-post">
<div class="post-thumb"><a href="{esc(url)}"><img src="{esc(ctx.url(image_path(site, a)))}" alt="" width="160" height="90" loading="lazy"></a></div>
<h2 class="entry-title"><a href="{esc(url)}" rel="bookmark">{esc(a.title)}</a></h2>
<div class="entry-meta"><span class="posted-on">{esc(human_date(a.published))}</span> / <span class="cat-links"><a href="{esc(ctx.url(section_path(site, a.section)))}">{esc(site.section(a.section).name)}</a></span></div>
<div class="entry-content"><p>{esc(a.description)}</p><a class="read-more" href="{esc(url)}">اقرأ المزيد »</a></div>
</article>"""


# --- pages -------------------------------------------------------------------------------

def render_article(ctx: Ctx, article) -> Response:
    site = ctx.site
    path = article_path(site, article)
    url = ctx.url(path)
    image = ctx.url(image_path(site, article))
    section = site.section(article.section)
    related = related_articles(site, article, 4)
    sidebar_related = related_articles(site, article, 8)[4:] or related[:3]

    meta = [
        f'<meta property="article:publisher" content="{esc(ctx.url("/"))}">',
        f'<meta property="article:published_time" content="{esc(article.date_published)}">',
        f'<meta property="article:modified_time" content="{esc(article.date_modified)}">',
        f'<meta property="article:section" content="{esc(section.name)}">',
    ]
    meta += [f'<meta property="article:tag" content="{esc(t)}">' for t in article.tags]
    meta += [
        f'<meta name="author" content="{esc(", ".join(article.authors))}">',
        '<meta name="twitter:card" content="summary_large_image">',
        '<meta name="twitter:label1" content="كُتب بواسطة">',
        f'<meta name="twitter:data1" content="{esc(", ".join(article.authors))}">',
    ]
    org_id = ctx.url("/#organization")
    authors_ld = [{"name": n, "@id": _person_id(ctx, n)} for n in article.authors]
    schema = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "@id": url + "#article",
                "isPartOf": {"@id": url},
                "author": authors_ld[0] if len(authors_ld) == 1 else authors_ld,
                "headline": article.title,
                "datePublished": article.date_published,
                "dateModified": article.date_modified,
                "mainEntityOfPage": {"@id": url},
                "wordCount": len(article.body_text().split()),
                "publisher": {"@id": org_id},
                "image": {"@id": url + "#primaryimage"},
                "thumbnailUrl": image,
                "keywords": list(article.tags),
                "articleSection": [section.name],
                "inLanguage": site.language,
            },
            {
                "@type": "WebPage",
                "@id": url,
                "url": url,
                "name": f"{article.title} – {site.title}",
                "isPartOf": {"@id": ctx.url("/#website")},
                "primaryImageOfPage": {"@id": url + "#primaryimage"},
                "image": {"@id": url + "#primaryimage"},
                "thumbnailUrl": image,
                "datePublished": article.date_published,
                "dateModified": article.date_modified,
                "description": article.description,
                "breadcrumb": {"@id": url + "#breadcrumb"},
                "inLanguage": site.language,
                "potentialAction": [{"@type": "ReadAction", "target": [url]}],
            },
            {
                "@type": "ImageObject",
                "inLanguage": site.language,
                "@id": url + "#primaryimage",
                "url": image,
                "contentUrl": image,
                "width": 160,
                "height": 90,
            },
            {
                "@type": "BreadcrumbList",
                "@id": url + "#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "الرئيسية", "item": ctx.url("/")},
                    {"@type": "ListItem", "position": 2, "name": section.name,
                     "item": ctx.url(section_path(site, section.slug))},
                    {"@type": "ListItem", "position": 3, "name": article.title},
                ],
            },
            {
                "@type": "WebSite",
                "@id": ctx.url("/#website"),
                "url": ctx.url("/"),
                "name": site.title,
                "description": site.tagline,
                "publisher": {"@id": org_id},
                "inLanguage": site.language,
            },
            {
                "@type": "Organization",
                "@id": org_id,
                "name": site.title,
                "url": ctx.url("/"),
                "logo": {"@type": "ImageObject", "url": ctx.url(LOGO_PATH), "contentUrl": ctx.url(LOGO_PATH)},
            },
            *[{"@type": "Person", "@id": a["@id"], "name": a["name"]} for a in authors_ld],
        ],
    }
    head = _head(ctx, article.title, article.description, url, "article", image, "\n".join(meta), schema)

    body = [f"<p><strong>{esc(article.title)}</strong></p>"]
    if article.byline:
        body.append(f"<p><strong>{esc(article.byline)}</strong></p>")
    for kind, text in article.blocks:
        if kind == "p":
            body.append(f"<p>{esc(text)}</p>")
        else:
            body.append(f'<{kind} class="wp-block-heading">{esc(text)}</{kind}>')

    share_url = quote(url, safe="")
    tags_html = "، ".join(
        f'<a href="{esc(ctx.url(tag_path(site, t)))}" rel="tag">{esc(t)}</a>' for t in article.tags
    )
    related_html = "".join(
        f'<li class="related-post"><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a>'
        f' <span class="related-date">{esc(human_date(a.published))}</span></li>'
        for a in related
    )
    authors_html = " و ".join(
        f'<span class="author vcard"><span class="fn n" itemprop="name">{esc(n)}</span></span>' for n in article.authors
    )
    updated = ""
    if human_date(article.modified) != human_date(article.published):
        updated = (f' <span class="updated-on">(آخر تحديث: <time class="updated" datetime="{esc(article.date_modified)}">'
                   f"{esc(human_date(article.modified))}</time>)</span>")
    main = f"""{_breadcrumbs(ctx, [(section.name, section_path(site, section.slug)), (article.title, None)])}
<article id="post-{article.article_id}" class="post-{article.article_id} post type-post status-publish format-standard has-post-thumbnail category-{esc(section.slug)} ast-article-single" itemscope itemtype="https://schema.org/CreativeWork">
<header class="entry-header">
<h1 class="entry-title" itemprop="headline">{esc(article.title)}</h1>
<div class="entry-meta">
<span class="posted-on"><time class="entry-date published" datetime="{esc(article.date_published)}">{esc(human_date(article.published))}</time>{updated}</span>
/ <span class="byline">بواسطة {authors_html}</span>
/ <span class="cat-links"><a href="{esc(ctx.url(section_path(site, section.slug)))}" rel="category tag">{esc(section.name)}</a></span>
</div>
</header>
<div class="post-thumb-img-content post-thumb"><img width="160" height="90" src="{esc(image)}" class="attachment-large wp-post-image" alt="" decoding="async"></div>
<div class="entry-content clear" itemprop="text">
{chr(10).join(body)}
</div>
<div class="ast-share-buttons">
<span class="share-title">شارك الخبر:</span>
<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={share_url}" target="_blank" rel="noopener">فيسبوك</a>
<a class="share-twitter" href="https://twitter.com/intent/tweet?url={share_url}" target="_blank" rel="noopener">تويتر</a>
<a class="share-whatsapp" href="https://api.whatsapp.com/send?text={share_url}" target="_blank" rel="noopener">واتساب</a>
</div>
<footer class="entry-footer"><span class="tags-links">الوسوم: {tags_html}</span></footer>
</article>
<nav class="navigation post-navigation" aria-label="المقالات"><a href="{esc(ctx.url(section_path(site, section.slug)))}">المزيد من {esc(section.name)} »</a></nav>
<div class="ast-single-related-posts-container">
<div class="ast-related-posts-title-section"><h2 class="ast-related-posts-title">أخبار ذات صلة</h2></div>
<ul class="ast-related-posts-wrapper">{related_html}</ul>
</div>"""
    return html_response(_page(ctx, head, "post-template-default single single-post single-format-standard", main, sidebar_related))


def _listing_page(ctx: Ctx, title: str, description: str, path: str, heading: str,
                  articles: list, pagination: str = "", body_class: str = "archive",
                  trail: list | None = None) -> Response:
    site = ctx.site
    url = ctx.url(path)
    schema = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "CollectionPage", "@id": url, "url": url, "name": f"{title} – {site.title}",
             "isPartOf": {"@id": ctx.url("/#website")}, "inLanguage": site.language},
            {"@type": "WebSite", "@id": ctx.url("/#website"), "url": ctx.url("/"), "name": site.title,
             "inLanguage": site.language},
        ],
    }
    head = _head(ctx, title, description, url, "website", ctx.url(LOGO_PATH), schema=schema)
    cards = "\n".join(_card(ctx, a) for a in articles)
    crumbs = _breadcrumbs(ctx, trail) if trail else ""
    main = f"""{crumbs}
<section class="ast-archive-description"><h1 class="page-title ast-archive-title">{esc(heading)}</h1></section>
<div class="ast-row">
{cards}
</div>
{pagination}"""
    return html_response(_page(ctx, head, body_class, main))


def render_home(ctx: Ctx) -> Response:
    site = ctx.site
    articles = site.articles
    latest = articles[:10]
    blocks = []
    for s in site.sections:
        items = [a for a in articles if a.section == s.slug][:3]
        lis = "".join(
            f'<li><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a></li>' for a in items
        )
        blocks.append(
            f'<section class="home-section"><h2 class="section-title"><a href="{esc(ctx.url(section_path(site, s.slug)))}">'
            f"{esc(s.name)}</a></h2><ul>{lis}</ul>"
            f'<a class="more" href="{esc(ctx.url(section_path(site, s.slug)))}">المزيد</a></section>'
        )
    pagination = "\n".join(blocks)
    return _listing_page(ctx, site.title, site.tagline, "/", "آخر الأخبار", latest, pagination, "home blog")


def _pagination(ctx: Ctx, slug: str, page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    site = ctx.site
    links = []
    if page > 1:
        links.append(f'<a class="prev page-numbers" href="{esc(ctx.url(section_path(site, slug, page - 1)))}">« السابق</a>')
    for p in range(1, pages + 1):
        if p == page:
            links.append(f'<span aria-current="page" class="page-numbers current">{p}</span>')
        else:
            links.append(f'<a class="page-numbers" href="{esc(ctx.url(section_path(site, slug, p)))}">{p}</a>')
    if page < pages:
        links.append(f'<a class="next page-numbers" href="{esc(ctx.url(section_path(site, slug, page + 1)))}">التالي »</a>')
    return '<nav class="navigation pagination" aria-label="التصفح"><div class="nav-links">' + "\n".join(links) + "</div></nav>"


def render_section(ctx: Ctx, section, page: int) -> Response:
    site = ctx.site
    chunk, pages = section_page(site, section.slug, page, PER_PAGE)
    title = section.name if page == 1 else f"{section.name} – الصفحة {page} من {pages}"
    return _listing_page(
        ctx, title, f"أحدث أخبار {section.name}", section_path(site, section.slug, page),
        f"الأرشيف: {section.name}", chunk, _pagination(ctx, section.slug, page, pages),
        f"archive category category-{section.slug}", [(section.name, None)],
    )


def render_tag(ctx: Ctx, tag: str) -> Response:
    site = ctx.site
    items = [a for a in site.articles if tag in a.tags]
    return _listing_page(
        ctx, tag, f"كل ما نشر عن {tag}", tag_path(site, tag), f"الوسم: {tag}", items,
        body_class="archive tag", trail=[(tag, None)],
    )


def _static(ctx: Ctx, path: str, title: str, paragraphs: list[str], body_class: str) -> Response:
    site = ctx.site
    url = ctx.url(path)
    schema = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "@id": url, "url": url, "name": f"{title} – {site.title}",
                    "inLanguage": site.language}],
    }
    head = _head(ctx, title, paragraphs[0] if paragraphs else title, url, "website", ctx.url(LOGO_PATH), schema=schema)
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = f"""{_breadcrumbs(ctx, [(title, None)])}
<article class="page type-page status-publish">
<header class="entry-header"><h1 class="entry-title">{esc(title)}</h1></header>
<div class="entry-content clear">
{body}
</div>
</article>"""
    return html_response(_page(ctx, head, f"page-template-default page {body_class}", main))


def render_about(ctx: Ctx) -> Response:
    about = ctx.site.pages.get("about", {})
    return _static(ctx, ABOUT_PATH, about.get("title", "من نحن"), about.get("paragraphs", []), "page-about")


def render_contact(ctx: Ctx) -> Response:
    contact = ctx.site.pages.get("contact", {})
    return _static(ctx, CONTACT_PATH, contact.get("title", "اتصل بنا"), contact.get("paragraphs", []), "page-contact")


def render_disallowed(ctx: Ctx) -> Response:
    return _static(
        ctx, ctx.path, "بوابة المحررين",
        ["هذه الصفحة مخصصة لفريق التحرير فقط.", "يرجى تسجيل الدخول للمتابعة."], "private",
    )


def render_not_found(ctx: Ctx) -> Response:
    head = _head(ctx, "الصفحة غير موجودة", "الصفحة غير موجودة", ctx.url(ctx.path), "website", ctx.url(LOGO_PATH))
    main = """<section class="error-404 not-found"><h1 class="page-title">عذراً، هذه الصفحة غير موجودة.</h1>
<p>يبدو أنه لم يتم العثور على شيء في هذا الموقع. جرب البحث أو تصفح الأقسام.</p></section>"""
    resp = html_response(_page(ctx, head, "error404", main), status=404)
    return resp
