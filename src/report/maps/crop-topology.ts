/**
 * Cropping world-atlas TopoJSON to the region a map shows, so that each map spec carries tens of kilobytes rather
 * than the whole world.
 */

/** A longitude/latitude box: `[west, south, east, north]` in degrees. */
export type Frame = readonly [number, number, number, number];

/** One country outline of a quantized TopoJSON topology. */
export interface TopoGeometry {
  type: string;
  arcs?: unknown;
  id?: string | null;
  properties?: Record<string, string | null>;
}

/** A quantized, delta-encoded TopoJSON topology such as world-atlas ships. */
export interface Topology {
  type: 'Topology';
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { type: 'GeometryCollection'; geometries: TopoGeometry[] }>;
  bbox?: number[];
}

/** How many points to keep of a run lying outside the margin: enough that no chord can cross into the frame. */
const KEEP_EVERY = 8;
const MARGIN_DEGREES = 3;

/**
 * Returns a topology holding only the countries `keep` accepts (by default those with at least one point inside
 * `frame`), their arcs renumbered, and arcs thinned: where they lie well outside the frame (a map clipped to the
 * frame never shows those parts), and inside it wherever a point is closer than `minStep` degrees to the last one
 * kept (finer than the map can show). `label` gives each kept geometry its properties (e.g. the member state's ISO3
 * code) from its id and name.
 *
 * @example cropTopology(world, [17, 33, 52, 54], 'countries', (g) => ({ name: g.properties?.name ?? null }))
 */
export function cropTopology(
  topology: Topology,
  frame: Frame,
  object: string,
  label: (geometry: TopoGeometry) => Record<string, string | null>,
  minStep = 0,
  keep?: (geometry: TopoGeometry) => boolean,
): Topology {
  const points = topology.arcs.map((arc) => decodeArc(arc, topology.transform));
  const isInside = (p: [number, number], margin: number) =>
    p[0] >= frame[0] - margin && p[0] <= frame[2] + margin && p[1] >= frame[1] - margin && p[1] <= frame[3] + margin;
  const geometries = topology.objects[object]?.geometries ?? [];
  const kept = geometries.filter(keep ?? ((g) => arcIndexes(g.arcs).some((i) => (points[i] ?? []).some((p) => isInside(p, 0)))));
  const used = [...new Set(kept.flatMap((g) => arcIndexes(g.arcs)))].sort((a, b) => a - b);
  const renumber = new Map(used.map((old, index) => [old, index]));
  const arcs = used.map((old) => {
    const decoded = points[old] ?? [];
    let last: [number, number] | undefined;
    const thinned = decoded.filter((p, i) => {
      const isEnd = i === 0 || i === decoded.length - 1;
      const isNear = [decoded[i - 1], p, decoded[i + 1]].some((q) => q !== undefined && isInside(q, MARGIN_DEGREES));
      const isFar = last !== undefined && Math.hypot(p[0] - last[0], p[1] - last[1]) >= minStep;
      const keep = isEnd || (isNear ? last === undefined || isFar : i % KEEP_EVERY === 0);
      if (keep) last = p;
      return keep;
    });
    return encodeArc(thinned, topology.transform, decoded.length === 0 ? [0, 0] : undefined);
  });
  const remap = (value: unknown): unknown => {
    if (typeof value === 'number') return value < 0 ? ~(renumber.get(~value) ?? 0) : (renumber.get(value) ?? 0);
    return Array.isArray(value) ? value.map(remap) : value;
  };
  return {
    type: 'Topology',
    transform: topology.transform,
    arcs,
    objects: {
      [object]: {
        type: 'GeometryCollection',
        geometries: kept.map((g) => ({ type: g.type, arcs: remap(g.arcs), properties: label(g) })),
      },
    },
  };
}

function arcIndexes(arcs: unknown): number[] {
  const out: number[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'number') out.push(value < 0 ? ~value : value);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(arcs);
  return out;
}

function decodeArc(arc: readonly [number, number][], transform: Topology['transform']): [number, number][] {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * transform.scale[0] + transform.translate[0], y * transform.scale[1] + transform.translate[1]];
  });
}

function encodeArc(points: readonly [number, number][], transform: Topology['transform'], fallback?: [number, number]): [number, number][] {
  if (points.length === 0 && fallback) return [fallback];
  let px = 0;
  let py = 0;
  return points.map(([lon, lat]) => {
    const x = Math.round((lon - transform.translate[0]) / transform.scale[0]);
    const y = Math.round((lat - transform.translate[1]) / transform.scale[1]);
    const delta: [number, number] = [x - px, y - py];
    px = x;
    py = y;
    return delta;
  });
}
