import * as vega from 'vega';
import { cropTopology, type Frame, type TopoGeometry, type Topology } from './crop-topology.js';
import { hatchLines, type HatchSegment } from './hatch-lines.js';
import { reassignTerritory, UN_PRACTICE } from './reassign-territory.js';
import { isInView, viewFrame, type ViewProjection } from './view-extent.js';

/** Everything a regional map spec needs, computed once per review. */
export interface RegionMap {
  topology: Topology;
  /** Vega-Lite projection with explicit scale and translate (fitted here rather than in the browser). */
  projection: { type: 'conicEqualArea'; rotate: [number, number]; parallels: [number, number]; scale: number; translate: [number, number] };
  width: number;
  height: number;
  /** Where each member's label goes. */
  labels: { iso3: string; longitude: number; latitude: number }[];
  /** Members the atlas has no outline for. */
  missing: string[];
  /** Members shown only in part (wider than the frame). */
  partial: string[];
  /** Hatch strokes (pixels) covering each member's shape within the frame, for drawing a member without data. */
  hatching: Record<string, HatchSegment[]>;
}

interface Member {
  iso3: string;
  numeric: string;
  name: string;
}

type Ring = [number, number][];
interface Feature {
  properties: { iso3: string | null; name: string | null };
  geometry: { type: string; coordinates: unknown } | null;
}

/** Natural Earth (world-atlas) has Kosovo without an ISO numeric code: it is matched by name. */
const NAME_MATCHES: Record<string, string> = { XKX: 'Kosovo' };
const WIDE_DEGREES = 40;
const MARGIN = 1.5;
const MAX_HEIGHT = 460;

/**
 * Returns the regional map for `members`: a conic equal-area projection fitted to `width` and a frame around the
 * members (a member wider than 40° of longitude, the Russian Federation, does not stretch the frame and is shown in
 * part), the world-atlas topology cropped to every country that view shows, and a label point per member. Territory
 * is drawn following UN practice ({@link UN_PRACTICE}: Crimea as part of Ukraine), not Natural Earth's lines of
 * control.
 */
export function fitRegionMap(atlas: Topology, members: readonly Member[], width = 560): RegionMap {
  const world = reassignTerritory(atlas, 'countries', UN_PRACTICE);
  const byNumeric = new Map(members.filter((m) => m.numeric !== '').map((m) => [m.numeric, m.iso3]));
  const byName = new Map(members.flatMap((m) => (NAME_MATCHES[m.iso3] ? [[NAME_MATCHES[m.iso3] ?? '', m.iso3] as const] : [])));
  const identify = (g: TopoGeometry): string | null =>
    (g.id ? byNumeric.get(g.id) : undefined) ?? byName.get(g.properties?.name ?? '') ?? null;
  const all = readFeatures(world, identify);
  const memberFeatures = all.filter((f) => f.properties.iso3 !== null);
  const found = new Set(memberFeatures.map((f) => f.properties.iso3));
  const bounds = memberFeatures.map((f) => ({ iso3: f.properties.iso3 ?? '', box: boxOf(ringsOf(f.geometry).flat()) }));
  const partial = bounds.filter((b) => b.box[2] - b.box[0] > WIDE_DEGREES).map((b) => b.iso3);
  const core = bounds.filter((b) => !partial.includes(b.iso3));
  const frame: Frame = core.length === 0 ? [12, 33, 52, 56] : [
    Math.min(...core.map((b) => b.box[0])) - MARGIN, Math.min(...core.map((b) => b.box[1])) - MARGIN,
    Math.max(...core.map((b) => b.box[2])) + MARGIN, Math.max(...core.map((b) => b.box[3])) + MARGIN,
  ];
  const centre = round((frame[0] + frame[2]) / 2, 1);
  const parallels: [number, number] = [round(frame[1] + (frame[3] - frame[1]) / 6, 1), round(frame[3] - (frame[3] - frame[1]) / 6, 1)];
  const make = (vega.projection as unknown as (type: string) => () => D3Projection)('conicEqualArea');
  const corners = { type: 'MultiPoint', coordinates: edgePoints(frame) };
  const probe = make().rotate([-centre, 0]).parallels(parallels).fitWidth(width, corners);
  const [[x0, y0], [x1, y1]] = pathBounds(probe, edgePoints(frame));
  const aspect = (y1 - y0) / (x1 - x0);
  // A tall region (the Western Balkans) would make a very tall map: keep the height within MAX_HEIGHT.
  width = aspect * width > MAX_HEIGHT ? Math.round(MAX_HEIGHT / aspect) : width;
  const height = Math.round(aspect * width);
  const fitted = make().rotate([-centre, 0]).parallels(parallels).fitSize([width, height], corners);
  const inFrame = (p: [number, number]) => p[0] >= 0 && p[0] <= width && p[1] >= 0 && p[1] <= height;
  const labels = memberFeatures
    .map((f) => ({ iso3: f.properties.iso3 ?? '', point: labelPoint(ringsOf(f.geometry), fitted, inFrame) }))
    .filter((l): l is { iso3: string; point: [number, number] } => l.point !== null)
    .map((l) => ({ iso3: l.iso3, longitude: round(l.point[0], 3), latitude: round(l.point[1], 3) }))
    .sort((a, b) => a.iso3.localeCompare(b.iso3, 'en'));
  const hatching = Object.fromEntries(
    [...memberFeatures]
      .sort((a, b) => (a.properties.iso3 ?? '').localeCompare(b.properties.iso3 ?? '', 'en'))
      .map((f) => [f.properties.iso3 ?? '', hatchLines(allRingsOf(f.geometry).map((ring) => ring.map((p) => fitted(p) ?? [0, 0])), width, height)]),
  );
  const projection: RegionMap['projection'] = { type: 'conicEqualArea', rotate: [-centre, 0], parallels, scale: round(fitted.scale(), 3), translate: [round(fitted.translate()[0], 3), round(fitted.translate()[1], 3)] };
  // The countries kept are those the view draws, not those reaching into the frame: the conic view's corners show
  // more than the frame (Germany, Austria and Slovenia on the BSEC map), and a country left out there was sea.
  const view = make().rotate(projection.rotate).parallels(parallels).scale(projection.scale).translate(projection.translate);
  const geometries = world.objects.countries?.geometries ?? [];
  // readFeatures gives one feature per geometry, in the atlas's order
  const shown = new Set(geometries.filter((_, i) => isInView(view, width, height, all[i]?.geometry ?? null)));
  const degreesPerPixel = (frame[2] - frame[0]) / width;
  const label = (g: TopoGeometry) => ({ name: g.properties?.name ?? null, iso3: identify(g) });
  const topology = cropTopology(world, viewFrame(view, width, height), 'countries', label, degreesPerPixel * 0.75, (g) => shown.has(g));
  return {
    topology,
    projection,
    width,
    height,
    labels,
    missing: members.filter((m) => !found.has(m.iso3)).map((m) => m.iso3),
    partial,
    hatching,
  };
}

interface D3Projection extends ViewProjection {
  rotate(value: [number, number]): D3Projection;
  parallels(value: [number, number]): D3Projection;
  fitWidth(width: number, object: unknown): D3Projection;
  fitSize(size: [number, number], object: unknown): D3Projection;
  scale(): number;
  scale(value: number): D3Projection;
  translate(): [number, number];
  translate(value: [number, number]): D3Projection;
}

function readFeatures(world: Topology, identify: (g: TopoGeometry) => string | null): Feature[] {
  const labelled: Topology = {
    ...world,
    objects: { countries: { type: 'GeometryCollection', geometries: (world.objects.countries?.geometries ?? []).map((g) => ({ ...g, properties: { name: g.properties?.name ?? null, iso3: identify(g) } })) } },
  };
  return vega.read(labelled as never, { type: 'topojson', feature: 'countries' }) as unknown as Feature[];
}

function ringsOf(geometry: Feature['geometry']): Ring[] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [(geometry.coordinates as Ring[])[0] ?? []];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Ring[][]).map((polygon) => polygon[0] ?? []);
  return [];
}

/** Every ring of the geometry, holes included (hatching leaves the holes out). */
function allRingsOf(geometry: Feature['geometry']): Ring[] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates as Ring[];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Ring[][]).flat();
  return [];
}

function boxOf(points: readonly [number, number][]): Frame {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function edgePoints(frame: Frame): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= 10; i++) {
    const lon = frame[0] + ((frame[2] - frame[0]) * i) / 10;
    const lat = frame[1] + ((frame[3] - frame[1]) * i) / 10;
    out.push([lon, frame[1]], [lon, frame[3]], [frame[0], lat], [frame[2], lat]);
  }
  return out;
}

function pathBounds(projection: D3Projection, points: readonly [number, number][]): [[number, number], [number, number]] {
  const projected = points.map((p) => projection(p)).filter((p): p is [number, number] => p !== null);
  const box = boxOf(projected);
  return [[box[0], box[1]], [box[2], box[3]]];
}

/** The planar centroid of the member's largest outline, or (when that lies outside the frame) of its points inside. */
function labelPoint(rings: Ring[], projection: D3Projection, inFrame: (p: [number, number]) => boolean): [number, number] | null {
  const projectedRings = rings.map((ring) => ring.map((p) => projection(p)).filter((p): p is [number, number] => p !== null));
  const largest = projectedRings.map((ring) => ({ ring, ...shoelace(ring) })).sort((a, b) => b.area - a.area)[0];
  if (!largest) return null;
  let centre: [number, number] | null = largest.centroid;
  if (!centre || !inFrame(centre)) {
    const inside = largest.ring.filter(inFrame);
    if (inside.length === 0) return null;
    centre = [inside.reduce((s, p) => s + p[0], 0) / inside.length, inside.reduce((s, p) => s + p[1], 0) / inside.length];
  }
  return projection.invert(centre);
}

function shoelace(ring: readonly [number, number][]): { area: number; centroid: [number, number] | null } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i] ?? [0, 0];
    const [x1, y1] = ring[(i + 1) % ring.length] ?? [0, 0];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (area === 0) return { area: 0, centroid: null };
  return { area: Math.abs(area / 2), centroid: [cx / (3 * area), cy / (3 * area)] };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
