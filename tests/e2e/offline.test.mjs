// Offline and installable: after one visit the service worker serves the page's own files, so
// a reload with the network off still starts the page and analyses a log; its cache is named by
// the build and older caches are dropped; the manifest names the page and its icon.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { browser, DIST, SAMPLES, servePage, server, waitForVerdict } from './lib.mjs';

servePage();

/** The cache name the build wrote into sw.js. */
function buildCache() {
  const m = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8').match(/"(preflight-[0-9a-f]{16})"/);
  assert.ok(m, 'sw.js names its cache');
  return m[1];
}

test('after one visit the page loads and analyses a log with the network off', async () => {
  const context = await browser.newContext();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  // A cache of an older build, left on the origin before this build's worker arrives.
  await page.goto(server.url + 'icon.svg');
  await page.evaluate(() => caches.open('preflight-0000000000000000').then((c) => c.put('old', new Response('old'))));
  await page.goto(server.url);
  await page.waitForSelector('#file-input', { state: 'attached' });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [buildCache()]);

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#file-input', { state: 'attached' });
  await page.click(`button[data-sample="${SAMPLES.proxy}"]`);
  await waitForVerdict(page, SAMPLES.proxy);
  const status = await page.$eval('#panel [data-testid=verdict]', (v) => v.dataset.status);
  assert.equal(status, 'failure');
  // Nothing was ever asked of another origin.
  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  await context.close();
});

test('the manifest names the page, starts in its folder and uses the page icon', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.name, 'Backup Preflight');
  assert.equal(manifest.start_url, './');
  assert.deepEqual(manifest.icons.map((i) => i.src), ['icon.svg']);
  assert.ok(fs.existsSync(path.join(DIST, 'icon.svg')));
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const link = html.match(/<link[^>]*\brel="?manifest\b[^>]*>/);
  assert.ok(link, 'index.html links a manifest');
  assert.match(link[0], /href="?manifest\.webmanifest/);
  // The service worker caches every file the build wrote, and only those.
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const listed = JSON.parse(sw.match(/FILES=(\[[^\]]*\])/)[1]);
  const files = fs.readdirSync(DIST).filter((f) => f !== 'sw.js').sort();
  assert.deepEqual(listed, ['./', ...files]);
});
