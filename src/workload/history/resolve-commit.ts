import { execFileSync } from 'node:child_process';

/**
 * The commit of the code under test, for the history: MEDSEED_COMMIT or GITHUB_SHA when CI sets
 * them, else the current directory's git HEAD (the application's repository, where CI runs the
 * workload), else null. Never fails a run.
 */
export function resolveCommit(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  const given = env.MEDSEED_COMMIT ?? env.GITHUB_SHA;
  if (given && given.trim()) return given.trim();
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim() || null;
  } catch {
    return null;
  }
}
