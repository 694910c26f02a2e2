import path from 'node:path';

/** The repository root, so entries in the shared definitions resolve wherever a tool runs from. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
