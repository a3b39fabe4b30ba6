// Embeds: charts in iframes on another origin, resized by the host script, pinned to a data
// version, and readable without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { openSiteAndBrowser, serveFiles, openPage, screenshot, ROOT, DIST } from './helpers.mjs';

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

test('two embeds on another origin take their content height; forged messages are ignored', async () => {
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

  // A forger: a frame of the host's own origin that is not an embed, posting a valid-looking message.
  const host = await serveFiles({
    'article.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A news article</title></head>
<body style="margin:0;font-family:sans-serif"><h1>Reform in Shenzhen</h1><div style="width:700px">${live}</div>
<p>Between the charts.</p><div style="width:700px">${pinned}</div>
<iframe id="forger" title="forger" srcdoc="<p>forger</p>"></iframe></body></html>`,
  });
  try {
    const page = await openPage(browser);
    await page.goto(host.url('article.html'));
    const frames = page.locator('iframe[data-reform-embed]');
    assert.equal(await frames.count(), 2);
    // Each iframe takes the height its chart reports: the content's own height, not the snippet's.
    await page.waitForFunction(
      (initial) => [...document.querySelectorAll('iframe[data-reform-embed]')].every((frame) => Math.abs(frame.getBoundingClientRect().height - initial) > 2),
      snippetHeight,
      { timeout: 20000 },
    );
    for (const [index, frame] of page.frames().filter((frame) => frame.url().includes('/embed/')).entries()) {
      await frame.locator('article.embed svg').first().waitFor();
      const content = await frame.evaluate(() => Math.ceil(document.querySelector('article.embed').getBoundingClientRect().bottom + scrollY + 16));
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
    await page.setViewportSize({ width: 1280, height: 1400 });
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
  await page.goto(site.url('embed/timeline/?topic=property-management&lang=en'));
  await page.locator('article.embed svg').first().waitFor();
  await page.waitForLoadState('networkidle');
  // The index, the district table and the chart shards: no item texts, quotes or full shard.
  const data = loaded.filter((path) => path.includes('/data/') && path.endsWith('.json')).map((path) => path.split('/data/')[1].replace(/^shards\/[0-9a-f]{16}\//, ''));
  assert.deepEqual(data.sort(), ['charts/luohu.json', 'charts/yantian.json', 'districts.json', 'index.json']);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('article.embed h1').textContent(), /Timeline/);
  // The source line and "as of" date are part of the drawing (and of its description).
  assert.match(await page.locator('article.embed .chart.wide svg desc').textContent(), /as of 2018-12-28/);
  const back = await page.locator('.embed-links a').first().getAttribute('href');
  assert.equal(back, '/portal/charts/?topic=property-management&lang=en#timeline');
  // Transfer size: every file the embed fetched, compressed as a static host would serve it.
  let brotli = 0;
  for (const path of new Set(loaded)) {
    const file = join(DIST, decodeURIComponent(path.replace(/^\/portal\//, '')).replace(/\/$/, '/index.html'));
    brotli += brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  console.log(`embed transfer size: ${new Set(loaded).size} files, ${(brotli / 1024).toFixed(1)} KB brotli`);
  assert.deepEqual(page.errors, []);
});

test('a pinned embed says when the live data has changed, with a link', async () => {
  const page = await openPage(browser);
  await page.route('**/data/version.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ version: 'ffffffffffffffff', latest_source_date: '2030-01-01' }) }),
  );
  await page.goto(site.url(`embed/network/?lang=zh&data=${VERSION}`));
  await page.locator('.data-version a').waitFor();
  assert.match(await page.locator('.data-version').textContent(), /此后数据已更新/);
  assert.equal(await page.locator('.data-version a').getAttribute('target'), '_blank');
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
  const csv = await page.locator('figure.embed-fallback a[href$=".csv"]').first().evaluate((link) => link.href);
  const response = await page.request.get(csv);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /^文件,任务数/);
  assert.equal(await page.locator('#load-fallback').isVisible(), false, 'the start-failure notice stays hidden');
  await page.setViewportSize({ width: 320, height: 700 });
  // With scripts off, waitForFunction cannot run in the page: poll from here.
  let source = '';
  for (let attempt = 0; attempt < 50 && !source.endsWith('.narrow.svg'); attempt++) {
    await page.waitForTimeout(100);
    source = await image.evaluate((img) => img.currentSrc);
  }
  assert.ok(source.endsWith('.narrow.svg'), `the phone drawing at 320 px: ${source}`);
  await screenshot(page, 'embed-noscript-320');
  await context.close();
});

test('if the app cannot start, the embed falls back to its static chart', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(site.url('embed/completion/'));
  await page.locator('#load-fallback figure.embed-fallback img').waitFor({ state: 'visible', timeout: 15000 });
});

test('an embed follows ?theme= and is readable at 320 px', async () => {
  const page = await openPage(browser);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(site.url('embed/completion/?by=theme&theme=dark'));
  await page.locator('article.embed .chart.narrow svg').waitFor();
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 20, 25)');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 320 px (${overflow} px too wide)`);
  await screenshot(page, 'embed-320-dark', { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(site.url('embed/timeline/?theme=light'));
  await page.locator('article.embed .chart.narrow svg').waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  assert.deepEqual(page.errors, []);
});
