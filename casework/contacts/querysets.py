from django.db import models
from django.db.models import Q


class ContactQuerySet(models.QuerySet):
    def search(self, text: str | None) -> "ContactQuerySet":
        if not text:
            return self
        query = Q()
        for word in text.split():
            query &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__icontains=word)
            )
        return self.filter(query)
