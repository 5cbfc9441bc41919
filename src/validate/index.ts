export { createSession } from './create-session.js';
export type { ValidationSession } from './create-session.js';
export { validateFile, readIssues, countIssues, dropValidation } from './validate-file.js';
export { readShownIssues } from './read-shown-issues.js';
export type { FileValidation, ValidateFileOptions } from './validate-file.js';
export { ISSUE_CODES, severityOf } from './issue-codes.js';
export { namesReturnColumns } from './map-header.js';
export type { IssueCode } from './issue-codes.js';
