import { bernoulli, createWeightedPicker, pick, poisson, uniform, uniformInt } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { SECONDS_PER_DAY } from '../calendar.js';
import type { Measurement, Medication, Coded } from '../vocabulary.js';
import type { World } from '../world.js';
import { medicationsFor } from './conditions.js';
import type { PlannedEncounter } from './encounters.js';
import { writeEvent } from './event-writer.js';
import type { PatientContext } from './patient-context.js';

// Vital-sign LOINC codes, by role in a panel.
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
const HEART_RATE = '8867-4';
const TEMPERATURE = '8310-5';
const WEIGHT = '29463-7';
const HEIGHT = '8302-2';
const BMI = '39156-5';
const SPO2 = '2708-6';
const RESPIRATORY_RATE = '9279-1';
const OFFICE_PANEL = [SYSTOLIC, DIASTOLIC, HEART_RATE, TEMPERATURE, WEIGHT] as const;
const INPATIENT_PANEL = [SYSTOLIC, DIASTOLIC, HEART_RATE, RESPIRATORY_RATE, TEMPERATURE, SPO2] as const;

interface Catalog {
  vitals: Map<string, Measurement>;
  panels: Map<string, Measurement[]>;
  pickAcuteMed: (random: Random) => Medication;
  pickOutpatientProcedure: ((random: Random) => Coded) | undefined;
  pickInpatientProcedure: ((random: Random) => Coded) | undefined;
}

const catalogs = new WeakMap<World, Catalog>();

/** Lookup tables built once per world, not per patient. */
function catalogOf(world: World): Catalog {
  let catalog = catalogs.get(world);
  if (catalog) return catalog;
  const { vocabulary } = world;
  const panels = new Map<string, Measurement[]>();
  for (const lab of vocabulary.labs) {
    const list = panels.get(lab.panel) ?? [];
    list.push(lab);
    panels.set(lab.panel, list);
  }
  const meds = vocabulary.medications;
  const weighted = <T extends { weight: number }>(items: readonly T[]) =>
    items.length > 0 ? createWeightedPicker(items, items.map((item) => item.weight)) : undefined;
  catalog = {
    vitals: new Map(vocabulary.vitals.map((v) => [v.code, v])),
    panels,
    pickAcuteMed: createWeightedPicker(meds, meds.map((m) => m.weight)),
    pickOutpatientProcedure: weighted(vocabulary.outpatientProcedures),
    pickInpatientProcedure: weighted(vocabulary.inpatientProcedures),
  };
  catalogs.set(world, catalog);
  return catalog;
}

function recorder(ctx: PatientContext, encounter: PlannedEncounter): string {
  const nurses = ctx.team.members.filter((m) => m.role === 'nurse' || m.role === 'medical_assistant');
  return nurses.length > 0 && ctx.random.next() < 0.6 ? pick(ctx.random, nurses).id : encounter.provider.id;
}

function writeMeasurement(ctx: PatientContext, encounter: PlannedEncounter, m: Measurement, at: number, recordedBy: string, category: 'vital' | 'lab', panel: string) {
  const { value, flag } = ctx.measurements.next(ctx.random, m);
  if (category === 'lab') ctx.chart.labs.push({ at, lab: m.display.toLowerCase(), value, unit: m.unit });
  return writeEvent(ctx, {
    encounterId: encounter.id,
    category,
    codeSystem: 'LOINC',
    code: m.code,
    display: m.display,
    valueNumeric: value,
    valueText: null,
    unit: m.unit,
    status: 'final',
    at,
    recordedBy,
    payload:
      category === 'lab'
        ? { panel, interpretation: flag, reference_range: { low: m.low, high: m.high } }
        : { method: 'automated' },
  });
}

function writeBodyMeasures(ctx: PatientContext, encounter: PlannedEncounter, at: number, recordedBy: string, withHeight: boolean) {
  const catalog = catalogOf(ctx.world);
  const age = (at / SECONDS_PER_DAY - ctx.patient.birthDay) / 365.25;
  const heightCm = ctx.body.heightCm(age);
  const bmi = ctx.body.bmi * (1 + 0.02 * (ctx.random.next() - 0.5));
  const values: [string, number, number][] = [[WEIGHT, (bmi * heightCm * heightCm) / 10_000, 1]];
  if (withHeight) values.push([HEIGHT, heightCm, 1]);
  if (age >= 2) values.push([BMI, bmi, 1]);
  for (const [code, numeric, decimals] of values) {
    const m = catalog.vitals.get(code);
    if (!m) continue;
    writeEvent(ctx, {
      encounterId: encounter.id, category: 'vital', codeSystem: 'LOINC', code, display: m.display,
      valueNumeric: numeric.toFixed(decimals), valueText: null, unit: m.unit, status: 'final', at, recordedBy, payload: { method: 'measured' },
    });
  }
}

function writeVitalPanel(ctx: PatientContext, encounter: PlannedEncounter, at: number, codes: readonly string[]) {
  const catalog = catalogOf(ctx.world);
  const recordedBy = recorder(ctx, encounter);
  const ids: string[] = [];
  for (const code of codes) {
    if (code === WEIGHT) {
      writeBodyMeasures(ctx, encounter, at, recordedBy, ctx.patient.age < 18 || ctx.random.next() < 0.2);
      continue;
    }
    const m = catalog.vitals.get(code);
    if (m) ids.push(writeMeasurement(ctx, encounter, m, at, recordedBy, 'vital', 'vitals'));
  }
  return ids;
}

function writeLabPanel(ctx: PatientContext, encounter: PlannedEncounter, panel: string, at: number): string[] {
  const tests = catalogOf(ctx.world).panels.get(panel) ?? [];
  return tests.map((m) => writeMeasurement(ctx, encounter, m, at, encounter.provider.id, 'lab', panel));
}

function hasCategory(ctx: PatientContext, category: string): boolean {
  return ctx.problems.chronic.some((d) => d.code.startsWith(category));
}

/** Which panels an outpatient draw orders, given the problem list. */
function choosePanels(ctx: PatientContext): string[] {
  const { random } = ctx;
  const panels: string[] = [];
  const count = uniformInt(random, 1, 3);
  const options: [string, number][] = [
    ['BMP', 3], ['CMP', 2], ['CBC', 3], ['LIPID', hasCategory(ctx, 'E78') ? 4 : 1.5],
    ['A1C', hasCategory(ctx, 'E11') ? 6 : 0.8], ['TSH', hasCategory(ctx, 'E03') ? 4 : 0.6], ['UA', 0.8], ['LFT', 0.6],
  ];
  const available = options.filter(([panel]) => catalogOf(ctx.world).panels.has(panel));
  if (available.length === 0) return panels;
  const pickPanel = createWeightedPicker(available.map(([p]) => p), available.map(([, w]) => w));
  for (let i = 0; i < count; i++) {
    const panel = pickPanel(random);
    if (!panels.includes(panel)) panels.push(panel);
  }
  return panels;
}

function writeDiagnosis(ctx: PatientContext, encounter: PlannedEncounter, diagnosis: Coded & { kind?: string }, at: number) {
  const chronic = diagnosis.kind === 'chronic';
  return writeEvent(ctx, {
    encounterId: encounter.id, category: 'diagnosis', codeSystem: 'ICD-10-CM', code: diagnosis.code, display: diagnosis.display,
    valueNumeric: null, valueText: null, unit: null, status: chronic ? 'active' : 'resolved', at, recordedBy: encounter.provider.id,
    payload: { chronic, verification: 'confirmed' },
  });
}

const FREQUENCIES = ['daily', 'twice daily', 'three times daily', 'at bedtime', 'as needed'] as const;

function writeMedication(ctx: PatientContext, encounter: PlannedEncounter, medication: Medication, at: number, inpatient: boolean) {
  const { random } = ctx;
  ctx.chart.medications.push({ at, name: medication.display.toLowerCase() });
  return writeEvent(ctx, {
    encounterId: encounter.id, category: 'medication', codeSystem: 'RXNORM', code: medication.code, display: medication.display,
    valueNumeric: null, valueText: pick(random, FREQUENCIES), unit: null,
    status: inpatient ? 'completed' : random.next() < 0.85 ? 'active' : 'stopped', at, recordedBy: encounter.provider.id,
    payload: { route: inpatient && random.next() < 0.4 ? 'intravenous' : 'oral', refills: inpatient ? 0 : uniformInt(random, 0, 5) },
  });
}

function pickMedication(ctx: PatientContext, encounter: PlannedEncounter): Medication {
  const { random, problems } = ctx;
  if (problems.medications.length > 0 && random.next() < 0.7) return pick(random, problems.medications);
  const forReason = encounter.reason ? medicationsFor(ctx.world, encounter.reason.code) : [];
  if (forReason.length > 0 && random.next() < 0.6) return pick(random, forReason);
  return catalogOf(ctx.world).pickAcuteMed(random);
}

function writeDiagnoses(ctx: PatientContext, encounter: PlannedEncounter, count: number, at: number) {
  const { random, problems } = ctx;
  if (encounter.reason) writeDiagnosis(ctx, encounter, encounter.reason, at);
  for (let i = 1; i < count; i++) {
    const diagnosis = problems.chronic.length > 0 && random.next() < 0.7 ? pick(random, problems.chronic) : encounter.reason;
    if (diagnosis) writeDiagnosis(ctx, encounter, diagnosis, at);
  }
}

function writeProcedure(ctx: PatientContext, encounter: PlannedEncounter, procedure: Coded, at: number) {
  return writeEvent(ctx, {
    encounterId: encounter.id, category: 'procedure', codeSystem: procedure.system, code: procedure.code, display: procedure.display,
    valueNumeric: null, valueText: null, unit: null, status: 'completed', at, recordedBy: encounter.provider.id, payload: {},
  });
}

/** Timeline events of one encounter (REALISM.md §1.2 and §6); returns their ids for audit entries. */
export function writeEncounterEvents(ctx: PatientContext, encounter: PlannedEncounter): string[] {
  if (encounter.status === 'planned') return [];
  const { random, world } = ctx;
  const { params } = world;
  const catalog = catalogOf(world);
  const ids: string[] = [];
  const at = encounter.start + 300;
  if (encounter.kind === 'ambulatory' || encounter.kind === 'virtual' || encounter.kind === 'emergency') {
    const panel: string[] = encounter.kind === 'virtual' ? (random.next() < 0.2 ? [WEIGHT] : []) : [...OFFICE_PANEL];
    if (encounter.kind !== 'virtual') {
      if (random.next() < 0.6 || encounter.kind === 'emergency') panel.push(SPO2);
      if (random.next() < 0.5 || encounter.kind === 'emergency') panel.push(RESPIRATORY_RATE);
    }
    ids.push(...writeVitalPanel(ctx, encounter, at, panel));
    const labProbability = encounter.kind === 'emergency' ? params.edLabProbability : params.officeLabProbability;
    if (encounter.kind !== 'virtual' && bernoulli(random, labProbability)) {
      const panels = encounter.kind === 'emergency' ? ['BMP', 'CBC'] : choosePanels(ctx);
      // drawn during the visit; short visits draw right before they end
      for (const p of panels) ids.push(...writeLabPanel(ctx, encounter, p, Math.min(at + 600, encounter.end - 90)));
    }
    writeDiagnoses(ctx, encounter, uniformInt(random, 1, 3), encounter.end - 120);
    const meds = random.next() < params.medsPerVisitZeroShare ? 0 : 1 + poisson(random, params.medsPerVisitMean / (1 - params.medsPerVisitZeroShare) - 1);
    for (let i = 0; i < meds; i++) writeMedication(ctx, encounter, pickMedication(ctx, encounter), encounter.end - 60, false);
    if (encounter.kind === 'ambulatory' && catalog.pickOutpatientProcedure && random.next() < 0.08) {
      writeProcedure(ctx, encounter, catalog.pickOutpatientProcedure(random), Math.min(encounter.start + 1200, encounter.end - 30));
    }
    return ids;
  }

  // Inpatient stay: vitals every 4-8 h (hourly in the ICU), daily morning labs, orders and codes.
  const end = encounter.status === 'finished' ? encounter.end : Math.min(encounter.end, world.plan.referenceDay * SECONDS_PER_DAY);
  const icuUntil = encounter.icu ? encounter.start + Math.min(end - encounter.start, 1.6 * SECONDS_PER_DAY) : encounter.start;
  for (let t = encounter.start + 600; t < end; ) {
    ids.push(...writeVitalPanel(ctx, encounter, t, INPATIENT_PANEL));
    t += t < icuUntil ? 3600 : Math.round(uniform(random, 4, 8) * 3600);
  }
  const days = Math.max(1, Math.round((end - encounter.start) / SECONDS_PER_DAY));
  const labTarget = ((params.labsPerAdmission * uniform(random, 0.3, 1)) / 4.5) * days;
  let labs = 0;
  for (let day = 0; labs < labTarget && day < days * 3; day++) {
    const drawAt = encounter.start + (day % days) * SECONDS_PER_DAY + Math.floor(uniform(random, 2, 8) * 3600);
    for (const panel of day < days ? ['BMP', 'CBC'] : ['CMP', 'COAG', 'LFT']) {
      const written = writeLabPanel(ctx, encounter, panel, Math.min(drawAt, end - 60));
      labs += written.length;
      ids.push(...written);
    }
  }
  writeDiagnoses(ctx, encounter, Math.max(1, poisson(random, params.diagnosesPerAdmission)), encounter.start + 3600);
  const orders = Math.round((poisson(random, params.medsPerAdmission) * Math.min(days, 8)) / 4.5);
  for (let i = 0; i < orders; i++) {
    writeMedication(ctx, encounter, pickMedication(ctx, encounter), encounter.start + Math.floor(random.next() * (end - encounter.start)), true);
  }
  if (catalog.pickInpatientProcedure) {
    const procedures = poisson(random, 1.55);
    for (let i = 0; i < procedures; i++) {
      writeProcedure(ctx, encounter, catalog.pickInpatientProcedure(random), encounter.start + Math.floor(random.next() * (end - encounter.start)));
    }
  }
  return ids;
}
