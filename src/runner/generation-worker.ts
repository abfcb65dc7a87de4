import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { OutputFormat } from '../encoders/index.js';
import type { RunConfig } from '../config/resolve-run-config.js';
import { chunkArrayBuffers } from './binary-chunk.js';
import { recycleChunkArena } from './chunk-arena.js';
import { createWorldFor } from './create-world-for.js';
import { generateDirectoryChunk, generatePatientChunk } from './generate-chunk.js';
import { bindTarget, type MappingTarget } from '../own-schema/mapping/mapping-target.js';
import { memoryLog } from './memory-log.js';

// Worker thread entry: builds the same World as every other thread (a pure function of the
// config), then generates the patient ranges it is sent.
interface Init {
  config: RunConfig;
  format: OutputFormat;
  validate: boolean;
  target?: MappingTarget;
}
interface Task {
  id: number;
  start: number;
  end: number;
}
/** A chunk's arenas, given back once the main thread has sent its bytes on. */
interface Returned {
  arenas: ArrayBuffer[];
}

const { config, format, validate, target } = workerData as Init;
const world = createWorldFor(config);
// A mapping is loaded asynchronously; tasks wait for it (messages queue on the promise).
const mappedReady = target ? bindTarget(target) : Promise.resolve(undefined);
parentPort?.on('message', async (message: Task | Returned) => {
  if ('arenas' in message) {
    for (const arena of message.arenas) recycleChunkArena(arena);
    return;
  }
  const task = message;
  try {
    const mapped = await mappedReady;
    // start -1 is the directory pseudo-range (organizations and providers)
    const chunk =
      task.start < 0
        ? generateDirectoryChunk(world, format, validate, mapped)
        : generatePatientChunk(world, task.start, task.end, format, validate, mapped);
    const transfer = chunkArrayBuffers(chunk);
    // this isolate's heap, for MEDSEED_MEMORY_LOG (a worker's heap is not in the main thread's figures)
    const heap = memoryLog.enabled ? v8.getHeapStatistics() : undefined;
    parentPort?.postMessage({ id: task.id, chunk, heap: heap && { physical: heap.total_physical_size, malloced: heap.malloced_memory, external: heap.external_memory } }, transfer);
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
