"""The words generated rows are drawn from: built once per seed with Faker, then picked with a seeded `random`.

Calling Faker per row would cost ~20 µs a value; a few thousand pooled values give the same look at a fraction of
that. Case titles, note templates, reasons and tags come from the demo's content module; the document names and
the outcome tags' evidence are here.
"""

import random
import unicodedata

from faker import Faker

POOL_SIZE = 3000

# Sentences a caseworker adds to a note, so note lengths spread like real ones (one line to a few paragraphs).
NOTE_SENTENCES = [
    "Discussed the options available and agreed to revisit them at the next appointment.",
    "Reminded {first_name} of the documents still missing from the file.",
    "No safety concerns raised.",
    "Will check with the partner organisation whether a place is available before the end of the month.",
    "{first_name} asked for a written summary of what was agreed; sent by post.",
    "Income details updated; the household budget now shows a small monthly surplus.",
    "Agreed that {first_name} will contact the landlord directly and report back on Friday.",
    "Explained the appeal process and the deadlines that apply.",
    "Referral form completed and sent; confirmation expected within five working days.",
    "The interpreter joined by phone for the second half of the conversation.",
    "{first_name} said the children are settling in well at the new school.",
    "Outstanding balance confirmed with the utility company.",
    "Next review booked in four weeks.",
    "Supervisor consulted; no change to the plan.",
    "{first_name} was tired but engaged, and asked good questions about the next steps.",
    "Copies of the letters scanned and added to the case documents.",
    "Transport to the appointment arranged through the volunteer driver scheme.",
    "Risk assessment reviewed and unchanged since the last visit.",
]

DANISH_FARM_WORDS = ["Bakke", "Øster", "Vester", "Nørre", "Sønder", "Mølle", "Skov", "Eng", "Lunde", "Holm"]
DANISH_TOWNS = [
    ("8600", "Silkeborg"),
    ("7400", "Herning"),
    ("6700", "Esbjerg"),
    ("9800", "Hjørring"),
    ("8800", "Viborg"),
    ("6100", "Haderslev"),
    ("4700", "Næstved"),
    ("7100", "Vejle"),
]
DANISH_FIRST = ["Jens", "Niels", "Hanne", "Kirsten", "Morten", "Bent", "Inge", "Jørgen", "Lone", "Henrik"]
DANISH_LAST = ["Mikkelsen", "Madsen", "Christensen", "Poulsen", "Johansen", "Jensen", "Nielsen", "Hansen"]

# Call-center citizens: a municipality's residents, in Hebrew and in Latin script.
CITIZEN_FIRST = [
    "Noa",
    "נועה",
    "David",
    "דוד",
    "Anna",
    "Анна",
    "Yosef",
    "מרים",
    "Sofia",
    "Avi",
    "שרה",
    "Omer",
]
CITIZEN_LAST = ["Cohen", "כהן", "Levi", "לוי", "Petrova", "Mizrahi", "אזולאי", "Peretz", "Ben-David", "פרץ"]
CITIZEN_STREETS = ["Herzl", "הרצל", "Rothschild", "ז'בוטינסקי", "Ha-Atzmaut", "העצמאות", "Weizmann", "בגין"]


# Generated documents (metadata only): names by kind, how often each kind and access level occurs.
DOCUMENT_NAMES = {
    "intake": [("Intake form", "pdf"), ("Signed intake questionnaire", "pdf")],
    "assessment": [("Needs assessment", "docx"), ("Risk assessment", "pdf")],
    "consent": [("Signed consent", "pdf"), ("Data sharing consent", "pdf")],
    "report": [("Progress report", "docx"), ("Closing report", "pdf")],
    "correspondence": [("Letter from landlord", "jpg"), ("Letter from benefits office", "pdf")],
    "other": [("Pay slip", "jpg"), ("Copy of ID", "png"), ("Bank statement", "pdf")],
}
DOCUMENT_KINDS = ("intake", "intake", "assessment", "consent", "report", "correspondence", "other")
ACCESS_LEVELS = ("public", "standard", "restricted", "confidential")
ACCESS_CUM = (5, 75, 93, 100)
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}
EVIDENCE = [
    "Confirmed by the client on the call.",
    "Letter received and filed.",
    "Verified with the provider.",
]


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum()) or "x"


class Pools:
    """Seeded pools of names, addresses and phone numbers."""

    def __init__(self, seed: int):
        fake = Faker("en_US")
        fake.seed_instance(seed)
        rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
        self.first_names = [fake.first_name() for _ in range(POOL_SIZE)]
        self.last_names = [fake.last_name() for _ in range(POOL_SIZE)]
        self.streets = [fake.street_address() for _ in range(POOL_SIZE)]
        self.cities = [(fake.city(), fake.postcode()) for _ in range(POOL_SIZE // 10)]
        self.phones = [fake.phone_number().split("x")[0] for _ in range(POOL_SIZE)]
        self.slugs = {name: ascii_slug(name) for name in {*self.first_names, *self.last_names}}
        rng.shuffle(self.first_names)
