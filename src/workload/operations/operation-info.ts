import type { DrawKind } from '../../bench/params/draw-kinds.js';
import type { OperationThresholds, UserRole } from '../report/workload-report.js';

/** What the mix, the users and the report need to know of an operation, before any runs. */
export interface OperationInfo {
  readonly name: string;
  readonly kind: 'read' | 'write';
  readonly role: UserRole;
  readonly description: string;
  /** How its parameters are drawn for a user (src/bench/params/draw-kinds.ts). */
  readonly draw: DrawKind;
  /** Budgets before the mix file and the flags adjust them. */
  readonly thresholds: OperationThresholds;
  /** An operation the same user runs next, after its think time (a claimed task is completed). */
  readonly followedBy?: string;
  /** Runs only as a follow-up, never drawn from the weights. */
  readonly followUpOnly?: boolean;
}
