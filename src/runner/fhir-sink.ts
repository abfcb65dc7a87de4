import {
  encodeAuditEvent,
  encodeBloodPressurePanel,
  encodeCareTeam,
  encodeDocumentReference,
  encodeEncounter,
  encodeOrganization,
  encodePatient,
  encodePractitioner,
  encodePractitionerRole,
  encodeTask,
  encodeTimelineEvent,
  FHIR_RESOURCE_TYPES,
  isBloodPressurePair,
  isSystolic,
  TIMELINE_RESOURCE_TYPES,
  type FhirResourceType,
} from '../encoders/fhir/index.js';
import type { AuditLogRow, RowSink, RowsByTable, TimelineEventRow } from '../generators/row-types.js';
import { TABLE_NAMES, type TableName } from '../tables/table-specs.js';
import type { BinaryChunk } from './binary-chunk.js';
import { ByteBuilder } from './byte-builder.js';
import { createArenaCarver } from './chunk-arena.js';

const NEWLINE = 0x0a;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * A RowSink that encodes each row as FHIR R4 resources, one NDJSON line each, into per-type byte
 * buffers (a blood-pressure reading's two rows as one panel). It is fed the same rows as the COPY and CSV sinks, so FHIR output inherits their
 * determinism: identical bytes for any worker count, batch size or shard.
 */
// The next chunk's buffers start at the size this one's reached (see encoding-sink.ts).
const chunkSizes = new Map<FhirResourceType, number>();
const carveArena = createArenaCarver();

export function createFhirSink(): RowSink & { take(): BinaryChunk } {
  const regions = carveArena(FHIR_RESOURCE_TYPES.map((type) => chunkSizes.get(type) ?? 0));
  const buffers = Object.fromEntries(FHIR_RESOURCE_TYPES.map((type, i) => [type, new ByteBuilder(chunkSizes.get(type), regions[i])])) as Record<FhirResourceType, ByteBuilder>;
  const zeroCounts = () => Object.fromEntries(FHIR_RESOURCE_TYPES.map((type) => [type, 0])) as Record<FhirResourceType, number>;
  const zeroRows = () => Object.fromEntries(TABLE_NAMES.map((name) => [name, 0])) as Record<TableName, number>;
  let counts = zeroCounts();
  let rows = zeroRows();
  // Audit entries name a timeline event by id only; the resource it became comes from its category
  // (or its blood-pressure panel). The events are generated with their patient, before the audit
  // trail, so a per-chunk map suffices.
  let timelineTargets = new Map<string, { type: FhirResourceType; id: string }>();
  const emit = (type: FhirResourceType, resource: object) => {
    const out = buffers[type];
    out.text(JSON.stringify(resource));
    out.byte(NEWLINE);
    counts[type]++;
  };
  const emitEvent = (row: TimelineEventRow) => {
    const resource = encodeTimelineEvent(row);
    emit(resource.resourceType as FhirResourceType, resource);
  };
  // A systolic reading waits for the next row: when that is its diastolic half, the two become one
  // blood-pressure panel, named by the systolic id. The generator writes the halves consecutively,
  // so pairing consecutive rows gives the same result for any chunking.
  let systolic: TimelineEventRow | undefined;
  const flushSystolic = () => {
    if (systolic) emitEvent(systolic);
    systolic = undefined;
  };
  const timelineEvent = (row: TimelineEventRow) => {
    const type = TIMELINE_RESOURCE_TYPES[row.category];
    if (type) timelineTargets.set(row.id, { type, id: row.id });
    if (systolic && isBloodPressurePair(systolic, row)) {
      timelineTargets.set(row.id, { type: 'Observation', id: systolic.id });
      emit('Observation', encodeBloodPressurePanel(systolic, row));
      systolic = undefined;
      return;
    }
    flushSystolic();
    if (isSystolic(row)) systolic = row;
    else emitEvent(row);
  };
  const encoders: { [T in TableName]: (row: RowsByTable[T]) => void } = {
    organizations: (row) => emit('Organization', encodeOrganization(row)),
    providers: (row) => {
      emit('Practitioner', encodePractitioner(row));
      emit('PractitionerRole', encodePractitionerRole(row));
    },
    patients: (row) => emit('Patient', encodePatient(row)),
    care_team_members: (row) => emit('CareTeam', encodeCareTeam(row)),
    encounters: (row) => emit('Encounter', encodeEncounter(row)),
    timeline_events: timelineEvent,
    documents: (row) => emit('DocumentReference', encodeDocumentReference(row, base64)),
    tasks: (row) => emit('Task', encodeTask(row)),
    audit_logs: (row: AuditLogRow) => emit('AuditEvent', encodeAuditEvent(row, timelineTargets.get(row.resourceId))),
  };
  return {
    push<T extends keyof RowsByTable>(table: T, row: RowsByTable[T]) {
      if (table !== 'timeline_events') flushSystolic();
      (encoders[table] as (row: RowsByTable[T]) => void)(row);
      rows[table]++;
    },
    take() {
      flushSystolic();
      const empty = Object.fromEntries(TABLE_NAMES.map((name) => [name, new Uint8Array(0)])) as Record<TableName, Uint8Array>;
      const data = Object.fromEntries(FHIR_RESOURCE_TYPES.map((type) => [type, buffers[type].take()])) as Record<FhirResourceType, Uint8Array>;
      for (const type of FHIR_RESOURCE_TYPES) chunkSizes.set(type, buffers[type].nextSize);
      const chunk: BinaryChunk = { data: empty, rows, fhir: { data, counts } };
      rows = zeroRows();
      counts = zeroCounts();
      timelineTargets = new Map();
      return chunk;
    },
  };
}
