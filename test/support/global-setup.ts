import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded, stopEmbedded } from '../../src/db/embedded/embedded-postgres.js';

// Separate from the developer's own .medseed so tests never touch their seeded database.
const home = path.resolve('.medseed', 'test');

export default async function setup(project: TestProject) {
  const started = await startEmbedded({ home });
  project.provide('adminUrl', started.url);
  return async () => {
    // Leave a server we found running alone: it belongs to someone else's run.
    if (!started.alreadyRunning) await stopEmbedded({ home });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
  }
}
