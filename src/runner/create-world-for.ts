import type { RunConfig } from '../config/resolve-run-config.js';
import { buildVocabulary } from '../generators/build-vocabulary.js';
import { createWorld, type World } from '../generators/world.js';
import { createPlan } from '../plan/create-plan.js';
import { loadFixtures } from '../fixtures/load-fixtures.js';

/** The world of a run, with the vocabulary read from fixtures/ (the only disk access before generation). */
export function createWorldFor(config: RunConfig): World {
  return createWorld(createPlan(config), buildVocabulary(loadFixtures()));
}
