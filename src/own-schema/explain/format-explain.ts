import type { BoundColumn, BoundTable } from '../bind/bound-table.js';
import { firesOnInsert } from '../catalog/fires-on-insert.js';

/** One line per column: name, type and nullability, then where its value comes from and why. */
function describeColumn(bound: BoundColumn, width: number, typeWidth: number): string {
  const { column, source } = bound;
  const type = `${column.type}${column.notNull ? ' NOT NULL' : ''}`;
  const from = !source
    ? `database: ${bound.why}`
    : source.kind === 'field'
      ? `<- ${bound.why}${source.values ? ' through a value map' : ''}${source.conversion === 'id-bigint' ? ' (id as a 60-bit bigint)' : source.conversion === 'drop-utc' ? ' (UTC wall time)' : source.conversion === 'utc-date' ? ' (UTC date)' : ''}`
      : source.kind === 'constant'
        ? `<- constant ${JSON.stringify(source.value)}`
        : '<- computed by the mapping from the row';
  return `  ${column.name.padEnd(width)}  ${type.padEnd(typeWidth)}  ${from}`;
}

/** `medseed mapping explain`: every mapped table and column, where its value comes from and why; then what is left alone. */
export function formatExplain(file: string, schema: string, tables: readonly BoundTable[], order: readonly string[], untouched: readonly string[]): string {
  const out = [`Mapping ${file} onto schema ${schema}: ${tables.length} table${tables.length === 1 ? '' : 's'}, loaded in this order: ${order.join(', ')}.`, ''];
  for (const name of order) {
    const bound = tables.find((t) => t.table.name === name)!;
    const width = Math.max(...bound.columns.map((c) => c.column.name.length));
    const typeWidth = Math.max(...bound.columns.map((c) => c.column.type.length + (c.column.notNull ? 9 : 0)));
    out.push(`${name} <- ${bound.entity}${bound.where ? ' (rows the mapping\'s where keeps)' : ''}`);
    for (const column of bound.columns) out.push(describeColumn(column, width, typeWidth));
    const triggers = bound.table.triggers.filter(firesOnInsert).map((t) => t.name);
    if (triggers.length) out.push(`  triggers that fire on load (--triggers keep): ${triggers.join(', ')}`);
    out.push('');
  }
  out.push(untouched.length ? `Left untouched (not in the mapping): ${untouched.join(', ')}` : 'Every table of the schema is mapped.');
  return `${out.join('\n')}\n`;
}
