import { parseIsoDate } from '../generators/calendar.js';
import { DEFAULT_PARAMS, type Params } from './default-params.js';
import { VOLUME_KEYS, type Profile } from './profile.js';

const TOP_KEYS = ['$comment', 'name', 'description', 'referenceDate', 'historyMonths', 'volumes', 'params'] as const;

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a merged profile and returns every problem with its path and the fix, or the typed profile.
 * Params not given take their defaults (DEFAULT_PARAMS).
 */
export function validateProfile(raw: unknown): { profile?: Profile; problems: string[] } {
  const problems: string[] = [];
  if (!isPlainObject(raw)) return { problems: [`profile: must be a JSON object, got ${describe(raw)}`] };
  for (const key of Object.keys(raw)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      problems.push(`${key}: unknown key; allowed keys are ${TOP_KEYS.filter((k) => k !== '$comment').join(', ')}`);
    }
  }
  const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
  if (!name) problems.push(`name: must be a non-empty string, got ${describe(raw.name)}`);
  const description = typeof raw.description === 'string' ? raw.description : '';
  if (raw.description !== undefined && typeof raw.description !== 'string') {
    problems.push(`description: must be a string, got ${describe(raw.description)}`);
  }
  if (typeof raw.referenceDate !== 'string' || parseIsoDate(raw.referenceDate) === undefined) {
    problems.push(`referenceDate: must be a real date written YYYY-MM-DD (e.g. 2025-06-30), got ${describe(raw.referenceDate)}`);
  }
  if (!Number.isInteger(raw.historyMonths) || (raw.historyMonths as number) < 1 || (raw.historyMonths as number) > 600) {
    problems.push(`historyMonths: must be an integer from 1 to 600, got ${describe(raw.historyMonths)}`);
  }

  const volumes: Record<string, number> = {};
  if (!isPlainObject(raw.volumes)) {
    problems.push(`volumes: must be an object with ${VOLUME_KEYS.join(', ')}, got ${describe(raw.volumes)}`);
  } else {
    for (const key of Object.keys(raw.volumes)) {
      if (!(VOLUME_KEYS as readonly string[]).includes(key)) {
        problems.push(`volumes.${key}: unknown volume; allowed are ${VOLUME_KEYS.join(', ')}`);
      }
    }
    for (const key of VOLUME_KEYS) {
      const value = raw.volumes[key];
      // without providers, staff is derived from the patients (src/generators/staffing.ts)
      if (key === 'providers' && value === undefined) continue;
      const minimum = key === 'patients' ? 0 : 1;
      if (!Number.isInteger(value) || (value as number) < minimum || (value as number) > 2 ** 31 - 1) {
        problems.push(`volumes.${key}: must be an integer >= ${minimum}, got ${describe(value)}`);
      } else {
        volumes[key] = value as number;
      }
    }
    if (volumes.orgs !== undefined && volumes.providers !== undefined && volumes.providers < 2 * volumes.orgs) {
      problems.push(
        `volumes.providers: every organization needs at least 2 staff, so providers must be >= 2 x orgs = ${2 * volumes.orgs}, got ${volumes.providers}`,
      );
    }
  }

  const params: Params = { ...DEFAULT_PARAMS };
  if (raw.params !== undefined) {
    if (!isPlainObject(raw.params)) {
      problems.push(`params: must be an object, got ${describe(raw.params)}`);
    } else {
      for (const [key, value] of Object.entries(raw.params)) {
        if (!(key in DEFAULT_PARAMS)) {
          problems.push(`params.${key}: unknown parameter; see src/config/default-params.ts for the list`);
        } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          problems.push(`params.${key}: must be a finite number >= 0, got ${describe(value)}`);
        } else {
          params[key as keyof Params] = value;
        }
      }
      for (const key of ['largestTenantShare', 'femaleShare', 'virtualVisitShare', 'icuShare', 'copyForwardShare', 'breakGlassShare', 'afterHoursShare', 'weekendShare', 'intakeNoteShare', 'officeLabProbability', 'edLabProbability', 'medsPerVisitZeroShare'] as const) {
        if (params[key] > 1) problems.push(`params.${key}: is a share, so must be between 0 and 1, got ${params[key]}`);
      }
    }
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    profile: {
      name: name as string,
      description,
      referenceDate: raw.referenceDate as string,
      historyMonths: raw.historyMonths as number,
      volumes: volumes as unknown as Profile['volumes'],
      params,
    },
  };
}
