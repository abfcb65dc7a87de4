// The reference schema, in load order (parents before children).
export { organizations } from './organizations.js';
export { providers } from './providers.js';
export { patients } from './patients.js';
export { careTeamMembers } from './care-team-members.js';
export { encounters } from './encounters.js';
export { timelineEvents } from './timeline-events.js';
export { documents } from './documents.js';
export { tasks } from './tasks.js';
export { auditLogs } from './audit-logs.js';
