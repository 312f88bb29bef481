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

test('the endpoint matrix is one tab stop, and the arrow keys move inside it', async () => {
  const { page, context } = await openPage(browser, server);
  await page.click(`button[data-sample="${SAMPLES.proxy}"]`);
  await waitForVerdict(page, SAMPLES.proxy);
  const cells = 'button[data-testid=endpoint-cell]';
  const stops = () => page.$$eval(`${cells}[tabindex="0"]`, (b) => b.length);
  assert.ok((await page.$$eval(cells, (b) => b.length)) > 10);
  assert.equal(await stops(), 1);
  // Where the focus is: the row's target and the cell's place in its row.
  const at = () => page.evaluate(() => {
    const b = document.activeElement;
    const row = b.closest('tr');
    return { target: row?.dataset.target, index: [...row.querySelectorAll('button[data-testid=endpoint-cell]')].indexOf(b) };
  });
  await page.focus(`${cells}[tabindex="0"]`);
  const start = await at();
  assert.equal(start.index, 0);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await at(), { target: start.target, index: 1 });
  await page.keyboard.press('ArrowDown');
  const below = await at();
  assert.notEqual(below.target, start.target);
  assert.equal(await stops(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('tabindex')), '0');
  // Tab leaves the matrix instead of walking through its cells.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid === 'endpoint-cell'), false);
  await context.close();
});
