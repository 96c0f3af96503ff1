// Every generated page (and the theme's CSS) validates in the W3C Nu HTML checker (vnu-jar).
// One java run over all files; one test per file so that a failure names the page.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { buildAndServe, listPages, vnuJarPath } from './helpers.mjs';

const site = await buildAndServe();
after(() => site.close());

const pages = listPages(site.out);
const cssDir = join(site.out, 'assets');
const css = existsSync(cssDir)
  ? readdirSync(cssDir).filter((f) => f.endsWith('.css')).map((f) => join(cssDir, f))
  : [];
const files = [...pages.map((p) => p.file), ...css];

function runVnu(args) {
  return new Promise((resolve, reject) => {
    const java = process.env.JAVA || 'java';
    const child = spawn(java, ['-jar', vnuJarPath(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new Error(`cannot run ${java} (install a Java runtime, e.g. default-jre-headless): ${e.message}`)));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

// --format json writes {"messages": [...]} to stderr; exit status 1 when there are errors.
const run = await runVnu(['--errors-only', '--also-check-css', '--format', 'json', ...files]);
let messages;
try {
  messages = JSON.parse(run.err || run.out).messages;
} catch {
  throw new Error(`vnu gave no JSON (exit ${run.code}):\n${run.out}\n${run.err}`);
}

const byFile = new Map();
const stray = [];
for (const m of messages) {
  if (m.type === 'info' || (m.type === 'error' && m.subType === 'warning')) continue;
  const file = m.url ? relative(site.out, fileURLToPath(m.url)).split(sep).join('/') : null;
  if (!file) {
    stray.push(m);
    continue;
  }
  if (!byFile.has(file)) byFile.set(file, []);
  byFile.get(file).push(m);
}

const fmt = (m) =>
  `  ${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'} ${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}` +
  (m.extract ? `\n      ${m.extract.replace(/\n/g, '⏎').slice(0, 160)}` : '');

test('vnu checked every page', () => {
  assert.ok(pages.length > 0, 'no pages');
  assert.deepEqual(stray.map(fmt), [], 'vnu messages that name no file (I/O or internal errors)');
});

for (const f of files) {
  const rel = relative(site.out, f).split(sep).join('/');
  test(`vnu: ${rel}`, () => {
    const errs = byFile.get(rel) ?? [];
    assert.ok(errs.length === 0, `${errs.length} Nu HTML checker error(s) in ${rel}:\n${errs.map(fmt).join('\n')}`);
  });
}
