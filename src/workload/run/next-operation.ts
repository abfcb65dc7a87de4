import type { ParameterSet } from '../../bench/params/parameter-set.js';
import type { Random } from '../../rng/random.js';
import type { UserOperation, WorkloadUser } from '../users/workload-user.js';
import type { UserState } from '../operations/workload-operation.js';

/** The operation name that runs before any weighted draw while its condition holds. */
export interface FollowUp {
  readonly name: string;
  readonly due: (state: UserState) => boolean;
}

/**
 * Chooses what a user does next: a due follow-up (a claimed task is completed) first, otherwise an
 * operation drawn by weight from the user's own stream, with the next of its parameter sets in
 * turn. The sequence depends only on the user and the seed, never on timing.
 */
export class OperationChooser {
  private readonly weighted: readonly UserOperation[];
  private readonly totalWeight: number;
  private readonly turns = new Map<string, number>();

  constructor(
    private readonly user: WorkloadUser,
    private readonly random: Random,
    private readonly followUps: readonly FollowUp[],
  ) {
    this.weighted = user.operations.filter((o) => o.weight > 0);
    this.totalWeight = this.weighted.reduce((sum, o) => sum + o.weight, 0);
  }

  get idle(): boolean {
    return this.weighted.length === 0;
  }

  next(state: UserState): { name: string; set: ParameterSet } | undefined {
    for (const followUp of this.followUps) {
      const operation = this.user.operations.find((o) => o.name === followUp.name);
      if (operation && followUp.due(state)) return this.withSet(operation);
    }
    if (this.weighted.length === 0) return undefined;
    let r = this.random.next() * this.totalWeight;
    for (const operation of this.weighted) {
      r -= operation.weight;
      if (r < 0) return this.withSet(operation);
    }
    return this.withSet(this.weighted[this.weighted.length - 1] as UserOperation);
  }

  private withSet(operation: UserOperation): { name: string; set: ParameterSet } {
    const turn = this.turns.get(operation.name) ?? 0;
    this.turns.set(operation.name, turn + 1);
    return { name: operation.name, set: operation.sets[turn % operation.sets.length] as ParameterSet };
  }
}

/** Exponentially distributed think time (a Poisson process of actions per user), mean `meanMs`. */
export function thinkTimeMs(random: Random, meanMs: number): number {
  if (meanMs <= 0) return 0;
  return -Math.log(1 - random.next()) * meanMs;
}
