"""The write figures: comment POSTs, Stripe checkouts and Stripe webhooks,
each against a baseline measured by the same client in the same round.

Run from the harness (no Django here). The site is served by a second
gunicorn (same workers, same database) under bench.settings — production
settings with the comment rate limits raised, nothing else — with the
Stripe SDK pointed at the stand-in (StandIn below), which replaces Stripe's
servers: no bench request ever leaves the machine.

Each round runs, in a rotating order and at the same concurrency, bursts of
bench.postload scenarios, each in its own process:
    csrf      GET /csrf/, the baseline (the cheapest request through the same stack)
    comment   accepted comment POSTs
    checkout  add to cart + check out (one Checkout Session on the stand-in each)
    webhook   signed checkout.session.completed events, each sent once
    standin   sessions created on the stand-in directly (how fast Stripe's stand-in is)
Afterwards the database is asked what the load left (bench.comments verify,
bench.shop verify) and the counts are compared with what the clients saw."""

import json
import select
import subprocess
import sys
import time

from bench import OUT_DIR, REPO
from bench.server import stop_group

SCENARIOS = ("csrf", "comment", "checkout", "webhook", "standin")


class StandIn:
    """`python -m bench.shop standin` in its own process group."""

    def __init__(self, env):
        self.env = env
        self.proc = None
        self.url = None

    def start(self, timeout=60):
        log = open(OUT_DIR / "stripe-standin.log", "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.shop", "standin"], cwd=REPO, env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=log, start_new_session=True, text=True,
        )  # fmt: skip
        log.close()
        line = ""
        try:
            ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
            line = self.proc.stdout.readline() if ready else ""  # the stand-in prints its address first
            self.url = json.loads(line)["url"]
        except (ValueError, KeyError, TypeError) as exc:
            self.stop()
            raise RuntimeError(f"the Stripe stand-in did not start (see var/bench/stripe-standin.log): {line!r}") from exc
        return self

    def stop(self):
        stop_group(self.proc)
        self.proc = None


def burst(base_url, scenario, concurrency, duration, options):
    command = [sys.executable, "-m", "bench.postload", scenario, "--base", base_url, "--concurrency", str(concurrency), "--duration", str(duration)]
    for key, value in options.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    out = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=duration + 180)
    if out.returncode != 0:
        return {"scenario": scenario, "failed": f"bench.postload exit {out.returncode}: {out.stderr.strip()[-400:]}", "ok": 0, "rps": 0.0}
    return json.loads(out.stdout.strip().splitlines()[-1])


def plan(comments, shop, standin_url, events_path, marker, webhook_secret, secret_key):
    """The postload options of each scenario."""
    post = comments["post"]
    return {
        "csrf": {},
        "comment": {
            "article": post["url"],
            "post": f"/comments/post/{post['page_id']}/",
            "emails": json.dumps(post["emails"]),
            "parents": json.dumps(post["parents"]),
            "min_wait": comments["form_min_seconds"] + 0.25,
            "marker": marker,
        },
        "checkout": {"product": shop["checkout"]["product"], "variant": shop["checkout"]["variant"]},
        "webhook": {"events": events_path, "secret": webhook_secret},
        "standin": {"secret_key": secret_key, "marker": marker},
        "_standin_base": standin_url,
    }


def run(server, options, args, concurrency, say, settle, webhook_budget):
    """Warm-up bursts, then `args.rounds` rounds. Returns the raw results."""
    static_url = server.base_url + "/static/bench-article.html"
    sent = {"webhook": 0}
    warmup = {}

    def one(scenario, duration, budget=None):
        base = options["_standin_base"] if scenario == "standin" else server.base_url
        opts = dict(options[scenario])
        if scenario == "webhook":
            opts.update(skip_events=sent["webhook"], limit=budget or webhook_budget)
        result = burst(base, scenario, concurrency, duration, opts)
        if scenario == "webhook":
            sent["webhook"] += result.get("sent", 0)
        settle(static_url)
        return result

    for scenario in SCENARIOS:  # not recorded: imports, first queries, connections
        warmup[scenario] = one(scenario, 1.0, budget=10)
    rounds = []
    for index in range(args.rounds):
        order = SCENARIOS[index % len(SCENARIOS) :] + SCENARIOS[: index % len(SCENARIOS)]
        result = {}
        for scenario in order:
            result[scenario] = one(scenario, args.duration)
        rounds.append(result)
        say(f"writes round {index + 1}/{args.rounds} (per s at c={concurrency}): " + ", ".join(f"{s} {result[s].get('rps', 0):.0f}" for s in SCENARIOS))
    return {"concurrency": concurrency, "warmup": warmup, "rounds": rounds, "events_sent": sent["webhook"]}


def totals(writes):
    """What the clients saw over the whole phase (warm-up included): to
    compare with what the database holds afterwards."""
    bursts = list(writes["warmup"].values()) + [r[s] for r in writes["rounds"] for s in r]
    out = {"comments_accepted": 0, "checkouts": 0, "webhooks_processed": 0, "webhooks_duplicate": 0}
    for b in bursts:
        if b.get("scenario") == "comment":
            out["comments_accepted"] += b.get("ok", 0)
        elif b.get("scenario") == "checkout":
            out["checkouts"] += b.get("ok", 0)
        elif b.get("scenario") == "webhook":
            out["webhooks_processed"] += b.get("ok", 0)
            out["webhooks_duplicate"] += b.get("duplicate", 0)
    return out


def new_marker():
    return f"benchpost{int(time.time())}"
