// Starts the app once for the whole run; Playwright calls the returned function as the teardown.
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServers } from './support/servers.js';
import { chromiumMissing } from './support/browser.js';

export default async function globalSetup() {
  if (chromiumMissing()) return undefined;
  const servers = await startServers();
  // Workers start after this and inherit the environment: that is how tests find the app.
  process.env.E2E_BASE_URL = servers.url;
  process.env.E2E_ADMIN_EMAIL = ADMIN_EMAIL;
  process.env.E2E_ADMIN_PASSWORD = ADMIN_PASSWORD;
  console.log(`e2e: app at ${servers.url} (logs in ${servers.workDir})`);
  return servers.stop;
}
