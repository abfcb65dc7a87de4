export * from './encode-fhir-resource.js';
export { BLOOD_PRESSURE_PANEL, DIASTOLIC, encodeBloodPressurePanel, isBloodPressurePair, isSystolic, SYSTOLIC, TIMELINE_EVENT_ID_SYSTEM } from './blood-pressure-panel.js';
export { toFhirInstant } from './fhir-instant.js';
export { FHIR_RESOURCE_TYPES, fhirLegacyFileName, fhirPartFileName, isFhirFileName, type FhirResourceType } from './fhir-resource-types.js';
export { FHIR_CODE_SYSTEM_URIS, medseedSystem, NPI, SYNTHETIC_META, UCUM } from './fhir-systems.js';
