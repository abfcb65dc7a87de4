import pg from 'pg';
import { EmbeddedPostgresError } from './embedded-errors.js';
import { embeddedRole } from './init-cluster.js';

export const embeddedDatabase = 'medseed';

/** The URL of the medseed database on a running embedded server. */
export function createEmbeddedUrl(password: string, port: number, database: string = embeddedDatabase): string {
  return `postgres://${embeddedRole}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Creates the medseed database (initdb only makes postgres and the templates). Connects over TCP with the
 * password, which also proves the credentials in the state file work.
 */
export async function createEmbeddedDatabase(password: string, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: createEmbeddedUrl(password, port, 'postgres'), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${embeddedDatabase}`);
  } catch (error) {
    // 42P04 duplicate_database: an earlier run created it but stopped before recording that.
    if ((error as { code?: string }).code !== '42P04') {
      throw new EmbeddedPostgresError(`Could not create database ${embeddedDatabase} on the embedded server (port ${port}).`, { cause: error });
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
