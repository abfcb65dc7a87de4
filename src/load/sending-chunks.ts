import { setTimeout as sleep } from 'node:timers/promises';
import type { BinaryChunk } from '../runner/binary-chunk.js';
import { returnChunk } from '../runner/generate-chunks.js';
import type { TableCopy } from './table-copy.js';

/** How often to look again while waiting for the kernel to take a chunk's bytes. */
const POLL_MS = 2;

/**
 * The chunks whose bytes the COPY streams are still sending, oldest first. Each is given back to
 * the worker that wrote it (returnChunk) once every stream has sent its share, and a seed waits
 * for that before it takes another chunk.
 *
 * Why: all of a chunk's tables share one arena, so one slow table's share queued in its socket kept
 * the whole arena alive. When COPY, not generation, sets the pace (late in a 100x load, once the
 * database outgrows the page cache) that added up to 4-7 arenas alive against 2 at 10x (issue 11).
 * Waiting costs the server nothing: while the older chunk's last bytes go out, it still has the
 * newer chunk's to read.
 */
export function createSendingChunks(copies: readonly Pick<TableCopy, 'writtenBytes' | 'sentBytes'>[], giveBack: (chunk: BinaryChunk) => void = returnChunk) {
  const sending: { chunk: BinaryChunk; ends: number[] }[] = [];
  const isSent = (ends: readonly number[]) => copies.every((copy, i) => copy.sentBytes >= (ends[i] as number));
  const returnSent = () => {
    for (let oldest = sending[0]; oldest && isSent(oldest.ends); oldest = sending[0]) {
      sending.shift();
      giveBack(oldest.chunk);
    }
  };
  return {
    /** Call right after writing the chunk to every stream: it notes where the chunk ends in each. */
    written(chunk: BinaryChunk): void {
      sending.push({ chunk, ends: copies.map((copy) => copy.writtenBytes) });
      returnSent();
    },
    /** Waits until at most `count` chunks are still being sent, or until `stop` says to give up. */
    async untilAtMost(count: number, stop: () => boolean): Promise<void> {
      returnSent();
      while (sending.length > count && !stop()) {
        await sleep(POLL_MS);
        returnSent();
      }
    },
  };
}
