"""SQL queries per request, counted in-process against the bench database.

What is counted is the cost of rendering a page, so the harness runs this
step with the page cache off (PAGE_CACHE_SECONDS=0); a response that still
says it came from a cache is reported as an error, never as a count.

Run by the harness in a child process with bench.bench_env():

    python -m bench.queries --label 1000 --urls '{"home": "/", ...}' \
        [--host 127.0.0.1:PORT] [--save-html article=var/bench/article.html]

For each page: two warm-up requests (the first one makes image renditions
and fills the site-root cache, as the first reader after a deploy would),
then one request under CaptureQueriesContext, then a second counted request
to check the count is stable. A page that does not answer 200 gets
{"error": "..."} instead of a count (the error is logged on stderr). The SQL of each counted
request is written to var/bench/sql/<label>-<page>.sql for whoever chases a
count down. The last line printed is JSON:
    {"label": ..., "pages": {name: {"queries": n, "stable": bool, "bytes": n}}}
"""

import argparse
import json
import sys

from bench import OUT_DIR
from bench.data import setup_django
from bench.load import cache_hit_evidence


def count_queries(urls, host, label, save_html):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host, raise_request_exception=False)
    sql_dir = OUT_DIR / "sql"
    sql_dir.mkdir(parents=True, exist_ok=True)
    pages = {}
    for name, url in urls.items():
        for _ in range(2):
            client.get(url)
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            counts.append(len(captured.captured_queries))
        (sql_dir / f"{label}-{name}.sql").write_text("".join(f"-- {i + 1}\n{q['sql']};\n\n" for i, q in enumerate(captured.captured_queries)))
        if response.status_code != 200:
            pages[name] = {"url": url, "error": f"answered {response.status_code}, not 200"}
            continue
        hit = cache_hit_evidence({k.lower(): v for k, v in response.items()})
        if hit:
            pages[name] = {"url": url, "error": f"served from a cache ({hit}), so no render was counted: the harness sets PAGE_CACHE_SECONDS=0 for this step"}
            continue
        pages[name] = {"url": url, "queries": counts[0], "stable": counts[0] == counts[1], "bytes": len(response.content)}
        if name in save_html:
            with open(save_html[name], "wb") as handle:
                handle.write(response.content)
    return {"label": label, "pages": pages}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.queries")
    parser.add_argument("--label", required=True, help="names the SQL dumps, e.g. the number of articles")
    parser.add_argument("--urls", required=True, help='JSON object {"name": "/path/"}')
    parser.add_argument("--host", default="127.0.0.1", help="Host header, e.g. 127.0.0.1:PORT of the server to come")
    parser.add_argument("--save-html", action="append", default=[], metavar="NAME=PATH", help="write that page's HTML to PATH")
    args = parser.parse_args(argv)
    save_html = dict(item.split("=", 1) for item in args.save_html)

    setup_django()
    print(json.dumps(count_queries(json.loads(args.urls), args.host, args.label, save_html)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
