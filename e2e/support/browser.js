// Debian's Chromium, never a browser Playwright would download.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const SKIP_REASON = `no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium)`;

/** True when the suite must skip; throws when a browser is required (REQUIRE_BROWSER=1). */
export function chromiumMissing() {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.REQUIRE_BROWSER === '1') {
    throw new Error(`REQUIRE_BROWSER=1 but ${SKIP_REASON}`);
  }
  return true;
}
