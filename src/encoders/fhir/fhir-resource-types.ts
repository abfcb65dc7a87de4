/** FHIR R4 resource types medseed exports, in file order (referenced resources first). */
export const FHIR_RESOURCE_TYPES = [
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'Patient',
  'CareTeam',
  'Encounter',
  'Observation',
  'Condition',
  'MedicationRequest',
  'Procedure',
  'Immunization',
  'AllergyIntolerance',
  'DocumentReference',
  'Task',
  'AuditEvent',
] as const;

export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];

/** The NDJSON file of a resource type in a Bulk Data export. */
export function fhirFileName(type: FhirResourceType): string {
  return `${type}.ndjson`;
}
