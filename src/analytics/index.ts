export { chainIndex } from './chain-index.js';
export type { ChangeRow, IndexRow } from './chain-index.js';
export { shareWithin } from './share-within.js';
export { topCorridors } from './top-corridors.js';
export type { Corridor, FlowInput } from './top-corridors.js';
export { lumpOrigins, OTHER_ORIGIN } from './lump-origins.js';
