import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { startThrowawayServer, type ThrowawayServer } from '../support/throwaway-server.js';

const ROLES = ['medseed_owner', 'medseed_app', 'medseed_org_admin'];

// Roles are cluster-wide while the migration lock is per database: two databases of one fresh
// cluster migrated at once both try to create medseed's roles. Both must succeed.
describe('two databases of one cluster migrated at the same time', () => {
  let server: ThrowawayServer;
  beforeAll(async () => {
    server = await startThrowawayServer('concurrent-migrate');
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('both succeed when neither finds medseed roles yet (5 rounds)', async () => {
    const admin = await server.connect();
    try {
      for (let round = 0; round < 5; round++) {
        const names = [`race_${round}_a`, `race_${round}_b`];
        for (const name of names) await admin.query(`CREATE DATABASE ${name}`);
        const clients = names.map((name) => {
          const url = new URL(server.url);
          url.pathname = `/${name}`;
          return new pg.Client({ connectionString: url.toString() });
        });
        try {
          await Promise.all(clients.map((client) => client.connect()));
          const results = await Promise.allSettled(clients.map((client) => applyMigrations(client)));
          expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
        } finally {
          await Promise.all(clients.map((client) => client.end()));
        }
        for (const name of names) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        for (const role of ROLES) await admin.query(`DROP ROLE IF EXISTS ${role}`);
      }
    } finally {
      await admin.end();
    }
  }, 180_000);
});
