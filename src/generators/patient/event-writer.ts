import { formatTimestamp } from '../calendar.js';
import { deriveId } from '../ids.js';
import type { TimelineEventRow } from '../row-types.js';
import type { PatientContext } from './patient-context.js';

export type EventFields = Omit<TimelineEventRow, 'id' | 'orgId' | 'patientId' | 'occurredAt'> & { at: number };

/** Appends one timeline event for the patient, deriving its id from the next sequence number. */
export function writeEvent(ctx: PatientContext, fields: EventFields): string {
  const { world, patient } = ctx;
  const id = deriveId(world.plan.runHash, 'timeline_events', patient.index, ctx.sequence.events++);
  const { at, ...rest } = fields;
  ctx.sink.push('timeline_events', {
    id,
    orgId: patient.org.id,
    patientId: patient.id,
    encounterId: rest.encounterId,
    category: rest.category,
    codeSystem: rest.codeSystem,
    code: rest.code,
    display: rest.display,
    valueNumeric: rest.valueNumeric,
    valueText: rest.valueText,
    unit: rest.unit,
    status: rest.status,
    occurredAt: formatTimestamp(at),
    recordedBy: rest.recordedBy,
    payload: rest.payload,
  });
  ctx.chart.events.push({ at, id });
  return id;
}
