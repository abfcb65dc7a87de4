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

/**
 * Part `index` of a resource type's NDJSON in a Bulk Data export: `Observation.000.ndjson`,
 * `Observation.001.ndjson`, ... The Bulk Data spec lets a server split a type into several files and
 * leaves their names to it. Type first, so `Observation.*.ndjson` globs one type and a listing groups
 * by type; the part number zero-padded, so name order is part order (up to 1,000 parts; the manifest
 * lists them in order anyway); the `.ndjson` extension loaders look for is kept.
 */
export function fhirPartFileName(type: FhirResourceType, index: number): string {
  return `${type}.${String(index).padStart(3, '0')}.ndjson`;
}

/** The single, unnumbered file per type that exports before numbered parts wrote (`Observation.ndjson`). */
export function fhirLegacyFileName(type: FhirResourceType): string {
  return `${type}.ndjson`;
}

const FHIR_FILE = new RegExp(`^(?:${FHIR_RESOURCE_TYPES.join('|')})(?:\\.\\d{3,})?\\.ndjson$`);

/** True for a name a FHIR export writes (a numbered part, or an older export's single file per type). */
export function isFhirFileName(name: string): boolean {
  return FHIR_FILE.test(name);
}
