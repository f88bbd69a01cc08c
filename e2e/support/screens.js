// One state of a screen at a phone's and a desk's width (and dark on a phone), as the
// accessibility spec checks whole routes: a screenshot each, no serious or critical axe-core
// violation, no horizontal scrolling at 375 px. The page stays as it is (no reload), so a
// state reached by clicking (an open booking form) is what gets checked.
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

export const VIEWS = [
  { width: 375, height: 812, colorScheme: 'light' },
  { width: 1280, height: 800, colorScheme: 'light' },
  { width: 375, height: 812, colorScheme: 'dark' },
];

/** Checks and photographs the page as it is now, as `screenshots/<name>-<width>[-dark].png`. */
export async function checkState(page, name, { scrollTo } = {}) {
  const before = page.viewportSize();
  for (const { colorScheme, ...viewport } of VIEWS) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.setViewportSize(viewport);
    if (scrollTo) await scrollTo.scrollIntoViewIfNeeded();
    const theme = colorScheme === 'dark' ? '-dark' : '';
    await page.screenshot({
      path: `screenshots/${name}-${viewport.width}${theme}.png`,
      fullPage: true,
    });

    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, `${name} at ${viewport.width} px, ${colorScheme}`).toEqual([]);

    if (viewport.width === 375) {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(375);
    }
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  if (before) await page.setViewportSize(before);
}

/**
 * The date `days` from today in `timeZone`, as a datetime-local day ("2026-12-03"): the app
 * reads "Arrive" and "Leave" in APP_TIMEZONE, not in the browser's zone.
 */
export function dayInZone(days, timeZone) {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
