import type { BenchTarget, DrawnSets } from '../../bench/bench-target.js';
import { assertBypassesRls } from '../../bench/measure/check-database.js';
import { describeEnvironment } from '../../bench/measure/describe-environment.js';
import type { DrawKind } from '../../bench/params/draw-kinds.js';
import type { ParameterSet } from '../../bench/params/parameter-set.js';
import type { OwnSchemaCheck } from '../../bench/report/bench-report.js';
import { UsageError } from '../../cli/errors.js';
import { quoteIdent } from '../catalog/quote-ident.js';
import type { MappedRun } from '../load/mapped-runs.js';
import type { MappedTarget } from '../prepare-mapped-target.js';
import { checkDrawnKeysExist } from './check-drawn-keys.js';
import { checkSession } from './check-session.js';
import { convertParameterSet } from './convert-parameter-sets.js';
import { deriveIdKeys } from './id-keys.js';
import type { OwnSchemaFiles } from './own-schema-files.js';
import { createSessionApplier, type SessionTemplate } from './session-template.js';

export interface MappedBenchInput {
  readonly files: OwnSchemaFiles;
  /** The mapping bound to the schema (prepareMappedTarget). */
  readonly target: MappedTarget;
  /** The succeeded run the parameters are drawn from. */
  readonly run: MappedRun;
  /** sha256 of the mapping file now, to say whether it changed since the run loaded through it. */
  readonly mappingSha256: string;
  readonly session: SessionTemplate;
}

/**
 * A user's schema as the bench sees it: their tables sized, drawn ids passed in their key types,
 * the session file in place of SET LOCAL ROLE + set_config, and the reference schema's checks
 * replaced by the same checks on the mapped tables (or skipped, saying why).
 */
export function createMappedBenchTarget(input: MappedBenchInput): BenchTarget {
  const { keys, problems } = deriveIdKeys(input.target.tables);
  if (problems.length > 0) throw new UsageError(`the mapping ${input.files.mapping} cannot be benched:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const { schema } = input.target.catalog;
  const tables = input.target.tables.map((t) => t.table.name);
  const session = createSessionApplier(input.session);
  const searchPath = schema === 'public' ? 'public' : `${quoteIdent(schema)}, public`;
  return {
    assertCanBench: assertBypassesRls,
    describeEnvironment: (admin) => describeEnvironment(admin, { schema, tables, loadRecorded: false }),
    prepareSets: async (admin, drawn) => {
      const sets = new Map<DrawKind, ParameterSet[] | Error>();
      for (const [kind, value] of drawn) sets.set(kind, value instanceof Error ? value : value.map((set) => convertParameterSet(set, keys)));
      const all = [...sets.values()].flatMap((s) => (s instanceof Error ? [] : s));
      const checks: OwnSchemaCheck[] = [...describeBinding(input), ...(await checkDrawnKeysExist(admin, schema, input.target.tables, keys, all, input.run.id))];
      let sessionRole: string | null = null;
      if (all[0]) {
        const checked = await checkSession(admin, input.files.session, session, all[0]);
        sessionRole = checked.role;
        checks.push(...checked.checks);
      } else {
        checks.push({ name: 'session runs', status: 'skipped', detail: 'no parameter set was drawn, so the session file had no values to run with' });
      }
      return {
        sets: sets as DrawnSets,
        session,
        ...(sessionRole === null ? {} : { rlsRole: sessionRole }),
        ownSchema: { ...input.files, schema, mappedRunId: input.run.id, sessionRole, keys, checks },
      };
    },
    connectionSetup: `SET TimeZone = 'UTC'; SET search_path TO ${searchPath}`,
  };
}

/** What binding the mapping and reading the run established, and what differs from when the run loaded. */
function describeBinding(input: MappedBenchInput): OwnSchemaCheck[] {
  const { run, target, files } = input;
  const withoutRls = target.tables.filter((t) => !t.table.rowSecurity.enabled).map((t) => t.table.name);
  return [
    { name: 'mapping binds the schema', status: 'passed', detail: `${files.mapping} binds ${target.tables.length} tables of schema ${target.catalog.schema}` },
    run.mappingSha256 === input.mappingSha256
      ? { name: 'mapping unchanged since the run', status: 'passed', detail: `run #${run.id} loaded through this very mapping file` }
      : { name: 'mapping unchanged since the run', status: 'warning', detail: `${files.mapping} changed since run #${run.id} loaded through it (${run.mappingPath}): keys may not be written as the bench now assumes; reseed if it changed more than comments` },
    withoutRls.length === 0
      ? { name: 'row-level security on the mapped tables', status: 'passed', detail: 'every mapped table has row-level security enabled' }
      : { name: 'row-level security on the mapped tables', status: 'warning', detail: `no row-level security on ${withoutRls.join(', ')}: queries on them are not filtered by any policy` },
  ];
}
