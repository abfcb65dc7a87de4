import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded, stopEmbedded } from '../../src/db/embedded/embedded-postgres.js';

// Separate from the developer's own .medseed so tests never touch their seeded database.
const home = path.resolve('.medseed', 'test');

export default async function setup(project: TestProject) {
  const started = await startEmbedded({ home });
  // names this run's seeded templates (seeded-test-database.ts), so a run never copies another run's
  const testRunId = randomBytes(4).toString('hex');
  project.provide('adminUrl', started.url);
  project.provide('testRunId', testRunId);
  return async () => {
    await dropTemplatesOf(started.url, testRunId);
    // Leave a server we found running alone: it belongs to someone else's run.
    if (!started.alreadyRunning) await stopEmbedded({ home });
  };
}

async function dropTemplatesOf(adminUrl: string, testRunId: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const templates = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'tpl\\_%\\_' || $1 || '%'", [testRunId]);
    for (const { datname } of templates.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    testRunId: string;
  }
}
