import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Bytes of disk a file or directory tree occupies (allocated blocks, symlinks not followed); 0 when absent. */
export async function diskUsage(target: string): Promise<number> {
  const info = await lstat(target).catch(() => undefined);
  if (!info) return 0;
  // st_blocks counts 512-byte units whatever the file system's block size
  let bytes = info.blocks * 512;
  if (info.isDirectory()) {
    const entries = await readdir(target).catch(() => [] as string[]);
    for (const entry of entries) bytes += await diskUsage(path.join(target, entry));
  }
  return bytes;
}
