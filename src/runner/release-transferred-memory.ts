import v8 from 'node:v8';
import vm from 'node:vm';
import { chunkArrayBuffers, chunkBuffers, type BinaryChunk } from './binary-chunk.js';

type Collector = (options: { type: 'minor' | 'major' }) => void;

let collector: Collector | undefined;

/** V8's collector, without starting node with --expose-gc. */
function collect(type: 'minor' | 'major'): void {
  if (!collector) {
    v8.setFlagsFromString('--expose-gc');
    collector = vm.runInNewContext('gc') as Collector;
  }
  collector({ type });
}

/**
 * Chunk arenas the main thread may legitimately hold at once: the one being written and the one
 * whose last bytes the sockets are still flushing, with slack for other external memory. More than
 * this alive means dead ones may wait for a collection. Measured at 100x with 25-patient chunks:
 * with 4 here, external memory sat at 157 MB (four arenas) from the start; at 2.5 it is 70 MB (two)
 * while generation sets the pace. Consumers that give chunks back (seed, verify, generate of COPY
 * and CSV) need none of this: their arenas are written again rather than collected.
 */
const LIVE_ARENAS = 2.5;

/**
 * Frees the chunks the consumer has finished with. Chunks arrive from worker threads as
 * transferred ArrayBuffers: external memory that V8 frees only when it collects their small
 * wrappers, which it does on its own schedule (the main thread allocates little).
 * - A scavenge every `everyBytes` of chunks frees the wrappers that are still young. Measured at
 *   10x: peak RSS 196 MB without, 183 MB with a scavenge every 32 MB.
 * - Wrappers that lived through two scavenges (a chunk whose COPY was slow) are promoted, and only a
 *   full collection frees them. Measured at 100x: external memory grew to 180-320 MB, 5-9 dead
 *   arenas of ~35 MB, and RSS peaked at 212-216 MB against 163-179 MB at 10x. So when external
 *   memory still exceeds LIVE_ARENAS of the largest arena after a scavenge, a full collection
 *   runs (~10-30 ms on the main thread's ~20 MB heap, which is otherwise idle while COPY runs).
 */
export function createMemoryReleaser(everyBytes = 8 * 1024 * 1024) {
  let since = 0;
  let largestArena = 0;
  return {
    received(chunk: BinaryChunk): void {
      for (const arena of chunkArrayBuffers(chunk)) largestArena = Math.max(largestArena, arena.byteLength);
      since += chunkBuffers(chunk).reduce((sum, bytes) => sum + bytes.byteLength, 0);
      if (since < everyBytes) return;
      since = 0;
      collect('minor');
      if (process.memoryUsage().external > LIVE_ARENAS * largestArena) collect('major');
    },
  };
}
