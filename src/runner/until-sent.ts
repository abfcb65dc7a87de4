import { setTimeout as sleep } from 'node:timers/promises';

/** How often to look again while waiting for the kernel to take the bytes. */
const POLL_MS = 2;

/** A stream as far as waiting goes: the bytes written to it that it still holds. */
export interface Queue {
  readonly queuedBytes: number;
}

/** A file stream holds a write until the file system has taken it; a failed one reads nothing more. */
export const fileQueue = (stream: { readonly writableLength: number; readonly errored: Error | null }): Queue => ({
  get queuedBytes() {
    return stream.errored === null ? stream.writableLength : 0;
  },
});

/**
 * Waits until the kernel has taken every byte written to the streams so far, so no buffer written
 * will be read again and a chunk can go back to its worker (returnChunk); resolves false if `stop`
 * says to give up first (a failed COPY never takes the rest).
 *
 * Why a seed waits for this after each chunk: all of a chunk's tables share one arena, which can
 * go back to its worker (returnChunk) only once nothing will read it. Before, one slow table's share
 * queued in its socket kept the whole arena alive, and when COPY set the pace (late in a 100x load,
 * once the database outgrew the page cache) 4-7 arenas were alive against 2 at 10x (issue 11).
 * The server does not go idle meanwhile: it still reads what the kernel's socket buffers hold, and
 * the next chunk is generated while this one is sent.
 */
export async function untilSent(streams: readonly Queue[], stop: () => boolean = () => false): Promise<boolean> {
  while (streams.some((stream) => stream.queuedBytes > 0)) {
    if (stop()) return false;
    await sleep(POLL_MS);
  }
  return true;
}
