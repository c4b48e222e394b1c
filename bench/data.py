"""The bench's data set, built in the throwaway database named by DATABASE_URL.

Run by the harness in a child process with bench.bench_env():

    python -m bench.data reset             # PostgreSQL only: drop every table
    python -m bench.data build --articles N

`build` is a top-up: the first call loads the demo site (blog.demo: home,
blog index, five real articles with hero images, a series, standard pages,
site settings), then adds "bench" articles until the site has exactly N
live articles. Calling it with 10 and then with 1,000 measures both sizes on
one database. Bench articles reuse the demo articles' bodies, images,
authors and categories (so cards, related articles and the search index
look like the real thing) and are dated before the demo articles, so the
first page of every listing shows the same articles at every size: only the
amount of data behind it changes.

The last line printed is a JSON manifest:
    {"articles": N, "seconds": s, "urls": {"home", "blog_index", "article"}}
"""

import argparse
import datetime
import json
import os
import sys
import time


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings.production")
    import django

    django.setup()


TAG_POOL = 40  # distinct extra tags spread over bench articles


def reset_database():
    """Drop every table of the current database (PostgreSQL), so that
    `migrate` starts from nothing. Refuses a database whose name does not
    say it is a throwaway one."""
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("bench.data reset is for PostgreSQL; the SQLite file is simply deleted")
    name = connection.settings_dict["NAME"] or ""
    if not any(word in name.lower() for word in ("bench", "test", "throwaway")):
        raise SystemExit(
            f"Refusing to wipe database {name!r}: BENCH_DATABASE_URL must name a throwaway database "
            "whose name contains 'bench', 'test' or 'throwaway'."
        )
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    print(json.dumps({"dropped_tables": len(tables)}))


def _bench_article(blog, number, template, images, categories, author, reviewer, when):
    """One published article, created with a single add_child (no revision:
    readers are served the live page row, which is all this needs)."""
    from blog.models import ArticlePage

    moment = datetime.datetime.combine(when, datetime.time(9, 0), tzinfo=datetime.timezone.utc)
    page = ArticlePage(
        title=f"{template['title']} — bench {number}",
        slug=f"bench-{number}-{template['slug']}"[:255],
        intro=template["intro"],
        hero_image=images[number % len(images)] if images else None,
        hero_alt=template["hero_alt"] if images else "",
        body=template["body"],
        date=when,
        last_reviewed=when,
        reviewed_by=reviewer,
        first_published_at=moment,
        last_published_at=moment,
        live=True,
    )
    page.authors = [author] if author else []
    page.categories = [categories[number % len(categories)], categories[(number + 1) % len(categories)]] if categories else []
    page.tags.add(*template.get("tags", [])[:2], f"topic {number % TAG_POOL}")
    blog.add_child(instance=page)
    return page


def build(total):
    """Bring the number of live articles up to `total` (see the module
    docstring). Returns the manifest."""
    from django.db import transaction
    from wagtail.images import get_image_model

    from blog import demo_content
    from blog.demo import DemoLoader
    from blog.models import ArticlePage, BlogIndexPage, HomePage
    from blog.snippets import Author, Category

    started = time.monotonic()
    if not HomePage.objects.exists():
        DemoLoader().load()
    blog = BlogIndexPage.objects.order_by("path").first()
    existing = ArticlePage.objects.count()
    if existing > total:
        raise SystemExit(f"The bench database already has {existing} articles, more than the {total} asked for")

    images = list(get_image_model().objects.order_by("pk"))
    categories = list(Category.objects.order_by("pk"))
    author = Author.objects.filter(slug=demo_content.AUTHOR["slug"]).first() or Author.objects.first()
    reviewer = Author.objects.filter(slug=demo_content.REVIEWER["slug"]).first()
    oldest = ArticlePage.objects.order_by("first_published_at").values_list("first_published_at", flat=True).first()
    start_day = (oldest.date() if oldest else datetime.date.today()) - datetime.timedelta(days=1)
    bench_count = ArticlePage.objects.filter(slug__startswith="bench-").count()

    with transaction.atomic():
        for offset in range(total - existing):
            number = bench_count + offset + 1
            template = demo_content.ARTICLES[number % len(demo_content.ARTICLES)]
            when = start_day - datetime.timedelta(days=number)
            _bench_article(blog, number, template, images, categories, author, reviewer, when)

    # The article measured everywhere: the richest demo article (hero image,
    # series navigation, table of contents, related articles).
    article = (
        ArticlePage.objects.live().exclude(slug__startswith="bench-").filter(series__isnull=False, hero_image__isnull=False).order_by("path").first()
        or ArticlePage.objects.live().order_by("path").first()
    )
    return {
        "articles": ArticlePage.objects.live().count(),
        "added": total - existing,
        "seconds": round(time.monotonic() - started, 2),
        "urls": {"home": "/", "blog_index": blog.get_url(), "article": article.get_url()},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.data", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("reset", help="PostgreSQL: drop every table of the throwaway database")
    build_parser = sub.add_parser("build", help="top the site up to N live articles")
    build_parser.add_argument("--articles", type=int, required=True)
    args = parser.parse_args(argv)

    setup_django()
    if args.command == "reset":
        reset_database()
    else:
        print(json.dumps(build(args.articles)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
