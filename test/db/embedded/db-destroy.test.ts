import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relocatedBaseDir } from '../../../src/db/embedded/embedded-layout.js';

const cli = path.resolve('bin', 'medseed.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'medseed-destroy-'));
const homes: string[] = [];

afterAll(() => {
  for (const home of homes) {
    spawnSync(process.execPath, [cli, 'db', 'stop'], { env: { ...process.env, MEDSEED_HOME: home } });
    rmSync(relocatedBaseDir(home), { recursive: true, force: true });
  }
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/** Runs the CLI with stdin not a terminal (spawnSync pipes it), as in a script. */
function medseed(args: string[], options: { home?: string; cwd?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
  delete env.MEDSEED_HOME;
  if (options.home !== undefined) env.MEDSEED_HOME = options.home;
  const spawnOptions: SpawnSyncOptions = { encoding: 'utf8', env, input: '', ...(options.cwd ? { cwd: options.cwd } : {}) };
  const result = spawnSync(process.execPath, [cli, ...args], spawnOptions);
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Every path under dir, to prove a refused destroy deleted nothing. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** A process that exists and is not a zombie (PID 1 of a container may reap late). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/\) Z /.test(stat);
}

/** pg_ctl stop returns once postmaster.pid is gone; the process itself exits a moment later. */
async function exits(pid: number): Promise<boolean> {
  for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(50);
  return !isAlive(pid);
}

describe('medseed db destroy on a real embedded server', () => {
  const home = path.join(scratch, 'real', 'home');
  let dataDir: string;
  let pid: number;

  beforeAll(() => {
    homes.push(home);
    const started = medseed(['db', 'start'], { home });
    expect(started.code, started.stderr).toBe(0);
    // another home nested in this one, as the tests' .medseed/test sits in the default .medseed
    mkdirSync(path.join(home, 'test'), { recursive: true });
    writeFileSync(path.join(home, 'test', 'keep.txt'), 'another home\n');
    const status = medseed(['db', 'status'], { home }).stdout;
    dataDir = /data dir:\s+(.+)/.exec(status)![1]!.trim();
    pid = Number(/pid:\s+(\d+)/.exec(status)![1]);
  }, 120_000);

  it('refuses without --yes when stdin is not a terminal, deleting nothing', () => {
    const before = listTree(dataDir);
    const { code, stderr } = medseed(['db', 'destroy'], { home });
    expect(code).toBe(2);
    expect(stderr).toMatch(/stdin is not a terminal, so medseed cannot ask for confirmation: pass --yes to delete\. Nothing was deleted\./);
    expect(stderr).toContain(dataDir);
    expect(listTree(dataDir)).toEqual(before);
    expect(isAlive(pid)).toBe(true);
  });

  it('with --yes stops the server, deletes exactly its data and says how much space was freed', async () => {
    const { code, stdout, stderr } = medseed(['db', 'destroy', '--yes'], { home });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`${dataDir}  `);
    expect(stdout).toContain(path.join(home, 'pg-credentials.json'));
    expect(stdout).toMatch(/Freed \d+\.\d MB\./);
    expect(await exits(pid)).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(path.join(home, 'pg-credentials.json'))).toBe(false);
    expect(readFileSync(path.join(home, 'test', 'keep.txt'), 'utf8')).toBe('another home\n');
    expect(readdirSync(home)).toEqual(['test']);
    // as root the cluster sits in a stand-in directory in the tmp dir; that goes too
    if (!dataDir.startsWith(home)) expect(existsSync(path.dirname(dataDir))).toBe(false);
    expect(medseed(['db', 'status'], { home }).stdout).toMatch(/initialised: no/);
  });
});

describe('medseed db destroy refuses what is not its own', () => {
  it('refuses a MEDSEED_HOME that holds no medseed server, even one with a pg/ folder', () => {
    const home = path.join(scratch, 'not-medseed');
    mkdirSync(path.join(home, 'pg'), { recursive: true });
    writeFileSync(path.join(home, 'pg', 'thesis.tex'), 'years of work\n');
    writeFileSync(path.join(home, 'pg.log'), 'my log\n');
    const before = listTree(home);
    const { code, stderr } = medseed(['db', 'destroy', '--yes'], { home });
    expect(code).toBe(2);
    expect(stderr).toMatch(/holds no embedded server of medseed \(neither pg-credentials\.json nor a cluster in pg\/ with PG_VERSION\), so nothing was deleted/);
    expect(listTree(home)).toEqual(before);
  });

  it('says there is nothing to destroy when the home does not exist, and does not create it', () => {
    const home = path.join(scratch, 'absent');
    const { code, stdout } = medseed(['db', 'destroy', '--yes'], { home });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Nothing to destroy: .*absent does not exist/);
    expect(existsSync(home)).toBe(false);
  });

  it('in the default ./.medseed deletes the server files and leaves the nested test home and other files', () => {
    const project = path.join(scratch, 'project');
    const home = path.join(project, '.medseed');
    // the files a stopped server leaves; no server is running, so nothing needs stopping
    mkdirSync(path.join(home, 'pg'), { recursive: true });
    writeFileSync(path.join(home, 'pg', 'PG_VERSION'), '17\n');
    writeFileSync(path.join(home, 'pg-credentials.json'), JSON.stringify({ password: 'x', dataDir: path.join(home, 'pg'), databaseCreated: true }));
    mkdirSync(path.join(home, 'test', 'pg'), { recursive: true });
    writeFileSync(path.join(home, 'test', 'pg', 'PG_VERSION'), '17\n');
    writeFileSync(path.join(home, 'notes.md'), 'mine\n');
    const { code, stdout, stderr } = medseed(['db', 'destroy', '--yes'], { cwd: project });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(path.join(home, 'pg'));
    expect(listTree(home)).toEqual(['notes.md', 'test', path.join('test', 'pg'), path.join('test', 'pg', 'PG_VERSION')]);
  });

  it('on a terminal deletes only after "destroy" is typed', (context) => {
    // script(1) gives the CLI a pseudo-terminal as stdin, as an interactive user has
    if (spawnSync('script', ['--version']).status !== 0) {
      console.log('skipped: script(1) from util-linux, needed to give the CLI a terminal, is not installed');
      context.skip();
    }
    const home = path.join(scratch, 'tty');
    mkdirSync(path.join(home, 'pg'), { recursive: true });
    writeFileSync(path.join(home, 'pg', 'PG_VERSION'), '17\n');
    writeFileSync(path.join(home, 'pg-credentials.json'), JSON.stringify({ password: 'x', dataDir: path.join(home, 'pg'), databaseCreated: true }));
    const onTerminal = (answer: string) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${cli}" db destroy`, '/dev/null'], {
        encoding: 'utf8',
        input: `${answer}\n`,
        env: { ...process.env, MEDSEED_HOME: home },
      });
    const declined = onTerminal('y');
    expect(declined.status).toBe(1);
    expect(declined.stdout).toMatch(/Type "destroy" to delete them/);
    expect(declined.stdout).toMatch(/Nothing was deleted\./);
    expect(existsSync(path.join(home, 'pg', 'PG_VERSION'))).toBe(true);
    const confirmed = onTerminal('destroy');
    expect(confirmed.status, confirmed.stdout).toBe(0);
    expect(confirmed.stdout).toMatch(/Deleted:/);
    expect(existsSync(home)).toBe(false);
  });
});
