import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { EmbeddedPostgresError } from './embedded-errors.js';

/** What must survive between runs; lives in <home>/pg-credentials.json with mode 0600. */
export interface EmbeddedState {
  /** Password of the medseed role, generated at initdb time. */
  password: string;
  /** Data directory the cluster was created in (it moves out of home when the server user cannot reach home). */
  dataDir: string;
  /** Last port used, reused when free so URLs stay stable across restarts. */
  port?: number;
  /** Set once the medseed database exists, so warm starts skip the check. */
  databaseCreated: boolean;
}

/** Reads the state file; undefined when there is none yet. */
export async function readState(statePath: string): Promise<EmbeddedState | undefined> {
  let text: string;
  try {
    text = await readFile(statePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmbeddedPostgresError(`Could not read ${statePath}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseState(text);
  if (!parsed) {
    throw new EmbeddedPostgresError(
      `${statePath} is not a valid medseed state file. If no embedded server is running, delete it together ` +
        'with the data directory (pg/) next to it; a new cluster will be created on the next start.',
    );
  }
  return parsed;
}

/** Writes the state file atomically with mode 0600: it holds the password. */
export async function writeState(statePath: string, state: EmbeddedState): Promise<void> {
  const temporary = `${statePath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, statePath);
}

function parseState(text: string): EmbeddedState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.password !== 'string' || typeof record.dataDir !== 'string') return undefined;
  const port = typeof record.port === 'number' && Number.isInteger(record.port) ? record.port : undefined;
  return {
    password: record.password,
    dataDir: record.dataDir,
    ...(port === undefined ? {} : { port }),
    databaseCreated: record.databaseCreated === true,
  };
}
