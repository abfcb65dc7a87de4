import type { StageResult } from './workload-report.js';

/**
 * The run passes when no stage broke an operation's budget, no user saw or wrote outside its scope,
 * no open-loop arrival was dropped, and the history shows no regression. Failures name the stage.
 */
export function decideWorkloadVerdict(stages: readonly StageResult[], regressions: readonly string[], interrupted: boolean): { passed: boolean; failures: string[] } {
  const failures: string[] = [];
  const many = stages.length > 1;
  for (const stage of stages) {
    const prefix = many ? `${stage.users} users: ` : '';
    for (const op of stage.operations) for (const failure of op.failures) failures.push(`${prefix}${failure}`);
    if (stage.total.dropped > 0) failures.push(`${prefix}${stage.total.dropped} arrival(s) dropped: the server could not keep up with ${stage.rate} operations/s`);
  }
  failures.push(...regressions);
  if (interrupted) failures.push('the run was interrupted: its figures are incomplete');
  return { passed: failures.length === 0, failures };
}
