"""The Casework benchmark: `make bench` (or `.venv/bin/python bench/run.py [--scale small|full]`).

1. Loads generated data into the PostgreSQL database `casework_bench` (`casework generate --scale S --seed N`), or
   reuses it when it already holds that scale and seed (a comment on the database says which).
2. Starts the real server (`casework serve --workers N`, DEBUG off, a bench secret key) on a free port.
3. Measures every scenario with `wrk` (a second process, one Lua script per scenario that sets the Authorization
   header and rotates through ids) at 8 and 64 connections: p50/p95/p99 and requests/s; each read also at one
   connection, against the same SQL statements (captured from the endpoint) run raw through psycopg.
   Every write also at one connection, with the server's lock waits sampled from pg_locks while it runs
   (LockSampler), and the statements each write sends counted by prepare.py. Next to each one-connection
   measurement, the HTTP floor: a bare WSGI app under the same gunicorn configuration (bench/floor.py); the
   report gives each request's p50 as a multiple of it.
4. A mixed read load at 64 connections against the same statements issued raw by as many processes as the
   server has workers; the call-center CSV export against `COPY` (bench/callcenter_export.py).
5. Writes bench/results/<date>[-<scale>].md and exits non-zero when any request failed (HTTP ≥ 400 or socket
   errors) or a scenario could not run.

Needs `wrk` (Debian: `apt-get install -y wrk`) and PostgreSQL at CASEWORK_BENCH_SERVER_URL
(default postgresql://postgres@127.0.0.1:5432).
"""

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SERVER_URL = os.environ.get("CASEWORK_BENCH_SERVER_URL", "postgresql://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = os.environ.get("CASEWORK_BENCH_DATABASE", "casework_bench")
RESULTS = ROOT / "bench" / "results"
SECRET_KEY = (
    "casework-bench-secret-" + "k" * 32
)  # a fixed key: the bench tokens are issued by another process

# target p95 in ms at 8 clients (None: compared otherwise)
TARGETS = {
    "case list, first page": 25,
    "case list, filtered page": 25,
    "case list, search": 50,
    "case detail": 15,
    "dashboard summary": 50,
    "outcomes report, one year": 200,
    "create case": 30,
    "add note": 30,
    "status change": 30,
}
MIX = ["case list, first page", "case list, filtered page", "case detail", "case detail", "case detail",
       "case list, search"]  # fmt: skip


def database_url(name: str = DATABASE) -> str:
    return f"{SERVER_URL}/{name}"


def env_for_bench(var_dir: str, source: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if source is not None:
        # Serve (and prepare, migrate, generate with) another checkout's Casework, with this checkout's bench.
        env.update(PYTHONPATH=str(source), CASEWORK_BENCH_SOURCE=str(source))
    env.update(
        CASEWORK_DATABASE_URL=database_url(),
        CASEWORK_DEBUG="false",
        CASEWORK_SECRET_KEY=SECRET_KEY,
        CASEWORK_VAR_DIR=var_dir,
        CASEWORK_LOG_LEVEL="WARNING",
        CASEWORK_BENCH_DATABASE_URL=SERVER_URL + "/postgres",
        # The bench measures what requests cost, not the sign-in policy: its generated staff (the admin included)
        # sign in with a password only, as in a deployment that requires no second factor.
        CASEWORK_MFA_REQUIRED_ROLES="",
    )
    return env


# -- data -----------------------------------------------------------------------------------------------------


def ensure_data(scale: str, seed: int, env: dict[str, str], regenerate: bool) -> dict:
    marker = f"casework-bench scale={scale} seed={seed}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if row is not None and row[0] and row[0].startswith(marker) and not regenerate:
            print(f"reusing {DATABASE} ({row[0]})", file=sys.stderr)
            return json.loads(row[0][len(marker) :].strip() or "{}")
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    subprocess.run([BIN / "casework", "migrate", "--noinput", "-v0"], env=env, check=True)
    started = time.monotonic()
    out = subprocess.run(
        [BIN / "casework", "generate", "--scale", scale, "--seed", str(seed)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    seconds = time.monotonic() - started
    print(out, file=sys.stderr)
    generation = {"seconds": round(seconds, 1), "output": out.strip().splitlines()}
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        comment = f"{marker} {json.dumps(generation)}".replace("'", "''")
        conn.execute(f"COMMENT ON DATABASE \"{DATABASE}\" IS '{comment}'")
    return generation


def table_sizes() -> dict[str, tuple[int, str]]:
    with psycopg.connect(database_url()) as conn:
        rows = conn.execute(
            "SELECT relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) FROM pg_stat_user_tables "
            "WHERE n_live_tup > 0 ORDER BY pg_total_relation_size(relid) DESC LIMIT 12"
        ).fetchall()
        total = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
    sizes = {name: (count, size) for name, count, size in rows}
    sizes["(database)"] = (0, total)
    return sizes


# -- server ---------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    env: dict[str, str], workers: int, port: int, log: Path, command: list | None = None
) -> subprocess.Popen:
    server = subprocess.Popen(
        command or [BIN / "casework", "serve", "--workers", str(workers), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    stop_server(server)
    raise SystemExit(f"the server did not come up; see {log}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


# -- wrk ------------------------------------------------------------------------------------------------------

LUA = """
local token = "%(token)s"
local reqs = {
%(requests)s
}
local i = 0
request = function()
  i = i + 1
  local r = reqs[((i - 1) %% #reqs) + 1]
  local headers = {["Authorization"] = "Bearer " .. token}
  if r[3] ~= nil then headers["Content-Type"] = "application/json" end
  return wrk.format(r[1], r[2], headers, r[3])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %%d, "duration_us": %%d, "status_errors": %%d, "socket_errors": %%d, ' ..
    '"p50": %%d, "p95": %%d, "p99": %%d, "mean": %%f}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
"""


def lua_script(token: str, requests: list[tuple[str, str, str | None]], path: Path) -> Path:
    lines = []
    for method, url, body in requests:
        lua_body = "nil" if body is None else f"[==[{body}]==]"
        lines.append(f'  {{"{method}", [==[{url}]==], {lua_body}}},')
    path.write_text(LUA % {"token": token, "requests": "\n".join(lines)})
    return path


def wrk(port: int, script: Path, connections: int, seconds: float) -> dict:
    out = subprocess.run(
        # wrk reads whole seconds only ("7.5s" is refused)
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{max(round(seconds), 1)}s", "--timeout", "10s", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout  # fmt: skip
    line = next(line for line in out.splitlines() if line.startswith("BENCHJSON "))
    result = json.loads(line[len("BENCHJSON ") :])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    for key in ("p50", "p95", "p99"):
        result[key] = result[key] / 1000  # µs → ms
    return result


# -- lock waits -----------------------------------------------------------------------------------------------


class LockSampler:
    """Samples, every 20 ms while a scenario runs, the server's backends waiting on a lock (pg_stat_activity's
    wait_event_type = 'Lock') and what they wait for (pg_locks rows not granted: lock type and relation)."""

    def __init__(self) -> None:
        import threading

        self.samples = 0
        self.waiting = 0
        self.by_target: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "LockSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with psycopg.connect(database_url(), autocommit=True) as conn:
            while not self._stop.is_set():
                # What the waiting statement is tells which row it queues for (a `transactionid` wait names
                # no table): the tally, the day's case-number counter, the case itself.
                rows = conn.execute(
                    "SELECT l.locktype, coalesce(l.relation::regclass::text, "
                    "  substring(a.query from '(?:INSERT INTO|UPDATE|FROM) \"?([a-z_]+)')), count(*) "
                    "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE NOT l.granted AND a.datname = current_database() AND a.pid <> pg_backend_pid() "
                    "GROUP BY 1, 2"
                ).fetchall()
                self.samples += 1
                for locktype, relation, n in rows:
                    self.waiting += n
                    key = f"{locktype} ({relation})" if relation else locktype
                    self.by_target[key] = self.by_target.get(key, 0) + n
                time.sleep(0.02)

    def summary(self) -> dict:
        return {
            "samples": self.samples,
            "mean_waiting": self.waiting / max(self.samples, 1),
            "by_target": dict(sorted(self.by_target.items(), key=lambda kv: -kv[1])[:4]),
        }


# -- raw SQL --------------------------------------------------------------------------------------------------


def time_sql(statements: list[str], seconds: float = 2.0) -> dict:
    """Run the statements in order, again and again, on one connection: milliseconds per round."""
    rounds = []
    with psycopg.connect(database_url(), autocommit=True) as conn, conn.cursor() as cursor:
        for _ in range(2):  # warm up
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline or len(rounds) < 5:
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            rounds.append((time.perf_counter() - started) * 1000)
    rounds.sort()
    return {
        "p50": statistics.median(rounds),
        "p95": rounds[int(len(rounds) * 0.95) - 1 if len(rounds) > 1 else 0],
    }


def _raw_worker(args: tuple[list[list[str]], float, int]) -> int:
    rounds, seconds, offset = args
    done = 0
    with psycopg.connect(database_url(), autocommit=True) as conn, conn.cursor() as cursor:
        deadline = time.monotonic() + seconds
        i = offset
        while time.monotonic() < deadline:
            for sql in rounds[i % len(rounds)]:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            done += 1
            i += 1
    return done


def raw_throughput(rounds: list[list[str]], processes: int, seconds: float) -> float:
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        counts = pool.map(_raw_worker, [(rounds, seconds, k) for k in range(processes)])
    return sum(counts) / seconds


# -- scenarios ------------------------------------------------------------------------------------------------


def write_requests(data: dict, run: int, runs: int) -> dict[str, list[tuple[str, str, str | None]]]:
    """Each run gets its own slice of farms, citizens and cases to move, so no request repeats a one-time write."""

    def part(items: list) -> list:
        size = max(len(items) // runs, 1)
        return items[run * size : (run + 1) * size] or items[:1]

    contacts, notes = data["contacts"], data["note_cases"]
    create = [
        ("POST", "/api/cases", json.dumps({"contact_id": c, "case_type_id": data["case_type"],
                                           "title": "Benchmark: help with a housing application",
                                           "description": "Opened by the benchmark.", "priority": "medium"}))
        for c in contacts
    ]  # fmt: skip
    note = [
        ("POST", "/api/cases/notes", json.dumps({"case_id": c, "note_type": "call", "subject": "Follow-up call",
                                                 "content": "Called the client to check on progress. " * 4}))
        for c in notes
    ]  # fmt: skip
    moving = part(data["active_cases"])
    status = [
        (
            "PUT",
            f"/api/cases/{c}/status",
            json.dumps({"new_status_id": data["status_pending"], "reason": "bench"}),
        )
        for c in moving
    ] + [
        (
            "PUT",
            f"/api/cases/{c}/status",
            json.dumps({"new_status_id": data["status_active"], "reason": "bench"}),
        )
        for c in moving
    ]
    caseworkers = data.get("caseworkers") or []
    assignment = [
        ("PUT", f"/api/cases/{c}/assignment", json.dumps({"assigned_to": caseworkers[k % len(caseworkers)],
                                                          "reason": "bench"}))
        for k, c in enumerate(part(data["active_cases"][::-1]))
    ] if caseworkers else []  # fmt: skip
    consultants = data["consultants"]
    farms = part(data["farms"])
    assign = [
        ("POST", "/api/naturecheck/cases", json.dumps({"farm_id": f, "consultant_id": consultants[k % len(consultants)],
                                                       "priority": "Medium"}))
        for k, f in enumerate(farms)
    ]  # fmt: skip
    citizens = part(data["citizens"])
    register = [
        ("POST", "/api/citizens/106-case", json.dumps({"id": c, "caseNumber": f"{(c * 7919) % 10**6:06d}"}))
        for c in citizens
    ]
    return {
        "create case": create,
        "add note": note,
        "status change": status,
        **({"case assignment": assignment} if assignment else {}),
        "Nature Check assignment": assign,
        "106-case registration": register,
    }


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    with psycopg.connect(database_url("postgres")) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(total_kb / 2**20, 1),
        "load": os.getloadavg(),
        "python": platform.python_version(),
        "postgresql": server,
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Casework benchmark")
    parser.add_argument("--scale", choices=["small", "full"], default="small")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (default: 2)")
    parser.add_argument(
        "--seconds", type=float, default=None, help="seconds per measurement (default 8, full 15)"
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the data again even if present")
    parser.add_argument("--skip-export", action="store_true", help="skip the CSV export measurement")
    parser.add_argument("--tag", default="", help="added to the result file names")
    parser.add_argument("--source", type=Path, default=None, help="serve another checkout's casework package")
    parser.add_argument(
        "--clients", default="1,8,64", help="connection counts to measure (default 1,8,64; reads always at 1)"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench: wrk is not installed (Debian/Ubuntu: apt-get install -y wrk)", file=sys.stderr)
        return 2
    seconds = args.seconds or (15.0 if args.scale == "full" else 8.0)
    var_dir = tempfile.mkdtemp(prefix="casework-bench.")
    env = env_for_bench(var_dir, args.source)
    levels = [int(c) for c in args.clients.split(",")]
    started_at = dt.datetime.now()
    load_before = os.getloadavg()
    generation = ensure_data(args.scale, args.seed, env, args.regenerate)
    prepared = json.loads(
        subprocess.run(
            [BIN / "python", ROOT / "bench" / "prepare.py"],
            env=env,
            check=True,
            stdout=subprocess.PIPE,  # its statement counts go to stderr, shown
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    token = prepared["token"]
    work = Path(var_dir)
    results: dict[str, dict] = {}
    sql: dict[str, dict] = {}
    failures: list[str] = []
    floor: list[dict] = []
    floor_by: dict[str, dict] = {}
    locks: dict[str, dict] = {}
    # The HTTP floor: a bare WSGI app under the same gunicorn configuration (bench/floor.py), up for the whole
    # run and measured at one connection right before each scenario's one-connection measurement, so that each
    # ratio compares two figures taken under the same load on the machine.
    floor_port = free_port()
    floor_command = [BIN / "python", ROOT / "bench" / "floor.py", "--port", str(floor_port),
                     "--workers", str(args.workers)]  # fmt: skip
    floor_server = start_server(env, args.workers, floor_port, work / "floor.log", floor_command)
    floor_script = lua_script(token, [("GET", "/api/auth/me", None)], work / "floor.lua")

    def measure_floor(name: str) -> None:
        floor_by[name] = wrk(floor_port, floor_script, 1, 3)
        floor.append(floor_by[name])

    port = free_port()
    server = start_server(env, args.workers, port, work / "server.log")
    try:
        for name, urls in prepared["reads"].items():
            script = lua_script(token, [("GET", url, None) for url in urls], work / "read.lua")
            measure_floor(name)
            results[name] = {"c1": wrk(port, script, 1, max(seconds / 2, 3))}
            for clients in (c for c in levels if c != 1):
                results[name][f"c{clients}"] = wrk(port, script, clients, seconds)
            sql[name] = time_sql(prepared["sql"][name])
            print(f"{name}: {json.dumps(results[name]['c1'])}", file=sys.stderr)
        for index, clients in enumerate(levels):
            for name, requests in write_requests(prepared, index, len(levels)).items():
                script = lua_script(token, requests, work / "write.lua")
                if clients == 1:
                    measure_floor(name)
                with LockSampler() as sampler:
                    results.setdefault(name, {})[f"c{clients}"] = wrk(port, script, clients, seconds)
                locks[f"{name} at {clients}"] = sampler.summary()
                print(f"{name} at {clients}: {json.dumps(results[name][f'c{clients}'])} "
                      f"locks {json.dumps(locks[f'{name} at {clients}'])}", file=sys.stderr)  # fmt: skip
        mix_requests = []
        for k in range(200):
            name = MIX[k % len(MIX)]
            urls = prepared["reads"][name]
            mix_requests.append(("GET", urls[k % len(urls)], None))
        mixed = wrk(port, lua_script(token, mix_requests, work / "mix.lua"), max(levels), seconds)
    finally:
        stop_server(server)
        stop_server(floor_server)
    mix_sql = [prepared["sql"][MIX[k % len(MIX)]] for k in range(len(MIX))]
    raw_mixed = raw_throughput(mix_sql, args.workers, seconds)

    export = None
    if not args.skip_export:
        export = {}
        for kind in ("export", "copy"):
            out = subprocess.run(
                [BIN / "python", ROOT / "bench" / "callcenter_export.py", "--child", kind, "--db", DATABASE],
                env=env, capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            export[kind] = json.loads(out.strip().splitlines()[-1])
    from read_audit import measure as measure_read_audit  # the audit's cost on a list page

    read_audit = measure_read_audit(env)

    for name, runs in results.items():
        for key, run in runs.items():
            if run["status_errors"] or run["socket_errors"]:
                failures.append(f"{name} at {key[1:]} clients: {run['status_errors']} HTTP errors, "
                                f"{run['socket_errors']} socket errors")  # fmt: skip
    if mixed["status_errors"] or mixed["socket_errors"]:
        failures.append(
            f"mixed load: {mixed['status_errors']} HTTP errors, {mixed['socket_errors']} socket errors"
        )

    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = ("" if args.scale == "full" else f"-{args.scale}") + (f"-{args.tag}" if args.tag else "")
    raw = {"results": results, "sql": {k: v for k, v in sql.items()}, "mixed": mixed, "raw_mixed": raw_mixed,
           "export": export, "failures": failures, "generation": generation, "floor": floor, "floor_by": floor_by, "locks": locks,
           "write_statements": prepared.get("write_statements", {}),
           "read_statements": {k: len(v) for k, v in prepared["sql"].items()},
           "source": str(args.source or ROOT)}  # fmt: skip
    raw["read_audit"] = read_audit
    (RESULTS / f"{started_at:%Y-%m-%d}{suffix}.json").write_text(json.dumps(raw, indent=1, default=str))
    report = render(
        args=args, seconds=seconds, machine_info=machine(), load_before=load_before, started_at=started_at,
        generation=generation, prepared=prepared, results=results, sql=sql, mixed=mixed, raw_mixed=raw_mixed,
        export=export, failures=failures, sizes=table_sizes(), floor=floor, locks=locks, floor_by=floor_by,
    )  # fmt: skip
    report += read_audit["markdown"]
    path = RESULTS / f"{started_at:%Y-%m-%d}{suffix}.md"
    path.write_text(report)
    print(report)
    print(f"\nreport: {path.relative_to(ROOT)}", file=sys.stderr)
    if failures:
        # The server's log says what the failed requests were: kept for reading, with its error lines shown.
        log = work / "server.log"
        errors = [line for line in log.read_text(errors="replace").splitlines()
                  if any(word in line for word in ("WARNING", "ERROR", "Traceback"))]  # fmt: skip
        print("BENCH FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        print(f"server log kept: {log}\n" + "\n".join(errors[-20:]), file=sys.stderr)
        return 1
    shutil.rmtree(var_dir, ignore_errors=True)
    return 0


def render(**k) -> str:
    from report import render_report  # bench/report.py, next to this script

    return render_report(**k, targets=TARGETS, mix=MIX)


if __name__ == "__main__":
    sys.exit(main())
