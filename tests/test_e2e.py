"""The portal in a real browser: Debian's headless Chromium driven by
playwright-core, with axe-core checking WCAG 2.1 AA on every page
(tests/e2e/run.mjs has the pages and scenarios). The portal sends its mail
for real (the mailer, over SMTP with STARTTLS to the catcher on loopback);
tests/e2e/mail_endpoint.py hands the caught mail to the browser's multi-user
scenario (employee, supervisor, HR). Screenshots at 390 px and 1280 px, axe
reports and a printed PDF are left in the build directory
(tests/e2e-results/). Skipped, saying why, only when Chromium, node or npm
is missing; the npm packages (pinned in tests/e2e/package-lock.json) are
installed into the build directory on first use."""
import datetime
import filecmp
import os
import shutil
import subprocess
import sys
import unittest
import zoneinfo

from harness import BUILDDIR, SRCDIR, PortalTestCase, main

CHROMIUM = os.environ.get("HRPORTAL_CHROMIUM", "/usr/bin/chromium")
E2E_SRC = os.path.join(SRCDIR, "tests", "e2e")
MODULES_HOME = os.path.join(BUILDDIR, "tests", "e2e-modules")
RESULTS = os.path.join(BUILDDIR, "tests", "e2e-results")
sys.path.insert(0, E2E_SRC)
from mail_endpoint import MailEndpoint  # noqa: E402

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

    portal_options = {"mail": True}

    def test_pages_scenarios_and_accessibility(self):
        install_modules()
        shutil.rmtree(RESULTS, ignore_errors=True)
        with MailEndpoint(self.portal.relay) as mail:
            out = subprocess.run(["node", os.path.join(E2E_SRC, "run.mjs"), self.portal.url, "--out", RESULTS,
                                  "--modules", os.path.join(MODULES_HOME, "node_modules"), "--mail", mail.url],
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
        for name in ("wizard-service", "wizard-service-error", "wizard-reason", "wizard-family", "wizard-usage",
                     "wizard-result", "form-fmla", "review", "request-submitted", "inbox", "request-supervisor",
                     "my-requests", "admin-preview", "admin-edit", "section-history"):
            for width in (390, 1280):
                self.assertIn("flow-%s-%d.png" % (name, width), shots)
        with open(os.path.join(RESULTS, "annual-leave-print.pdf"), "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        self.assertRegex(out.stdout, r"\nok - scenario employeeSupervisorAndHrThroughTheMail \(\d+\.\d s\)\n")
        self.check_flow_left_its_traces()

    def check_flow_left_its_traces(self):
        """What the browser's multi-user scenario did, seen from the
        database and the SMTP catcher."""
        with self.portal.db() as con:
            reqs = con.execute("SELECT r.id, r.status, u.login AS owner, a.login AS decider FROM requests r "
                               "JOIN users u ON u.id = r.owner_id LEFT JOIN request_events e "
                               "ON e.request_id = r.id AND e.action = 'approved' "
                               "LEFT JOIN users a ON a.id = e.actor_id WHERE r.type = 'fmla'").fetchall()
            self.assertEqual([tuple(r)[1:] for r in reqs], [("approved", "jdoe", "msmith")])
            rid = reqs[0]["id"]
            wiz = con.execute("SELECT wizard, eligible FROM wizard_results WHERE request_id = ?", (rid,)).fetchall()
            self.assertEqual([tuple(w) for w in wiz], [("fmla", 1)])
            today = datetime.datetime.now(zoneinfo.ZoneInfo("America/New_York")).date().isoformat()
            versions = con.execute("SELECT v.version, v.effective_date, v.summary, v.published_by, v.body_md "
                                   "FROM section_versions v JOIN sections s ON s.id = v.section_id "
                                   "JOIN documents d ON d.id = s.document_id "
                                   "WHERE d.slug = 'handbook' AND s.slug = 'voting-leave' ORDER BY v.version").fetchall()
            marker = "**Ask your supervisor for voting leave by the Friday before election day"
            self.assertEqual(tuple(versions[-1])[:4],
                             (len(versions), today, "Voting leave: ask by the Friday before election day", "Pat Rivera"))
            self.assertIn(marker, versions[-1]["body_md"])
            self.assertNotIn(marker, versions[-2]["body_md"])
        boss = self.wait_for_mail("msmith@example.ky.gov", where=lambda m: "from Jane Doe" in m["msg"]["Subject"])
        self.assertEqual(len(boss), 1)
        self.assertTrue(boss[0]["meta"]["tls"])
        self.assertIn("%s/requests/%d" % (self.portal.url, rid), self.portal.mail_text(boss[0]))
        decision = self.wait_for_mail("jdoe@example.ky.gov", where=lambda m: m["msg"]["Subject"].startswith("Approved"))
        self.assertEqual([m["msg"]["Subject"] for m in decision],
                         ["Approved: your request (request %d)" % rid])


if __name__ == "__main__":
    main()
