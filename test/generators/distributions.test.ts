import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { generatePatient } from '../../src/generators/patient/generate-patient.js';
import type { RowsByTable } from '../../src/generators/row-types.js';
import type { World } from '../../src/generators/world.js';
import { createWorldFor } from '../../src/runner/create-world-for.js';

type Rows = { [T in keyof RowsByTable]: RowsByTable[T][] };

// Distribution checks on the baseline profile (1,000 patients, 12 months of history), with
// tolerances a broken generator would fail: REALISM.md §1 and §6 give the targets.
describe('baseline distributions', () => {
  let world: World;
  const rows = { organizations: [], providers: [], patients: [], care_team_members: [], encounters: [], timeline_events: [], documents: [], tasks: [], audit_logs: [] } as unknown as Rows;

  beforeAll(() => {
    world = createWorldFor(resolveRunConfig({ profile: 'baseline', seed: '42' }));
    for (const org of world.organizations) rows.organizations.push(org.row);
    for (const provider of world.providers) rows.providers.push(provider.row);
    const sink = { push: (table: keyof Rows, row: never) => (rows[table] as unknown[]).push(row) };
    for (let i = 0; i < 1000; i++) generatePatient(world, i, sink);
  });

  it('has the volumes of the baseline need (~50 events, ~10 documents, ~25 results, ~5 care-team links per patient)', () => {
    const perPatient = (n: number) => n / rows.patients.length;
    expect(perPatient(rows.timeline_events.length)).toBeGreaterThan(35);
    expect(perPatient(rows.timeline_events.length)).toBeLessThan(110);
    expect(perPatient(rows.documents.length)).toBeGreaterThan(6);
    expect(perPatient(rows.documents.length)).toBeLessThan(16);
    const results = rows.timeline_events.filter((e) => e.category === 'lab' || e.category === 'vital').length;
    expect(perPatient(results)).toBeGreaterThan(15);
    expect(perPatient(results)).toBeLessThan(70);
    expect(perPatient(rows.care_team_members.length)).toBeGreaterThan(3.5);
    expect(perPatient(rows.care_team_members.length)).toBeLessThan(7);
    // audit logs dominate row volume, as in a real EHR
    expect(rows.audit_logs.length).toBeGreaterThan(rows.timeline_events.length);
  });

  it('skews tenant sizes: the largest holds a third or more, the smallest a few percent', () => {
    const counts = new Map<string, number>();
    for (const p of rows.patients) counts.set(p.orgId, (counts.get(p.orgId) ?? 0) + 1);
    const shares = [...counts.values()].map((c) => c / rows.patients.length).sort((a, b) => b - a);
    expect(shares[0]).toBeGreaterThan(0.3);
    expect(shares.at(-1)).toBeLessThan(0.06);
    expect(counts.size).toBe(world.organizations.length);
  });

  it('has heavy-tailed office visits: negative binomial share with none, ~3.9 a year, top 5% with about a quarter', () => {
    const visits = new Map<string, number>(rows.patients.map((p) => [p.id, 0]));
    for (const e of rows.encounters) {
      if ((e.class === 'ambulatory' || e.class === 'virtual') && e.status !== 'planned') visits.set(e.patientId, visits.get(e.patientId)! + 1);
    }
    const counts = [...visits.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    const years = world.plan.config.profile.historyMonths / 12;
    // Negative binomial (mean m, shape k): P(no visit) = (k / (k + m))^k; 27% for a full year [9].
    const m = world.params.officeVisitsPerYear * years;
    const k = world.params.officeVisitShape;
    const expectedNone = Math.pow(k / (k + m), k);
    const none = counts.filter((c) => c === 0).length / counts.length;
    expect(Math.abs(none - expectedNone), `no-visit share ${none} vs model ${expectedNone}`).toBeLessThan(0.08);
    const perYear = total / counts.length / years;
    expect(perYear).toBeGreaterThan(3.0);
    expect(perYear).toBeLessThan(5.2);
    const top = counts.slice(0, Math.round(counts.length * 0.05)).reduce((a, b) => a + b, 0) / total;
    expect(top).toBeGreaterThan(0.15);
    expect(top).toBeLessThan(0.45);
  });

  it('admits a minority of patients', () => {
    const admitted = new Set(rows.encounters.filter((e) => e.class === 'inpatient').map((e) => e.patientId));
    expect(admitted.size / rows.patients.length).toBeGreaterThan(0.03);
    expect(admitted.size / rows.patients.length).toBeLessThan(0.15);
  });

  it('keeps lab and vital values in plausible ranges for their code', () => {
    const ranges = new Map([...world.vocabulary.labs, ...world.vocabulary.vitals].map((m) => [m.code, m]));
    let checked = 0;
    for (const e of rows.timeline_events) {
      if (e.category !== 'lab' && e.category !== 'vital') continue;
      const value = Number(e.valueNumeric);
      const m = ranges.get(e.code)!;
      expect(Number.isFinite(value), `${e.code} value ${e.valueNumeric}`).toBe(true);
      expect(value, `${m.display}`).toBeGreaterThanOrEqual(0);
      expect(value, `${m.display}`).toBeLessThanOrEqual(Math.max(m.abnormalHigh * 1.2, m.high * 3));
      checked++;
    }
    expect(checked).toBeGreaterThan(10_000);
    const glucose = rows.timeline_events.filter((e) => e.code === '2345-7').map((e) => Number(e.valueNumeric));
    const median = glucose.sort((a, b) => a - b)[Math.floor(glucose.length / 2)]!;
    expect(median).toBeGreaterThan(70);
    expect(median).toBeLessThan(140);
  });

  it('keeps referential integrity and puts every event inside its patient\'s life and encounter', () => {
    const providers = new Map(rows.providers.map((p) => [p.id, p.orgId]));
    const patients = new Map(rows.patients.map((p) => [p.id, p]));
    const encounters = new Map(rows.encounters.map((e) => [e.id, e]));
    const targets: Record<string, { has(id: string): boolean }> = {
      patient: patients,
      encounter: encounters,
      document: new Set(rows.documents.map((d) => d.id)),
      task: new Set(rows.tasks.map((t) => t.id)),
      timeline_event: new Set(rows.timeline_events.map((e) => e.id)),
      care_team_member: new Set(rows.care_team_members.map((m) => m.id)),
    };
    // Collect violations and assert once: one expect per row would dominate the run time.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(what);
    };
    for (const m of rows.care_team_members) {
      check(providers.get(m.providerId) === m.orgId, `care team ${m.id}: provider of another org`);
      check(patients.get(m.patientId)?.orgId === m.orgId, `care team ${m.id}: patient of another org`);
    }
    for (const e of rows.encounters) check(providers.get(e.providerId) === e.orgId, `encounter ${e.id}: provider of another org`);
    for (const e of rows.timeline_events) {
      const patient = patients.get(e.patientId);
      check(patient?.orgId === e.orgId, `event ${e.id}: patient missing or of another org`);
      check(patient !== undefined && e.occurredAt.slice(0, 10) >= patient.birthDate, `event ${e.id}: before birth`);
      if (e.encounterId) {
        const encounter = encounters.get(e.encounterId);
        check(encounter?.patientId === e.patientId, `event ${e.id}: encounter of another patient`);
        check(encounter !== undefined && e.occurredAt >= encounter.startedAt, `${e.category} ${e.id} before its encounter`);
        check(!encounter?.endedAt || e.occurredAt <= encounter.endedAt, `${e.category} ${e.id} after its encounter`);
      }
      if (e.recordedBy) check(providers.get(e.recordedBy) === e.orgId, `event ${e.id}: recorder of another org`);
    }
    for (const d of rows.documents) {
      check(providers.get(d.authorId) === d.orgId, `document ${d.id}: author of another org`);
      if (d.encounterId) check(encounters.get(d.encounterId)?.patientId === d.patientId, `document ${d.id}: encounter of another patient`);
    }
    for (const t of rows.tasks) check(providers.get(t.assigneeId) === t.orgId, `task ${t.id}: assignee of another org`);
    for (const a of rows.audit_logs) {
      check(providers.get(a.actorId) === a.orgId, `audit ${a.id}: actor of another org`);
      check(targets[a.resourceType]!.has(a.resourceId), `audit ${a.id}: ${a.action} points at a missing ${a.resourceType}`);
    }
    expect(problems).toEqual([]);
    expect(rows.audit_logs.length).toBeGreaterThan(0);
  });

  it('writes notes with realistic length and copy-forward between a patient\'s notes', () => {
    const progress = rows.documents.filter((d) => d.typeCode === '11506-3').map((d) => d.body.split(/\s+/).length).sort((a, b) => a - b);
    const median = progress[Math.floor(progress.length / 2)]!;
    expect(median).toBeGreaterThan(400);
    expect(median).toBeLessThan(950);
    // Distinct paragraphs are far fewer than paragraphs: text is carried forward.
    const paragraphs = rows.documents.flatMap((d) => d.body.split('\n\n'));
    expect(new Set(paragraphs).size / paragraphs.length).toBeLessThan(0.75);
  });

  it('puts clinic activity on weekdays and mostly in clinic hours', () => {
    const ambulatory = rows.encounters.filter((e) => e.class === 'ambulatory');
    const weekend = ambulatory.filter((e) => {
      const [y, m, d] = e.startedAt.slice(0, 10).split('-').map(Number) as [number, number, number];
      const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
      return day === 0 || day === 6;
    }).length;
    expect(weekend / ambulatory.length).toBeLessThan(0.12);
  });
});
