// The public surface a mapping file imports: `import { defineMapping, table } from 'medseed/mapping'`.
export { defineMapping, table } from './define-mapping.js';
export type { ColumnBinding, Mapping, MappedValue, TableMapping } from './define-mapping.js';
export type { EntityName, EntityRow } from './entities.js';
