// Only the en locale: the package entry point loads every locale (~37 MB per thread vs ~9 MB).
import { faker } from '@faker-js/faker/locale/en';
import type { Fixtures } from '../fixtures/load-fixtures.js';
import type { ChronicCondition, Vocabulary } from './vocabulary.js';

// Fixture priorities to the task priorities of the schema.
const PRIORITY = { routine: 'routine', urgent: 'urgent', asap: 'urgent', stat: 'stat' } as const;

/**
 * Turns the validated fixture files into the vocabulary generators use. Names come from
 * @faker-js/faker's en locale data (pinned version), picked by our own RNG: far faster than a
 * faker call per field, and just as deterministic.
 */
export function buildVocabulary(fixtures: Fixtures): Vocabulary {
  const chronicConditions: ChronicCondition[] = fixtures.chronicConditions.map((row) => ({
    code: row.code,
    prevalence: [row.under18, row.age18to44, row.age45to64, row.age65plus],
    femaleFactor: row.femaleFactor,
  }));
  return {
    labs: fixtures.loincLabs.map((lab) => ({
      system: 'LOINC',
      code: lab.code,
      display: lab.display,
      unit: lab.unit,
      low: lab.low,
      high: lab.high,
      abnormalHigh: lab.abnormalHigh,
      decimals: lab.decimals,
      panel: lab.panel,
    })),
    vitals: fixtures.loincVitals.map((vital) => ({
      system: 'LOINC',
      code: vital.code,
      display: vital.display,
      unit: vital.unit,
      low: vital.low,
      high: vital.high,
      abnormalHigh: vital.abnormalHigh,
      decimals: vital.decimals,
      panel: 'vitals',
    })),
    diagnoses: fixtures.icd10cm.map((d) => ({ system: 'ICD-10-CM', code: d.code, display: d.display, kind: d.kind, weight: d.weight })),
    medications: fixtures.rxnorm.map((m) => ({
      system: 'RXNORM',
      code: m.rxcui,
      display: m.name,
      drugClass: m.drugClass,
      indications: m.indications,
      weight: m.weight,
    })),
    vaccines: fixtures.cvx.map((v) => ({ system: 'CVX', code: v.code, display: v.display, scheduleMonths: v.scheduleMonths, seasonal: v.seasonal })),
    allergens: fixtures.allergens.map((a) => ({ system: a.system, code: a.code, display: a.display, weight: a.weight })),
    inpatientProcedures: fixtures.icd10pcs.map((p) => ({ system: 'ICD-10-PCS', code: p.code, display: p.display, weight: p.weight })),
    outpatientProcedures: fixtures.hcpcs2.map((p) => ({ system: 'HCPCS', code: p.code, display: p.display, weight: p.weight })),
    documentTypes: fixtures.loincDoctypes.map((t) => ({
      system: 'LOINC',
      code: t.code,
      display: t.display,
      setting: t.setting,
      medianWords: t.medianWords,
      sigma: t.sigma,
    })),
    taskTypes: fixtures.taskTypes.map((t) => ({
      code: t.code,
      display: t.display,
      category: t.category,
      weight: t.weight,
      priority: PRIORITY[t.defaultPriority],
    })),
    auditActions: fixtures.auditActions.map((a) => ({
      code: a.code,
      resourceType: a.resourceType,
      weight: a.weight,
      breakGlass: a.code.includes('break_glass'),
    })),
    specialties: fixtures.specialties.map((s) => ({ code: s.code, role: s.role, weight: s.weight })),
    chronicConditions,
    notePhrases: { sections: fixtures.notePhrases.sections, byDiagnosis: fixtures.notePhrases.byDiagnosis },
    englishLexemes: fixtures.englishLexemes,
    names: namesFromFaker(),
  };
}

function namesFromFaker(): Vocabulary['names'] {
  const { person, location } = faker.definitions;
  return {
    female: person.first_name.female ?? [],
    male: person.first_name.male ?? [],
    family: person.last_name.generic ?? [],
    cities: location.city_name,
    streetSuffixes: location.street_suffix,
    states: location.state_abbr,
  };
}
