# Indexes for the case list's filters and search (issue #7). Filled in by the search work; kept as the fixed
# parent of 0006 so that migrations written in parallel stay one line.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_list_order_index"),
    ]

    operations: list = []
