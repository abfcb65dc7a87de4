import { spawnSync } from 'node:child_process';
import path from 'node:path';

const cli = path.resolve('bin', 'medseed.js');

/** Runs the built CLI to completion as a user would; DATABASE_URL is cleared so only --db decides. */
export function medseedSync(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
