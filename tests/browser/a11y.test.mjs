// WCAG 2.2 AA in a real browser, on every page that `pjece build` makes from the example site.
// See tests/browser/README.md for what is checked and why.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  AXE_TAGS,
  DESKTOP,
  PHONE,
  TEXT_SPACING_CSS,
  axeSourceText,
  buildAndServe,
  formatAxe,
  launchBrowser,
  listPages,
} from './helpers.mjs';

const ALLOW = JSON.parse(readFileSync(new URL('./axe-incomplete-allow.json', import.meta.url), 'utf8'));
const ALLOWED_INCOMPLETE = ALLOW.incomplete ?? {};

const site = await buildAndServe();
// PJECE_PAGES=<regex> checks only the pages whose URL path matches (for working on one page).
const only = process.env.PJECE_PAGES ? new RegExp(process.env.PJECE_PAGES) : null;
const pages = listPages(site.out).filter((p) => !only || only.test(p.path));
const url = (p) => new URL(p.path.slice(1), site.base).href;

// Each page's Tab walk presses Tab at most (visible links + MAX_EXTRA_TABS) times, and never more
// than MAX_TABS: enough for every link, bounded so that a focus trap cannot hang the suite.
const MAX_EXTRA_TABS = 10;
const MAX_TABS = 400;
const TIMEOUT = 120_000;
const MIN_TEXT_PX = 18;

// Pages are checked in LANES parallel lanes (one browser; per lane a page with JavaScript and one
// without): most of the time goes to waiting on the browser, so two lanes keep two cores busy.
const LANES = Math.max(1, Number(process.env.PJECE_BROWSER_LANES) || 2);

let browser;
const free = [];
const waiting = [];

class Lane {
  constructor(page, noJsPage) {
    this.page = page;
    this.noJsPage = noJsPage;
    // Loading a page costs more than most checks, so the page is reused between the tests of one
    // URL while it is clean: a test that changes it (injected CSS, focus, key presses) calls
    // dirty() and the next test loads it afresh. Each test still works on its own (e.g. with
    // --test-name-pattern), since open() loads whenever the page is not the clean one it needs.
    this.loaded = { path: null, dirty: true };
  }

  async open(p, viewport = DESKTOP) {
    await this.page.setViewportSize(viewport);
    if (this.loaded.path === p.path && !this.loaded.dirty) return;
    const res = await this.page.goto(url(p), { waitUntil: 'load' });
    assert.equal(res.status(), 200, `GET ${p.path} answered ${res.status()}`);
    this.loaded = { path: p.path, dirty: false };
  }

  dirty() {
    this.loaded.dirty = true;
  }

  async axe(options) {
    if (!(await this.page.evaluate(() => typeof window.axe === 'object'))) {
      await this.page.addScriptTag({ content: axeSourceText() });
    }
    return this.page.evaluate((opts) => window.axe.run(document, opts), options);
  }

  /** The elements that stick out past the viewport's right edge, to say what to fix. */
  stickingOut() {
    return this.page.evaluate(() =>
      [...document.body.querySelectorAll('*')]
        .map((el) => {
          const r = el.getBoundingClientRect();
          // An element's box, or its content overflowing the box (a long word), past the edge.
          return { el, right: Math.max(r.right, r.left + el.scrollWidth) };
        })
        .filter(({ right }) => right > innerWidth + 1)
        .slice(-6) // the innermost ones come last in document order
        .map(({ el, right }) => {
          const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
          const text = el.textContent.trim().slice(0, 30);
          return `${el.tagName.toLowerCase()}${cls} "${text}" (right edge ${Math.round(right)}px)`;
        })
        .join('; '),
    );
  }
}

function acquire() {
  return free.length ? Promise.resolve(free.pop()) : new Promise((ok) => waiting.push(ok));
}

function release(lane) {
  const next = waiting.shift();
  if (next) next(lane);
  else free.push(lane);
}

before(async () => {
  browser = await launchBrowser();
  for (let i = 0; i < LANES; i++) {
    const ctx = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light', reducedMotion: 'reduce' });
    const noJs = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light', javaScriptEnabled: false });
    free.push(new Lane(await ctx.newPage(), await noJs.newPage()));
  }
});

after(async () => {
  await browser?.close();
  await site.close();
});

test('the build made pages to test', () => {
  assert.ok(pages.length > 0, `no HTML in ${site.out}`);
  for (const p of only ? [] : ['/', '/404.html']) {
    assert.ok(pages.some((x) => x.path === p), `${p} missing from the build`);
  }
});

test('the incomplete allow-list gives a reason for every rule', () => {
  for (const [rule, reason] of Object.entries(ALLOWED_INCOMPLETE)) {
    assert.ok(typeof reason === 'string' && reason.trim().length > 20, `allow-list entry ${rule} needs a reason`);
  }
});

describe('every page', { concurrency: LANES }, () => {
  for (const p of pages) {
    // concurrency 1: the tests of one page run in order, on one lane.
    describe(p.path, { timeout: TIMEOUT, concurrency: 1 }, () => {
      let L;
      before(async () => {
        L = await acquire();
      });
      after(() => release(L));

      test('axe-core: no violations, no unexplained incomplete results (light and dark scheme)', async () => {
        await L.open(p);
        const r = await L.axe({
          runOnly: { type: 'tag', values: AXE_TAGS },
          // AAA contrast (7:1, 4.5:1 for large text): the theme promises it for body text.
          rules: { 'color-contrast-enhanced': { enabled: true } },
          resultTypes: ['violations', 'incomplete'],
        });
        assert.ok(r.violations.length === 0, `axe violations on ${p.path}:\n${formatAxe(r.violations)}`);
        const open_ = r.incomplete.filter((i) => !(i.id in ALLOWED_INCOMPLETE));
        assert.ok(
          open_.length === 0,
          `axe incomplete results on ${p.path} (fix them, or add the rule to axe-incomplete-allow.json with a reason):\n${formatAxe(open_)}`,
        );

        // The same page in the dark colour scheme: the media query switches live, no reload needed.
        await L.page.emulateMedia({ colorScheme: 'dark' });
        try {
          const d = await L.axe({
            runOnly: { type: 'rule', values: ['color-contrast', 'color-contrast-enhanced', 'link-in-text-block'] },
            resultTypes: ['violations', 'incomplete'],
          });
          assert.ok(d.violations.length === 0, `dark-scheme contrast violations on ${p.path}:\n${formatAxe(d.violations)}`);
          const openD = d.incomplete.filter((i) => !(i.id in ALLOWED_INCOMPLETE));
          assert.ok(openD.length === 0, `dark-scheme incomplete results on ${p.path}:\n${formatAxe(openD)}`);
        } finally {
          await L.page.emulateMedia({ colorScheme: 'light' });
        }
      });

      test('lang attribute, exactly one h1, body text and all other text at least 18 px', async () => {
        for (const vp of [DESKTOP, PHONE]) {
          await L.open(p, vp);
          const f = await L.page.evaluate((min) => {
            // Every visible text node's font size: fine print is hard to read for this audience too.
            const small = new Map();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              if (!n.textContent.trim() || !el || el.closest('svg, script, style, noscript')) continue;
              if (el.getClientRects().length === 0) continue;
              const cs = getComputedStyle(el);
              if (cs.visibility !== 'visible') continue;
              const size = parseFloat(cs.fontSize);
              if (size < min) {
                const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
                small.set(`${el.tagName.toLowerCase()}${cls} ${size.toFixed(1)}px`, n.textContent.trim().slice(0, 30));
              }
            }
            return {
              lang: document.documentElement.getAttribute('lang'),
              h1: document.querySelectorAll('h1').length,
              font: parseFloat(getComputedStyle(document.body).fontSize),
              small: [...small].map(([k, v]) => `${k} "${v}"`),
            };
          }, MIN_TEXT_PX);
          assert.ok(f.lang && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/.test(f.lang), `<html lang> missing or odd: ${f.lang}`);
          assert.equal(f.h1, 1, `${f.h1} h1 elements`);
          assert.ok(f.font >= MIN_TEXT_PX, `body font-size ${f.font}px at ${vp.width}px width (need >= ${MIN_TEXT_PX})`);
          assert.deepEqual(f.small, [], `text below ${MIN_TEXT_PX}px at ${vp.width}px width:\n  ${f.small.join('\n  ')}`);
        }
      });

      test('reflow at 320 CSS px: no horizontal scrolling', async () => {
        await L.open(p, PHONE);
        const scroll = await L.page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scroll <= 320, `scrollWidth ${scroll} > 320 at 320 px; sticking out: ${await L.stickingOut()}`);
      });

      test('without JavaScript: the same text and the same links', async () => {
        const grab = () => ({
          text: document.body.innerText.replace(/\s+/g, ' ').trim(),
          links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
        });
        await L.open(p, DESKTOP);
        const withJs = await L.page.evaluate(grab);
        const res = await L.noJsPage.goto(url(p), { waitUntil: 'load' });
        assert.equal(res.status(), 200);
        const withoutJs = await L.noJsPage.evaluate(grab);
        assert.deepEqual(withoutJs.links, withJs.links, 'links differ without JavaScript');
        assert.equal(withoutJs.text, withJs.text, 'text differs without JavaScript');
      });

      test('text spacing (WCAG 1.4.12): nothing clipped, still no horizontal scrolling', async () => {
        await L.open(p, PHONE);
        L.dirty();
        await L.page.addStyleTag({ content: TEXT_SPACING_CSS });
        for (const vp of [PHONE, DESKTOP]) {
          await L.page.setViewportSize(vp);
          const r = await L.page.evaluate(() => {
            const clipped = [];
            for (const el of document.body.querySelectorAll('*')) {
              const cs = getComputedStyle(el);
              const clipX = /hidden|clip/.test(cs.overflowX);
              const clipY = /hidden|clip/.test(cs.overflowY);
              if (!clipX && !clipY) continue;
              if (!el.textContent.trim()) continue;
              // Visually-hidden text (1px boxes for screen readers) is clipped on purpose.
              if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;
              const what = `${el.tagName.toLowerCase()}${el.className ? '.' + [...el.classList].join('.') : ''} "${el.textContent.trim().slice(0, 40)}"`;
              if (clipX && el.scrollWidth > el.clientWidth + 1) clipped.push(`${what}: scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
              if (clipY && el.scrollHeight > el.clientHeight + 1) clipped.push(`${what}: scrollHeight ${el.scrollHeight} > ${el.clientHeight}`);
            }
            return { clipped, scroll: document.documentElement.scrollWidth, width: innerWidth };
          });
          assert.deepEqual(r.clipped, [], `clipped text with text spacing at ${vp.width}px:\n  ${r.clipped.join('\n  ')}`);
          assert.ok(r.scroll <= r.width, `with text spacing, scrollWidth ${r.scroll} > ${r.width}; sticking out: ${await L.stickingOut()}`);
        }
      });

      test('keyboard: Tab reaches every link in order, focus visible and distinct, skip link works', async () => {
        await L.open(p);
        L.dirty();
        const links = await L.page.evaluate(() => {
          const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
          const styleOf = (el) => {
            const cs = getComputedStyle(el);
            return {
              outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
              background: cs.backgroundColor,
              boxShadow: cs.boxShadow,
            };
          };
          const links = [...document.querySelectorAll('a[href]')].filter(visible);
          // Unfocused styles of everything that can take focus (links, form controls, tabindex),
          // taken now, while nothing has focus.
          const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')];
          window.__pjKb = { links, all, styleOf, unfocused: all.map(styleOf) };
          return links.map((a) => `${a.getAttribute('href')} "${a.textContent.trim().slice(0, 40)}"`);
        });
        assert.ok(links.length > 0, 'no visible links');

        const order = [];
        const problems = [];
        const cap = Math.min(links.length + MAX_EXTRA_TABS, MAX_TABS);
        for (let i = 0; i < cap; i++) {
          await L.page.keyboard.press('Tab');
          const s = await L.page.evaluate(() => {
            const k = window.__pjKb;
            const el = document.activeElement;
            if (!el || el === document.body || el === document.documentElement) return { none: true };
            const idx = k.links.indexOf(el);
            const cs = getComputedStyle(el);
            const inView = (r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
            const before = el.getBoundingClientRect();
            el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            const r = el.getBoundingClientRect();
            const first = el.getClientRects()[0];
            let unobscured = false;
            if (first) {
              const x = Math.min(Math.max(first.left + first.width / 2, 0), innerWidth - 1);
              const y = Math.min(Math.max(first.top + first.height / 2, 0), innerHeight - 1);
              const hit = document.elementFromPoint(x, y);
              unobscured = !!hit && (hit === el || el.contains(hit));
            }
            return {
              idx,
              label: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${el.getAttribute('href') ?? el.getAttribute('type') ?? ''} "${(el.textContent.trim() || el.getAttribute('aria-label') || el.getAttribute('name') || '').slice(0, 40)}"`,
              focused: k.styleOf(el),
              unfocused: k.all.includes(el) ? k.unfocused[k.all.indexOf(el)] : null,
              zero: r.width === 0 || r.height === 0,
              hidden: cs.visibility !== 'visible' || parseFloat(cs.opacity) === 0,
              inViewBefore: inView(before),
              inView: inView(r),
              unobscured,
            };
          });
          if (s.none) {
            if (order.length) break; // focus left the page's last element
            continue;
          }
          if (s.idx >= 0 && order.includes(s.idx)) break; // wrapped around
          if (s.idx >= 0) order.push(s.idx);
          if (s.zero) problems.push(`${s.label}: focused element has zero size`);
          if (s.hidden) problems.push(`${s.label}: focused element is invisible (visibility/opacity)`);
          if (!s.inView) problems.push(`${s.label}: focused element is off-screen even after scrollIntoView`);
          if (!s.unobscured) problems.push(`${s.label}: focused element is covered by another element`);
          if (i === 0 && !s.inViewBefore) problems.push(`${s.label}: the first Tab stop (skip link) is not shown on focus`);
          if (s.unfocused) {
            const same = ['outline', 'background', 'boxShadow'].every((k) => s.focused[k] === s.unfocused[k]);
            if (same) problems.push(`${s.label}: focus style does not differ from the unfocused style`);
          }
          if (s.idx === links.length - 1) break;
        }
        const expected = links.map((_, i) => i);
        const missing = expected.filter((i) => !order.includes(i)).map((i) => links[i]);
        assert.deepEqual(missing, [], `Tab never reached these links:\n  ${missing.join('\n  ')}`);
        assert.deepEqual(order, expected, `Tab order differs from DOM order: ${order.map((i) => links[i]).join(' → ')}`);
        assert.deepEqual(problems, [], `focus problems:\n  ${problems.join('\n  ')}`);

        // The first Tab stop is a skip link to the main content, and following it moves focus there.
        const skip = await L.page.evaluate(() => {
          const a = window.__pjKb.links[0];
          return { href: a.getAttribute('href'), text: a.textContent.trim() };
        });
        assert.match(skip.href, /^#./, `the first link should be a skip link, got ${skip.href} "${skip.text}"`);
        await L.page.evaluate(() => window.__pjKb.links[0].focus());
        await L.page.keyboard.press('Enter');
        const landed = await L.page.evaluate((href) => {
          const target = document.getElementById(decodeURIComponent(href.slice(1)));
          return {
            exists: !!target,
            isMain: target?.tagName === 'MAIN' || target?.getAttribute('role') === 'main',
            focusInside: !!target && (document.activeElement === target || target.contains(document.activeElement)),
          };
        }, skip.href);
        assert.ok(landed.exists, `skip link target ${skip.href} does not exist`);
        assert.ok(landed.isMain, `skip link target ${skip.href} is not the main landmark`);
        assert.ok(landed.focusInside, `following the skip link did not move focus to ${skip.href}`);
      });

    });
  }
});
