/**
 * The world atlas's countries as GeoJSON features, and the planar point-in-polygon test the map tests use to ask
 * which country covers a longitude/latitude point.
 */
import * as vega from 'vega';
import type { Topology } from '../../../src/report/maps/crop-topology.js';

export type Point = [number, number];
export type Ring = Point[];
export interface Feature { id?: string; properties: Record<string, string | null>; geometry: { type: string; coordinates: unknown } | null }

/** Returns the topology's `countries` as GeoJSON features, read as Vega reads them. */
export const features = (topology: Topology): Feature[] =>
  vega.read(topology as never, { type: 'topojson', feature: 'countries' }) as unknown as Feature[];

/** Returns the feature's polygons, each a list of rings (the outer ring first, then its holes). */
export function polygons(feature: Feature | undefined): Ring[][] {
  const g = feature?.geometry;
  if (!g) return [];
  return g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [];
}

/** Returns whether the point lies inside the ring (even-odd ray casting, longitude and latitude taken as planar). */
export function isInRing(point: Point, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Returns whether the polygon's fill (its outer ring less its holes, even-odd) covers the point. */
export const fills = (rings: Ring[], point: Point): boolean => rings.filter((ring) => isInRing(point, ring)).length % 2 === 1;
