import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { fileQueue } from '../runner/until-sent.js';

const NEWLINE = 0x0a;

/** One numbered part of a resource type's NDJSON: its file, resource count, bytes and sha256. */
export interface PartDigest {
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * The offset just past the `lines`-th newline at or after `start` (NDJSON: one resource a line).
 * memchr-speed through Buffer#indexOf; only called where a part fills up.
 */
export function endOfLines(data: Uint8Array, start: number, lines: number): number {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let offset = start;
  for (let line = 0; line < lines; line++) {
    const newline = bytes.indexOf(NEWLINE, offset);
    if (newline < 0) throw new Error(`NDJSON chunk holds fewer than ${lines} lines after byte ${start}`);
    offset = newline + 1;
  }
  return offset;
}

/**
 * Writes one resource type's NDJSON as numbered parts of exactly `perPart` resources (the last one
 * fewer). Parts are cut by resource count, never by bytes or chunk boundaries, so the same export
 * gives the same parts for any workers, batch size or part of the run a chunk came from. Files are
 * written under `<name>.partial` and renamed by `commit`; only one part is open at a time.
 */
export function createNdjsonPartWriter(outDir: string, perPart: number, partName: (index: number) => string) {
  const parts: PartDigest[] = [];
  const whole = createHash('sha256');
  let open: { file: string; stream: WriteStream; hash: Hash; rows: number; bytes: number } | undefined;

  const write = async (data: Uint8Array, rows: number) => {
    if (!open) {
      const file = partName(parts.length);
      open = { file, stream: createWriteStream(path.join(outDir, `${file}.partial`)), hash: createHash('sha256'), rows: 0, bytes: 0 };
    }
    open.hash.update(data);
    whole.update(data);
    open.rows += rows;
    open.bytes += data.byteLength;
    if (!open.stream.write(data)) await once(open.stream, 'drain');
    if (open.rows === perPart) await closePart();
  };

  const closePart = async () => {
    if (!open) return;
    const { file, stream, hash, rows, bytes } = open;
    open = undefined;
    stream.end();
    await once(stream, 'finish');
    parts.push({ file, rows, bytes, sha256: hash.digest('hex') });
  };

  return {
    /**
     * Bytes appended that the open part's file has not taken yet (a closed part has taken all of
     * its own); none once the stream has failed, as it will not read them again.
     */
    get queuedBytes(): number {
      return open ? fileQueue(open.stream).queuedBytes : 0;
    },
    /** Appends `rows` NDJSON lines, starting new parts where one fills up. */
    async append(data: Uint8Array, rows: number): Promise<void> {
      let offset = 0;
      let left = rows;
      while (left > 0) {
        const room = perPart - (open?.rows ?? 0);
        if (left <= room) {
          await write(offset === 0 ? data : data.subarray(offset), left);
          return;
        }
        const end = endOfLines(data, offset, room);
        await write(data.subarray(offset, end), room);
        offset = end;
        left -= room;
      }
    },
    /** Closes the last part and gives every part's digest, plus the sha256 of all parts in order. */
    async finish(): Promise<{ parts: PartDigest[]; sha256: string }> {
      await closePart();
      return { parts, sha256: whole.digest('hex') };
    },
    /** Renames the finished parts to their final names. */
    async commit(): Promise<void> {
      for (const { file } of parts) await rename(path.join(outDir, `${file}.partial`), path.join(outDir, file));
    },
    /** Removes what was written (after a failure). */
    async discard(): Promise<void> {
      open?.stream.destroy();
      const files = [...parts.map((part) => part.file), ...(open ? [open.file] : [])];
      open = undefined;
      for (const file of files) await rm(path.join(outDir, `${file}.partial`), { force: true });
    },
  };
}
