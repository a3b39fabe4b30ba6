// Shared helpers for the browser tests: a plain static server for the release build under
// a sub-path, and Debian's Chromium driven by playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The sub-path the site was built for (`make e2e` builds with this public URL). */
export const BASE = process.env.E2E_PUBLIC_URL ?? '/portal/';
export const DIST = resolve(ROOT, process.env.E2E_DIST ?? 'dist');
export const SHOTS = join(ROOT, 'test-results');

/**
 * Serves DIST at BASE with `python3 -m http.server`: no rewrites, no 404 fallback, like
 * the plainest static host. Resolves to { origin, stop }.
 */
export async function serveSite(dist = DIST) {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: build first (make e2e builds it)`);
  }
  const root = mkdtempSync(join(tmpdir(), 'reform-e2e-'));
  const mount = join(root, ...BASE.split('/').filter(Boolean));
  mkdirSync(join(mount, '..'), { recursive: true });
  symlinkSync(dist, mount);
  const served = await serveFolder(root);
  return {
    ...served,
    url: (path = '') => served.origin + BASE + path.replace(/^\//, ''),
  };
}

/**
 * Serves `files` ({ name: contents }) from a folder of their own on another port: another
 * origin, like a news site embedding the portal's charts. Resolves to { origin, url, stop }.
 */
export async function serveFiles(files) {
  const root = mkdtempSync(join(tmpdir(), 'reform-host-'));
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(root, name), contents);
  const served = await serveFolder(root);
  return { ...served, url: (path = '') => `${served.origin}/${path}` };
}

/** `python3 -m http.server` on a free-looking port for `root`; removes `root` on stop. */
async function serveFolder(root) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], {
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(origin + '/');
      break;
    } catch (error) {
      if (attempt > 100) throw new Error(`the static server did not start: ${error}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  return {
    origin,
    stop() {
      server.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The site served and a browser launched for one test file, both closed after its tests. */
export async function openSiteAndBrowser() {
  const site = await serveSite();
  const browser = await launchBrowser();
  after(async () => {
    await browser.close();
    site.stop();
  });
  return { site, browser };
}

/** Launches Debian's Chromium headless, with no background traffic to the outside. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new page that fails the test on any uncaught error or console error. */
export async function openPage(browser, options = {}) {
  const { allowConsoleErrors, ...contextOptions } = options;
  const context = await browser.newContext({ locale: 'zh-CN', ...contextOptions });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('console', (message) => {
    // Failed requests are reported below with their address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource') && !options.allowConsoleErrors) {
      page.errors.push(message.text());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !options.allowConsoleErrors) {
      page.errors.push(`${response.status()} ${response.url()}`);
    }
  });
  // A record's page is drawn at build time until the app has its data, with headings of
  // its own: a test of the app waits for the app's view. A test that passes `waitUntil`
  // looks at the page as it comes, drawing and all.
  for (const method of ['goto', 'reload', 'goBack', 'goForward']) {
    const navigate = page[method].bind(page);
    page[method] = async (...args) => {
      const response = await navigate(...args);
      if (args.find((arg) => typeof arg === 'object')?.waitUntil === undefined) {
        await page
          .waitForFunction(() => !document.querySelector('#prerender [data-until-page]'), null, { timeout: 20000 })
          .catch(() => {});
      }
      return response;
    };
  }
  return page;
}

/**
 * Makes the embed drawer fail to load in `page`, so that its embeds are drawn by the app:
 * its fallback, and the reference the drawer's views are compared with.
 */
export function withoutDrawer(page) {
  return page.route('**/embed-drawer-*/**', (route) => route.abort());
}

/** Whether any of the request `paths` is the app's wasm (not the embed drawer's). */
export const loadsApp = (paths) => paths.some((path) => /reform-portal-app-[0-9a-f]+_bg\.wasm$/.test(path.split('?')[0]));

/** Whether any of the request `paths` is an embed drawer's wasm: that of `chart` (its code), if given. */
export const loadsDrawer = (paths, chart = '[a-z-]+') =>
  paths.some((path) => new RegExp(`embed-drawer-${chart}-[0-9a-f]+/reform_embed_bg\\.wasm$`).test(path.split('?')[0]));

/**
 * Brotli bytes (quality 11) of the built site's files at the URL `paths` (below BASE; a
 * folder's is its index.html): what a static host serving precompressed files sends.
 */
export function brotliBytesOf(paths) {
  return paths
    .map((path) => join(DIST, decodeURIComponent(path).slice(BASE.length).replace(/(^|\/)$/, '$1index.html')))
    .reduce((sum, file) => sum + brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0);
}

/** Resolves once `condition()` (checked here, not in the page) holds; fails after `timeout` ms, naming `what`. */
export async function until(condition, what, { timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Saves a screenshot under test-results/ for a person to look at (the viewport unless fullPage). */
export async function screenshot(page, name, { fullPage = false } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Runs the compiler's command line (`reform-portal ARGS…`) and returns what it printed. */
export function compiler(...args) {
  return execFileSync('cargo', ['run', '-q', '-p', 'reform-compiler', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** A fresh temporary folder, removed after the test file. */
export function scratchFolder(prefix) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** The app's index and shards for `page` come from `folder` (a compiler output) instead of the site; other files from the site. */
export async function routeData(page, folder) {
  await page.route(/\/data\/(index\.json|shards\/.*)$/, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.split('/data/')[1]);
    const file = join(folder, path);
    if (existsSync(file)) return route.fulfill({ contentType: 'application/json', body: readFileSync(file) });
    return route.continue();
  });
}

/** Cuts `bundle` (an object) into the index, shards and directory the app loads; returns their folder. */
export function splitBundle(bundle) {
  const folder = scratchFolder('reform-split-');
  writeFileSync(join(folder, 'bundle.json'), JSON.stringify(bundle));
  compiler('split', '--bundle', join(folder, 'bundle.json'), '--out', join(folder, 'data'));
  return join(folder, 'data');
}
