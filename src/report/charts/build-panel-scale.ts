/** The name of the top-level parameter that holds each panel's y domain. */
const PARAM = 'panelDomains';

/** A y scale for small multiples (a facet on the field `panel`, each panel with its own scale) that sets each panel's domain. */
export interface PanelScale {
  /** The spec's parameters: each panel's domain by its name, null for a panel with no value. */
  params: { name: string; value: Record<string, [number, number] | null> }[];
  /** The y encoding's scale: the domain of the panel it is drawn in (`parent` is the facet's cell). */
  scale: { domain: { expr: string }; zero: true; nice: true };
  /** The y axis's tick values: the scale's own, or none in a panel with no value (an empty panel has no "0"). */
  values: { expr: string };
}

/**
 * Returns each panel's y domain, from 0 (or the panel's lowest value, if below) to its highest value, for a facet of
 * `panels` whose y scales are independent, with the axis values that leave a panel with no value unlabelled.
 *
 * The domain is given rather than taken from the data: Vega takes a data domain from the extent of every layer in
 * every panel, and a layer with no row in a panel (an empty panel, a panel of one year with no line, a median with no
 * lone year) logged "Infinite extent for field …" in the console of the published page.
 *
 * @example buildPanelScale([{ panel: 'A', value: 12 }, { panel: 'B', value: null }], ['A', 'B']).params[0].value
 *   // { A: [0, 12], B: null }
 */
export function buildPanelScale(rows: readonly { panel: string; value: number | null }[], panels: readonly string[]): PanelScale {
  const domains = Object.fromEntries(panels.map((panel) => {
    const values = rows.filter((r) => r.panel === panel && r.value !== null && Number.isFinite(r.value)).map((r) => r.value as number);
    return [panel, values.length === 0 ? null : [Math.min(0, ...values), Math.max(0, ...values)] as [number, number]];
  }));
  return {
    params: [{ name: PARAM, value: domains }],
    scale: { domain: { expr: `${PARAM}[parent.panel] || [0, 0]` }, zero: true, nice: true },
    values: { expr: `${PARAM}[parent.panel] ? null : []` },
  };
}
