import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A file of the written review: its path inside the report folder and its content. */
export interface ReviewFile {
  path: string;
  content: string | Uint8Array;
}

const VENDOR = [
  { pkg: 'vega', file: 'build/vega.min.js', as: 'vega.min.js' },
  { pkg: 'vega-lite', file: 'build/vega-lite.min.js', as: 'vega-lite.min.js' },
  { pkg: 'vega-embed', file: 'build/vega-embed.min.js', as: 'vega-embed.min.js' },
] as const;

/**
 * Returns the static files every review carries: the stylesheet and page script from `src/report/assets/`, and
 * vega, vega-lite and vega-embed copied from the installed packages with their licences (source-map comments
 * dropped, since the maps are not copied and a browser would otherwise look for them).
 */
export function readAssets(root: string): ReviewFile[] {
  const require = createRequire(join(root, 'package.json'));
  const files: ReviewFile[] = [
    { path: 'assets/review.css', content: readFileSync(join(root, 'src/report/assets/review.css'), 'utf8') },
    { path: 'assets/review.js', content: readFileSync(join(root, 'src/report/assets/review.js'), 'utf8') },
  ];
  for (const v of VENDOR) {
    const dir = packageDir(require.resolve(v.pkg), v.pkg);
    const script = readFileSync(join(dir, v.file), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    files.push({ path: `assets/vendor/${v.as}`, content: script });
    files.push({ path: `assets/vendor/${v.pkg}-${version}.LICENSE.txt`, content: readFileSync(join(dir, 'LICENSE'), 'utf8') });
  }
  return files;
}

function packageDir(entry: string, name: string): string {
  let dir = dirname(entry);
  while (dir !== dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === name) return dir;
    } catch {
      // no package.json here: keep climbing
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the ${name} package folder above ${entry}`);
}
