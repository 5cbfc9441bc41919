import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext, PROJECT_ROOT } from '../../src/context.js';
import { produceReview, type ProducedReview } from '../../src/report/produce-review.js';
import { DEFAULT_CONFIG } from '../../src/schema/config.js';
import { openWarehouse } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { buildReviewWarehouse, CONFIDENTIAL_VALUE, HOSTILE_COMMENT, INTERNAL_VALUE } from './helpers/review-warehouse.js';

const ctx = createContext({ toolVersion: '0.0.0-test', clock: () => new Date('2026-02-01T00:00:00Z') });

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  }).sort();
}

/** Returns every tooltip and ARIA text a reader can meet in a chart: each drawn item's tooltip and description. */
async function readChartTexts(spec: TopLevelSpec): Promise<string[]> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    await view.runAsync();
    const texts: string[] = [];
    const walk = (node: { items?: unknown[]; tooltip?: unknown; description?: unknown }) => {
      if (node.tooltip !== undefined) texts.push(typeof node.tooltip === 'object' && node.tooltip !== null ? Object.entries(node.tooltip).map(([k, v]) => `${k}: ${String(v)}`).join('; ') : String(node.tooltip));
      if (node.description !== undefined) texts.push(String(node.description));
      for (const item of node.items ?? []) walk(item as typeof node);
    };
    walk((view.scenegraph() as unknown as { root: Parameters<typeof walk>[0] }).root);
    return texts;
  } finally {
    view.finalize();
  }
}

const UNREADABLE = /\b(null|undefined|NaN)\b/;

let warehouse: string;
let first: ProducedReview;
let second: ProducedReview;

async function produce(outDir: string): Promise<ProducedReview> {
  return produceReview(ctx, { warehouse, referenceDir: join(PROJECT_ROOT, 'data/reference'), config: DEFAULT_CONFIG, year: 2025, group: 'BSEC', outDir, isPdf: false });
}

beforeAll(async () => {
  warehouse = await buildReviewWarehouse();
  first = await produce(join(tempDir(), 'a', 'reports', '2025'));
  second = await produce(join(tempDir(), 'b', 'elsewhere'));
}, 180_000);

describe('the written review', () => {
  it('has the index, one page per member, a CSV and a spec per figure, and the local scripts', () => {
    const files = listFiles(first.outDir).map((f) => relative(first.outDir, f));
    expect(files).toContain('index.html');
    expect(files.filter((f) => f.startsWith('states/'))).toHaveLength(13);
    expect(files).toEqual(expect.arrayContaining(['assets/review.css', 'assets/review.js', 'assets/vendor/vega.min.js', 'assets/vendor/vega-lite.min.js', 'assets/vendor/vega-embed.min.js']));
    const csvs = files.filter((f) => f.startsWith('data/') && f.endsWith('.csv')).map((f) => f.slice(5, -4));
    const specs = files.filter((f) => f.startsWith('specs/')).map((f) => f.slice(6, -8));
    expect(csvs).toEqual(specs);
    expect(csvs.length).toBe(first.figures);
    const index = readFileSync(join(first.outDir, 'index.html'), 'utf8');
    for (const id of csvs.filter((id) => /^fig-\d/.test(id))) {
      expect(index).toContain(`id="${id}"`);
      expect(index).toContain(`href="data/${id}.csv"`);
    }
  });

  it('is byte-identical when built twice from the same warehouse, wherever it is written', () => {
    const a = listFiles(first.outDir);
    const b = listFiles(second.outDir);
    expect(a.map((f) => relative(first.outDir, f))).toEqual(b.map((f) => relative(second.outDir, f)));
    for (const [i, file] of a.entries()) {
      expect(readFileSync(file).equals(readFileSync(b[i]!)), relative(first.outDir, file)).toBe(true);
    }
    expect(first.snapshot).toMatch(/^[0-9a-f]{64}$/);
    expect(first.snapshot).toBe(second.snapshot);
  });

  it('replaces what an earlier run left in the folder', async () => {
    const outDir = join(tempDir(), 'again');
    await produce(outDir);
    writeFileSync(join(outDir, 'states', 'QQQ.html'), 'stale');
    writeFileSync(join(outDir, 'notes.txt'), 'the coordinator\'s own file');
    await produce(outDir);
    expect(existsSync(join(outDir, 'states', 'QQQ.html'))).toBe(false);
    expect(readFileSync(join(outDir, 'notes.txt'), 'utf8')).toBe('the coordinator\'s own file');
  }, 120_000);

  it('never writes an absolute path, a temporary folder or the clock', () => {
    for (const file of listFiles(first.outDir).filter((f) => /\.(html|csv|json)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(first.outDir);
      expect(text, file).not.toContain(PROJECT_ROOT);
      expect(text, file).not.toContain(warehouse);
    }
  });

  it('shows no confidential or internal value anywhere, in any form', async () => {
    const store = await openWarehouse(warehouse, { isReadOnly: true });
    const held = await store.all<{ n: number }>('select count(*)::integer as n from observation where obs_value in ($c, $i)', { c: CONFIDENTIAL_VALUE, i: INTERNAL_VALUE });
    store.close();
    expect(held[0]?.n, 'the fixture holds both values, so the search below is not vacuous').toBe(2);
    const forms = [CONFIDENTIAL_VALUE, INTERNAL_VALUE].flatMap((v) => [String(v), v.toLocaleString('en-GB')]);
    for (const file of listFiles(first.outDir)) {
      const text = readFileSync(file, 'latin1');
      for (const form of forms) expect(text.includes(form), `${form} in ${relative(first.outDir, file)}`).toBe(false);
    }
  });

  it('shows submitted text as text: a hostile comment cannot become markup', () => {
    const page = readFileSync(join(first.outDir, 'states/ALB.html'), 'utf8');
    expect(page).toContain('Revised method &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
    expect(page).not.toContain(HOSTILE_COMMENT);
    expect(page).not.toMatch(/<img[^>]*onerror/i);
    const scripts = [...page.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts.every((attrs) => /type="application\/json"|src="\.\.\/assets\//.test(attrs))).toBe(true);
  });

  it('never shows a reader "null", "undefined" or "NaN" in a chart\'s tooltip or ARIA label, live or written', async () => {
    const pages = listFiles(first.outDir).filter((f) => f.endsWith('.html'));
    for (const file of pages) {
      const labels = [...readFileSync(file, 'utf8').matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1] ?? '');
      expect(labels.filter((l) => UNREADABLE.test(l)), relative(first.outDir, file)).toEqual([]);
    }
    const index = readFileSync(join(first.outDir, 'index.html'), 'utf8');
    expect(index).toMatch(/aria-label="[^"]*: index 100, the base year\."/);
    for (const file of listFiles(join(first.outDir, 'specs'))) {
      const texts = await readChartTexts(JSON.parse(readFileSync(file, 'utf8')) as TopLevelSpec);
      expect(texts.filter((t) => UNREADABLE.test(t)), relative(first.outDir, file)).toEqual([]);
    }
  }, 120_000);

  it('names the members without a return and keeps each page to local resources', () => {
    const index = readFileSync(join(first.outDir, 'index.html'), 'utf8');
    expect(index).toMatch(/No return was received from <strong>[^<]*Armenia/);
    expect(index).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(index).toContain(first.snapshot);
  });

  it('shows the data snapshot at the run summary\'s 12 digits on every page, the whole hash in its title', () => {
    // was 16 digits on the title page, 64 in the annex and in every page's footer (broken over two lines on paper)
    const short = first.snapshot.slice(0, 12);
    for (const file of listFiles(first.outDir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      const shown = [...html.matchAll(/<code class="hash"[^>]*>([^<]*)<\/code>/g)].map((m) => m[1]);
      expect(shown.length, relative(first.outDir, file)).toBe(file.endsWith('index.html') ? 3 : 1);
      expect(new Set(shown), relative(first.outDir, file)).toEqual(new Set([short]));
      expect(html).toContain(`<code class="hash" title="${first.snapshot}">${short}</code>`);
    }
  });
});
