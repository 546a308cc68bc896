"""`casework generate`: large, realistic, reproducible data for benchmarks, written in bulk.

- `plan.py`: what to generate (`Plan`), the deterministic ids, and the arithmetic the builders share;
- `columns.py`: each generated table's columns, in the order the builders write them;
- `pools.py`: the words the rows are drawn from (names, streets, note sentences, documents), built once per seed;
- `rows.py`: the row builder (staff, contacts, cases with notes, outcome tags and documents); `naturecheck.py` and
  `callcenter.py` build those domains' rows from it;
- `sinks.py`: the writers (PostgreSQL `COPY FROM STDIN`, batched `executemany` on SQLite), the progress bar, and
  the PostgreSQL bulk-load mode (indexes and keys dropped and rebuilt around the load, in its transaction);
- `load.py`: the run, phase by phase; the cases and notes built by forked worker processes, each day of cases
  seeded on its own so the rows are the same whatever the number of workers. The derived stores (tally, search
  rows, report columns) are rebuilt in one marked place at the end of `load.generate` (`core.derived`).

Like `casework demo`, this is seed data that bypasses the services on purpose; see `rows.py` for the invariants it
keeps instead.
"""

from casework.core import extras

# Faker writes the names, addresses and texts; it comes with the devdata extra (make run installs it).
extras.require("faker", "devdata", "casework demo and casework generate")
