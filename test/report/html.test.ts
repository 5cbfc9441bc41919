import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { escapeHtml, html, joinHtml, trusted } from '../../src/report/html.js';
import { toScriptJson } from '../../src/report/json-script.js';

describe('html', () => {
  it('escapes interpolated text in element content and attributes', () => {
    const comment = '<script>alert(1)</script>';
    const name = '"><img src=x onerror=alert(1)>';
    expect(html`<p title="${name}">${comment}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('keeps nested templates and trusted markup, flattens lists and drops nothing-values', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>${trusted('<svg/>')}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul><svg/>');
    expect(joinHtml(['x<', html`<b>y</b>`], ', ').value).toBe('x&lt;, <b>y</b>');
  });

  it('refuses an unquoted attribute value', () => {
    expect(() => html`<a href=${'x onmouseover=alert(1)'}>`).toThrow(/unquoted attribute/);
  });

  test.prop([fc.string()])('escaped text never contains markup characters', (text) => {
    const out = escapeHtml(text);
    expect(out).not.toMatch(/[<>"']/);
    expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  });

  test.prop([fc.jsonValue()])('script JSON round-trips and cannot close its element', (value) => {
    const text = toScriptJson(value);
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
