import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadQueryCatalog, selectQueries } from '../../src/bench/catalog/load-query-catalog.js';
import { parseQueryFile } from '../../src/bench/catalog/parse-query-file.js';

const GOOD = `-- name: my_query
-- description: A patient's events.
-- threshold_ms: 100
-- role: medseed_app
-- draw: timeline_page

-- @rls
SELECT id FROM timeline_events WHERE patient_id = :patient_id::uuid;

-- @owner
SELECT id FROM timeline_events WHERE patient_id = :patient_id::uuid AND org_id = :org_id::uuid;
`;

describe('parseQueryFile', () => {
  it('reads the header and both statements, binding parameters', () => {
    const { spec, problems } = parseQueryFile('my_query.sql', GOOD);
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ name: 'my_query', thresholdMs: 100, role: 'medseed_app', draw: 'timeline_page', writes: false });
    expect(spec?.statements.rls).toEqual({ text: 'SELECT id FROM timeline_events WHERE patient_id = $1::uuid', names: ['patient_id'] });
    expect(spec?.statements.owner.names).toEqual(['patient_id', 'org_id']);
  });

  it('reports every problem at once, with the file name', () => {
    const bad = `-- name: Other
-- threshold_ms: -3
-- role: postgres
-- draw: nothing
-- colour: blue

-- @rls
SELECT 1; SELECT 2
-- @sideways
SELECT 3
`;
    const { spec, problems } = parseQueryFile('bad.sql', bad);
    expect(spec).toBeUndefined();
    const text = problems.join('\n');
    expect(text).toMatch(/bad\.sql:5: unknown header key "colour"/);
    expect(text).toMatch(/bad\.sql:9: unknown section "@sideways"/);
    expect(text).toMatch(/header "-- description: \.\.\." is missing/);
    expect(text).toMatch(/name must be snake_case.*got "Other"/);
    expect(text).toMatch(/threshold_ms must be a number > 0, got "-3"/);
    expect(text).toMatch(/role must be one of medseed_app, medseed_org_admin, got "postgres"/);
    expect(text).toMatch(/draw must be one of timeline_page, .*got "nothing"/);
    expect(text).toMatch(/section @rls must hold exactly one statement/);
    expect(text).toMatch(/section "-- @owner" is missing/);
  });

  it('rejects parameters the draw does not provide, and a clinician role on a tenant-only draw', () => {
    const text = GOOD.replace('draw: timeline_page', 'draw: largest_tenant');
    const problems = parseQueryFile('my_query.sql', text).problems.join('\n');
    expect(problems).toMatch(/@rls uses :patient_id, which draw largest_tenant does not provide \(it provides :org_id, :since, :until\)/);
    expect(problems).toMatch(/role medseed_app needs a clinician/);
  });

  it('insists the name matches the file and both sections agree on writing', () => {
    const text = GOOD.replace('-- @owner\nSELECT', '-- @owner\nDELETE FROM timeline_events WHERE id IN (SELECT');
    const problems = parseQueryFile('other_name.sql', text).problems.join('\n');
    expect(problems).toMatch(/name "my_query" must equal the file name "other_name"/);
    expect(problems).toMatch(/@rls and @owner must both read or both write/);
  });
});

describe('the query catalog', () => {
  it('loads and covers the queries issue 6 asks for', () => {
    const names = loadQueryCatalog().map((spec) => spec.name);
    for (const name of [
      'patient_timeline',
      'care_team_recent_results',
      'clinician_open_tasks',
      'document_search',
      'audit_patient_access',
      'audit_user_activity',
      'tenant_activity_largest',
      'tenant_activity_small',
      'record_vital_sign',
      'task_queue_claim',
    ]) {
      expect(names).toContain(name);
    }
    const specs = loadQueryCatalog();
    expect(specs.find((s) => s.name === 'record_vital_sign')?.writes).toBe(true);
    expect(specs.find((s) => s.name === 'task_queue_claim')?.thresholdMs).toBe(10_000);
  });

  it('refuses a directory with an invalid file, listing its problems', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-catalog-'));
    writeFileSync(path.join(dir, 'my_query.sql'), GOOD);
    writeFileSync(path.join(dir, 'broken.sql'), '-- name: broken\n');
    expect(() => loadQueryCatalog(dir)).toThrow(CatalogError);
    expect(() => loadQueryCatalog(dir)).toThrow(/broken\.sql: section "-- @rls" is missing/);
  });

  it('selects with --only and names unknown queries', () => {
    const specs = loadQueryCatalog();
    expect(selectQueries(specs, ['document_search', 'patient_timeline']).map((s) => s.name)).toEqual(['document_search', 'patient_timeline']);
    expect(() => selectQueries(specs, ['patient_timline'])).toThrow(/unknown query patient_timline; the catalog has .*patient_timeline/);
  });
});
