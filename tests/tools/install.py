"""Install (or check) the test tools by hand: `python tests/tools/install.py`.

The test suite does the same on demand, so this is only for a first look or for debugging.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sitecheck


def main() -> int:
    """Install vnu-jar if needed and print where java and vnu.jar are."""
    start = time.monotonic()
    try:
        cmd, version = sitecheck.vnu_command()
    except sitecheck.ToolUnavailable as exc:
        print(f"test tools: UNAVAILABLE: {exc}", file=sys.stderr)
        return 1
    print(f"java: {cmd[0]}")
    print(f"vnu.jar: {cmd[-1]} (vnu {version})")
    print(f"test tools: ok in {time.monotonic() - start:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
