// Allowed values of status-like columns. They are text + CHECK rather than enums because enum
// comparison is not LEAKPROOF: under RLS it cannot be used as an index condition (REALISM.md §4.2).
export const ORG_TIERS = ['enterprise', 'regional', 'community', 'clinic'] as const;
export const PROVIDER_ROLES = [
  'physician',
  'nurse_practitioner',
  'physician_assistant',
  'nurse',
  'medical_assistant',
  'pharmacist',
  'care_coordinator',
] as const;
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const CARE_TEAM_ROLES = [
  'primary_care',
  'specialist',
  'attending',
  'nurse',
  'care_coordinator',
  'pharmacist',
] as const;
export const ENCOUNTER_CLASSES = ['ambulatory', 'emergency', 'inpatient', 'virtual'] as const;
export const ENCOUNTER_STATUSES = ['planned', 'in_progress', 'finished', 'cancelled'] as const;
export const EVENT_CATEGORIES = [
  'vital',
  'lab',
  'diagnosis',
  'medication',
  'procedure',
  'immunization',
  'allergy',
] as const;
export const CODE_SYSTEMS = ['LOINC', 'ICD-10-CM', 'ICD-10-PCS', 'HCPCS', 'RXNORM', 'CVX', 'LOCAL'] as const;
export const EVENT_STATUSES = ['final', 'preliminary', 'amended', 'active', 'resolved', 'completed', 'stopped'] as const;
export const DOCUMENT_STATUSES = ['preliminary', 'final', 'amended'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const TASK_PRIORITIES = ['low', 'routine', 'urgent', 'stat'] as const;
export const AUDIT_RESOURCE_TYPES = [
  'patient',
  'encounter',
  'timeline_event',
  'document',
  'task',
  'care_team_member',
] as const;
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
