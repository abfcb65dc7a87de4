import { startEmbedded } from './embedded/embedded-postgres.js';
import { assertPostgresUrl } from './connect.js';

export interface ResolvedDatabase {
  readonly url: string;
  /** Where the URL came from, for messages. */
  readonly source: '--db' | 'DATABASE_URL' | 'embedded';
}

/** --db, else DATABASE_URL, else the embedded server (started if needed). */
export async function resolveDatabase(db: string | undefined, log?: (line: string) => void): Promise<ResolvedDatabase> {
  if (db !== undefined) {
    assertPostgresUrl(db, '--db');
    return { url: db, source: '--db' };
  }
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    assertPostgresUrl(fromEnv, 'DATABASE_URL');
    return { url: fromEnv, source: 'DATABASE_URL' };
  }
  const started = await startEmbedded(log ? { log } : {});
  return { url: started.url, source: 'embedded' };
}
