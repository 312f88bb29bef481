// The page module's LZMA decoder (web/boot.js `unlzma`), checked against Python's liblzma, which
// packs the module in the build (scripts/lzma-pack.py): every literal-context, literal-position and
// position-bits setting, long matches, repeats, text and random bytes, and damaged input.

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT } from './lib.mjs';

/** `unlzma` taken out of boot.js as it is written: the page runs the same text. */
const unlzma = (() => {
  const boot = fs.readFileSync(path.join(ROOT, 'web/boot.js'), 'utf8');
  const body = boot.match(/^function unlzma\(src\) \{[\s\S]*?^\}$/m);
  assert.ok(body, 'boot.js defines function unlzma(src)');
  return new Function(`${body[0]}; return unlzma;`)();
})();

/** Packs `data` with the build's settings, or with the given LZMA1 lc/lp/pb. */
function pack(data, settings = '') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unlzma-'));
  const file = path.join(dir, 'm');
  fs.writeFileSync(file, data);
  const script = settings
    ? `import lzma,sys;d=open(sys.argv[1],'rb').read();p=bytearray(lzma.compress(d,format=lzma.FORMAT_ALONE,filters=[dict(id=lzma.FILTER_LZMA1,preset=6,${settings})]));p[5:13]=len(d).to_bytes(8,'little');open(sys.argv[1]+'.lzma','wb').write(p)`
    : null;
  const run = script
    ? spawnSync('python3', ['-c', script, file])
    : spawnSync('python3', [path.join(ROOT, 'scripts/lzma-pack.py'), file]);
  assert.equal(run.status, 0, String(run.stderr));
  const packed = fs.readFileSync(`${file}.lzma`);
  fs.rmSync(dir, { recursive: true });
  return new Uint8Array(packed);
}

function samples() {
  const text = fs.readFileSync(path.join(ROOT, 'web/samples/CheckNWResult_vm-rhel-jpe01_202611220004.log'));
  const random = crypto.randomBytes(70_000);
  const runs = Buffer.alloc(300_000, 'ab'); // one very long match, repeated distances
  const mixed = Buffer.concat([text, random.subarray(0, 5000), text, runs.subarray(0, 4000), text]);
  return { empty: Buffer.alloc(0), byte: Buffer.from([7]), text, random, runs, mixed };
}

test('unlzma restores what the build packs, byte for byte', () => {
  for (const [name, data] of Object.entries(samples())) {
    assert.deepEqual(Buffer.from(unlzma(pack(data))), data, name);
  }
});

test('unlzma reads every lc, lp and pb setting', () => {
  const { mixed } = samples();
  for (const [lc, lp, pb] of [[0, 0, 0], [3, 0, 2], [1, 3, 1], [0, 4, 4], [4, 0, 0], [2, 2, 3]]) {
    assert.deepEqual(Buffer.from(unlzma(pack(mixed, `lc=${lc},lp=${lp},pb=${pb}`))), mixed, `lc=${lc} lp=${lp} pb=${pb}`);
  }
});

test('unlzma refuses damaged input instead of returning made-up bytes', () => {
  const { text } = samples();
  const packed = pack(text);
  assert.throws(() => unlzma(packed.subarray(0, packed.length >> 1)), /damaged/, 'cut in half');
  assert.throws(() => unlzma(packed.subarray(0, 10)), /damaged/, 'header only');
  const flipped = packed.slice();
  for (let i = 40; i < flipped.length; i += 97) flipped[i] ^= 0x5a;
  let restored = null;
  try {
    restored = Buffer.from(unlzma(flipped));
  } catch (err) {
    assert.match(err.message, /damaged/);
  }
  // A bit flip either stops the decoder or yields other bytes; the page's integrity pin and the
  // WebAssembly compiler catch the second case.
  if (restored) assert.notDeepEqual(restored, text);
});
