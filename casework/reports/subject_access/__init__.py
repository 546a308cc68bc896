"""Data subject rights for one contact (GDPR art. 15 and 17): the access export and erasure, as a sub-domain of
reports with the usual rooms (`services`, `api`)."""
