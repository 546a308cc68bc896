"""Development and benchmark data: `casework demo` (a living first screen) and `casework generate` (bulk data for
benchmarks). The top layer: it writes every domain's tables and may import any app; no app imports it, so a
deployment without it runs the same."""
