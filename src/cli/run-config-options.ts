import type { Argv } from 'yargs';
import { DEFAULT_PROFILE, DEFAULT_SEED, type RunConfigInput } from '../config/resolve-run-config.js';

/** Flags that decide the generated data, shared by generate, seed, verify and bench. */
export function withRunConfigOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('profile', { type: 'string', describe: 'Named profile from fixtures/profiles (tiny, ci, baseline, 10x, 100x)', default: DEFAULT_PROFILE, requiresArg: true })
    .option('seed', { type: 'string', describe: 'Run seed: the same seed, profile and version give the same data', default: DEFAULT_SEED, requiresArg: true })
    .option('config', { type: 'string', describe: 'JSON file overriding profile keys (volumes, params, referenceDate, ...)', requiresArg: true })
    .option('patients', { type: 'number', describe: 'Override the number of patients', requiresArg: true })
    .option('orgs', { type: 'number', describe: 'Override the number of organizations (tenants)', requiresArg: true })
    .option('providers', { type: 'number', describe: 'Override the number of providers (clinicians and staff)', requiresArg: true })
    .option('reference-date', { type: 'string', describe: 'The generated world\'s "today" (YYYY-MM-DD)', requiresArg: true })
    .option('history-months', { type: 'number', describe: 'Months of history before the reference date', requiresArg: true })
    .group(['profile', 'seed', 'config', 'patients', 'orgs', 'providers', 'reference-date', 'history-months'], 'Data:');
}

export interface RunConfigArgs {
  profile?: string;
  seed?: string;
  config?: string;
  patients?: number;
  orgs?: number;
  providers?: number;
  referenceDate?: string;
  historyMonths?: number;
  shard?: string;
}

export function toRunConfigInput(args: RunConfigArgs): RunConfigInput {
  const input: RunConfigInput = {};
  if (args.profile !== undefined) input.profile = args.profile;
  if (args.seed !== undefined) input.seed = args.seed;
  if (args.config !== undefined) input.config = args.config;
  if (args.patients !== undefined) input.patients = args.patients;
  if (args.orgs !== undefined) input.orgs = args.orgs;
  if (args.providers !== undefined) input.providers = args.providers;
  if (args.referenceDate !== undefined) input.referenceDate = args.referenceDate;
  if (args.historyMonths !== undefined) input.historyMonths = args.historyMonths;
  if (args.shard !== undefined) input.shard = args.shard;
  return input;
}
