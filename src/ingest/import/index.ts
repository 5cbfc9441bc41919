export { importFile } from './import-file.js';
export type { ImportRequest } from './import-file.js';
export { checkImportMappings } from './check-mappings.js';
export type { ImportReport, ImportSource, RowStatus } from './types.js';
