"""Who handled which citizen (operators read only those), filled from what the records already say: the last
operator to submit a call result, and the holder of a running lock."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


BACKFILL = [
    """
    INSERT INTO callcenter_citizenhandler (citizen_id, operator_id, first_handled_at)
    SELECT id, last_updated_by_id, COALESCE(last_updated_at, created_at)
      FROM callcenter_citizenrecord WHERE last_updated_by_id IS NOT NULL
    """,
    """
    INSERT INTO callcenter_citizenhandler (citizen_id, operator_id, first_handled_at)
    SELECT r.id, r.locked_by_id, r.created_at
      FROM callcenter_citizenrecord r
     WHERE r.locked_by_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM callcenter_citizenhandler h
                        WHERE h.citizen_id = r.id AND h.operator_id = r.locked_by_id)
    """,
]


class Migration(migrations.Migration):

    dependencies = [
        ('callcenter', '0003_configuration'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CitizenHandler',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_handled_at', models.DateTimeField()),
                ('citizen', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='handlers', to='callcenter.citizenrecord')),
                ('operator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('operator', 'citizen'), name='callcenter_handler_once')],
            },
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
