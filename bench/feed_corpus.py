"""How many real-world-shaped feeds our parser refuses that feedparser alone reads.

Why: `collectors.feeds.parse_feed_sync` decodes, defuses and judges a document before and
after feedparser sees it. Each of those steps could turn a feed feedparser reads into a
FeedError ("broken feed" for the director). This script runs both over a directory of feed
files and counts:

  fp_reads  - feedparser.parse alone finds entries or recognises a feed version
  ours_err  - parse_feed_sync raises FeedError
  regressed - feedparser reads it, we raise FeedError (the number that must stay near 0)
  crashed   - parse_feed_sync raises anything but FeedError (must be 0)

feedparser's own test suite is a good corpus: thousands of small feeds, ill-formed ones,
every encoding it supports. Get it from its source distribution:

  .venv/bin/pip download feedparser --no-binary :all: --no-deps -d /tmp/fp
  tar xzf /tmp/fp/feedparser-*.tar.gz -C /tmp/fp

A file may name the HTTP headers it is served with in lines like
`Header: Content-type: text/xml; charset=utf-8` (feedparser's test server reads them); the
Content-type one is passed to both parsers, as the fetcher would.

Run: .venv/bin/python bench/feed_corpus.py DIR [--module PATH_TO_feeds.py] [--list]
  --module  measure another copy of the module (e.g. the version before a change)
  --list    print each regressed file with our error
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import logging
import re
import shlex
import sys
import time
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import feedparser

_HEADER_RE = re.compile(rb"^Header:\s+Content-type:(.+)$", re.MULTILINE | re.IGNORECASE)


def load_module(path: str | None) -> ModuleType:
    if path is None:
        from collectors import feeds

        return feeds
    spec = importlib.util.spec_from_file_location("feeds_under_test", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def content_type(body: bytes) -> str | None:
    match = _HEADER_RE.search(body)
    return match.group(1).decode("latin-1").strip() if match else None


def feedparser_reads(body: bytes, ctype: str | None) -> bool:
    headers = {"content-type": ctype} if ctype else None
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    return bool(parsed.get("entries") or parsed.get("version"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--module", help="path of a feeds.py to measure instead of ours")
    parser.add_argument("--list", action="store_true", help="print every regressed file")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # per-feed warnings would drown the figures

    feeds = load_module(args.module)
    files = sorted(p for p in args.directory.rglob("*.xml") if p.is_file())
    counts = dict.fromkeys(("files", "fp_reads", "ours_err", "regressed", "crashed"), 0)
    regressed: list[tuple[Path, str]] = []
    ours_seconds = fp_seconds = 0.0
    for path in files:
        body = path.read_bytes()
        ctype = content_type(body)
        counts["files"] += 1
        started = time.perf_counter()
        reads = feedparser_reads(body, ctype)
        fp_seconds += time.perf_counter() - started
        counts["fp_reads"] += reads
        started = time.perf_counter()
        try:
            feeds.parse_feed_sync(body, "corpus", "http://127.0.0.1/feed.xml", ctype)
        except feeds.FeedError as exc:
            counts["ours_err"] += 1
            if reads:
                counts["regressed"] += 1
                regressed.append((path, str(exc)))
        except Exception as exc:  # the point is to count these, not to stop at the first
            counts["crashed"] += 1
            regressed.append((path, f"CRASH {type(exc).__name__}: {exc}"))
        ours_seconds += time.perf_counter() - started

    command = shlex.join([".venv/bin/python", "bench/feed_corpus.py", *sys.argv[1:]])
    print(f"command: {command}")
    print(f"module: {feeds.__file__}; feedparser {feedparser.__version__}")
    print(
        f"files {counts['files']}: feedparser alone reads {counts['fp_reads']}; "
        f"parse_feed_sync raises FeedError on {counts['ours_err']}, "
        f"{counts['regressed']} of them read by feedparser; crashed {counts['crashed']}"
    )
    print(f"time: feedparser {fp_seconds:.1f} s, parse_feed_sync {ours_seconds:.1f} s")
    if args.list:
        for path, error in regressed:
            print(f"  {path.relative_to(args.directory)}: {error}")


if __name__ == "__main__":
    main()
