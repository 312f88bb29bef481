// Scale in the browser: the built page (dist/) in headless Debian Chromium, fed inputs of
// 12 KB to 100 MB, timed with the Performance API. For each input a fresh page is opened and the
// input is built inside it (the proxy-407 sample repeated, or a synthetic waagent.log, as in
// benches/compare.sh), then dropped on the page. Printed as one Markdown table:
//   first load     navigation start to the page taking drops (`preflight:ready` mark)
//   verdict        drop to the verdict painted (Element Timing)
//   whole report   drop to the frame after the findings, matrix and log were drawn
//   longest task   the longest main-thread task during the run (Long Tasks API)
//   worker / page memory   size of the worker's WebAssembly memory when it is done, and of the page's
//                  afterwards (it only grows, so these are peaks), and the page's JS heap
//
//   bash benches/browser.sh [sizes...]       # default: 12K 1M 10M 100M
import { DROP_AND_TIME, SAMPLE_TEXT, launch, openPage, startServer } from '../tests/e2e/lib.mjs';

const sizes = process.argv.slice(2).length ? process.argv.slice(2) : ['12K', '1M', '10M', '100M'];
const bytesOf = (s) => Number(s.slice(0, -1)) * { K: 1024, M: 1024 * 1024 }[s.at(-1)];

const BUILD = async ({ kind, target, sample }) => {
  let unit;
  if (kind === 'connectivity') {
    unit = sample;
  } else {
    unit = [
      '2020-10-02T18:11:13.148998Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.2.51 is running as the goal state agent [DEBUG HeartbeatCounter: 1;HeartbeatId: 9A3B]',
      '2020-10-02T18:11:14.001002Z INFO ExtHandler ExtHandler ProcessGoalState completed [incarnation 2; 4496 ms]',
      '2020-10-02T18:11:15.129375Z INFO ExtHandler ExtHandler Started tracking cgroup: Microsoft.CPlat.Core.RunCommandLinux-1.0.1, path: /sys/fs/cgroup/memory/system.slice',
      '2020-10-02T18:11:16.189020Z WARNING ExtHandler ExtHandler [ProtocolError] Error fetching goal state',
      '2020-10-02T18:11:16.189021Z WARNING ExtHandler ExtHandler Inner error: [ResourceGoneError] [HTTP Failed] [410: Gone]',
      '',
    ].join('\n');
  }
  const head = kind === 'connectivity' ? '' : 'WALinuxAgent-2.2.45 running on ubuntu 18.04\nGoal state agent: 2.2.53.1\n';
  const enc = new TextEncoder().encode(head + unit.repeat(Math.ceil(target / unit.length) + 1));
  window.__input = enc.slice(0, target);
  return window.__input.length;
};

/** Watches long main-thread tasks from now on. */
const WATCH = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
};

/** What the page shows and holds after the drop. */
const AFTER = () => ({
  longest: Math.max(0, ...window.__longTasks),
  pageMemory: window.preflightMemoryBytes?.() ?? NaN,
  jsHeap: performance.memory?.usedJSHeapSize ?? NaN,
  status: document.querySelector('#panel [data-testid=verdict]')?.dataset.status,
});

const server = await startServer();
const browser = await launch();
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const ms = (t) => `${t < 10 ? t.toFixed(1) : t.toFixed(0)} ms`;
const rows = [];
const loads = [];
try {
  for (const kind of ['connectivity', 'waagent']) {
    for (const size of sizes) {
      const { context, page } = await openPage(browser, server);
      const load = await page.evaluate(async () => {
        for (let i = 0; i < 100 && !performance.getEntriesByName('preflight:ready').length; i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        return performance.getEntriesByName('preflight:ready')[0]?.startTime ?? NaN;
      });
      loads.push(load);
      await page.waitForTimeout(1000); // the worker starts and rehearses once
      const target = bytesOf(size);
      const sample = kind === 'connectivity'
        ? await page.evaluate(SAMPLE_TEXT, 'CheckNWResult_vm-ubuntu-proxy03_202611220004.log')
        : '';
      await page.evaluate(BUILD, { kind, target, sample });
      await page.evaluate(WATCH);
      const timed = await page.evaluate(DROP_AND_TIME, { name: `${kind}-${size}.log`, timeoutMs: 600_000 });
      const r = { ...timed, ...(await page.evaluate(AFTER)) };
      // The worker reports its memory with the downloadable JSON, its last message.
      const workerMemory = await page.evaluate(async () => {
        for (let i = 0; i < 1200; i++) {
          const m = performance.getEntriesByType('mark').find((e) => e.name.startsWith('preflight:worker-memory:'));
          if (m) return Number(m.name.split(':').at(-1));
          await new Promise((r) => setTimeout(r, 100));
        }
        return NaN;
      });
      rows.push(
        `| ${kind} | ${size} | ${r.status} | ${ms(r.verdict)} | ${ms(r.complete)} | ${(target / (r.complete / 1000) / 1e6).toFixed(1)} | ${ms(r.longest)} | ${mb(workerMemory)} | ${(workerMemory / target).toFixed(1)}× | ${mb(r.pageMemory)} | ${mb(r.jsHeap)} |`,
      );
      console.error(rows.at(-1));
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
const sorted = [...loads].sort((a, b) => a - b);
console.log(`First load (navigation start to the page taking drops, ${loads.length} fresh pages): median ${ms(sorted[Math.floor(sorted.length / 2)])}, worst ${ms(sorted.at(-1))}.`);
console.log('');
console.log('| input | size | verdict | drop → verdict painted | drop → whole report | MB/s | longest main-thread task | worker memory | worker / input | page memory | page JS heap |');
console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
