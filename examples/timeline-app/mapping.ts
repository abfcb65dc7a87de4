// Seeds examples/timeline-app/schema.sql. Ids, organization_id, the foreign keys and most columns
// bind by name or synonym. Prisma's @updatedAt columns are NOT NULL with no database default (the
// client sets them), so every updated_at is bound here; TIMESTAMP(3) columns get the UTC wall time.
import { defineMapping, table } from 'medseed/mapping';

export default defineMapping({
  tables: {
    organizations: table('organization', {
      columns: { updated_at: 'createdAt' },
    }),
    users: table('provider', {
      columns: {
        name: { compute: (provider) => `${provider.givenName} ${provider.familyName}` },
        // has a default ('CLINICIAN'): left alone, administrators and staff would all be clinicians
        role: {
          compute: (provider) =>
            provider.isOrgAdmin ? 'ADMIN' : provider.role === 'medical_assistant' || provider.role === 'care_coordinator' ? 'STAFF' : 'CLINICIAN',
        },
        updated_at: 'createdAt',
      },
    }),
    patients: table('patient', {
      columns: { updated_at: 'createdAt' },
    }),
    appointments: table('encounter', {
      columns: {
        status: { field: 'status', values: { planned: 'SCHEDULED', in_progress: 'IN_PROGRESS', finished: 'COMPLETED', cancelled: 'CANCELLED' } },
        reason: 'reasonDisplay',
        scheduled_at: 'startedAt',
        // encounters carry no creation time: the visit's start stands in for the booking
        created_at: 'startedAt',
        updated_at: { compute: (encounter) => encounter.endedAt ?? encounter.startedAt },
      },
    }),
    healthcare_timeline_events: table('timelineEvent', {
      columns: {
        event_type: {
          field: 'category',
          values: {
            vital: 'VITAL_SIGN',
            lab: 'LAB_RESULT',
            diagnosis: 'DIAGNOSIS',
            medication: 'MEDICATION',
            procedure: 'PROCEDURE',
            immunization: 'IMMUNIZATION',
            allergy: 'ALLERGY',
          },
        },
        title: 'display',
        // the app reads code, value and unit from payload; medseed's own payload nests under details
        payload: {
          compute: (event) => ({
            code: { system: event.codeSystem, code: event.code, display: event.display },
            value: event.valueNumeric == null ? (event.valueText ?? null) : Number(event.valueNumeric),
            unit: event.unit ?? null,
            status: event.status,
            details: event.payload,
          }),
        },
        // created_at has a default (the load's clock): the event's own time is what the app writes
        created_at: 'occurredAt',
        updated_at: 'occurredAt',
      },
    }),
    clinical_documents: table('document', {
      columns: {
        document_type: 'typeDisplay',
        status: { field: 'status', values: { preliminary: 'DRAFT', final: 'FINAL', amended: 'AMENDED' } },
        updated_at: 'createdAt',
      },
    }),
    job_queue: table('task', {
      columns: {
        job_type: 'kind',
        // has a default ('{}'): the worker needs the task's title to render the job
        payload: { compute: (task) => ({ title: task.title, kind: task.kind }) },
        // a cancelled task is a job that will not run again: the queue has no other end state for it
        status: { field: 'status', values: { open: 'queued', in_progress: 'running', done: 'done', cancelled: 'failed' } },
        // the worker takes the lowest number first
        priority: { field: 'priority', values: { stat: 0, urgent: 1, routine: 2, low: 3 } },
        run_at: 'dueAt',
        // two task fields hold a user's id (assignee and creator); the name does not say which
        assigned_to_id: 'assigneeId',
        updated_at: { compute: (task) => task.completedAt ?? task.createdAt },
      },
    }),
    audit_logs: table('auditEntry', {
      columns: {
        entity_type: 'resourceType',
        entity_id: 'resourceId',
        ip_address: 'ip',
        // created_at has a default (the load's clock): an audit entry is dated by the access itself
        created_at: 'occurredAt',
      },
    }),
  },
});
