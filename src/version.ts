/**
 * Version of the generated data. It is part of every entity's seed and of every manifest:
 * any change to generated output (golden files) must bump it, so that a seed names one dataset.
 */
export const GENERATOR_VERSION = '2.0.0';
