import type { CodeSystem, TimelineEventRow } from '../../generators/row-types.js';
import type { FhirResourceType } from './fhir-resource-types.js';
import { FHIR_CODE_SYSTEM_URIS, UCUM } from './fhir-systems.js';

// Small builders of FHIR data types shared by the resource encoders. Object literals, so
// JSON.stringify writes keys in the order written here: the same row always gives the same bytes.

export type Json = Record<string, unknown>;

export const ref = (type: FhirResourceType, id: string) => ({ reference: `${type}/${id}` });

export const coding = (system: string, code: string, display?: string) =>
  display === undefined ? { system, code } : { system, code, display };

export const concept = (system: string, code: string, display: string) => ({
  coding: [coding(FHIR_CODE_SYSTEM_URIS[system as CodeSystem] ?? FHIR_CODE_SYSTEM_URIS.LOCAL, code, display)],
  text: display,
});

export const optional = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** An event's value as Observation.value[x] (or component.value[x]): a UCUM quantity, a string, or nothing. */
export function observationValue(row: TimelineEventRow): { valueQuantity?: Json; valueString?: string } {
  if (row.valueNumeric !== null && row.valueNumeric !== undefined) {
    const value = Number(row.valueNumeric);
    return { valueQuantity: row.unit ? { value, unit: row.unit, system: UCUM, code: row.unit } : { value } };
  }
  return row.valueText ? { valueString: row.valueText } : {};
}

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const VITAL_SIGNS_CATEGORY = [{ coding: [coding(OBSERVATION_CATEGORY, 'vital-signs', 'Vital Signs')] }];
export const LABORATORY_CATEGORY = [{ coding: [coding(OBSERVATION_CATEGORY, 'laboratory', 'Laboratory')] }];

const OBSERVATION_STATUSES = new Set(['final', 'preliminary', 'amended']);
export const observationStatus = (status: string) => (OBSERVATION_STATUSES.has(status) ? status : 'final');
