// The benchmark: `make bench` builds the release site and the native tools, then this prints
// one table of figures. Timings are medians of BENCH_RUNS runs (default 5); ratios compare
// figures measured in the same run, since these machines are noisy. Keep the line format
// stable (`name  value  unit  budget  verdict`) so that runs can be compared across changes.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync, existsSync, mkdirSync, copyFileSync, symlinkSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { serveSite, serveFiles, launchBrowser, routeData, brotliBytesOf, BASE, DIST, ROOT } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NATIVE = join(ROOT, 'target/native');
const rows = [];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => (bytes / 1024).toFixed(1);

/** Adds a line; `budget` is a maximum unless `atLeast`. */
function report(name, value, unit, budget, { atLeast = false, digits = 1 } = {}) {
  let verdict = '';
  if (budget !== undefined) verdict = (atLeast ? value >= budget : value <= budget) ? 'ok' : 'OVER';
  if (budget !== undefined && atLeast && verdict === 'OVER') verdict = 'UNDER';
  const shown = typeof value === 'number' ? value.toFixed(digits) : value;
  const limit = budget === undefined ? '' : `${atLeast ? '>=' : '<='} ${budget}`;
  rows.push([name, shown, unit, limit, verdict]);
}

function print() {
  const widths = [0, 1, 2, 3, 4].map((column) => Math.max(...rows.map((row) => String(row[column]).length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 1 ? String(cell).padStart(widths[column]) : String(cell).padEnd(widths[column]))).join('  ').trimEnd());
  }
}

// ---- Transfer sizes -------------------------------------------------------------------

const compressed = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const asset = (pattern) => {
  const name = readdirSync(DIST).find((file) => pattern.test(file));
  if (!name) throw new Error(`no ${pattern} in ${DIST}: run make bench (it builds the site)`);
  return join(DIST, name);
};
// The current data version's folder: earlier versions stay beside it for pinned embeds.
const versionFolder = (data) =>
  join(data, 'shards', JSON.parse(readFileSync(join(data, 'index.json'), 'utf8')).content_hash.slice(0, 16));
const siteShards = versionFolder(join(DIST, 'data'));
// The timeline's embed drawer (one per chart): the one the embed drawn in the browser loads.
const drawerFolder = readdirSync(DIST).find((name) => name.startsWith('embed-drawer-timeline-'));
if (!drawerFolder) throw new Error(`no timeline embed drawer in ${DIST}: run make bench (it builds the site)`);
const files = {
  wasm: asset(/\.wasm$/),
  js: asset(/^reform-portal-app-.*\.js$/),
  // Both stylesheets: what embeds show (base), and the portal's pages (main).
  css: readdirSync(DIST).filter((name) => /\.css$/.test(name)).map((name) => join(DIST, name)),
  html: join(DIST, 'index.html'),
  // What the overview fetches: the index, and the district table while it is short.
  data: join(DIST, 'data/index.json'),
  'district table': join(siteShards, 'districts.json'),
  // What a live embed fetches besides the index and the table: the chart shards.
  'embed data': readdirSync(join(siteShards, 'charts'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(siteShards, 'charts', name)),
  'embed html': join(DIST, 'embed/completion/index.html'),
  // What draws a timeline embed's view the compiler did not draw, instead of the app (wasm
  // and JS); each chart has a drawer of its own, of about the same size.
  'embed drawer': ['reform_embed_bg.wasm', 'reform_embed.js'].map((name) => join(DIST, drawerFolder, name)),
};
const sizes = {};
for (const [name, path] of Object.entries(files)) {
  // Several files (the chart shards): each compressed on its own, as served, then summed.
  const parts = [path].flat().map((file) => compressed(readFileSync(file)));
  sizes[name] = parts.reduce((sum, part) => ({ raw: sum.raw + part.raw, gzip: sum.gzip + part.gzip, brotli: sum.brotli + part.brotli }));
  const { raw, gzip, brotli } = sizes[name];
  report(`size.${name.replace(' ', '_')}`, `${kb(raw)} / ${kb(gzip)} / ${kb(brotli)}`, 'KB raw/gz/br');
}
const total = (names) => names.reduce((sum, name) => sum + sizes[name].brotli, 0) / 1024;
// Each chart's drawer (its wasm and JS): the largest, which its chart's embeds load.
const drawers = readdirSync(DIST)
  .filter((name) => name.startsWith('embed-drawer-'))
  .map((folder) => ({
    chart: folder.replace(/^embed-drawer-/, '').replace(/-[0-9a-f]+$/, ''),
    brotli: ['reform_embed_bg.wasm', 'reform_embed.js'].reduce((sum, name) => sum + compressed(readFileSync(join(DIST, folder, name))).brotli, 0),
  }))
  .sort((a, b) => b.brotli - a.brotli);
report('size.embed_drawer_largest', drawers[0].brotli / 1024, `KB br (${drawers[0].chart}; ${drawers.length} drawers)`);

/**
 * The files the page at `url` fetches before its load event, and after it until the network
 * is idle, each compressed as a static host serves it (from the browser's resource timings).
 */
async function loadPhases(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const { loaded, files } = await page.evaluate(() => ({
    loaded: performance.getEntriesByType('navigation')[0].loadEventStart,
    files: performance.getEntriesByType('resource').map((entry) => [new URL(entry.name).pathname, entry.startTime]),
  }));
  await context.close();
  const part = (paths) => ({ count: paths.length, brotli: brotliBytesOf(paths) / 1024 });
  return {
    before: part([new URL(url).pathname, ...files.filter(([, start]) => start < loaded).map(([path]) => path)]),
    after: part(files.filter(([, start]) => start >= loaded).map(([path]) => path)),
  };
}

const site = await serveSite();
const browser = await launchBrowser();
// The home page is drawn whole at build time: what it needs before it has loaded is the
// first view. The app and its data come after, once the browser is idle (the second line);
// the third is all of it, the first view's figure before the page was drawn whole.
const home = await loadPhases(browser, site.url(''));
report('size.first_view', home.before.brotli, `KB br (${home.before.count} files)`, 150);
report('size.app_after_first_view', home.after.brotli, `KB br (${home.after.count} files)`);
report('size.first_view_with_app', total(['html', 'js', 'wasm', 'css', 'data', 'district table']), 'KB br');
// The page and its stylesheet alone.
report('size.first_screen_drawn', total(['html', 'css']), 'KB br');

// ---- In the browser -------------------------------------------------------------------

// Page script: `__paintedAt(callback)` calls back with when what the page holds now was
// first painted. Content there before the first contentful paint was painted then, as the
// browser reports it: a frame callback may run before that paint while the page's
// stylesheets load, which would time it too early. Content added later is painted with the
// next frame.
const PAINT_TIME = `
  window.__contentful ??= new Promise((resolve) => new PerformanceObserver((list, observer) => {
    const entry = list.getEntries().find((entry) => entry.name === 'first-contentful-paint');
    if (!entry) return;
    observer.disconnect();
    resolve(entry.startTime);
  }).observe({ type: 'paint', buffered: true }));
  window.__paintedAt ??= (callback) => {
    const seen = performance.now();
    requestAnimationFrame(() => setTimeout(async () => {
      const framed = performance.now();
      const contentful = await window.__contentful;
      callback(seen <= contentful ? contentful : framed);
    }));
  };
`;

/** A page script that sets `window[mark]` once an element matching `selector` is in the page and painted. */
const paintWatcher = (selector, mark) => `${PAINT_TIME}
  new MutationObserver((_, observer) => {
    if (!document.querySelector(${JSON.stringify(selector)})) return;
    observer.disconnect();
    __paintedAt((at) => { window.${mark} = at; });
  }).observe(document, { childList: true, subtree: true });
`;

/** When the first chart (an SVG with role="img") is painted. */
const CHART_PAINT = paintWatcher('svg[role="img"]', '__chartPainted');

// When an item's heading is first painted (drawn at build time, or by the app), and when
// the app's own is.
const DEEP_LINK_PAINT = `${PAINT_TIME}
  new MutationObserver((_, observer) => {
    const painted = (name) => __paintedAt((at) => { window[name] ??= at; });
    if (document.querySelector('main h1')) painted('__readable');
    if (!document.querySelector('main#main h1')) return;
    observer.disconnect();
    painted('__appReady');
  }).observe(document, { childList: true, subtree: true });
`;

// When an embed's chart, drawn in the browser (by the embed drawer or the app), is painted.
const EMBED_PAINT = paintWatcher('article.embed:not([hidden]) svg', '__embedPainted');

/** Keeps the embed drawer from loading in `context`: its embeds are then drawn by the app. */
const withoutDrawer = (context) => context.route('**/embed-drawer-*/**', (route) => route.abort());

/**
 * Opens `url` in a fresh page that runs `watcher` (an init script setting the page globals
 * `marks`, in milliseconds since navigation) and returns those marks once the last is set;
 * with `app`, the embed drawer is kept from loading.
 */
async function timeMarks(browser, url, watcher, marks, { app = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (app) await withoutDrawer(context);
  await context.addInitScript(watcher);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction((last) => window[last] !== undefined, marks.at(-1), { timeout: 30000 });
  const times = await page.evaluate((names) => names.map((name) => window[name]), marks);
  await context.close();
  return times;
}

/** A deep link to an item: milliseconds until it can be read, and until the app shows it. */
const timeDeepLink = (browser, url) => timeMarks(browser, url, DEEP_LINK_PAINT, ['__readable', '__appReady']);

const timeChartPaint = async (browser, url) => (await timeMarks(browser, url, CHART_PAINT, ['__chartPainted']))[0];

/** Milliseconds from `action` (run in the page) until `done()` holds, watched by a MutationObserver. */
async function timeInPage(page, action, done) {
  return page.evaluate(
    async ([actionSource, doneSource]) => {
      const act = new Function(actionSource);
      const finished = new Function(doneSource);
      const start = performance.now();
      await new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (finished()) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        act();
      });
      return performance.now() - start;
    },
    [action, done],
  );
}

/**
 * Every file the page at `url` fetches until the network is idle, each compressed as a
 * static host serves it; with `app`, the embed drawer is kept from loading (and not counted).
 */
async function transferOf(browser, url, { app = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (app) await withoutDrawer(context);
  const page = await context.newPage();
  const fetched = new Set();
  page.on('request', (request) => fetched.add(new URL(request.url()).pathname));
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await context.close();
  const served = [...fetched].filter((path) => !(app && path.includes('/embed-drawer-')));
  return { count: served.length, brotli: brotliBytesOf(served) / 1024 };
}

/**
 * The timeline drawer's wasm memory once it has drawn the embed at `url` (the files it asks
 * for read from the build): it never gives memory back (crates/reform-embed/src/bump.rs).
 */
async function drawerMemory(url) {
  const glue = await import(join(DIST, drawerFolder, 'reform_embed.js'));
  const exports = glue.initSync({ module: readFileSync(join(DIST, drawerFolder, 'reform_embed_bg.wasm')) });
  const drawing = new glue.EmbedDrawing('timeline', false);
  new URL(url, 'http://site/').searchParams.forEach((value, key) => drawing.param(key, value));
  for (let wanted = drawing.wants(); wanted; wanted = drawing.wants()) {
    for (const path of wanted.split('\n')) drawing.give(readFileSync(join(DIST, 'data', path), 'utf8'));
  }
  if (!drawing.article(null)) throw new Error(`the drawer did not draw ${url}`);
  return exports.memory.buffer.byteLength / (1024 * 1024);
}

try {
  // Embeds as the charts page's embed code writes them: a view drawn into the page; a
  // narrowed view (a theme's timeline) drawn beside the data, which the page fetches; and
  // one (a theme's timeline for one unit, from the unit's page) the compiler does not draw,
  // drawn in the browser by the embed drawer, and by the app if the drawer fails.
  const drawn = await transferOf(browser, site.url('embed/completion/?by=year&lang=zh'));
  report('size.embed', drawn.brotli, `KB br (${drawn.count} files)`, 100);
  const narrowed = await transferOf(browser, site.url('embed/timeline/?topic=property-management&lang=zh'));
  report('size.embed_narrowed', narrowed.brotli, `KB br (${narrowed.count} files)`, 100);
  const inBrowser = 'embed/timeline/?topic=property-management&unit=luohu-housing-construction-bureau&lang=zh';
  const byDrawer = await transferOf(browser, site.url(inBrowser));
  report('size.embed_in_browser', byDrawer.brotli, `KB br (${byDrawer.count} files)`, 100);
  const byApp = await transferOf(browser, site.url(inBrowser), { app: true });
  report('size.embed_by_app', byApp.brotli, `KB br (${byApp.count} files)`);
  const drawerTimes = [];
  const appTimes = [];
  for (let run = 0; run < RUNS; run++) {
    drawerTimes.push((await timeMarks(browser, site.url(inBrowser), EMBED_PAINT, ['__embedPainted']))[0]);
    appTimes.push((await timeMarks(browser, site.url(inBrowser), EMBED_PAINT, ['__embedPainted'], { app: true }))[0]);
  }
  report('browser.embed_in_browser_paint', median(drawerTimes), 'ms');
  report('browser.embed_by_app_paint', median(appTimes), 'ms');
  report('embed.drawer_memory', await drawerMemory(inBrowser), 'MB (wasm memory after drawing)');

  // The overview's chart: completion by year.
  const svg = readFileSync(join(DIST, 'data/charts/completion-by-year.zh.svg'), 'utf8');
  const floor = await serveFiles({
    'static.html': `<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>floor</title></head><body><main><h1>改革任务完成情况</h1>${svg}</main></body></html>`,
  });
  const app = [];
  const physical = [];
  // Three times the runs, one page then the other: a first paint varies by half from one
  // run to the next here, and the ratio is of two such medians.
  for (let run = 0; run < 3 * RUNS; run++) {
    app.push(await timeChartPaint(browser, site.url('')));
    physical.push(await timeChartPaint(browser, floor.url('static.html')));
  }
  floor.stop();
  report('browser.first_chart_paint', median(app), 'ms');
  report('browser.static_chart_paint', median(physical), 'ms');
  report('browser.first_chart_paint_ratio', median(app) / median(physical), 'x static', 2, { digits: 2 });

  // A deep link to an item: drawn at build time, it is read before the app has loaded.
  const item = 'items/2014-luohu-reform-plan/26/';
  const deepLinks = [];
  for (let run = 0; run < RUNS; run++) deepLinks.push(await timeDeepLink(browser, site.url(item)));
  const css = readdirSync(DIST).filter((name) => /\.css$/.test(name)).map((name) => BASE + name);
  report('size.deep_link_readable', brotliBytesOf([BASE + item, ...css]) / 1024, 'KB br (page, CSS)');
  report('browser.deep_link_readable', median(deepLinks.map(([readable]) => readable)), 'ms');
  report('browser.deep_link_app', median(deepLinks.map(([, app]) => app)), 'ms');

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Trunk's loader announces the wasm instance's exports, the linear memory among them.
  await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; }));
  const page = await context.newPage();
  const coldRouteTimes = [];
  const routeTimes = [];
  const searchTimes = [];
  const toDocuments = () =>
    timeInPage(
      page,
      "document.querySelector('header a[href$=\"/documents/\"]').click()",
      "return location.pathname.endsWith('/documents/') && !!document.querySelector('main .document-title')",
    );
  for (let run = 0; run < RUNS; run++) {
    // At once, before the background fetch of the remaining shards: includes fetching them.
    await page.goto(site.url(''));
    await page.locator('main#main h1').waitFor();
    coldRouteTimes.push(await toDocuments());
    // A reader who looks at the overview for a moment: the data is already there.
    await page.goto(site.url(''));
    await page.locator('main#main h1').waitFor();
    await page.waitForTimeout(1500);
    routeTimes.push(await toDocuments());
    await page.goto(site.url('search/'));
    await page.locator('#search-text').waitFor();
    await page.locator('.result-count').waitFor();
    searchTimes.push(
      await timeInPage(
        page,
        "window.__lastCount = document.querySelector('.result-count').textContent; const input = document.getElementById('search-text'); input.value = '物业 管理'; input.dispatchEvent(new Event('input', { bubbles: true }));",
        "return document.querySelector('.result-count')?.textContent !== window.__lastCount",
      ),
    );
  }
  report('browser.route_change', median(routeTimes), 'ms', 16);
  report('browser.route_change_cold', median(coldRouteTimes), 'ms');
  report('browser.search_seeds', median(searchTimes), 'ms');
  await page.goto(site.url('charts/'));
  await page.locator('figure#network svg').first().waitFor({ state: 'attached' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize').value;
  const wasmMemory = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? NaN);
  report('browser.js_heap_after_charts', heap / 1048576, 'MB');
  report('browser.wasm_memory_after_charts', wasmMemory / 1048576, 'MB');
  await context.close();
} finally {
  await browser.close();
  site.stop();
}

// ---- The compiler and search at scale -------------------------------------------------

const portal = join(NATIVE, 'reform-portal');
const run = (args) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(portal, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`reform-portal ${args.join(' ')}: ${result.stderr}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: result.stdout };
};
/**
 * The CPU time of a compile (what `--timings` prints), per MB of source, and the most its
 * `corpus` could reach if every core were busy all the time: the wall time cannot fall
 * below the CPU time shared among the cores.
 */
function reportCpu(corpus, phases, sourceMB) {
  const cpuMs = Number(/([\d.]+) ms  of CPU in all/.exec(phases)?.[1]);
  const cores = availableParallelism();
  report(`compiler.${corpus}_cpu`, cpuMs / sourceMB, 'ms of CPU per MB of source');
  report(`compiler.${corpus}_ceiling`, sourceMB / (cpuMs / 1000 / cores), `MB/s with all ${cores} cores busy throughout`);
}
const folderBytes = (folder) =>
  readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
/** How many files the folder tree holds, and their bytes. */
function treeSize(folder) {
  let [files, bytes] = [0, 0];
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
const scratch = mkdtempSync(join(tmpdir(), 'reform-bench-'));
try {
  const seedMB = folderBytes(join(ROOT, 'seeds/documents')) / 1e6;
  const seedTimes = [];
  for (let i = 0; i < RUNS; i++) seedTimes.push(run(['compile', '--seeds', join(ROOT, 'seeds'), '--out', join(scratch, 'seeds-out')]).ms);
  report('compiler.seeds', seedMB / (median(seedTimes) / 1000), 'MB/s', 50, { atLeast: true });
  // What that time is spent on: not the text but what is made of it, each view's charts
  // and embeds in both languages, at any corpus size.
  const seedsOut = treeSize(join(scratch, 'seeds-out'));
  report('compiler.seeds_time', median(seedTimes), `ms (${seedsOut.files} files, ${(seedsOut.bytes / 1e6).toFixed(1)} MB written from ${(seedMB * 1000).toFixed(0)} KB of text)`);

  const corpus = join(scratch, 'corpus');
  run(['generate', '--out', corpus, '--districts', '100', '--years', '10']);
  const corpusMB = folderBytes(join(corpus, 'documents')) / 1e6;
  const compileTimes = [];
  let phases = '';
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const result = run(['compile', '--timings', '--seeds', corpus, '--out', join(scratch, 'corpus-out')]);
    compileTimes.push(result.ms);
    phases = result.stdout;
  }
  const parseMs = Number(/([\d.]+) ms\s+documents: read, parse/.exec(phases)?.[1]);
  report('compiler.synthetic_corpus', `${corpusMB.toFixed(1)} MB, 1000 documents`, '');
  report('compiler.synthetic_compile', corpusMB / (median(compileTimes) / 1000), 'MB/s', 50, { atLeast: true });
  // The first run writes into an empty folder; later ones link the files that did not change.
  report('compiler.synthetic_compile_cold', corpusMB / (compileTimes[0] / 1000), 'MB/s');
  report('compiler.synthetic_parse', corpusMB / (parseMs / 1000), 'MB/s', 50, { atLeast: true });
  reportCpu('synthetic', phases, corpusMB);
  // The process's peak memory, from what `--timings` prints after each phase: the compiler
  // holds the corpus's metadata whole, and its texts and items a district at a time; the
  // ratio to the source text shows how it grows.
  const peakMB = (phases) => Math.max(...[...phases.matchAll(/peak memory (\d+) MB/g)].map((found) => Number(found[1])));
  const perSourceMB = (peak, sourceMB) => `MB peak (${(peak / sourceMB).toFixed(1)} per MB of source)`;
  const synthesizedPeak = peakMB(phases);
  report('compiler.synthetic_memory', synthesizedPeak, perSourceMB(synthesizedPeak, corpusMB), undefined, { digits: 0 });

  // Search over at least 100,000 items: 340 districts x 10 years x ~30 items.
  const large = join(scratch, 'large');
  run(['generate', '--out', large, '--districts', '340', '--years', '10']);
  const largeCompile = run(['compile', '--timings', '--seeds', large, '--out', join(scratch, 'large-out')]);
  const largeMB = folderBytes(join(large, 'documents')) / 1e6;
  report('compiler.large_compile', largeMB / (largeCompile.ms / 1000), 'MB/s');
  const largePeak = peakMB(largeCompile.stdout);
  report('compiler.large_memory', largePeak, perSourceMB(largePeak, largeMB), undefined, { digits: 0 });

  // The national corpus (every county-level government x 10 years): compiled into an
  // empty folder, then again into the same one, as the synthetic corpus is, for its time
  // and peak memory, whether memory stays bounded as the corpus grows; its 4 GB of output
  // and the corpus are removed at once.
  const national = join(scratch, 'national');
  const generated = run(['generate', '--out', national]).stdout;
  const nationalMB = folderBytes(join(national, 'documents')) / 1e6;
  const nationalOut = join(scratch, 'national-out');
  const nationalRuns = [0, 1].map(() => run(['compile', '--timings', '--seeds', national, '--out', nationalOut]));
  rmSync(nationalOut, { recursive: true, force: true });
  rmSync(national, { recursive: true, force: true });
  const counted = (what) => new RegExp(`(\\d+) ${what}`).exec(generated)?.[1];
  report('compiler.national_corpus', `${nationalMB.toFixed(1)} MB, ${counted('documents')} documents, ${counted('items')} items`, '');
  report('compiler.national_compile', nationalMB / (nationalRuns[1].ms / 1000), 'MB/s', 50, { atLeast: true });
  report('compiler.national_compile_cold', nationalMB / (nationalRuns[0].ms / 1000), 'MB/s');
  reportCpu('national', nationalRuns[1].stdout, nationalMB);
  const nationalPeak = Math.max(...nationalRuns.map((compiled) => peakMB(compiled.stdout)));
  report('compiler.national_memory', nationalPeak, perSourceMB(nationalPeak, nationalMB), undefined, { digits: 0 });
  // Whether memory is bounded: what the texts and items add to the peak of reading the
  // metadata (catalog, unit registry, curated records), which the compiler holds whole.
  // It holds no text and no list of items, only a district's at a time on each core.
  const readPeak = (phases) => Number(/themes read\s+\(cpu [\d.]+ ms, peak memory (\d+) MB\)/.exec(phases)?.[1]);
  const pastMetadata = Math.max(...nationalRuns.map((compiled) => peakMB(compiled.stdout) - readPeak(compiled.stdout)));
  report('compiler.national_memory_past_metadata', pastMetadata, `MB above the peak of reading the metadata (${readPeak(nationalRuns[1].stdout)} MB), for ${nationalMB.toFixed(0)} MB of text`, 64, { digits: 0 });
  const searched = spawnSync(join(NATIVE, 'examples/search_at_scale'), [join(scratch, 'large-out/bundle.json')], { encoding: 'utf8' });
  if (searched.status !== 0) throw new Error(searched.stderr);
  const figure = (name) => Number(new RegExp(`^${name.replace(/[[\]]/g, '\\$&')} ([\\d.]+)`, 'm').exec(searched.stdout)?.[1]);
  report('search.items', figure('search.items'), 'items', undefined, { digits: 0 });
  report('search.index_build', figure('search.index_build'), 'ms');
  report('search.query_worst_native', figure('search.query_worst'), 'ms', 50);

  // The app on the large corpus: what each view downloads, and how fast it comes.
  const largeData = join(scratch, 'large-out');
  const largeIndex = JSON.parse(readFileSync(join(largeData, 'index.json'), 'utf8'));
  const shardFolder = versionFolder(largeData);
  const table = JSON.parse(readFileSync(join(shardFolder, 'districts.json'), 'utf8'));
  const brotli = (path) => compressed(readFileSync(path)).brotli / 1024;
  const shardSizes = table.districts.map((entry) => entry.bytes);
  report('scale.items', largeIndex.coverage.items, 'items', undefined, { digits: 0 });
  report('scale.index', brotli(join(largeData, 'index.json')), 'KB br');
  report('scale.district_table', brotli(join(shardFolder, 'districts.json')), 'KB br');
  report('scale.largest_shard', brotli(join(shardFolder, `${table.districts[shardSizes.indexOf(Math.max(...shardSizes))].district.id}.json`)), 'KB br');
  report('scale.all_shards', shardSizes.reduce((sum, bytes) => sum + bytes, 0) / 1e6, 'MB raw');
  // What a search before a district is chosen reads: one term file per key of its words.
  const termFiles = readdirSync(shardFolder).filter((name) => /^terms-\d+\.json$/.test(name));
  report('scale.term_files', termFiles.length, 'files', undefined, { digits: 0 });
  report('scale.term_file_largest', Math.max(...termFiles.map((name) => brotli(join(shardFolder, name)))), 'KB br');
  // The pages drawn at build time for that corpus (`reform-portal site`): the lists of
  // documents and units name the districts; a district's page lists its own records.
  const largeSite = join(scratch, 'large-site');
  mkdirSync(largeSite);
  copyFileSync(join(DIST, 'index.html'), join(largeSite, 'index.html'));
  symlinkSync(largeData, join(largeSite, 'data'));
  const drawnSite = run(['site', '--dist', largeSite]);
  report('scale.site_pages', Number(/wrote (\d+) pages/.exec(drawnSite.stdout)?.[1]), 'pages', undefined, { digits: 0 });
  report('scale.site_pages_time', drawnSite.ms / 1000, 's');
  report('scale.documents_page', brotli(join(largeSite, 'documents/index.html')), 'KB br');
  report('scale.units_page', brotli(join(largeSite, 'units/index.html')), 'KB br');
  const districtPages = table.districts.map((entry) => brotli(join(largeSite, 'districts', entry.district.id, 'index.html')));
  report('scale.district_page_median', median(districtPages), 'KB br');
  await largeCorpusInBrowser(largeData, shardFolder, table);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** The release site with the large corpus's data: first paint, a district's documents, a deep link. */
async function largeCorpusInBrowser(data, shardFolder, table) {
  const site = await serveSite();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(CHART_PAINT);
    await routeData(context, data);
    const page = await context.newPage();
    const paints = [];
    const toDistrict = [];
    const toItem = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(site.url(''));
      await page.waitForFunction(() => window.__chartPainted !== undefined, null, { timeout: 30000 });
      paints.push(await page.evaluate(() => window.__chartPainted));
      const district = table.districts[(run * 37) % table.districts.length].district.id;
      toDistrict.push(
        await timeInPage(
          page,
          `history.pushState({}, '', '${BASE}documents/?district=${district}'); dispatchEvent(new PopStateEvent('popstate'));`,
          "return !!document.querySelector('main .document-title')",
        ),
      );
      const item = JSON.parse(readFileSync(join(shardFolder, `${district}.json`), 'utf8')).items[1];
      toItem.push(
        await timeInPage(
          page,
          `history.pushState({}, '', '${BASE}items/${item.id}/'); dispatchEvent(new PopStateEvent('popstate'));`,
          `return document.querySelector('main h1')?.textContent.includes(${JSON.stringify(item.title.slice(0, 6))})`,
        ),
      );
    }
    report('scale.browser.first_chart_paint', median(paints), 'ms');
    report('scale.browser.district_documents', median(toDistrict), 'ms');
    report('scale.browser.item_deep_link', median(toItem), 'ms');
    // Search over every item, as a reader does it: the words first find the districts that
    // may hold them (term files), then the search narrowed to one district lists its items.
    const acrossDistricts = [];
    const inDistrict = [];
    for (let run = 0; run < RUNS; run++) {
      const district = table.districts[(run * 53 + 11) % table.districts.length].district.id;
      const shard = JSON.parse(readFileSync(join(shardFolder, `${district}.json`), 'utf8'));
      // A two-character word from one of its titles, a different one each run.
      const word = JSON.stringify(shard.items[3 + run].title.slice(2, 4));
      await page.goto(site.url('search/'));
      await page.locator('form.search-form #search-text').waitFor();
      acrossDistricts.push(
        await timeInPage(
          page,
          `const input = document.getElementById('search-text'); input.value = ${word}; input.form.requestSubmit();`,
          `return !!document.querySelector('.district-count')?.textContent.includes(${word})`,
        ),
      );
      await page.goto(site.url(`search/?district=${district}`));
      await page.locator('.result-count').waitFor();
      inDistrict.push(
        await timeInPage(
          page,
          `window.__lastCount = document.querySelector('.result-count').textContent; const input = document.getElementById('search-text'); input.value = ${word}; input.dispatchEvent(new Event('input', { bubbles: true }));`,
          "return document.querySelector('.result-count')?.textContent !== window.__lastCount",
        ),
      );
    }
    report('scale.browser.search_districts', median(acrossDistricts), 'ms (which districts hold the words)', 50);
    report('scale.browser.search_districts_worst', Math.max(...acrossDistricts), 'ms');
    report('scale.browser.search_in_district', median(inDistrict), 'ms');
    await context.close();
  } finally {
    await browser.close();
    site.stop();
  }
}

console.log(`reform-portal benchmark: ${RUNS} runs, medians; ${new Date().toISOString()}`);
print();
if (!existsSync(join(DIST, 'index.html.br'))) console.log('(dist/ has no precompressed files: `make dist` writes them)');
