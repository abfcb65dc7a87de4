/** Names for the SQLSTATEs a concurrent workload meets; the report groups errors by these. */
const LABELS: Readonly<Record<string, string>> = {
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '42501': 'rls_violation',
  '57014': 'statement_timeout',
  '55P03': 'lock_not_available',
  '53300': 'too_many_connections',
  '57P01': 'admin_shutdown',
  '57P03': 'cannot_connect_now',
  '08006': 'connection_failure',
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23514': 'check_violation',
};

export interface ClassifiedError {
  /** The SQLSTATE, or 'client' when the failure has none (connection lost before the server answered). */
  readonly sqlState: string;
  readonly label: string;
  readonly message: string;
}

/** The SQLSTATE of a pg error and its name; 42501 is how PostgreSQL reports a row refused by a policy. */
export function classifySqlError(error: unknown): ClassifiedError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined || !/^[0-9A-Z]{5}$/.test(code)) return { sqlState: 'client', label: 'client_error', message };
  return { sqlState: code, label: LABELS[code] ?? `sqlstate_${code}`, message };
}
