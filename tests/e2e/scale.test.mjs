// A corpus too large to load at once (240 synthetic districts, 11 MB of shards): the first
// view loads only the index, pages load the one shard they need, pages over everything ask
// for a district, and the list of districts is windowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { compiler, openSiteAndBrowser, openPage, routeData, scratchFolder, screenshot, until, loadsApp, loadsDrawer, BASE, DIST } from './helpers.mjs';

const DISTRICTS = 240;
const corpus = scratchFolder('reform-scale-');
const data = join(corpus, 'data');
// An earlier data version first, as if the corpus had been updated since: pinned embeds
// keep showing it.
compiler('generate', '--out', join(corpus, 'earlier'), '--districts', String(DISTRICTS), '--years', '1', '--seed', '5');
compiler('compile', '--seeds', join(corpus, 'earlier'), '--out', data);
const earlierVersion = JSON.parse(readFileSync(join(data, 'index.json'), 'utf8')).content_hash.slice(0, 16);
compiler('generate', '--out', join(corpus, 'seeds'), '--districts', String(DISTRICTS), '--years', '1', '--seed', '4');
compiler('compile', '--seeds', join(corpus, 'seeds'), '--out', data);
const index = JSON.parse(readFileSync(join(data, 'index.json'), 'utf8'));
const version = index.content_hash.slice(0, 16);
const table = JSON.parse(readFileSync(join(data, `shards/${version}/districts.json`), 'utf8'));
// Many small districts that load at once all the same (30 districts, about 1.3 MB of shards).
const SMALL_DISTRICTS = 30;
const small = join(corpus, 'small');
compiler('generate', '--out', join(corpus, 'small-seeds'), '--districts', String(SMALL_DISTRICTS), '--years', '1', '--seed', '6');
compiler('compile', '--seeds', join(corpus, 'small-seeds'), '--out', small);

// The embed pages as this corpus's build writes them (`reform-portal site`): too large to
// draw whole, they carry fewer views drawn in than the seed site's, and name the seed
// site's embed drawers (one per chart), which draw the others.
const built = join(corpus, 'site');
mkdirSync(built);
copyFileSync(join(DIST, 'index.html'), join(built, 'index.html'));
symlinkSync(data, join(built, 'data'));
for (const drawer of readdirSync(DIST).filter((name) => name.startsWith('embed-drawer-'))) {
  symlinkSync(join(DIST, drawer), join(built, drawer));
}
compiler('site', '--dist', built);
// And the small corpus's, whose home page lists its districts with a box to find one.
const smallBuilt = join(corpus, 'small-site');
mkdirSync(smallBuilt);
copyFileSync(join(DIST, 'index.html'), join(smallBuilt, 'index.html'));
symlinkSync(small, join(smallBuilt, 'data'));
compiler('site', '--dist', smallBuilt);
const { site, browser } = await openSiteAndBrowser();

/** Serves the embed pages of the large corpus's build in place of the seed site's. */
async function routeEmbedPages(page) {
  await page.route(/\/embed\/[a-z-]+\/(\?.*)?$/, (route) => {
    const kind = new URL(route.request().url()).pathname.split('/').at(-2);
    return route.fulfill({ contentType: 'text/html', body: readFileSync(join(built, 'embed', kind, 'index.html')) });
  });
}

/** A page on the large corpus that records which data files it fetched. */
async function largePage() {
  const page = await openPage(browser);
  await routeData(page, data);
  await routeEmbedPages(page);
  page.fetched = [];
  page.on('request', (request) => {
    const path = request.url().split('/data/')[1];
    // Files of this corpus; the static pages also preload the seed site's own shards.
    if (path && !path.startsWith('shards/')) page.fetched.push(path);
    if (path?.startsWith(`shards/${version}/`)) page.fetched.push(path.replace(`shards/${version}/`, ''));
  });
  return page;
}

/**
 * Serves `page` the home page as the build in `folder` writes it, and holds the app's
 * script back until the returned function is called.
 */
async function builtHomeWithAppHeld(page, folder) {
  await page.route((url) => url.pathname === BASE, (route) =>
    route.fulfill({ contentType: 'text/html', body: readFileSync(join(folder, 'index.html')) }));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/reform-portal-app-[0-9a-f]+\.js$/, async (route) => { await held; await route.continue(); });
  return release;
}

/** Follows a link inside the app, as a click on it would. */
async function visit(page, path) {
  await page.evaluate((url) => {
    history.pushState({}, '', url);
    dispatchEvent(new PopStateEvent('popstate'));
  }, BASE + path);
}

test('the home page does not grow with the corpus', () => {
  const home = readFileSync(join(built, 'index.html'), 'utf8');
  const seedHome = readFileSync(join(DIST, 'index.html'), 'utf8');
  // No list of every document or district: the overview's figures, chart and links.
  assert.doesNotMatch(home, /href="documents\/[a-z0-9-]+\//);
  assert.ok(home.length < 1.2 * seedHome.length, `${home.length} bytes against the seed site's ${seedHome.length}`);
});

test('the list pages do not grow with the corpus: they name the districts, and each district\'s page lists its own', () => {
  for (const list of ['documents', 'units']) {
    const html = readFileSync(join(built, list, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /href="(documents|units)\/[a-z0-9-]+\//, list);
    assert.equal(html.match(/<li><a href="districts\/[a-z0-9-]+\/">/g).length, DISTRICTS, list);
  }
  const district = table.districts[7].district;
  const drawn = readFileSync(join(built, 'districts', district.id, 'index.html'), 'utf8');
  const shard = JSON.parse(readFileSync(join(data, `shards/${version}/${district.id}.json`), 'utf8'));
  assert.ok(shard.documents.length > 0);
  for (const document of shard.documents) assert.match(drawn, new RegExp(`href="documents/${document.id}/"`));
  assert.equal(drawn.match(/href="documents\/[a-z0-9-]+\/"/g).length, shard.documents.length);
  // It preloads its own shard, found without a look-up.
  assert.match(drawn, new RegExp(`rel="preload" href="data/shards/${version}/${district.id}.json"`));
  assert.doesNotMatch(drawn, /districts\.json|directory-/);
});

test('a district\'s page loads the index and its shard alone', async () => {
  const page = await largePage();
  const district = table.districts[3].district;
  // The page as this corpus's build writes it: the seed site has no such district.
  await page.route((url) => url.pathname === `${BASE}districts/${district.id}/`, (route) =>
    route.fulfill({ contentType: 'text/html', body: readFileSync(join(built, 'districts', district.id, 'index.html')) }));
  await page.goto(site.url(`districts/${district.id}/`));
  await page.locator('main#main h1', { hasText: district.name }).waitFor();
  const shard = JSON.parse(readFileSync(join(data, `shards/${version}/${district.id}.json`), 'utf8'));
  assert.deepEqual(await page.locator('main#main .document-title').allTextContents(), shard.documents.map((document) => document.title));
  assert.deepEqual(page.fetched.filter((path) => path.endsWith('.json')), ['index.json', `${district.id}.json`]);
  assert.deepEqual(page.errors, []);
});

test('the first view loads the index alone, however large the corpus', async () => {
  const page = await largePage();
  await page.goto(site.url());
  // The app's figures: the page served here is the seed site's, drawn from the seeds.
  const figures = page.locator('main#main .figures');
  await figures.waitFor();
  assert.match(await figures.textContent(), new RegExp(`${DISTRICTS}\\s*个区`));
  assert.match(await figures.textContent(), new RegExp(`${index.coverage.items}\\s*项改革任务`));
  await page.locator('figure.overview-chart svg').first().waitFor({ state: 'attached' });
  assert.deepEqual(page.fetched, ['index.json']);
  assert.ok(readFileSync(join(data, 'index.json')).length < 4096, 'the index stays a few kilobytes');
  await screenshot(page, 'scale-overview-1280');
  assert.deepEqual(page.errors, []);
});

test('a national overview is drawn whole, its district list closed: opening it there starts the app, which shows it open', async () => {
  const page = await largePage();
  // The app's script is held back until the reader has opened the list.
  const release = await builtHomeWithAppHeld(page, built);
  await page.goto(site.url());
  const drawn = page.locator('#prerender details.district-details');
  assert.equal(await drawn.locator('summary').textContent(), `各区 (${DISTRICTS})`);
  assert.match(await page.locator('#prerender .figures').textContent(), new RegExp(`${DISTRICTS}\\s*个区`));
  assert.equal(await page.locator('#prerender footer').count(), 1);
  const early = await page.evaluate(() => {
    const loaded = performance.getEntriesByType('navigation')[0].loadEventStart;
    return performance.getEntriesByType('resource').filter((entry) => entry.startTime < loaded).map((entry) => entry.name);
  });
  assert.deepEqual(early.filter((name) => /\.(wasm|js|json)$/.test(name)), [], 'nothing of the app before the page has loaded');
  await drawn.locator('summary').click();
  await page.waitForURL(/#districts$/);
  assert.equal(await drawn.locator('[role=status]').textContent(), '正在加载各区…');
  release();
  const list = page.locator('main#main details#districts[open] .virtual-list');
  await list.locator('.district-row').first().waitFor();
  assert.deepEqual(page.fetched, ['index.json', 'districts.json']);
  assert.equal(await list.locator('li').first().getAttribute('aria-setsize'), String(DISTRICTS));
  await screenshot(page, 'scale-overview-opened-1280');
  assert.deepEqual(page.errors, []);
});

test('a long district list is drawn with its box: districts are found there, and the app keeps what was typed', async () => {
  const smallIndex = JSON.parse(readFileSync(join(small, 'index.json'), 'utf8'));
  const smallTable = JSON.parse(readFileSync(join(small, `shards/${smallIndex.content_hash.slice(0, 16)}/districts.json`), 'utf8'));
  const page = await openPage(browser);
  await page.setViewportSize({ width: 360, height: 800 });
  await routeData(page, small);
  // The app's script is held back until the reader has typed.
  const release = await builtHomeWithAppHeld(page, smallBuilt);
  await page.goto(site.url());
  const drawn = page.locator('#prerender');
  assert.equal(await drawn.locator('.district-row').count(), SMALL_DISTRICTS);
  assert.equal(await drawn.locator('.district-count').textContent(), `${SMALL_DISTRICTS} 个区`);
  // A character some districts' names hold (县, say), found as the app finds it: in
  // either name or the id.
  const matchingOf = (wanted) => smallTable.districts.filter(({ district }) =>
    district.name.includes(wanted) || district.name_en.toLowerCase().includes(wanted) || district.id.includes(wanted));
  const wanted = [...new Set(smallTable.districts.flatMap(({ district }) => [...district.name]))]
    .find((character) => matchingOf(character).length > 1 && matchingOf(character).length < SMALL_DISTRICTS);
  const matching = matchingOf(wanted);
  await drawn.locator('.district-find input').fill(wanted);
  assert.equal(await drawn.locator('.district-row:visible').count(), matching.length);
  assert.equal(await drawn.locator('.district-count').textContent(), `${matching.length} 个区`);
  assert.deepEqual(
    await drawn.locator('.district-row:visible strong').allTextContents(),
    matching.map(({ district }) => district.name),
  );
  await drawn.locator('.district-row:visible').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'scale-overview-find-drawn-360');
  release();
  // The app's list, found by the same words, with the box still in hand.
  const list = page.locator('main#main');
  await list.locator('.district-row').first().waitFor();
  assert.equal(await page.locator('#prerender').count(), 0);
  assert.equal(await list.locator('.district-find input').inputValue(), wanted);
  assert.equal(await list.locator('.district-count').textContent(), `${matching.length} 个区`);
  assert.equal(await list.locator('.district-row').count(), matching.length);
  assert.ok(await list.locator('.district-find input').evaluate((input) => input === document.activeElement), 'the box keeps the focus');
  // Typing on: the first of them by its whole name.
  const whole = matching[0].district.name;
  await page.keyboard.press('Home');
  await page.keyboard.type(whole.slice(0, whole.indexOf(wanted)));
  await page.keyboard.press('End');
  await page.keyboard.type(whole.slice(whole.indexOf(wanted) + 1));
  assert.equal(await list.locator('.district-find input').inputValue(), whole);
  assert.equal(await list.locator('.district-row').count(), matchingOf(whole).length);
  await list.locator('.district-row').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'scale-overview-find-app-360');
  assert.deepEqual(page.errors, []);
});

test('without JavaScript, the national district list sends its reader to the list of districts, drawn whole, and on to each', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // The pages of this corpus's build, in place of the seed site's.
  await page.route((url) => url.pathname === BASE || /\/(documents|districts|districts\/[a-z0-9-]+)\/$/.test(url.pathname), (route) => {
    const below = new URL(route.request().url()).pathname.slice(BASE.length);
    return route.fulfill({ contentType: 'text/html', body: readFileSync(join(built, below, 'index.html')) });
  });
  await page.goto(site.url());
  const details = page.locator('#prerender [data-lang=zh] details.district-details');
  await details.locator('summary').click();
  // Not a notice that the districts are loading, which without the app they never would.
  assert.equal(await details.locator('[role=status]').isVisible(), false);
  await details.getByRole('link', { name: '各区列表' }).click();
  await page.waitForURL(site.url('districts/'));
  assert.equal(await page.locator('main li a[href^="districts/"]').count(), DISTRICTS);
  await screenshot(page, 'scale-districts-drawn-1280');
  const district = table.districts[11].district;
  await page.locator('main').getByRole('link', { name: district.name, exact: true }).click();
  await page.waitForURL(site.url(`districts/${district.id}/`));
  assert.equal(await page.locator('#prerender main h1').textContent(), district.name);
  const shard = JSON.parse(readFileSync(join(data, `shards/${version}/${district.id}.json`), 'utf8'));
  assert.equal(await page.locator('#prerender main a[href^="documents/"]').count(), shard.documents.length);
  await screenshot(page, 'scale-district-drawn-1280');
  await context.close();
});

test('the district list is windowed: a few dozen rows in the page, all reachable by scrolling', async () => {
  const page = await largePage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(site.url());
  await page.locator('.district-details summary').click();
  const list = page.locator('.virtual-list');
  await list.locator('.district-row').first().waitFor();
  assert.deepEqual(page.fetched, ['index.json', 'districts.json']);
  const rendered = await list.locator('li').count();
  assert.ok(rendered < 40, `${rendered} rows in the page`);
  assert.equal(await list.locator('li').first().getAttribute('aria-setsize'), String(DISTRICTS));
  await list.evaluate((element) => { element.scrollTop = element.scrollHeight; });
  const last = table.districts.at(-1).district.name;
  await list.locator('li', { hasText: last }).waitFor();
  assert.equal(await list.locator('li').last().getAttribute('aria-posinset'), String(DISTRICTS));
  assert.ok((await list.locator('li').count()) < 40);
  await screenshot(page, 'scale-districts-360');
  // A county is found by typing its name rather than scrolling.
  const wanted = table.districts[201].district;
  await page.getByLabel('按名称查找').fill(wanted.name);
  const matching = table.districts.filter((entry) => entry.district.name.includes(wanted.name)).length;
  await page.locator('.district-count', { hasText: `${matching} 个区` }).waitFor();
  assert.equal(await page.locator('.district-row').count(), matching);
  assert.match(await page.locator('.district-row').first().textContent(), new RegExp(wanted.name));
  await page.getByLabel('按名称查找').fill('');
  await page.locator('.district-count', { hasText: `${DISTRICTS} 个区` }).waitFor();
  await page.getByLabel('按名称查找').fill(last);
  // A row leads to that district's page: its shard alone, named by the district's id.
  await page.locator(`.district-row[href$="districts/${table.districts.at(-1).district.id}/"]`).click();
  await page.locator('.document-title').first().waitFor();
  assert.deepEqual(page.fetched.slice(2), [`${table.districts.at(-1).district.id}.json`]);
  assert.equal(await page.locator('main#main h1').textContent(), last);
  assert.match(await page.locator('main#main .lede').textContent(), / · 1 份文件 · /);
  assert.deepEqual(page.errors, []);
});

test('a deep link to an item loads one directory file and one shard', async () => {
  const page = await largePage();
  await page.goto(site.url());
  await page.locator('main#main .figures').waitFor();
  const district = table.districts[137].district;
  const shard = JSON.parse(readFileSync(join(data, `shards/${version}/${district.id}.json`), 'utf8'));
  const item = shard.items[3];
  await visit(page, `items/${item.id}/`);
  await page.locator('h1', { hasText: item.title.slice(0, 8) }).waitFor();
  const [directory, ...rest] = page.fetched.slice(1);
  assert.match(directory, /^directory-\d+\.json$/);
  assert.deepEqual(rest, [`${district.id}.json`]);
  // Another item of the same document needs nothing new.
  await visit(page, `items/${shard.items[4].id}/`);
  await page.locator('h1', { hasText: shard.items[4].title.slice(0, 8) }).waitFor();
  assert.equal(page.fetched.length, 3);
  await visit(page, 'items/2011-nowhere-plan/1/');
  await page.locator('h1', { hasText: '页面不存在' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('pages over everything ask for a district, then load only its shard', async () => {
  const page = await largePage();
  await page.goto(site.url('search/?q=改革'));
  await page.locator('h1', { hasText: '选择一个区' }).waitFor();
  assert.match(await page.locator('main').textContent(), new RegExp(`${DISTRICTS} 个区`));
  await screenshot(page, 'scale-choose-district-1280');
  const district = table.districts[1].district;
  await page.locator('.district-row', { hasText: district.name }).click();
  await page.locator('.result-count').waitFor();
  assert.match(page.url(), new RegExp(`q=${encodeURIComponent('改革')}.*district=${district.id}|district=${district.id}.*q=`));
  // The term files name the districts that may have results (the test below); then the
  // district's shard alone.
  const fetched = page.fetched.filter((path) => path.endsWith('.json') && !path.startsWith('directory-'));
  assert.deepEqual(fetched.filter((path) => !path.startsWith('terms-')), ['index.json', 'districts.json', `${district.id}.json`]);
  assert.ok(fetched.some((path) => /^terms-\d+\.json$/.test(path)), `${fetched}`);
  for (const route of ['units/', 'charts/', 'documents/', 'themes/']) {
    await visit(page, route);
    await page.locator('h1', { hasText: '选择一个区' }).waitFor();
  }
  assert.deepEqual(page.errors, []);
});

test('a district the corpus does not have is not found, in the app and in an embed', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await routeData(page, data);
  await routeEmbedPages(page);
  await page.goto(site.url('documents/?district=nowhere'));
  await page.locator('h1', { hasText: '页面不存在' }).waitFor();
  // The embed drawer has no shard to draw from: the app says so.
  await page.goto(site.url('embed/timeline/?district=nowhere'));
  await page.locator('h1', { hasText: '页面不存在' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a national search names the districts whose items may hold the words, from the term files alone', async () => {
  // Which districts hold a term, as search reads their items: every searchable field.
  const holders = (term) => table.districts.flatMap((entry, position) => {
    const shard = JSON.parse(readFileSync(join(data, `shards/${version}/${entry.district.id}.json`), 'utf8'));
    const units = new Map(shard.units.map((unit) => [unit.id, unit]));
    const themes = new Map(shard.themes.map((theme) => [theme.id, theme]));
    const quotes = new Map(shard.progress.map((event) => [event.item, '']));
    for (const event of shard.progress) quotes.set(event.item, `${quotes.get(event.item)} ${event.quote}`);
    const holds = shard.items.some((item) =>
      [
        item.title,
        item.text,
        item.leaders.join(' '),
        quotes.get(item.id) ?? '',
        ...[...item.lead_units, ...item.co_units].flatMap((named) => [named.written, units.get(named.unit)?.name ?? '', units.get(named.unit)?.name_en ?? '']),
        ...item.themes.flatMap((id) => [themes.get(id)?.name ?? '', themes.get(id)?.name_en ?? '']),
      ].some((field) => field.toLowerCase().includes(term)));
    return holds ? [position] : [];
  });
  const term = '物业';
  const expected = holders(term);
  assert.ok(expected.length > 20 && expected.length < DISTRICTS, `${expected.length} districts hold ${term}`);
  const page = await largePage();
  await page.goto(site.url(`search/?q=${term}`));
  await page.locator('.district-count', { hasText: '可能出现在' }).waitFor();
  // A two-character term is its own key: exactly the districts holding it.
  assert.equal(await page.locator('.district-count').first().textContent(), `“${term}”可能出现在 ${DISTRICTS} 个区中的 ${expected.length} 个。选择一个区查看结果:`);
  const hrefs = await page.locator('.district-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('href')));
  assert.deepEqual(hrefs, expected.map((position) => `${BASE}search/?q=${encodeURIComponent(term)}&district=${table.districts[position].district.id}`));
  assert.deepEqual(page.fetched.filter((path) => !/^terms-\d+\.json$/.test(path)), ['index.json', 'districts.json'], 'no shard');
  assert.ok(page.fetched.length > 2, 'a term file');
  await screenshot(page, 'scale-search-districts-1280');
  // Its district's own search finds it.
  await page.locator('.district-row').nth(3).click();
  await page.locator('.result-count').waitFor();
  assert.match(await page.locator('.result-count').textContent(), /找到 [1-9]\d* 项任务/);
  // Words no district holds, typed into the box.
  await page.goto(site.url('search/?lang=en'));
  await page.locator('#search-text').fill('zzq');
  await page.locator('#search-text').press('Enter');
  await page.waitForURL(/q=zzq/);
  await page.locator('.district-count', { hasText: 'No district' }).waitFor();
  assert.equal(await page.locator('.district-count').textContent(), 'No district\'s items contain “zzq”.');
  assert.equal(await page.locator('.district-row').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a theme too large to load asks for one of its own districts, quoting its own figures', async () => {
  const theme = index.themes.find((entry) => entry.bytes > 2_000_000);
  assert.ok(theme, 'a theme over the 2 MB limit');
  const districts = table.theme_districts[theme.id];
  assert.ok(districts.length < DISTRICTS && districts.length > 20, `${districts.length} districts`);
  const page = await largePage();
  await page.goto(site.url(`themes/${theme.id}/`));
  await page.locator('h1', { hasText: '选择一个区' }).waitFor();
  const explanation = await page.locator('main p').first().textContent();
  assert.match(explanation, new RegExp(`这个主题的 ${theme.items} 项任务分布在许多区\\(${Math.round(theme.bytes / 1e6)} MB 数据\\)`));
  assert.equal(await page.locator('.district-count').textContent(), `${districts.length} 个区`);
  const first = page.locator('.district-row').first();
  assert.equal(await first.getAttribute('href'), `${BASE}themes/${theme.id}/?district=${districts[0]}`);
  assert.deepEqual(page.errors, []);
});

test('an embed loads one district\'s chart shard, and without a district offers the picker', async () => {
  const page = await largePage();
  const loaded = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  const district = table.districts[42].district;
  await page.goto(site.url(`embed/completion/?district=${district.id}`));
  await page.locator('article.embed:not([hidden]) svg').first().waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  // The index, then the district's chart shard, named by its id: no directory look-up.
  assert.deepEqual(page.fetched.filter((path) => path.endsWith('.json')), ['index.json', `charts/${district.id}.json`]);
  // Drawn by the embed drawer: the compiler draws no district's view of a national corpus.
  assert.ok(loadsDrawer(loaded) && !loadsApp(loaded), loaded.join(' '));
  // Its marks open that district's items.
  const marks = await page.locator('article.embed:not([hidden]) .chart.wide a.hotspot').evaluateAll((links) => links.map((link) => link.href));
  assert.ok(marks.length > 0 && marks.every((href) => href.includes(`district=${district.id}&`)), marks.join(' '));
  // Without a district the drawer has nothing to draw: the app asks for one.
  await page.goto(site.url('embed/completion/'));
  await page.locator('h1', { hasText: '选择一个区' }).waitFor();
  const first = page.locator('.district-row').first();
  await first.waitFor();
  assert.match(await first.getAttribute('href'), /\/embed\/completion\/\?district=d0000$/);
  assert.deepEqual(page.errors, []);
});

test('the embed code of a district\'s charts names the district, for every chart', async () => {
  const page = await largePage();
  const district = table.districts[7].district;
  await page.goto(site.url(`charts/?district=${district.id}`));
  const snippetOf = async (figureId) => {
    const figure = page.locator(`figure#${figureId}`);
    await figure.locator('details.embed-code summary').click();
    const snippet = await figure.locator('details.embed-code textarea').inputValue();
    return new URL(snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  };
  // The charts show this district alone: an embed without it would ask its reader to choose one.
  for (const [figureId, chart] of [['completion-by-document', 'completion'], ['responsibility-map', 'responsibility-map'], ['timeline', 'timeline'], ['network', 'network']]) {
    const url = await snippetOf(figureId);
    assert.equal(url.pathname, `${BASE}embed/${chart}/`);
    assert.deepEqual(url.searchParams.getAll('district'), [district.id], `${chart}: ${url}`);
  }
  // What that code shows: the district's chart, from its chart shard alone.
  const embed = await largePage();
  const url = await snippetOf('responsibility-map');
  await embed.goto(site.url(`embed/responsibility-map/${url.search}`));
  await embed.locator('article.embed svg').first().waitFor({ state: 'attached' });
  assert.deepEqual(embed.fetched.filter((path) => path.endsWith('.json')).slice(1), [`charts/${district.id}.json`]);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(embed.errors, []);
});

test('an embed pinned to an earlier data version loads that version\'s few kept files', async () => {
  const page = await openPage(browser);
  await routeData(page, data);
  await routeEmbedPages(page);
  const fetched = [];
  page.on('request', (request) => {
    const path = request.url().split('/data/')[1];
    if (path) fetched.push(path);
  });
  const earlier = `shards/${earlierVersion}/`;
  const earlierTable = JSON.parse(readFileSync(join(data, earlier, 'districts.json'), 'utf8'));
  const district = earlierTable.districts[7].district;
  assert.ok(!existsSync(join(data, earlier, `${district.id}.json`)), 'the full shards of an earlier version are gone');
  await page.goto(site.url(`embed/timeline/?district=${district.id}&data=${earlierVersion}`));
  await page.locator('article.embed:not([hidden]) svg').first().waitFor({ state: 'attached' });
  const own = fetched.filter((path) => path.startsWith(earlier)).map((path) => path.slice(earlier.length));
  assert.deepEqual(own, ['index.json', `charts/${district.id}.json`]);
  assert.ok(!fetched.some((path) => path.startsWith(`shards/${version}/`)), 'nothing of the latest version');
  assert.ok(!fetched.includes('index.json'), 'not even its index: the page preloads nothing for a pinned embed');
  assert.equal(await page.locator('.data-version code').textContent(), earlierVersion);
  await page.locator('.data-version a').waitFor();
  assert.match(await page.locator('.data-version').textContent(), /此后数据已更新/);
  await screenshot(page, 'scale-embed-pinned-earlier');
  assert.deepEqual(page.errors, []);
});

test('many small districts fetched ahead stay in the browser: moving between them downloads nothing', async () => {
  const smallIndex = JSON.parse(readFileSync(join(small, 'index.json'), 'utf8'));
  assert.ok(smallIndex.total_bytes <= 2_000_000, `${smallIndex.total_bytes} bytes load at once`);
  const smallFolder = `shards/${smallIndex.content_hash.slice(0, 16)}/`;
  const smallTable = JSON.parse(readFileSync(join(small, smallFolder, 'districts.json'), 'utf8'));
  assert.equal(smallTable.districts.length, SMALL_DISTRICTS);
  const page = await openPage(browser);
  await routeData(page, small);
  const shards = [];
  page.on('request', (request) => {
    const path = decodeURIComponent(new URL(request.url()).pathname).split(`/data/${smallFolder}`)[1];
    if (path && !path.startsWith('directory-') && path !== 'districts.json') shards.push(path);
  });
  await page.goto(site.url());
  await page.locator('main#main .figures').waitFor();
  await until(() => new Set(shards).size === SMALL_DISTRICTS, 'every district fetched ahead', { timeout: 20000 });
  await page.waitForLoadState('networkidle');
  const fetchedAhead = shards.length;
  assert.equal(fetchedAhead, SMALL_DISTRICTS);
  // More districts than a count-capped cache held (16): every one is still there.
  for (const { district } of smallTable.districts) {
    const shard = JSON.parse(readFileSync(join(small, smallFolder, `${district.id}.json`), 'utf8'));
    const item = shard.items[0];
    await visit(page, `items/${item.id}/`);
    await page.locator('main h1', { hasText: item.title.slice(0, 8) }).waitFor();
  }
  assert.deepEqual(shards.slice(fetchedAhead), [], 'no shard downloaded again');
  assert.deepEqual(page.errors, []);
});

test('the district picker, the windowed list and a national search pass axe, light and dark', async () => {
  const found = [];
  const audit = async (page, label) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const violation of results.violations) {
      found.push(`${label} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
    }
  };
  for (const colorScheme of ['light', 'dark']) {
    const page = await largePage();
    await page.emulateMedia({ colorScheme });
    await page.goto(site.url('units/'));
    await page.locator('.virtual-list .district-row').first().waitFor();
    await audit(page, `${colorScheme}: the district picker`);
    await page.goto(site.url());
    await page.locator('.district-details summary').click();
    await page.locator('.virtual-list .district-row').first().waitFor();
    await audit(page, `${colorScheme}: the overview's district list`);
    await page.goto(site.url('search/?q=织网'));
    await page.locator('.district-count', { hasText: '可能出现在' }).waitFor();
    await audit(page, `${colorScheme}: the districts a search may find items in`);
    await page.context().close();
  }
  assert.deepEqual(found, []);
});
