// Accessibility: axe-core finds no WCAG 2.1 A/AA violation on any route or embed, in the light
// and the dark scheme (colour contrast included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSiteAndBrowser, openPage, ROOT } from './helpers.mjs';

const PLAN_2014 = '2014-luohu-reform-plan';
const VERSION = JSON.parse(readFileSync(join(ROOT, 'public/data/index.json'), 'utf8')).content_hash.slice(0, 16);
/** Every kind of page: lists, details, charts, search, embeds, not found. */
const ROUTES = [
  '',
  'documents/',
  `documents/${PLAN_2014}/`,
  `items/${PLAN_2014}/26/`,
  'units/',
  'units/luohu-civil-affairs-bureau/',
  'districts/',
  'districts/luohu/',
  'themes/',
  'themes/property-management/',
  'charts/',
  'search/?q=%E7%89%A9%E4%B8%9A',
  'about/',
  '?lang=en',
  // Embeds drawn into the page at build time…
  'embed/completion/?by=theme',
  'embed/responsibility-map/',
  'embed/timeline/?lang=en',
  `embed/network/?data=${VERSION}`,
  // …narrowed views fetched as drawn beside the data…
  'embed/timeline/?topic=property-management&lang=en',
  `embed/network/?plan=${PLAN_2014}`,
  'embed/timeline/?topic=property-management&district=luohu&lang=en',
  // …and drawn in the browser by the embed drawer (a theme's timeline for one unit).
  'embed/timeline/?topic=property-management&unit=luohu-housing-construction-bureau&lang=en',
  '404.html',
];

const { site, browser } = await openSiteAndBrowser();

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG A/AA violations on any route (${colorScheme})`, async () => {
    const page = await openPage(browser, { colorScheme, allowConsoleErrors: true });
    const found = [];
    for (const route of ROUTES) {
      await page.goto(site.url(route));
      // Wait for the app's content, not the loading notice.
      // (An embed page's drawn views are hidden until one is chosen or fetched.)
      await page.locator('main:not(.embed-main) h1, article.embed:not([hidden]) h1').first().waitFor({ state: 'attached', timeout: 10000 }).catch(() => found.push(`/${route} did not render`));
      await page.waitForFunction(() => !document.querySelector('[role=status].notice'));
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      for (const violation of results.violations) {
        const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
        found.push(`/${route} ${violation.id} (${violation.nodes.length}): ${targets}`);
      }
    }
    assert.deepEqual(found, []);
  });
}
