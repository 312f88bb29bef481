// What a screen-reader or keyboard user meets: the verdict is announced by a live region that
// carries the banner's sentence, focus moves to the verdict when a file has been read, the
// endpoint matrix is one tab stop, a tab closes with Delete, and axe-core (from npm) finds no
// serious or critical violation on the landing page or any sample's result, in either language.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { audit, browser, cliJson, CORPUS, dropFiles, openPage, SAMPLES, servePage, server, waitForVerdict } from './lib.mjs';

servePage();

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

test('Delete on a tab closes it and the next tab takes focus', async () => {
  const { page, context } = await openPage(browser, server);
  await page.click(`button[data-sample="${SAMPLES.proxy}"]`);
  await waitForVerdict(page, SAMPLES.proxy);
  await page.click(`button[data-sample="${SAMPLES.ok}"]`);
  await waitForVerdict(page, SAMPLES.ok);
  assert.equal(await page.$$eval('[role=tab]', (t) => t.length), 2);
  await page.focus('[role=tab][aria-selected=true]');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelectorAll('[role=tab]').length === 1);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'tab');
  await context.close();
});

test('axe-core finds no serious or critical violation on the landing page or any sample, in both languages', async () => {
  for (const lang of ['en', 'ja']) {
    // axe is injected as a script: the test context alone lifts the page's CSP for it.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#file-input', { state: 'attached' });
    if (lang === 'ja') {
      await page.click('.lang-switch');
      await page.waitForFunction(() => document.documentElement.lang === 'ja');
    }
    assert.deepEqual(await audit(page), [], `${lang}: landing page`);
    const samples = await page.$$eval('button[data-sample]', (b) => b.map((x) => x.dataset.sample));
    assert.ok(samples.length >= 8, `${samples.length} samples`);
    for (const s of samples) {
      await page.click(`button[data-sample="${s}"]`);
      await waitForVerdict(page, s);
      assert.deepEqual(await audit(page), [], `${lang}: ${s}`);
    }
    await context.close();
  }
});


test('long lines wrap on request, so a run-command message can be read without scrolling sideways', async () => {
  const { page, context } = await openPage(browser, server);
  const message = 'Enable succeeded: \\n[stdout]\\n' + 'Server:\\t\\t127.0.0.53\\nAddress:\\t127.0.0.53#53\\n\\n'.repeat(40) + '\\n[stderr]\\n';
  const text = `{"value": [{"code": "ProvisioningState/succeeded", "message": "${message}"}]}\n`;
  await dropFiles(page, [{ name: 'run-command.json', base64: Buffer.from(text).toString('base64') }]);
  await waitForVerdict(page, 'run-command.json');
  const height = () => page.$eval('#panel .ln[data-line="1"]', (l) => l.getBoundingClientRect().height);
  const one = await height();
  await page.check('[data-testid=wrap-lines]');
  assert.ok((await height()) > 3 * one, `wrapped: ${await height()} px, one line ${one} px`);
  await page.uncheck('[data-testid=wrap-lines]');
  assert.equal(await height(), one);
  await context.close();
});
