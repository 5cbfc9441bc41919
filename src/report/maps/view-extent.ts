/**
 * What a fitted projection's view shows: the countries it draws, and the longitude/latitude box it spans. A conic
 * view is a rectangle on the page but not on the globe: its corners reach past the frame it was fitted to (on the
 * BSEC map, west to Germany and Austria), so the countries to keep are found by projecting, not from the frame.
 */
import type { Frame } from './crop-topology.js';

/** The d3 projection calls this module needs (Vega's `projection` gives d3-geo's projections). */
export interface ViewProjection {
  (point: [number, number]): [number, number] | null;
  invert(point: [number, number]): [number, number] | null;
  clipExtent(extent: [[number, number], [number, number]]): ViewProjection;
  stream(sink: GeoSink): GeoSink;
}

/** d3-geo's stream protocol: what a projection emits for a geometry. */
interface GeoSink {
  point(x: number, y: number): void;
  lineStart(): void;
  lineEnd(): void;
  polygonStart(): void;
  polygonEnd(): void;
  sphere?(): void;
}

type Ring = [number, number][];

/** How many points along each side of the view are inverted to find its longitude/latitude box. */
const EDGE_STEPS = 64;

/**
 * Returns whether `geometry` (a GeoJSON Polygon or MultiPolygon in degrees) shows in the `width` × `height` view of
 * `projection`: whether any of it is left after d3's clipping to the view, which also counts a country that covers
 * the whole view and a border whose straight stretch crosses a corner of it with no point inside.
 * `projection` is changed: its clip extent becomes the view.
 *
 * @example isInView(fitted, 560, 418, germany.geometry) // true: Germany fills the BSEC map's top-left corner
 */
export function isInView(projection: ViewProjection, width: number, height: number, geometry: { type: string; coordinates: unknown } | null): boolean {
  const polygons = geometry?.type === 'Polygon' ? [geometry.coordinates as Ring[]]
    : geometry?.type === 'MultiPolygon' ? (geometry.coordinates as Ring[][]) : [];
  let isDrawn = false;
  const sink: GeoSink = { point: () => { isDrawn = true; }, lineStart: () => {}, lineEnd: () => {}, polygonStart: () => {}, polygonEnd: () => {} };
  const stream = projection.clipExtent([[0, 0], [width, height]]).stream(sink);
  // the order d3.geoStream feeds a polygon in: each ring without its closing point, which repeats the first
  for (const rings of polygons) {
    stream.polygonStart();
    for (const ring of rings) {
      stream.lineStart();
      ring.slice(0, -1).forEach(([lon, lat]) => stream.point(lon, lat));
      stream.lineEnd();
    }
    stream.polygonEnd();
  }
  return isDrawn;
}

/**
 * Returns the longitude/latitude box of the `width` × `height` view of `projection`: the box of the view's border
 * carried back to the globe (for a conic view without the pole in it, the border holds every extreme).
 */
export function viewFrame(projection: ViewProjection, width: number, height: number): Frame {
  const border: [number, number][] = [];
  for (let i = 0; i <= EDGE_STEPS; i++) {
    const x = (width * i) / EDGE_STEPS;
    const y = (height * i) / EDGE_STEPS;
    border.push([x, 0], [x, height], [0, y], [width, y]);
  }
  const points = border.map((p) => projection.invert(p)).filter((p): p is [number, number] => p !== null);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
