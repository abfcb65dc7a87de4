import { daysFromCivil, SECONDS_PER_DAY, weekday } from '../generators/calendar.js';
import type { RowsByTable, RowSink } from '../generators/row-types.js';
import type { World } from '../generators/world.js';

// The per-clinician realism figures of issue 10, measured from generated rows as they stream past
// (no row is kept, so a 10x tenant fits in memory). Pure: the caller decides where rows come from.

const CLINICIAN_ROLES = new Set(['physician', 'nurse_practitioner', 'physician_assistant']);
/** Panel of a full primary-care panel, for figures normalised by panel fullness (REALISM.md §6: ~1,500). */
export const FULL_PANEL = 1_500;

export interface RealismFigures {
  readonly patients: number;
  readonly primaryCareClinicians: number;
  /** Patients per primary-care clinician (current primary_care memberships), median and max. */
  readonly panelMedian: number;
  readonly panelMax: number;
  /** Inbox tasks per primary-care clinician per workday of the window; and the same per full panel. */
  readonly tasksPerPcpWorkday: number;
  readonly tasksPerPcpWorkdayFullPanel: number;
  /** The same, divided by each clinician's workload relative to the mean workload (the model's ~77). */
  readonly tasksPerPcpWorkdayFullPanelTypical: number;
  readonly tasksPerSpecialistWorkday: number;
  /** Spread of task volume across PCPs (normalised by panel): 90th over 10th percentile. */
  readonly taskSpreadP90OverP10: number;
  /** Audit entries per active weekday of a clinician (physician, NP, PA), median; PCPs only; PCPs scaled to a full panel. */
  readonly auditPerClinicianDayMedian: number;
  readonly auditPerPcpDayMedian: number;
  /** Only clinicians whose panel is full (at least params.panelMin patients); NaN when there is none. */
  readonly fullPanelPcps: number;
  readonly auditPerFullPanelPcpDayMedian: number;
  readonly tasksPerFullPanelPcpWorkday: number;
  readonly auditPerPcpDayFullPanelMedian: number;
  /** The same, also divided by each clinician's workload multiplier: the model's ~1,000 for a typical clinician. */
  readonly auditPerPcpDayFullPanelTypicalMedian: number;
  /** Log-sd of audit per PCP-day (lognormal spread, REALISM.md §6: ~0.6). */
  readonly auditPerPcpDayLogSd: number;
  readonly auditAfterHoursShare: number;
  readonly auditWeekendShare: number;
  readonly taskAfterHoursShare: number;
  readonly taskWeekendShare: number;
  readonly openTaskShare: number;
  /** Of closed tasks, the share closed within 3 days of creation. */
  readonly closedWithin3DaysShare: number;
  readonly plannedOnWeekend: number;
  readonly noOfficeVisit12MonthsShare: number;
  readonly officeVisitsPerPatientYear: number;
  readonly eventsPerPatient: number;
  readonly documentsPerPatient: number;
  readonly rows: Readonly<Record<keyof RowsByTable, number>>;
  /** Share of a progress note's sentences found in the same patient's previous progress note. */
  readonly consecutiveNoteSentenceOverlap: number;
  /** Share of a progress note's sentences found in an unrelated patient's progress note. */
  readonly unrelatedNoteSentenceOverlap: number;
}

/** 'YYYY-MM-DD HH:MM:SS+00' to epoch seconds. */
function seconds(text: string): number {
  const y = Number(text.slice(0, 4));
  const mo = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  return daysFromCivil(y, mo, d) * SECONDS_PER_DAY + Number(text.slice(11, 13)) * 3600 + Number(text.slice(14, 16)) * 60 + Number(text.slice(17, 19));
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function sentences(body: string): string[] {
  return body.split(/\n+|(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => s.length > 20 && !s.endsWith(':'));
}

function overlap(a: readonly string[], b: ReadonlySet<string>): number {
  if (a.length === 0) return 0;
  return a.filter((s) => b.has(s)).length / a.length;
}

export interface RealismCollector extends RowSink {
  finish(): RealismFigures;
}

/**
 * Collects figures over the rows pushed into it. `patientFilter` (an org id) limits the figures to
 * one tenant, e.g. the largest tenant of 10x.
 */
export function createRealismCollector(world: World): RealismCollector {
  const { plan } = world;
  const windowStart = Math.max(plan.historyStartDay, plan.referenceDay - 365);
  let workdays = 0;
  for (let day = plan.historyStartDay; day < plan.referenceDay; day++) if (weekday(day) < 5) workdays++;
  const providerById = new Map(world.providers.map((p) => [p.id, p]));
  const offsetByOrg = new Map(world.organizations.map((o) => [o.id, o.utcOffsetMinutes * 60]));
  const rows = { organizations: 0, providers: 0, patients: 0, care_team_members: 0, encounters: 0, timeline_events: 0, documents: 0, tasks: 0, audit_logs: 0 };
  const panel = new Map<string, number>();
  const tasksBy = new Map<string, number>();
  const auditByActorDay = new Map<string, number>();
  const officeVisitsLastYear = new Map<string, number>();
  let officeVisits = 0;
  let patientYears = 0;
  let auditAfter = 0;
  let auditWeekend = 0;
  let taskAfter = 0;
  let taskWeekend = 0;
  let taskOpen = 0;
  let taskClosed = 0;
  let taskClosedFast = 0;
  let plannedWeekend = 0;
  let previousPatient = '';
  let previousNote: Set<string> | undefined;
  let previousOtherPatientNote: Set<string> | undefined;
  let lastNoteOfPatient: Set<string> | undefined;
  const consecutive: number[] = [];
  const unrelated: number[] = [];

  const local = (at: string, orgId: string) => seconds(at) + (offsetByOrg.get(orgId) ?? 0);
  const isAfterHours = (t: number) => {
    const hour = Math.floor((t % SECONDS_PER_DAY) / 3600);
    return hour < 8 || hour >= 18;
  };
  const isWeekend = (t: number) => weekday(Math.floor(t / SECONDS_PER_DAY)) >= 5;

  return {
    push<T extends keyof RowsByTable>(table: T, row: RowsByTable[T]) {
      rows[table]++;
      switch (table) {
        case 'patients': {
          const p = row as RowsByTable['patients'];
          officeVisitsLastYear.set(p.id, 0);
          const birth = seconds(`${p.birthDate} 00:00:00`) / SECONDS_PER_DAY;
          patientYears += Math.max(0, plan.referenceDay - Math.max(plan.historyStartDay, birth)) / 365.25;
          break;
        }
        case 'care_team_members': {
          const m = row as RowsByTable['care_team_members'];
          if (m.role === 'primary_care' && m.periodEnd == null) panel.set(m.providerId, (panel.get(m.providerId) ?? 0) + 1);
          break;
        }
        case 'encounters': {
          const e = row as RowsByTable['encounters'];
          const start = local(e.startedAt, e.orgId);
          if (e.status === 'planned' && (e.class === 'ambulatory' || e.class === 'virtual') && isWeekend(start)) plannedWeekend++;
          if ((e.class === 'ambulatory' || e.class === 'virtual') && e.status !== 'planned') {
            officeVisits++;
            if (seconds(e.startedAt) >= windowStart * SECONDS_PER_DAY) officeVisitsLastYear.set(e.patientId, (officeVisitsLastYear.get(e.patientId) ?? 0) + 1);
          }
          break;
        }
        case 'tasks': {
          const t = row as RowsByTable['tasks'];
          tasksBy.set(t.assigneeId, (tasksBy.get(t.assigneeId) ?? 0) + 1);
          const created = local(t.createdAt!, t.orgId);
          if (isAfterHours(created)) taskAfter++;
          if (isWeekend(created)) taskWeekend++;
          if (t.status === 'open' || t.status === 'in_progress') taskOpen++;
          if (t.completedAt) {
            taskClosed++;
            if (seconds(t.completedAt) - seconds(t.createdAt!) <= 3 * SECONDS_PER_DAY) taskClosedFast++;
          }
          break;
        }
        case 'audit_logs': {
          const a = row as RowsByTable['audit_logs'];
          const t = local(a.occurredAt!, a.orgId);
          if (isAfterHours(t)) auditAfter++;
          if (isWeekend(t)) auditWeekend++;
          const key = `${a.actorId}|${Math.floor(t / SECONDS_PER_DAY)}`;
          auditByActorDay.set(key, (auditByActorDay.get(key) ?? 0) + 1);
          break;
        }
        case 'documents': {
          const d = row as RowsByTable['documents'];
          if (d.typeCode !== '11506-3') break;
          const own = sentences(d.body);
          const set = new Set(own);
          if (d.patientId !== previousPatient) {
            previousOtherPatientNote = lastNoteOfPatient ?? previousOtherPatientNote;
            previousNote = undefined;
            previousPatient = d.patientId;
            if (previousOtherPatientNote) unrelated.push(overlap(own, previousOtherPatientNote));
          } else if (previousNote) {
            consecutive.push(overlap(own, previousNote));
          }
          previousNote = set;
          lastNoteOfPatient = set;
          break;
        }
        default:
          break;
      }
    },

    finish(): RealismFigures {
      const pcps = [...panel.entries()].filter(([id]) => CLINICIAN_ROLES.has(providerById.get(id)?.role ?? ''));
      const pcpIds = new Set(pcps.map(([id]) => id));
      const panels = pcps.map(([, n]) => n);
      const fullness = (id: string) => Math.max(1, panel.get(id) ?? 0) / FULL_PANEL;
      const specialists = world.providers.filter((p) => CLINICIAN_ROLES.has(p.role) && !pcpIds.has(p.id) && tasksBy.has(p.id));
      const pcpTasks = pcps.map(([id]) => (tasksBy.get(id) ?? 0) / workdays);
      const pcpTasksFull = pcps.map(([id]) => (tasksBy.get(id) ?? 0) / workdays / fullness(id));
      const meanWorkload = Math.exp(world.params.clinicianWorkloadSigma ** 2 / 2);
      const workload = (id: string) => providerById.get(id)?.workload ?? 1;
      const pcpTasksTypical = pcps.map(([id]) => (tasksBy.get(id) ?? 0) / workdays / fullness(id) / (workload(id) / meanWorkload));
      const pcpDaysTypical: number[] = [];
      const fullIds = new Set(pcps.filter(([, n]) => n >= world.params.panelMin).map(([id]) => id));
      const fullDays: number[] = [];
      const clinicianDays: number[] = [];
      const pcpDays: number[] = [];
      const pcpDaysFull: number[] = [];
      for (const [key, count] of auditByActorDay) {
        const [actor, dayText] = key.split('|') as [string, string];
        if (weekday(Number(dayText)) >= 5) continue;
        const provider = providerById.get(actor);
        if (!provider || !CLINICIAN_ROLES.has(provider.role)) continue;
        clinicianDays.push(count);
        if (pcpIds.has(actor)) {
          pcpDays.push(count);
          pcpDaysFull.push(count / fullness(actor));
          pcpDaysTypical.push(count / fullness(actor) / workload(actor));
          if (fullIds.has(actor)) fullDays.push(count);
        }
      }
      const logs = pcpDaysFull.map((c) => Math.log(c));
      const meanLog = logs.reduce((a, b) => a + b, 0) / Math.max(1, logs.length);
      const logSd = Math.sqrt(logs.reduce((a, b) => a + (b - meanLog) ** 2, 0) / Math.max(1, logs.length - 1));
      const patients = rows.patients;
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
      return {
        patients,
        primaryCareClinicians: pcps.length,
        panelMedian: quantile(panels, 0.5),
        panelMax: Math.max(0, ...panels),
        tasksPerPcpWorkday: mean(pcpTasks),
        tasksPerPcpWorkdayFullPanel: mean(pcpTasksFull),
        tasksPerPcpWorkdayFullPanelTypical: mean(pcpTasksTypical),
        tasksPerSpecialistWorkday: mean(specialists.map((p) => (tasksBy.get(p.id) ?? 0) / workdays)),
        taskSpreadP90OverP10: quantile(pcpTasksFull, 0.9) / Math.max(1e-9, quantile(pcpTasksFull, 0.1)),
        auditPerClinicianDayMedian: quantile(clinicianDays, 0.5),
        auditPerPcpDayMedian: quantile(pcpDays, 0.5),
        fullPanelPcps: fullIds.size,
        auditPerFullPanelPcpDayMedian: fullDays.length > 0 ? quantile(fullDays, 0.5) : Number.NaN,
        tasksPerFullPanelPcpWorkday: fullIds.size > 0 ? mean([...fullIds].map((id) => (tasksBy.get(id) ?? 0) / workdays)) : Number.NaN,
        auditPerPcpDayFullPanelMedian: quantile(pcpDaysFull, 0.5),
        auditPerPcpDayFullPanelTypicalMedian: quantile(pcpDaysTypical, 0.5),
        auditPerPcpDayLogSd: logSd,
        auditAfterHoursShare: auditAfter / Math.max(1, rows.audit_logs),
        auditWeekendShare: auditWeekend / Math.max(1, rows.audit_logs),
        taskAfterHoursShare: taskAfter / Math.max(1, rows.tasks),
        taskWeekendShare: taskWeekend / Math.max(1, rows.tasks),
        openTaskShare: taskOpen / Math.max(1, rows.tasks),
        closedWithin3DaysShare: taskClosedFast / Math.max(1, taskClosed),
        plannedOnWeekend: plannedWeekend,
        noOfficeVisit12MonthsShare: [...officeVisitsLastYear.values()].filter((n) => n === 0).length / Math.max(1, patients),
        officeVisitsPerPatientYear: officeVisits / Math.max(1e-9, patientYears),
        eventsPerPatient: rows.timeline_events / Math.max(1, patients),
        documentsPerPatient: rows.documents / Math.max(1, patients),
        rows,
        consecutiveNoteSentenceOverlap: mean(consecutive),
        unrelatedNoteSentenceOverlap: mean(unrelated),
      };
    },
  };
}
