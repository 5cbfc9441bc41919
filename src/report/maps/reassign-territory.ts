/**
 * Drawing territory as the United Nations does where Natural Earth (and so world-atlas) draws the line of de facto
 * control: the polygon is moved from one country's geometry into another's and merged with it along their shared
 * border, so that it takes the receiving country's fill and no line is drawn between them.
 */
import type { Frame, TopoGeometry, Topology } from './crop-topology.js';

/** A polygon to move: every polygon of country `from` lying wholly inside `box` goes to country `to` (ISO numeric ids). */
export interface Reassignment {
  name: string;
  from: string;
  to: string;
  box: Frame;
}

/**
 * The reassignments the review's maps make, following UN practice (as UNODC and Eurostat maps do). Crimea, with
 * Sevastopol, is part of Ukraine (UN General Assembly resolution 68/262); Natural Earth puts it in the Russian
 * Federation.
 */
export const UN_PRACTICE: readonly Reassignment[] = [{ name: 'Crimea', from: '643', to: '804', box: [32.3, 44.2, 36.8, 46.4] }];

type Ring = number[];
type Polygon = Ring[];

/**
 * Returns `topology` with each reassignment applied to the geometries of `object`: the matching polygons removed
 * from `from` and merged into the polygon of `to` they share arcs with (or added to `to` as a polygon of its own
 * where they share none). A reassignment whose countries or polygons the topology lacks changes nothing.
 *
 * @example reassignTerritory(world, 'countries', UN_PRACTICE) // Crimea drawn as part of Ukraine
 */
export function reassignTerritory(topology: Topology, object: string, reassignments: readonly Reassignment[]): Topology {
  const collection = topology.objects[object];
  if (!collection) return topology;
  let geometries = collection.geometries;
  for (const rule of reassignments) {
    const from = geometries.find((g) => g.id === rule.from);
    const to = geometries.find((g) => g.id === rule.to);
    if (!from || !to) continue;
    const isMoved = (polygon: Polygon) => ringPoints(topology, polygon[0] ?? []).every((p) => isIn(p, rule.box));
    const moved = polygonsOf(from).filter(isMoved);
    if (moved.length === 0) continue;
    let receiving = polygonsOf(to);
    for (const polygon of moved) receiving = mergeInto(topology, receiving, polygon);
    const kept = polygonsOf(from).filter((p) => !isMoved(p));
    geometries = geometries.map((g) => (g === from ? withPolygons(g, kept) : g === to ? withPolygons(g, receiving) : g));
  }
  return { ...topology, objects: { ...topology.objects, [object]: { ...collection, geometries } } };
}

function polygonsOf(geometry: TopoGeometry): Polygon[] {
  if (geometry.type === 'Polygon') return [geometry.arcs as Polygon];
  if (geometry.type === 'MultiPolygon') return geometry.arcs as Polygon[];
  return [];
}

function withPolygons(geometry: TopoGeometry, polygons: Polygon[]): TopoGeometry {
  if (polygons.length === 0) return { ...geometry, type: null as unknown as string, arcs: undefined };
  return polygons.length === 1 ? { ...geometry, type: 'Polygon', arcs: polygons[0] } : { ...geometry, type: 'MultiPolygon', arcs: polygons };
}

/** Merges `polygon` into the first of `polygons` whose outer ring shares an arc with its own; else appends it. */
function mergeInto(topology: Topology, polygons: Polygon[], polygon: Polygon): Polygon[] {
  const outer = polygon[0] ?? [];
  const arcsOf = new Set(outer.map(indexOf));
  const target = polygons.findIndex((p) => (p[0] ?? []).some((a) => arcsOf.has(indexOf(a))));
  if (target === -1) return [...polygons, polygon];
  const host = polygons[target] ?? [];
  // Arcs both outer rings use (in opposite directions) are the border between them: drop them, then re-link the rest.
  const shared = new Set((host[0] ?? []).map(indexOf).filter((i) => arcsOf.has(i)));
  const rest = [...(host[0] ?? []), ...outer].filter((a) => !shared.has(indexOf(a)));
  const rings = stitch(topology, rest).sort((a, b) => area(topology, b) - area(topology, a));
  const merged: Polygon = [...rings, ...host.slice(1), ...polygon.slice(1)];
  return polygons.map((p, i) => (i === target ? merged : p));
}

const indexOf = (arc: number) => (arc < 0 ? ~arc : arc);

/** Links arcs end to start into closed rings, in the order they are given. */
function stitch(topology: Topology, arcs: readonly number[]): Ring[] {
  const key = (p: [number, number]) => `${p[0]},${p[1]}`;
  const ends = (arc: number): [[number, number], [number, number]] => {
    const [start, end] = quantizedEnds(topology, indexOf(arc));
    return arc < 0 ? [end, start] : [start, end];
  };
  const unused = [...arcs];
  const rings: Ring[] = [];
  while (unused.length > 0) {
    const first = unused.shift() as number;
    const ring = [first];
    const [start] = ends(first);
    let [, end] = ends(first);
    while (key(end) !== key(start)) {
      const next = unused.findIndex((a) => key(ends(a)[0]) === key(end));
      if (next === -1) break;
      const [arc] = unused.splice(next, 1) as [number];
      ring.push(arc);
      end = ends(arc)[1];
    }
    rings.push(ring);
  }
  return rings;
}

function quantizedEnds(topology: Topology, index: number): [[number, number], [number, number]] {
  const arc = topology.arcs[index] ?? [];
  const start = arc[0] ?? [0, 0];
  const end = arc.reduce<[number, number]>((p, d) => [p[0] + d[0], p[1] + d[1]], [0, 0]);
  return [[start[0], start[1]], end];
}

function ringPoints(topology: Topology, ring: Ring): [number, number][] {
  return ring.flatMap((arc) => {
    const points = decode(topology, indexOf(arc));
    return arc < 0 ? points.reverse() : points;
  });
}

function decode(topology: Topology, index: number): [number, number][] {
  const { scale, translate } = topology.transform;
  let x = 0;
  let y = 0;
  return (topology.arcs[index] ?? []).map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
  });
}

/** The unsigned planar area of a ring in degrees² (enough to tell the outer ring from enclosed ones). */
function area(topology: Topology, ring: Ring): number {
  const points = ringPoints(topology, ring);
  let sum = 0;
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length] ?? p;
    sum += p[0] * q[1] - q[0] * p[1];
  });
  return Math.abs(sum / 2);
}

const isIn = (p: [number, number], box: Frame) => p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3];
