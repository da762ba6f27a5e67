"""Load on `newsbrief serve`: bursts of 200 concurrent requests on loopback, bounded in time.

Starts `newsbrief serve --load examples/sava-flood` on a free loopback port with a fresh store, waits for
the demo brief, then sends rounds of 200 requests at once (one connection each) to:

  - the brief page          GET /briefs/1              (the offline brief's HTML, ~160 kB, plus the bar)
  - the brief as JSON       GET /api/stories/1/brief   (the contract's Brief, read from the store)
  - the story list          GET /api/stories           (small JSON, several store queries)
  - a floor, same run       the same brief HTML from a bare ASGI app under the same uvicorn: what the
                            HTTP server and client alone cost on this machine

and prints p50 / p99 / max latency and throughput per target. The client runs on the same 2 cores as
the server, so the figures include its cost. --write replaces the `serve` section of bench/RESULTS.md.

    .venv/bin/python bench/serve_load.py [--rounds 5] [--concurrency 200] [--budget 180] [--write]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sava-flood"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(url: str, ready, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited (status {process.returncode})")
        try:
            response = httpx.get(url, timeout=5)
            if ready(response):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} not ready after {timeout} s")


FLOOR_APP = '''
import sys
body = open(sys.argv[1], "rb").read()
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
import uvicorn
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
'''


async def fetch(host: str, port: int, path: str) -> bool:
    """One GET on its own connection. A bare asyncio client: httpx's own cost per request is larger than
    the server's on this machine, and client and server share its 2 cores."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return head.startswith(b"HTTP/1.1 200") and len(body) > 0


async def burst(url: str, n: int) -> tuple[list[float], int]:
    parts = urlsplit(url)

    async def one() -> tuple[float, bool]:
        start = time.perf_counter()
        try:
            ok = await asyncio.wait_for(fetch(parts.hostname, parts.port, parts.path or "/"), timeout=60)
        except (TimeoutError, OSError):
            ok = False
        return time.perf_counter() - start, ok

    results = await asyncio.gather(*(one() for _ in range(n)))
    return [t for t, _ in results], sum(not ok for _, ok in results)


async def load(url: str, concurrency: int, rounds: int, deadline: float) -> dict:
    latencies: list[float] = []
    errors = done = 0
    await burst(url, 5)                                            # warm: first render, imports, caches
    started = time.perf_counter()
    for _ in range(rounds):
        if time.monotonic() > deadline:
            break
        times, failed = await burst(url, concurrency)
        latencies += times
        errors += failed
        done += 1
    wall = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "rounds": done, "errors": errors,
            "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else float("nan"),
            "max": latencies[-1] * 1000 if latencies else float("nan"),
            "rps": len(latencies) / wall if wall else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--concurrency", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5, help="bursts per target (default 5)")
    ap.add_argument("--budget", type=float, default=180, help="seconds for all the load, at most (default 180)")
    ap.add_argument("--write", action="store_true", help="update the serve section of bench/RESULTS.md")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsbrief-load-"))
    port, floor_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "newsbrief.cli", "serve", "--db", str(work / "load.db"),
                               "--port", str(port), "--load", str(EXAMPLE)], stdout=log, stderr=subprocess.STDOUT)
    floor = None
    try:
        wait_until(f"{base}/api/stories/1/brief", lambda r: r.status_code == 200, 180, server)
        page = httpx.get(f"{base}/briefs/1").content
        (work / "brief.html").write_bytes(page)
        (work / "floor.py").write_text(FLOOR_APP)
        floor = subprocess.Popen([sys.executable, str(work / "floor.py"), str(work / "brief.html"), str(floor_port)])
        wait_until(f"http://127.0.0.1:{floor_port}/", lambda r: r.status_code == 200, 30, floor)

        load_before = os.getloadavg()[0]
        deadline = time.monotonic() + args.budget
        targets = [("brief page `GET /briefs/1`", f"{base}/briefs/1", len(page)),
                   ("brief JSON `GET /api/stories/1/brief`", f"{base}/api/stories/1/brief",
                    len(httpx.get(f"{base}/api/stories/1/brief").content)),
                   ("story list `GET /api/stories`", f"{base}/api/stories", len(httpx.get(f"{base}/api/stories").content)),
                   ("floor: same HTML, bare ASGI app, same uvicorn", f"http://127.0.0.1:{floor_port}/", len(page))]
        rows = []
        for name, url, size in targets:
            result = asyncio.run(load(url, args.concurrency, args.rounds, deadline))
            rows.append((name, size, result))
            print(f"{name}: {result}", file=sys.stderr, flush=True)
        load_after = os.getloadavg()[0]
    finally:
        for process in (server, floor):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        log.close()

    setting = (f"{args.concurrency} concurrent requests per burst (one connection each), {args.rounds} bursts per "
               f"target, client and server on the same {os.cpu_count()} cores; 1-minute load average "
               f"{load_before:.1f} before, {load_after:.1f} after.")
    table = [setting, "",
             "| target | response (kB) | requests | p50 (ms) | p99 (ms) | max (ms) | requests/s | errors |",
             "|---|---|---|---|---|---|---|---|"]
    table += [f"| {name} | {size / 1000:.1f} | {r['requests']} | {r['p50']:.0f} | {r['p99']:.0f} | {r['max']:.0f} "
              f"| {r['rps']:.0f} | {r['errors']} |" for name, size, r in rows]
    brief, floor_row = rows[0][2], rows[-1][2]
    verdict = (f"The brief page's p50 is {brief['p50'] / floor_row['p50']:.1f}x the floor's ({brief['p50']:.0f} ms "
               f"against {floor_row['p50']:.0f} ms): the rest is FastAPI, the store look-ups and the bar; a brief's "
               "HTML is rendered once and kept (briefs never change). In a burst every request waits for the ones "
               "ahead of it, so p50 is about half the time the server takes to answer all of them.")
    table += ["", verdict]
    print("\n".join(table))
    if args.write:
        write_results("\n".join(table))


def write_results(body: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    begin, end = "<!-- serve:start -->", "<!-- serve:end -->"
    section = (f"{begin}\nMeasured {time.strftime('%Y-%m-%d')} with `.venv/bin/python bench/serve_load.py --write`.\n\n"
               f"{body}\n{end}")
    if begin in text:
        text = text[:text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + f"\n\n## serve\n\n{section}\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
