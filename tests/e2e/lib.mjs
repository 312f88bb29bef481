// Shared helpers for the browser tests: serve dist/ under a sub-path, start Debian's Chromium,
// and ask the CLI what the report of a file is, so the page is checked against the same core.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const CORPUS = path.join(ROOT, 'tests/corpus/connectivity');
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');
/** The sub-path the page is served under, as on GitHub Pages (/<repo>/). */
export const SUB_PATH = '/preflight/';

export const SAMPLES = {
  ok: 'CheckNWResult_vm-rhel-jpe01_202611220004.log',
  proxy: 'CheckNWResult_vm-ubuntu-proxy03_202611220004.log',
  dns: 'CheckNWResult_vm-ubuntu-dns12_202611220016.log',
  tools: 'CheckNWResult_vm-minimal06_202611220005.log',
};

/**
 * Runs in the page (`page.evaluate(SAMPLE_TEXT, name)`): one sample's text out of `samples.pack`,
 * read as `browser::fetch_sample` reads it: a `name<TAB>length` line each, an empty line, the bytes.
 */
export const SAMPLE_TEXT = async (name) => {
  const pack = new Uint8Array(await (await fetch('samples.pack')).arrayBuffer());
  let end = 0;
  while (!(pack[end] === 10 && pack[end + 1] === 10)) end++;
  let offset = end + 2;
  for (const line of new TextDecoder().decode(pack.subarray(0, end)).split('\n').slice(1)) {
    const [file, len] = line.split('\t');
    if (file === name) return new TextDecoder().decode(pack.subarray(offset, offset + Number(len)));
    offset += Number(len);
  }
  throw new Error(`${name} is not in samples.pack`);
};

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

export function corpusFiles() {
  const list = [];
  for (const dir of ['logs', 'tool-outputs']) {
    for (const f of fs.readdirSync(path.join(CORPUS, dir)).sort()) {
      list.push(path.join(CORPUS, dir, f));
    }
  }
  return list;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Copies dist/ to <tmp>/preflight/ and serves <tmp> with python's http.server. */
export async function startServer() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no built page in ${DIST}: run trunk build --release first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-'));
  fs.cpSync(DIST, path.join(tmp, SUB_PATH), { recursive: true });
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', tmp], {
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const r = await fetch(origin + SUB_PATH);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGTERM');
      throw new Error('the test server did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    url: origin + SUB_PATH,
    stop() {
      proc.kill('SIGTERM');
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

function cliBinary() {
  if (process.env.PREFLIGHT_BIN) return process.env.PREFLIGHT_BIN;
  for (const p of ['target/debug/preflight', 'target/release/preflight']) {
    const full = path.join(ROOT, p);
    if (fs.existsSync(full)) return full;
  }
  throw new Error('no preflight CLI binary: run cargo build -p preflight-cli (or set PREFLIGHT_BIN)');
}

/** Runs the CLI; exit codes 0, 1 and 3 are verdicts, not errors. */
export function cli(args) {
  const r = spawnSync(cliBinary(), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (![0, 1, 3].includes(r.status)) {
    throw new Error(`preflight ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return r.stdout;
}

export function cliJsonText(file, lang = 'en', extra = []) {
  return cli(['analyze', '-f', 'json', '-l', lang, ...extra, file]);
}

export function cliJson(file, lang = 'en', extra = []) {
  return JSON.parse(cliJsonText(file, lang, extra));
}

export function cliMarkdown(file, lang = 'en') {
  return cli(['analyze', '-f', 'markdown', '-l', lang, file]);
}

/** A new page that records every request and every page error. */
export async function openPage(browser, server, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('worker', (w) => w.on('request', (r) => requests.push(r.url())));
  await page.goto(server.url);
  await page.waitForSelector('#file-input', { state: 'attached' });
  return { context, page, requests, errors };
}

/** The order the page shows endpoints in: grouped by section, report order inside a group. */
const SECTION_ORDER = ['file-recovery', 'azure-backup', 'storage', 'entra-id', 'other'];
export function expectedRows(report) {
  const rows = [];
  for (const s of SECTION_ORDER) {
    for (const e of report.endpoints) if (e.section === s) rows.push(e);
  }
  return rows;
}

/** What each endpoint cell should say: the status word when checked, else its state. */
export function cellWords(e) {
  const word = (c) => (c.state === 'checked' ? c.status : c.state);
  const tcp = e.tcp.length ? e.tcp.map(word) : ['not-in-input'];
  return [word(e.dns), ...tcp, word(e.https)];
}

/** Reads the active tab's report as the page shows it (verdict, rows, cells, findings, blocks). */
export async function readShown(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('#panel');
    const verdict = panel.querySelector('[data-testid=verdict]');
    const rows = [...panel.querySelectorAll('[data-testid=endpoint-row]')].map((r) => ({
      target: r.dataset.target,
      status: r.dataset.status,
      cells: [...r.querySelectorAll('[data-testid=endpoint-cell]')].map((c) => c.dataset.status || c.dataset.state),
    }));
    return {
      name: verdict.dataset.name,
      status: verdict.dataset.status,
      rows,
      findings: [...panel.querySelectorAll('[data-testid=finding]')].map((f) => f.dataset.code),
      blocks: [...panel.querySelectorAll('[data-testid=check-block]')].map((b) => ({
        check: Number(b.dataset.check),
        status: b.dataset.status,
      })),
    };
  });
}

/** Waits until the active tab shows the report for `name`, its log drawn in full. */
export async function waitForVerdict(page, name, timeout = 20_000) {
  await page.waitForFunction(
    (n) => {
      const v = document.querySelector('#panel [data-testid=verdict]');
      const report = document.querySelector('#panel #results');
      return v && v.dataset.name === n && report && report.dataset.drawn === 'all';
    },
    name,
    { timeout },
  );
}

/** Dispatches a real `drop` event carrying `files` ({name, base64}) on the page body. */
export async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    const opts = { bubbles: true, cancelable: true, dataTransfer: dt };
    document.body.dispatchEvent(new DragEvent('dragenter', opts));
    document.body.dispatchEvent(new DragEvent('dragover', opts));
    document.body.dispatchEvent(new DragEvent('drop', opts));
  }, files);
}

export function fileArg(file) {
  return { name: path.basename(file), base64: fs.readFileSync(file).toString('base64') };
}

/** Closes every open tab, so each check starts from a page with one input. */
export async function closeAllTabs(page) {
  const closes = page.locator('.tab-close');
  for (;;) {
    const open = await closes.count();
    if (open === 0) return;
    await closes.first().click();
    // The page redraws after the click returns; counting again before the redraw would click
    // a button that is about to go and wait for it in vain.
    await page.waitForFunction((n) => document.querySelectorAll('.tab-close').length < n, open);
  }
}

export function gzipSize(file, zlib) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/**
 * Drops `bytes` (or `window.__input`) as a file and times it with the Performance API, inside
 * the page (pass it to `page.evaluate`): `verdict` is when the browser
 * painted the verdict (Element Timing on the verdict's sentence); `complete` is the frame after
 * the second drawing pass (the rest of the log, the notes and the matrix) reached the DOM. Both
 * in ms from the drop.
 */
export const DROP_AND_TIME = async ({ name, bytes, timeoutMs }) => {
  // A large input is built inside the page (`window.__input`): it cannot travel as an argument.
  const file = new File([bytes ? new Uint8Array(bytes) : window.__input], name);
  window.__input = null;
  const dt = new DataTransfer();
  dt.items.add(file);
  let t0 = 0;
  const verdict = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('verdict not painted')), timeoutMs);
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier !== 'preflight-verdict' || e.renderTime < t0) continue;
        obs.disconnect();
        clearTimeout(timer);
        resolve(e.renderTime - t0);
      }
    });
    obs.observe({ type: 'element', buffered: false });
  });
  const complete = new Promise((resolve) => {
    const drawn = () => {
      const v = document.querySelector('#panel [data-testid=verdict]');
      return v && v.dataset.name === name && document.querySelector('#panel #results')?.dataset.drawn === 'all';
    };
    const obs = new MutationObserver(() => {
      if (!drawn()) return;
      obs.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  t0 = performance.now();
  document.body.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  const result = { verdict: await verdict, complete: await complete };
  const v = document.querySelector('#panel [data-testid=verdict]');
  if (!v || v.dataset.name !== name) throw new Error('another report is shown');
  return result;
};

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now. axe is injected as a
 * script: open the page in a context with `bypassCSP: true` (the test's context alone lifts the
 * page's Content-Security-Policy for it).
 */
export async function audit(page) {
  await page.addScriptTag({ content: AXE });
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/**
 * The served page and the browser of a test file, set by `servePage()`'s hooks before its first
 * test (live bindings: a test file that imports them sees them once they are set).
 */
export let server;
export let browser;

/** Serves dist/ and starts Chromium before a test file's tests, and stops both after them. */
export function servePage() {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });
}
