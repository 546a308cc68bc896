"""Calendar weeks as the screens count them: Monday first."""

import datetime as dt


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_end(day: dt.date) -> dt.date:
    return week_start(day) + dt.timedelta(days=6)
