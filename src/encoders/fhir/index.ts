export * from './encode-fhir-resource.js';
export { toFhirInstant } from './fhir-instant.js';
export { FHIR_RESOURCE_TYPES, fhirFileName, type FhirResourceType } from './fhir-resource-types.js';
export { FHIR_CODE_SYSTEM_URIS, medseedSystem, NPI, SYNTHETIC_META, UCUM } from './fhir-systems.js';
