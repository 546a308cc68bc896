"""`casework generate`: large, realistic, reproducible data for benchmarks, written in bulk.

- `pools.py`: the words the rows are drawn from (names, streets, note sentences), built once per seed;
- `rows.py`: the row builders, one per table, yielding tuples in the tables' column order;
- `sinks.py`: the writers (PostgreSQL `COPY FROM STDIN`, batched `executemany` on SQLite), the progress bar, and
  the PostgreSQL bulk-load mode (indexes and keys dropped and rebuilt around the load, in its transaction);
- `load.py`: the run, phase by phase; the cases and notes built by forked worker processes, each day of cases
  seeded on its own so the rows are the same whatever the number of workers. Derived data (summary tables,
  denormalised columns) is rebuilt in one marked place at the end of `load.generate`.

Like `casework demo`, this is seed data that bypasses the services on purpose; see `rows.py` for the invariants it
keeps instead.
"""
