"""The Django side of the newsletter bench (bench/newsletter.py), run by the
harness in child processes with bench.bench_env(), against the bench's
throwaway database. Each command prints one JSON line last.

    python -m bench.newsletter_child setup                    # home page, blog index, site
    python -m bench.newsletter_child subscribers --count N    # top up to N confirmed subscribers
    python -m bench.newsletter_child publish --number K       # publish an article: its edition is queued
    python -m bench.newsletter_child baseline --edition E --port P  # (serve: baseline_open, then baseline_close)
    python -m bench.newsletter_child verify --edition E
    python -m bench.newsletter_child serve                    # all of the above, one JSON command per line

`serve` is what the harness uses: one Django process answers every command
of the run (a start-up per step would cost more than the steps), writing
nothing to stdout but its answers ({"ready": true} first, then one line per
command: the result, or {"error": traceback}). It closes its database
connection after each command, so it holds none while the worker runs.
"""

import argparse
import json
import os
import smtplib
import sys
import time
import traceback

DOMAIN = "bench.example"


def address(number):
    """The bench's subscriber number `number` (the harness builds the same
    list to check what the mail server received)."""
    return f"reader{number:06d}@{DOMAIN}"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings.production")
    import django

    django.setup()


def setup():
    """The site the emails speak for: the demo's home page and blog index
    (no demo articles: publishing them would queue editions of their own)."""
    from blog import demo_content
    from blog.demo import DemoLoader
    from blog.models import BlogIndexPage
    from newsletter import conf

    loader = DemoLoader()
    home = loader.home_page()
    blog = loader.child(home, BlogIndexPage, "blog", title="Articles", intro=demo_content.BLOG_INTRO, show_in_menus=True)
    return {"home": home.pk, "blog": blog.pk, "site_url": home.get_site().root_url, "batch_size": conf.get("NEWSLETTER_BATCH_SIZE")}


def subscribers(count):
    """Top the bench's confirmed subscribers up to `count` (bulk_create)."""
    from django.utils import timezone

    from newsletter.models import Subscriber

    started = time.monotonic()
    existing = Subscriber.objects.filter(email__endswith="@" + DOMAIN).count()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=address(number),
                status=Subscriber.Status.CONFIRMED,
                source=Subscriber.Source.IMPORT,
                consent_text="Bench subscriber.",
                consented_at=now,
                confirmed_at=now,
            )
            for number in range(existing, count)
        ),
        batch_size=1000,
    )
    return {"subscribers": Subscriber.objects.confirmed().count(), "added": max(0, count - existing), "seconds": round(time.monotonic() - started, 2)}


def publish(number):
    """Publish a new article as an editor does (a revision, published):
    Wagtail's page_published signal makes its edition and queues
    prepare_edition for the worker."""
    from blog import demo_content
    from blog.models import BlogIndexPage
    from django_tasks_db.models import DBTaskResult
    from newsletter.models import Edition

    template = demo_content.ARTICLES[number % len(demo_content.ARTICLES)]
    blog = BlogIndexPage.objects.get(slug="blog")
    from blog.models import ArticlePage

    page = ArticlePage(
        title=f"{template['title']} (newsletter bench {number})",
        slug=f"newsletter-bench-{number}",
        intro=template["intro"],
        body=template["body"],
        live=False,
    )
    blog.add_child(instance=page)
    page.save_revision().publish()
    edition = Edition.objects.get(page=page)
    queued = [t for t in DBTaskResult.objects.filter(task_path="newsletter.tasks.prepare_edition", status="READY") if _args(t) == [edition.pk]]
    if edition.status != Edition.Status.QUEUED or not queued:
        raise SystemExit(f"publishing did not queue the edition (status {edition.status}, {len(queued)} prepare tasks)")
    return {"edition": edition.pk, "page": page.pk, "subject": edition.subject}


def _args(task_result):
    return (task_result.args_kwargs or {}).get("args")


_OPEN = {}  # the baseline held open across a fan-out (serve only)


def baseline_open(edition_id, port):
    """The baseline, first half: the edition's messages built in advance by
    the product's own function (emails.for_edition(...).smtp_message), one
    SMTP connection opened with plain smtplib, and the first half of the
    messages sent over it. The connection stays open (idle) while the
    harness runs the fan-out; baseline_close() sends the rest over it. Only
    the sending is timed (connect, EHLO, messages, QUIT), so a drift in the
    machine's load during the round weighs on both sides alike."""
    from django.core.mail.utils import DNS_NAME

    from newsletter import emails
    from newsletter.claims import _Recipient
    from newsletter.editions import recipients_for
    from newsletter.models import Edition

    if _OPEN:
        raise RuntimeError("a baseline is open already")
    edition = Edition.objects.get(pk=edition_id)
    started = time.perf_counter()
    rendered = emails.for_edition(edition)
    recipients = [_Recipient(pk, email) for pk, email in recipients_for(edition).order_by("pk").values_list("pk", "email")]
    messages = [rendered.smtp_message(recipient) for recipient in recipients]
    build_seconds = time.perf_counter() - started
    local_hostname = DNS_NAME.get_fqdn()  # what Django's SMTP backend says in EHLO, looked up before timing

    half = len(messages) // 2
    started = time.perf_counter()
    server = smtplib.SMTP("127.0.0.1", port, local_hostname=local_hostname, timeout=60)
    for from_address, to, data in messages[:half]:
        server.sendmail(from_address, to, data)
    seconds = time.perf_counter() - started
    _OPEN.update(server=server, rest=messages[half:], seconds=seconds)
    return {
        "client_port": server.sock.getsockname()[1],
        "messages": len(messages),
        "first_half_seconds": round(seconds, 4),
        "build_seconds": round(build_seconds, 3),
        "bytes": sum(len(data) for _, _, data in messages),
    }


def baseline_close():
    """The baseline, second half (see baseline_open)."""
    server, rest, first = _OPEN.pop("server"), _OPEN.pop("rest"), _OPEN.pop("seconds")
    started = time.perf_counter()
    for from_address, to, data in rest:
        server.sendmail(from_address, to, data)
    server.quit()
    second = time.perf_counter() - started
    return {"second_half_seconds": round(second, 4), "seconds": round(first + second, 4)}


def baseline(edition_id, port):
    """Both halves at once (for a look by hand)."""
    opened = baseline_open(edition_id, port)
    closed = baseline_close()
    return {**opened, **closed, "emails_per_s": round(opened["messages"] / closed["seconds"], 1)}


def verify(edition_id):
    """The edition's outcome as the product recorded it, and when its tasks
    ran (the worker's own timestamps: worker start-up is not counted)."""
    from django_tasks_db.models import DBTaskResult

    from newsletter.models import Edition

    edition = Edition.objects.get(pk=edition_id)
    paths = ("newsletter.tasks.prepare_edition", "newsletter.tasks.send_edition")
    tasks = [t for t in DBTaskResult.objects.filter(task_path__in=paths).order_by("enqueued_at") if _args(t) == [edition_id]]
    statuses = {}
    for t in tasks:
        statuses[t.status] = statuses.get(t.status, 0) + 1
    prepare = [t for t in tasks if t.task_path == paths[0]]
    send = [t for t in tasks if t.task_path == paths[1]]
    done = [t for t in tasks if t.started_at and t.finished_at]
    window = None
    if prepare and done and len(done) == len(tasks):
        first = min(t.started_at for t in done)
        last = max(t.finished_at for t in done)
        window = (last - first).total_seconds()
    prepare_s = (prepare[0].finished_at - prepare[0].started_at).total_seconds() if prepare and prepare[0].finished_at else None
    send_done = [t for t in send if t.started_at and t.finished_at]
    send_s = (max(t.finished_at for t in send_done) - min(t.started_at for t in send_done)).total_seconds() if send_done else None
    return {
        "status": edition.status,
        "total": edition.total,
        "progress": edition.progress(),
        "tasks": {"prepare_edition": len(prepare), "send_edition": len(send), "by_status": statuses},
        "errors": [f"{t.task_path}: {t.exception_class_path}" for t in tasks if t.status == "FAILED"],
        "window_s": window,
        "prepare_s": prepare_s,
        "send_s": send_s,
        "sent_by_batch": [(t.return_value or {}).get("sent") for t in send],
    }


COMMANDS = {
    "setup": lambda c: setup(),
    "subscribers": lambda c: subscribers(c["count"]),
    "publish": lambda c: publish(c["number"]),
    "baseline": lambda c: baseline(c["edition"], c["port"]),
    "baseline_open": lambda c: baseline_open(c["edition"], c["port"]),
    "baseline_close": lambda c: baseline_close(),
    "verify": lambda c: verify(c["edition"]),
}


def serve():
    """Answer JSON commands ({"command": name, ...arguments}) from stdin."""
    from django.db import connections

    channel = os.fdopen(os.dup(1), "w")  # answers only: anything else printed goes to stderr
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    channel.write(json.dumps({"ready": True}) + "\n")
    channel.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        if command["command"] == "quit":
            break
        started = time.monotonic()
        try:
            answer = {"result": COMMANDS[command["command"]](command), "seconds": round(time.monotonic() - started, 3)}
        except (Exception, SystemExit):  # noqa: BLE001 - the harness reports it
            answer = {"error": traceback.format_exc()}
        finally:
            connections.close_all()
        channel.write(json.dumps(answer, default=str) + "\n")
        channel.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.newsletter_child", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup")
    sub.add_parser("serve")
    p = sub.add_parser("subscribers")
    p.add_argument("--count", type=int, required=True)
    p = sub.add_parser("publish")
    p.add_argument("--number", type=int, required=True)
    p = sub.add_parser("baseline")
    p.add_argument("--edition", type=int, required=True)
    p.add_argument("--port", type=int, required=True)
    p = sub.add_parser("verify")
    p.add_argument("--edition", type=int, required=True)
    args = parser.parse_args(argv)

    setup_django()
    if args.command == "serve":
        return serve()
    result = COMMANDS[args.command](vars(args))
    print(json.dumps(result, default=str))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
