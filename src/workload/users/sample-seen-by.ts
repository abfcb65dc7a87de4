import type { BenchSample, SamplePatient } from '../../bench/params/capture-sample.js';

/**
 * The part of the regenerated sample one clinician works with: the patients whose current care team
 * they are on (with the team narrowed to them, so every draw names them as the clinician), their own
 * task queue and their own audit entries. Draws from it give parameters this clinician may use, so a
 * simulated user never reaches outside its tenant and care team.
 */
export function sampleSeenByClinician(sample: BenchSample, clinicianId: string): BenchSample {
  const patients: SamplePatient[] = [];
  for (const p of sample.patients) {
    const onTeam = p.team.includes(clinicianId);
    const tasks = p.tasks.filter((t) => t.assigneeId === clinicianId);
    if (!onTeam && tasks.length === 0) continue;
    patients.push({ ...p, team: onTeam ? [clinicianId] : [], tasks, audit: p.audit.filter((a) => a.actorId === clinicianId) });
  }
  return { ...sample, patients };
}

/** The part of the sample an organization's administrator sees: its own tenant's patients. */
export function sampleSeenByAdministrator(sample: BenchSample, orgIndex: number): BenchSample {
  return { ...sample, patients: sample.patients.filter((p) => p.orgIndex === orgIndex) };
}
