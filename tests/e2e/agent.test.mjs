// The agent panel and the combined verdict in headless Chromium, checked against the CLI.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { browser, cli, closeAllTabs, CORPUS, openPage, ROOT, SCREENSHOTS, servePage, server, waitForVerdict } from './lib.mjs';

const AGENT = path.join(ROOT, 'tests/corpus/agent-status');
const APPLIANCE = path.join(AGENT, '26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json');
const LOG = path.join(CORPUS, 'logs', 'CheckNWResult_vm-rhel-jpe01_202611220004.log');
const SAMPLE_FILES = [
  '03-instance-view-windows11-ready-extension-handlers.json',
  '04-ansible-returns-vm-not-ready-unresponsive-centos.json',
  '26-RECONSTRUCTED-az-vm-get-instance-view-paloalto-nva-not-ready.json',
];

servePage();

before(() => fs.mkdirSync(SCREENSHOTS, { recursive: true }));

function agentFiles() {
  return fs.readdirSync(AGENT).filter((f) => !f.startsWith('.') && !/\.md$/i.test(f)).sort()
    .map((f) => path.join(AGENT, f));
}

/** The agent panel's state and row texts, or null when there is none. */
async function readPanel(page) {
  return page.evaluate(() => {
    const p = document.querySelector('#panel [data-testid=agent-panel]');
    if (!p) return null;
    return {
      state: p.dataset.state,
      title: p.querySelector('h2')?.textContent ?? '',
      rows: [...p.querySelectorAll('[data-testid=agent-row] th')].map((t) => t.textContent),
      notes: p.querySelectorAll('.agent-note').length,
    };
  });
}

describe('the agent panel', () => {
  let ctx;
  before(async () => {
    ctx = await openPage(browser, server);
  });
  after(async () => {
    assert.deepEqual(ctx.errors, [], 'no page errors');
    await ctx.context.close();
  });

  test('shows the state the CLI reads, for every agent-status corpus file', async () => {
    const { page } = ctx;
    for (const file of agentFiles()) {
      const name = path.basename(file);
      await page.setInputFiles('input[type=file][multiple]', file);
      await waitForVerdict(page, name);
      const report = JSON.parse(cli(['analyze', '-f', 'json', file]));
      const shown = await readPanel(page);
      if (report.agent) {
        assert.ok(shown, `${name}: agent panel`);
        assert.equal(shown.state, report.agent.state, `${name}: agent state`);
        assert.equal(shown.notes, report.agent.annotations.length, `${name}: annotated lines`);
      } else {
        assert.equal(shown, null, `${name}: no agent panel without agent status`);
      }
      await closeAllTabs(page);
    }
  });

  test('loads the agent samples from their buttons', async () => {
    const { page } = ctx;
    for (const file of SAMPLE_FILES) {
      await page.click(`button[data-sample="${file}"]`);
      await waitForVerdict(page, file);
      const report = JSON.parse(cli(['analyze', '-f', 'json', path.join(AGENT, file)]));
      assert.equal((await readPanel(page))?.state, report.agent.state, `${file}: sample state`);
      assert.deepEqual(fs.readFileSync(path.join(ROOT, 'web/samples', file)), fs.readFileSync(path.join(AGENT, file)));
    }
    await closeAllTabs(page);
  });

  test('speaks the other language after the switch', async () => {
    const { page } = ctx;
    await page.setInputFiles('input[type=file][multiple]', APPLIANCE);
    await waitForVerdict(page, path.basename(APPLIANCE));
    const before = await readPanel(page);
    await page.locator('#panel [data-testid=agent-panel]').screenshot({ path: path.join(SCREENSHOTS, 'agent-panel-en.png') });
    await page.click('.lang-switch');
    await page.waitForFunction((t) => document.querySelector('#panel [data-testid=agent-panel] h2')?.textContent !== t, before.title);
    const afterSwitch = await readPanel(page);
    assert.equal(afterSwitch.state, before.state);
    assert.notDeepEqual(afterSwitch.rows, before.rows, 'row labels change language');
    assert.match(afterSwitch.title, /[\u3040-\u30ff\u4e00-\u9fff]/, 'Japanese title');
    await page.locator('#panel [data-testid=agent-panel]').screenshot({ path: path.join(SCREENSHOTS, 'agent-panel-ja.png') });
    await page.click('.lang-switch');
    await closeAllTabs(page);
  });

  test('combines a connectivity log and the appliance paste into one verdict', async () => {
    const { page } = ctx;
    await page.setInputFiles('input[type=file][multiple]', [LOG, APPLIANCE]);
    await page.waitForSelector('[data-testid=combined]', { timeout: 20_000 });
    const bundle = JSON.parse(cli(['analyze', '-f', 'json', LOG, APPLIANCE]));
    const shown = await page.evaluate(() => {
      const c = document.querySelector('[data-testid=combined]');
      return {
        status: c.dataset.status,
        rows: [...c.querySelectorAll('[data-testid=scenario-row]')].map((r) => r.dataset.status),
        warning: !!c.querySelector('[data-testid=combined-warning]'),
      };
    });
    assert.equal(shown.status, bundle.combined.overall, 'combined overall');
    assert.deepEqual(shown.rows, bundle.combined.scenarios.map((s) => s.status ?? 'none'), 'scenario rows');
    assert.equal(shown.warning, bundle.combined.same_vm === false, 'different-VM warning');
    await page.locator('[data-testid=combined]').screenshot({ path: path.join(SCREENSHOTS, 'combined-en.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'combined-page-en.png') });
    await closeAllTabs(page);
    assert.equal(await page.locator('[data-testid=combined]').count(), 0, 'gone with the tabs');
  });
});
