/**
 * Column names that mean an entity field under another name, as real schemas spell them. Matching
 * compares normalised names (lower case, no underscores), so `tenantId`, `tenant_id` and `TENANTID`
 * are one name. Listed per field; the field's own name always matches.
 */
export const FIELD_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  orgId: ['tenant_id', 'organization_id', 'organisation_id', 'tenant', 'org', 'clinic_id', 'practice_id', 'account_id'],
  birthDate: ['dob', 'date_of_birth', 'birthdate', 'birthday'],
  givenName: ['first_name', 'firstname', 'forename'],
  familyName: ['last_name', 'lastname', 'surname'],
  sex: ['gender', 'sex_at_birth'],
  mrn: ['medical_record_number', 'record_number', 'chart_number'],
  phone: ['phone_number', 'telephone', 'mobile'],
  postalCode: ['zip', 'zip_code', 'postcode'],
  addressLine: ['address', 'address1', 'street'],
  providerId: ['clinician_id', 'practitioner_id', 'doctor_id', 'user_id'],
  actorId: ['user_id', 'performed_by'],
  authorId: ['author', 'created_by', 'written_by'],
  assigneeId: ['assigned_to', 'owner_id'],
  recordedBy: ['recorder_id', 'entered_by'],
  occurredAt: ['recorded_at', 'event_time', 'timestamp', 'observed_at', 'effective_at'],
  startedAt: ['start_time', 'started', 'admitted_at', 'visit_date', 'date'],
  endedAt: ['end_time', 'ended', 'discharged_at'],
  createdAt: ['created', 'inserted_at'],
  dueAt: ['due_date', 'due'],
  class: ['encounter_class', 'visit_type', 'type'],
  category: ['kind', 'event_type', 'type'],
  body: ['content', 'text', 'note_text'],
  valueNumeric: ['value', 'numeric_value', 'result_value'],
  payload: ['data', 'details', 'attributes'],
};

export const normaliseName = (name: string) => name.toLowerCase().replace(/_/g, '');
