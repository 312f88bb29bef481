// What a screen-reader user meets: the verdict is announced by a live region that carries the
// banner's sentence, and focus moves to the verdict when a file has been read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { SAMPLES, cliJson, launch, openPage, startServer, waitForVerdict } from './lib.mjs';
import path from 'node:path';
import { CORPUS } from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test('the live region announces the verdict and focus moves to it, in both languages', async () => {
  const { page, context } = await openPage(browser, server);
  assert.equal(await page.$eval('[data-testid=announce]', (e) => e.getAttribute('aria-live')), 'polite');
  assert.equal(await page.$eval('[data-testid=announce]', (e) => e.textContent), '');
  await page.click(`button[data-sample="${SAMPLES.proxy}"]`);
  await waitForVerdict(page, SAMPLES.proxy);
  const report = cliJson(path.join(CORPUS, 'logs', SAMPLES.proxy));
  const said = await page.$eval('[data-testid=announce]', (e) => e.textContent);
  assert.equal(said, `Backup Preflight: Failure. ${report.summary.en}`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'verdict-title');
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  const ja = await page.$eval('[data-testid=announce]', (e) => e.textContent);
  assert.ok(ja.includes('失敗') && ja.includes(report.summary.ja), ja);
  await context.close();
});
