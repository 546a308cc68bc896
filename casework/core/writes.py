"""Writes that belong together (a row, its history, its tally, its timeline note, its audit event), sent to the
database in as few statements as it allows.

`with Writes() as writes:` collects INSERTs (`insert`), UPDATEs (`update`) and raw statements (`sql`); leaving
the block without an exception sends them. PostgreSQL receives them as ONE statement, every statement but the
last a data-modifying CTE (`WITH w1 AS (INSERT ...), w2 AS (UPDATE ...) INSERT ...`: each runs exactly once and
to completion, all against one snapshot); SQLite runs them one by one, in order. Either way they run inside the
caller's transaction, so they commit or roll back with it, and a constraint they break raises from `send()` as
from any write.

Because PostgreSQL runs them against one snapshot, the statements of one `Writes` must not depend on each
other's effects (a statement does not see the rows another inserts) and no two may change the same row. Foreign
keys between the rows are fine: Django's are deferred to the commit. One order can be asked for: an INSERT
given `after=` (the handle an earlier `update_all` or `sql` returned) runs when that statement has finished,
because on PostgreSQL it selects its row only after counting what the earlier one returned. That is what a
unique index checked row by row needs (closing the open period before the next one opens).

No model signals are sent (`pre_save`/`post_save`): the caller writes what a signal handler would (the history
row of a case, for instance) itself, into the same `Writes`.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, models
from django.db.models import AutoField, BigAutoField, SmallAutoField
from django.db.models.sql import UpdateQuery

AUTO_FIELDS = (AutoField, BigAutoField, SmallAutoField)


class Writes:
    """Statements collected to be sent together (see the module's docstring)."""

    def __init__(self, using: str = "default") -> None:
        self.using = using
        self.statements: list[tuple[str, list[Any]]] = []
        self.awaited: set[int] = set()  # statements an INSERT waits for (they get a RETURNING)

    def __enter__(self) -> "Writes":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.send()

    def sql(self, sql: str, params: Sequence[Any] = ()) -> int:
        """A statement of the caller's own (no trailing semicolon, `%s` placeholders); returns its handle."""
        self.statements.append((sql, list(params)))
        return len(self.statements) - 1

    def update_all(self, queryset: models.QuerySet[Any], **values: Any) -> int:
        """UPDATE the rows of `queryset` (filtered on its model's own columns) as `queryset.update(**values)`
        would; returns the statement's handle."""
        query: Any = queryset.query.chain(UpdateQuery)
        query.add_update_values(values)
        assert not query.related_updates, "update_all writes its model's own table only"
        sql, params = query.get_compiler(self.using).as_sql()
        return self.sql(sql, params)

    def insert(self, objs: Iterable[models.Model] | models.Model, *, after: int | None = None) -> None:
        """INSERT new, unsaved model instances (one statement for each model's rows).

        Fields' `pre_save` runs as in `save()` (auto_now timestamps are set on the instances); an auto-increment
        primary key left empty is left to the database (and stays None on the instance). With `after` (one
        instance only), the row is inserted once the statement of that handle has run (see the module's
        docstring)."""
        rows = [objs] if isinstance(objs, models.Model) else list(objs)
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for obj in rows:
            by_model.setdefault(type(obj), []).append(obj)
        for model, instances in by_model.items():
            sql, params = self._insert(model, instances)
            if after is not None and connections[self.using].vendor == "postgresql":
                assert len(instances) == 1, "an ordered INSERT takes one row"
                assert 0 <= after < len(self.statements), "`after` names an earlier statement"
                columns, _, row = sql.partition(" VALUES ")
                sql = f"{columns} SELECT {row[1:-1]} WHERE (SELECT count(*) FROM w{after}) >= 0"  # noqa: S608
                self.awaited.add(after)
            self.statements.append((sql, params))

    def update(self, obj: models.Model, fields: Iterable[str]) -> None:
        """UPDATE the named fields of a saved instance (by primary key), as `save(update_fields=...)` would:
        auto_now fields named are stamped."""
        connection = connections[self.using]
        quote = connection.ops.quote_name
        meta = obj._meta
        assignments, params = [], []
        for name in dict.fromkeys(fields):
            field: Any = meta.get_field(name)
            value = field.pre_save(obj, add=False)
            assignments.append(f"{quote(field.column)} = %s")
            params.append(field.get_db_prep_save(value, connection))
        pk = meta.pk
        assert pk is not None
        params.append(pk.get_db_prep_value(obj.pk, connection))
        sql = (
            f"UPDATE {quote(meta.db_table)} SET {', '.join(assignments)} "  # noqa: S608 - model identifiers
            f"WHERE {quote(pk.column)} = %s"
        )
        self.statements.append((sql, params))

    def _insert(self, model: type[models.Model], instances: list[models.Model]) -> tuple[str, list[Any]]:
        connection = connections[self.using]
        quote = connection.ops.quote_name
        meta = model._meta
        fields = [
            f
            for f in meta.local_concrete_fields
            if not (isinstance(f, AUTO_FIELDS) and all(getattr(o, f.attname) is None for o in instances))
        ]
        params: list[Any] = []
        for obj in instances:
            for field in fields:
                params.append(field.get_db_prep_save(field.pre_save(obj, add=True), connection))
            obj._state.adding = False
            obj._state.db = self.using
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
            f"VALUES {', '.join([row] * len(instances))}"
        )
        return sql, params

    def send(self) -> None:
        """Run what was collected (see the module's docstring) and start over empty."""
        statements, self.statements = self.statements, []
        awaited, self.awaited = self.awaited, set()
        if not statements:
            return
        connection = connections[self.using]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and len(statements) > 1:
                *first, (last_sql, last_params) = statements
                ctes = ", ".join(
                    f"w{i} AS ({sql}{' RETURNING 1' if i in awaited else ''})"
                    for i, (sql, _) in enumerate(first)
                )
                params = [p for _, ps in first for p in ps] + last_params
                cursor.execute(f"WITH {ctes} {last_sql}", params)
            else:
                for sql, params in statements:
                    cursor.execute(sql, params)


def insert_new(objs: Sequence[models.Model], *, unique: str, using: str = "default") -> list[models.Model]:
    """INSERT the instances in one statement, skipping those whose `unique` field (a unique column, or one a
    partial `UniqueConstraint` of the model covers) a row already holds; returns the instances inserted. The
    database decides a race: two writers of the same value both run, one inserts."""
    if not objs:
        return []
    connection = connections[using]
    model = type(objs[0])
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    sql, params = Writes(using)._insert(model, list(objs))
    quote = connection.ops.quote_name
    unique_field: Any = meta.get_field(unique)
    target = quote(unique_field.column)
    where = _partial_index_predicate(model, unique, connection).replace("%", "%%")
    sql += f" ON CONFLICT ({target}){where} DO NOTHING RETURNING {quote(pk.column)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        inserted = {pk.to_python(row[0]) for row in cursor.fetchall()}
    made = [obj for obj in objs if obj.pk in inserted]
    for obj in objs:
        if obj.pk not in inserted:
            obj._state.adding = True
    return made


def _partial_index_predicate(model: type[models.Model], field: str, connection: Any) -> str:
    """` WHERE <condition>` of the model's partial UniqueConstraint on `field` alone ("" for a plain unique
    column): ON CONFLICT names a partial index by its predicate, which SQLite wants exactly as the index has
    it, values inlined as the schema editor wrote them."""
    key = (model, field, connection.vendor)
    if key not in _PREDICATES:
        from django.db.models.sql import Query

        predicate = ""
        for constraint in model._meta.constraints:
            if (
                isinstance(constraint, models.UniqueConstraint)
                and list(constraint.fields) == [field]
                and constraint.condition is not None
            ):
                query = Query(model=model, alias_cols=False)
                where = query.build_where(constraint.condition)
                sql, params = where.as_sql(query.get_compiler(connection=connection), connection)
                editor = connection.schema_editor()
                predicate = " WHERE " + sql % tuple(editor.quote_value(p) for p in params)
        _PREDICATES[key] = predicate
    return _PREDICATES[key]


_PREDICATES: dict[tuple[Any, str, str], str] = {}
