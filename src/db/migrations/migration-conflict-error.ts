import { UsageError } from '../../cli/errors.js';
import type { Conflict } from './find-conflicts.js';

function line(conflict: Conflict): string {
  const { planned } = conflict;
  const wanted = planned.kind === 'role' ? `role ${planned.name}` : `${planned.label} ${planned.schema}.${planned.name}`;
  const why = planned.kind === 'role' && planned.reused ? ', which must be bound by row-level security' : '';
  return `  ${conflict.existing}: ${planned.migration} creates ${wanted}${why}`;
}

/**
 * Pending migrations would collide with objects already in the database. Raised before anything
 * is created, so the database is exactly as it was. Exit code 2: the fix is the user's choice.
 */
export class MigrationConflictError extends UsageError {
  constructor(readonly conflicts: readonly Conflict[]) {
    const foreign = conflicts.filter((conflict) => !conflict.onMedseedTable);
    const leftovers = conflicts.filter((conflict) => conflict.onMedseedTable);
    const parts = [`this database already has ${conflicts.length} object(s) that medseed's migrations would create; nothing was changed.`];
    if (foreign.length > 0) {
      parts.push(
        ...foreign.map(line),
        'medseed never drops or renames what it did not create. Use another database (or omit --db for the ' +
          'embedded server), or drop or rename these objects yourself, then run the command again.',
      );
    }
    if (leftovers.length > 0) {
      parts.push(
        'On tables medseed created, probably left by an interrupted index build:',
        ...leftovers.map(line),
        'Run "medseed seed --reset" to rebuild them.',
      );
    }
    super(parts.join('\n'));
  }
}
