// The built page in headless Chromium, checked against the CLI's report for the same input.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  browser, cellWords, cli, cliJson, cliJsonText, cliMarkdown, closeAllTabs, CORPUS, corpusFiles, dropFiles, expectedRows,
  fileArg, openPage, readShown, ROOT, SAMPLES, SCREENSHOTS, servePage, server, waitForVerdict,
} from './lib.mjs';

servePage();
const allRequests = [];

before(() => fs.mkdirSync(SCREENSHOTS, { recursive: true }));

/** Compares what the page shows with the CLI's JSON for the same file. */
function assertMatches(shown, report, label) {
  assert.equal(shown.name, report.input.name, `${label}: name`);
  assert.equal(shown.status, report.overall, `${label}: overall status`);
  const rows = expectedRows(report);
  assert.equal(shown.rows.length, rows.length, `${label}: endpoint rows`);
  rows.forEach((e, i) => {
    assert.equal(shown.rows[i].target, e.target, `${label}: row ${i} target`);
    assert.equal(shown.rows[i].status, e.status, `${label}: row ${e.target} status`);
    assert.deepEqual(shown.rows[i].cells, cellWords(e), `${label}: row ${e.target} cells`);
  });
  assert.deepEqual([...shown.findings].sort(), report.findings.map((f) => f.code).sort(), `${label}: findings`);
  // Check blocks, in line order, carry their check's status.
  const order = report.checks.map((c, i) => ({ i, first: c.lines[0] })).sort((a, b) => a.first - b.first || a.i - b.i);
  assert.equal(shown.blocks.length, report.checks.length, `${label}: check blocks`);
  shown.blocks.forEach((b, k) => {
    assert.equal(b.check, order[k].i, `${label}: block ${k} check`);
    assert.equal(b.status, report.checks[b.check].status, `${label}: block ${k} status`);
  });
}

describe('the page', () => {
  let ctx;
  before(async () => {
    ctx = await openPage(browser, server);
  });
  after(async () => {
    allRequests.push(...ctx.requests);
    assert.deepEqual(ctx.errors, [], 'no page errors');
    await ctx.context.close();
  });

  test('loads each sample from its button', async () => {
    const { page } = ctx;
    for (const file of Object.values(SAMPLES)) {
      await page.click(`button[data-sample="${file}"]`);
      await waitForVerdict(page, file);
      assertMatches(await readShown(page), cliJson(path.join(CORPUS, 'logs', file)), file);
      // The shipped sample is the corpus file, byte for byte.
      assert.deepEqual(fs.readFileSync(path.join(ROOT, 'web/samples', file)), fs.readFileSync(path.join(CORPUS, 'logs', file)));
    }
    await closeAllTabs(page);
  });

  test('the endpoint matrix fits its column, nothing clipped, at laptop widths', async () => {
    const { page } = ctx;
    for (const width of [1440, 1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      for (const file of [SAMPLES.dns, SAMPLES.ok]) {
        await page.click(`button[data-sample="${file}"]`);
        await waitForVerdict(page, file);
        const fit = await page.evaluate(() => {
          const m = document.querySelector('#panel .matrix');
          const t = m?.querySelector('table');
          return t ? { table: t.scrollWidth, room: m.clientWidth } : null;
        });
        assert.ok(fit, `${file} at ${width}px: matrix shown`);
        assert.ok(fit.table <= fit.room, `${file} at ${width}px: table ${fit.table}px in ${fit.room}px`);
        await closeAllTabs(page);
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('reads every corpus file through the file input', async () => {
    const { page } = ctx;
    for (const file of corpusFiles()) {
      await page.setInputFiles('input[type=file][multiple]', file);
      await waitForVerdict(page, path.basename(file));
      assertMatches(await readShown(page), cliJson(file), `input ${path.basename(file)}`);
      await closeAllTabs(page);
    }
  });

  test('reads every corpus file through a drop anywhere on the page', async () => {
    const { page } = ctx;
    for (const file of corpusFiles()) {
      await dropFiles(page, [fileArg(file)]);
      await waitForVerdict(page, path.basename(file));
      assertMatches(await readShown(page), cliJson(file), `drop ${path.basename(file)}`);
      await closeAllTabs(page);
    }
  });

  test('opens several files at once, one tab each', async () => {
    const { page } = ctx;
    const files = Object.values(SAMPLES).map((f) => path.join(CORPUS, 'logs', f));
    await page.setInputFiles('input[type=file][multiple]', files);
    await page.waitForFunction((n) => document.querySelectorAll('[role=tab]').length === n, files.length);
    const tabs = page.locator('[role=tab]');
    for (let i = 0; i < files.length; i++) {
      await tabs.nth(i).click();
      await waitForVerdict(page, path.basename(files[i]));
      assertMatches(await readShown(page), cliJson(files[i]), `tab ${i}`);
    }
    // Arrow keys move between tabs.
    await tabs.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await waitForVerdict(page, path.basename(files[1]));
    await closeAllTabs(page);
  });

  test('analyses pasted text, from the text area and from Ctrl+V', async () => {
    const { page } = ctx;
    const file = path.join(CORPUS, 'tool-outputs/curl_proxy_denied_403.txt');
    const text = fs.readFileSync(file, 'utf8');
    await page.click('button[aria-controls=paste-box]');
    await page.fill('#paste-area', text);
    await page.click('.paste-actions .btn.primary');
    await waitForVerdict(page, 'pasted-1.txt');
    const expected = cliJson(file);
    const shown = await readShown(page);
    assert.equal(shown.status, expected.overall);
    assert.deepEqual(shown.rows.map((r) => r.cells), expectedRows(expected).map(cellWords));

    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
    await waitForVerdict(page, 'pasted-2.txt');
    assert.equal((await readShown(page)).status, expected.overall);
    await closeAllTabs(page);
  });

  test('reads the Windows sample transcript and a pasted Test-NetConnection output as the CLI does', async () => {
    const { page } = ctx;
    const sample = 'AzureBackup_Check_NW_20261122_101500.log';
    const file = path.join(ROOT, 'tests/corpus/windows', sample);
    await page.click(`button[data-sample="${sample}"]`);
    await waitForVerdict(page, sample);
    assertMatches(await readShown(page), cliJson(file), sample);
    assert.deepEqual(fs.readFileSync(path.join(ROOT, 'web/samples', sample)), fs.readFileSync(file));
    const kind = await page.locator('#panel').innerText();
    assert.ok(kind.includes('TCP_CONNECT_FAILED'), 'the Storage failure is named');

    const pasted = path.join(ROOT, 'tests/fixtures/windows-forms/tnc-tcp-failed-ja.txt');
    await page.click('button[aria-controls=paste-box]');
    await page.fill('#paste-area', fs.readFileSync(pasted, 'utf8'));
    await page.click('.paste-actions .btn.primary');
    await waitForVerdict(page, 'pasted-3.txt');
    const expected = cliJson(pasted);
    const shown = await readShown(page);
    assert.equal(expected.checks[0].tool, 'tnc');
    assert.equal(shown.status, expected.overall);
    assert.deepEqual(shown.rows.map((r) => r.cells), expectedRows(expected).map(cellWords));
    assert.deepEqual([...shown.findings].sort(), expected.findings.map((f) => f.code).sort());

    // Windows' nslookup (Japanese labels) and Resolve-DnsName typed one after the other, then a
    // PowerShell 7 script's error record pasted without its command.
    const dns = ['nslookup-nxdomain-ja.txt', 'resolve-dnsname-timeout-ja.txt', 'pwsh7-script-view-407.txt']
      .map((f) => fs.readFileSync(path.join(ROOT, 'tests/fixtures/windows-forms', f), 'utf8'))
      .join('');
    const dnsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'windows-dns-')), 'pasted.txt');
    fs.writeFileSync(dnsFile, dns);
    await page.click('button[aria-controls=paste-box]');
    await page.fill('#paste-area', dns);
    await page.click('.paste-actions .btn.primary');
    await waitForVerdict(page, 'pasted-4.txt');
    const dnsExpected = cliJson(dnsFile);
    const dnsShown = await readShown(page);
    assert.deepEqual(dnsExpected.checks.map((c) => [c.tool, c.status, c.code]), [
      ['nslookup', 'failure', 'DNS_NXDOMAIN'],
      ['resolve-dnsname', 'failure', 'DNS_TIMEOUT'],
      ['invoke-webrequest', 'failure', 'PROXY_AUTH_REQUIRED'],
    ]);
    assert.equal(dnsExpected.input.kind, 'windows-connectivity-log');
    assert.equal(dnsShown.status, dnsExpected.overall);
    assert.deepEqual(dnsShown.rows.map((r) => r.cells), expectedRows(dnsExpected).map(cellWords));
    assert.deepEqual([...dnsShown.findings].sort(), dnsExpected.findings.map((f) => f.code).sort());
    await closeAllTabs(page);
  });

  test('a finding and a matrix cell highlight their lines in the log', async () => {
    const { page } = ctx;
    await page.click(`button[data-sample="${SAMPLES.proxy}"]`);
    await waitForVerdict(page, SAMPLES.proxy);
    const report = cliJson(path.join(CORPUS, 'logs', SAMPLES.proxy));
    const f = report.findings.find((x) => x.code === 'PROXY_AUTH_REQUIRED');
    await page.click('[data-code=PROXY_AUTH_REQUIRED] .show-in-log');
    const lit = await page.$$eval('.ln.hl', (els) => els.map((e) => Number(e.dataset.line)));
    const want = [];
    for (const [a, b] of f.lines) for (let n = a; n <= b; n++) want.push(n);
    assert.deepEqual(lit, [...new Set(want)].sort((x, y) => x - y));
    // The first highlighted line is scrolled into the log's view.
    const visible = await page.evaluate((n) => {
      const box = document.querySelector('.log-scroll').getBoundingClientRect();
      const ln = document.querySelector(`.ln[data-line="${n}"]`).getBoundingClientRect();
      return ln.top >= box.top && ln.bottom <= box.bottom;
    }, lit[0]);
    assert.ok(visible, 'highlighted line is in view');

    // A failing HTTPS cell: keyboard focus and Enter select its check's lines.
    const cell = page.locator('[data-testid=endpoint-row][data-target="login.windows.net"] [data-layer=https]');
    await cell.focus();
    await page.keyboard.press('Enter');
    const check = report.checks.find((c) => c.target === 'login.windows.net' && c.tool === 'curl');
    const lit2 = await page.$$eval('.ln.hl', (els) => els.map((e) => Number(e.dataset.line)));
    assert.equal(lit2[0], check.lines[0]);
    assert.equal(lit2[lit2.length - 1], check.lines[1]);
    await closeAllTabs(page);
  });

  test('forcing the input kind re-analyses with that kind', async () => {
    const { page } = ctx;
    const file = path.join(CORPUS, 'logs', SAMPLES.ok);
    await page.setInputFiles('input[type=file][multiple]', file);
    await waitForVerdict(page, SAMPLES.ok);
    await page.selectOption('#read-as', 'agent-status');
    await page.waitForFunction(() => document.querySelector('#panel [data-testid=verdict]')?.dataset.status === 'inconclusive');
    const forced = cliJson(file, 'en', ['--kind', 'agent-status']);
    assertMatches(await readShown(page), forced, 'forced agent-status');
    await page.selectOption('#read-as', '');
    await page.waitForFunction(() => document.querySelector('#panel [data-testid=verdict]')?.dataset.status === 'ok');
    await closeAllTabs(page);
  });

  test('shows hostile log text literally and runs none of it', async () => {
    const { page } = ctx;
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    const script = '<script>alert(1)</script>';
    const img = '"><img src=x onerror=alert(1)>';
    const src = fs.readFileSync(path.join(CORPUS, 'logs', SAMPLES.proxy), 'utf8');
    const hostile = src.replaceAll('vm-ubuntu-proxy03', `vm${script}`).replaceAll('http://127.30.0.9:8080', `http://proxy${img}:8080`);
    assert.notEqual(hostile, src);
    await dropFiles(page, [{ name: `hostile${img}.log`, base64: Buffer.from(hostile).toString('base64') }]);
    await waitForVerdict(page, `hostile${img}.log`);
    const out = await page.evaluate(() => ({
      text: document.querySelector('#panel').textContent,
      imgs: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src')),
      scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
      host: [...document.querySelectorAll('.fact')].map((f) => f.textContent),
    }));
    assert.ok(out.text.includes(script), 'the script tag is shown as text');
    assert.ok(out.text.includes(img), 'the img tag is shown as text');
    assert.deepEqual(out.imgs, ['icon.svg'], 'no injected image');
    assert.ok(out.scripts.every((s) => s && s.endsWith('boot.js')), 'no injected script');
    assert.ok(out.host.some((t) => t.includes(`vm${script}`)), 'the host fact shows the literal name');
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    await closeAllTabs(page);
  });
});

describe('language', () => {
  test('follows the browser, switches, and remembers only that', async () => {
    const ctx = await openPage(browser, server, { locale: 'ja-JP' });
    const { page } = ctx;
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    const file = path.join(CORPUS, 'logs', SAMPLES.dns);
    await page.setInputFiles('input[type=file][multiple]', file);
    await waitForVerdict(page, SAMPLES.dns);
    const ja = cliJson(file, 'ja');
    const titles = await page.$$eval('[data-testid=finding] .finding-title', (els) => els.map((e) => e.textContent));
    assert.deepEqual([...titles].sort(), ja.findings.map((f) => f.text.ja.title).sort());
    assert.ok((await page.textContent('.verdict-summary')).includes(ja.summary.ja));

    await page.click('.lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const en = await page.$$eval('[data-testid=finding] .finding-title', (els) => els.map((e) => e.textContent));
    assert.deepEqual([...en].sort(), ja.findings.map((f) => f.text.en.title).sort());
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
    assert.deepEqual(stored, [['preflight.lang', 'en']]);
    await page.reload();
    await page.waitForSelector('#file-input', { state: 'attached' });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    allRequests.push(...ctx.requests);
    await ctx.context.close();
  });
});

describe('sharing', () => {
  /** A page that may read and write the clipboard. */
  async function openWithClipboard(options) {
    const ctx = await openPage(browser, server, options);
    await ctx.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    return ctx;
  }

  /** The proxy and DNS logs open together, tab `tab` shown; their paths. */
  async function openTwoLogs(page, tab) {
    const files = [SAMPLES.proxy, SAMPLES.dns].map((f) => path.join(CORPUS, 'logs', f));
    await page.setInputFiles('input[type=file][multiple]', files);
    await page.waitForSelector('[data-testid=combined]');
    await page.locator('[role=tab]').nth(tab).click();
    await waitForVerdict(page, tab === 0 ? SAMPLES.proxy : SAMPLES.dns);
    return files;
  }

  for (const lang of ['en', 'ja']) {
    test(`Copy as Markdown and Download JSON match the CLI (${lang})`, async () => {
      const ctx = await openWithClipboard({ locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const { page, context } = ctx;
      const file = path.join(CORPUS, 'logs', SAMPLES.proxy);
      await page.setInputFiles('input[type=file][multiple]', file);
      await waitForVerdict(page, SAMPLES.proxy);

      await page.click('.verdict .actions .btn.primary');
      await page.waitForSelector('.notice.info');
      const md = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(md, cliMarkdown(file, lang));

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('.verdict .actions .btn:nth-child(2)'),
      ]);
      const saved = await download.path();
      assert.equal(download.suggestedFilename(), SAMPLES.proxy.replace(/\.log$/, '.preflight.json'));
      assert.equal(fs.readFileSync(saved, 'utf8'), cliJsonText(file, lang));
      allRequests.push(...ctx.requests);
      await context.close();
    });
  }

  test('with several files open, Copy as Markdown carries the combined verdict and every report', async () => {
    const ctx = await openWithClipboard();
    const { page, context } = ctx;
    const files = await openTwoLogs(page, 1);
    await page.click('#panel .verdict .actions .btn.primary');
    await page.waitForSelector('.notice.info');
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(md, cli(['analyze', '-f', 'markdown', '-l', 'en', ...files]));
    allRequests.push(...ctx.requests);
    await context.close();
  });

  test('no planted secret reaches the page, its log view, copy, download or print; hidden characters show', async () => {
    const ctx = await openWithClipboard();
    const { page, context } = ctx;
    const dirs = ['INPUT_CREDENTIALS_MASKED', 'INPUT_INVISIBLE_CHARACTERS'].map((d) => path.join(ROOT, 'tests/fixtures', d));
    const files = dirs.flatMap((d) => fs.readdirSync(d).sort().map((f) => path.join(d, f)));
    const planted = files.filter((f) => fs.readFileSync(f, 'utf8').includes('PLANTED'));
    assert.ok(planted.length >= 5, 'the planted fixtures');
    for (const file of files) {
      const name = path.basename(file);
      await page.setInputFiles('input[type=file][multiple]', file);
      await waitForVerdict(page, name);
      const shown = await page.evaluate(() => ({
        html: document.documentElement.outerHTML,
        log: document.querySelector('#panel .rawlog')?.innerText ?? '',
        text: document.body.innerText,
      }));
      const hidden = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
      assert.ok(!shown.html.includes('PLANTED'), `${name}: the page holds a secret`);
      assert.ok(!hidden.test(shown.log), `${name}: a hidden character in the log view`);
      assert.ok(!hidden.test(shown.text), `${name}: a hidden character on the page`);
      const report = cliJson(file, 'en');
      assert.deepEqual(
        (await readShown(page)).findings.sort(),
        report.findings.map((f) => f.code).sort(),
        `${name}: findings`,
      );
      const codes = report.findings.map((f) => f.code);
      assert.equal(codes.includes('INPUT_CREDENTIALS_MASKED'), planted.includes(file), `${name}: the credentials finding`);
      if (planted.includes(file)) {
        assert.ok(shown.log.includes('****'), `${name}: the log view shows the mask`);
      }
      if (codes.includes('INPUT_INVISIBLE_CHARACTERS')) {
        assert.ok(/<U\+[0-9A-F]{4,5}>/.test(shown.log), `${name}: the log view writes hidden characters out`);
      }
      await page.click('#panel .verdict .actions .btn.primary');
      await page.waitForSelector('.notice.info');
      const md = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(md, cliMarkdown(file, 'en'), `${name}: the copy is the CLI's Markdown`);
      assert.ok(!md.includes('PLANTED'), `${name}: the copy holds a secret`);
      assert.ok(!hidden.test(md), `${name}: a hidden character in the copy`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#panel .verdict .actions .btn:nth-child(2)'),
      ]);
      const json = fs.readFileSync(await download.path(), 'utf8');
      assert.ok(!json.includes('PLANTED'), `${name}: the download holds a secret`);
      assert.ok(!hidden.test(json), `${name}: a hidden character in the download`);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => document.body.innerText);
      assert.ok(!printed.includes('PLANTED'), `${name}: the print holds a secret`);
      await page.emulateMedia({ media: 'screen' });
      await page.click('.notice.info .btn');
      // One input at a time: with two open, the copy is the combined verdict.
      await closeAllTabs(page);
    }
    assert.deepEqual(ctx.errors, [], 'no page errors');
    allRequests.push(...ctx.requests);
    await context.close();
  });

  test('Redact for sharing replaces names everywhere, as --redact does, and moves no verdict', async () => {
    const ctx = await openWithClipboard();
    const { page, context } = ctx;
    const files = await openTwoLogs(page, 0);
    const before = await readShown(page);
    await page.check('[data-testid=redact]');
    const redactedName = SAMPLES.proxy.replace('vm-ubuntu-proxy03', 'host-1');
    await waitForVerdict(page, redactedName);
    const after = await readShown(page);
    assert.equal(after.status, before.status);
    assert.deepEqual(after.findings, before.findings);
    assert.deepEqual(after.blocks, before.blocks);
    assert.deepEqual(after.rows.map((r) => r.cells), before.rows.map((r) => r.cells));
    const text = await page.evaluate(() => document.body.innerText);
    for (const name of ['vm-ubuntu-proxy03', 'vm-ubuntu-dns12', '127.30.0.9']) {
      assert.ok(!text.includes(name), `${name} is still shown`);
    }
    assert.ok(text.includes('host-2'), 'the second tab is host-2');
    const log = await page.evaluate(() => document.querySelector('#panel .rawlog')?.innerText ?? '');
    assert.ok(log.includes('ホスト名はhost-1です'), 'the log view draws its lines redacted');
    await page.click('#panel .verdict .actions .btn.primary');
    await page.waitForSelector('.notice.info');
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(md, cli(['analyze', '--redact', '-f', 'markdown', '-l', 'en', ...files]));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#panel .verdict .actions .btn:nth-child(2)'),
    ]);
    assert.equal(download.suggestedFilename(), redactedName.replace(/\.log$/, '.preflight.json'));
    assert.equal(
      fs.readFileSync(await download.path(), 'utf8'),
      cli(['analyze', '--redact', '-f', 'json', '-l', 'en', files[0]]),
    );
    await page.uncheck('[data-testid=redact]');
    await waitForVerdict(page, SAMPLES.proxy);
    assert.deepEqual(ctx.errors, [], 'no page errors');
    allRequests.push(...ctx.requests);
    await context.close();
  });

  test('prints the verdict, findings and matrix, not the log or the controls', async () => {
    const ctx = await openPage(browser, server);
    const { page } = ctx;
    await page.click(`button[data-sample="${SAMPLES.proxy}"]`);
    await waitForVerdict(page, SAMPLES.proxy);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const vis = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      return {
        verdict: vis('[data-testid=verdict]'),
        findings: vis('[data-testid=finding]'),
        matrix: vis('[data-testid=endpoint-row]'),
        log: vis('.rawlog'),
        intake: vis('.intake'),
        actions: vis('.verdict .actions'),
      };
    });
    assert.deepEqual(shown, { verdict: true, findings: true, matrix: true, log: false, intake: false, actions: false });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print-proxy.png'), fullPage: true });
    allRequests.push(...ctx.requests);
    await ctx.context.close();
  });
});

describe('screenshots of the main states', () => {
  const shots = [
    ['ok', SAMPLES.ok],
    ['proxy-407', SAMPLES.proxy],
    ['dns-dead', SAMPLES.dns],
    ['tools-missing', SAMPLES.tools],
  ];
  for (const lang of ['en', 'ja']) {
    test(`desktop, ${lang}`, async () => {
      const ctx = await openPage(browser, server, { locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const { page } = ctx;
      await page.screenshot({ path: path.join(SCREENSHOTS, `landing-${lang}.png`) });
      for (const [label, file] of shots) {
        await page.click(`button[data-sample="${file}"]`);
        await waitForVerdict(page, file);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${label}-${lang}.png`) });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${label}-${lang}-full.png`), fullPage: true });
        await closeAllTabs(page);
      }
      allRequests.push(...ctx.requests);
      await ctx.context.close();
    });
  }

  test('phone width and dark theme', async () => {
    const phone = await openPage(browser, server, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'phone-landing.png') });
    await phone.page.click(`button[data-sample="${SAMPLES.proxy}"]`);
    await waitForVerdict(phone.page, SAMPLES.proxy);
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'phone-proxy-407.png') });
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'phone-proxy-407-full.png'), fullPage: true });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    allRequests.push(...phone.requests);
    await phone.context.close();

    const dark = await openPage(browser, server, { colorScheme: 'dark' });
    await dark.page.click(`button[data-sample="${SAMPLES.dns}"]`);
    await waitForVerdict(dark.page, SAMPLES.dns);
    await dark.page.screenshot({ path: path.join(SCREENSHOTS, 'dns-dead-dark.png') });
    allRequests.push(...dark.requests);
    await dark.context.close();
  });
});

describe('privacy', () => {
  test('no request left the page origin', () => {
    assert.ok(allRequests.length > 0);
    const foreign = allRequests.filter((u) => !u.startsWith(server.origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
  });
});
