// The real app for the suite: side services, `parking init`, `parking serve` and `parking worker`
// in a fresh temporary directory with its own SQLite database, queue and key prefix.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, '.venv', 'bin');

export const ADMIN_EMAIL = 'operator@e2e.test';
export const ADMIN_PASSWORD = 'operator-password-1';

/** A free loopback TCP port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the side services; resolves with their addresses once they answer. */
function startSideServices(workDir, log) {
  const child = spawn(
    path.join(BIN, 'python'),
    [path.join(ROOT, 'e2e', 'support', 'side_services.py'), workDir],
    { stdio: ['ignore', 'pipe', log] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`side services exited (${code}); see ${workDir}`)),
    );
    createInterface({ input: child.stdout }).once('line', (line) => {
      child.removeAllListeners('exit');
      resolve({ child, ...JSON.parse(line) });
    });
  });
}

async function waitFor(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

/**
 * Starts everything; returns the app's URL and a `stop()` that ends every process it started.
 * @returns {Promise<{url: string, workDir: string, stop: () => Promise<void>}>}
 */
export async function startServers() {
  const workDir = mkdtempSync(path.join(tmpdir(), 'parking-e2e-'));
  const logFile = (name) => openSync(path.join(workDir, name), 'w');
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    if (!process.env.E2E_KEEP_TMP) rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const side = await startSideServices(workDir, logFile('side-services.log'));
    children.push(side.child);
    // The mail catcher keeps each message as <workDir>/mail/*.eml; tests read it (support/mail.js).
    process.env.E2E_MAIL_DIR = path.join(workDir, 'mail');
    const unique = `e2e-${process.pid}-${Date.now()}`;
    const env = {
      ...process.env,
      PARKING_VAR_DIR: path.join(workDir, 'var'),
      DATABASE_URL: `sqlite:///${path.join(workDir, 'parking.db')}`,
      REDIS_URL: side.redis_url,
      SMTP_HOST: side.smtp_host,
      SMTP_PORT: String(side.smtp_port),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      ARGON2_PROFILE: 'CHEAPEST',
      CELERY_QUEUE: unique,
      RATELIMIT_KEY_PREFIX: unique,
      // Every test signs up drivers from 127.0.0.1.
      REGISTRATION_RATE_LIMIT: '10000 per hour',
    };
    const initLog = logFile('init.log');
    try {
      execFileSync(path.join(BIN, 'parking'), ['init'], {
        env,
        cwd: workDir,
        stdio: ['ignore', initLog, initLog],
      });
    } catch {
      throw new Error(
        `parking init failed:\n${readFileSync(path.join(workDir, 'init.log'), 'utf8')}`,
      );
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    env.PUBLIC_URL = url;
    const spawnLogged = (args, log) =>
      spawn(path.join(BIN, 'parking'), args, { env, cwd: workDir, stdio: ['ignore', log, log] });
    children.push(spawnLogged(['serve', '--port', String(port)], logFile('server.log')));
    const workerLog = path.join(workDir, 'worker.log');
    children.push(spawnLogged(['worker', '--concurrency', '1'], openSync(workerLog, 'w')));
    await waitFor(async () => {
      try {
        return (await fetch(`${url}/api/health`)).ok;
      } catch {
        return false;
      }
    }, 'parking serve');
    await waitFor(() => readFileSync(workerLog, 'utf8').includes(' ready.'), 'parking worker');
    return { url, workDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
