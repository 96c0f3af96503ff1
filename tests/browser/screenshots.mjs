#!/usr/bin/env node
// Renders the main page types at phone (320 px) and desktop (1280 px) width into PNGs, so that a
// person can look at the design. Never commit the images.
//
//   node tests/browser/screenshots.mjs [OUT_DIR] [--dark]
//
// OUT_DIR defaults to /tmp/pjece-shots. --dark also renders every shot in the dark colour scheme.

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DESKTOP, PHONE, buildAndServe, launchBrowser } from './helpers.mjs';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const outDir = resolve(args.find((a) => !a.startsWith('--')) ?? '/tmp/pjece-shots');
mkdirSync(outDir, { recursive: true });

const site = await buildAndServe();

/** The preferred slug under `kind/` if the build has it, else the first one there. */
function pick(kind, preferred, sub = '') {
  const dir = join(site.out, kind);
  if (!existsSync(dir)) return null;
  const slugs = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, sub, 'index.html')))
    .map((d) => d.name)
    .sort();
  const slug = slugs.includes(preferred) ? preferred : slugs[0];
  return slug ? `/${kind}/${slug}/${sub}` : null;
}

/** A free page: a top-level folder that is none of the known kinds. */
function freePage(preferred) {
  const known = new Set(['problems', 'leaflets', 'technologies', 'assets', '__pjece']);
  const slugs = readdirSync(site.out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !known.has(d.name) && d.name.length > 2)
    .filter((d) => existsSync(join(site.out, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
  const slug = slugs.includes(preferred) ? preferred : slugs[0];
  return slug ? `/${slug}/` : null;
}

const shots = [
  ['home', '/'],
  ['problem', pick('problems', 'tryghed')],
  ['leaflet', pick('leaflets', 'tryg-om-natten')],
  ['leaflet-print', pick('leaflets', 'tryg-om-natten', 'print/')],
  ['catalogue', '/technologies/'],
  ['technology', pick('technologies', 'gps-tracker')],
  ['free-page', freePage('tilgaengelighed')],
  ['404', '/findes-ikke/'], // a missing address: the server answers with 404.html
].filter(([, path]) => path);

const browser = await launchBrowser();
const made = [];
try {
  for (const scheme of dark ? ['light', 'dark'] : ['light']) {
    for (const vp of [PHONE, DESKTOP]) {
      const ctx = await browser.newContext({ viewport: vp, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      for (const [name, path] of shots) {
        await page.goto(new URL(path.slice(1), site.base).href, { waitUntil: 'load' });
        const file = join(outDir, `${name}-${vp.width}${scheme === 'dark' ? '-dark' : ''}.png`);
        await page.screenshot({ path: file, fullPage: true });
        made.push(`${file}  ${path}`);
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(made.join('\n'));
console.log(`${made.length} screenshots in ${outDir}`);
