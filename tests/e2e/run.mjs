// End-to-end and accessibility tests of hrportal in Debian's headless
// Chromium, driven by playwright-core (no browser download) with axe-core.
//
//   node tests/e2e/run.mjs URL [--out DIR] [--modules DIR]
//
// URL is a running portal (tests/test_e2e.py starts one). --out receives
// screenshots (390 px and 1280 px wide), print PDFs and report.json.
// --modules is the node_modules directory holding playwright-core and
// axe-core (default: tests/e2e/node_modules).
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
  console.error('usage: node run.mjs URL [--out DIR] [--modules DIR]');
  process.exit(2);
}
const outDir = path.resolve(option('--out', path.join(os.tmpdir(), 'hrportal-e2e')));
const modules = path.resolve(option('--modules', path.join(here, 'node_modules')));
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
    await child.click();
    await page.waitForLoadState();
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
    await first.click();
    await page.waitForLoadState();
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

  async function phoneLayoutDoesNotScrollSideways({ page, go }) {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of ['/', '/handbook/annual-leave', '/glossary', '/handbook/family-and-medical-leave-act-fmla']) {
      await go(p);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow <= 1, `${p} is ${overflow}px wider than a 390px phone`);
    }
  },
];

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
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hrportal-chromium-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    httpCredentials: { username: process.env.HRPORTAL_E2E_USER || 'jdoe', password: 'demo' },
  });
  const results = [];
  const cspViolations = [];
  const record = (name, error) => {
    results.push({ name, ok: !error, error: error ? String(error.message || error) : undefined });
    console.log(error ? `not ok - ${name}: ${error.message || error}` : `ok - ${name}`);
  };

  async function newPage(width) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => cspViolations.push(`${page.url()}: script error ${err.message}`));
    const go = async (p, status = 200) => {
      const resp = await page.goto(new URL(p, base).href, { waitUntil: 'load' });
      expect(resp && resp.status() === status, `${p} answered ${resp && resp.status()}, expected ${status}`);
      return resp;
    };
    return { page, go, out: outDir };
  }

  for (const entry of PAGES) {
    for (const width of WIDTHS) {
      const name = `page ${entry.path} at ${width}px`;
      const { page, go } = await newPage(width);
      try {
        if (entry.user)
          await page.setExtraHTTPHeaders({ Authorization: 'Basic ' + Buffer.from(`${entry.user}:demo`).toString('base64') });
        await go(entry.path, entry.status || 200);
        await page.screenshot({ path: path.join(outDir, 'screenshots', `${entry.name}-${width}.png`), fullPage: true });
        const report = await axeViolations(page);
        fs.writeFileSync(path.join(outDir, `axe-${entry.name}-${width}.json`), JSON.stringify(report, null, 2));
        const bad = report.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        for (const v of report.filter((x) => !bad.includes(x)))
          console.log(`# ${entry.path} ${width}px: ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
        expect(bad.length === 0, 'axe-core: ' + bad.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`).join('; '));
        record(name);
      } catch (e) {
        record(name, e);
      } finally {
        await page.close();
      }
    }
  }
  for (const scenario of SCENARIOS) {
    const ctx = await newPage(1280);
    try {
      await scenario(ctx);
      record(`scenario ${scenario.name}`);
    } catch (e) {
      record(`scenario ${scenario.name}`, e);
    } finally {
      await ctx.page.close();
    }
  }
  record('no Content-Security-Policy violations or script errors',
         cspViolations.length ? new Error(cspViolations.slice(0, 5).join('; ')) : null);
  await context.close();
  fs.rmSync(userData, { recursive: true, force: true });
  fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
