// End-to-end and accessibility tests of hrportal in Debian's headless
// Chromium, driven by playwright-core (no browser download) with axe-core.
//
//   node tests/e2e/run.mjs URL [--out DIR] [--modules DIR] [--mail URL] [--only TEXT]
//
// URL is a running portal (tests/test_e2e.py starts one). --out receives
// screenshots (390 px and 1280 px wide), print PDFs and report.json.
// --modules is the node_modules directory holding playwright-core and
// axe-core (default: tests/e2e/node_modules). --mail is the loopback
// endpoint of tests/e2e/mail_endpoint.py, serving the mail the portal sent: the
// multi-user scenario reads the supervisor's and the employee's email there
// (without it that scenario is skipped). --only runs just the pages and
// scenarios whose name contains TEXT.
//
// To add coverage, extend PAGES (every page gets screenshots and an axe-core
// WCAG 2.1 AA scan that fails on serious or critical violations) or
// SCENARIOS (async functions that drive the browser and throw on failure).
// The last line of output is "N passed, M failed".
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const base = args.find((a) => !a.startsWith('--') && !isOptionValue(a));
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
function isOptionValue(a) {
  const i = args.indexOf(a);
  return i > 0 && args[i - 1].startsWith('--');
}
if (!base) {
  console.error('usage: node run.mjs URL [--out DIR] [--modules DIR] [--mail URL] [--only TEXT]');
  process.exit(2);
}
const outDir = path.resolve(option('--out', path.join(os.tmpdir(), 'hrportal-e2e')));
const modules = path.resolve(option('--modules', path.join(here, 'node_modules')));
const mailUrl = option('--mail', process.env.HRPORTAL_E2E_MAIL || '');
const only = option('--only', '');
const require = createRequire(path.join(modules, 'noop.js'));
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const CHROMIUM = process.env.HRPORTAL_CHROMIUM || '/usr/bin/chromium';
const WIDTHS = [390, 1280];
const AXE_TAGS = (process.env.HRPORTAL_AXE_TAGS || 'wcag2a,wcag2aa,wcag21a,wcag21aa,best-practice').split(',');

// --- What is tested ----------------------------------------------------------

// Every page: screenshots at each width, and axe-core at each width (WCAG
// 2.1 A and AA rules plus axe's best practices; serious and critical
// violations fail, the others are printed as "# ..." lines).
export const PAGES = [
  { name: 'home', path: '/' },
  { name: 'documents', path: '/documents' },
  { name: 'handbook-contents', path: '/handbook' },
  { name: 'handbook-part', path: '/handbook/benefits-of-employment' },
  { name: 'handbook-group', path: '/handbook/leave' },
  { name: 'section-sick-leave', path: '/handbook/sick-leave' },
  { name: 'section-annual-leave-table', path: '/handbook/annual-leave' },
  { name: 'section-fmla', path: '/handbook/family-and-medical-leave-act-fmla' },
  { name: 'section-print', path: '/handbook/sick-leave/print' },
  { name: 'section-history', path: '/handbook/court-leave/history' },
  { name: 'section-diff', path: '/handbook/court-leave/diff?from=1&to=1' },
  { name: 'section-as-of', path: '/handbook/sick-leave?as_of=2019-06-01' },
  { name: 'glossary', path: '/glossary' },
  { name: 'orientation-manual', path: '/orientation-manual' },
  { name: 'hr-training', path: '/hr-training' },
  { name: 'not-found', path: '/handbook/no-such-section', status: 404 },
  { name: 'search', path: '/search?q=sick+leave' },
  { name: 'search-citation', path: '/search?q=KRS+18A.095' },
  { name: 'search-nothing', path: '/search?q=zzzzqqq' },
  { name: 'glossary-term', path: '/glossary/appointing-authority' },
  { name: 'citations', path: '/citations' },
  // Signed-in pages: the browser answers Apache's Basic challenge as jdoe
  // (the context's httpCredentials); public pages never challenge.
  { name: 'forms', path: '/forms' },
  { name: 'form-leave', path: '/forms/leave/new' },
  { name: 'form-fmla', path: '/forms/fmla/new' },
  { name: 'my-requests', path: '/my/requests' },
  { name: 'my-subscriptions', path: '/my/subscriptions' },
  { name: 'whats-new', path: '/whats-new' },
  // HR's pages, as hradmin (an Authorization header on that page).
  { name: 'admin', path: '/admin', user: 'hradmin' },
  { name: 'admin-document', path: '/admin/documents/handbook', user: 'hradmin' },
  { name: 'admin-section-edit', path: '/admin/sections/handbook/sick-leave', user: 'hradmin' },
  { name: 'admin-glossary', path: '/admin/glossary', user: 'hradmin' },
  { name: 'admin-templates', path: '/admin/templates', user: 'hradmin' },
  { name: 'admin-acknowledgements', path: '/admin/acknowledgements', user: 'hradmin' },
];

const expect = (cond, message) => { if (!cond) throw new Error(message); };

// Scenarios: what a person does. Each gets a fresh page at 1280 px
// (ctx.page) unless it sets its own viewport.
export const SCENARIOS = [
  // Signing in once is enough: every page, public ones too, then shows who
  // is signed in and offers to sign out (browsers send Basic credentials
  // only under the path that challenged; the portal challenges at /signin).
  async function signInOnceAndEveryPageKnowsYou({ page, go }) {
    await go('/');
    const nav = () => page.getByRole('navigation', { name: 'Main' });
    expect(await nav().getByRole('link', { name: 'Forms' }).count() === 1, 'the home page links the forms');
    const signIn = nav().getByRole('link', { name: 'Sign in' });
    if (await signIn.count()) {
      await signIn.click();
      await page.waitForURL((url) => url.pathname === '/');
    }
    for (const path of ['/', '/wizards/fmla', '/handbook/sick-leave', '/glossary', '/forms']) {
      if (path !== '/') await go(path);
      const text = await nav().innerText();
      expect(/Signed in as jdoe/.test(text), `${path} shows who is signed in (menu: ${text.replace(/\s+/g, ' ')})`);
      expect(await nav().getByRole('link', { name: 'Sign out' }).count() === 1, `${path} offers to sign out`);
      expect(await nav().getByRole('link', { name: 'Sign in' }).count() === 0, `${path} offers no sign-in`);
    }
  },

  async function readASection({ page, go }) {
    await go('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Handbook' }).click();
    await page.waitForURL(/\/handbook$/);
    expect(await page.locator('h1').innerText() !== '', 'the contents page has a heading');
    await page.getByRole('link', { name: 'Sick Leave', exact: true }).first().click();
    await page.waitForURL(/\/handbook\/sick-leave$/);
    expect((await page.locator('h1').innerText()) === 'Sick Leave', 'the section heading is "Sick Leave"');
    const text = await page.locator('.section-body').innerText();
    expect(text.length > 500 && /sick leave/i.test(text), 'the section has its text');
    expect(await page.getByRole('navigation', { name: 'Breadcrumb' }).isVisible(), 'breadcrumbs are shown');
  },

  async function followTheTableOfContents({ page, go }) {
    await go('/handbook');
    await page.getByRole('link', { name: 'Benefits of Employment', exact: true }).first().click();
    await page.waitForURL(/benefits-of-employment$/);
    expect((await page.locator('h1').innerText()) === 'Benefits of Employment', 'part page');
    const child = page.locator('ul.toc a').first();
    const title = (await child.innerText()).trim();
    const href = await child.getAttribute('href');
    await child.click();
    // Wait for the new address, not only a load state (which the old page may still report).
    await page.waitForURL((url) => url.pathname === href);
    expect((await page.locator('h1').innerText()).trim() === title, `child page is "${title}"`);
    // Next and previous walk the document in order.
    await go('/handbook/annual-leave');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/blood-donation-leave$/);
    await page.locator('a[rel="prev"]').click();
    await page.waitForURL(/annual-leave$/);
  },

  async function searchFromTheHeaderAndFollowAResult({ page, go }) {
    await go('/handbook/holidays');
    await page.getByLabel('Search the handbook and glossary').fill('sick leave');
    await page.getByLabel('Search the handbook and glossary').press('Enter');
    await page.waitForURL(/\/search\?q=sick\+leave/);
    const first = page.locator('main ol.results li a').first();
    const title = (await first.innerText()).trim();
    expect(title.length > 0, 'search shows results');
    const href = await first.getAttribute('href');
    await first.click();
    await page.waitForURL((url) => url.pathname + url.search + url.hash === href || url.pathname === href.split(/[?#]/)[0]);
    expect((await page.locator('h1').innerText()).trim().length > 0, `the result "${title}" opens a page`);
  },

  async function glossaryLetters({ page, go }) {
    await go('/glossary');
    await page.locator('a[href="#letter-A"]').click();
    await page.waitForURL(/#letter-A$/);
    expect(await page.locator('#appointing-authority').isVisible(), 'glossary term visible');
  },

  async function keyboardSkipLinkAndTabOrder({ page, go }) {
    await go('/handbook/sick-leave');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { text: el.textContent.trim(), href: el.getAttribute('href'), left: r.left, top: r.top,
               width: r.width, outline: getComputedStyle(el).outlineStyle };
    });
    expect(skip.text === 'Skip to main content' && skip.href === '#main', 'first Tab reaches the skip link');
    expect(skip.left >= 0 && skip.top >= 0 && skip.width > 0, 'the focused skip link is on screen');
    expect(skip.outline !== 'none', 'the focused skip link shows a focus outline');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement.id) === 'main', 'Enter moves focus to main');
    await page.keyboard.press('Tab');
    const afterSkip = await page.evaluate(() => document.activeElement.closest('main') !== null);
    expect(afterSkip, 'the next Tab stays in the main content');
    // From the top, Tab visits: skip link, brand, each link of the main
    // navigation, the search box and button, then the page content, in
    // document order, each visibly focused.
    await go('/handbook/sick-leave');
    const nav = await page.locator('nav[aria-label="Main"] a').evaluateAll(
      (links) => links.map((a) => a.textContent.trim().replace(/\s+/g, ' ')));
    expect(nav.length >= 3 && nav[0] === 'Handbook', `the main navigation starts with Handbook: ${nav}`);
    const order = [];
    for (let i = 0; i < nav.length + 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const el = document.activeElement;
        return { tag: el.tagName.toLowerCase(), text: (el.textContent || el.getAttribute('aria-label') || el.id).trim().replace(/\s+/g, ' '),
                 inMain: el.closest('main') !== null, outline: getComputedStyle(el).outlineStyle };
      }));
    }
    const names = order.map((o) => o.text);
    const n = nav.length;
    expect(names[0] === 'Skip to main content', `tab order starts with the skip link: ${names}`);
    expect(/Kentucky Employee HR Portal/.test(names[1]), `then the brand link: ${names}`);
    expect(names.slice(2, 2 + n).join('|') === nav.join('|'), `then the navigation: ${names}`);
    expect(order[2 + n].tag === 'input' && order[3 + n].tag === 'button', `then the search box and button: ${names}`);
    expect(order[4 + n].inMain && order[5 + n].inMain, `then the content: ${names}`);
    for (const o of order)
      expect(o.outline !== 'none', `"${o.text}" shows a focus outline`);
  },

  async function printView({ page, go, out }) {
    await go('/handbook/sick-leave');
    await page.getByRole('link', { name: 'Print view' }).click();
    await page.waitForURL(/sick-leave\/print$/);
    expect(await page.locator('body.print-view').count() === 1, 'print view body class');
    expect(await page.locator('a[rel="next"]').count() === 0, 'no previous/next links in print view');
    // The normal page printed: navigation, search and footer links hidden,
    // the section kept.
    await go('/handbook/annual-leave');
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.site-nav', '.site-search', '.prev-next', '.skip-link', '.print-link'])
      expect(!(await page.locator(sel).first().isVisible()), `${sel} is hidden in print`);
    expect(await page.locator('h1').isVisible(), 'the heading prints');
    expect(await page.locator('.section-body table').first().isVisible(), 'the table prints');
    const pdf = await page.pdf({ format: 'Letter', path: path.join(out, 'annual-leave-print.pdf') });
    expect(pdf.length > 5000, 'a printed PDF was produced');
    await page.emulateMedia({ media: 'screen' });
  },

  // The header: the site title on at most two lines at 1280 px with the
  // signed-in menu, under a quarter of a phone's screen, and one search box
  // on the home page.
  async function headerFitsDesktopAndPhone({ page, go, as }) {
    const hr = await as('hradmin');
    await hr.go('/forms');
    const lines = await hr.page.locator('.brand-name').evaluate((el) =>
      Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '0') || 0));
    const nameHeight = await hr.page.locator('.brand-name').evaluate((el) => el.getBoundingClientRect().height);
    const fontSize = await hr.page.locator('.brand-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(nameHeight <= fontSize * 2 * 1.6, `the site title takes ${nameHeight}px (${lines} lines) at 1280 px`);
    await go('/');
    expect(await page.locator('input[type="search"]').count() === 1, 'the home page has one search box');
    await page.setViewportSize({ width: 375, height: 667 });
    for (const p of ['/', '/handbook/sick-leave', '/forms']) {
      await go(p);
      const h = await page.locator('.site-header').evaluate((el) => el.getBoundingClientRect().height);
      expect(h < 667 * 0.25, `${p}: the header is ${Math.round(h)}px of a 667px phone screen`);
    }
  },

  async function phoneLayoutDoesNotScrollSideways({ page, go, as }) {
    const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of ['/', '/handbook/annual-leave', '/glossary', '/handbook/family-and-medical-leave-act-fmla',
                     '/handbook/court-leave/history']) {
      await go(p);
      const wider = await overflow(page);
      expect(wider <= 1, `${p} is ${wider}px wider than a 390px phone`);
    }
    // Wide tables and forms (HR's lists, the publishing pages) scroll
    // inside themselves; the page does not.
    const hr = await as('hradmin');
    await hr.page.setViewportSize({ width: 390, height: 844 });
    for (const p of ['/requests', '/admin/documents/handbook', '/admin/sections/handbook/court-leave', '/admin/audit']) {
      await hr.go(p);
      const wider = await overflow(hr.page);
      expect(wider <= 1, `${p} (as hradmin) is ${wider}px wider than a 390px phone`);
    }
  },
];

// --- The multi-user flow (issue 7) -------------------------------------------

const squash = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
// The portal's dates are Kentucky's (Eastern time).
const isoDay = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric',
                                                          month: '2-digit', day: '2-digit' }).format(d);
const daysFromNow = (n) => isoDay(new Date(Date.now() + n * 86400000));
async function step(what, fn) {
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${what}: ${e.message || e}`);
  }
}

// The employee (jdoe) reads, searches, follows a glossary link, runs the
// FMLA wizard and files the request it leads to; her supervisor (msmith)
// gets the email, opens its link and approves; jdoe gets the decision; HR
// (hradmin) edits, previews and publishes a section that jdoe then reads.
// Each login has its own browser context; mail really goes over SMTP to
// the catcher, read back through --mail. The pages on the way get
// screenshots at both widths and an axe-core scan ("flow-*").
async function employeeSupervisorAndHrThroughTheMail({ page: jdoe, go, as, check, mail }) {
  await step('jdoe reads the FMLA section', async () => {
    await go('/handbook');
    await jdoe.getByRole('link', { name: 'Family and Medical Leave Act (FMLA)', exact: true }).first().click();
    await jdoe.waitForURL(/\/handbook\/family-and-medical-leave-act-fmla$/);
    expect(await squash(jdoe.locator('h1')) === 'Family and Medical Leave Act (FMLA)', 'the section heading');
    expect(/up to twelve \(12\) weeks of unpaid, job-protected leave/.test(await squash(jdoe.locator('.section-body'))),
           'the section has its text');
  });

  await step('jdoe searches and opens the result', async () => {
    const box = jdoe.getByLabel('Search the handbook and glossary');
    await box.fill('family medical leave');
    await box.press('Enter');
    await jdoe.waitForURL(/\/search\?q=family\+medical\+leave$/);
    const hit = jdoe.locator('main ol.results a[href="/handbook/family-and-medical-leave-act-fmla"]').first();
    expect(await hit.count() === 1, 'the FMLA section is among the results');
    await hit.click();
    await jdoe.waitForURL(/\/handbook\/family-and-medical-leave-act-fmla$/);
  });

  await step('jdoe follows a glossary link', async () => {
    const term = jdoe.locator('.section-body a.term').first();
    const name = await squash(term);
    const href = await term.getAttribute('href');
    expect(/^\/glossary\/[a-z0-9-]+$/.test(href), `the term links to its glossary entry (${href})`);
    await term.click();
    await jdoe.waitForURL((u) => u.pathname === href);
    expect((await squash(jdoe.locator('h1'))).toLowerCase() === name.toLowerCase(), `the glossary entry for ${name}`);
    expect((await squash(jdoe.locator('main'))).length > 100, 'the entry has its definition');
  });

  const wizard = async (title, name) => {
    expect(await squash(jdoe.locator('form.wizard-step h2')) === title, `the step is "${title}"`);
    await check(jdoe, name);
  };
  const next = async (url) => {
    await jdoe.getByRole('button', { name: 'Continue' }).click();
    await jdoe.waitForURL(url);
  };
  await step('jdoe runs the FMLA wizard', async () => {
    await jdoe.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wizards and calculators' }).click();
    await jdoe.waitForURL(/\/wizards$/);
    await jdoe.locator('main').getByRole('link', { name: 'Family and medical leave (FMLA)' }).first().click();
    await jdoe.waitForURL(/\/wizards\/fmla$/);
    await wizard('Step 1: Your service', 'flow-wizard-service');
    await jdoe.getByLabel('How many months of state service do you have?').fill('30');
    const hours = jdoe.getByLabel(/^How many hours did you work/);
    await hours.fill('a lot');
    await next(/\/wizards\/fmla\/service\?.*hours=a\+lot/);
    // A refused answer: the step again, the message tied to the field.
    expect(await hours.getAttribute('aria-invalid') === 'true', 'the refused hours are marked invalid');
    expect(/Enter hours as a number from 0 to 8784/.test(await squash(jdoe.locator('form.wizard-step'))),
           'the message says what to enter');
    await check(jdoe, 'flow-wizard-service-error');
    await hours.fill('1400');
    await next(/\/wizards\/fmla\/reason\?/);
    await wizard('Step 2: The reason for leave', 'flow-wizard-reason');
    await jdoe.getByLabel('Caring for a family member with a serious health condition').check();
    await next(/\/wizards\/fmla\/family\?/);
    await wizard('Step 3: Who the leave is for', 'flow-wizard-family');
    await jdoe.getByLabel('My parent', { exact: true }).check();
    await next(/\/wizards\/fmla\/usage\?/);
    await wizard('Step 4: Leave already used', 'flow-wizard-usage');
    await jdoe.getByLabel(/weeks of family and medical leave have you already used/).fill('2');
    await next(/\/wizards\/fmla\/result\?/);
    expect(await squash(jdoe.locator('.outcome-text')) === 'Yes: you are eligible for family and medical leave for this reason.',
           'the wizard says eligible');
    expect(/Weeks remaining 10 weeks/.test(await squash(jdoe.locator('dl.figures'))), 'with 10 weeks remaining');
    await check(jdoe, 'flow-wizard-result');
  });

  const start = daysFromNow(35);
  const end = daysFromNow(56);
  let rid;
  await step('jdoe files the FMLA request from the result', async () => {
    await jdoe.getByRole('link', { name: 'Start a family and medical leave request' }).click();
    await jdoe.waitForURL(/\/forms\/fmla\/new\?/);
    expect(/This form starts from your answers in the wizard/.test(await squash(jdoe.locator('main'))),
           'the form says it starts from the wizard');
    const prefilled = { service_months: '30', hours: '1400', weeks_used: '2', reason: 'family_care', relation: 'parent' };
    for (const [field, value] of Object.entries(prefilled)) {
      const got = await jdoe.locator(`[name="${field}"]`).inputValue();
      expect(got === value, `${field} comes from the wizard (${got})`);
    }
    await check(jdoe, 'flow-form-fmla');
    await jdoe.getByLabel(/^First day of leave/).fill(start);
    await jdoe.getByLabel(/^Last day of leave/).fill(end);
    await jdoe.getByLabel(/^Schedule/).selectOption('continuous');
    await jdoe.getByLabel(/^Paid leave/).selectOption('concurrent');
    await jdoe.getByRole('button', { name: 'Review answers' }).click();
    await jdoe.waitForURL(/\/requests\/\d+\/review$/);
    rid = Number(new URL(jdoe.url()).pathname.split('/')[2]);
    expect(await squash(jdoe.locator('h1')) === 'Review your answers', 'the review page');
    expect(await squash(jdoe.locator('section.rules strong')) === 'Eligible', "the handbook's rules say eligible");
    const answers = await squash(jdoe.locator('main'));
    for (const t of ['Parent', 'Continuous (one block of time)', '1400'])
      expect(answers.includes(t), `the review shows ${t}`);
    await check(jdoe, 'flow-review');
    const signAs = await squash(jdoe.locator('label[for="f-signature"] strong'));
    expect(signAs === 'Jane Doe', `signed as Jane Doe (${signAs})`);
    await jdoe.getByLabel(/^Type your full name to sign/).fill(signAs);
    await jdoe.getByRole('button', { name: 'Sign and submit' }).click();
    await jdoe.waitForURL((u) => u.pathname === `/requests/${rid}`);
    // The confirmation: the request as filed, with its supervisor.
    const status = await squash(jdoe.locator('p.status'));
    expect(status === 'Awaiting a decision: with Mark Smith (Supervisor)', `the request waits for Mark Smith (${status})`);
    expect(/^Submitted \d{4}-\d\d-\d\d/.test(await squash(jdoe.locator('table.summary tr', { hasText: 'Submitted' }))),
           'the submission time is shown');
    const main = await squash(jdoe.locator('main'));
    expect(main.includes('Signed by typing "Jane Doe"'), 'the signature is recorded');
    expect(main.includes("The wizard's result"), "the wizard's result travels with the request");
    expect(main.includes('Filed by Jane Doe'), 'filed by Jane Doe');
    await check(jdoe, 'flow-request-submitted');
  });

  const msmith = await as('msmith');
  await step("msmith gets the email and approves from its link", async () => {
    // The supervisor's email about this request (the number it gives).
    const [msg] = await mail({ to: 'msmith@example.ky.gov', subject: 'Awaiting your decision: a request from Jane Doe',
                               body: `(number ${rid})` });
    expect(msg.tls, 'the mail went over STARTTLS');
    const link = (msg.text.match(/https?:\/\/\S+\/requests\/\d+/) || [])[0];
    expect(link && new URL(link).origin === new URL(base).origin, `the email links to the portal (${link})`);
    expect(new URL(link).pathname === `/requests/${rid}`, `the email links to request ${rid} (${link})`);
    await msmith.go('/inbox');
    const row = msmith.page.locator(`tr:has(a[href="/requests/${rid}"])`);
    expect((await squash(row)).includes('Jane Doe (100234)') && (await squash(row)).includes('Awaiting a decision'),
           'the request waits in the inbox');
    await check(msmith.page, 'flow-inbox');
    const resp = await msmith.page.goto(link, { waitUntil: 'load' });
    expect(resp.status() === 200, `the link answers ${resp.status()}`);
    const main = await squash(msmith.page.locator('main'));
    expect(main.includes('Filed by Jane Doe'), 'the supervisor sees whose request it is');
    expect(main.includes("The wizard's result"), "and the wizard's result");
    await check(msmith.page, 'flow-request-supervisor');
    await msmith.page.getByLabel('Note (optional)').fill('Approved; keep me posted on the return date.');
    await msmith.page.getByRole('button', { name: 'Approve', exact: true }).click();
    // Back on the same address: wait for the page that says so.
    await msmith.page.locator('p.status', { hasText: /^Approved/ }).waitFor();
    expect(new URL(msmith.page.url()).pathname === `/requests/${rid}`, `back on the request (${msmith.page.url()})`);
    const status = await squash(msmith.page.locator('p.status'));
    expect(/^Approved/.test(status), `approved (${status})`);
    expect((await squash(msmith.page.locator('main'))).includes('Approved by Mark Smith'), 'signed by Mark Smith');
  });

  await step('jdoe gets the decision and sees the request approved', async () => {
    const [msg] = await mail({ to: 'jdoe@example.ky.gov', subject: `Approved: your request (request ${rid})` });
    expect(msg.text.includes(`${new URL(base).origin}/requests/${rid}`), `the decision email links to the request: ${msg.text}`);
    await go('/my/requests');
    const row = jdoe.locator(`tr:has(a[href="/requests/${rid}"])`);
    expect(/Approved/.test(await squash(row)), `My requests shows request ${rid} approved`);
    await check(jdoe, 'flow-my-requests');
    await go(`/requests/${rid}`);
    const main = await squash(jdoe.locator('main'));
    expect(/^Approved/.test(await squash(jdoe.locator('p.status'))), 'the request page says approved');
    expect(main.includes('keep me posted on the return date'), "with the supervisor's note");
  });

  const hr = await as('hradmin');
  const marker = `Ask your supervisor for voting leave by the Friday before election day (${Date.now()}).`;
  const summary = 'Voting leave: ask by the Friday before election day';
  const today = isoDay(new Date());
  let version;
  await step('hradmin edits, previews and publishes Voting Leave', async () => {
    await hr.go('/admin');
    await hr.page.locator('nav.admin-links').getByRole('link', { name: 'Handbook' }).click();
    await hr.page.waitForURL(/\/admin\/documents\/handbook$/);
    await hr.page.getByRole('link', { name: 'Voting Leave', exact: true }).click();
    await hr.page.waitForURL(/\/admin\/sections\/handbook\/voting-leave$/);
    const editor = hr.page.locator('form.edit-form');
    const body = editor.getByLabel('Text (Markdown)');
    const before = await body.inputValue();
    expect(before.length > 50, 'the editor holds the current text');
    await body.fill(`${before.trimEnd()}\n\n**${marker}**\n`);
    await editor.getByRole('button', { name: 'Preview' }).click();
    await hr.page.waitForURL(/\/admin\/sections\/handbook\/voting-leave\/preview$/);
    expect(/Preview of your draft/.test(await squash(hr.page.locator('.notice.preview'))), 'the preview says so');
    expect((await squash(hr.page.locator('.section-body strong').last())) === marker, 'the preview shows the new text in bold');
    await check(hr.page, 'flow-admin-preview');
    await hr.page.getByRole('link', { name: 'Back to the editor' }).click();
    await hr.page.waitForURL(/\/admin\/sections\/handbook\/voting-leave$/);
    expect((await body.inputValue()).includes(marker), 'the editor keeps the draft');
    const date = editor.getByLabel('Effective date', { exact: true });
    expect(await date.inputValue() === today, `the effective date is today, ${today} (${await date.inputValue()})`);
    await editor.getByLabel('Summary of the change').fill(summary);
    await date.fill(today);
    await check(hr.page, 'flow-admin-edit');
    await editor.getByRole('button', { name: 'Publish' }).click();
    await hr.page.waitForURL(/\/admin\/sections\/handbook\/voting-leave\?published=\d+/);
    const notice = await squash(hr.page.locator('main p.notice[role="status"]').first());
    const m = notice.match(/^Published version (\d+)\./);
    expect(m, `published (${notice})`);
    version = Number(m[1]);
    expect(version >= 2, `a new version (${version})`);
  });

  await step('jdoe reads the new text and its history', async () => {
    await go('/handbook/voting-leave');
    expect((await squash(jdoe.locator('.section-body'))).includes(marker), 'the section shows the new text');
    const meta = await squash(jdoe.locator('article.section > p.meta'));
    expect(meta.includes(`Version ${version}, in effect since ${today}`), `the new version is in effect (${meta})`);
    await jdoe.locator('article.section > p.meta').getByRole('link', { name: 'History' }).click();
    await jdoe.waitForURL(/\/handbook\/voting-leave\/history$/);
    const history = await squash(jdoe.locator('main'));
    expect(history.includes(summary), 'the history lists the change');
    expect(history.includes(today), 'with its date');
    await check(jdoe, 'flow-section-history');
  });
}
employeeSupervisorAndHrThroughTheMail.needsMail = true;
SCENARIOS.push(employeeSupervisorAndHrThroughTheMail);

// --- Running -----------------------------------------------------------------

// axe-core's WCAG 2.1 A/AA violations on the page. page.evaluate is not
// subject to the page's CSP: axe runs without loosening the policy the page
// is tested under.
async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, AXE_TAGS);
}

// The scan itself must work: a page with known faults must fail it.
SCENARIOS.unshift(async function axeFindsKnownViolations({ page }) {
  await page.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><main>' +
    '<input type="text"><p style="color:#aaa;background:#fff">low contrast</p><img src="x.png"></main></body></html>');
  const ids = (await axeViolations(page)).map((v) => v.id);
  for (const id of ['label', 'color-contrast', 'image-alt', 'html-has-lang'])
    expect(ids.includes(id), `axe reports ${id} on a broken page (got ${ids})`);
});

async function main() {
  fs.mkdirSync(path.join(outDir, 'screenshots'), { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // Each demo login gets its own browser context (its own cookies and
  // cache) answering Apache's Basic challenge with that login.
  const newContext = (user) => browser.newContext({
    viewport: { width: 1280, height: 900 },
    httpCredentials: { username: user, password: 'demo' },
  });
  const context = await newContext(process.env.HRPORTAL_E2E_USER || 'jdoe');
  const results = [];
  const cspViolations = [];
  const record = (name, error, note = '') => {
    results.push({ name, ok: !error, error: error ? String(error.message || error) : undefined });
    console.log(error ? `not ok - ${name}: ${error.message || error}` : `ok - ${name}${note}`);
  };

  // Every page is watched for CSP violations and script errors.
  function pageHelpers(page) {
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => cspViolations.push(`${page.url()}: script error ${err.message}`));
    const go = async (p, status = 200) => {
      const resp = await page.goto(new URL(p, base).href, { waitUntil: 'load' });
      expect(resp && resp.status() === status, `${p} answered ${resp && resp.status()}, expected ${status}`);
      return resp;
    };
    return { page, go };
  }

  async function newPage(width) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    return { ...pageHelpers(page), out: outDir };
  }

  // Screenshot and axe-core scan of the page as it is; the serious and
  // critical violations, the others printed as "# ..." lines.
  async function scan(page, name, width) {
    await page.screenshot({ path: path.join(outDir, 'screenshots', `${name}-${width}.png`), fullPage: true });
    const report = await axeViolations(page);
    fs.writeFileSync(path.join(outDir, `axe-${name}-${width}.json`), JSON.stringify(report, null, 2));
    const bad = report.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of report.filter((x) => !bad.includes(x)))
      console.log(`# ${name} ${width}px: ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
    return bad.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
  }

  // For scenarios: the page where a flow got to, at each width (then back
  // to 1280 px); throws on serious or critical violations, and when the
  // page scrolls sideways on a phone.
  async function check(page, name) {
    const bad = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      bad.push(...(await scan(page, name, width)).map((b) => `${width}px: ${b}`));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) bad.push(`${width}px: the page is ${overflow}px wider than the window`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(bad.length === 0, `${name} (${page.url()}): ${bad.join('; ')}`);
  }

  const wanted = (name) => !only || name.includes(only);
  for (const entry of PAGES) {
    for (const width of WIDTHS) {
      const name = `page ${entry.path} at ${width}px`;
      if (!wanted(name)) continue;
      const { page, go } = await newPage(width);
      try {
        if (entry.user)
          await page.setExtraHTTPHeaders({ Authorization: 'Basic ' + Buffer.from(`${entry.user}:demo`).toString('base64') });
        await go(entry.path, entry.status || 200);
        const bad = await scan(page, entry.name, width);
        expect(bad.length === 0, 'axe-core: ' + bad.join('; '));
        record(name);
      } catch (e) {
        record(name, e);
      } finally {
        await page.close();
      }
    }
  }
  for (const scenario of SCENARIOS) {
    const name = `scenario ${scenario.name}`;
    if (!wanted(name)) continue;
    if (scenario.needsMail && !mailUrl) {
      record(name, null, ' # SKIP no --mail endpoint (tests/e2e/mail_endpoint.py)');
      continue;
    }
    const ctx = await newPage(1280);
    const started = Date.now();
    const extra = [];
    // A page signed in as another demo login, in its own context.
    ctx.as = async (user) => {
      const c = await newContext(user);
      extra.push(c);
      return pageHelpers(await c.newPage());
    };
    ctx.check = check;
    ctx.mail = (query) => fetchMail(query);
    try {
      await scenario(ctx);
      record(name, null, ` (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      record(name, e);
    } finally {
      await ctx.page.close();
      for (const c of extra) await c.close();
    }
  }
  record('no Content-Security-Policy violations or script errors',
         cspViolations.length ? new Error(cspViolations.slice(0, 5).join('; ')) : null);
  await context.close();
  await browser.close();
  fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// The messages to `to` (subject containing `subject`, text part containing
// `body`) the portal sent, from
// the --mail endpoint; it waits up to `timeout` seconds for `count` of them.
async function fetchMail({ to, subject = '', body = '', count = 1, timeout = 30 }) {
  const url = new URL(mailUrl);
  url.search = new URLSearchParams({ to, subject, body, count: String(count), timeout: String(timeout) }).toString();
  const resp = await fetch(url, { signal: AbortSignal.timeout((timeout + 15) * 1000) });
  const answer = await resp.json();
  expect(resp.status === 200, `mail: ${answer.error || resp.status}`);
  return answer;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
