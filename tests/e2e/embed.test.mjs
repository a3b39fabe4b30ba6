// Embeds: charts in iframes on another origin, resized by the host script, pinned to a data
// version, and readable without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSiteAndBrowser, serveFiles, openPage, screenshot, brotliBytesOf, until, withoutDrawer, loadsApp, loadsDrawer, BASE, ROOT, DIST } from './helpers.mjs';

const bundle = JSON.parse(readFileSync(join(ROOT, 'public/data/bundle.json'), 'utf8'));
const VERSION = bundle.content_hash.slice(0, 16);

const { site, browser } = await openSiteAndBrowser();

/** The embed code a journalist copies from the chart's panel on the charts page. */
async function copySnippet(page, figureId, { pinned = false } = {}) {
  const figure = page.locator(`figure#${figureId}`);
  await figure.locator('details.embed-code summary').click();
  if (pinned) await figure.locator('details.embed-code input[type=radio]').nth(1).check();
  return figure.locator('details.embed-code textarea').inputValue();
}

/** Heights of the host page's iframes, in CSS pixels. */
const frameHeights = (page) =>
  page.$$eval('iframe[data-reform-embed]', (frames) => frames.map((frame) => frame.getBoundingClientRect().height));

test('embeds on another origin take their content height, drawn into the page or by the app; forged messages are ignored', async () => {
  const portal = await openPage(browser);
  await portal.goto(site.url('charts/?by=year'));
  await portal.locator('figure#completion-by-year svg').first().waitFor();
  const live = await copySnippet(portal, 'completion-by-year');
  const pinned = await copySnippet(portal, 'responsibility-map', { pinned: true });
  assert.match(live, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/portal\/embed\/completion\/\?by=year&amp;lang=zh" title="[^"]+" width="100%" height="\d+"/);
  assert.match(live, /sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"/);
  assert.match(live, /<script src="http:\/\/127\.0\.0\.1:\d+\/portal\/embed\.js" async><\/script>$/);
  assert.ok(pinned.includes(`data=${VERSION}`), pinned);
  const snippetHeight = Number(live.match(/height="(\d+)"/)[1]);
  // The first two are drawn into the embed page; this one (a theme's timeline for one
  // unit, from the unit's page) is drawn in the browser, by the embed drawer.
  const byDrawer = live.replace('embed/completion/?by=year', 'embed/timeline/?topic=property-management&unit=luohu-housing-construction-bureau');
  // And this one (a theme's timeline) the page fetches, drawn beside the data.
  const fetched = live.replace('embed/completion/?by=year', 'embed/timeline/?topic=property-management');

  // A forger: a frame of the host's own origin that is not an embed, posting a valid-looking message.
  const host = await serveFiles({
    'article.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A news article</title></head>
<body style="margin:0;font-family:sans-serif"><h1>Reform in Shenzhen</h1><div style="width:700px">${live}</div>
<p>Between the charts.</p><div style="width:700px">${pinned}</div>
<p>A view edited by hand, which the embed drawer draws:</p><div style="width:700px">${byDrawer}</div>
<p>A theme's timeline:</p><div style="width:700px">${fetched}</div>
<iframe id="forger" title="forger" srcdoc="<p>forger</p>"></iframe></body></html>`,
  });
  try {
    const page = await openPage(browser);
    // Tall enough for every (lazily loaded) iframe to be in view.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(host.url('article.html'));
    const frames = page.locator('iframe[data-reform-embed]');
    assert.equal(await frames.count(), 4);
    // Each iframe takes the height its chart reports: the content's own height, not the snippet's.
    await page.waitForFunction(
      (initial) => [...document.querySelectorAll('iframe[data-reform-embed]')].every((frame) => Math.abs(frame.getBoundingClientRect().height - initial) > 2),
      snippetHeight,
      { timeout: 20000 },
    );
    for (const [index, frame] of page.frames().filter((frame) => frame.url().includes('/embed/')).entries()) {
      await frame.locator('article.embed:not([hidden]) :is(svg, img)').first().waitFor();
      const content = await frame.evaluate(() => Math.ceil(document.querySelector('article.embed:not([hidden])').getBoundingClientRect().bottom + scrollY + 16));
      const heights = await frameHeights(page);
      assert.ok(Math.abs(heights[index] - content) <= 2, `iframe ${index}: ${heights[index]} px for ${content} px of content`);
    }
    const pinnedFrame = page.frames().find((frame) => frame.url().includes('data='));
    assert.equal(await pinnedFrame.locator('.data-version code').textContent(), VERSION);
    assert.equal(await pinnedFrame.locator('.data-version a').count(), 0, 'the live data is this version');

    // Forged messages: from the host window itself and from a frame that is not an embed.
    const before = await frameHeights(page);
    await page.evaluate(() => {
      const message = { reformPortalEmbed: 1, height: 123 };
      window.postMessage(message, '*');
      document.getElementById('forger').contentWindow.parent.postMessage(message, '*');
    });
    await page.locator('#forger').evaluate((frame) => frame.contentWindow.eval('parent.postMessage({ reformPortalEmbed: 1, height: 124 }, "*")'));
    // Malformed payloads from a real embed's window are ignored as well.
    const embedWindow = page.frames().find((frame) => frame.url().includes('/embed/completion/'));
    await embedWindow.evaluate(() => {
      for (const message of [{ height: 99999 }, { reformPortalEmbed: 1, height: '300' }, { reformPortalEmbed: 1, height: 300, extra: 1 }, 'height:300']) {
        parent.postMessage(message, '*');
      }
    });
    await page.waitForTimeout(300);
    assert.deepEqual(await frameHeights(page), before, 'forged or malformed messages change nothing');
    await screenshot(page, 'embed-host-1280', { fullPage: true });
    assert.deepEqual(page.errors, []);
  } finally {
    host.stop();
  }
});

test('an embed loads only the chart data and reports its transfer size', async () => {
  const page = await openPage(browser);
  const loaded = [];
  page.on('response', (response) => loaded.push(new URL(response.url()).pathname));
  // A view the compiler does not draw (a theme's timeline for one unit): the embed drawer
  // draws it, without the app.
  await page.goto(site.url('embed/timeline/?topic=property-management&unit=luohu-housing-construction-bureau&lang=en'));
  await page.locator('article.embed svg').first().waitFor();
  await page.waitForLoadState('networkidle');
  // The index and the unit's district's chart shard alone (the page lists each unit's
  // district): no look-up, no other district, no item texts, quotes or full shard.
  const data = loaded.filter((path) => path.includes('/data/') && path.endsWith('.json')).map((path) => path.split('/data/')[1].replace(/^shards\/[0-9a-f]{16}\//, ''));
  assert.deepEqual(data.sort(), ['charts/luohu.json', 'index.json']);
  // The page links the stylesheet of what embeds show alone, and no icon.
  const styles = loaded.filter((path) => /\.(css|svg)$/.test(path)).map((path) => path.slice(BASE.length));
  assert.deepEqual(styles.map((path) => path.replace(/-[0-9a-f]+\./, '-….')), ['base-….css']);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('article.embed h1').textContent(), /Timeline/);
  // The source line and "as of" date are part of the drawing (and of its description).
  assert.match(await page.locator('article.embed .chart.wide svg desc').textContent(), /as of 2018-12-28/);
  const back = new URL(await page.locator('.embed-links a').first().evaluate((link) => link.href));
  assert.equal(back.pathname + back.search + back.hash, '/portal/charts/?topic=property-management&unit=luohu-housing-construction-bureau&lang=en#timeline');
  assert.ok(loadsDrawer(loaded) && !loadsApp(loaded), `the drawer, not the app: ${loaded}`);
  // Transfer size: every file the embed fetched, compressed as a static host would serve it.
  const brotli = brotliBytesOf([...new Set(loaded)]);
  console.log(`embed transfer size: ${new Set(loaded).size} files, ${(brotli / 1024).toFixed(1)} KB brotli`);
  assert.deepEqual(page.errors, []);
});

test('a pinned embed says when the live data has changed, with a link', async () => {
  // A view the page has no drawing of: the embed drawer draws it, or the app if the drawer
  // fails, and either asks version.json.
  for (const drawer of [true, false]) {
    const page = await openPage(browser);
    if (!drawer) await withoutDrawer(page);
    await page.route('**/data/version.json', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ version: 'ffffffffffffffff', latest_source_date: '2030-01-01' }) }),
    );
    await page.goto(site.url(`embed/network/?lang=zh&data=${VERSION}&topic=none`));
    await page.locator('.data-version a').waitFor();
    assert.match(await page.locator('.data-version').textContent(), new RegExp(`^固定数据版本 ${VERSION} · 此后数据已更新:查看最新图表$`));
    assert.equal(await page.locator('.data-version a').getAttribute('target'), '_blank');
    const latest = new URL(await page.locator('.data-version a').evaluate((link) => link.href));
    assert.equal(latest.pathname + latest.search + latest.hash, '/portal/charts/#network');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
  // A version the site does not have: a readable message, not a blank frame.
  const missing = await openPage(browser, { allowConsoleErrors: true });
  await missing.goto(site.url('embed/network/?data=0123456789abcdef'));
  await missing.locator('[role=alert]').waitFor();
  assert.match(await missing.locator('[role=alert]').textContent(), /找不到数据文件/);
});

test('without JavaScript an embed shows the static chart with its data table link', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url('embed/completion/'));
  // The first copy is the <noscript> one; the second is the start-failure fallback.
  const image = page.locator('figure.embed-fallback img').first();
  await image.waitFor();
  assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth === 800), 'the static SVG loaded');
  assert.match(await page.locator('figure.embed-fallback h1').first().textContent(), /改革任务完成情况/);
  const csv = await page.locator('figure.embed-fallback a[href*=".csv?v="]').first().evaluate((link) => link.href);
  const response = await page.request.get(csv);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /^文件,任务数/);
  assert.equal(await page.locator('#load-fallback').isVisible(), false, 'the start-failure notice stays hidden');
  await page.setViewportSize({ width: 320, height: 700 });
  // With scripts off, waitForFunction cannot run in the page: poll from here.
  let source = '';
  for (let attempt = 0; attempt < 50 && !/\.narrow\.svg\?v=/.test(source); attempt++) {
    await page.waitForTimeout(100);
    source = await image.evaluate((img) => img.currentSrc);
  }
  assert.match(source, /\.narrow\.svg\?v=[0-9a-f]{16}$/, 'the phone drawing at 320 px');
  await screenshot(page, 'embed-noscript-320');
  await context.close();
});

test('if the app cannot start, the embed falls back to its static chart', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await page.route('**/*.wasm', (route) => route.abort());
  // A view not drawn into the page: the app is needed.
  await page.goto(site.url('embed/completion/?topic=none'));
  await page.locator('#load-fallback figure.embed-fallback img').waitFor({ state: 'visible', timeout: 15000 });
});

/**
 * What the page at `path` shows in its embed, for comparing a drawn view with the app's;
 * `app` keeps the embed drawer from loading, so that the app draws what it would draw.
 */
async function embedView(path, { app = false } = {}) {
  const page = await openPage(browser);
  if (app) await withoutDrawer(page);
  const loaded = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    loaded.push((url.pathname + url.search).replace(/^\/portal\//, ''));
  });
  await page.goto(site.url(path));
  const article = page.locator('article.embed:not([hidden])');
  await article.locator('.chart.wide :is(svg, img)').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  const fetched = [...loaded];
  // Once a view is shown, no loading notice is left, shown or hidden.
  assert.equal(await page.locator('[data-loading]').count(), 0, `${path}: a loading notice is left`);
  const view = await article.evaluate(async (article) => {
    const marks = (layout) =>
      [...article.querySelectorAll(`.chart.${layout} a.hotspot`)].map((mark) => [mark.href, mark.getAttribute('style'), mark.title, mark.target]);
    const size = (layout) => {
      const drawing = article.querySelector(`.chart.${layout} :is(svg, img)`);
      return drawing.tagName === 'svg' ? [drawing.getAttribute('width'), drawing.getAttribute('height')].map(Number) : [drawing.width, drawing.height];
    };
    const [full, csv] = article.querySelectorAll('.embed-links a');
    return {
      title: article.querySelector('h1').textContent,
      wide: { size: size('wide'), marks: marks('wide') },
      narrow: { size: size('narrow'), marks: marks('narrow') },
      full: [full.href, full.textContent, full.target],
      // The app's table is a data: URL, the drawn view's a file beside the drawing.
      csv: [
        csv.href.startsWith('data:') ? decodeURIComponent(csv.href.split(',').slice(1).join(',')) : await (await fetch(csv.href)).text(),
        csv.getAttribute('download'),
        csv.textContent,
      ],
      pinned: article.querySelector('.data-version:not([hidden])')?.textContent ?? null,
      lang: document.documentElement.lang,
      scheme: document.documentElement.getAttribute('data-theme'),
    };
  });
  assert.deepEqual(page.errors, []);
  await page.close();
  return { view, loaded: fetched };
}

test('an embed of a view drawn into the page shows it without the app, as the app would', async () => {
  // Each drawn view beside the same view as the app draws it (a URL the page has no
  // drawing for: a parameter the chart ignores). The default grouping, named or not, is
  // the default view.
  const cases = [
    ['embed/completion/', 'embed/completion/?topic=none'],
    ['embed/completion/?by=document&lang=en', 'embed/completion/?lang=en&topic=none'],
    ['embed/completion/?by=year&lang=en', 'embed/completion/?by=year&lang=en&topic=none'],
    [`embed/network/?lang=zh&data=${VERSION}`, `embed/network/?lang=zh&data=${VERSION}&topic=none`],
    ['embed/responsibility-map/?lang=en', 'embed/responsibility-map/?lang=en&topic=none'],
    // A forced colour scheme: the page's, and every link keeps it.
    ['embed/completion/?by=year&theme=dark&lang=en', 'embed/completion/?by=year&theme=dark&lang=en&topic=none'],
    ['embed/completion/?theme=light', 'embed/completion/?theme=light&topic=none'],
  ];
  for (const [drawn, byApp] of cases) {
    const fromPage = await embedView(drawn);
    const fromApp = await embedView(byApp, { app: true });
    assert.deepEqual(fromPage.view, fromApp.view, drawn);
    assert.ok(fromPage.view.wide.marks.length > 0, `${drawn}: the marks are clickable`);
    // Only the page, its stylesheet, and the one drawing shown: no app, no data.
    const fetched = fromPage.loaded.filter((path) => !/^base-.*\.css$/.test(path));
    assert.equal(fetched.length, 2, `${drawn}: ${fetched}`);
    // At an address of this data version: a CDN cannot serve an earlier drawing.
    assert.match(fetched[1], new RegExp(`^data/charts/[a-z-]+\\.(zh|en)\\.svg\\?v=${VERSION}$`), drawn);
    assert.ok(loadsApp(fromApp.loaded), `${byApp} starts the app`);
  }
  const pinned = await embedView(`embed/network/?data=${VERSION}`);
  assert.match(pinned.view.pinned, new RegExp(`^固定数据版本 ${VERSION}$`));
});

test('an embed of a narrowed view fetches its drawing, without the app, as the app would draw it', async () => {
  // Each narrowed view the compiler draws beside the data, and the same view drawn by the
  // app (with a second theme that does not exist, which the chart ignores and the page
  // has no drawing for).
  const cases = [
    'embed/timeline/?topic=property-management&lang=en',
    'embed/timeline/?district=yantian',
    'embed/timeline/?unit=luohu-civil-affairs-bureau&lang=en',
    'embed/network/?plan=2014-luohu-reform-plan&lang=en',
    `embed/network/?topic=administrative-approval&data=${VERSION}`,
    'embed/timeline/?district=luohu&theme=dark',
    // A theme within one district, or one plan.
    'embed/timeline/?topic=property-management&district=luohu&lang=en',
    'embed/network/?topic=social-organisations&plan=2011-yantian-key-reform-plan',
  ];
  for (const drawn of cases) {
    const fromPage = await embedView(drawn);
    const fromApp = await embedView(`${drawn}&topic=none`, { app: true });
    assert.deepEqual(fromPage.view, fromApp.view, drawn);
    assert.ok(fromPage.view.wide.marks.length > 0, `${drawn}: the marks are clickable`);
    // The page and the view's article, its drawings written in, at an address of this data version.
    const fetched = fromPage.loaded.filter((path) => !/^base-.*\.css$/.test(path));
    assert.equal(fetched.length, 2, `${drawn}: ${fetched}`);
    assert.match(fetched[1], new RegExp(`^data/charts/views/(timeline|network)(\\.(topic|district|unit|plan)-[a-z0-9-]+){1,2}\\.(zh|en)\\.html\\?v=${VERSION}$`), drawn);
    assert.ok(loadsApp(fromApp.loaded), `${drawn}, with a narrowing that does not exist, starts the app`);
  }
});

test('any other view is drawn by the embed drawer, without the app, as the app would draw it', async () => {
  // Views the compiler does not draw: a theme for one unit, an earlier data version (here
  // pinned to this one, with a parameter the chart ignores), a grouping narrowed by a
  // theme, a forced scheme.
  const cases = [
    'embed/timeline/?topic=property-management&unit=luohu-housing-construction-bureau',
    'embed/timeline/?topic=property-management&unit=luohu-housing-construction-bureau&lang=en&theme=dark',
    `embed/network/?data=${VERSION}&topic=none&lang=en`,
    'embed/completion/?by=unit&topic=administrative-approval',
    'embed/responsibility-map/?district=yantian&lang=en',
  ];
  for (const path of cases) {
    const fromDrawer = await embedView(path);
    const fromApp = await embedView(path, { app: true });
    assert.deepEqual(fromDrawer.view, fromApp.view, path);
    assert.ok(fromDrawer.view.wide.marks.length > 0, `${path}: the marks are clickable`);
    // Its own chart's drawer, and no other chart's.
    const chart = path.split('/')[1];
    assert.ok(loadsDrawer(fromDrawer.loaded, chart) && !loadsApp(fromDrawer.loaded), `${path}: ${fromDrawer.loaded}`);
    assert.equal(fromDrawer.loaded.filter((file) => file.endsWith('/reform_embed_bg.wasm')).length, 1, `${path}: one drawer`);
    assert.ok(loadsApp(fromApp.loaded), `${path}: the app, if the drawer fails`);
  }
});

test('a timeline embed for a unit the data does not have says so, rather than drawing every unit', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await page.goto(site.url('embed/timeline/?topic=property-management&unit=no-such-unit&lang=en'));
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  assert.equal(await page.locator('svg[role="img"]').count(), 0, 'no chart');
  await page.close();
});

test('an embed whose data does not come to the drawer gives way to the app, which can tell the reader', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  const loaded = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  // The drawer's chart shard never answers; the app's (after the drawer has given up) does.
  let held = true;
  await page.route('**/data/shards/*/charts/luohu.json', (route) => (held ? undefined : route.continue()));
  await page.goto(site.url('embed/timeline/?topic=property-management&unit=luohu-housing-construction-bureau'));
  await page.waitForTimeout(2000);
  assert.ok(loadsDrawer(loaded) && !loadsApp(loaded), 'the drawer waits for its data at first');
  // Meanwhile the reader is told, not shown a blank frame.
  assert.equal(await page.getByRole('status').textContent(), '正在加载数据…');
  held = false;
  await until(() => loadsApp(loaded), 'the app started once the drawer gave up', { timeout: 15000 });
  await page.locator('article.embed:not([hidden]) .chart.wide svg').waitFor({ timeout: 15000 });
  await page.close();
});

test('a narrowed view whose article is missing or of another data version is drawn in the browser', async () => {
  const article = readFileSync(join(DIST, 'data/charts/views/timeline.topic-property-management.en.html'), 'utf8');
  const answers = [
    (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }),
    // A CDN's stale copy: another version's article under the same name.
    (route) => route.fulfill({ contentType: 'text/html', body: article.replaceAll(VERSION, 'ffffffffffffffff') }),
  ];
  for (const answer of answers) {
    const page = await openPage(browser, { allowConsoleErrors: true });
    const loaded = [];
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    await page.route('**/data/charts/views/*.html*', answer);
    await page.goto(site.url('embed/timeline/?topic=property-management&lang=en'));
    // Drawn in the browser, an inline SVG; by the compiler, an image.
    await page.locator('article.embed:not([hidden]) .chart.wide svg').waitFor();
    assert.ok(loadsDrawer(loaded) && !loadsApp(loaded), `the drawer, not the app: ${loaded}`);
    assert.match(await page.locator('article.embed h1').textContent(), /Timeline/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('an embed follows ?theme= and is readable at 320 px', async () => {
  const page = await openPage(browser);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(site.url('embed/completion/?by=theme&theme=dark'));
  await page.locator('article.embed .chart.narrow :is(svg, img)').waitFor();
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 20, 25)');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 320 px (${overflow} px too wide)`);
  await screenshot(page, 'embed-320-dark', { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(site.url('embed/timeline/?theme=light'));
  await page.locator('article.embed .chart.narrow :is(svg, img)').waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  assert.deepEqual(page.errors, []);
});

test('an embed of a chart that does not exist names those that do, and loads no data', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  const data = [];
  // The not-found page preloads the index, as most unknown addresses need it; nothing more.
  page.on('request', (request) => /\/data\/(?!index\.json$)/.test(new URL(request.url()).pathname) && data.push(request.url()));
  // As a static host answers an address it has no file for: with the site's 404.html.
  await page.route('**/embed/pie/**', (route) =>
    route.fulfill({ status: 404, contentType: 'text/html', body: readFileSync(join(DIST, '404.html'), 'utf8') }),
  );
  await page.goto(site.url('embed/pie/?lang=en'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /There is no such chart/);
  const links = await alert.locator('a').evaluateAll((links) => links.map((link) => new URL(link.href).pathname));
  assert.deepEqual(links, ['completion', 'responsibility-map', 'timeline', 'network'].map((chart) => `/portal/embed/${chart}/`));
  await page.waitForLoadState('networkidle');
  assert.deepEqual(data, []);
  assert.deepEqual(page.errors, []);
});
