// A panic anywhere shows a readable page, not a dead app. Release builds have no way to
// panic on purpose, so `make e2e` also builds a probe variant (`--features panic-probe`)
// whose app panics once running when the address has `?panic-probe`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, openPage, serveSite, screenshot, ROOT } from './helpers.mjs';

const probe = await serveSite(join(ROOT, 'target/dist-panic-probe'));
const release = await serveSite();
const browser = await launchBrowser();
after(async () => {
  await browser.close();
  probe.stop();
  release.stop();
});

test('a panic replaces the page with a bilingual error and a reload link', async () => {
  const page = await openPage(browser, { allowConsoleErrors: true });
  const console = [];
  page.on('console', (message) => console.push(message.text()));
  await page.setViewportSize({ width: 360, height: 700 });
  await page.goto(probe.url('documents/?panic-probe'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /页面出错了 · Something went wrong/);
  assert.match(text, /数据没有受到影响.*The data is not affected/s);
  assert.equal(await alert.getByRole('link', { name: '重新加载 · Reload' }).getAttribute('href'), page.url());
  assert.equal(await page.locator('header, nav, #load-fallback').count(), 0, 'nothing of the dead app is left');
  assert.ok(console.some((text) => /panic probe/.test(text)), 'the panic is in the console too');
  await screenshot(page, 'panic-page-360');
  // The reload link brings the portal back (without the probe, it runs normally).
  await page.goto(probe.url('documents/'));
  await page.locator('.document-title').first().waitFor();
});

test('the release build has no panic trigger', async () => {
  const page = await openPage(browser);
  await page.goto(release.url('documents/?panic-probe'));
  await page.locator('.document-title').first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(page.errors, []);
});
