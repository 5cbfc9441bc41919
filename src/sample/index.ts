export { generateSample, RECEIVED_MANIFEST } from './generate-sample.js';
export type { GenerateSampleOptions, GenerateSampleResult } from './generate-sample.js';
export { createRng, seedFrom } from './create-rng.js';
export type { Rng } from './create-rng.js';
export { RETURN_COLUMNS, quoteCsv } from './format-return.js';
export { SAMPLE_SEED, SAMPLE_YEARS } from './sample-scenario.js';
