import type { BindingProblem, BoundTable } from './bound-table.js';
import { entityField } from '../mapping/entity-fields.js';

/**
 * Values an enum or a single-column CHECK admits, checked before anything is written: one value
 * outside the set would abort a COPY half way. Field values are known in full (the generator's
 * lists), constants are checked as they are; computed values are checked row by row as they are
 * encoded, before their chunk is sent.
 */
export function checkValueSets(tables: readonly BoundTable[]): BindingProblem[] {
  const problems: BindingProblem[] = [];
  for (const bound of tables) {
    for (const { column, source } of bound.columns) {
      const allowed = column.enumValues ?? column.allowedValues;
      if (!source || !allowed) continue;
      const admitted = new Set(allowed);
      const where = { table: bound.table.name, column: column.name };
      const kind = column.enumValues ? `enum ${column.type}` : 'its CHECK constraint';
      if (source.kind === 'constant') {
        if (!admitted.has(String(source.value))) problems.push({ ...where, message: `constant ${JSON.stringify(source.value)} is not a value of ${kind}`, fix: `use one of: ${allowed.join(', ')}` });
        continue;
      }
      if (source.kind !== 'field') continue;
      const field = entityField(bound.entity, source.field)!;
      // a declarative where narrows what reaches this table
      const passing = bound.whereValues?.[field.name];
      const reaching = field.values?.filter((value) => !passing || passing.has(value));
      if (source.values) {
        const unmapped = (reaching ?? []).filter((value) => !(value in source.values!));
        if (unmapped.length) problems.push({ ...where, message: `the value map of ${bound.entity}.${field.name} has no entry for ${unmapped.map((v) => `'${v}'`).join(', ')}`, fix: `map every value the field takes: ${(field.values ?? []).join(', ')}` });
        const outside = Object.entries(source.values).filter(([, to]) => to !== null && !admitted.has(String(to)));
        if (outside.length) problems.push({ ...where, message: `the value map writes ${outside.map(([from, to]) => `'${from}' -> ${JSON.stringify(to)}`).join(', ')}, not a value of ${kind}`, fix: `map onto: ${allowed.join(', ')}` });
        continue;
      }
      if (!field.values) {
        problems.push({ ...where, message: `${bound.entity}.${field.name} is free text but ${kind} admits only ${allowed.length} values`, fix: `bind { field: '${field.name}', values: {...} } or a { compute } that returns one of: ${allowed.join(', ')}` });
        continue;
      }
      const outside = reaching!.filter((value) => !admitted.has(value));
      if (outside.length) problems.push({ ...where, message: `${bound.entity}.${field.name} takes ${outside.map((v) => `'${v}'`).join(', ')}, not values of ${kind}`, fix: `add a value map: { field: '${field.name}', values: { ${outside.map((v) => `${v}: ...`).join(', ')} } }` });
    }
  }
  return problems;
}
