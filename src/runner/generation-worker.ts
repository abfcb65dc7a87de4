import { parentPort, workerData } from 'node:worker_threads';
import type { OutputFormat } from '../encoders/index.js';
import type { RunConfig } from '../config/resolve-run-config.js';
import { chunkBuffers } from './binary-chunk.js';
import { createWorldFor } from './create-world-for.js';
import { generateDirectoryChunk, generatePatientChunk } from './generate-chunk.js';
import { bindTarget, type MappingTarget } from '../own-schema/mapping/mapping-target.js';

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

const { config, format, validate, target } = workerData as Init;
const world = createWorldFor(config);
// A mapping is loaded asynchronously; tasks wait for it (messages queue on the promise).
const mappedReady = target ? bindTarget(target) : Promise.resolve(undefined);
parentPort?.on('message', async (task: Task) => {
  try {
    const mapped = await mappedReady;
    // start -1 is the directory pseudo-range (organizations and providers)
    const chunk =
      task.start < 0
        ? generateDirectoryChunk(world, format, validate, mapped)
        : generatePatientChunk(world, task.start, task.end, format, validate, mapped);
    const transfer = chunkBuffers(chunk).map((bytes) => bytes.buffer as ArrayBuffer);
    parentPort?.postMessage({ id: task.id, chunk }, transfer);
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
