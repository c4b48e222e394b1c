"""The bench's comment threads, in the throwaway database named by DATABASE_URL.

Run by the harness in a child process with bench.bench_env(), after the
articles are built:

    python -m bench.comments build              # four articles: 0, 20, 200, 500 approved comments
    python -m bench.comments verify --marker M  # comments whose text contains M, by status

`build` takes four generated articles made from the same demo article (same
body, hero image, categories and tags: only the title's number differs) and
gives them 0, 20, 200 and 500 approved comments: threaded up to the site's
reply depth (about 45 % are replies), realistic lengths (a line to several
paragraphs, median about 400 characters), some with a link or a website,
some team replies, written over the weeks after the article. The 200- and
500-comment threads also hold a few pending and spam comments, which must
not show. Comments are bulk-inserted (no per-comment signals), then each
thread's cached HTML is invalidated as a save would.

The last line printed is a JSON manifest:
    {"urls": {"comments_0": ..., ...}, "pages": {"comments_0": page id, ...},
     "approved": {...}, "post": {"page_id", "url", "emails", "parents"},
     "form_min_seconds": n, "seconds": s}
`post` is what the comment-POST load needs: the article to post on (the
20-comment one, so the 0/200 pair measured for reading is left alone),
addresses that already have an approved comment (so, under the default
rules, new comments from them are published at once, as from returning
readers) and approved comment ids to reply to.
"""

import argparse
import datetime
import json
import random
import sys
import time

from bench.data import setup_django

SIZES = {"comments_0": 0, "comments_20": 20, "comments_200": 200, "comments_500": 500}
HELD = {"comments_200": 6, "comments_500": 15}  # pending and spam, never shown
TEMPLATE_SLUG = "muscle-knots-trigger-points"  # the demo article the four are made from
SEED = 20260109

FIRST_NAMES = [
    "Aisha", "Ben", "Carmen", "Dev", "Elin", "Farah", "Gareth", "Hana", "Ines", "Jonah", "Kasia", "Liam",
    "Maya", "Niamh", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tomasz", "Uma", "Viktor", "Wren", "Yusuf", "Zoe",
]  # fmt: skip
SURNAMES = ["Abbott", "Byrne", "Chen", "Diaz", "Evans", "Fischer", "Gupta", "Hughes", "Ito", "Jensen", "Khan", "Lopez", "Murphy", "Novak", "Okafor", "Patel"]

OPENERS = [
    "Thank you for writing this.",
    "This is exactly what I needed to read today.",
    "I've had fibro for eleven years and this is one of the clearest explanations I've seen.",
    "Saving this to show my GP.",
    "Reading this from bed on a bad day, so apologies for typos.",
    "My physio said almost the same thing last month.",
    "I'm newly diagnosed and still trying to make sense of it all.",
    "Such a helpful article, as always.",
]
SENTENCES = [
    "The knots in my shoulders are worst in the morning and ease a little by lunchtime.",
    "Heat helps me more than anything else, especially a wheat bag in the evening.",
    "I tried a tennis ball against the wall like you describe and it made a real difference after a week or so.",
    "Pacing has been the hardest thing to learn because on good days I want to do everything at once.",
    "My sleep tracker says I sleep eight hours but I never wake up feeling rested.",
    "The brain fog is honestly harder for me than the pain some weeks.",
    "I keep a simple diary now: sleep, pain out of ten, what I did, and it has helped me spot patterns.",
    "Gentle stretching in the shower works for me when everything is stiff.",
    "It took four years and three specialists before anyone took my symptoms seriously.",
    "I've found that cold weather makes the trigger points flare almost overnight.",
    "Magnesium seemed to help with the cramps, though I know the evidence is mixed.",
    "Does anyone else find that stress makes the muscle pain worse within a day or two?",
    "I work part time now and plan my week around the days I know will be heavy.",
    "Hydration is something I always forget until the cramps remind me.",
    "My rheumatologist suggested a graded walking plan and I'm up to fifteen minutes most days.",
    "Spoon theory changed how I explain this to my family.",
    "I've started saying no to things without apologising, which was a big step for me.",
    "The part about central sensitisation finally made it click why light touch can hurt.",
    "Some days I can't lift the kettle, other days I feel almost normal, and that unpredictability is exhausting.",
    "A warm bath with Epsom salts before bed is the one ritual I never skip.",
    "I found a local support group through this site and it has been wonderful to talk to people who get it.",
    "Massage helps but I have to ask for a much lighter pressure than most therapists expect.",
    "My employer agreed to a sit-stand desk and regular breaks after an occupational health referral.",
    "I wish more doctors read articles like this before dismissing patients.",
]
QUESTIONS = [
    "Has anyone tried acupuncture for the knots?",
    "How long did it take before pacing started to feel natural for you?",
    "Do you have any tips for explaining this at work?",
    "Would you consider writing about flares next?",
    "Is there a particular stretch you'd recommend for the upper back?",
]
REPLIES = [
    "Same here, you're not alone.",
    "Thank you, that's really kind.",
    "I had exactly the same experience with my GP.",
    "Have you tried a heated throw? It was a game changer for me.",
    "Sending gentle hugs.",
    "That's a great tip, I'm going to try it tonight.",
    "Yes! The weather thing is so real.",
]
LINKS = ["https://www.nhs.uk/conditions/fibromyalgia/", "https://www.versusarthritis.org/about-arthritis/conditions/fibromyalgia/", "https://www.fmauk.org/"]
WEBSITES = ["https://spoonie-notes.example.org/", "https://www.slowliving.example.com/blog", "https://chronicallyme.example.net/"]


def readers(count=60):
    """Stable names and addresses for the bench's commenters."""
    people = []
    for n in range(count):
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], SURNAMES[(n * 7) % len(SURNAMES)]
        people.append((f"{first} {last[0]}." if n % 3 else f"{first} {last}", f"{first.lower()}.{last.lower()}.{n}@example.org"))
    return people


def comment_text(rng, reply=False):
    """A line to several paragraphs, like real comments under a health article."""
    roll = rng.random()
    if reply and roll < 0.35:
        return rng.choice(REPLIES)
    if roll < 0.2:
        sentences = 1 + rng.randrange(2)
    elif roll < 0.7:
        sentences = 3 + rng.randrange(3)
    elif roll < 0.95:
        sentences = 6 + rng.randrange(6)
    else:
        sentences = 14 + rng.randrange(10)
    parts = [rng.choice(OPENERS)] if not reply and rng.random() < 0.6 else []
    parts += rng.sample(SENTENCES, min(sentences, len(SENTENCES)))
    if rng.random() < 0.25:
        parts.append(rng.choice(QUESTIONS))
    if rng.random() < 0.08:
        parts.append(f"This page helped me too: {rng.choice(LINKS)}")
    # Paragraphs of two to four sentences.
    paragraphs, i = [], 0
    while i < len(parts):
        step = 2 + rng.randrange(3)
        paragraphs.append(" ".join(parts[i : i + step]))
        i += step
    return "\n\n".join(paragraphs)


def plan_thread(rng, count, max_depth, start, people):
    """`count` comments as dicts in posting order, each reply pointing at an
    earlier comment (by index) no deeper than the site allows."""
    planned = []
    moment = start
    for n in range(count):
        moment += datetime.timedelta(minutes=rng.randrange(5, 600))
        parent = None
        if planned and rng.random() < 0.45:
            # Replies go mostly to recent comments, as conversations do.
            parent = max(0, len(planned) - 1 - int(rng.expovariate(1 / 8)))
            while parent is not None and planned[parent]["depth"] >= max_depth:
                parent = planned[parent]["parent"]
        depth = 0 if parent is None else planned[parent]["depth"] + 1
        staff = parent is not None and rng.random() < 0.08
        name, email = ("Chronicle team", "team@example.org") if staff else rng.choice(people)
        planned.append(
            {
                "parent": parent,
                "depth": depth,
                "name": name,
                "email": email,
                "url": rng.choice(WEBSITES) if not staff and rng.random() < 0.1 else "",
                "text": comment_text(rng, reply=parent is not None),
                "is_staff_reply": staff,
                "created_at": moment,
            }
        )
    return planned


def insert_thread(page, planned, status="approved"):
    """Bulk-insert a planned thread, one query per depth level. Returns the comments."""
    from community.models import Comment

    objects = [
        Comment(
            page=page, depth=item["depth"], name=item["name"], email=item["email"], url=item["url"], text=item["text"],
            is_staff_reply=item["is_staff_reply"], status=status, created_at=item["created_at"], ip_address="192.0.2.10",
            user_agent="Mozilla/5.0 (bench)",
        )
        for item in planned
    ]  # fmt: skip
    for obj, item in zip(objects, planned):
        if item["parent"] is not None:
            obj.parent = objects[item["parent"]]
    for depth in sorted({item["depth"] for item in planned}):
        Comment.objects.bulk_create([obj for obj, item in zip(objects, planned) if item["depth"] == depth])
    return objects


def comment_articles():
    """Four generated articles made from the same demo article, made
    identical in everything a reader sees but the title's number."""
    from blog.models import ArticlePage

    pages = list(ArticlePage.objects.live().filter(slug__startswith="bench-", slug__endswith=f"-{TEMPLATE_SLUG}").order_by("path")[: len(SIZES)])
    if len(pages) < len(SIZES):
        raise SystemExit(f"bench.comments needs {len(SIZES)} generated articles made from {TEMPLATE_SLUG}; build more articles first")
    first = pages[0]
    categories = list(first.categories.all())
    tags = [tag.name for tag in first.tags.all()]
    for page in pages[1:]:
        page.hero_image_id = first.hero_image_id
        page.categories = categories
        page.tags.set(tags)
        page.save()
    return dict(zip(SIZES, pages))


def build():
    from django.core.cache import cache
    from django.db import transaction

    from community.forms import CommentForm
    from community.models import Comment, CommentSettings
    from community.moderation import bump_thread_version

    started = time.monotonic()
    rng = random.Random(SEED)
    people = readers()
    with transaction.atomic():
        articles = comment_articles()
        if Comment.objects.filter(page__in=articles.values()).exists():
            raise SystemExit("bench.comments build has already run on this database")
        rules = CommentSettings.for_site(next(iter(articles.values())).get_site())
        approved = {}
        for name, page in articles.items():
            start = datetime.datetime.combine(page.date, datetime.time(10, 0), tzinfo=datetime.timezone.utc)
            planned = plan_thread(rng, SIZES[name], rules.max_depth, start, people)
            comments = insert_thread(page, planned)
            approved[name] = len(comments)
            held = HELD.get(name, 0)
            if held:
                extra = plan_thread(rng, held, 0, start, people)
                insert_thread(page, extra[: held // 2], status="pending")
                insert_thread(page, extra[held // 2 :], status="spam")
    for page in articles.values():
        bump_thread_version(page.pk)
    cache.clear()  # this process only; the server's workers start with empty local caches

    target = articles["comments_20"]
    posters = list(
        Comment.objects.approved().filter(page=target, is_staff_reply=False).order_by("email").values_list("email", flat=True).distinct()
    )
    parents = list(Comment.objects.approved().filter(page=target, depth__lt=rules.max_depth).order_by("pk").values_list("pk", flat=True))
    return {
        "urls": {name: page.url for name, page in articles.items()},
        "pages": {name: page.pk for name, page in articles.items()},
        "approved": approved,
        "held": HELD,
        "bytes_of_text": {name: sum(len(c.text) for c in Comment.objects.approved().filter(page=page).only("text")) for name, page in articles.items()},
        "post": {"page_id": target.pk, "url": target.url, "emails": posters, "parents": parents},
        "form_min_seconds": CommentForm.min_seconds,
        "seconds": round(time.monotonic() - started, 2),
    }


def verify(marker):
    """What the comment-POST load left in the database."""
    from django.db.models import Count

    from community.models import Comment

    rows = Comment.objects.filter(text__contains=marker).values("status").annotate(n=Count("id"))
    by_status = {row["status"]: row["n"] for row in rows}
    return {"marker": marker, "total": sum(by_status.values()), "by_status": by_status}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.comments", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="four articles with 0, 20, 200 and 500 approved comments")
    verify_parser = sub.add_parser("verify", help="count the comments the POST load saved")
    verify_parser.add_argument("--marker", required=True)
    args = parser.parse_args(argv)

    setup_django()
    print(json.dumps(build() if args.command == "build" else verify(args.marker)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
