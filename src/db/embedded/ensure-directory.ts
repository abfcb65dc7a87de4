import { chmod, chown, lstat, mkdir } from 'node:fs/promises';
import { EmbeddedPostgresError } from './embedded-errors.js';
import type { ServerUser } from './server-user.js';

/**
 * Creates dir if needed, sets its mode and hands it to owner. Some of these directories live in the
 * world-writable tmp dir, so an existing one must be a real directory owned by us or by the server user,
 * never a symlink planted by someone else.
 */
export async function ensureDirectory(dir: string, mode: number, owner?: ServerUser): Promise<void> {
  await mkdir(dir, { recursive: true, mode });
  const info = await lstat(dir);
  const trusted = [process.getuid?.(), owner?.uid];
  if (!info.isDirectory() || !trusted.includes(info.uid)) {
    throw new EmbeddedPostgresError(`${dir} is not a directory owned by the current user${owner ? ` or ${owner.name}` : ''}; remove it and retry.`);
  }
  if (owner && info.uid !== owner.uid) await chown(dir, owner.uid, owner.gid);
  await chmod(dir, mode);
}
