/** Headless Debian Chromium for the end-to-end tests, and screenshots into test-artifacts/. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitFor } from '../../../test/helpers/wait.js';

export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIST = fileURLToPath(new URL('../dist/', import.meta.url));

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCK = fileURLToPath(new URL('../.e2e-build-lock', import.meta.url));
const SDK_WEB = fileURLToPath(new URL('../../sdk/dist/web.js', import.meta.url));

/**
 * The tests drive the built pages, as `npm start` serves them. `npm run build` (and so `npm ci`)
 * builds them; a checkout that never built the web package gets it built here once. After changing
 * packages/web/src, rebuild: `npm run build -w @pigeon/web`.
 */
export async function ensureBuilt(): Promise<void> {
  const built = () => ['console', 'demo'].every((page) => existsSync(`${WEB_DIST}${page}/index.html`));
  if (built()) return;
  if (!existsSync(SDK_WEB)) throw new Error('The SDK is not built (packages/sdk/dist): run `npm run build` first');
  try {
    mkdirSync(LOCK); // one test file builds; the others wait for it
  } catch {
    await waitFor(() => !existsSync(LOCK) && built(), 'the web build of another test file', 300_000);
    return;
  }
  try {
    execFileSync('npm', ['run', 'build', '-w', '@pigeon/web'], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      // A fake microphone, granted without a prompt, for the demo's voice recording.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true, animations: 'disabled' });
}

/** Collects what the page reports as errors (CSP violations show up here), to assert there are none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused call (401 before sign-in, 404) is logged by Chromium too: expected, not a page error.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  return errors;
}
