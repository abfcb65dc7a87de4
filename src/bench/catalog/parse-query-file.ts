import { DRAW_KIND_INFO, DRAW_KINDS, isDrawKind } from '../params/draw-kinds.js';
import { bindNamedParams } from './bind-named-params.js';
import { BENCH_MODES, BENCH_ROLES, type BenchMode, type BenchRole, type BoundStatement, type QuerySpec } from './query-spec.js';

const HEADER_KEYS = ['name', 'description', 'threshold_ms', 'role', 'draw', 'note'] as const;
const REQUIRED_KEYS = ['name', 'description', 'threshold_ms', 'role', 'draw'] as const;
const HEADER_LINE = /^--\s*([a-z_]+):\s*(.*?)\s*$/;
const SECTION_LINE = /^--\s*@([a-z_]+)\s*$/;
// Strings and comments, which may hold semicolons and keywords that are not the statement's own.
const NOT_CODE = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;

export interface ParsedQueryFile {
  readonly spec: QuerySpec | undefined;
  readonly problems: readonly string[];
}

function isWrite(code: string): boolean {
  return /^\s*(insert|update|delete|merge)\b/i.test(code);
}

/**
 * Parses one catalog file: a header of `-- key: value` lines, then `-- @rls` and `-- @owner`
 * sections, each holding one statement with `:name` parameters. Returns every problem found,
 * each prefixed with the file name.
 */
export function parseQueryFile(file: string, text: string): ParsedQueryFile {
  const problems: string[] = [];
  const report = (line: number | undefined, message: string) => problems.push(`${file}${line ? `:${line}` : ''}: ${message}`);
  const header = new Map<string, string>();
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const lineNumber = index + 1;
    const section = SECTION_LINE.exec(line);
    if (section) {
      const mode = section[1] as string;
      if (!(BENCH_MODES as readonly string[]).includes(mode)) report(lineNumber, `unknown section "@${mode}"; sections are ${BENCH_MODES.map((m) => `@${m}`).join(', ')}`);
      else if (sections.has(mode)) report(lineNumber, `section @${mode} appears twice`);
      current = [];
      sections.set(mode, current);
      return;
    }
    if (current) {
      current.push(line);
      return;
    }
    if (line.trim() === '') return;
    const entry = HEADER_LINE.exec(line);
    if (!entry) {
      report(lineNumber, 'expected a "-- key: value" header line or a "-- @rls" section before any SQL');
      current = [];
      return;
    }
    const [, key, value] = entry as unknown as [string, string, string];
    if (!(HEADER_KEYS as readonly string[]).includes(key)) report(lineNumber, `unknown header key "${key}"; keys are ${HEADER_KEYS.join(', ')}`);
    else if (header.has(key)) report(lineNumber, `header key "${key}" appears twice`);
    else header.set(key, value);
  });

  for (const key of REQUIRED_KEYS) if (!header.get(key)) report(undefined, `header "-- ${key}: ..." is missing or empty`);
  const name = header.get('name') ?? '';
  const stem = file.replace(/^.*\//, '').replace(/\.sql$/, '');
  if (name && !/^[a-z][a-z0-9_]*$/.test(name)) report(undefined, `name must be snake_case (a-z, 0-9, _), got "${name}"`);
  else if (name && name !== stem) report(undefined, `name "${name}" must equal the file name "${stem}"`);
  const thresholdText = header.get('threshold_ms');
  const thresholdMs = Number(thresholdText);
  if (thresholdText && !(Number.isFinite(thresholdMs) && thresholdMs > 0)) report(undefined, `threshold_ms must be a number > 0, got "${thresholdText}"`);
  const role = header.get('role') ?? '';
  if (role && !(BENCH_ROLES as readonly string[]).includes(role)) report(undefined, `role must be one of ${BENCH_ROLES.join(', ')}, got "${role}"`);
  const draw = header.get('draw') ?? '';
  if (draw && !isDrawKind(draw)) report(undefined, `draw must be one of ${DRAW_KINDS.join(', ')}, got "${draw}"`);
  if (isDrawKind(draw) && role === 'medseed_app' && !DRAW_KIND_INFO[draw].clinician) {
    report(undefined, `role medseed_app needs a clinician, and draw ${draw} does not draw one; use medseed_org_admin or another draw`);
  }

  const statements: Partial<Record<BenchMode, BoundStatement>> = {};
  const writes: Partial<Record<BenchMode, boolean>> = {};
  for (const mode of BENCH_MODES) {
    const body = sections.get(mode);
    if (!body) {
      report(undefined, `section "-- @${mode}" is missing`);
      continue;
    }
    const sql = body.join('\n').trim().replace(/;\s*$/, '').trim();
    const code = sql.replace(NOT_CODE, ' ');
    if (code.trim() === '') {
      report(undefined, `section @${mode} holds no SQL`);
      continue;
    }
    if (code.includes(';')) report(undefined, `section @${mode} must hold exactly one statement (found a ";" before its end)`);
    const bound = bindNamedParams(sql);
    if (isDrawKind(draw)) {
      const provided = DRAW_KIND_INFO[draw].values;
      for (const param of bound.names) {
        if (!provided.includes(param)) report(undefined, `@${mode} uses :${param}, which draw ${draw} does not provide (it provides ${provided.map((v) => `:${v}`).join(', ')})`);
      }
    }
    statements[mode] = bound;
    writes[mode] = isWrite(code);
  }
  if (writes.rls !== undefined && writes.owner !== undefined && writes.rls !== writes.owner) {
    report(undefined, '@rls and @owner must both read or both write: they are the same query with and without RLS');
  }
  if (problems.length > 0 || !statements.rls || !statements.owner) return { spec: undefined, problems };
  return {
    spec: {
      name,
      description: header.get('description') as string,
      thresholdMs,
      role: role as BenchRole,
      draw: draw as QuerySpec['draw'],
      note: header.get('note'),
      file,
      writes: writes.rls === true,
      statements: { rls: statements.rls, owner: statements.owner },
    },
    problems,
  };
}
