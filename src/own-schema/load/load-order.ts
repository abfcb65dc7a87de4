import type { BindingProblem, BoundTable } from '../bind/bound-table.js';

/**
 * The order a chunk's tables are copied in, parents before children, so every foreign key finds
 * its row already written in the same transaction (or an earlier, committed one). A cycle of
 * foreign keys that PostgreSQL checks row by row cannot be loaded in any order: it is a problem,
 * unless a key in it is DEFERRABLE (checked at commit, after every table of the chunk is in).
 */
export function loadOrder(tables: readonly BoundTable[]): { order: string[]; problems: BindingProblem[] } {
  const mapped = new Set(tables.map((bound) => bound.table.name));
  const parents = new Map<string, Set<string>>();
  for (const bound of tables) {
    const schema = bound.table.schema;
    const edges = bound.table.foreignKeys.filter((fk) => fk.refSchema === schema && mapped.has(fk.refTable) && fk.refTable !== bound.table.name && !fk.deferrable);
    parents.set(bound.table.name, new Set(edges.map((fk) => fk.refTable)));
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: BindingProblem[] = [];
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      problems.push({
        table: name,
        message: `foreign keys form a cycle checked row by row: ${cycle.join(' -> ')}`,
        fix: 'make one key of the cycle DEFERRABLE (it is then checked at commit), or leave one of these tables out of the mapping',
      });
      return;
    }
    state.set(name, 'visiting');
    for (const parent of [...parents.get(name)!].sort()) visit(parent, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  // mapping order breaks ties, so the order is stable and readable
  for (const bound of tables) visit(bound.table.name, []);
  return { order, problems: problems.slice(0, 1) };
}
