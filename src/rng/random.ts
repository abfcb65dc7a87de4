import seedrandom from 'seedrandom';

/**
 * The one source of randomness for generation. Every entity gets its own stream derived from
 * (run seed, generator version, entity kind, index), so a row never depends on call order,
 * batch size or worker count.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/** Creates the stream of one entity. The key must name the entity, never a position in a batch. */
export function createRandom(key: string): Random {
  // Alea: fast, pure double arithmetic (identical on every IEEE-754 machine), and seedable by string.
  const alea = seedrandom.alea(key);
  return { next: () => alea() };
}

/** The stream key of an entity: stable as volumes grow, because it names the entity by kind and index. */
export function entityKey(seed: string, version: string, kind: string, index: number): string {
  return `${seed}|${version}|${kind}|${index}`;
}
