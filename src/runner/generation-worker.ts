import { parentPort, workerData } from 'node:worker_threads';
import type { OutputFormat } from '../encoders/index.js';
import type { RunConfig } from '../config/resolve-run-config.js';
import { chunkBuffers } from './binary-chunk.js';
import { createWorldFor } from './create-world-for.js';
import { generateDirectoryChunk, generatePatientChunk } from './generate-chunk.js';

// Worker thread entry: builds the same World as every other thread (a pure function of the
// config), then generates the patient ranges it is sent.
interface Init {
  config: RunConfig;
  format: OutputFormat;
  validate: boolean;
}
interface Task {
  id: number;
  start: number;
  end: number;
}

const { config, format, validate } = workerData as Init;
const world = createWorldFor(config);
parentPort?.on('message', (task: Task) => {
  try {
    // start -1 is the directory pseudo-range (organizations and providers)
    const chunk =
      task.start < 0 ? generateDirectoryChunk(world, format, validate) : generatePatientChunk(world, task.start, task.end, format, validate);
    const transfer = chunkBuffers(chunk).map((bytes) => bytes.buffer as ArrayBuffer);
    parentPort?.postMessage({ id: task.id, chunk }, transfer);
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
