// Hostile content: a bundle whose every text field carries markup, script, `javascript:`
// links, direction overrides, emoji, unassigned code points and very long strings renders
// inert and legible on every route, chart, download and embed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSiteAndBrowser, openPage, routeData, screenshot, splitBundle, withoutDrawer, ROOT } from './helpers.mjs';

const MARKUP = '<script>window.__xss=1</script>"><img src=x onerror="window.__xss=1"></text><script>window.__xss=1</script>';
const PAYLOAD = ` ${MARKUP} javascript:window.__xss=1 \u202Eevil\u202C 🏛️ \u0378 ${'长'.repeat(120)}${'x'.repeat(400)}`;
/** The fields that hold text from documents or curators; ids and dates keep the bundle whole. */
const TEXT_FIELDS = new Set([
  'title', 'title_en', 'name', 'name_en', 'text', 'quote', 'written', 'label', 'section', 'subsection',
  'doc_number', 'issuer', 'note_en', 'deadline_text', 'source_url', 'leaders', 'aliases',
  'former_names', 'other_units', 'from_quote', 'to_quote',
]);

function poison(value, key) {
  if (Array.isArray(value)) return value.map((element) => poison(element, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, poison(inner, name)]));
  }
  return typeof value === 'string' && TEXT_FIELDS.has(key) ? value + PAYLOAD : value;
}

const original = JSON.parse(readFileSync(join(ROOT, 'public/data/bundle.json'), 'utf8'));
// Cut into the index and shards the app loads, by the compiler itself.
const hostileData = splitBundle(poison(original));
const PLAN = '2014-luohu-reform-plan';

const { site, browser } = await openSiteAndBrowser();

async function hostilePage() {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await routeData(page, hostileData);
  page.dialogs = [];
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    dialog.dismiss();
  });
  return page;
}

/** Nothing ran and nothing was injected; the markup shows as text. */
async function assertInert(page, route, { showsText = true } = {}) {
  const state = await page.evaluate(() => ({
    xss: window.__xss,
    injectedImages: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    scriptsInBody: [...document.body.querySelectorAll('script')].length,
    javascriptLinks: [...document.querySelectorAll('a[href]')].filter((link) => /^\s*javascript:/i.test(link.getAttribute('href'))).length,
    text: document.body.innerText,
    overflow: document.documentElement.scrollWidth - innerWidth,
  }));
  assert.equal(state.xss, undefined, `${route}: a script ran`);
  assert.equal(state.injectedImages, 0, `${route}: markup became an element`);
  assert.equal(state.scriptsInBody, 0, `${route}: a script element was made`);
  assert.equal(state.javascriptLinks, 0, `${route}: a javascript: link was made`);
  if (showsText) assert.ok(state.text.includes('<script>window.__xss=1</script>'), `${route}: the markup is not shown as text`);
  assert.ok(state.overflow <= 0, `${route}: ${state.overflow} px of sideways scrolling`);
  assert.deepEqual(page.dialogs, [], `${route}: a dialog opened`);
}

test('every route renders a hostile bundle inert and legible', async () => {
  const page = await hostilePage();
  await page.setViewportSize({ width: 360, height: 800 });
  const routes = [
    ['', 'main h1'],
    ['documents/', '.document-title'],
    [`documents/${PLAN}/`, 'main h1'],
    [`items/${PLAN}/26/`, 'main h1'],
    ['units/', 'main h1'],
    ['units/luohu-civil-affairs-bureau/', 'main h1'],
    ['themes/', 'main h1'],
    ['themes/property-management/', 'main h1'],
    ['search/?q=script', '.result-count'],
    ['about/', 'main h1'],
  ];
  for (const [route, ready] of routes) {
    await page.goto(site.url(route));
    // The overview drawn at build time (of the real data) shows until the app replaces it.
    await page.locator('#prerender').waitFor({ state: 'detached' });
    await page.locator(ready).first().waitFor();
    await assertInert(page, route, { showsText: route !== 'about/' });
  }
  await page.goto(site.url(`items/${PLAN}/26/`));
  await page.locator('main h1').waitFor();
  await screenshot(page, 'hostile-item-360', { fullPage: false });
});

test('charts, their tables and downloads stay inert with hostile names', async () => {
  const page = await hostilePage();
  await page.goto(site.url('charts/?by=theme'));
  await page.locator('figure#network svg').first().waitFor({ state: 'attached' });
  const showTable = page.getByRole('button', { name: '显示数据表' });
  while ((await showTable.count()) > 0) await showTable.first().click();
  await assertInert(page, 'charts/');
  for (const figure of await page.locator('figure.chart-figure').all()) {
    const svgHref = await figure.locator('a[download$=".svg"]').getAttribute('href');
    const svg = decodeURIComponent(svgHref.slice(svgHref.indexOf(',') + 1));
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: document.querySelector('parsererror')?.textContent ?? null,
        scripts: document.querySelectorAll('script').length,
        foreign: document.querySelectorAll('img, foreignObject').length,
      };
    }, svg);
    assert.deepEqual(parsed, { error: null, scripts: 0, foreign: 0 });
    const csvHref = await figure.locator('a[download$=".csv"]').getAttribute('href');
    const csv = decodeURIComponent(csvHref.slice(csvHref.indexOf(',') + 1));
    const rows = await figure.locator('.chart-table tbody tr').count();
    // Quoted fields keep the payload's commas and quotes inside their cells: one line per row.
    const records = csv.split('\r\n').filter(Boolean);
    assert.equal(records.length, rows + 1, 'header and one record per table row');
  }
  await screenshot(page, 'hostile-charts-1280', { fullPage: false });
});

test('embeds render a hostile bundle inert, drawn by the embed drawer or by the app', async () => {
  for (const drawer of [true, false]) {
    const page = await hostilePage();
    if (!drawer) await withoutDrawer(page);
    for (const chart of ['completion', 'responsibility-map', 'timeline', 'network']) {
      // A view not drawn into the page at build time (`topic=none` names no theme), so that
      // the browser draws the hostile data; the drawn views are the compiler's (tested natively).
      await page.goto(site.url(`embed/${chart}/?by=theme&topic=none`));
      await page.locator('article.embed:not([hidden]) svg').first().waitFor({ state: 'attached' });
      await assertInert(page, `embed/${chart}/ (${drawer ? 'drawer' : 'app'})`, { showsText: false });
      const description = await page.locator('article.embed:not([hidden]) .chart.wide svg desc').textContent();
      assert.ok(description.length > 0);
    }
    await page.close();
  }
});
