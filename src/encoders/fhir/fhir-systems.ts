import type { CodeSystem } from '../../generators/row-types.js';

/** Canonical FHIR URIs of the code systems medseed's rows carry. */
export const FHIR_CODE_SYSTEM_URIS: Record<CodeSystem, string> = {
  LOINC: 'http://loinc.org',
  'ICD-10-CM': 'http://hl7.org/fhir/sid/icd-10-cm',
  'ICD-10-PCS': 'http://www.cms.gov/Medicare/Coding/ICD10',
  HCPCS: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  RXNORM: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  CVX: 'http://hl7.org/fhir/sid/cvx',
  LOCAL: 'urn:medseed:code',
};

export const UCUM = 'http://unitsofmeasure.org';
export const NPI = 'http://hl7.org/fhir/sid/us-npi';

/** Every resource carries this tag, so no one mistakes the data for real patients. */
export const SYNTHETIC_META = {
  tag: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST', display: 'test health data' }],
} as const;

/** Code systems for medseed's own value sets (roles, task kinds, audit actions): URNs, not URLs, since no server serves them. */
export function medseedSystem(name: string): string {
  return `urn:medseed:${name}`;
}
