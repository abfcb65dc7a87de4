import pg from 'pg';
import { UsageError } from '../cli/errors.js';
import { redactUrl } from './redact-url.js';

// Connection failures that mean "the URL points nowhere useful", as opposed to a server error mid-run.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const BAD_CREDENTIALS = new Set(['28P01', '28000', '3D000']);

/** Checks that a --db value is a PostgreSQL URL before anything connects. */
export function assertPostgresUrl(url: string, source: string): void {
  if (url.trim() === '') {
    // an empty variable in a script must not silently fall back to another database
    throw new UsageError(`${source} is empty. Give postgres://user:password@host:port/database, or leave ${source} out to use the embedded server`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${source}: not a URL. Expected postgres://user:password@host:port/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(
      `${source}: scheme "${parsed.protocol}" is not supported. Expected postgres://user:password@host:port/database`,
    );
  }
}

// Every connection this process has open, so a lock wait or an interrupt can be traced to, or
// cancel, exactly our own backends and never someone else's.
const open = new Set<pg.Client>();

/** Backend pids of the connections this process opened through connect() and has not closed. */
export function ownBackendPids(): number[] {
  return [...open].map(backendPid).filter((pid): pid is number => pid !== undefined);
}

/**
 * Cancels whatever this process's other backends are running (a COPY waiting on a lock, an index
 * build), through `client`, so an interrupted run fails at once and can still record itself.
 */
export function cancelOwnBackends(client: { query(text: string, values: unknown[]): Promise<unknown> }): void {
  void client.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid WHERE pid <> pg_backend_pid()', [ownBackendPids()]).catch(() => undefined);
}

/** The server process serving a connected client (pg keeps it from the startup handshake, untyped). */
export function backendPid(client: pg.Client): number | undefined {
  const pid = (client as pg.Client & { processID?: number }).processID;
  return typeof pid === 'number' ? pid : undefined;
}

/** Opens a client, turning "cannot reach / cannot log in" into a clear usage error naming the (redacted) URL. */
export async function connect(url: string, applicationName = 'medseed'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const where = redactUrl(url);
    if (UNREACHABLE.has(code) || /timeout/i.test((error as Error).message)) {
      throw new UsageError(
        `cannot reach PostgreSQL at ${where} (${code || (error as Error).message}). ` +
          'Check that the server is running and the host and port are right, or omit --db to use the embedded database.',
        { cause: error },
      );
    }
    if (BAD_CREDENTIALS.has(code)) {
      throw new UsageError(`PostgreSQL at ${where} refused the login: ${(error as Error).message}. Check the user, password and database name.`, {
        cause: error,
      });
    }
    throw error;
  }
  // An idle client error (server restart, terminated backend) must not crash the process with an
  // unhandled event; it is kept, because the next query only says "not queryable".
  client.on('error', (error) => {
    if (!losses.has(client)) losses.set(client, error);
  });
  open.add(client);
  client.once('end', () => open.delete(client));
  // UTC so timestamps print as the generator wrote them; public so a "$user" schema never captures names.
  await client.query("SET TimeZone = 'UTC'; SET search_path TO public");
  return client;
}

const losses = new WeakMap<pg.Client, unknown>();

/**
 * Why a connection from connect() died while idle (the server's own error), if it did. A query on
 * a dead connection fails with "Client has encountered a connection error and is not queryable",
 * which hides the cause worth reporting.
 */
export function connectionLoss(client: pg.Client): unknown {
  return losses.get(client);
}
