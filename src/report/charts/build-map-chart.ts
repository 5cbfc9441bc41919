import type { TopLevelSpec } from 'vega-lite';
import type { RegionMap } from '../maps/fit-region-map.js';
import type { Topology } from '../maps/crop-topology.js';
import { formatRate } from '../format-number.js';
import { spokenText } from '../designation.js';
import { buildChartConfig, INK, lowerFirst, MAP_INK, memberTitle, type ChartMembers } from './chart-config.js';
import { buildQuantileClasses } from './build-quantile-classes.js';

/** One member state's value on a choropleth. */
export interface MapRow {
  iso3: string;
  name: string;
  rate: number | null;
  value: number | null;
  /**
   * Why a member without a rate has none, as its tooltip says it: "no data" (the default), "<5", "confidential",
   * "no population".
   */
  gap?: string;
}

export interface MapChartOptions {
  /** Legend title, e.g. "Victims per 100,000". */
  measure: string;
  /** Sequential colours, lightest first: one per quantile class. */
  ramp: readonly string[];
  description: string;
  /** What the tooltip calls a member (`memberNouns`). */
  members: ChartMembers;
}

/** A legend swatch for "no data": a square with the map's hatching (an SVG path in the unit square). */
const HATCHED_SQUARE = 'M-1,-1H1V1H-1Z M-1,0L0,-1 M-1,1L1,-1 M0,1L1,0';

/** The coastline's width in pixels: it covers the middle of the members' 0.8px white borders along the coast. */
const COAST_WIDTH = 0.7;
/** The `line` property of the atlas's one line geometry, the coastline, which no country layer draws. */
const COASTLINE = 'coast';

/**
 * Returns a choropleth of `rows` over the regional map: the sea pale blue, neighbouring countries grey, members
 * without a rate near-white and hatched (with a "no data" legend entry, "no rate shown" where one of them gave a count
 * below the threshold or a confidential figure, its tooltip saying which), members with one in quantile classes of the
 * ramp (the legend gives each class its bounds), each labelled with its ISO code; a thin dark blue-grey coastline
 * edges all land against the sea. A screen reader hears each member as its tooltip's sentence ("Ukraine, number per
 * 100,000: 0.29.", "Serbia, number per 100,000: no data."); the sea, the neighbouring countries, the hatching, the
 * coastline and the ISO codes, which repeat the members' names, are silent.
 */
export function buildMapChart(map: RegionMap, rows: readonly MapRow[], options: MapChartOptions): TopLevelSpec {
  const atlas = { name: 'atlas', format: { type: 'topojson' as const, feature: 'countries' } };
  const withRate = rows.filter((r) => r.rate !== null);
  const classes = buildQuantileClasses(withRate.map((r) => r.rate ?? 0), options.ramp.length);
  const classOf = new Map(withRate.map((r, i) => [r.iso3, classes.labels[classes.classOf[i] ?? 0] ?? null]));
  const used = [...new Set(classes.classOf)].sort((a, b) => a - b);
  // the tooltip prints a rate as the data table and the legend do (formatRate: 2.8, 0.71), never to two decimals
  const values = rows.map(({ gap, ...r }) => ({ ...r, printed: formatRate(r.rate), class: classOf.get(r.iso3) ?? null, status: r.rate === null ? (gap ?? 'no data') : null, spoken: spokenText(`${r.name}, ${lowerFirst(options.measure)}: ${r.rate === null ? (gap ?? 'no data') : formatRate(r.rate)}.`) }));
  // the hatching says "no data" where every member without a rate gave no figure; where one gave a count below the
  // threshold or a confidential figure, "no rate shown", each state's tooltip saying why
  const hatchLabel = rows.every((r) => r.rate !== null || (r.gap ?? 'no data') === 'no data') ? 'no data' : 'no rate shown';
  const lookup = { lookup: 'properties.iso3', from: { data: { values }, key: 'iso3', fields: ['name', 'rate', 'printed', 'value', 'class', 'status', 'spoken'] } };
  const labels = map.labels.map((l) => ({ ...l, hasData: rows.some((r) => r.iso3 === l.iso3 && r.rate !== null) }));
  const noData = labels.filter((l) => !l.hasData).map((l) => l.iso3);
  const hatching = noData.flatMap((iso3) => (map.hatching[iso3] ?? []).map(([x, y, x2, y2]) => ({ x, y, x2, y2 })));
  const pixels = (field: string) => ({ field, type: 'quantitative' as const, scale: null, axis: null });
  const tooltip = [
    { field: 'name', type: 'nominal' as const, title: memberTitle(options.members) },
    { field: 'printed', type: 'nominal' as const, title: options.measure },
  ];
  const base = buildChartConfig();
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: options.description,
    width: map.width,
    height: map.height,
    config: { ...base, legend: { ...base.legend, orient: 'bottom', direction: 'horizontal', titleOrient: 'top', titleAnchor: 'start', symbolType: 'square', symbolSize: 150, symbolStrokeWidth: 0, columnPadding: 14 } },
    datasets: { atlas: withCoastline(map.topology) as never },
    projection: map.projection,
    layer: [
      { data: { sphere: true }, mark: { type: 'geoshape', fill: MAP_INK.sea, stroke: null, clip: true, aria: false } },
      { data: atlas, transform: [{ filter: 'datum.properties.line == null' }], mark: { type: 'geoshape', fill: MAP_INK.land, stroke: MAP_INK.border, strokeWidth: 0.6, clip: true, aria: false } },
      ...(noData.length === 0 ? [] : [
        {
          data: atlas,
          transform: [{ filter: 'datum.properties.iso3 != null' }, lookup, { filter: 'datum.rate == null' }],
          mark: { type: 'geoshape', stroke: MAP_INK.border, strokeWidth: 0.8, clip: true, ariaRoleDescription: options.members.bareOne },
          encoding: {
            fill: {
              datum: hatchLabel, type: 'nominal', scale: { domain: [hatchLabel], range: [MAP_INK.noData] },
              legend: { title: '\u00a0', symbolType: HATCHED_SQUARE, symbolStrokeColor: MAP_INK.hatch, symbolStrokeWidth: 0.8 },
            },
            tooltip: [{ field: 'name', type: 'nominal', title: memberTitle(options.members) }, { field: 'status', type: 'nominal', title: options.measure }],
            description: { field: 'spoken', type: 'nominal' },
          },
        },
        {
          data: { values: hatching },
          mark: { type: 'rule', color: MAP_INK.hatch, strokeWidth: 0.7, clip: true, aria: false },
          encoding: { x: pixels('x'), y: pixels('y'), x2: { field: 'x2' }, y2: { field: 'y2' } },
        },
      ]),
      {
        data: atlas,
        transform: [{ filter: 'datum.properties.iso3 != null' }, lookup, { filter: 'datum.rate != null' }],
        mark: { type: 'geoshape', stroke: MAP_INK.border, strokeWidth: 0.8, clip: true, ariaRoleDescription: options.members.bareOne },
        encoding: {
          color: {
            field: 'class', type: 'ordinal',
            scale: { domain: used.map((i) => classes.labels[i] ?? ''), range: used.map((i) => options.ramp[i] ?? INK.text) },
            // outlined, so that the palest class's swatch (L* 93) is not lost on the white page
            legend: { title: options.measure, columns: used.length, labelLimit: 160, symbolStrokeColor: INK.rule, symbolStrokeWidth: 0.75 },
          },
          tooltip,
          description: { field: 'spoken', type: 'nominal' },
        },
      },
      // the coastline, over the members' white borders, so that printed in greyscale a coastal state in the palest
      // class (nearly the sea's grey) still has an edge against the sea
      {
        data: atlas,
        transform: [{ filter: `datum.properties.line === '${COASTLINE}'` }],
        mark: { type: 'geoshape', filled: false, stroke: MAP_INK.coast, strokeWidth: COAST_WIDTH, clip: true, aria: false },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 9, fontWeight: 'bold', stroke: '#ffffff', strokeWidth: 2.5, strokeOpacity: 0.85, aria: false },
        encoding: { longitude: { field: 'longitude', type: 'quantitative' }, latitude: { field: 'latitude', type: 'quantitative' }, text: { field: 'iso3' } },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 9, fontWeight: 'bold', aria: false },
        encoding: {
          longitude: { field: 'longitude', type: 'quantitative' }, latitude: { field: 'latitude', type: 'quantitative' }, text: { field: 'iso3' },
          color: { condition: { test: 'datum.hasData', value: INK.text }, value: INK.muted },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Returns `topology` with one more geometry in its countries: the coastline, a line of the arcs that bound a single
 * country (land against sea, or against a country the cropped atlas left out, which lies outside the view). It is the
 * mesh Vega's TopoJSON reader gives with the "exterior" filter, added as a geometry of the countries because
 * Vega-Lite reads a dataset in one format only: a mesh layer would need a second copy of the atlas in the spec.
 */
function withCoastline(topology: Topology): Topology {
  const countries = topology.objects.countries?.geometries ?? [];
  const uses = new Map<number, number>();
  // an arc is numbered i when drawn forwards, ~i (-i - 1) when drawn backwards
  const count = (arcs: unknown): void => {
    if (Array.isArray(arcs)) arcs.forEach(count);
    else if (typeof arcs === 'number') uses.set(arcs < 0 ? ~arcs : arcs, (uses.get(arcs < 0 ? ~arcs : arcs) ?? 0) + 1);
  };
  countries.forEach((g) => count(g.arcs));
  const coast = [...uses].filter(([, n]) => n === 1).map(([arc]) => arc).sort((a, b) => a - b).map((arc) => [arc]);
  const line = { type: 'MultiLineString', arcs: coast, properties: { name: null, iso3: null, line: COASTLINE } };
  return { ...topology, objects: { ...topology.objects, countries: { type: 'GeometryCollection', geometries: [...countries, line] } } };
}
