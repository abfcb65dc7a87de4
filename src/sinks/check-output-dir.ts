import { accessSync, constants, readdirSync, statSync, statfsSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/errors.js';

/** How a command writes into an output directory, so the directory can be checked before any work. */
export interface OutputDirRules {
  /** The flag that named the directory, for messages: `--out`. */
  readonly flag: string;
  /** Every file name the command may write; `<name>.partial` (its temporary form) is its own too. */
  readonly ownFiles: readonly string[];
  /** Names the command writes that no list can hold (numbered parts), matched like ownFiles. */
  readonly isOwnFile?: (name: string) => boolean;
  /** Names a previous output in messages, e.g. `a previous medseed generate output (manifest.json)`. */
  readonly previousOutput: string;
  /** True when the directory holds a previous output of the command. Reads only. */
  readonly isPreviousOutput: (dir: string) => boolean;
  /** Allow writing the command's own file names next to other files (they are never deleted). */
  readonly force: boolean;
}

// statfs f_type of kernel virtual file systems: writing there either fails or changes the kernel,
// and Node's recursive mkdir loops forever under /proc.
const VIRTUAL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
]);

const SHOWN = 10;

/**
 * Checks an output directory before a command does any work, and throws UsageError naming what is wrong
 * and the fix: an empty path, an existing file, a parent that is a file, a kernel file system, no write
 * permission, or a non-empty directory that is not a previous output of the command (unless forced).
 *
 * @example
 * checkOutputDir(args.out, { flag: '--out', ownFiles: ['bench.json'], previousOutput: 'a bench output', isPreviousOutput, force: false });
 */
export function checkOutputDir(dir: string, rules: OutputDirRules): void {
  const { flag } = rules;
  if (dir.trim() === '') throw new UsageError(`${flag}: the path is empty; give the directory to write into, e.g. ${flag} out/ci`);
  const target = path.resolve(dir);
  const named = `${flag} ${dir}`;
  const info = statOrUndefined(target, named);
  if (info && !info.isDirectory()) {
    throw new UsageError(`${named}: this is an existing file, not a directory. Name a directory (it is created if missing), or move the file away.`);
  }
  const existing = info ? target : nearestExisting(target, named);
  checkFileSystem(existing, named);
  checkWritable(existing, named, info !== undefined);
  if (info) checkContents(target, named, rules);
}

function statOrUndefined(file: string, named: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`${named}: cannot inspect ${file} (${code ?? (error as Error).message}). Choose another directory.`, { cause: error });
  }
}

/** The closest ancestor that exists; it must be a directory for the output directory to be created in it. */
function nearestExisting(target: string, named: string): string {
  let current = target;
  for (;;) {
    const parent = path.dirname(current);
    const info = statOrUndefined(parent, named);
    if (info) {
      if (!info.isDirectory()) {
        throw new UsageError(`${named}: cannot create it, because ${parent} is a file, not a directory. Choose a path whose parent folders are directories.`);
      }
      return parent;
    }
    if (parent === current) return parent;
    current = parent;
  }
}

function checkFileSystem(existing: string, named: string): void {
  let type: number;
  try {
    type = statfsSync(existing).type;
  } catch {
    return; // unknown file system type: the write permission check below still applies
  }
  const name = VIRTUAL_FILE_SYSTEMS.get(type);
  if (name) {
    throw new UsageError(`${named}: ${existing} is on the kernel's ${name} file system, where files cannot be written. Choose a directory on disk.`);
  }
}

function checkWritable(existing: string, named: string, isTarget: boolean): void {
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = isTarget ? existing : `${existing} (where it would be created)`;
    const why =
      code === 'EROFS'
        ? `${where} is on a read-only file system`
        : code === 'EACCES' || code === 'EPERM'
          ? `no permission to write in ${where}`
          : `cannot write in ${where} (${code ?? (error as Error).message})`;
    throw new UsageError(`${named}: ${why}. Choose a directory you can write to.`, { cause: error });
  }
}

function checkContents(dir: string, named: string, rules: OutputDirRules): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    throw new UsageError(`${named}: cannot list its files (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Choose another directory.`, { cause: error });
  }
  if (entries.length === 0 || rules.force) return;
  const listed = new Set(rules.ownFiles);
  const isOwn = (name: string) => {
    const base = name.replace(/\.partial$/, '');
    return listed.has(base) || rules.isOwnFile?.(base) === true;
  };
  const own = { has: isOwn };
  if (rules.isPreviousOutput(dir)) {
    const foreign = entries.filter((name) => !own.has(name));
    if (foreign.length === 0) return;
    throw new UsageError(
      `${named} holds ${rules.previousOutput}, but also files medseed did not write:\n${listEntries(dir, foreign, own)}\n` +
        'Move them elsewhere, or pass --force to write anyway (they are kept as they are; only medseed\'s own file names are replaced).',
    );
  }
  throw new UsageError(
    `${named} is not empty and holds no ${rules.previousOutput.replace(/^an? /, '')}. medseed writes only into a new or empty ` +
      `directory or its own previous output, so that it never overwrites or mixes with files it did not write. In the way:\n` +
      `${listEntries(dir, entries, own)}\n` +
      `Choose a new or empty directory, or pass --force to write medseed's files next to these (files named like medseed's are replaced; nothing else is changed or deleted).`,
  );
}

/** The first entries, one a line: those medseed would replace first, directories with a trailing slash. */
function listEntries(dir: string, names: readonly string[], own: { has(name: string): boolean }): string {
  const ordered = [...names.filter((name) => own.has(name)), ...names.filter((name) => !own.has(name))];
  const lines = ordered.slice(0, SHOWN).map((name) => {
    const isDir = statOrUndefined(path.join(dir, name), name)?.isDirectory() === true;
    return `  ${name}${isDir ? '/' : ''}${own.has(name) ? ' (would be replaced)' : ''}`;
  });
  if (names.length > SHOWN) lines.push(`  ... and ${names.length - SHOWN} more`);
  return lines.join('\n');
}
