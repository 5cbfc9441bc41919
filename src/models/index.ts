export { buildMarts } from './build-marts.js';
export type { BuildOptions, BuildResult } from './build-marts.js';
export { discoverModels, LAYERS } from './discover-models.js';
export type { Layer, Model, ModelKind } from './discover-models.js';
export { orderModels } from './order-models.js';
export { runModels } from './run-models.js';
export type { ModelResult } from './run-models.js';
export { checkMart } from './check-mart.js';
export { writeBuildSetting, STABLE_SLOPE_PCT, TREND_ALPHA } from './write-build-setting.js';
