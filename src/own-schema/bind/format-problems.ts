import type { BindingProblem } from './bound-table.js';

/** Every problem, each with where it is and its fix, under one heading. */
export function formatProblems(heading: string, problems: readonly BindingProblem[]): string {
  const lines = problems.map((p) => `  ${p.table}${p.column ? `.${p.column}` : ''}: ${p.message}\n    fix: ${p.fix}`);
  return `${heading} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
