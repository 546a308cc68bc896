"""Read the system-written timeline entries stored as English sentences into their kind and params."""

from django.db import migrations
from django.db.models import Q

from casework.cases.timeline import parse_english

PREFIXES = ("Status changed from ", "Assigned to ", "Intake: ", "Document ", "New version ")
BATCH = 2000


def forwards(apps, schema_editor):
    CaseNote = apps.get_model("cases", "CaseNote")
    candidates = Q()
    for prefix in PREFIXES:
        candidates |= Q(content__startswith=prefix)
    changed = []
    for note in CaseNote.objects.filter(candidates, kind="written").only("pk", "content").iterator(BATCH):
        found = parse_english(note.content)
        if found is None:
            continue
        note.kind, note.params = found.kind, found.params
        changed.append(note)
        if len(changed) >= BATCH:
            CaseNote.objects.bulk_update(changed, ["kind", "params"])
            changed = []
    CaseNote.objects.bulk_update(changed, ["kind", "params"])


def backwards(apps, schema_editor):
    # `content` kept the English sentence: going back only forgets the kinds.
    apps.get_model("cases", "CaseNote").objects.exclude(kind="written").update(kind="written", params={})


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_casenote_kind_params")]

    operations = [migrations.RunPython(forwards, backwards)]
