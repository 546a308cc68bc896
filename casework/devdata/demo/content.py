"""The words and proportions of `casework demo`: personas, case titles, notes, and how cases spread out.

Keyed by the seeded names of roles, case types and statuses; anything configured later falls back to a
generic entry, so the demo keeps working after admins edit the configuration.
"""

from typing import Any

ROLE_ORDER = {"admin": 0, "manager": 1, "caseworker": 2, "viewer": 3}
ROLE_PERSONAS = {
    "admin": ("Alex", "Morgan"),
    "manager": ("Maria", "Lopez"),
    "caseworker": ("Sam", "Carter"),
    "viewer": ("Vic", "Chen"),
}
EXTRA_CASEWORKERS = [("Priya", "Shah"), ("Tom", "Becker"), ("Lina", "Haddad"), ("Jonas", "Nielsen")]

# Reserved for documentation (RFC 2606): demo emails never reach a real inbox.
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]

# Relative share of cases per status: a realistic caseload is mostly active work and closed history.
STATUS_WEIGHTS = {
    "Intake": 8,
    "Under Review": 6,
    "Active": 14,
    "Pending Client": 6,
    "Pending External": 5,
    "In Progress": 12,
    "On Hold": 4,
    "Ready for Closure": 4,
    "Closed - Successful": 22,
    "Closed - Unsuccessful": 7,
    "Closed - Referred": 6,
    "Cancelled": 6,
}
TYPE_WEIGHTS = {
    "General Support": 20,
    "Crisis Intervention": 8,
    "Counseling": 14,
    "Legal Assistance": 12,
    "Housing": 16,
    "Employment": 12,
    "Healthcare": 9,
    "Financial Assistance": 9,
}
# Typical days from intake to closure, when the case type does not say.
AVERAGE_DAYS = {
    "General Support": 30,
    "Crisis Intervention": 14,
    "Counseling": 120,
    "Legal Assistance": 90,
    "Housing": 75,
    "Employment": 60,
    "Healthcare": 45,
    "Financial Assistance": 21,
}
# low, medium, high, urgent
PRIORITY_WEIGHTS = {"Crisis Intervention": (3, 17, 40, 40), "Housing": (10, 45, 35, 10)}

TITLES = {
    "General Support": [
        (
            "Help completing benefit application",
            "Needs help filling in and submitting a benefits application.",
        ),
        ("Request for information on local services", "Asked what support is available in the area."),
        (
            "Support with utility bill dispute",
            "Utility company disputes payments; client wants help to respond.",
        ),
        ("Help obtaining identity documents", "Lost ID documents and needs replacements to access services."),
    ],
    "Crisis Intervention": [
        ("Immediate safety concern at home", "Reports feeling unsafe at home; needs a safety plan today."),
        ("Crisis call: acute distress", "Called the crisis line in acute distress; follow-up required."),
        ("Sudden loss of housing after fire", "Apartment fire last night; family has nowhere to stay."),
        (
            "Domestic violence: emergency support",
            "Left the home with children; needs shelter and protection.",
        ),
    ],
    "Counseling": [
        ("Counseling for anxiety and sleep problems", "Persistent anxiety affecting work and sleep."),
        ("Grief counseling after bereavement", "Lost a partner three months ago; struggling to cope."),
        ("Family counseling referral", "Conflict at home; family asks for joint sessions."),
        ("Support for substance use recovery", "Wants counseling to stay sober after treatment."),
    ],
    "Legal Assistance": [
        ("Eviction notice received", "Landlord served a 30-day notice; client wants to contest it."),
        ("Help with custody arrangement", "Needs advice on a custody and visitation arrangement."),
        ("Wage theft claim against former employer", "Former employer withheld the final two paychecks."),
        ("Immigration status questions", "Visa renewal due; needs advice on documents and deadlines."),
    ],
    "Housing": [
        ("Emergency housing needed", "Currently staying with friends; must leave by the end of the week."),
        ("Application for affordable housing", "Wants to apply for the affordable housing waiting list."),
        ("Unsafe living conditions (mold)", "Mold in the apartment; landlord does not respond."),
        ("Rent arrears: risk of losing home", "Two months behind on rent after reduced working hours."),
    ],
    "Employment": [
        ("Job search support", "Unemployed for four months; wants help with applications."),
        ("CV and interview preparation", "Has interviews coming up and wants to prepare."),
        ("Vocational training enquiry", "Interested in training as a care assistant."),
        ("Return to work after illness", "Ready to return to work part time after long sick leave."),
    ],
    "Healthcare": [
        ("Referral to primary care doctor", "Has no regular doctor; needs registration and a first visit."),
        ("Help applying for health insurance", "Lost coverage when the job ended; needs a new plan."),
        ("Access to dental care", "Tooth pain for weeks; cannot afford a private dentist."),
        ("Medication costs support", "Cannot afford prescribed medication this month."),
    ],
    "Financial Assistance": [
        ("Emergency grant for utility bills", "Electricity shut-off notice; needs an emergency grant."),
        ("Budgeting support and debt advice", "Several debts in arrears; wants a budget and repayment plan."),
        ("Help with food costs", "Household short of money for food until the next paycheck."),
        ("One-off grant for school supplies", "Children start school next month; no money for supplies."),
    ],
}
GENERIC_TITLES = [("Request for support", "Client asked for support; details to be assessed at intake.")]

TAGS = {
    "General Support": ["benefits", "documents", "information", "utilities", "language-support"],
    "Crisis Intervention": ["safety-plan", "domestic-violence", "emergency", "mental-health", "children"],
    "Counseling": ["anxiety", "grief", "family", "substance-use", "depression"],
    "Legal Assistance": ["eviction", "custody", "immigration", "employment-law", "court"],
    "Housing": ["eviction", "shelter", "affordable-housing", "repairs", "rent-arrears"],
    "Employment": ["cv", "training", "interview", "job-search", "return-to-work"],
    "Healthcare": ["insurance", "dental", "medication", "primary-care", "disability"],
    "Financial Assistance": ["debt", "grant", "budgeting", "food", "utilities"],
}
GENERIC_TAGS = ["follow-up", "priority-client", "language-support"]

REFERRERS = [
    "City Social Services",
    "St. Mary's Hospital",
    "Lincoln Elementary School",
    "County Legal Aid",
    "Community Food Bank",
    "Police Victim Services",
    "Riverside Health Center",
    "Job Center North",
]

# Reasons given when moving into a status (required where the status says so).
REASONS = {
    "On Hold": [
        "Client travelling for a family emergency",
        "Waiting for the court date to be set",
        "Client in hospital",
    ],
    "Closed - Successful": ["Goals met", "Client housed and stable", "Issue resolved"],
    "Closed - Unsuccessful": [
        "Client stopped responding",
        "Not eligible for the available programs",
        "Client declined further support",
    ],
    "Closed - Referred": [
        "Referred to County Legal Aid",
        "Referred to a specialist counseling service",
        "Referred to City Social Services",
    ],
    "Cancelled": ["Duplicate of an existing case", "Client withdrew the request", "Opened in error"],
}
OUTCOME_NOTES = {
    "Closed - Successful": [
        "Client reports the situation is resolved; no further support needed.",
        "All goals in the support plan were met.",
    ],
    "Closed - Unsuccessful": [
        "Three contact attempts without answer; case closed.",
        "Client did not meet eligibility criteria.",
    ],
    "Closed - Referred": ["Warm handover completed; the partner organisation confirmed receipt."],
}

NOTE_TYPES = ["note", "call", "email", "meeting", "update"]
NOTE_TYPE_WEIGHTS = [35, 25, 20, 12, 8]
NOTES = {
    "note": [
        (
            "Assessment",
            "Completed the needs assessment with {first_name}. Main needs documented in intake data.",
        ),
        ("Documents received", "{first_name} brought copies of ID, lease and recent pay slips."),
        ("Plan agreed", "Agreed a support plan with {first_name}: three steps, review in two weeks."),
        ("", "{first_name} seemed more confident today; progress on the first goal."),
    ],
    "call": [
        ("Follow-up call", "Called {first_name} to check on progress. No new concerns."),
        ("Call with landlord", "Spoke with the landlord; they agreed to wait until the grant decision."),
        ("Missed call", "Tried to reach {first_name}; left a voicemail asking to call back."),
        ("Call from client", "{first_name} called with questions about the next appointment."),
    ],
    "email": [
        ("Appointment confirmation", "Emailed {first_name} the appointment time and what to bring."),
        ("Sent application forms", "Sent the application forms and a checklist of required documents."),
        ("Reply from partner agency", "Partner agency confirmed they can take the referral next week."),
    ],
    "meeting": [
        ("Office meeting", "Met {first_name} at the office to go through the application together."),
        ("Home visit", "Home visit completed; living conditions noted in the assessment."),
        ("Case conference", "Discussed the case with the team; agreed next steps and responsibilities."),
    ],
    "update": [
        ("Application submitted", "Application submitted; decision expected within 30 days."),
        ("Decision received", "Decision received and explained to {first_name}."),
        ("Waiting list update", "{first_name} moved up the waiting list; now in the top 20."),
    ],
}

CONTACT_NOTES = [
    "Prefers contact by phone in the afternoon.",
    "Needs a Spanish interpreter.",
    "Do not leave voicemails; shared phone.",
    "Prefers email.",
    "Uses a wheelchair; book accessible rooms.",
]

# Realistic answers for the seeded intake fields; any other field gets a generic valid value.
FIELD_SAMPLES: dict[str, list[Any]] = {
    "request_summary": [
        "Help filling in forms and understanding letters from the benefits office.",
        "Information about support for single parents.",
        "Someone to go with me to the housing office appointment.",
    ],
    "presenting_issue": [
        "Anxiety and panic attacks, worse since losing my job.",
        "Low mood and trouble sleeping after a bereavement.",
        "Conflict with my teenage son; we argue every day.",
    ],
    "needs": [
        "Regular doctor and a check-up for diabetes.",
        "Dental treatment; tooth pain for three weeks.",
        "Help paying for asthma medication.",
    ],
    "skills": [
        "Customer service, cash handling, forklift licence.",
        "Cooking, cleaning, caring for elderly relatives.",
        "Basic computer skills, warehouse work, driving licence.",
    ],
    "current_situation": [
        "Staying with friends, can stay until Friday",
        "Renting, two months behind on rent",
        "Living in a car",
        "In a shelter, must leave within 30 days",
    ],
    "household_size": [1, 1, 2, 2, 3, 3, 4, 5, 6],
    "amount_requested": [150, 250, 400, 600, 850, 1200, 2000],
}
