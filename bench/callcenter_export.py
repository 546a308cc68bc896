"""Benchmark: the call-center CSV export against PostgreSQL's own `COPY ... TO STDOUT`.

    .venv/bin/python bench/callcenter_export.py                 # 100 000 citizens
    .venv/bin/python bench/callcenter_export.py --rows 1000000  # the full million
    .venv/bin/python bench/callcenter_export.py --db NAME --keep            # keep the loaded database, then
    .venv/bin/python bench/callcenter_export.py --db NAME --reuse --keep    # measure it again without reloading

Creates a throwaway PostgreSQL database (dropped at the end unless --keep), migrates it, loads N citizens with
COPY (one in seven with a 106 case, phones starting with "+"), then runs each exporter in a fresh child process
so its peak RSS is its own:

- `GET /api/admin/citizens?include=phones` through the whole stack (Django test client, JWT, ninja, the
  streamed response consumed chunk by chunk), and
- psycopg `COPY (SELECT ... same columns, same join ...) TO STDOUT (FORMAT csv, HEADER)`.

Prints a Markdown table: seconds, rows/s, output MB, RSS before the export and peak RSS. The server URL comes
from CASEWORK_BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
"""

import argparse
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get("CASEWORK_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

FIRST = ["Noa", "נועה", "David", "דוד", "Anna", "Анна", "Jean-Luc", "מרים", "Sofia", "O'Connor"]
LAST = ["Cohen", "כהן", "Levi", "לוי", "Petrova", "Da Silva", "אזולאי", "Martin", "Ben-David", "פרץ"]
STREETS = ["Herzl Street", "הרצל", "Rothschild Boulevard", "ז'בוטינסקי", "Park Lane, North", "העצמאות"]


def database_url(name: str) -> str:
    parts = urlsplit(SERVER_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def setup_django(name: str) -> None:
    os.environ["CASEWORK_DATABASE_URL"] = database_url(name)
    os.environ["CASEWORK_DEBUG"] = "0"
    os.environ.setdefault("CASEWORK_SECRET_KEY", secrets.token_urlsafe(48))
    os.environ["DJANGO_SETTINGS_MODULE"] = "casework.config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_database(name: str, rows: int, seed: int) -> None:
    with psycopg.connect(SERVER_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [sys.executable, __file__, "--child", "migrate", "--db", name], check=True, stdout=subprocess.DEVNULL
    )
    rng = random.Random(seed)
    columns = [
        "fid", "street_name", "building_number", "flat_number", "first_name", "last_name", "family_number",
        "phone1", "phone2", "phone3", "is_answered_the_call", "is_lonely", "is_address_wrong", "new_street_name",
        "new_building_number", "new_flat_number", "has_safe_room", "has_private_shelter", "has_public_shelter",
        "has_mobility_restriction", "is_dead", "is_left_the_city", "has_temporary_address", "is_temporary_abroad",
        "temporary_street_name", "temporary_building_number", "temporary_flat_number", "status",
        "created_at", "appearance_count", "first_appearance_at", "second_appearance_at", "third_appearance_at",
    ]  # fmt: skip
    started = time.monotonic()
    with psycopg.connect(database_url(name)) as conn, conn.cursor() as cur:
        copy_sql = f"COPY callcenter_citizenrecord ({', '.join(columns)}) FROM STDIN"
        with cur.copy(copy_sql) as copy:
            for n in range(rows):
                attempts = n % 4
                answered = attempts and n % 3 == 0
                stamps = ["2026-03-01T08:00:00Z" if i < attempts else None for i in range(3)]
                copy.write_row(
                    [
                        str(100000 + n // 3), rng.choice(STREETS), f"{n % 120 + 1}{'א' if n % 9 == 0 else ''}",
                        str(n % 40 + 1), rng.choice(FIRST), rng.choice(LAST), n % 6 + 1,
                        f"+9725{n:08d}", "" if n % 2 else f"03-{n % 10_000_000:07d}", "",
                        bool(answered), n % 7 == 0, False, "", "", "", n % 2 == 0, n % 5 == 0, n % 3 == 0,
                        n % 11 == 0, False, False, False, False, "", "", "",
                        "Updated" if answered else "Pending", "2026-03-01T07:00:00Z", attempts, *stamps,
                    ]
                )  # fmt: skip
        cur.execute(
            "INSERT INTO callcenter_callcentercase (citizen_id, callcenter_case_number, created_at, updated_at) "
            "SELECT id, lpad((id % 1000000)::text, 6, '0'), now(), now() FROM callcenter_citizenrecord "
            "WHERE id % 7 = 3"
        )
        conn.commit()
    with psycopg.connect(database_url(name), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"loaded {rows:,} citizens with COPY in {time.monotonic() - started:.1f} s", file=sys.stderr)


def child_migrate(name: str) -> None:
    setup_django(name)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def child_export(name: str) -> dict:
    setup_django(name)
    from django.test import Client

    from casework.accounts.models import User
    from casework.accounts.tokens import issue_token

    admin, _ = User.objects.get_or_create(email="bench-admin@example.org", defaults={"role_id": "admin"})
    client = Client()
    headers = {"Authorization": f"Bearer {issue_token(admin).token}"}
    client.get("/api/citizens/106-case/1", headers=headers)  # warm up imports and the connection
    before = current_rss_mb()
    started = time.monotonic()
    response = client.get("/api/admin/citizens", {"include": "phones"}, headers=headers)
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    response.close()
    seconds = time.monotonic() - started
    return {
        "seconds": seconds,
        "bytes": size,
        "rows": lines - 1,
        "rss_before": before,
        "rss_peak": peak_rss_mb(),
    }


COPY_QUERY = """
COPY (
  SELECT c.id, c.fid, c.street_name, c.building_number, c.flat_number, c.first_name, c.last_name,
         c.family_number, c.is_answered_the_call, c.is_lonely, c.is_address_wrong, c.new_street_name,
         c.new_building_number, c.new_flat_number, c.has_safe_room, c.has_private_shelter, c.has_public_shelter,
         c.has_mobility_restriction, c.is_dead, c.is_left_the_city, c.has_temporary_address,
         c.is_temporary_abroad, c.temporary_street_name, c.temporary_building_number, c.temporary_flat_number,
         c.status, c.locked_by_id, c.locked_until, c.last_updated_by_id, c.last_updated_at, c.created_at,
         c.appearance_count, c.first_appearance_at, c.second_appearance_at, c.third_appearance_at,
         k.callcenter_case_number, c.phone1, c.phone2, c.phone3
  FROM callcenter_citizenrecord c LEFT JOIN callcenter_callcentercase k ON k.citizen_id = c.id
  ORDER BY c.id
) TO STDOUT (FORMAT csv, HEADER)
"""


def child_copy(name: str) -> dict:
    with psycopg.connect(database_url(name)) as conn, conn.cursor() as cur:
        cur.execute("SELECT 1")
        before = current_rss_mb()
        started = time.monotonic()
        size = lines = 0
        with cur.copy(COPY_QUERY) as copy:
            for block in copy:
                size += len(block)
                lines += bytes(block).count(b"\n")
        seconds = time.monotonic() - started
    return {
        "seconds": seconds,
        "bytes": size,
        "rows": lines - 1,
        "rss_before": before,
        "rss_peak": peak_rss_mb(),
    }


def run_child(kind: str, name: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--db", name], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", default=f"casework_bench_callcenter_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    parser.add_argument(
        "--reuse", action="store_true", help="export a database kept by --keep, without reloading"
    )
    parser.add_argument("--child", choices=["migrate", "export", "copy"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "migrate":
        child_migrate(args.db)
        return
    if args.child:
        print(json.dumps((child_export if args.child == "export" else child_copy)(args.db)))
        return

    with psycopg.connect(SERVER_URL) as conn:
        server = conn.info.parameter_status("server_version")
    if args.reuse:
        with psycopg.connect(database_url(args.db)) as conn:
            (args.rows,) = conn.execute("SELECT count(*) FROM callcenter_citizenrecord").fetchone() or (0,)
    else:
        create_database(args.db, args.rows, args.seed)
    try:
        results = {"API export (`GET /api/admin/citizens?include=phones`)": run_child("export", args.db)}
        results["PostgreSQL `COPY ... TO STDOUT` (psycopg)"] = run_child("copy", args.db)
    finally:
        if not args.keep:
            with psycopg.connect(SERVER_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.db}"')

    print(
        f"\n{args.rows:,} citizens (1 in 7 with a 106 case); PostgreSQL {server}, psycopg {psycopg.__version__}"
    )
    print("\n| exporter | rows | seconds | rows/s | output MB | RSS before MB | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, r in results.items():
        print(
            f"| {label} | {r['rows']:,} | {r['seconds']:.2f} | {r['rows'] / r['seconds']:,.0f} | "
            f"{r['bytes'] / 2**20:.1f} | {r['rss_before']:.0f} | {r['rss_peak']:.0f} |"
        )


if __name__ == "__main__":
    main()
