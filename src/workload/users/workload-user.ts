import type { ParameterSet } from '../../bench/params/parameter-set.js';
import type { UserRole } from '../report/workload-report.js';

/** An operation a user can run, how often, and the parameter sets it takes them from in turn. */
export interface UserOperation {
  readonly name: string;
  readonly weight: number;
  readonly sets: readonly ParameterSet[];
}

/** One simulated person: a clinician of a tenant or its administrator, with what they may touch. */
export interface WorkloadUser {
  readonly index: number;
  readonly role: UserRole;
  readonly orgIndex: number;
  readonly orgId: string;
  /** The provider the session runs as: the clinician, or the organization's administrator. */
  readonly providerId: string;
  /** e.g. "clinician of the small tenant (org 7)". */
  readonly label: string;
  readonly operations: readonly UserOperation[];
  /** Operations of the mix this user has nothing for (no open task, no recent result), with why. */
  readonly unavailable: readonly { readonly name: string; readonly reason: string }[];
}
