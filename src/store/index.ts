export { openStore } from './open-store.js';
export type { Store, Row, SqlParams, SqlValue, Table, OpenStoreOptions } from './open-store.js';
export { quoteIdent, quoteLiteral } from './quote.js';
export { migrate, latestSchemaVersion } from './migrate.js';
export { openWarehouse } from './open-warehouse.js';
export type { OpenWarehouseOptions } from './open-warehouse.js';
export { writeReference } from './write-reference.js';
export { attachReadOnly } from './attach.js';
