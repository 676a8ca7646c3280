"""axe-core run inside a Playwright page: the serious and critical WCAG violations of what it shows.

axe-core (Deque, MPL-2.0) comes bundled and pinned in axe-playwright-python, so the check needs no
network. It is evaluated through the DevTools protocol, which the site's Content-Security-Policy
(no inline scripts) does not block.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def serious_violations(page) -> list[str]:
    """One line per serious or critical violation: rule, impact, and the first offending elements."""
    results = Axe().run(page, options=OPTIONS).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
