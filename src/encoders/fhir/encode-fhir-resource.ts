import type {
  AuditLogRow,
  CareTeamMemberRow,
  DocumentRow,
  EncounterRow,
  OrganizationRow,
  PatientRow,
  ProviderRow,
  TaskRow,
  TimelineEventRow,
} from '../../generators/row-types.js';
import type { FhirResourceType } from './fhir-resource-types.js';
import { toFhirInstant } from './fhir-instant.js';
import {
  coding,
  concept,
  LABORATORY_CATEGORY,
  observationStatus,
  observationValue,
  optional,
  ref,
  VITAL_SIGNS_CATEGORY,
  type Json,
} from './fhir-elements.js';
import { medseedSystem, NPI, SYNTHETIC_META } from './fhir-systems.js';

// Resources are built as object literals, so JSON.stringify writes keys in the order written
// here, whatever the row: the same row always gives the same bytes.

export function encodeOrganization(row: OrganizationRow): Json {
  return {
    resourceType: 'Organization',
    id: row.id,
    meta: SYNTHETIC_META,
    identifier: [{ system: medseedSystem('organization-slug'), value: row.slug }],
    active: true,
    type: [{ coding: [coding('http://terminology.hl7.org/CodeSystem/organization-type', 'prov', 'Healthcare Provider')] }],
    name: row.name,
  };
}

export function encodePractitioner(row: ProviderRow): Json {
  return {
    resourceType: 'Practitioner',
    id: row.id,
    meta: SYNTHETIC_META,
    identifier: [{ system: NPI, value: row.npi }],
    active: true,
    name: [{ family: row.familyName, given: [row.givenName] }],
    telecom: [{ system: 'email', value: row.email, use: 'work' }],
  };
}

/** The provider's role at its organization; same id as its Practitioner (ids are unique per type). */
export function encodePractitionerRole(row: ProviderRow): Json {
  return {
    resourceType: 'PractitionerRole',
    id: row.id,
    meta: SYNTHETIC_META,
    active: true,
    practitioner: ref('Practitioner', row.id),
    organization: ref('Organization', row.orgId),
    code: [{ coding: [coding(medseedSystem('provider-role'), row.role)] }],
    specialty: [{ coding: [coding(medseedSystem('specialty'), row.specialty)] }],
  };
}

export function encodePatient(row: PatientRow): Json {
  const telecom = [
    ...(row.phone ? [{ system: 'phone', value: row.phone, use: 'home' }] : []),
    ...(row.email ? [{ system: 'email', value: row.email, use: 'home' }] : []),
  ];
  const hasAddress = row.addressLine || row.city || row.state || row.postalCode;
  return {
    resourceType: 'Patient',
    id: row.id,
    meta: SYNTHETIC_META,
    identifier: [
      {
        type: { coding: [coding('http://terminology.hl7.org/CodeSystem/v2-0203', 'MR', 'Medical record number')] },
        // MRNs are unique within an organization, so the organization names the system
        system: medseedSystem(`mrn:${row.orgId}`),
        value: row.mrn,
      },
    ],
    active: true,
    name: [{ use: 'official', family: row.familyName, given: [row.givenName] }],
    telecom: telecom.length > 0 ? telecom : undefined,
    gender: row.sex,
    birthDate: row.birthDate,
    address: hasAddress
      ? [
          {
            line: row.addressLine ? [row.addressLine] : undefined,
            city: optional(row.city),
            state: optional(row.state),
            postalCode: optional(row.postalCode),
          },
        ]
      : undefined,
    managingOrganization: ref('Organization', row.orgId),
  };
}

/** One CareTeam per care-team membership row, so ids and counts match the database. */
export function encodeCareTeam(row: CareTeamMemberRow): Json {
  const period = { start: toFhirInstant(row.periodStart), end: row.periodEnd ? toFhirInstant(row.periodEnd) : undefined };
  return {
    resourceType: 'CareTeam',
    id: row.id,
    meta: SYNTHETIC_META,
    status: row.periodEnd ? 'inactive' : 'active',
    subject: ref('Patient', row.patientId),
    period,
    participant: [
      {
        role: [{ coding: [coding(medseedSystem('care-team-role'), row.role)] }],
        member: ref('Practitioner', row.providerId),
        period,
      },
    ],
    managingOrganization: [ref('Organization', row.orgId)],
  };
}

const ENCOUNTER_CLASS: Record<string, readonly [string, string]> = {
  ambulatory: ['AMB', 'ambulatory'],
  emergency: ['EMER', 'emergency'],
  inpatient: ['IMP', 'inpatient encounter'],
  virtual: ['VR', 'virtual'],
};

export function encodeEncounter(row: EncounterRow): Json {
  const [code, display] = ENCOUNTER_CLASS[row.class] ?? ['AMB', 'ambulatory'];
  return {
    resourceType: 'Encounter',
    id: row.id,
    meta: SYNTHETIC_META,
    status: row.status === 'in_progress' ? 'in-progress' : row.status,
    class: coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', code, display),
    subject: ref('Patient', row.patientId),
    participant: [{ individual: ref('Practitioner', row.providerId) }],
    period: { start: toFhirInstant(row.startedAt), end: row.endedAt ? toFhirInstant(row.endedAt) : undefined },
    reasonCode: row.reasonCode ? [concept('ICD-10-CM', row.reasonCode, row.reasonDisplay ?? row.reasonCode)] : undefined,
    serviceProvider: ref('Organization', row.orgId),
  };
}

/** The resource type a timeline event becomes, by its category. */
export const TIMELINE_RESOURCE_TYPES: Record<string, FhirResourceType> = {
  vital: 'Observation',
  lab: 'Observation',
  diagnosis: 'Condition',
  medication: 'MedicationRequest',
  procedure: 'Procedure',
  immunization: 'Immunization',
  allergy: 'AllergyIntolerance',
};

function payloadOf(row: TimelineEventRow): Record<string, unknown> {
  const payload = row.payload as unknown;
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
}

const PROCEDURE_STATUSES: Record<string, string> = { active: 'in-progress', stopped: 'stopped', completed: 'completed' };
const MEDICATION_STATUSES: Record<string, string> = { active: 'active', stopped: 'stopped', completed: 'completed', resolved: 'completed' };

/** One vital or lab row as an Observation; a blood-pressure reading is a panel instead (blood-pressure-panel.ts). */
export function encodeObservation(row: TimelineEventRow): Json {
  return {
    resourceType: 'Observation',
    id: row.id,
    meta: SYNTHETIC_META,
    status: observationStatus(row.status),
    category: row.category === 'vital' ? VITAL_SIGNS_CATEGORY : LABORATORY_CATEGORY,
    code: concept(row.codeSystem, row.code, row.display),
    subject: ref('Patient', row.patientId),
    encounter: row.encounterId ? ref('Encounter', row.encounterId) : undefined,
    effectiveDateTime: toFhirInstant(row.occurredAt),
    performer: row.recordedBy ? [ref('Practitioner', row.recordedBy)] : undefined,
    ...observationValue(row),
  };
}

function encodeCondition(row: TimelineEventRow): Json {
  const payload = payloadOf(row);
  const verification = typeof payload.verification === 'string' ? payload.verification : 'confirmed';
  const clinical = row.status === 'resolved' ? 'resolved' : 'active';
  return {
    resourceType: 'Condition',
    id: row.id,
    meta: SYNTHETIC_META,
    clinicalStatus: { coding: [coding('http://terminology.hl7.org/CodeSystem/condition-clinical', clinical)] },
    verificationStatus: { coding: [coding('http://terminology.hl7.org/CodeSystem/condition-ver-status', verification)] },
    category: [
      {
        coding: [
          payload.chronic === true
            ? coding('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item', 'Problem List Item')
            : coding('http://terminology.hl7.org/CodeSystem/condition-category', 'encounter-diagnosis', 'Encounter Diagnosis'),
        ],
      },
    ],
    code: concept(row.codeSystem, row.code, row.display),
    subject: ref('Patient', row.patientId),
    encounter: row.encounterId ? ref('Encounter', row.encounterId) : undefined,
    recordedDate: toFhirInstant(row.occurredAt),
    recorder: row.recordedBy ? ref('Practitioner', row.recordedBy) : undefined,
  };
}

function encodeMedicationRequest(row: TimelineEventRow): Json {
  const payload = payloadOf(row);
  const dosage = {
    text: optional(row.valueText),
    route: typeof payload.route === 'string' ? { text: payload.route } : undefined,
  };
  return {
    resourceType: 'MedicationRequest',
    id: row.id,
    meta: SYNTHETIC_META,
    status: MEDICATION_STATUSES[row.status] ?? 'unknown',
    intent: 'order',
    medicationCodeableConcept: concept(row.codeSystem, row.code, row.display),
    subject: ref('Patient', row.patientId),
    encounter: row.encounterId ? ref('Encounter', row.encounterId) : undefined,
    authoredOn: toFhirInstant(row.occurredAt),
    requester: row.recordedBy ? ref('Practitioner', row.recordedBy) : undefined,
    dosageInstruction: dosage.text !== undefined || dosage.route !== undefined ? [dosage] : undefined,
    dispenseRequest: typeof payload.refills === 'number' ? { numberOfRepeatsAllowed: payload.refills } : undefined,
  };
}

function encodeProcedure(row: TimelineEventRow): Json {
  return {
    resourceType: 'Procedure',
    id: row.id,
    meta: SYNTHETIC_META,
    status: PROCEDURE_STATUSES[row.status] ?? 'completed',
    code: concept(row.codeSystem, row.code, row.display),
    subject: ref('Patient', row.patientId),
    encounter: row.encounterId ? ref('Encounter', row.encounterId) : undefined,
    performedDateTime: toFhirInstant(row.occurredAt),
    performer: row.recordedBy ? [{ actor: ref('Practitioner', row.recordedBy) }] : undefined,
  };
}

function encodeImmunization(row: TimelineEventRow): Json {
  return {
    resourceType: 'Immunization',
    id: row.id,
    meta: SYNTHETIC_META,
    status: 'completed',
    vaccineCode: concept(row.codeSystem, row.code, row.display),
    patient: ref('Patient', row.patientId),
    encounter: row.encounterId ? ref('Encounter', row.encounterId) : undefined,
    occurrenceDateTime: toFhirInstant(row.occurredAt),
    performer: row.recordedBy ? [{ actor: ref('Practitioner', row.recordedBy) }] : undefined,
  };
}

const CRITICALITIES = new Set(['low', 'high', 'unable-to-assess']);

function encodeAllergyIntolerance(row: TimelineEventRow): Json {
  const payload = payloadOf(row);
  return {
    resourceType: 'AllergyIntolerance',
    id: row.id,
    meta: SYNTHETIC_META,
    clinicalStatus: {
      coding: [coding('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', row.status === 'resolved' ? 'resolved' : 'active')],
    },
    verificationStatus: { coding: [coding('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', 'confirmed')] },
    type: 'allergy',
    category: [row.codeSystem === 'RXNORM' ? 'medication' : 'environment'],
    criticality: typeof payload.criticality === 'string' && CRITICALITIES.has(payload.criticality) ? payload.criticality : undefined,
    code: concept(row.codeSystem, row.code, row.display),
    patient: ref('Patient', row.patientId),
    encounter: row.encounterId ? ref('Encounter', row.encounterId) : undefined,
    recordedDate: toFhirInstant(row.occurredAt),
    recorder: row.recordedBy ? ref('Practitioner', row.recordedBy) : undefined,
    reaction: row.valueText ? [{ manifestation: [{ text: row.valueText }] }] : undefined,
  };
}

const TIMELINE_ENCODERS: Record<string, (row: TimelineEventRow) => Json> = {
  vital: encodeObservation,
  lab: encodeObservation,
  diagnosis: encodeCondition,
  medication: encodeMedicationRequest,
  procedure: encodeProcedure,
  immunization: encodeImmunization,
  allergy: encodeAllergyIntolerance,
};

export function encodeTimelineEvent(row: TimelineEventRow): Json {
  const encode = TIMELINE_ENCODERS[row.category];
  if (!encode) throw new Error(`timeline_events.category: no FHIR resource for ${JSON.stringify(row.category)}`);
  return encode(row);
}

const LOINC_DOCUMENT_CATEGORY = coding('http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', 'clinical-note', 'Clinical Note');

export function encodeDocumentReference(row: DocumentRow, base64: (text: string) => string): Json {
  return {
    resourceType: 'DocumentReference',
    id: row.id,
    meta: SYNTHETIC_META,
    status: 'current',
    docStatus: row.status,
    type: concept('LOINC', row.typeCode, row.typeDisplay),
    category: [{ coding: [LOINC_DOCUMENT_CATEGORY] }],
    subject: ref('Patient', row.patientId),
    date: toFhirInstant(row.createdAt),
    author: [ref('Practitioner', row.authorId)],
    custodian: ref('Organization', row.orgId),
    description: row.title,
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: base64(row.body), title: row.title } }],
    context: row.encounterId ? { encounter: [ref('Encounter', row.encounterId)] } : undefined,
  };
}

const TASK_STATUSES: Record<string, string> = { open: 'requested', in_progress: 'in-progress', done: 'completed', cancelled: 'cancelled' };
const TASK_PRIORITIES: Record<string, string> = { low: 'routine', routine: 'routine', urgent: 'urgent', stat: 'stat' };

export function encodeTask(row: TaskRow): Json {
  return {
    resourceType: 'Task',
    id: row.id,
    meta: SYNTHETIC_META,
    status: TASK_STATUSES[row.status] ?? 'requested',
    intent: 'order',
    priority: TASK_PRIORITIES[row.priority] ?? 'routine',
    code: { coding: [coding(medseedSystem('task-kind'), row.kind)] },
    description: row.title,
    for: row.patientId ? ref('Patient', row.patientId) : undefined,
    executionPeriod: row.completedAt ? { end: toFhirInstant(row.completedAt) } : undefined,
    authoredOn: toFhirInstant(row.createdAt),
    requester: row.creatorId ? ref('Practitioner', row.creatorId) : undefined,
    owner: ref('Practitioner', row.assigneeId),
    restriction: { period: { end: toFhirInstant(row.dueAt) } },
  };
}

const AUDIT_TARGETS: Record<string, FhirResourceType | undefined> = {
  patient: 'Patient',
  encounter: 'Encounter',
  document: 'DocumentReference',
  task: 'Task',
  care_team_member: 'CareTeam',
};
const AUDIT_ACTIONS: Record<string, string> = { create: 'C', read: 'R', search: 'E', update: 'U', delete: 'D' };
// 0 success, 4 minor failure (access denied), 8 serious failure
const AUDIT_OUTCOMES: Record<string, string> = { success: '0', denied: '4', failure: '8' };

/**
 * `timelineTarget` is the resource a timeline_event id became (the sink knows it from the events of
 * the same patient: a diastolic reading became its blood-pressure panel, named by the systolic id);
 * without it the entity is identified by id rather than referenced.
 */
export function encodeAuditEvent(row: AuditLogRow, timelineTarget?: { type: FhirResourceType; id: string }): Json {
  const verb = row.action.slice(row.action.indexOf('.') + 1);
  const type = AUDIT_TARGETS[row.resourceType];
  const target = row.resourceType === 'timeline_event' ? timelineTarget : type && { type, id: row.resourceId };
  const what = target ? ref(target.type, target.id) : { identifier: { system: medseedSystem(row.resourceType), value: row.resourceId } };
  return {
    resourceType: 'AuditEvent',
    id: row.id,
    meta: SYNTHETIC_META,
    type: coding('http://terminology.hl7.org/CodeSystem/audit-event-type', 'rest', 'RESTful Operation'),
    subtype: [coding(medseedSystem('audit-action'), row.action)],
    action: AUDIT_ACTIONS[verb] ?? 'E',
    recorded: toFhirInstant(row.occurredAt),
    outcome: AUDIT_OUTCOMES[row.outcome] ?? '8',
    outcomeDesc: row.outcome,
    agent: [
      {
        who: ref('Practitioner', row.actorId),
        requestor: true,
        network: { address: row.ip, type: '2' },
      },
    ],
    source: { observer: ref('Organization', row.orgId) },
    entity: [
      { what, type: coding('http://terminology.hl7.org/CodeSystem/audit-entity-type', '2', 'System Object') },
      ...(row.patientId && row.resourceType !== 'patient'
        ? [{ what: ref('Patient', row.patientId), type: coding('http://terminology.hl7.org/CodeSystem/audit-entity-type', '1', 'Person') }]
        : []),
    ],
  };
}
