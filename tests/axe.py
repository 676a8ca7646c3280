"""axe-core run inside a Playwright page: the serious and critical WCAG violations of what it shows.

axe-core is vendored under tests/vendor/axe-core (see its README: version, origin, checksum), so
the check needs no network. It is evaluated through the DevTools protocol, which the site's
Content-Security-Policy (no inline scripts) does not block.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

AXE_VERSION = "4.10.3"
AXE_SHA256 = "880970c081707360e64f34cea25ff91892f5bc95675b0776925b9709dd8a68bb"
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def _axe_source() -> str:
    data = AXE_JS.read_bytes()
    if hashlib.sha256(data).hexdigest() != AXE_SHA256:
        raise AssertionError(f"{AXE_JS} is not axe-core {AXE_VERSION} as vendored (checksum differs)")
    return data.decode("utf-8")


def serious_violations(page) -> list[str]:
    """One line per serious or critical violation: rule, impact, and the first offending elements."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    assert results["testEngine"]["version"] == AXE_VERSION
    return [
        f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
