// Runs the suite in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// once on a page's main thread (async init only; a call before init must throw
// NOT_INITIALIZED) and once in a dedicated worker (synchronous lazy init allowed).

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { bundleDir } from './bundle.mjs';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };
const PAGES = {
  '/main.html': '<!doctype html><meta charset="utf-8"><script type="module" src="/browser.js"></script>',
  '/worker.html': `<!doctype html><meta charset="utf-8"><script type="module">
    const w = new Worker('/worker.js', { type: 'module' });
    w.onmessage = (e) => { globalThis.__SIMDNUM_REPORT__ = e.data; };
    w.onerror = (e) => { globalThis.__SIMDNUM_REPORT__ = { ok: false, output: 'worker error: ' + e.message }; };
  </script>`,
};

function serve() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (PAGES[path]) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGES[path]);
      return;
    }
    try {
      const body = await readFile(join(bundleDir, path.replace(/^\/+/, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function runPage(browser, url, runtime) {
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('pageerror', (e) => logs.push('pageerror: ' + e.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => globalThis.__SIMDNUM_REPORT__ !== undefined, null, { timeout: 600_000, polling: 200 });
    const report = await page.evaluate(() => globalThis.__SIMDNUM_REPORT__);
    return { total: 0, passed: 0, skipped: 0, checksums: {}, ...report, runtime, output: report.output ?? logs.join('\n') };
  } catch (err) {
    return { runtime, ok: false, total: 0, passed: 0, skipped: 0, checksums: {}, output: `${err}\n${logs.join('\n')}` };
  } finally {
    await page.close();
  }
}

export async function runChromium() {
  if (!existsSync(CHROMIUM)) {
    const missing = { ok: false, total: 0, passed: 0, skipped: 0, checksums: {}, output: `${CHROMIUM} not found: apt-get install -y chromium (.ci/run does this)` };
    return [{ ...missing, runtime: 'chromium' }, { ...missing, runtime: 'chromium-worker' }];
  }
  const { chromium } = await import('playwright-core');
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const main = await runPage(browser, `${base}/main.html`, 'chromium');
    const worker = await runPage(browser, `${base}/worker.html`, 'chromium-worker');
    return [main, worker];
  } finally {
    await browser.close();
    server.close();
  }
}
