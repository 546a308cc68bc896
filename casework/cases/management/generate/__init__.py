"""`casework generate`: large, realistic, reproducible data for benchmarks, written in bulk.

- `pools.py`: the words the rows are drawn from (names, streets, note sentences), built once per seed;
- `rows.py`: the row builders, one per table, yielding tuples in the tables' column order;
- `sinks.py`: the writers (PostgreSQL `COPY FROM STDIN`, batched `executemany` on SQLite) and the progress bar.

Like `casework demo`, this is seed data that bypasses the services on purpose; see `rows.py` for the invariants it
keeps instead.
"""
