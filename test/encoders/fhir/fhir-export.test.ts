import { describe, expect, it } from 'vitest';
import { FHIR_RESOURCE_TYPES, type FhirResourceType } from '../../../src/encoders/fhir/index.js';
import { GENERATOR_VERSION } from '../../../src/version.js';
import { generateFhirText, generateText } from '../../support/generate-in-memory.js';

type Resource = { resourceType: string; id: string; meta: { tag: { code: string }[] } } & Record<string, unknown>;

const parse = (text: Record<FhirResourceType, string>): Resource[] =>
  FHIR_RESOURCE_TYPES.flatMap((type) =>
    text[type]
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Resource),
  );

/** Every `reference` string anywhere in a resource. */
function referencesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) referencesOf(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'reference' && typeof inner === 'string') out.push(inner);
      else referencesOf(inner, out);
    }
  }
  return out;
}

const small = { profile: 'ci', seed: '7', patients: 60 };
// generated once, on the calling thread, and shared by the tests that only read it
let cached: ReturnType<typeof generateFhirText> | undefined;
const wholeSmall = () => (cached ??= generateFhirText(small));

// Golden NDJSON pins the FHIR encoding byte for byte. A change of the generated rows changes the COPY
// golden files too and needs a GENERATOR_VERSION bump; a change of the FHIR encoding alone (same rows)
// does not. Update with: npx vitest run test/encoders/fhir/fhir-export.test.ts -u
describe('FHIR export', () => {
  it('matches the checked-in NDJSON of profile tiny, seed 42', async () => {
    const { text } = await generateFhirText({ profile: 'tiny', seed: '42' });
    for (const type of FHIR_RESOURCE_TYPES) {
      await expect(text[type]).toMatchFileSnapshot(`../../golden/fhir-tiny-seed-42/${type}.ndjson`);
    }
    await expect(`${GENERATOR_VERSION}\n`).toMatchFileSnapshot('../../golden/fhir-tiny-seed-42/GENERATOR_VERSION');
  });

  it('gives identical bytes for 0, 1 and 4 workers and two batch sizes', async () => {
    const inline = await wholeSmall();
    const one = await generateFhirText(small, { workers: 1, batchSize: 7 });
    const four = await generateFhirText(small, { workers: 4, batchSize: 13 });
    expect(one.text).toEqual(inline.text);
    expect(four.text).toEqual(inline.text);
    for (const type of FHIR_RESOURCE_TYPES) expect(inline.counts[type], type).toBeGreaterThan(0);
  });

  it('makes shards whose union, in order, is the whole export', async () => {
    const whole = await wholeSmall();
    const shards = await Promise.all(['1/3', '2/3', '3/3'].map((shard) => generateFhirText({ ...small, shard })));
    for (const type of FHIR_RESOURCE_TYPES) expect(shards.map((s) => s.text[type]).join(''), type).toBe(whole.text[type]);
  });

  it('leaves the first patients\' resources unchanged when the volume grows (prefix stability)', async () => {
    const smaller = await generateFhirText({ ...small, patients: 30 });
    const larger = await wholeSmall();
    for (const type of FHIR_RESOURCE_TYPES.filter((t) => !['Organization', 'Practitioner', 'PractitionerRole'].includes(t))) {
      expect(larger.text[type].startsWith(smaller.text[type]), `${type} of 30 patients is a prefix of 60`).toBe(true);
      expect(larger.counts[type]).toBeGreaterThanOrEqual(smaller.counts[type]);
    }
    expect(larger.counts.Patient).toBe(60);
    expect(smaller.counts.Patient).toBe(30);
  });

  it('has one resource per database row (the two rows of a blood-pressure reading as one panel), with a row id, and counts explained by the COPY output of the same seed', async () => {
    const fhir = await wholeSmall();
    const copy = await generateText(small);
    const lines = (text: string) => text.split('\n').filter(Boolean);
    const ids = (table: keyof typeof copy) => lines(copy[table]).map((line) => line.split('\t')[0]);
    const resourceIds = (...types: FhirResourceType[]) =>
      types.flatMap((type) => lines(fhir.text[type]).map((line) => (JSON.parse(line) as Resource).id)).sort();
    expect(resourceIds('Organization')).toEqual(ids('organizations').sort());
    expect(resourceIds('Practitioner')).toEqual(ids('providers').sort());
    expect(resourceIds('PractitionerRole')).toEqual(ids('providers').sort());
    expect(resourceIds('Patient')).toEqual(ids('patients').sort());
    expect(resourceIds('CareTeam')).toEqual(ids('care_team_members').sort());
    expect(resourceIds('Encounter')).toEqual(ids('encounters').sort());
    // a blood-pressure reading's two rows are one panel, named by the systolic row's id; the
    // diastolic row's id is the panel's second identifier
    const panels = lines(fhir.text.Observation)
      .map((line) => JSON.parse(line) as Resource & { identifier?: { value: string }[] })
      .filter((r) => (r.code as { coding: { code: string }[] }).coding[0]!.code === '85354-9');
    const mergedDiastolic = panels.map((panel) => panel.identifier![1]!.value);
    expect(panels.map((panel) => panel.identifier![0]!.value)).toEqual(panels.map((panel) => panel.id));
    expect([...resourceIds('Observation', 'Condition', 'MedicationRequest', 'Procedure', 'Immunization', 'AllergyIntolerance'), ...mergedDiastolic].sort()).toEqual(
      ids('timeline_events').sort(),
    );
    expect(resourceIds('DocumentReference')).toEqual(ids('documents').sort());
    expect(resourceIds('Task')).toEqual(ids('tasks').sort());
    expect(resourceIds('AuditEvent')).toEqual(ids('audit_logs').sort());
    // the timeline's category decides the resource type; Observations are the vital and lab rows
    // minus the diastolic rows merged into a panel, i.e. those with a systolic row of the same
    // patient, encounter, time and recorder (the rule the database count test uses too)
    const events = lines(copy.timeline_events).map((line) => line.split('\t'));
    const category = (name: string) => events.filter((cells) => cells[4] === name).length;
    const reading = (cells: string[]) => [cells[2], cells[3], cells[12], cells[13]].join('|');
    const systolicReadings = new Set(events.filter((cells) => cells[6] === '8480-6').map(reading));
    const diastolic = events.filter((cells) => cells[6] === '8462-4');
    const paired = diastolic.filter((cells) => systolicReadings.has(reading(cells)));
    expect(paired.length).toBeGreaterThan(0);
    expect(paired.map((cells) => cells[0]).sort()).toEqual([...mergedDiastolic].sort());
    expect(fhir.counts.Observation).toBe(category('vital') + category('lab') - paired.length);
    expect(fhir.counts.Condition).toBe(category('diagnosis'));
    expect(fhir.counts.MedicationRequest).toBe(category('medication'));
    expect(fhir.counts.Procedure).toBe(category('procedure'));
    expect(fhir.counts.Immunization).toBe(category('immunization'));
    expect(fhir.counts.AllergyIntolerance).toBe(category('allergy'));
    for (const type of FHIR_RESOURCE_TYPES) expect(lines(fhir.text[type]).length, type).toBe(fhir.counts[type]);
  });

  it('resolves every reference within the export and tags every resource as test data', async () => {
    const resources = parse((await wholeSmall()).text);
    const known = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
    expect(known.size).toBe(resources.length);
    const references = resources.flatMap((r) => referencesOf(r));
    expect(references.length).toBeGreaterThan(resources.length);
    expect(references.filter((reference) => !known.has(reference))).toEqual([]);
    expect(resources.filter((r) => r.meta.tag[0]?.code !== 'HTEST').map((r) => r.id)).toEqual([]);
    // audit entries on timeline events reference the resource the event became, never a bare identifier
    expect(resources.filter((r) => r.resourceType === 'AuditEvent' && JSON.stringify(r).includes('"identifier"'))).toEqual([]);
  });

  it('writes each blood-pressure reading as one vital-signs panel with systolic and diastolic components in mm[Hg]', async () => {
    const observations = parse((await wholeSmall()).text).filter((r) => r.resourceType === 'Observation');
    const codeOf = (r: Record<string, unknown>) => (r.code as { coding: { system: string; code: string }[] }).coding[0]!;
    const panels = observations.filter((r) => codeOf(r).code === '85354-9');
    expect(panels.length).toBeGreaterThan(0);
    // no reading is left as a separate systolic or diastolic Observation
    expect(observations.filter((r) => ['8480-6', '8462-4'].includes(codeOf(r).code)).map((r) => r.id)).toEqual([]);
    for (const panel of panels) {
      expect(codeOf(panel).system).toBe('http://loinc.org');
      expect((panel.category as { coding: { code: string }[] }[])[0]!.coding[0]!.code).toBe('vital-signs');
      expect(panel.valueQuantity).toBeUndefined();
      const components = panel.component as { code: { coding: { code: string }[] }; valueQuantity: { value: number; unit: string; system: string; code: string } }[];
      expect(components.map((c) => c.code.coding[0]!.code)).toEqual(['8480-6', '8462-4']);
      for (const { valueQuantity } of components) {
        expect(valueQuantity).toMatchObject({ unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });
        expect(typeof valueQuantity.value).toBe('number');
      }
    }
  });

  it('writes vitals and labs as UCUM quantities, and notes as base64 text with a LOINC type', async () => {
    const resources = parse((await wholeSmall()).text);
    const observations = resources.filter((r) => r.resourceType === 'Observation');
    const categories = new Set(observations.map((r) => (r.category as { coding: { code: string }[] }[])[0]!.coding[0]!.code));
    expect([...categories].sort()).toEqual(['laboratory', 'vital-signs']);
    const quantities = observations.flatMap((r) => (r.valueQuantity ? [r.valueQuantity as { system: string; value: unknown }] : []));
    expect(quantities.length).toBeGreaterThan(0);
    for (const quantity of quantities) {
      expect(quantity.system).toBe('http://unitsofmeasure.org');
      expect(typeof quantity.value).toBe('number');
    }
    const document = resources.find((r) => r.resourceType === 'DocumentReference')!;
    const attachment = (document.content as { attachment: { data: string } }[])[0]!.attachment;
    expect(Buffer.from(attachment.data, 'base64').toString('utf8')).toMatch(/[A-Z ]+:\n/);
    expect((document.type as { coding: { system: string }[] }).coding[0]!.system).toBe('http://loinc.org');
  });
});
