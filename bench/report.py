"""Renders the Markdown report of bench/run.py: machine, data, every figure, and each target met or not."""

from typing import Any

READ_SLACK_MS = 3.0
# Issue #16: p50 at one connection as a multiple of the HTTP floor, and statements per request.
FLOOR_TARGETS = {
    "auth/me": 3,
    "case list, first page": 8,
    "case list, filtered page": 8,
    "case detail": 6,
    "dashboard summary": 8,
    "add note": 8,
    "create case": 15,
    "status change": 15,
    "case assignment": 15,
}
STATEMENT_TARGETS = {
    "case list, first page": 4,
    "case list, filtered page": 4,
    "case detail": 4,
    "dashboard summary": 6,
    "add note": 8,
    "create case": 12,
    "status change": 12,
    "case assignment": 12,
}


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _verdict(ok: bool, detail: str) -> str:
    return f"met ({detail})" if ok else f"**not met** ({detail})"


def render_report(
    *, args, seconds, machine_info, load_before, started_at, generation, prepared, results, sql, mixed, raw_mixed,
    export, failures, sizes, targets, mix, floor=None, locks=None, floor_by=None,
) -> str:  # fmt: skip
    m = machine_info
    lines = [
        f"# Casework benchmark, {started_at:%Y-%m-%d %H:%M} ({args.scale} scale, seed {args.seed})",
        "",
        "## Machine",
        "",
        f"- {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory",
        f"- load average before the run: {' / '.join(f'{x:.1f}' for x in load_before)}; after: "
        f"{' / '.join(f'{x:.1f}' for x in m['load'])} (1/5/15 min). Other work on the machine shares the CPUs: "
        "read the figures as upper bounds of what this code costs.",
        f"- PostgreSQL {m['postgresql']}, Python {m['python']}, {m['wrk']}",
        f"- server: `casework serve --workers {args.workers}` (gunicorn, 4 threads per worker), DEBUG off; "
        f"load generator: wrk, 1 thread, {seconds:g} s per measurement (reads at 1 connection: {max(round(max(seconds / 2, 3)), 1)} s)",
        "",
        "## Data",
        "",
    ]
    if generation.get("output"):
        lines += [
            "Generated for this run (`casework generate`):",
            "",
            "```",
            *generation["output"],
            "```",
            "",
        ]
    else:
        lines += ["Reused from an earlier run (same scale and seed).", ""]
    lines += ["| table | rows | size |", "| --- | ---: | ---: |"]
    for name, (count, size) in sizes.items():
        lines.append(f"| {name} | {count:,} | {size} |" if count else f"| {name} | | {size} |")
    lines += [
        "",
        f"Case list page size 25; the deep page is page {prepared['deep_page']} "
        f"({prepared['cases']:,} cases{'' if prepared['deep_page'] == 1000 else '; page 1000 does not exist at this scale'}).",
        "",
        "## Latency and throughput",
        "",
        "| scenario | clients | p50 ms | p95 ms | p99 ms | req/s | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, runs in results.items():
        for key in ("c1", "c8", "c64"):
            run = runs.get(key)
            if run is None:
                continue
            errors = run["status_errors"] + run["socket_errors"]
            lines.append(
                f"| {name} | {key[1:]} | {_ms(run['p50'])} | {_ms(run['p95'])} | {_ms(run['p99'])} | "
                f"{run['rps']:,.0f} | {errors or ''} |"
            )
    lines += [
        f"| mixed reads ({', '.join(sorted(set(mix)))}) | 64 | {_ms(mixed['p50'])} | {_ms(mixed['p95'])} | "
        f"{_ms(mixed['p99'])} | {mixed['rps']:,.0f} | {(mixed['status_errors'] + mixed['socket_errors']) or ''} |",
        "",
        "## API time against the database's own time",
        "",
        "The SQL statements each read issues (captured from the endpoint, authentication included) run raw over "
        "psycopg on one connection; the API figure is wrk's p50 at one connection.",
        "",
        "| read | statements | SQL p50 ms | API p50 ms | API / SQL | target ≤ 2 x SQL + 3 ms |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, timing in sql.items():
        api = results[name]["c1"]["p50"]
        limit = 2 * timing["p50"] + READ_SLACK_MS
        lines.append(
            f"| {name} | {len(prepared['sql'][name])} | {_ms(timing['p50'])} | {_ms(api)} | "
            f"{api / max(timing['p50'], 1e-6):.1f} | {_verdict(api <= limit, f'{_ms(api)} vs {_ms(limit)} ms')} |"
        )
    if floor:
        floor_by = floor_by or {}
        floor_p50 = sum(f["p50"] for f in floor) / len(floor)
        writes = prepared.get("write_statements", {})
        lines += [
            "",
            "## Against the HTTP floor, and statements per request",
            "",
            "The floor: a bare WSGI app answering a small JSON body under the same gunicorn configuration "
            "(bench/floor.py), measured at one connection for 3 s right before each request's one-connection "
            f"measurement (p50 {min(f['p50'] for f in floor):.2f} to {max(f['p50'] for f in floor):.2f} ms over "
            "the run); each ratio divides by the floor measured next to it. Statements: reads as captured from "
            "the endpoint (authentication included, autocommit); writes as the server receives them, BEGIN and "
            "COMMIT included.",
            "",
            "| request | statements | target | p50 ms at 1 | floor p50 ms | p50 ÷ floor | target ÷ floor |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for name, runs in results.items():
            run = runs.get("c1")
            if run is None:
                continue
            count = len(prepared["sql"][name]) if name in prepared["sql"] else writes.get(name, "")
            near = floor_by.get(name, {}).get("p50", floor_p50)
            ratio = run["p50"] / max(near, 1e-6)
            target = FLOOR_TARGETS.get(name)
            verdict = _verdict(ratio <= target, f"≤ {target}") if target else ""
            statements_target = STATEMENT_TARGETS.get(name, "")
            lines.append(
                f"| {name} | {count} | {statements_target} | {_ms(run['p50'])} | {near:.2f} | {ratio:.1f} | "
                f"{verdict} |"
            )
    write_names = [n for n, runs in results.items() if "c1" in runs and n not in sql]
    if write_names and locks is not None:
        lines += [
            "",
            "## Write scaling and lock waits",
            "",
            "Requests/s of each write at 1 and 8 connections (target: 8 ≥ 2 x 1), and the backends seen waiting "
            "on a lock (pg_locks not granted, sampled every 20 ms during the 8-connection run): mean waiting per "
            "sample, and what they waited for (lock type, relation; `transactionid` is a row lock held by "
            "another transaction until it commits).",
            "",
            "| write | req/s at 1 | req/s at 8 | 8 ÷ 1 | mean backends waiting at 8 | waits by lock |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for name in write_names:
            runs = results[name]
            one, eight = runs["c1"]["rps"], runs.get("c8", {}).get("rps")
            sampled = locks.get(f"{name} at 8", {})
            waits = ", ".join(f"{k}: {v}" for k, v in sampled.get("by_target", {}).items()) or "none"
            lines.append(
                f"| {name} | {one:,.0f} | {eight or 0:,.0f} | {(eight or 0) / max(one, 1e-9):.1f} | "
                f"{sampled.get('mean_waiting', 0):.2f} | {waits} |"
            )
    lines += ["", "## Targets", "", "| target | measured | verdict |", "| --- | --- | --- |"]
    for name, target in targets.items():
        run = results.get(name, {}).get("c8")
        if run is None:
            continue
        over = run["p95"] - target
        factor = run["p95"] / target
        detail = f"by {_ms(-over)} ms" if over <= 0 else f"{_ms(over)} ms over, {factor:.1f}x"
        lines.append(
            f"| {name}: p95 ≤ {target} ms at 8 clients | {_ms(run['p95'])} ms | {_verdict(over <= 0, detail)} |"
        )
    deep = next((n for n in results if n.startswith("case list, page")), None)
    if deep:
        first, later = results["case list, first page"]["c8"]["p95"], results[deep]["c8"]["p95"]
        lines.append(
            f"| {deep} no slower than page 1 (p95 at 8) | {_ms(later)} vs {_ms(first)} ms | "
            f"{_verdict(later <= first * 1.1, f'{later / first:.1f}x')} |"
        )
    rps = mixed["rps"]
    share_of_target = f"{rps / 1000:.0%} of 1 000"
    share_of_raw = f"{rps / max(raw_mixed, 1e-9):.0%} of raw"
    lines.append(
        f"| ≥ 1 000 mixed requests/s at 64 clients, zero errors | {rps:,.0f} req/s | "
        f"{_verdict(rps >= 1000 and not mixed['status_errors'], share_of_target)} |"
    )
    lines.append(
        f"| mixed throughput ≥ ½ of the same statements raw over psycopg ({args.workers} processes) | "
        f"{rps:,.0f} vs {raw_mixed:,.0f} req/s raw | {_verdict(rps >= raw_mixed / 2, share_of_raw)} |"
    )
    if export:
        api, copy = export["export"], export["copy"]
        api_rate, copy_rate = api["rows"] / api["seconds"], copy["rows"] / copy["seconds"]
        lines += [
            f"| export ≥ 50 % of COPY's rows/s | {api_rate:,.0f} vs {copy_rate:,.0f} rows/s | "
            f"{_verdict(api_rate >= copy_rate / 2, f'{api_rate / copy_rate:.0%}')} |",
            f"| export peak RSS < 150 MB | {api['rss_peak']:.0f} MB | "
            f"{_verdict(api['rss_peak'] < 150, '{:.0f} MB'.format(api['rss_peak']))} |",
            "",
            "## Call-center CSV export (bench/callcenter_export.py, each exporter in its own process)",
            "",
            "| exporter | rows | seconds | rows/s | output MB | RSS before MB | peak RSS MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, r in (
            ("API `GET /api/admin/citizens?include=phones`", api),
            ("psycopg `COPY ... TO STDOUT`", copy),
        ):
            lines.append(
                f"| {label} | {r['rows']:,} | {r['seconds']:.2f} | {r['rows'] / r['seconds']:,.0f} | "
                f"{r['bytes'] / 2**20:.1f} | {r['rss_before']:.0f} | {r['rss_peak']:.0f} |"
            )
    lines += ["", "## Errors", ""]
    lines += [f"- {f}" for f in failures] or ["None: every request of every scenario answered 2xx."]
    return "\n".join(lines) + "\n"


__all__: list[Any] = ["render_report"]
