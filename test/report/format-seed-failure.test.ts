import { describe, expect, it } from 'vitest';
import { SeedError } from '../../src/load/seed-database.js';
import { formatSeedFailure } from '../../src/report/format-seed-failure.js';

/** A server error as node-postgres builds it. */
function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function failure(record: SeedError['record'], cause: unknown, phase: SeedError['phase'] = 'generate+copy', table?: string): SeedError {
  const error = new SeedError(phase, table, cause);
  error.record = record;
  return error;
}

describe('the account of a failed seed claims only what happened to its record', () => {
  it('says the run is recorded as failed only when it was, with phase and table', () => {
    const text = formatSeedFailure(failure({ runId: 7, recorded: true }, serverError('53100', 'could not extend file: No space left on device'), 'generate+copy', 'audit_logs'));
    expect(text).toMatch(/^seed failed during generate\+copy on table audit_logs: could not extend file/);
    expect(text).toMatch(/SQLSTATE 53100/);
    expect(text).toMatch(/Run #7 is recorded as failed \(phase generate\+copy, table audit_logs\) in medseed\.runs; its data is incomplete\./);
    expect(text).toMatch(/ran out of disk space during generate\+copy\. Free space on the server's disk\. Then run "medseed seed --reset"/);
  });

  it('says no rows were left, and that the same command recovers, when every COPY rolled back', () => {
    const error = failure({ runId: 8, recorded: true }, serverError('53100', 'could not extend file: No space left on device'), 'generate+copy', 'audit_logs');
    error.copiesRolledBack = true;
    const text = formatSeedFailure(error);
    expect(text).toMatch(/Run #8 is recorded as failed \(phase generate\+copy, table audit_logs\) in medseed\.runs; every table's COPY rolled back, so medseed's tables hold none of its rows\./);
    expect(text).toMatch(/Free space on the server's disk\. Then run the same seed command again\./);
    expect(text).not.toMatch(/incomplete|--reset/);
  });

  it('says the failure could not be recorded, why, and what the record still says', () => {
    const text = formatSeedFailure(failure({ runId: 9, recorded: false, reason: 'cannot reach PostgreSQL (ECONNREFUSED)' }, serverError('57P01', 'terminating connection due to administrator command'), 'indexes'));
    expect(text).not.toMatch(/is recorded as failed/);
    expect(text).toMatch(/The failure could not be recorded \(cannot reach PostgreSQL \(ECONNREFUSED\)\); run #9 still says 'running' in medseed\.runs, and the next medseed seed or verify will mark it abandoned/);
    expect(text).toMatch(/The server stopped, crashed or closed our connection during indexes/);
  });

  it('says no run was recorded and nothing was changed when the failure came before the run began', () => {
    const text = formatSeedFailure(failure({ runId: undefined }, new Error('permission denied for schema public'), 'migrate'));
    expect(text).toMatch(/No run was recorded, and no rows were loaded or removed\./);
    expect(text).not.toMatch(/--reset/);
  });
});
