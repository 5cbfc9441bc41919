import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Topology } from './crop-topology.js';

let cached: Topology | undefined;

/**
 * Returns world-atlas's Natural Earth 1:50m country outlines (TopoJSON), read from the installed package so the
 * report never fetches a map over the network.
 */
export function loadWorldAtlas(): Topology {
  if (cached) return cached;
  const path = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  cached = JSON.parse(readFileSync(path, 'utf8')) as Topology;
  return cached;
}
