from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "casework.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from casework.accounts.models import Team, User
        from casework.cases import search, tallies
        from casework.core import derived

        # Deleting a user or team (admin) sets their cases' assignee to null in the database; the tally
        # follows in the same transaction.
        post_delete.connect(tallies.user_deleted, sender=User, dispatch_uid="cases.tally.user_deleted")
        post_delete.connect(tallies.team_deleted, sender=Team, dispatch_uid="cases.tally.team_deleted")

        # Derived stores (`casework.core.derived`), rebuilt in this order by `rebuild_all()`.
        derived.register(
            "search rows", rebuild=search.rebuild_search_rows, matches_recount=search.search_rows_match
        )
        # The tally always recounts in full (it has no rows of its own to add).
        derived.register(
            "case tally",
            rebuild=lambda *, only_missing: tallies.rebuild(),
            matches_recount=lambda: tallies.stored() == tallies.recount(),
        )
