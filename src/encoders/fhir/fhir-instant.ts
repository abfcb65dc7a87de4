/**
 * A PostgreSQL timestamptz text ('2025-05-15 21:33:53+00', maybe with fractional seconds) as a
 * FHIR instant ('2025-05-15T21:33:53+00:00'). The generator formats these strings itself.
 */
export function toFhirInstant(timestamp: string): string {
  const iso = timestamp.replace(' ', 'T');
  return /[+-]\d\d$/.test(iso) ? `${iso}:00` : iso;
}
