import type { Params } from './default-params.js';

/** How much to generate. Staff is derived from patients (src/generators/staffing.ts) unless `providers` overrides it. */
export interface Volumes {
  orgs: number;
  providers?: number;
  patients: number;
}

/** A named, validated generation profile (fixtures/profiles/*.json). */
export interface Profile {
  name: string;
  description: string;
  /** "Now" for the generated world: the end of every patient's history. Never the clock. */
  referenceDate: string;
  /** How many months of history each patient has before referenceDate. */
  historyMonths: number;
  volumes: Volumes;
  params: Params;
}

export const VOLUME_KEYS = ['orgs', 'providers', 'patients'] as const satisfies readonly (keyof Volumes)[];
