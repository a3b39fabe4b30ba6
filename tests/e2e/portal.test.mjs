// End-to-end tests: the release build, served statically under a sub-path, in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveSite, launchBrowser, openPage, screenshot, BASE, ROOT } from './helpers.mjs';

const bundle = JSON.parse(readFileSync(join(ROOT, 'public/data/bundle.json'), 'utf8'));
const PLAN_2014 = '2014-luohu-reform-plan';

let site;
let browser;

before(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.stop();
});

test('the home page lists every document from the bundle', async () => {
  const page = await openPage(browser);
  await page.goto(site.url());
  const titles = page.locator('.document-title');
  await titles.first().waitFor();
  assert.deepEqual(
    await titles.allTextContents(),
    bundle.documents.map((document) => document.title),
  );
  const card = page.locator('.document-card', { hasText: '深圳市罗湖区2014年改革计划' });
  assert.match(await card.textContent(), /罗办发〔2014〕1号/);
  assert.match(await card.textContent(), /2014-04-01/);
  assert.equal(await page.title(), '原始文件 · 深圳区级改革追踪');
  await screenshot(page, 'home-1280', { fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'home-360', { fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('a document page shows parsed metadata and the verbatim text', async () => {
  const page = await openPage(browser);
  await page.goto(site.url());
  await page.getByRole('link', { name: '深圳市罗湖区2014年改革计划' }).click();
  await page.waitForURL(site.url(`documents/${PLAN_2014}/`));
  await page.locator('h1', { hasText: '深圳市罗湖区2014年改革计划' }).waitFor();
  const facts = await page.locator('.facts-table').textContent();
  for (const expected of ['罗办发〔2014〕1号', '2014-04-01', '2014-06-09', '中共深圳市罗湖区委办公室']) {
    assert.ok(facts.includes(expected), `facts show ${expected}: ${facts}`);
  }
  const line18 = page.locator('#L18 .line-text');
  await line18.waitFor();
  const seed = readFileSync(join(ROOT, 'seeds/documents', `${PLAN_2014}.txt`), 'utf8').split('\n');
  assert.equal(await line18.textContent(), seed[17]);
  assert.ok(seed[17].startsWith('1.深化行政审批制度改革'));
  assert.equal(await page.title(), '深圳市罗湖区2014年改革计划 · 深圳区级改革追踪');
  await screenshot(page, 'document-1280');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'document-360');
  assert.deepEqual(page.errors, []);
});

test('deep links and reloads load on a plain static server, and back works', async () => {
  const page = await openPage(browser);
  const response = await page.goto(site.url(`documents/${PLAN_2014}/#L30`));
  assert.equal(response.status(), 200);
  await page.locator('#L30').waitFor();
  await page.reload();
  await page.locator('h1', { hasText: '深圳市罗湖区2014年改革计划' }).waitFor();
  await page.getByRole('link', { name: '原始文件' }).first().click();
  await page.waitForURL(site.url('documents/'));
  await page.locator('.document-title').first().waitFor();
  await page.goBack();
  await page.waitForURL(site.url(`documents/${PLAN_2014}/#L30`));
  await page.locator('h1', { hasText: '深圳市罗湖区2014年改革计划' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('every route has its own static page with a title and no-script content', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const document of bundle.documents) {
    const response = await page.goto(site.url(`documents/${document.id}/`));
    assert.equal(response.status(), 200, document.id);
    assert.equal(await page.title(), `${document.title} · 深圳区级改革追踪`);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    assert.ok(description.startsWith('改革计划') || description.length > 4, description);
    assert.ok((await page.locator('noscript').textContent()).includes(document.title));
  }
  await context.close();
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
  await page.locator('.document-title').first().waitFor();
});

test('a missing bundle gives a readable error and a working retry', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  let failing = true;
  await page.route('**/data/bundle.json', (route) =>
    failing ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
  );
  await page.goto(site.url());
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

test('damaged or foreign bundles are named as such', async () => {
  const cases = [
    ['', /数据文件已损坏或不完整/, /empty/],
    ['{"schema_version":1,"documents":[', /数据文件已损坏或不完整/, /damaged/],
    ['{"schema_version":99}', /数据版本与页面版本不一致/, /version 99/],
  ];
  for (const [body, advice, detail] of cases) {
    const page = await openPage(browser, { allowConsoleErrors: true });
    await page.route('**/data/bundle.json', (route) =>
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

test('a network failure is reported, not a blank page', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  await page.route('**/data/bundle.json', (route) => route.abort('connectionrefused'));
  await page.goto(site.url());
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /无法连接到服务器/);
});
