import { readFile, stat } from 'node:fs/promises';
import { EmbeddedPostgresError } from './embedded-errors.js';

/** An existing unprivileged OS account the PostgreSQL processes run as when medseed runs as root. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

/** Accounts tried, in order, for a new cluster; medseed never creates OS users. */
export const serverUserCandidates = ['postgres', 'nobody'] as const;

/**
 * Who the PostgreSQL processes must run as, or undefined when no switch is needed.
 * PostgreSQL refuses to run as root, so as root we use the owner of an existing data directory
 * (the account it was created with), else the first existing candidate account.
 */
export async function resolveServerUser(dataDir: string): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const accounts = parsePasswd(await readFile('/etc/passwd', 'utf8').catch(() => ''));
  const owner = await stat(dataDir).catch(() => undefined);
  if (owner && owner.uid !== 0) {
    const known = accounts.find((account) => account.uid === owner.uid);
    return known ?? { name: `uid ${owner.uid}`, uid: owner.uid, gid: owner.gid };
  }
  for (const name of serverUserCandidates) {
    const account = accounts.find((candidate) => candidate.name === name);
    if (account && account.uid !== 0) return account;
  }
  throw new EmbeddedPostgresError(
    'medseed runs as root, and PostgreSQL refuses to run as root, but neither a "postgres" nor a "nobody" ' +
      'account exists to run it as. Run medseed as an unprivileged user, or pass a database URL instead.',
  );
}

/** Reads name, uid and gid from /etc/passwd text (name:password:uid:gid:gecos:home:shell). */
export function parsePasswd(text: string): ServerUser[] {
  const accounts: ServerUser[] = [];
  for (const line of text.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (!name || uid === undefined || gid === undefined) continue;
    const parsedUid = Number.parseInt(uid, 10);
    const parsedGid = Number.parseInt(gid, 10);
    if (Number.isInteger(parsedUid) && Number.isInteger(parsedGid)) {
      accounts.push({ name, uid: parsedUid, gid: parsedGid });
    }
  }
  return accounts;
}
