// A workload runner that writes until it is killed: begins a run, then records vitals (each in its own
// committed transaction) and prints "wrote <runId> <n>" after each. Runs the built code (dist/), as the CLI does.
import pg from 'pg';
import { createRandom } from '../../../dist/src/rng/random.js';
import { beginWorkloadRun } from '../../../dist/src/workload/journal/workload-run-record.js';
import { vitalSignRecorded } from '../../../dist/src/workload/writes/vital-sign-recorded.js';

const [url, orgId, providerId, patientId, occurredAt] = process.argv.slice(2);
const admin = new pg.Client({ connectionString: url });
const user = new pg.Client({ connectionString: url });
await admin.connect();
await user.connect();
const runId = await beginWorkloadRun(admin, { test: 'write-until-killed' });
const ctx = { runId, statementTimeoutMs: 30_000, random: createRandom('write-until-killed') };
for (let n = 1; ; n++) {
  await vitalSignRecorded.run(user, { orgId, providerId }, { patient_id: patientId, occurred_at: occurredAt }, ctx);
  process.stdout.write(`wrote ${runId} ${n}\n`);
}
