import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildReview, type BuiltReview } from '../../src/report/build-review.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { buildSampleModel } from './helpers/sample-model.js';

// A screen reader lists a page's tables by name. Every figure's data table, in the "Description and data" disclosure,
// had none (no caption, no label), so the review's list read "table" forty times over; each is now named by its
// figure's caption, "Figure 4.2 …", as the chart is.

let built: BuiltReview;

beforeAll(async () => {
  built = await buildReview(buildSampleModel(await loadTestReference()), PROJECT_ROOT);
}, 120_000);

const page = (path: string) => String(built.files.find((f) => f.path === path)?.content ?? '');
const text = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
/** Each data table's accessible name: its caption's text, or the text of the element its aria-labelledby names. */
function tableNames(html: string): string[] {
  return [...html.matchAll(/<table class="data"([^>]*)>(<caption>([\s\S]*?)<\/caption>)?/g)].map((m) => {
    if (m[3] !== undefined) return text(m[3]);
    const id = /aria-labelledby="([^"]+)"/.exec(m[1] ?? '')?.[1];
    if (!id) return '';
    return text(new RegExp(`<([a-z]+) id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html)?.[2] ?? '');
  });
}

describe('every data table has a name', () => {
  it('names each figure\u2019s table by the figure\u2019s number and title, on the review\u2019s page and a state\u2019s', () => {
    const names = tableNames(page('index.html'));
    expect(names.filter((n) => n === '')).toEqual([]);
    const figure = built.figures.find((f) => f.id === 'fig-4-2')!;
    expect(names).toContain(`Figure 4.2 ${figure.title}`);
    expect(figure.title).toMatch(/rates per 100,000 population by state, \d{4}$/);
    const state = tableNames(page('states/ALB.html'));
    expect(state.filter((n) => n === '')).toEqual([]);
    expect(state).toContain(`Figure ALB.1 ${built.figures.find((f) => f.id === 'fig-alb-1')!.title}`);
  });

  it('gives every figure\u2019s table its own figure\u2019s name, none another\u2019s', () => {
    const html = page('index.html');
    const labelled = [...html.matchAll(/<figure class="figure" id="([^"]+)">[\s\S]*?<table class="data" aria-labelledby="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    expect(labelled.length).toBe(built.figures.filter((f) => !f.id.match(/^fig-[a-z]{3}-1$/)).length);
    expect(labelled.filter(([id, by]) => by !== `${id}-title`)).toEqual([]);
  });
});
