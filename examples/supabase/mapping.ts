// Seeds examples/supabase/schema.sql. Keys, tenant_id and the other foreign keys bind by themselves
// (a medseed id becomes an order-preserving bigint); what is left here is what names cannot tell.
import { defineMapping, table } from 'medseed/mapping';

export default defineMapping({
  tables: {
    tenants: table('organization'),
    clinicians: table('provider', {
      columns: {
        role: {
          field: 'role',
          values: {
            physician: 'physician',
            nurse_practitioner: 'advanced_practice',
            physician_assistant: 'advanced_practice',
            nurse: 'nurse',
            medical_assistant: 'assistant',
            pharmacist: 'pharmacist',
            care_coordinator: 'coordinator',
          },
        },
        // has a default (false): without this binding every clinician would silently be a non-admin
        is_admin: 'isOrgAdmin',
      },
    }),
    patients: table('patient', {
      columns: {
        // medseed's patients have no single primary clinician (care teams do): leave it NULL
        primary_clinician_id: { omit: true },
      },
    }),
    encounters: table('encounter', {
      columns: {
        // "type" is a synonym of class, but the enum's labels are the app's own
        type: { field: 'class', values: { ambulatory: 'office', emergency: 'emergency', inpatient: 'inpatient', virtual: 'telehealth' } },
        status: { field: 'status', values: { planned: 'scheduled', in_progress: 'checked_in', finished: 'completed', cancelled: 'canceled' } },
      },
    }),
    observations: table('timelineEvent', {
      // declarative, so medseed knows only these two categories reach the table and checks the map against them
      where: { category: ['vital', 'lab'] },
      columns: {
        category: { field: 'category', values: { vital: 'vital-signs', lab: 'laboratory' } },
        // every vital and lab code is LOINC
        loinc_code: 'code',
      },
    }),
    notes: table('document', {
      columns: {
        status: { field: 'status', values: { preliminary: 'draft', final: 'signed', amended: 'amended' } },
      },
    }),
    tasks: table('task', {
      columns: {
        status: { field: 'status', values: { open: 'todo', in_progress: 'doing', done: 'done', cancelled: 'canceled' } },
        priority: { field: 'priority', values: { low: 'low', routine: 'normal', urgent: 'high', stat: 'critical' } },
        // two task fields hold a clinician's id (assignee and creator); the name does not say which
        created_by: 'creatorId',
      },
    }),
  },
});
