// End-to-end tests: the release build, served statically under a sub-path, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSiteAndBrowser, openPage, screenshot, until, BASE, ROOT } from './helpers.mjs';

const bundle = JSON.parse(readFileSync(join(ROOT, 'public/data/bundle.json'), 'utf8'));
const PLAN_2014 = '2014-luohu-reform-plan';
const count = (status) => bundle.items.filter((item) => item.status === status).length;

const { site, browser } = await openSiteAndBrowser();

/** Screenshots of a page at phone and desktop widths, light and dark. */
async function shots(page, name) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `${name}-${width}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the overview shows coverage and headline figures computed from the bundle', async () => {
  const page = await openPage(browser);
  const data = [];
  page.on('request', (request) => {
    if (request.url().includes('/data/')) data.push(request.url().split('/data/')[1].replace(/^shards\/[0-9a-f]{16}\//, 'shards/…/'));
  });
  // The view needs the index and the short district table alone: with every district
  // shard held back (they are fetched in the background afterwards), it is complete.
  await page.route(/\/data\/shards\/[0-9a-f]{16}\/(?!districts\.json)[^/]+$/, () => {});
  await page.goto(site.url());
  // The app's view, not the page drawn at build time (the test below compares the two).
  await page.locator('main#main h1', { hasText: '承诺了什么' }).waitFor();
  await page.locator('main#main .district-row').first().waitFor();
  assert.deepEqual(data.slice(0, 2), ['index.json', 'shards/…/districts.json']);
  assert.ok(!data.includes('bundle.json'), 'the app never loads the whole bundle');
  const districtRows = await page.locator('.district-row').allTextContents();
  assert.deepEqual(districtRows.map((row) => row.slice(0, 3)), bundle.districts.map((district) => district.name));
  assert.match(districtRows[0], new RegExp(`${bundle.items.filter((item) => item.document.includes('luohu')).length} 项任务`));
  const figures = await page.locator('.figures').textContent();
  assert.match(figures, new RegExp(`${bundle.items.length}\\s*项改革任务`));
  assert.match(figures, new RegExp(`${bundle.documents.length}\\s*份原始文件`));
  const statuses = await page.locator('.status-figures').textContent();
  for (const [status, label] of [['delivered', '已完成'], ['in_progress', '推进中'], ['overdue', '已逾期'], ['no_evidence', '暂无公开证据']]) {
    assert.match(statuses, new RegExp(`${count(status)}\\s*\\S*\\s*${label}`), `${status}: ${statuses}`);
  }
  assert.match(await page.locator('.rule').textContent(), /数据截至 2018-12-28/);
  assert.equal(await page.title(), '深圳区级改革追踪');
  await shots(page, 'overview');
  assert.deepEqual(page.errors, []);
});

test('the overview is drawn at build time in the reader\'s language, and the app takes over saying the same', async () => {
  const read = (page) =>
    page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      text: ['h1', '.lede', '.figures', '.rule', '.status-figures', 'figcaption', '.rows', '.entry-points'].map((selector) => document.querySelector(`main ${selector}`)?.innerText.trim()),
      links: [...document.querySelectorAll('body a[href]')].map((link) => link.href).filter((href) => !href.includes('#main') && !href.includes('#prerendered-main')),
      footer: document.querySelector('footer')?.innerText.trim(),
    }));
  // The language as the app chooses it: the URL's, else the one remembered, else Chinese.
  const cases = [
    ['', null, 'zh-Hans'],
    ['?lang=en', null, 'en'],
    ['', 'en', 'en'],
    ['?lang=zh', 'en', 'zh-Hans'],
  ];
  for (const [query, remembered, lang] of cases) {
    const what = `${query || 'no query'}, remembered ${remembered}`;
    const open = async (options) => {
      const page = await openPage(browser, options);
      if (remembered) await page.addInitScript((value) => localStorage.setItem('reform-portal-lang', value), remembered);
      return page;
    };
    // Without the app (its wasm blocked), the page drawn at build time stays, whole: chart,
    // districts, entry points and footer.
    const stalled = await open({ allowConsoleErrors: true });
    await stalled.route('**/*.wasm', (route) => route.abort());
    await stalled.goto(site.url(query));
    assert.equal(await stalled.locator('#prerender > [data-lang]').count(), 1, `${what}: one language kept`);
    assert.equal(await stalled.locator('#prerender svg[role="img"]').count(), 2, `${what}: wide and phone charts`);
    assert.ok(await stalled.locator('#prerender .chart.wide svg').isVisible());
    assert.equal(await stalled.locator('#prerender script').count(), 0, `${what}: the start script is gone`);
    const drawnAtBuild = await read(stalled);
    assert.equal(drawnAtBuild.lang, lang, what);
    assert.equal(await stalled.locator('#prerender .district-row').count(), bundle.districts.length, what);
    assert.ok(drawnAtBuild.text.every(Boolean) && drawnAtBuild.footer, `${what}: ${JSON.stringify(drawnAtBuild)}`);
    if (!remembered) await screenshot(stalled, `overview-prerendered-${lang}-1280`);
    await stalled.context().close();
    // With the app: the build-time screen is gone, the app's view says the same, and the
    // swap moves nothing on screen (cumulative layout shift).
    const page = await open();
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(site.url(query));
    await page.locator('main#main h1').waitFor();
    assert.equal(await page.locator('#prerender').count(), 0);
    assert.deepEqual(await read(page), drawnAtBuild, what);
    await page.locator('.district-row').first().waitFor();
    await page.waitForTimeout(200);
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift < 0.05, `${what}: layout shift ${shift}`);
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the home page is whole before the app: the app and its data come after the page has loaded', async () => {
  for (const query of ['', '?lang=en']) {
    const page = await openPage(browser);
    await page.goto(site.url(query));
    await page.locator('main#main .district-row').first().waitFor();
    const { loaded, files } = await page.evaluate(() => ({
      loaded: performance.getEntriesByType('navigation')[0].loadEventStart,
      files: performance.getEntriesByType('resource').map((entry) => [new URL(entry.name).pathname, entry.startTime]),
    }));
    const before = files.filter(([, start]) => start < loaded).map(([path]) => path.slice(BASE.length));
    const after = files.filter(([, start]) => start >= loaded).map(([path]) => path.slice(BASE.length));
    assert.deepEqual(before.filter((path) => !/^((base|main)-.*\.css|favicon-.*\.svg)$/.test(path)), [], `${query}: before the load event`);
    for (const wanted of [/\.wasm$/, /^reform-portal-app-.*\.js$/, /^data\/index\.json$/, /districts\.json$/]) {
      assert.ok(after.some((path) => wanted.test(path)), `${query}: ${wanted} after the load event: ${after}`);
    }
    // Every link of the page drawn at build time leads to a page of the site.
    await page.context().close();
    const stalled = await openPage(browser, { allowConsoleErrors: true });
    await stalled.route('**/*.wasm', (route) => route.abort());
    await stalled.goto(site.url(query));
    const links = await stalled.evaluate(() => [...new Set([...document.querySelectorAll('#prerender a[href]')].map((link) => link.href.split('#')[0]))]);
    assert.ok(links.length >= 15, `${query}: ${links.length} links`);
    for (const link of links) {
      const response = await stalled.request.get(link);
      assert.equal(response.status(), 200, link);
      assert.match(await response.text(), /<!DOCTYPE html>/i, link);
    }
    // The language switch remembers the choice, as the app's does.
    await stalled.locator('#prerender .lang-switch').click();
    await stalled.waitForURL(/lang=/);
    assert.equal(await stalled.evaluate(() => localStorage.getItem('reform-portal-lang')), query ? 'zh' : 'en');
    await stalled.context().close();
  }
});

test('the background download joins a page\'s download under way instead of repeating it', async () => {
  const page = await openPage(browser);
  const asked = [];
  // The document's shard takes longer than the wait before the background download.
  await page.route('**/data/shards/*/luohu.json', async (route) => {
    asked.push(route.request().url());
    await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  await page.goto(site.url(`documents/${PLAN_2014}/`));
  await page.locator('main h1').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(asked.length, 1, 'luohu.json downloaded once');
  assert.deepEqual(page.errors, []);
});

test('a small corpus arrives in the background after the first view, so moving on needs no download', async () => {
  const page = await openPage(browser);
  const shards = [];
  page.on('request', (request) => {
    if (/\/data\/shards\/.*\/(luohu|yantian)\.json$/.test(request.url())) shards.push(request.url());
  });
  await page.goto(site.url());
  await page.locator('.district-row').first().waitFor();
  await until(() => shards.length >= 2, 'both district shards to be fetched');
  await page.waitForLoadState('networkidle');
  const before = shards.length;
  await page.locator('header a', { hasText: '原始文件' }).click();
  await page.locator('.document-title').first().waitFor();
  await page.locator('header a', { hasText: '搜索' }).click();
  await page.locator('.result-count').waitFor();
  assert.equal(shards.length, before, 'no shard fetched again');
  assert.deepEqual(page.errors, []);
});

test('the documents list shows every document from the bundle', async () => {
  const page = await openPage(browser);
  await page.goto(site.url('documents/'));
  const titles = page.locator('.document-title');
  await titles.first().waitFor();
  assert.deepEqual(await titles.allTextContents(), bundle.documents.map((document) => document.title));
  const card = page.locator('.document-card', { hasText: '深圳市罗湖区2014年改革计划' });
  assert.match(await card.textContent(), /罗办发〔2014〕1号/);
  assert.match(await card.textContent(), /30 项任务/);
  assert.deepEqual(page.errors, []);
});

test('a document page lists its items under headings and links each passage of the text', async () => {
  const page = await openPage(browser);
  await page.goto(site.url());
  await page.getByRole('link', { name: '原始文件' }).first().click();
  await page.getByRole('link', { name: '深圳市罗湖区2014年改革计划' }).click();
  await page.waitForURL(site.url(`documents/${PLAN_2014}/`));
  const facts = await page.locator('.facts-table').textContent();
  for (const expected of ['罗办发〔2014〕1号', '2014-04-01', '2014-06-09', '中共深圳市罗湖区委办公室']) {
    assert.ok(facts.includes(expected), `facts show ${expected}: ${facts}`);
  }
  assert.equal(await page.locator('.item-list .item-row').count(), 30);
  assert.match(await page.locator('.item-group').first().textContent(), /以市场在资源配置中起决定性作用/);
  const line18 = page.locator('#L18 .line-text');
  await line18.waitFor();
  const seed = readFileSync(join(ROOT, 'seeds/documents', `${PLAN_2014}.txt`), 'utf8').split('\n');
  assert.equal(await line18.textContent(), seed[17]);
  assert.equal(await page.locator('#item-26 #L49').count(), 1, "item 26's passage holds line 49");
  await page.goto(site.url(`documents/${PLAN_2014}/#item-26`));
  await page.locator('#item-26').waitFor();
  const highlighted = await page.locator('#item-26').evaluate((element) => getComputedStyle(element).backgroundColor);
  assert.notEqual(highlighted, 'rgba(0, 0, 0, 0)', 'the targeted passage is highlighted');
  await shots(page, 'document');
  assert.deepEqual(page.errors, []);
});

test('an item page shows units, status, quoted evidence and lineage', async () => {
  const page = await openPage(browser);
  await page.goto(site.url(`documents/${PLAN_2014}/`));
  await page.getByRole('link', { name: /深化行政审批制度改革/ }).first().click();
  await page.waitForURL(site.url(`items/${PLAN_2014}/1/`));
  await page.locator('h1', { hasText: '深化行政审批制度改革' }).waitFor();
  const leads = await page.locator('.facts-table dd').first().textContent();
  for (const unit of ['区编办', '区法制办', '区监察局', '其他相关单位']) assert.ok(leads.includes(unit), `${unit} in ${leads}`);
  assert.match(await page.locator('.status-line').textContent(), /暂无公开证据/);
  assert.match(await page.locator('.evidence-none').textContent(), /截至 2018-12-28/);

  await page.goto(site.url(`items/${PLAN_2014}/26/`));
  await page.locator('h1', { hasText: '规范物业管理工作' }).waitFor();
  assert.match(await page.locator('.status-line').textContent(), /推进中/);
  const evidence = page.locator('.evidence').first();
  assert.match(await evidence.textContent(), /依法、有序推进物业管理改革/);
  await evidence.getByRole('link').click();
  await page.waitForURL(/documents\/2015-luohu-social-construction-points\/#L10$/);
  await page.locator('#L10').waitFor();
  await page.goBack();
  await page.getByRole('link', { name: /推进物业管理改革/ }).first().click();
  await page.waitForURL(site.url('items/2015-luohu-social-construction-points/5/'));
  await page.locator('.status-line', { hasText: '已完成' }).waitFor();
  assert.match(await page.locator('.evidence').textContent(), /罗湖区推出物业管理改革创新/);
  assert.equal(await page.locator('#timeline .chart.wide svg').getAttribute('role'), 'img', 'the item has its own timeline');
  await shots(page, 'item');
  assert.deepEqual(page.errors, []);
});

test('units are listed per district and kind, and a unit page lists its items', async () => {
  const page = await openPage(browser);
  await page.goto(site.url('units/'));
  await page.locator('h2', { hasText: '罗湖区' }).waitFor();
  assert.equal(await page.locator('h2', { hasText: '盐田区' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: '区民政局', exact: true }).count(), 2, 'Luohu and Yantian each have one');
  await shots(page, 'units');
  await page.goto(site.url('units/luohu-organisation-department/'));
  await page.locator('h1', { hasText: '区委组织部' }).waitFor();
  const led = bundle.items.filter((item) => item.lead_units.some((unit) => unit.unit === 'luohu-organisation-department'));
  const co = bundle.items.filter((item) => item.co_units.some((unit) => unit.unit === 'luohu-organisation-department'));
  assert.match(await page.locator('h2').nth(0).textContent(), new RegExp(`\\(${led.length}\\)`));
  assert.match(await page.locator('h2').nth(1).textContent(), new RegExp(`\\(${co.length}\\)`));
  assert.match(await page.locator('.facts-table').textContent(), /区委组织部<编办>/);
  await page.getByRole('link', { name: '此单位的时间线' }).click();
  await page.waitForURL(/charts\/\?unit=luohu-organisation-department#timeline$/);
  await page.locator('.active-filter', { hasText: '区委组织部' }).waitFor();
  await page.locator('#timeline').getByRole('button', { name: '显示数据表' }).click();
  assert.match(await page.locator('#timeline .chart-table').textContent(), /探索推进基层管理体制改革/);
  await page.goBack();
  await page.locator('h1', { hasText: '区委组织部' }).waitFor();
  await shots(page, 'unit');
  assert.deepEqual(page.errors, []);
});

test('a district\'s page gathers its documents and units, reached from the overview, a document and a unit', async () => {
  const page = await openPage(browser);
  await page.goto(site.url(''));
  await page.locator('main#main a.district-row', { hasText: '盐田区' }).click();
  await page.waitForURL(site.url('districts/yantian/'));
  await page.locator('main#main h1', { hasText: '盐田区' }).waitFor();
  const documents = bundle.documents.filter((document) => document.district === 'yantian');
  const items = bundle.items.filter((item) => documents.some((document) => document.id === item.document));
  const units = new Set(items.flatMap((item) => [...item.lead_units, ...item.co_units].map((named) => named.unit)));
  const delivered = items.filter((item) => item.status === 'delivered').length;
  assert.ok(documents.length > 0 && items.length > 0 && units.size > 0);
  assert.deepEqual(await page.locator('main#main .document-title').allTextContents(), documents.map((document) => document.title));
  assert.match(
    await page.locator('main#main .lede').textContent(),
    new RegExp(` · ${documents.length} 份文件 · ${items.length} 项任务 · ${units.size} 个责任单位 · 已完成 ${delivered}$`),
  );
  assert.equal(await page.locator('main#main .unit-table tbody tr').count(), units.size);
  // How its items stand, by plan: one clickable segment per plan and status.
  const segments = new Set(items.map((item) => `${item.document} ${item.status}`));
  assert.equal(await page.locator('main#main figure.district-chart .chart.wide a.hotspot').count(), segments.size);
  await shots(page, 'district');
  await page.getByRole('link', { name: '此区的时间线' }).click();
  await page.waitForURL(/charts\/\?district=yantian#timeline$/);
  await page.locator('nav[aria-label="时间线区"] a[aria-current="page"]', { hasText: '盐田区' }).waitFor();

  // From a document's card and from a unit's page, in English.
  await page.goto(site.url('documents/?lang=en'));
  await page.locator('.document-card', { hasText: 'Luohu' }).first().getByRole('link', { name: 'Luohu District', exact: true }).click();
  await page.waitForURL(site.url('districts/luohu/?lang=en'));
  await page.locator('main#main h1', { hasText: 'Luohu District' }).waitFor();
  await page.waitForFunction(() => document.title === 'Luohu District · Shenzhen Reform Tracker');
  assert.match(await page.locator('main#main .lede').textContent(), / · 4 documents · \d+ items · \d+ units · \d+ delivered$/);
  await page.goto(site.url('units/luohu-civil-affairs-bureau/'));
  await page.locator('.facts-table').getByRole('link', { name: '罗湖区' }).click();
  await page.waitForURL(site.url('districts/luohu/'));
  await page.locator('main#main h1', { hasText: '罗湖区' }).waitFor();
  // A segment of the chart finds the items it counts.
  const delivered2014 = bundle.items.filter((item) => item.document === PLAN_2014 && item.status === 'delivered').length;
  assert.ok(delivered2014 > 0);
  await page.locator('main#main figure.district-chart .chart.wide a.hotspot[href*="year=2014&kind=plan&status=delivered"]').click();
  await page.waitForURL(/search\/\?district=luohu&year=2014&kind=plan&status=delivered$/);
  await page.locator('.result-count', { hasText: `找到 ${delivered2014} 项任务` }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the districts list leads to each district\'s page, and its breadcrumb back', async () => {
  const page = await openPage(browser);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(site.url('districts/'));
  await page.locator('main#main h1', { hasText: `各区 (${bundle.districts.length})` }).waitFor();
  const rows = page.locator('main#main .district-row');
  await rows.first().waitFor();
  assert.deepEqual(
    (await rows.locator('strong').allTextContents()),
    bundle.districts.map((district) => district.name),
  );
  await screenshot(page, 'districts-360-light');
  await rows.filter({ hasText: '盐田区' }).click();
  await page.waitForURL(site.url('districts/yantian/'));
  await page.locator('main#main h1', { hasText: '盐田区' }).waitFor();
  await page.locator('main#main .breadcrumb').getByRole('link', { name: '各区' }).click();
  await page.waitForURL(site.url('districts/'));
  await rows.first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('a theme follows its items across years', async () => {
  const page = await openPage(browser);
  await page.goto(site.url('themes/'));
  await page.getByRole('link', { name: '物业管理', exact: true }).click();
  await page.waitForURL(site.url('themes/property-management/'));
  const rows = page.locator('.item-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /2014 · 深圳市罗湖区2014年改革计划/);
  assert.match(await rows.nth(1).textContent(), /2015 · 深圳市罗湖区2015年度社会建设工作要点/);
  await shots(page, 'theme');
  assert.deepEqual(page.errors, []);
});

test('search finds items by a two-character term, instantly, with the query in the URL', async () => {
  const page = await openPage(browser);
  await page.goto(site.url('search/'));
  const input = page.getByLabel('关键词', { exact: false });
  await input.fill('物业');
  await page.waitForURL(/search\/\?q=%E7%89%A9%E4%B8%9A/);
  const hits = page.locator('.hit-title');
  await page.locator('.result-count', { hasText: '找到 2 项任务' }).waitFor();
  const found = (await hits.allTextContents()).join(' | ');
  assert.match(found, /规范物业管理工作/);
  assert.match(found, /推进物业管理改革/);
  assert.equal(await page.locator('.hit-title mark').first().textContent(), '物业');
  await shots(page, 'search');

  await page.getByLabel('状态').selectOption('delivered');
  await page.waitForURL(/status=delivered/);
  await page.locator('.result-count', { hasText: '找到 1 项任务' }).waitFor();
  await page.reload();
  await page.locator('.result-count', { hasText: '找到 1 项任务' }).waitFor();
  assert.equal(await input.inputValue(), '物业', 'the search text is restored from the URL');
  assert.equal(await page.getByLabel('状态').inputValue(), 'delivered', 'the filter is restored from the URL');

  await page.goto(site.url('search/?q=审批&district=luohu&year=2012'));
  await page.locator('.result-count').waitFor();
  // Search reads titles, texts, units, evidence and theme names.
  const themeNames = (item) => item.themes.map((id) => bundle.themes.find((theme) => theme.id === id).name).join(' ');
  const approval = bundle.items.filter(
    (item) => item.document.startsWith('2012-') && (item.title + item.text + themeNames(item)).includes('审批'),
  );
  assert.match(await page.locator('.result-count').textContent(), new RegExp(`找到 ${approval.length} 项任务`));
  assert.deepEqual(page.errors, []);
});

test('the completion chart draws the bundle statuses, with its table and downloads', async () => {
  const page = await openPage(browser);
  await page.goto(site.url('charts/'));
  const completion = page.locator('#completion-by-document');
  const svg = completion.locator('.chart.wide svg');
  await svg.waitFor();
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await completion.locator('.chart.wide svg title').textContent(), /改革任务完成情况/);
  await completion.getByRole('button', { name: '显示数据表' }).click();
  const rows = completion.locator('.chart-table tbody tr');
  const documents = bundle.documents.filter((document) => Object.values(document.status_counts).some((n) => n > 0));
  assert.equal(await rows.count(), documents.length);
  for (const [index, document] of documents.entries()) {
    const cells = await rows.nth(index).locator('th, td').allTextContents();
    const counts = document.status_counts;
    const total = counts.delivered + counts.in_progress + counts.overdue + counts.no_evidence;
    assert.deepEqual(cells.slice(0, 6), [document.title, total, counts.delivered, counts.in_progress, counts.overdue, counts.no_evidence].map(String));
  }
  const csvHref = await completion.getByRole('link', { name: '下载 CSV' }).getAttribute('href');
  const csv = decodeURIComponent(csvHref.replace(/^data:text\/csv;charset=utf-8,/, ''));
  assert.equal(csv.trim().split('\r\n').length, documents.length + 1, 'header and one row per bar');
  const svgHref = await completion.getByRole('link', { name: '下载 SVG' }).getAttribute('href');
  const parsed = await page.evaluate((href) => {
    const text = decodeURIComponent(href.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, svgHref);
  assert.deepEqual(parsed, { root: 'svg', errors: 0 });
  const map = page.locator('#responsibility-map');
  assert.equal(await map.locator('.chart.wide svg').getAttribute('role'), 'img');
  await map.getByRole('button', { name: '显示数据表' }).click();
  assert.equal(await map.locator('.chart-table tbody tr').count(), 20);
  assert.match(await map.locator('.chart-table').textContent(), /区民政局 · 罗湖区/);
  const firstCount = map.locator('.chart-table tbody tr').first().locator('td a').first();
  const expected = Number(await firstCount.textContent());
  await firstCount.click();
  await page.waitForURL(/search\/\?district=.*unit=/);
  await page.locator('.result-count', { hasText: `找到 ${expected} 项任务` }).waitFor();
  await page.goBack();
  await page.locator('#responsibility-map').waitFor();
  // The marks in the chart itself open the items behind them: a bar segment opens the
  // search for its document and status, with as many results as the segment counts.
  const segment = page.locator('#completion-by-document .chart.wide a.hotspot').last();
  const segmentCount = Number((await segment.getAttribute('title')).split(' ').pop());
  await segment.click();
  await page.waitForURL(/search\/\?district=.*status=/);
  await page.locator('.result-count', { hasText: `找到 ${segmentCount} 项任务` }).waitFor();
  await page.goBack();
  const cell = page.locator('#responsibility-map .chart.wide a.hotspot[href*="search"]').first();
  await cell.click();
  await page.waitForURL(/search\/\?district=.*unit=/);
  await page.goBack();
  const network = page.locator('#network');
  assert.equal(await network.locator('.chart.wide svg').getAttribute('role'), 'img');
  await page.getByRole('link', { name: '2011 改革计划' }).click();
  await page.waitForURL(/plan=2011-yantian-key-reform-plan#network$/);
  await page.locator('#network').getByRole('button', { name: '显示数据表' }).click();
  assert.match(await page.locator('#network .chart-table').textContent(), /区民政局/);
  const node = page.locator('#network .chart-table tbody th a').first();
  const unitName = await node.textContent();
  await node.click();
  await page.locator('h1', { hasText: unitName }).waitFor();
  await page.goBack();
  const timeline = page.locator('#timeline');
  await timeline.getByRole('button', { name: '显示数据表' }).click();
  const everything = await timeline.locator('.chart-table tbody tr').count();
  await page.getByRole('link', { name: '物业管理', exact: true }).click();
  await page.waitForURL(/topic=property-management/);
  await page.locator('#timeline').getByRole('button', { name: '显示数据表' }).click();
  const property = await page.locator('#timeline .chart-table tbody tr').count();
  assert.ok(property < everything, `the theme narrows the timeline: ${property} < ${everything}`);
  assert.match(await page.locator('#timeline .chart-table').textContent(), /规范物业管理工作/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    completion.getByRole('button', { name: '下载 PNG' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'completion-by-document.png');
  const png = readFileSync(await download.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const svgWidth = Number(await completion.locator('.chart.wide svg').getAttribute('width'));
  const svgHeight = Number(await completion.locator('.chart.wide svg').getAttribute('height'));
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [svgWidth * 2, svgHeight * 2], 'rendered at 2x');
  await shots(page, 'charts');
  // Every chart on its own, at phone and desktop widths, light and dark, to look at.
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      for (const id of ['completion-by-document', 'responsibility-map', 'timeline', 'network']) {
        await page.locator(`figure#${id}`).screenshot({ path: join(ROOT, 'test-results', `chart-${id}-${width}-${colorScheme}.png`) });
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('link', { name: '按主题' }).click();
  await page.waitForURL(/charts\/\?by=theme/);
  await page.locator('#completion-by-theme .chart.wide svg title', { hasText: '按主题' }).waitFor({ state: 'attached' });
  await page.reload();
  await page.locator('#completion-by-theme .chart.wide svg title', { hasText: '按主题' }).waitFor({ state: 'attached' });
  assert.deepEqual(page.errors, []);
});

test('the English switch changes the interface, stays in the URL and is remembered', async () => {
  const page = await openPage(browser);
  await page.goto(site.url(`items/${PLAN_2014}/1/`));
  await page.locator('h1', { hasText: '深化行政审批制度改革' }).waitFor();
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  await page.locator('.status-line', { hasText: 'No public evidence' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('.facts-table').textContent(), /Establishment Office/);
  await page.getByRole('link', { name: 'Documents' }).first().click();
  await page.waitForURL(/documents\/\?lang=en$/);
  await page.locator('.document-title', { hasText: 'Luohu District 2014 Reform Plan' }).waitFor();
  await page.goto(site.url('units/'));
  await page.locator('h1', { hasText: 'Responsible units' }).waitFor({ timeout: 5000 });
  assert.ok(!page.url().includes('lang='), 'remembered without the URL saying so');
  await page.getByRole('link', { name: '中文' }).click();
  await page.locator('h1', { hasText: '责任单位' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
  assert.deepEqual(page.errors, []);
});

test('deep links and reloads load on a plain static server, and back and forward work', async () => {
  const page = await openPage(browser);
  const response = await page.goto(site.url(`documents/${PLAN_2014}/#L30`));
  assert.equal(response.status(), 200);
  await page.locator('#L30').waitFor();
  await page.reload();
  await page.locator('h1', { hasText: '深圳市罗湖区2014年改革计划' }).waitFor();
  await page.getByRole('link', { name: '责任单位' }).first().click();
  await page.waitForURL(site.url('units/'));
  await page.locator('h1', { hasText: '责任单位' }).waitFor();
  await page.goBack();
  await page.waitForURL(site.url(`documents/${PLAN_2014}/#L30`));
  await page.locator('h1', { hasText: '深圳市罗湖区2014年改革计划' }).waitFor();
  await page.goForward();
  await page.locator('h1', { hasText: '责任单位' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('every route has its own static page with a title, description and no-script content', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const routes = [
    ['', '深圳区级改革追踪'],
    ['documents/', '原始文件'],
    ['units/', '责任单位'],
    ['districts/', '各区'],
    ['themes/', '主题'],
    ['charts/', '图表'],
    ['search/', '搜索'],
    ['about/', '关于数据'],
    ...bundle.documents.map((document) => [`documents/${document.id}/`, document.title]),
    ...bundle.items.map((item) => [`items/${item.id}/`, item.title]),
    ...bundle.themes.map((theme) => [`themes/${theme.id}/`, theme.name]),
    ...bundle.districts.map((district) => [`districts/${district.id}/`, district.name]),
  ];
  for (const [path, text] of routes) {
    const response = await page.goto(site.url(path));
    assert.equal(response.status(), 200, path);
    assert.ok((await page.title()).includes(text), `${path}: ${await page.title()}`);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    assert.ok(description.length > 5, path);
    // The overview and the records' pages are drawn at build time, readable with or
    // without JavaScript; the other pages have no-script content of their own.
    const content = (await page.locator('#prerender main, body noscript').allTextContents()).join('');
    assert.ok(content.length > 20, path);
  }
  // A list of every document on the home page would grow the first view with the corpus.
  await page.goto(site.url(''));
  assert.equal(await page.locator('body noscript').textContent(), '');
  assert.match(await page.locator('#prerender main').first().textContent(), new RegExp(`${bundle.items.length}\\s*项改革任务`));
  assert.ok(await page.locator('#prerender main').first().isVisible());
  await page.locator('#prerender header a[href="documents/"]').first().click();
  await page.waitForURL(site.url('documents/'));
  assert.match(await page.locator('#prerender main').textContent(), new RegExp(bundle.documents[0].title));
  await page.goto(site.url(`items/${PLAN_2014}/1/`));
  assert.match(await page.locator('#prerender main').textContent(), /区编办、区法制办、区监察局/);
  await context.close();
});

test('a deep link to an item is readable before the app has loaded, then the app takes over', async () => {
  const item = bundle.items.find((candidate) => candidate.id === `${PLAN_2014}/26`);
  const page = await openPage(browser);
  await page.setViewportSize({ width: 360, height: 800 });
  // The app's script is held back: what the reader has meanwhile is the page drawn at build time.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/reform-portal-app-[0-9a-f]+\.js$/, async (route) => { await held; await route.continue(); });
  // Neither DOMContentLoaded nor load comes while the app's module script is held.
  await page.goto(site.url(`items/${item.id}/`), { waitUntil: 'commit' });
  const drawn = page.locator('#prerender');
  await drawn.locator('main h1').waitFor();
  assert.equal(await drawn.locator('main h1').textContent(), `${item.label}${item.title}`);
  assert.ok(await drawn.locator('main h1').isVisible());
  assert.match(await drawn.locator('main').textContent(), /区住房建设局、各街道/);
  assert.equal(await drawn.getByRole('link', { name: 'English' }).getAttribute('href'), `items/${item.id}/?lang=en`);
  await screenshot(page, 'item-drawn-360');
  release();
  // The app's view replaces it once the item's data is in: its own heading, nothing drawn left.
  await page.locator('main#main h1', { hasText: item.title }).waitFor();
  assert.equal(await page.locator('#prerender').count(), 0);
  assert.ok(await page.locator('main#main h1').isVisible());
  assert.deepEqual(page.errors, []);

  // A reader of English is not shown the Chinese drawing: the app draws the page in English.
  const english = await openPage(browser);
  let releaseEnglish;
  const heldEnglish = new Promise((resolve) => { releaseEnglish = resolve; });
  await english.route(/reform-portal-app-[0-9a-f]+\.js$/, async (route) => { await heldEnglish; await route.continue(); });
  await english.goto(site.url(`items/${item.id}/?lang=en`), { waitUntil: 'commit' });
  // Once the start script has run (it removes itself), the drawing is gone, the app held back.
  await english.waitForFunction(() => document.getElementById('prerender') && !document.querySelector('#prerender script'));
  assert.equal(await english.locator('#prerender').count(), 1);
  assert.equal(await english.locator('#prerender main').count(), 0);
  releaseEnglish();
  await english.locator('main#main h1', { hasText: item.title }).waitFor();
  assert.equal(await english.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(english.errors, []);
});

test('keyboard only: the skip link comes first and moves focus to the content', async () => {
  const page = await openPage(browser);
  await page.goto(site.url('documents/'));
  await page.locator('.document-title').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '跳到正文');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('main') !== null);
  assert.ok(focused, 'the next Tab lands inside the main content');
});

/** Tabs until `matches(activeElement)` (run in the page), checking every stop shows its focus. */
async function tabTo(page, matches, limit = 80) {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((source) => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      return {
        found: new Function('element', source)(element),
        visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        hotspot: element.classList.contains('hotspot'),
        what: `${element.tagName} ${element.textContent.slice(0, 30)}`,
      };
    }, `return ${matches}`);
    // The page itself (after the last stop, Tab passes through the browser's own controls).
    assert.ok(stop.visible || /^(MAIN|BODY)/.test(stop.what), `no visible focus on ${stop.what}`);
    assert.ok(!stop.hotspot, 'chart marks stay out of the tab order');
    if (stop.found) return;
  }
  throw new Error(`not reached in ${limit} Tabs: ${matches}`);
}

test('keyboard only: from the overview to a chart, its table, an item and the embed code', async () => {
  const page = await openPage(browser);
  await page.goto(site.url(''));
  await page.locator('main#main h1').waitFor();
  await tabTo(page, "element.matches('header a') && element.textContent === '图表'");
  await page.keyboard.press('Enter');
  await page.waitForURL(/charts\/$/);
  await page.locator('figure#completion-by-document svg').first().waitFor({ state: 'attached' });
  await tabTo(page, "element.matches('#completion-by-document button') && element.textContent === '显示数据表'");
  await page.keyboard.press('Enter');
  await page.locator('#completion-by-document .chart-table').waitFor();
  await tabTo(page, "element.matches('#completion-by-document .chart-table a')");
  const target = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === target);
  await page.goBack();
  await page.locator('figure#responsibility-map svg').first().waitFor({ state: 'attached' });
  await tabTo(page, "element.matches('#responsibility-map summary')");
  await page.keyboard.press('Enter');
  await tabTo(page, "element.matches('#responsibility-map textarea')", 10);
  assert.match(await page.evaluate(() => document.activeElement.value), /^<iframe src=/);
  assert.deepEqual(page.errors, []);
});

test('an unknown address shows a way back', async () => {
  const page = await openPage(browser);
  await page.goto(site.url(`documents/${PLAN_2014}/`));
  await page.locator('h1').first().waitFor();
  await page.evaluate((path) => {
    history.pushState({}, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, `${BASE}no/such/page/`);
  await page.locator('h1', { hasText: '页面不存在' }).waitFor();
  await page.getByRole('link', { name: '返回首页' }).click();
  await page.locator('h1', { hasText: '承诺了什么' }).waitFor();
  await page.evaluate((path) => {
    history.pushState({}, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, `${BASE}items/no-such-document/1/`);
  await page.locator('h1', { hasText: '页面不存在' }).waitFor();
  await page.getByRole('link', { name: '返回首页' }).click();
  await page.locator('h1', { hasText: '承诺了什么' }).waitFor();
  await page.evaluate((path) => {
    history.pushState({}, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, `${BASE}districts/nowhere/`);
  await page.locator('h1', { hasText: '页面不存在' }).waitFor();
});

test('a missing bundle gives a readable error and a working retry', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  let failing = true;
  await page.route('**/data/index.json', (route) =>
    failing ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
  );
  await page.goto(site.url('documents/'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /找不到数据文件/);
  assert.match(await alert.textContent(), /HTTP status 404/);
  await screenshot(page, 'error-404');
  failing = false;
  await page.getByRole('button', { name: '重试' }).click();
  await page.locator('.document-title').first().waitFor();
  assert.equal(await alert.count(), 0);
});

test('a missing or out-of-date shard says the site was updated, and the retry loads the new data', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  let mode = 'missing';
  const answered = [];
  await page.route('**/data/shards/*/luohu.json', async (route) => {
    answered.push(mode);
    if (mode === 'missing') return route.fulfill({ status: 404, body: 'not found' });
    if (mode === 'other version') {
      const response = await route.fetch();
      const shard = await response.json();
      shard.content_hash = 'f'.repeat(64);
      return route.fulfill({ response, body: JSON.stringify(shard) });
    }
    return route.continue();
  });
  /** Resolves once the shard has been asked for `count` times in all. */
  const askedTimes = (count) => until(() => answered.length >= count, `the shard to be asked for ${count} times`);
  await page.goto(site.url(`documents/${PLAN_2014}/`));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /部分数据缺失或已更新,网站可能刚刚更新/);
  assert.match(await alert.textContent(), /data\/shards\/[0-9a-f]{16}\/luohu\.json is missing or belongs to another data version/);
  await screenshot(page, 'error-shard-missing');
  mode = 'other version';
  const askedBefore = answered.length;
  await page.getByRole('button', { name: '重试' }).click();
  // The retry fetches the index again, then the shard: wait for that answer, not the old alert.
  await askedTimes(askedBefore + 1);
  await page.getByRole('alert', { hasText: '部分数据缺失或已更新' }).waitFor();
  assert.equal(answered.at(-1), 'other version');
  mode = 'served';
  await page.getByRole('button', { name: '重试' }).click();
  await page.locator('h1', { hasText: '深圳市罗湖区2014年改革计划' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await page.context().close();
});

test('damaged or foreign bundles are named as such', async () => {
  const cases = [
    ['', /数据文件已损坏或不完整/, /empty/],
    ['{"schema_version":1,"documents":[', /数据文件已损坏或不完整/, /damaged/],
    ['{"schema_version":99}', /数据比这个页面新。请刷新页面/, /version 99/],
    ['{"schema_version":0}', /数据比这个页面旧/, /version 0/],
    [' '.repeat(65 * 1024 * 1024), /数据文件太大/, /65 MB/],
  ];
  for (const [body, advice, detail] of cases) {
    const page = await openPage(browser, { allowConsoleErrors: true });
    await page.route('**/data/index.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
    await page.goto(site.url());
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), advice);
    assert.match(await alert.textContent(), detail);
    assert.deepEqual(page.errors, [], 'no panic');
    await page.context().close();
  }
});

test('bad data is explained in the reader\'s language, and a server that hangs times out', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await page.route('**/data/index.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version":1,"items":' }),
  );
  await page.goto(site.url('?lang=en'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /The data could not be loaded.*damaged or incomplete.*Try again/);
  await page.context().close();

  // A page drawn at build time is read meanwhile; on one without, the wait is announced.
  const hanging = await openPage(browser, { allowConsoleErrors: true });
  await hanging.route('**/data/index.json', () => {});
  await hanging.goto(site.url('documents/'), { waitUntil: 'load' });
  await hanging.locator('#prerender main li a', { hasText: bundle.documents[0].title }).waitFor();
  await hanging.goto(site.url('search/'));
  await hanging.locator('[role=status]', { hasText: '正在加载数据' }).waitFor();
  await hanging.getByRole('alert').waitFor({ timeout: 30000 });
  assert.match(await hanging.getByRole('alert').textContent(), /服务器响应太慢.*no complete answer within 20 s/);
  await hanging.unroute('**/data/index.json');
  await hanging.getByRole('button', { name: '重试' }).click();
  await hanging.locator('main h1').waitFor();
  await hanging.context().close();
});

test('every page carries the security policy; injected scripts and a tampered wasm do not run', async () => {
  for (const path of ['', 'charts/', `items/${PLAN_2014}/1/`, 'embed/timeline/', '404.html']) {
    const html = await (await fetch(site.url(path))).text();
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(policy, `${path}: no policy`);
    const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src'));
    // By their hashes: Trunk's loader, the embed pages' and the home page's start scripts.
    assert.match(scriptSrc, /^ script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*'){3}$/, path);
    assert.match(html, /<meta name="referrer" content="strict-origin-when-cross-origin">/);
    assert.match(html, /fetch\('[^']+_bg\.wasm', \{ integrity: 'sha384-[A-Za-z0-9+/]+=*' \}\)/, `${path}: wasm without integrity`);
    assert.match(html, /<link rel="stylesheet" href="[^"]+" integrity="sha384-/);
    // The data downloads alongside the wasm: the index, and the page's shards.
    assert.match(html, /<link rel="preload" href="data\/index\.json" as="fetch" crossorigin="anonymous">/, path);
  }
  const page = await openPage(browser);
  await page.goto(site.url('charts/'));
  await page.locator('figure#timeline svg').first().waitFor({ state: 'attached' });
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    await new Promise((done) => setTimeout(done, 50));
    return window.__injected === true;
  });
  assert.equal(ran, false, 'an inline script added to the page does not run');

  const tampered = await openPage(browser, { allowConsoleErrors: true });
  const messages = [];
  tampered.on('console', (message) => messages.push(message.text()));
  await tampered.route('**/*.wasm', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 1] ^= 1;
    await route.fulfill({ response, body });
  });
  await tampered.goto(site.url('charts/'));
  await tampered.locator('#load-fallback').waitFor({ state: 'visible', timeout: 15000 });
  assert.ok(messages.some((text) => /integrity/i.test(text)), messages.join('\n'));
  await tampered.context().close();
});

test('a network failure is reported, not a blank page', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await page.route('**/data/index.json', (route) => route.abort('connectionrefused'));
  await page.goto(site.url());
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /无法连接到服务器/);
});
