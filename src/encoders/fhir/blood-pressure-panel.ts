import type { TimelineEventRow } from '../../generators/row-types.js';
import { concept, observationStatus, observationValue, ref, VITAL_SIGNS_CATEGORY, type Json } from './fhir-elements.js';
import { FHIR_CODE_SYSTEM_URIS, medseedSystem, SYNTHETIC_META } from './fhir-systems.js';
import { toFhirInstant } from './fhir-instant.js';

/** LOINC codes of the FHIR vital-signs blood pressure profile: the panel and its two components. */
export const BLOOD_PRESSURE_PANEL = '85354-9';
export const SYSTOLIC = '8480-6';
export const DIASTOLIC = '8462-4';

const isLoincVital = (row: TimelineEventRow, code: string) => row.category === 'vital' && row.codeSystem === 'LOINC' && row.code === code;

export const isSystolic = (row: TimelineEventRow) => isLoincVital(row, SYSTOLIC);

/**
 * True when `diastolic` is the other half of the reading `systolic` started: the generator writes a
 * reading as a systolic row directly followed by its diastolic row, for the same patient, encounter,
 * time and recorder. The caller passes consecutive rows, so pairing never depends on chunking.
 */
export function isBloodPressurePair(systolic: TimelineEventRow, diastolic: TimelineEventRow): boolean {
  return (
    isSystolic(systolic) &&
    isLoincVital(diastolic, DIASTOLIC) &&
    diastolic.patientId === systolic.patientId &&
    diastolic.encounterId === systolic.encounterId &&
    diastolic.occurredAt === systolic.occurredAt &&
    diastolic.recordedBy === systolic.recordedBy
  );
}

/** The system of the identifiers naming the timeline_events rows a panel was built from. */
export const TIMELINE_EVENT_ID_SYSTEM = medseedSystem('timeline-event-id');

/**
 * One blood-pressure reading as the FHIR vital-signs BP panel (LOINC 85354-9) with systolic and
 * diastolic components. Its id is the systolic row's id (so the database row joins its resource);
 * both rows' ids are identifiers, so the diastolic row joins it too.
 */
export function encodeBloodPressurePanel(systolic: TimelineEventRow, diastolic: TimelineEventRow): Json {
  return {
    resourceType: 'Observation',
    id: systolic.id,
    meta: SYNTHETIC_META,
    identifier: [
      { system: TIMELINE_EVENT_ID_SYSTEM, value: systolic.id },
      { system: TIMELINE_EVENT_ID_SYSTEM, value: diastolic.id },
    ],
    status: observationStatus(systolic.status),
    category: VITAL_SIGNS_CATEGORY,
    code: { coding: [{ system: FHIR_CODE_SYSTEM_URIS.LOINC, code: BLOOD_PRESSURE_PANEL, display: 'Blood pressure panel with all children optional' }], text: 'Blood pressure' },
    subject: ref('Patient', systolic.patientId),
    encounter: systolic.encounterId ? ref('Encounter', systolic.encounterId) : undefined,
    effectiveDateTime: toFhirInstant(systolic.occurredAt),
    performer: systolic.recordedBy ? [ref('Practitioner', systolic.recordedBy)] : undefined,
    component: [systolic, diastolic].map((row) => ({ code: concept(row.codeSystem, row.code, row.display), ...observationValue(row) })),
  };
}
