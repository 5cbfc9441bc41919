import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildReview, type BuiltReview } from '../../src/report/build-review.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { buildSampleModel } from './helpers/sample-model.js';

// Goldens of the review built from the fixed sample model: every figure's Vega-Lite spec and the outline of the
// pages (headings, figures, tables). Never pixels. Update with `npm run test:update` and review the diff like code.

let built: BuiltReview;

beforeAll(async () => {
  built = await buildReview(buildSampleModel(await loadTestReference()), PROJECT_ROOT);
}, 120_000);

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/**
 * Returns the spec with its inline data summarised so the golden stays reviewable: the map's TopoJSON as geometry
 * count and hash, data arrays longer than 5 rows as their first 3 rows, row count and hash (the data still changes
 * the golden, through the hash).
 */
function summariseDatasets(spec: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(spec), (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { values?: unknown }).values)) {
      const values = (value as { values: unknown[] }).values;
      if (values.length > 5) return { ...value, values: [...values.slice(0, 3), `<${values.length} rows, sha256 ${digest(values)}>`] };
    }
    return value;
  }) as { datasets?: Record<string, unknown> };
  for (const [name, value] of Object.entries(copy.datasets ?? {})) {
    const text = JSON.stringify(value);
    const geometries = (value as { objects?: Record<string, { geometries?: unknown[] }> }).objects?.countries?.geometries?.length ?? 0;
    copy.datasets![name] = `<topojson: ${geometries} geometries, ${text.length} characters, sha256 ${digest(value)}>`;
  }
  return copy;
}

/** Returns the page's outline: headings, figures with their captions, and table captions, in document order. */
function outline(html: string): string {
  const lines: string[] = [];
  const text = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  for (const m of html.matchAll(/<h([1-3])[^>]*>([\s\S]*?)<\/h\1>|<figure class="figure" id="([^"]+)">\s*<figcaption[^>]*>([\s\S]*?)<\/figcaption>|<caption>([\s\S]*?)<\/caption>/g)) {
    if (m[1]) lines.push(`${'  '.repeat(Number(m[1]) - 1)}h${m[1]} ${text(m[2] ?? '')}`);
    else if (m[3]) lines.push(`      [${m[3]}] ${text(m[4] ?? '')}`);
    else lines.push(`      (table) ${text(m[5] ?? '')}`);
  }
  return `${lines.join('\n')}\n`;
}

const file = (path: string) => {
  const found = built.files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path}`);
  return String(found.content);
};

describe('review goldens', () => {
  it('every figure spec', async () => {
    const specs = Object.fromEntries(built.figures.map((f) => [f.id, summariseDatasets(f.spec)]));
    await expect(`${JSON.stringify(specs, null, 2)}\n`).toMatchFileSnapshot('../golden/review/spec.json');
  });

  it('index.html outline', async () => {
    await expect(outline(file('index.html'))).toMatchFileSnapshot('../golden/review/index.outline.txt');
  });

  it('a state page outline', async () => {
    await expect(outline(file('states/ALB.html'))).toMatchFileSnapshot('../golden/review/state-ALB.outline.txt');
  });
});

describe('cross-references', () => {
  it('name a numbered figure or table as its caption does, "Figure 4.1", never "figure 4.1"', () => {
    // Was: the key findings' links read '(see figure 4.1)' beside captions and chapters' 'Figure 4.1'.
    for (const page of built.files.filter((f) => f.path.endsWith('.html'))) {
      const text = String(page.content).replace(/<script[\s\S]*?<\/script>|<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ');
      expect(text.match(/\b(figure|table) [0-9A-Z]+\.\d+/g) ?? [], page.path).toEqual([]);
    }
  });

  it('number every table outside a figure\'s data, Table A.1 onwards in the annex and Table ALB.1 on a state page', () => {
    // Was: the annex's seven definition tables captioned by area alone, its flags, warnings and sources tables with
    // no caption, and a state page's table unnumbered beside its Figure ALB.1.
    for (const page of built.files.filter((f) => f.path.endsWith('.html'))) {
      const html = String(page.content).replace(/<details class="figure-data"[\s\S]*?<\/details>/g, '');
      const tables = [...html.matchAll(/<table class="data[^"]*">\s*(<caption>\s*<span class="table-label">([^<]*)<\/span>)?/g)].map((m) => m[2] ?? 'no number');
      expect(tables.filter((label) => !/^Table [0-9A-Z]+\.\d+$/.test(label)), page.path).toEqual([]);
    }
    const index = file('index.html');
    const annex = index.slice(index.indexOf('id="annex'));
    expect([...annex.matchAll(/<span class="table-label">(Table A\.\d+)<\/span>/g)].map((m) => m[1])).toEqual(Array.from({ length: 10 }, (_, i) => `Table A.${i + 1}`));
  });
});
