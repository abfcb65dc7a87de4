/**
 * How a catalog query's parameter sets are drawn from the generator. Every kind provides `org_id`
 * (the tenant) and the values listed here, under these names, to the query's `:name` placeholders.
 */
export const DRAW_KINDS = [
  'timeline_page',
  'recent_results',
  'open_tasks',
  'note_search',
  'audit_patient',
  'audit_actor',
  'largest_tenant',
  'small_tenant',
  'new_vital',
] as const;
export type DrawKind = (typeof DRAW_KINDS)[number];

export interface DrawKindInfo {
  /** Named values the kind provides to SQL. */
  readonly values: readonly string[];
  /** Whether it draws a clinician (`provider_id`), which running as medseed_app needs. */
  readonly clinician: boolean;
  readonly description: string;
}

export const DRAW_KIND_INFO: Readonly<Record<DrawKind, DrawKindInfo>> = {
  timeline_page: {
    values: ['org_id', 'provider_id', 'patient_id', 'before'],
    clinician: true,
    description: 'a patient with events and a clinician of their current care team; `before` is the first page or a deeper page cursor',
  },
  recent_results: {
    values: ['org_id', 'provider_id', 'since', 'until'],
    clinician: true,
    description: 'a clinician of the current care team of a patient with a lab result in the 7 days before the reference date; [since, until) is that week',
  },
  open_tasks: {
    values: ['org_id', 'provider_id'],
    clinician: true,
    description: 'a clinician assigned an open task',
  },
  note_search: {
    values: ['org_id', 'provider_id', 'term'],
    clinician: true,
    description: "a clinician of a patient's current care team and the rarest word of one of that patient's notes (within the sample)",
  },
  audit_patient: {
    values: ['org_id', 'provider_id', 'patient_id', 'since', 'until'],
    clinician: true,
    description: 'a patient with audit entries and the 30-day period around one of them; the clinician is that entry\'s actor',
  },
  audit_actor: {
    values: ['org_id', 'provider_id', 'actor_id', 'since', 'until'],
    clinician: true,
    description: 'a user with audit entries (also the clinician) and the 30-day period around one of them',
  },
  largest_tenant: {
    values: ['org_id', 'since', 'until'],
    clinician: false,
    description: 'the largest tenant (org index 0) and the 90 days before the reference date',
  },
  small_tenant: {
    values: ['org_id', 'since', 'until'],
    clinician: false,
    description: 'the small tenants (the smaller half by size) in turn, and the 90 days before the reference date',
  },
  new_vital: {
    values: ['org_id', 'provider_id', 'patient_id', 'occurred_at'],
    clinician: true,
    description: 'a patient and a clinician of their current care team, recording at the reference date',
  },
};

export function isDrawKind(value: string): value is DrawKind {
  return (DRAW_KINDS as readonly string[]).includes(value);
}
