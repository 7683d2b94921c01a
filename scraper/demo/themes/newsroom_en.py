"""English news theme: a modern newsroom layout.

The article's text is its standfirst (the description, in the story's header) and its
body. Chrome: cookie-consent banner, header navigation, kicker, "By ..." byline and
dateline, share buttons, a newsletter sign-up box and a "Read more" box inside the story
body, topics, a "Related" list, a reader comments section and a footer.
"""

from __future__ import annotations

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

ARTICLE_PATH_REGEX = r"^/news/[a-z0-9-]+/[a-z0-9-]+-\d+\.html$"
FEED_PATH = "/rss.xml"
FEED_FULL_CONTENT = False
SITEMAP_INDEX_PATH = "/sitemap.xml"
SITEMAP_PATHS = {
    "posts": "/sitemaps/articles.xml",
    "pages": "/sitemaps/pages.xml",
    "news": "/sitemaps/news.xml",
}
ABOUT_PATH = "/about/"
CONTACT_PATH = "/contact/"
LOGO_PATH = "/media/logo.png"
PER_PAGE = 6
SECTION_PATH_RE = r"/news/(?P<slug>[a-z0-9-]+)/(?:page/(?P<page>\d+)/)?"
TAG_PATH_RE = r"/tag/(?P<slug>[^/]+)/"


# --- URLs --------------------------------------------------------------------------------

def article_path(site, article) -> str:
    return f"/news/{article.section}/{article.slug}-{article.article_id}.html"


def published_text(article) -> str:
    """The standfirst, then the body: the story's lead is the journalist's text."""
    return "\n".join(filter(None, [article.description, article.body_text()]))


def section_path(site, slug: str, page: int = 1) -> str:
    return f"/news/{slug}/" if page <= 1 else f"/news/{slug}/page/{page}/"


def tag_path(site, tag: str) -> str:
    return f"/tag/{site.tag_slug(tag)}/"


def image_path(site, article) -> str:
    return article.image or f"/media/images/{article.article_id}.png"


def disallowed_paths(site) -> list[str]:
    return [site.disallowed_prefix.rstrip("/") + "/login/"]


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

def human_date(dt: datetime) -> str:
    return f"{dt.day} {dt:%B %Y}"


def human_datetime(dt: datetime) -> str:
    off = dt.utcoffset()
    if not off:
        zone = "GMT"
    elif off.total_seconds() == 3600:
        zone = "BST"
    else:
        zone = dt.strftime("UTC%z")
    return f"{human_date(dt)}, {dt:%H:%M} {zone}"


# --- skeleton ----------------------------------------------------------------------------

def _head(ctx: Ctx, title: str, description: str, canonical: str, og_type: str, image: str,
          extra_meta: str = "", schema: list | dict | None = None) -> str:
    site = ctx.site
    full_title = f"{title} – {site.title}" if title != site.title else f"{site.title} – {site.tagline}"
    parts = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(full_title)}</title>",
        f'<meta name="description" content="{esc(description)}">',
        f'<link rel="canonical" href="{esc(canonical)}">',
        f'<meta property="og:site_name" content="{esc(site.title)}">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(canonical)}">',
        f'<meta property="og:image" content="{esc(image)}">',
        '<meta property="og:locale" content="en_GB">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{esc(title)}">',
        extra_meta,
        f'<link rel="alternate" type="application/rss+xml" title="{esc(site.title)}" href="{esc(ctx.url(FEED_PATH))}">',
        '<link rel="stylesheet" href="/static/css/newsroom.css">',
    ]
    if schema is not None:
        blocks = schema if isinstance(schema, list) else [schema]
        for block in blocks:
            parts.append(f'<script type="application/ld+json">{json_ld(block)}</script>')
    return "\n".join(p for p in parts if p)


def _header(ctx: Ctx) -> str:
    site = ctx.site
    nav = [f'<li><a href="{esc(ctx.url("/"))}">Home</a></li>']
    nav += [
        f'<li><a href="{esc(ctx.url(section_path(site, s.slug)))}">{esc(s.name)}</a></li>' for s in site.sections
    ]
    return f"""<div id="cookie-consent" class="cookie-banner" role="dialog" aria-live="polite" aria-label="Cookie consent">
<p>We use cookies to keep this site working, to measure how it is used and to personalise the ads you see. You can change your choices at any time.</p>
<div class="cookie-actions"><button type="button" class="btn btn-primary" data-consent="accept">Accept</button>
<button type="button" class="btn btn-link" data-consent="manage">Manage preferences</button></div>
</div>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="site-header">
<div class="topbar"><span class="edition">UK edition</span> <a href="{esc(ctx.url(CONTACT_PATH))}">Contact us</a></div>
<div class="brand"><a href="{esc(ctx.url("/"))}" class="logo"><img src="{esc(ctx.url(LOGO_PATH))}" alt="" width="40" height="40"> {esc(site.title)}</a>
<p class="tagline">{esc(site.tagline)}</p></div>
<nav class="primary-nav" aria-label="Sections"><ul>
{chr(10).join(nav)}
</ul></nav>
</header>"""


def _footer(ctx: Ctx) -> str:
    site = ctx.site
    members = disallowed_paths(site)[0]
    sections = " ".join(
        f'<li><a href="{esc(ctx.url(section_path(site, s.slug)))}">{esc(s.name)}</a></li>' for s in site.sections
    )
    tags = " ".join(
        f'<li><a href="{esc(ctx.url(tag_path(site, t)))}">{esc(t)}</a></li>' for t in site.all_tags()
    )
    return f"""<footer class="site-footer">
<div class="footer-cols">
<div><h4>Sections</h4><ul>{sections}</ul></div>
<div><h4>Topics</h4><ul class="footer-topics">{tags}</ul></div>
<div><h4>{esc(site.title)}</h4><ul>
<li><a href="{esc(ctx.url(ABOUT_PATH))}">About us</a></li>
<li><a href="{esc(ctx.url(CONTACT_PATH))}">Contact</a></li>
<li><a href="{esc(ctx.url(FEED_PATH))}">RSS</a></li>
<li><a href="{esc(ctx.url(members))}">Subscriber login</a></li>
</ul></div>
</div>
<p class="copyright">© {ctx.now.year} {esc(site.title)} Ltd. All rights reserved. Registered in England and Wales.</p>
</footer>"""


def _page(ctx: Ctx, head: str, body_class: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="{esc(ctx.site.language)}">
<head>
{head}
</head>
<body class="{body_class}">
{_header(ctx)}
<main id="main-content" class="container">
{main}
</main>
{_footer(ctx)}
</body>
</html>
"""


def _authors_html(ctx: Ctx, authors: list[str]) -> str:
    names = [f'<a rel="author" class="author-name" href="{esc(ctx.url(ABOUT_PATH))}">{esc(n)}</a>' for n in authors]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _card(ctx: Ctx, a) -> str:
    site = ctx.site
    url = ctx.url(article_path(site, a))
    return f"""<li class="card">
<a href="{esc(url)}"><img src="{esc(ctx.url(image_path(site, a)))}" alt="" width="160" height="90" loading="lazy"></a>
<div class="card-body"><span class="kicker">{esc(site.section(a.section).name)}</span>
<h3 class="card-title"><a href="{esc(url)}">{esc(a.title)}</a></h3>
<p class="card-summary">{esc(a.description)}</p>
<p class="card-meta">By {esc(" and ".join(a.authors))} · <time datetime="{esc(a.date_published)}">{esc(human_date(a.published))}</time></p></div>
</li>"""


# --- pages -------------------------------------------------------------------------------

def render_article(ctx: Ctx, article) -> Response:
    site = ctx.site
    url = ctx.url(article_path(site, article))
    image = ctx.url(image_path(site, article))
    section = site.section(article.section)
    related = related_articles(site, article, 3)
    read_more = [a for a in site.articles if a.slug != article.slug and a not in related][:3]

    meta = [
        f'<meta property="article:published_time" content="{esc(article.date_published)}">',
        f'<meta property="article:modified_time" content="{esc(article.date_modified)}">',
        f'<meta property="article:section" content="{esc(section.name)}">',
    ]
    meta += [f'<meta property="article:tag" content="{esc(t)}">' for t in article.tags]
    meta += [f'<meta property="article:author" content="{esc(n)}">' for n in article.authors]
    meta.append(f'<meta name="author" content="{esc(", ".join(article.authors))}">')
    schema = [
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "url": url,
            "headline": article.title,
            "description": article.description,
            "image": [image],
            "datePublished": article.date_published,
            "dateModified": article.date_modified,
            "author": [{"@type": "Person", "name": n, "url": ctx.url(ABOUT_PATH)} for n in article.authors],
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": site.title,
                "logo": {"@type": "ImageObject", "url": ctx.url(LOGO_PATH)},
            },
            "articleSection": section.name,
            "keywords": ", ".join(article.tags),
            "inLanguage": site.language,
            "isAccessibleForFree": True,
        },
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": ctx.url("/")},
                {"@type": "ListItem", "position": 2, "name": section.name,
                 "item": ctx.url(section_path(site, section.slug))},
            ],
        },
    ]
    head = _head(ctx, article.title, article.description, url, "article", image, "\n".join(meta), schema)

    newsletter = """<aside class="newsletter-signup inline-promo" aria-label="Newsletter">
<h3>Sign up for our morning briefing</h3>
<p>The stories that matter, in your inbox before 7am. Free, every weekday.</p>
<form action="/newsletter/subscribe" method="post"><label for="nl-email">Email address</label>
<input type="email" id="nl-email" name="email" placeholder="you@example.com"><button type="submit">Subscribe</button></form>
<p class="small">By signing up you agree to our privacy notice. You can unsubscribe at any time.</p>
</aside>"""
    read_more_html = '<aside class="read-more" aria-label="Read more"><h4>Read more</h4><ul>' + "".join(
        f'<li><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a></li>' for a in read_more
    ) + "</ul></aside>"
    body: list[str] = []
    n = len(article.blocks)
    for i, (kind, text) in enumerate(article.blocks):
        if kind == "p":
            body.append(f"<p>{esc(text)}</p>")
        else:
            body.append(f"<{kind}>{esc(text)}</{kind}>")
        if i == 1 and n > 3:
            body.append(newsletter)
        if i == 3 and n > 5:
            body.append(read_more_html)
    if n <= 3:
        body.append(newsletter)
    if n <= 5:
        body.append(read_more_html)

    share_url = quote(url, safe="")
    share_title = quote(article.title, safe="")
    share = f"""<div class="share-tools" aria-label="Share this article">
<a class="share share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={share_url}">Share on Facebook</a>
<a class="share share-x" href="https://x.com/intent/post?url={share_url}&amp;text={share_title}">Share on X</a>
<a class="share share-email" href="mailto:?subject={share_title}&amp;body={share_url}">Share by Email</a>
<button type="button" class="share share-print" onclick="window.print()">Print</button>
</div>"""
    updated = ""
    if article.date_modified != article.date_published:
        updated = (f' · Updated <time class="updated" datetime="{esc(article.date_modified)}">'
                   f"{esc(human_datetime(article.modified))}</time>")
    topics = " ".join(
        f'<li><a href="{esc(ctx.url(tag_path(site, t)))}">{esc(t)}</a></li>' for t in article.tags
    )
    related_html = "".join(
        f'<li><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a>'
        f' <time datetime="{esc(a.date_published)}">{esc(human_date(a.published))}</time></li>'
        for a in related
    )
    comments = article.comments
    comments_html = "".join(
        f'<li class="comment" id="comment-{i + 1}"><div class="comment-meta"><span class="comment-author">{esc(c.get("name", "Reader"))}</span>'
        f' <time datetime="{esc(c.get("date", ""))}">{esc(human_date(datetime.fromisoformat(c["date"])) if c.get("date") else "")}</time></div>'
        f'<p class="comment-text">{esc(c.get("text", ""))}</p>'
        f'<a class="comment-reply" href="#respond">Reply</a></li>'
        for i, c in enumerate(comments)
    )
    main = f"""<nav class="breadcrumb" aria-label="Breadcrumb"><a href="{esc(ctx.url("/"))}">Home</a> › <a href="{esc(ctx.url(section_path(site, section.slug)))}">{esc(section.name)}</a></nav>
<article class="story" data-article-id="{article.article_id}">
<header class="story-header">
<p class="kicker"><a href="{esc(ctx.url(section_path(site, section.slug)))}">{esc(section.name)}</a></p>
<h1 class="story-headline">{esc(article.title)}</h1>
<p class="standfirst">{esc(article.description)}</p>
<div class="story-meta">
<p class="byline">By {_authors_html(ctx, article.authors)}</p>
<p class="dateline">Published <time datetime="{esc(article.date_published)}">{esc(human_datetime(article.published))}</time>{updated}</p>
</div>
{share}
</header>
<figure class="lead-image"><img src="{esc(image)}" alt="" width="160" height="90"></figure>
<div class="story-body">
{chr(10).join(body)}
</div>
<footer class="story-footer"><h4>Topics</h4><ul class="topics">{topics}</ul></footer>
</article>
<section class="related-stories" aria-label="Related"><h2>Related</h2><ul>{related_html}</ul></section>
<section id="comments" class="comments-area"><h2>Comments ({len(comments)})</h2>
<ol class="comment-list">{comments_html}</ol>
<div id="respond"><h3>Join the conversation</h3><p>Comments are moderated. Please keep it civil.</p>
<form action="/comments/post" method="post"><textarea name="comment" rows="4"></textarea><button type="submit">Post comment</button></form></div>
</section>"""
    return html_response(_page(ctx, head, "article-page", main))


def _listing(ctx: Ctx, title: str, description: str, path: str, heading: str, items: list,
             extra: str = "", body_class: str = "listing") -> Response:
    site = ctx.site
    url = ctx.url(path)
    schema = {"@context": "https://schema.org", "@type": "CollectionPage", "url": url,
              "name": title, "inLanguage": site.language,
              "isPartOf": {"@type": "WebSite", "name": site.title, "url": ctx.url("/")}}
    head = _head(ctx, title, description, url, "website", ctx.url(LOGO_PATH), schema=schema)
    cards = "\n".join(_card(ctx, a) for a in items)
    popular = "".join(
        f'<li><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a></li>' for a in most_read(site)
    )
    main = f"""<h1 class="page-heading">{esc(heading)}</h1>
<ul class="cards">
{cards}
</ul>
{extra}
<aside class="most-read"><h2>Most read</h2><ol>{popular}</ol></aside>"""
    return html_response(_page(ctx, head, body_class, main))


def render_home(ctx: Ctx) -> Response:
    site = ctx.site
    latest = site.articles[:10]
    sections = []
    for s in site.sections:
        items = [a for a in site.articles if a.section == s.slug][:3]
        lis = "".join(f'<li><a href="{esc(ctx.url(article_path(site, a)))}">{esc(a.title)}</a></li>' for a in items)
        sections.append(
            f'<section class="home-section"><h2><a href="{esc(ctx.url(section_path(site, s.slug)))}">{esc(s.name)}</a></h2>'
            f'<ul>{lis}</ul><a class="more" href="{esc(ctx.url(section_path(site, s.slug)))}">More {esc(s.name)}</a></section>'
        )
    return _listing(ctx, site.title, site.tagline, "/", "Latest news", latest, "\n".join(sections), "home")


def _pagination(ctx: Ctx, slug: str, page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    site = ctx.site
    parts = []
    if page > 1:
        parts.append(f'<a rel="prev" href="{esc(ctx.url(section_path(site, slug, page - 1)))}">Previous</a>')
    for p in range(1, pages + 1):
        if p == page:
            parts.append(f'<span class="current" aria-current="page">{p}</span>')
        else:
            parts.append(f'<a href="{esc(ctx.url(section_path(site, slug, p)))}">{p}</a>')
    if page < pages:
        parts.append(f'<a rel="next" href="{esc(ctx.url(section_path(site, slug, page + 1)))}">Next</a>')
    return '<nav class="pagination" aria-label="Pages">' + " ".join(parts) + "</nav>"


def render_section(ctx: Ctx, section, page: int) -> Response:
    site = ctx.site
    chunk, pages = section_page(site, section.slug, page, PER_PAGE)
    title = section.name if page == 1 else f"{section.name} – page {page}"
    return _listing(ctx, title, f"The latest {section.name.lower()} news and analysis.",
                    section_path(site, section.slug, page), section.name, chunk,
                    _pagination(ctx, section.slug, page, pages), f"section section-{section.slug}")


def render_tag(ctx: Ctx, tag: str) -> Response:
    site = ctx.site
    items = [a for a in site.articles if tag in a.tags]
    return _listing(ctx, tag, f"Everything we have published about {tag}.", tag_path(site, tag),
                    f"Topic: {tag}", items, body_class="topic")


def _static(ctx: Ctx, path: str, title: str, paragraphs: list[str]) -> Response:
    url = ctx.url(path)
    head = _head(ctx, title, paragraphs[0] if paragraphs else title, url, "website", ctx.url(LOGO_PATH),
                 schema={"@context": "https://schema.org", "@type": "WebPage", "url": url, "name": title})
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = f"""<article class="static-page"><h1>{esc(title)}</h1>
{body}
</article>"""
    return html_response(_page(ctx, head, "static", main))


def render_about(ctx: Ctx) -> Response:
    about = ctx.site.pages.get("about", {})
    return _static(ctx, ABOUT_PATH, about.get("title", "About us"), about.get("paragraphs", []))


def render_contact(ctx: Ctx) -> Response:
    contact = ctx.site.pages.get("contact", {})
    return _static(ctx, CONTACT_PATH, contact.get("title", "Contact"), contact.get("paragraphs", []))


def render_disallowed(ctx: Ctx) -> Response:
    return _static(ctx, ctx.path, "Subscriber login",
                   ["Sign in to manage your subscription.", "This area is for subscribers only."])


def render_not_found(ctx: Ctx) -> Response:
    head = _head(ctx, "Page not found", "Page not found", ctx.url(ctx.path), "website", ctx.url(LOGO_PATH))
    main = """<section class="not-found"><h1>Sorry, we can't find that page</h1>
<p>It may have been moved or deleted. Try the sections above.</p></section>"""
    return html_response(_page(ctx, head, "error-404", main), status=404)
