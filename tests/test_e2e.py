"""The portal in a real browser: Debian's headless Chromium driven by
playwright-core, with axe-core checking WCAG 2.1 AA on every page
(tests/e2e/run.mjs has the pages and scenarios). Screenshots at 390 px and
1280 px, axe reports and a printed PDF are left in the build directory
(tests/e2e-results/). Skipped, saying why, only when Chromium, node or npm
is missing; the npm packages (pinned in tests/e2e/package-lock.json) are
installed into the build directory on first use."""
import filecmp
import os
import shutil
import subprocess
import unittest

from harness import BUILDDIR, SRCDIR, PortalTestCase, main

CHROMIUM = os.environ.get("HRPORTAL_CHROMIUM", "/usr/bin/chromium")
E2E_SRC = os.path.join(SRCDIR, "tests", "e2e")
MODULES_HOME = os.path.join(BUILDDIR, "tests", "e2e-modules")
RESULTS = os.path.join(BUILDDIR, "tests", "e2e-results")
MISSING = [what for what, ok in (("chromium (apt-get install chromium)", os.path.exists(CHROMIUM)),
                                 ("node (apt-get install nodejs)", shutil.which("node")),
                                 ("npm (apt-get install npm)", shutil.which("npm"))) if not ok]


def install_modules():
    """npm ci into the build directory when the lock file changed."""
    os.makedirs(MODULES_HOME, exist_ok=True)
    lock = os.path.join(MODULES_HOME, "package-lock.json")
    ready = os.path.isdir(os.path.join(MODULES_HOME, "node_modules", "playwright-core")) and \
        os.path.exists(lock) and filecmp.cmp(lock, os.path.join(E2E_SRC, "package-lock.json"), shallow=False)
    if ready:
        return
    for name in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(E2E_SRC, name), MODULES_HOME)
    env = dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
    out = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                         cwd=MODULES_HOME, env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise AssertionError("npm ci failed (playwright-core and axe-core from the npm registry):\n"
                             + out.stdout[-2000:] + out.stderr[-2000:])


@unittest.skipIf(MISSING, "needs " + ", ".join(MISSING))
class Browser(PortalTestCase):

    def test_pages_scenarios_and_accessibility(self):
        install_modules()
        shutil.rmtree(RESULTS, ignore_errors=True)
        out = subprocess.run(["node", os.path.join(E2E_SRC, "run.mjs"), self.portal.url, "--out", RESULTS,
                              "--modules", os.path.join(MODULES_HOME, "node_modules")],
                             capture_output=True, text=True, timeout=900)
        print(out.stdout)
        self.assertEqual(out.returncode, 0, out.stdout[-6000:] + out.stderr[-3000:])
        last = out.stdout.strip().splitlines()[-1]
        self.assertRegex(last, r"^\d+ passed, 0 failed$")
        self.assertGreater(int(last.split()[0]), 30)
        shots = os.listdir(os.path.join(RESULTS, "screenshots"))
        for width in (390, 1280):
            for name in ("home", "section-sick-leave", "handbook-contents", "glossary", "section-print"):
                shot = "%s-%d.png" % (name, width)
                self.assertIn(shot, shots)
                with open(os.path.join(RESULTS, "screenshots", shot), "rb") as f:
                    self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        with open(os.path.join(RESULTS, "annual-leave-print.pdf"), "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")


if __name__ == "__main__":
    main()
