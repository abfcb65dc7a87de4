/**
 * Version of the generated data. It is part of every manifest and run record: any change to
 * generated output (golden files) must bump it, so that a seed names one dataset.
 */
export const GENERATOR_VERSION = '2.1.0';

/**
 * Version that roots every entity's random stream and id (create-plan.ts). Bump it with
 * GENERATOR_VERSION when the draws change; leave it when a version only adds what derives from
 * rows already drawn, so the same seed keeps the same rows and searches across versions compare.
 * 2.1.0 only added documents.search_vector (computed from title and body): streams of 2.0.0.
 */
export const RANDOM_STREAM_VERSION = '2.0.0';
