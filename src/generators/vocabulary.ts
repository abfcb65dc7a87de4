import type { EnglishLexemes } from '../text-search/index.js';
import type { CodeSystem } from './row-types.js';

// The clinical vocabulary the generators draw from, in the shape generation needs. Built once from
// fixtures/ (see build-vocabulary.ts) so generators never parse files or touch the disk.

export interface Coded {
  readonly system: CodeSystem;
  readonly code: string;
  readonly display: string;
}

export interface Measurement extends Coded {
  readonly unit: string;
  readonly low: number;
  readonly high: number;
  /** Plausible value in disease, for patients whose conditions push this measurement up. */
  readonly abnormalHigh: number;
  readonly decimals: number;
  readonly panel: string;
}

export interface Diagnosis extends Coded {
  readonly kind: 'chronic' | 'acute' | 'encounter' | 'injury';
  readonly weight: number;
}

export interface Medication extends Coded {
  readonly drugClass: string;
  readonly indications: readonly string[];
  readonly weight: number;
}

export interface Vaccine extends Coded {
  readonly scheduleMonths: readonly number[];
  readonly seasonal: boolean;
}

export interface DocumentType extends Coded {
  readonly setting: string;
  readonly medianWords: number;
  readonly sigma: number;
}

export interface TaskType {
  readonly code: string;
  readonly display: string;
  readonly category: string;
  readonly weight: number;
  readonly priority: 'low' | 'routine' | 'urgent' | 'stat';
}

export interface AuditAction {
  readonly code: string;
  readonly resourceType: 'patient' | 'encounter' | 'timeline_event' | 'document' | 'task' | 'care_team_member';
  readonly weight: number;
  readonly breakGlass: boolean;
}

export interface Specialty {
  readonly code: string;
  readonly role: string;
  readonly weight: number;
}

export interface ChronicCondition {
  readonly code: string;
  /** Prevalence by age band: under 18, 18-44, 45-64, 65 and over. */
  readonly prevalence: readonly [number, number, number, number];
  readonly femaleFactor: number;
}

export interface NotePhrases {
  readonly sections: Readonly<Record<string, readonly string[]>>;
  readonly byDiagnosis: Readonly<Record<string, readonly string[]>>;
}

export interface Vocabulary {
  readonly labs: readonly Measurement[];
  readonly vitals: readonly Measurement[];
  readonly diagnoses: readonly Diagnosis[];
  readonly medications: readonly Medication[];
  readonly vaccines: readonly Vaccine[];
  readonly allergens: readonly (Coded & { weight: number })[];
  readonly inpatientProcedures: readonly (Coded & { weight: number })[];
  readonly outpatientProcedures: readonly (Coded & { weight: number })[];
  readonly documentTypes: readonly DocumentType[];
  readonly taskTypes: readonly TaskType[];
  readonly auditActions: readonly AuditAction[];
  readonly specialties: readonly Specialty[];
  readonly chronicConditions: readonly ChronicCondition[];
  readonly notePhrases: NotePhrases;
  /** english_stem lexeme of every word a note can hold (null: stop word), for search vectors. */
  readonly englishLexemes: EnglishLexemes;
  /** Person and place names (from @faker-js/faker's en locale data, picked by our own RNG). */
  readonly names: {
    readonly female: readonly string[];
    readonly male: readonly string[];
    readonly family: readonly string[];
    readonly cities: readonly string[];
    readonly streetSuffixes: readonly string[];
    readonly states: readonly string[];
  };
}
