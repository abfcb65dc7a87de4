// Seeds examples/composite-keys/schema.sql. Composite keys need nothing here: "tenantId" binds to
// each entity's orgId (a synonym) and the id half of every ("tenantId", x) foreign key to the field
// holding the referenced entity's id, so keys and foreign keys are consistent tuples. camelCase
// names match medseed's fields as they are. "featureFlags" is not named, so it is never touched.
import { defineMapping, table } from 'medseed/mapping';

export default defineMapping({
  tables: {
    Tenant: table('organization'),
    Provider: table('provider'),
    Patient: table('patient'),
    CareTeamMember: table('careTeamMember'),
    Encounter: table('encounter'),
    Observation: table('timelineEvent', {
      // the CHECK admits only vital and lab: a declarative where tells medseed that only those arrive
      where: { category: ['vital', 'lab'] },
    }),
    Note: table('document'),
  },
});
