import type { TopLevelSpec } from 'vega-lite';
import type { RegionMap } from '../maps/fit-region-map.js';
import { buildChartConfig, INK } from './chart-config.js';

/** One member state's value on a choropleth. */
export interface MapRow {
  iso3: string;
  name: string;
  rate: number | null;
  value: number | null;
}

export interface MapChartOptions {
  /** Legend title, e.g. "Victims per 100,000". */
  measure: string;
  /** Sequential colours, lightest first (one per class). */
  ramp: readonly string[];
  description: string;
}

/**
 * Returns a choropleth of `rows` over the regional map: neighbouring countries in light grey, members without a
 * figure outlined with a dashed line, members with one in quantile classes of the ramp, each labelled with its
 * ISO code.
 */
export function buildMapChart(map: RegionMap, rows: readonly MapRow[], options: MapChartOptions): TopLevelSpec {
  const atlas = { name: 'atlas', format: { type: 'topojson' as const, feature: 'countries' } };
  const lookup = { lookup: 'properties.iso3', from: { data: { values: rows.map((r) => ({ ...r })) }, key: 'iso3', fields: ['name', 'rate', 'value'] } };
  const labels = map.labels.map((l) => ({ ...l, hasData: rows.some((r) => r.iso3 === l.iso3 && r.rate !== null) }));
  const tooltip = [
    { field: 'name', type: 'nominal' as const, title: 'State' },
    { field: 'rate', type: 'quantitative' as const, title: options.measure, format: ',.2f' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: options.description,
    width: map.width,
    height: map.height,
    config: { ...buildChartConfig(), legend: { ...buildChartConfig().legend, orient: 'bottom', direction: 'horizontal', gradientLength: 280, titleOrient: 'top', titleAnchor: 'start' } },
    datasets: { atlas: map.topology as never },
    projection: map.projection,
    layer: [
      { data: atlas, mark: { type: 'geoshape', fill: INK.land, stroke: '#ffffff', strokeWidth: 0.6, clip: true } },
      {
        data: atlas,
        transform: [{ filter: 'datum.properties.iso3 != null' }, lookup, { filter: 'datum.rate == null' }],
        mark: { type: 'geoshape', fill: INK.noData, stroke: INK.rule, strokeWidth: 0.8, strokeDash: [3, 2], clip: true },
        encoding: { tooltip: [{ field: 'name', type: 'nominal', title: 'State' }] },
      },
      {
        data: atlas,
        transform: [{ filter: 'datum.properties.iso3 != null' }, lookup, { filter: 'datum.rate != null' }],
        mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 0.8, clip: true },
        encoding: {
          color: {
            field: 'rate', type: 'quantitative',
            scale: { type: 'quantile', range: [...options.ramp] },
            legend: { title: options.measure, format: ',.1f' },
          },
          tooltip,
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 9, fontWeight: 'bold', stroke: '#ffffff', strokeWidth: 2.5, strokeOpacity: 0.85 },
        encoding: { longitude: { field: 'longitude', type: 'quantitative' }, latitude: { field: 'latitude', type: 'quantitative' }, text: { field: 'iso3' } },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 9, fontWeight: 'bold' },
        encoding: {
          longitude: { field: 'longitude', type: 'quantitative' }, latitude: { field: 'latitude', type: 'quantitative' }, text: { field: 'iso3' },
          color: { condition: { test: 'datum.hasData', value: INK.text }, value: INK.muted },
        },
      },
    ],
  } as TopLevelSpec;
}
