// Two runs of one machine, opened together: the combined card offers "Compare the two runs",
// which shows `preflight compare`'s comparison (the older run as BEFORE), can swap the runs, is
// carried first by Copy as Markdown, is announced and gets the focus, follows "Redact for
// sharing", and passes axe-core; runs of two machines are not offered for comparison.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { audit, browser, cli, CORPUS, openPage, ROOT, SAMPLES, servePage, server, waitForVerdict } from './lib.mjs';

const BEFORE = path.join(CORPUS, 'logs', 'CheckNWResult_vm-ubuntu-proxy03_202611220004.log');
const AFTER = path.join(ROOT, 'tests/fixtures/compare/CheckNWResult_vm-ubuntu-proxy03_202611220130.log');

servePage();

/** `preflight compare`'s JSON for the two files. */
function cliCompare(b, a) {
  return JSON.parse(cli(['compare', '-f', 'json', b, a]));
}

/** The comparison as the page shows it. */
async function readCompare(page) {
  return page.$eval('[data-testid=compare]', (c) => ({
    status: c.dataset.status,
    fails: c.dataset.fails,
    sentence: c.querySelector('[data-testid=compare-sentence]').textContent,
    notes: [...c.querySelectorAll('[data-testid=compare-note]')].map((n) => n.textContent),
    rows: [...c.querySelectorAll('[data-testid=compare-row]')].map((r) => {
      const cells = [...r.children].map((x) => x.textContent.trim());
      return { change: r.dataset.change, tool: cells[1], target: cells[2], port: cells[3] };
    }),
  }));
}

/** The rows `preflight compare` gives, in the page's row form, sorted for comparing as sets. */
function expectedRows(json) {
  const key = (r) => `${r.change} ${r.tool} ${r.target} ${r.port}`;
  return json.changes
    .map((c) => ({ change: c.change, tool: c.tool, target: c.target, port: c.port == null ? '–' : String(c.port) }))
    .sort((x, y) => key(x).localeCompare(key(y)));
}

function sorted(rows) {
  const key = (r) => `${r.change} ${r.tool} ${r.target} ${r.port}`;
  return [...rows].sort((x, y) => key(x).localeCompare(key(y)));
}

/** The two runs, the later one first (the page orders them by their run dates), compared. */
async function openAndCompare(options = {}) {
  const ctx = await openPage(browser, server, options);
  const { page, context } = ctx;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.setInputFiles('input[type=file][multiple]', [AFTER, BEFORE]);
  await page.waitForSelector('[data-testid=combined]');
  await page.locator('[role=tab]').nth(0).click();
  await waitForVerdict(page, path.basename(AFTER));
  assert.equal(await page.$eval('[data-testid=compare-open]', (b) => b.getAttribute('aria-expanded')), 'false');
  await page.click('[data-testid=compare-open]');
  await page.waitForSelector('[data-testid=compare]');
  return ctx;
}

describe('compare two runs', () => {
  for (const lang of ['en', 'ja']) {
    test(`the page shows preflight compare's comparison and Copy as Markdown carries it first (${lang})`, async () => {
      const ctx = await openAndCompare({ locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const { page, context } = ctx;
      const json = cliCompare(BEFORE, AFTER);
      const shown = await readCompare(page);
      assert.deepEqual(sorted(shown.rows), expectedRows(json));
      // Every row the CLI has, and the kinds the proxy change made.
      const kinds = new Set(shown.rows.map((r) => r.change));
      assert.deepEqual([...kinds].sort(), ['fixed', 'still_failing', 'unchanged']);
      assert.equal(shown.rows.filter((r) => r.change === 'fixed').length, 7);
      assert.equal(shown.fails, 'true');
      assert.equal(shown.status, json.after.overall);
      assert.deepEqual(shown.notes, []);
      // The sentence is the CLI's: the line after the title and the two runs.
      const text = cli(['compare', '-l', lang, BEFORE, AFTER]).split('\n');
      assert.equal(shown.sentence, text[4]);
      // The rows that need work come first; unchanged rows are folded away.
      assert.equal(shown.rows[0].change, 'still_failing');
      assert.equal(shown.rows[0].target, 'login.windows.net');
      assert.equal(await page.$eval('.compare-unchanged', (d) => d.open), false);
      // Focus and the live region follow the comparison.
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-title');
      const said = await page.$eval('[data-testid=announce]', (e) => e.textContent);
      assert.ok(said.endsWith(shown.sentence), said);

      await page.click('#panel .verdict .actions .btn.primary');
      await page.waitForSelector('.notice.info');
      const md = await page.evaluate(() => navigator.clipboard.readText());
      const tabs = [AFTER, BEFORE];
      assert.equal(
        md,
        `${cli(['compare', '-f', 'markdown', '-l', lang, BEFORE, AFTER])}\n${cli(['analyze', '-f', 'markdown', '-l', lang, ...tabs])}`,
      );
      assert.deepEqual(ctx.errors, []);
      await context.close();
    });
  }

  test('swap reads the runs the other way round, and close gives the focus back', async () => {
    const { page, context } = await openAndCompare();
    await page.click('[data-testid=compare-swap]');
    await page.waitForFunction(() => document.querySelector('[data-testid=compare-row]')?.dataset.change === 'broken');
    const shown = await readCompare(page);
    const json = cliCompare(AFTER, BEFORE);
    assert.deepEqual(sorted(shown.rows), expectedRows(json));
    assert.equal(shown.rows.filter((r) => r.change === 'broken').length, 7);
    // AFTER older than BEFORE is said plainly.
    assert.equal(shown.notes.length, 1);
    assert.match(shown.notes[0], /AFTER ran before BEFORE/);
    await page.click('[data-testid=compare] .actions .btn:nth-child(2)');
    await page.waitForSelector('[data-testid=compare]', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'compare-open');
    assert.equal(await page.$eval('[data-testid=compare-open]', (b) => b.getAttribute('aria-expanded')), 'false');
    await context.close();
  });

  test('redacted for sharing, the comparison names no host and keeps every change', async () => {
    const { page, context } = await openAndCompare();
    const plain = await readCompare(page);
    await page.check('[data-testid=redact]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=compare]')?.textContent.includes('vm-ubuntu-proxy03'));
    const redacted = await readCompare(page);
    assert.deepEqual(redacted.rows.map((r) => r.change), plain.rows.map((r) => r.change));
    const md = await (async () => {
      await page.click('#panel .verdict .actions .btn.primary');
      await page.waitForSelector('.notice.info');
      return page.evaluate(() => navigator.clipboard.readText());
    })();
    assert.ok(!md.includes('vm-ubuntu-proxy03'), 'the copy names the host');
    assert.ok(md.includes('host-1'), 'the copy names the host by its pseudonym');
    await context.close();
  });

  test('runs of two machines are not offered for comparison', async () => {
    const { page, context } = await openPage(browser, server);
    const files = [SAMPLES.proxy, SAMPLES.dns].map((f) => path.join(CORPUS, 'logs', f));
    await page.setInputFiles('input[type=file][multiple]', files);
    // The combined card is drawn once both reports are finished.
    await page.waitForSelector('[data-testid=combined]');
    assert.equal(await page.$$eval('[role=tab]', (t) => t.length), 2);
    assert.equal(await page.$$eval('[data-testid=compare-open]', (b) => b.length), 0);
    await context.close();
  });

  test('axe-core finds no serious or critical violation in the comparison, in both languages', async () => {
    for (const lang of ['en', 'ja']) {
      const { page, context } = await openAndCompare({ bypassCSP: true, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      await page.click('.compare-unchanged summary');
      assert.deepEqual(await audit(page), [], lang);
      await context.close();
    }
  });
});
