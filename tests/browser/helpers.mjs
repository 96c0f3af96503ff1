// Shared helpers for the browser suite: build the example site with the real pjece binary,
// serve it on 127.0.0.1 with a tiny static server, launch Debian's Chromium, list the pages.
// Not a test file itself (node --test only runs *.test.mjs here).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Debian's Chromium; never a downloaded browser. Override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 320, height: 640 };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

/** The pjece binary: $PJECE_BIN, or target/debug/pjece after `cargo build`. */
export function pjeceBinary() {
  if (process.env.PJECE_BIN) return resolve(process.env.PJECE_BIN);
  const r = spawnSync('cargo', ['build', '--quiet', '--bin', 'pjece'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cargo build failed (status ${r.status}):\n${r.stderr}`);
  return join(REPO, 'target', 'debug', 'pjece');
}

/**
 * Start a static server on a random free port of 127.0.0.1, build the example site (or the site
 * in $PJECE_SITE_ROOT, e.g. one with a deliberately broken theme override) into a new
 * temporary folder with base_url pointing at that server, and serve it.
 * Returns { base, out, port, close() }.
 */
export async function buildAndServe({ root = process.env.PJECE_SITE_ROOT ? resolve(process.env.PJECE_SITE_ROOT) : REPO } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'pjece-browser-'));
  const out = join(tmp, 'site'); // must not exist: pjece creates it
  const server = createServer((req, res) => serveFile(out, req, res));
  server.keepAliveTimeout = 1000;
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}/`;
  const bin = pjeceBinary();
  const r = spawnSync(bin, ['build', '--root', root, '--out', out, '--base-url', base], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    server.close();
    throw new Error(`pjece build failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return {
    base,
    out,
    port,
    buildLog: (r.stdout + r.stderr).trim(),
    async close() {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(ok));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function serveFile(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  let status = 200;
  if (existsSync(file) && statSync(file).isDirectory()) {
    if (!path.endsWith('/')) {
      res.writeHead(301, { Location: path + '/' }).end();
      return;
    }
    file = join(file, 'index.html');
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    status = 404;
    file = join(root, '404.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
  }
  const body = readFileSync(file);
  res.writeHead(status, {
    'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Every generated HTML file under `out`, as { file, rel, url } sorted by URL path. */
export function listPages(out) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else if (name.isFile() && name.name.endsWith('.html')) found.push(p);
    }
  };
  walk(out);
  return found
    .map((file) => {
      const rel = relative(out, file).split(sep).join('/');
      const urlPath = '/' + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
      return { file, rel, path: urlPath };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The standard WCAG 1.4.12 text-spacing bookmarklet's CSS. */
export const TEXT_SPACING_CSS = `
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
`;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let axeSource;
export function axeSourceText() {
  axeSource ??= readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  return axeSource;
}

export function vnuJarPath() {
  return join(REPO, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
}

/** Readable text for a list of axe results (violations or incomplete). */
export function formatAxe(results) {
  return results
    .map((r) => {
      const nodes = r.nodes
        .slice(0, 8)
        .map((n) => {
          const summary = (n.failureSummary || '').replace(/\n/g, '\n        ');
          return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n        ${summary}`;
        })
        .join('\n');
      const more = r.nodes.length > 8 ? `\n    … and ${r.nodes.length - 8} more` : '';
      return `  ${r.id} (${r.impact ?? 'n/a'}): ${r.help}\n    ${r.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}
