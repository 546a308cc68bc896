"""The crawler: every page a persona can reach, in English, Danish and Hebrew, at 1366 px and 390 px (issue #14).

Per persona (parametrized, so pytest-xdist spreads them; the admin's web UI and its configuration screens are two
tests) it signs in once and crawls in English at 1366 px from the landing page, following every same-site GET link
(navigation, content, pagers, sort headers) deduplicated by URL pattern (ids and numbers replaced by placeholders,
query keys kept), and on each kind of page one link of each kind of pager and sort link; links resolve against the
page's URL after redirects, as the browser resolves them. Then it opens, with the same session, one page of each
kind (the URL pattern without its query) in Danish and Hebrew at 1366 px, and one page of each layout (in the
configuration screens, one per kind of admin page rather than per model) in every language at 390 px.

On every visit it checks: no 4xx/5xx (the page or anything it loads), no console error (CSP violations included:
the crawl never bypasses CSP), nothing wider than the viewport, and on Danish and Hebrew pages no visible text that
is an English UI string the catalog translates (the names of seeded configuration rows are data in the
configuration screens). At 1366 px it runs axe-core once per layout and language (node_modules/axe-core, evaluated
over CDP, which CSP does not govern): no serious or critical violation. A pager or sort link whose page shows the
same content as the page it is on is a defect too.

All failures of a persona are reported together: persona, language, width, URL, problem. The counts (pages, visits
per language and width, links checked and followed, axe runs, seconds) are recorded per test and printed, with
their totals, in the "crawler" section of pytest's summary (tests/web/conftest.py).
"""

import hashlib
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command

from casework.core import labels
from tests.web.browser import axe_core_or_skip, reseed, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PASSWORD = "casework-demo-2026"
PERSONAS = ["admin", "manager", "caseworker", "viewer", "consultant", "employee", "operator"]
LANGUAGES = ["en", "da", "he"]
WIDTHS = [1366, 390]
MAX_PAGES = 30  # per persona: keeps the crawl within its time budget on a 2-core machine
LOCALE = Path(__file__).resolve().parents[2] / "casework" / "locale"

# Links the crawler never follows: they sign out, switch language, download, or change something.
SKIP_PATH = re.compile(
    r"/(signout|logout|i18n|static|media|api)(/|$)|/(delete|download|export)(/|$)|\.(csv|pdf|xlsx|zip|json)$"
    r"|^/admin/.*/(delete|history)/|^/admin/(logout|password_change)/|^/admin/r/"
)
PAGER_OR_SORT_KEYS = {"page", "sort", "order", "o", "p"}
# Names of the configuration rows the migrations and the demo seed (statuses, case types, outcome definitions) are
# data that admins edit: the configuration screens show them as stored, the web UI in the reader's language.
SEEDED_NAMES = set(labels.STATUS) | set(labels.CASE_TYPE) | set(labels.OUTCOME)


@dataclass
class Crawl:
    persona: str
    base: str
    failures: list[str] = field(default_factory=list)
    content_hash: dict[str, str] = field(default_factory=dict)
    links_checked: int = 0  # same-site links looked at on the pages found
    links_followed: int = 0  # of them, the ones opened (the first of each URL pattern)
    axe_runs: int = 0
    visits: Counter[tuple[str, int]] = field(default_factory=Counter)

    def fail(self, language: str, width: int, url: str, problem: str) -> None:
        path = url.removeprefix(self.base)
        line = f"{self.persona} {language} {width}px {path}: {problem}"
        if line not in self.failures:
            self.failures.append(line)


def url_pattern(path_and_query: str) -> str:
    """/cases/123/?page=2&sort=x -> /cases/{n}/?page&sort: one example of each kind of page is enough."""
    parts = urlsplit(path_and_query)
    path = re.sub(r"/[0-9a-f]{8}-[0-9a-f-]{27,}(?=/|$)", "/{uuid}", parts.path)
    path = re.sub(r"/\d+(?=/|$)", "/{n}", path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def untranslated_catalog(language: str) -> set[str]:
    """English msgids of two words or more that the language's catalog translates to something else."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    found: set[str] = set()
    for entry in text.split("\n\n"):
        if "#, fuzzy" in entry or "msgid_plural" in entry:
            continue
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', entry, re.M)
        if not match:
            continue
        msgid, msgstr = (
            "".join(re.findall(r'"(.*)"', group)).replace('\\"', '"') for group in match.groups()
        )
        if (
            msgid
            and msgstr
            and msgstr != msgid
            and len(msgid.split()) >= 2
            and not re.search(r"%|\{|<|\\n", msgid)
        ):
            found.add(msgid)
    return found


VISIBLE_TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
    if (!text || !el || el.closest('script,style,noscript,template,[data-user-content]')) continue;
    if (!el.checkVisibility || el.checkVisibility()) out.push(text);
  }
  return out;
}"""
WIDER_THAN_VIEWPORT_JS = """() => {
  const doc = document.documentElement;
  if (doc.scrollWidth <= window.innerWidth) return null;
  const culprit = [...document.body.querySelectorAll('*')].find(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
  });
  const name = culprit ? culprit.tagName.toLowerCase() + (culprit.id ? '#' + culprit.id : '') +
    (culprit.className && typeof culprit.className === 'string' ? '.' + culprit.className.trim().split(/\\s+/).join('.') : '') : '?';
  return doc.scrollWidth + ' px wide (e.g. ' + name + ')';
}"""
LINKS_JS = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download') && !a.closest('form[method=post i]'))
  .map(a => [a.getAttribute('href'), (a.innerText || a.getAttribute('aria-label') || '').trim()])"""
MAIN_TEXT_JS = "() => (document.querySelector('main') || document.body).innerText"
AXE_RUN_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


# htmx requests a page starts as it loads (hx-trigger="load") are done; cheaper than Playwright's "networkidle",
# which waits half a second on every page.
HTMX_IDLE_JS = "() => document.readyState === 'complete' && !document.querySelector('.htmx-request')"


class Visitor:
    """One browser context (language x width) signed in as the persona, checking every page it opens."""

    def __init__(
        self,
        browser: Any,
        crawl: Crawl,
        language: str,
        width: int,
        axe_source: str | None,
        storage_state: Any = None,
    ) -> None:
        self.crawl, self.language, self.width, self.axe_source = crawl, language, width, axe_source
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="en-US", storage_state=storage_state
        )
        # The product chooses the language from Django's language cookie (what the language switcher sets).
        self.context.add_cookies([{"name": "django_language", "value": language, "url": crawl.base}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.events: list[str] = []
        self.page.on(
            "console", lambda msg: msg.type == "error" and self.events.append(f"console error: {msg.text}")
        )
        self.page.on("pageerror", lambda exc: self.events.append(f"JavaScript error: {exc}"))
        self.page.on(
            "response",
            lambda response: (
                response.status >= 400
                and response.url.startswith(crawl.base)
                and self.events.append(f"HTTP {response.status} for {response.url.removeprefix(crawl.base)}")
            ),
        )
        if storage_state is None:
            # The other contexts reuse this sign-in's session cookie (see `storage_state`).
            sign_in(self.page, crawl.base, f"{crawl.persona}@casework.local", DEMO_PASSWORD)
        self.untranslated = untranslated_catalog(language) if language != "en" else set()

    def storage_state(self) -> Any:
        return self.context.storage_state()

    def visit(self, url: str, run_axe: bool) -> tuple[str, list[tuple[str, str]]]:
        """Open the page, check it, and return where it ended (after redirects) and its links (href, text)."""
        self.events.clear()
        self.crawl.visits[(self.language, self.width)] += 1
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_function(HTMX_IDLE_JS)
        final = urldefrag(self.page.url)[0]
        fail = lambda problem: self.crawl.fail(self.language, self.width, url, problem)  # noqa: E731
        if response is not None and response.status >= 400:
            fail(f"HTTP {response.status}")
        if not final.startswith(self.crawl.base) or urlsplit(final).path.startswith("/signin"):
            fail(f"left the site or signed out: {final}")
            return final, []
        for event in dict.fromkeys(self.events):
            fail(event)
        if (too_wide := self.page.evaluate(WIDER_THAN_VIEWPORT_JS)) is not None:
            fail(f"wider than the {self.width} px viewport: {too_wide}")
        if self.untranslated:
            english = sorted(
                {text for text in self.page.evaluate(VISIBLE_TEXTS_JS) if text in self.untranslated}
                - (SEEDED_NAMES if urlsplit(final).path.startswith("/admin/") else set())
            )
            if english:
                fail(f"untranslated English in {self.language}: {english}")
        if run_axe and self.axe_source is not None:
            self.crawl.axe_runs += 1
            self.page.evaluate(self.axe_source)
            for violation in self.page.evaluate(AXE_RUN_JS):
                fail(f"axe {violation}")
        if self.language == "en" and self.width == WIDTHS[0]:
            main_text = self.page.evaluate(MAIN_TEXT_JS)
            self.crawl.content_hash[url] = hashlib.sha256(main_text.encode()).hexdigest()
        return final, self.page.evaluate(LINKS_JS)

    def close(self) -> None:
        self.context.close()


def followable(crawl: Crawl, current: str, href: str) -> str | None:
    """The absolute URL of a link the crawler follows, resolved as the browser does (against the page's own URL,
    after any redirect), or None."""
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    target = urldefrag(urljoin(current, href))[0]
    if not target.startswith(crawl.base + "/"):
        return None
    if SKIP_PATH.search(urlsplit(target).path):
        return None
    return target


def page_pattern(path_and_query: str) -> str:
    """The URL pattern without its query: another page, order or filter of a list has the same strings and
    layout, so the other languages and widths see one of them."""
    return urlsplit(url_pattern(path_and_query)).path


def layout_pattern(path_and_query: str) -> str:
    """The page pattern, and in the configuration screens (the Django admin: one template per kind of page, for
    every model) without the app and model: the layout that the 390 px width and axe-core check once."""
    path = page_pattern(path_and_query)
    return re.sub(
        r"^/admin/[a-z_]+/[a-z_]+/",
        "/admin/{app}/{model}/",
        re.sub(r"^/admin/[a-z_]+/$", "/admin/{app}/", path),
    )


def first_per(pattern: Any, urls: list[str], base: str) -> list[str]:
    """The first URL of each pattern, in order."""
    return list({pattern(url.removeprefix(base)): url for url in reversed(urls)}.values())[::-1]


# The crawl of the admin persona is split in two tests (the web UI, the configuration screens), so that
# pytest-xdist can run them side by side.
AREAS = [(persona, "web") for persona in PERSONAS] + [("admin", "config")]


@pytest.mark.parametrize(("persona", "area"), AREAS, ids=[f"{p}-{a}" for p, a in AREAS])
def test_every_reachable_page_in_every_language_and_width(
    browser, live_server, persona, area, record_property
):
    axe_source = axe_core_or_skip()
    reseed()
    call_command("demo", contacts=12, cases=30, stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = time.monotonic()
    crawl = Crawl(persona=persona, base=live_server.url)
    in_area = (
        (lambda path: path.startswith("/admin/"))
        if area == "config"
        else (lambda path: not path.startswith("/admin/") or path == "/admin/")
    )

    # 1. Discover: English at the wide width, breadth first, one example per URL pattern (query keys included),
    # and on every page one of each kind of its pager and sort links.
    visitor = Visitor(browser, crawl, LANGUAGES[0], WIDTHS[0], axe_source)
    session = visitor.storage_state()
    start = urldefrag(visitor.page.url)[0] if area == "web" else crawl.base + "/admin/"
    queue, seen_patterns, pages = [start], {url_pattern(start.removeprefix(crawl.base))}, []
    axe_kinds: set[str] = set()
    pager_links: list[tuple[str, str, str]] = []  # (from, to, link text)
    discovery_visits = 0
    while queue and discovery_visits < MAX_PAGES:
        url = queue.pop(0)
        discovery_visits += 1
        # In English axe runs on one page of each kind (the admin's forms differ by model in their widgets).
        kind = page_pattern(url.removeprefix(crawl.base))
        final, links = visitor.visit(url, run_axe=kind not in axe_kinds)
        axe_kinds.add(kind)
        final_pattern = url_pattern(final.removeprefix(crawl.base))
        if final != url and final_pattern in seen_patterns:
            continue  # a redirect to a kind of page already found (e.g. / to a module's landing page)
        seen_patterns.add(final_pattern)
        pages.append(final)
        for href, text in links:
            target = followable(crawl, final, href)
            if target is None or target == final:
                continue
            crawl.links_checked += 1
            path = urlsplit(target).path
            if not in_area(path):
                continue
            keys = {key for key, _ in parse_qsl(urlsplit(target).query, keep_blank_values=True)}
            pattern = url_pattern(target.removeprefix(crawl.base))
            if keys & PAGER_OR_SORT_KEYS and path == urlsplit(final).path:
                pager_links.append((final, target, text))
                # Follow one link of each kind of pager and sort link on each kind of page (of the web UI: the
                # admin's sort headers are Django's own, one of them is enough).
                if area == "web":
                    pattern = f"{url_pattern(final.removeprefix(crawl.base))} -> {sorted(keys & PAGER_OR_SORT_KEYS)}"
            if pattern not in seen_patterns:
                seen_patterns.add(pattern)
                queue.append(target)
                crawl.links_followed += 1
    visitor.close()

    # A pager or sort link must lead to other content than the page it is on.
    for source, target, text in pager_links:
        if source in crawl.content_hash and crawl.content_hash.get(target) == crawl.content_hash[source]:
            crawl.fail(
                "en",
                WIDTHS[0],
                target,
                f"link {text!r} on {source.removeprefix(crawl.base)} shows the same content",
            )

    # 2. The other languages at the wide width: one page of each kind (axe on one of each layout); at the narrow
    # width, every language: one page of each layout.
    each_page = first_per(page_pattern, pages, crawl.base)
    each_layout = first_per(layout_pattern, pages, crawl.base)
    for language in LANGUAGES:
        for width in WIDTHS:
            if (language, width) == (LANGUAGES[0], WIDTHS[0]):
                continue
            visitor = Visitor(browser, crawl, language, width, axe_source, storage_state=session)
            axe_layouts = set()
            for url in each_page if width == WIDTHS[0] else each_layout:
                layout = layout_pattern(url.removeprefix(crawl.base))
                visitor.visit(url, run_axe=width == WIDTHS[0] and layout not in axe_layouts)
                axe_layouts.add(layout)
            visitor.close()

    duration = time.monotonic() - started
    combinations = ", ".join(f"{lang} {width} px: {n}" for (lang, width), n in crawl.visits.items())
    summary = (
        f"crawler {persona} ({area}): {len(pages)} pages, {len(each_page)} kinds, {len(each_layout)} layouts; "
        f"{sum(crawl.visits.values())} visits ({combinations}); {crawl.links_checked} links checked, "
        f"{crawl.links_followed} followed; {crawl.axe_runs} axe runs; {duration:.0f} s"
    )
    record_property("crawler", summary)
    record_property(
        "crawler_counts",
        {
            "pages": len(pages),
            "visits": sum(crawl.visits.values()),
            "links checked": crawl.links_checked,
            "links followed": crawl.links_followed,
            "axe runs": crawl.axe_runs,
            "seconds of crawling (summed over the tests)": round(duration),
        },
    )
    print(summary)
    report = "\n".join(crawl.failures)
    assert not crawl.failures, f"{summary}\n{len(crawl.failures)} problems:\n{report}"
