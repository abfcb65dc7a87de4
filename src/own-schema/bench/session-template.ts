import { readFileSync } from 'node:fs';
import { UsageError } from '../../cli/errors.js';
import { bindNamedParams } from '../../bench/catalog/bind-named-params.js';
import type { BoundStatement } from '../../bench/catalog/query-spec.js';
import type { ApplySession } from '../../bench/measure/run-in-session.js';
import { splitSqlStatements } from './split-sql-statements.js';

/** The placeholders a session file may use: the drawn tenant, and the clinician or tenant administrator. */
export const SESSION_PARAMETERS = ['org_id', 'provider_id'] as const;

/** A session file, parsed: what the application runs at the start of each transaction. */
export interface SessionTemplate {
  readonly file: string;
  readonly statements: readonly BoundStatement[];
}

const TRANSACTION_CONTROL = /^(begin|start|commit|end|rollback|abort|savepoint|release|prepare\s+transaction)\b/i;

/** Every problem of a session file's text, each with the file and line, and its statements. */
export function parseSessionFile(file: string, text: string): { template: SessionTemplate; problems: string[] } {
  const problems: string[] = [];
  const statements: BoundStatement[] = [];
  for (const statement of splitSqlStatements(text)) {
    const keyword = TRANSACTION_CONTROL.exec(statement.text)?.[1];
    if (keyword) {
      problems.push(`${file}:${statement.line}: ${keyword.toUpperCase()} controls the transaction, which is the bench's: each transaction runs the session's statements after its BEGIN and is rolled back; leave transaction control out`);
    }
    const bound = bindNamedParams(statement.text);
    for (const name of bound.names) {
      if ((SESSION_PARAMETERS as readonly string[]).includes(name)) continue;
      const at = new RegExp(`(?<![\\w:]):${name}\\b`).exec(statement.text)?.index ?? 0;
      const line = statement.line + statement.text.slice(0, at).split('\n').length - 1;
      problems.push(`${file}:${line}: uses :${name}; a session file may use only :org_id (the drawn tenant) and :provider_id (the drawn clinician, or the tenant's administrator)`);
    }
    statements.push(bound);
  }
  if (statements.length === 0) {
    problems.push(`${file}: holds no SQL statement; write what your application runs at the start of each transaction, e.g. SET LOCAL ROLE app; SELECT set_config('app.tenant_id', :org_id, true);`);
  }
  return { template: { file, statements }, problems };
}

/** Reads and validates a --session file; every problem at once, as a usage error. */
export function loadSessionTemplate(file: string): SessionTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--session: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the SQL file your application runs at the start of each transaction, e.g. examples/supabase/session.sql`);
  }
  const { template, problems } = parseSessionFile(file, text);
  if (problems.length > 0) throw new UsageError(`invalid session file:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  return template;
}

/** Runs the session file's statements in order, :org_id and :provider_id bound to the target's (already converted) values. */
export function createSessionApplier(template: SessionTemplate): ApplySession {
  return async (client, target) => {
    const values: Record<string, string> = { org_id: target.orgId, provider_id: target.providerId };
    for (const statement of template.statements) await client.query(statement.text, statement.names.map((name) => values[name]));
  };
}
