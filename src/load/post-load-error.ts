import type { PostLoadObject } from './post-load-objects.js';

/** A post-load index or constraint that could not be built, naming it and its table; the server's error is the cause. */
export class PostLoadError extends Error {
  override readonly name = 'PostLoadError';
  constructor(
    readonly object: Pick<PostLoadObject, 'kind' | 'name' | 'table'>,
    cause: unknown,
  ) {
    super(`${object.kind} ${object.name} on ${object.table}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
