import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { ISSUE_CODES } from '../../src/validate/index.js';

describe('the README table of validation codes', () => {
  it('lists every code of ISSUE_CODES once, with its severity, and no other', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| (error|warning) \|/gm)].map((m) => ({ code: m[1], severity: m[2] }));
    const byCode = (a: { code?: string }, b: { code?: string }): number => (a.code ?? '').localeCompare(b.code ?? '');
    expect(rows.sort(byCode)).toEqual(ISSUE_CODES.map(({ code, severity }) => ({ code, severity })).sort(byCode));
  });
});
