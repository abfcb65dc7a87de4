import { lognormal, pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import type { DocumentType, NotePhrases } from '../vocabulary.js';
import { compilePhrase, fillPhrase, type PhraseTemplate, type PhraseValues } from './phrase-template.js';

// Sections of each note type (by LOINC code) with their share of the note's words.
const LAYOUTS: Record<string, readonly (readonly [string, number])[]> = {
  '11506-3': [['chief_complaint', 0.04], ['hpi', 0.3], ['ros', 0.12], ['physical_exam', 0.2], ['assessment', 0.17], ['plan', 0.17]],
  '34117-2': [['chief_complaint', 0.03], ['hpi', 0.3], ['ros', 0.15], ['physical_exam', 0.2], ['assessment', 0.16], ['plan', 0.16]],
  '18842-5': [['hpi', 0.15], ['hospital_course', 0.5], ['assessment', 0.15], ['plan', 0.2]],
  '11488-4': [['hpi', 0.35], ['physical_exam', 0.2], ['assessment', 0.25], ['plan', 0.2]],
  '34111-5': [['chief_complaint', 0.05], ['hpi', 0.35], ['physical_exam', 0.25], ['assessment', 0.15], ['plan', 0.2]],
  '34746-8': [['nursing', 1]],
  '34748-4': [['telephone', 1]],
  '28570-0': [['procedure', 0.8], ['plan', 0.2]],
  '11504-8': [['procedure', 0.85], ['plan', 0.15]],
  '18748-4': [['imaging', 1]],
  '11526-1': [['pathology', 1]],
  '57133-1': [['hpi', 0.4], ['assessment', 0.3], ['plan', 0.3]],
};
const DEFAULT_LAYOUT = LAYOUTS['11506-3']!;
// Diagnosis-specific phrases go into these sections.
const DIAGNOSIS_SECTIONS = new Set(['hpi', 'assessment', 'plan', 'hospital_course']);

const HEADINGS: Record<string, string> = {
  chief_complaint: 'CHIEF COMPLAINT',
  hpi: 'HISTORY OF PRESENT ILLNESS',
  ros: 'REVIEW OF SYSTEMS',
  physical_exam: 'PHYSICAL EXAMINATION',
  assessment: 'ASSESSMENT',
  plan: 'PLAN',
  hospital_course: 'HOSPITAL COURSE',
  nursing: 'NURSING NOTE',
  telephone: 'TELEPHONE ENCOUNTER',
  procedure: 'PROCEDURE',
  imaging: 'FINDINGS',
  pathology: 'PATHOLOGY REPORT',
};

export interface CompiledPhrases {
  readonly sections: ReadonlyMap<string, readonly PhraseTemplate[]>;
  readonly byDiagnosis: ReadonlyMap<string, readonly PhraseTemplate[]>;
}

export function compilePhrases(phrases: NotePhrases): CompiledPhrases {
  const compile = (record: Readonly<Record<string, readonly string[]>>) =>
    new Map(Object.entries(record).map(([key, list]) => [key, list.map(compilePhrase)] as const));
  return { sections: compile(phrases.sections), byDiagnosis: compile(phrases.byDiagnosis) };
}

/** The section texts of a patient's previous note, for copy-forward. */
export type NoteMemory = Map<string, string>;

export interface ComposedNote {
  readonly body: string;
  readonly words: number;
}

/**
 * Assembles a note from phrase templates: a lognormal length for the note type (REALISM.md §1.5),
 * split over the type's sections. Each section is copied verbatim from the patient's previous
 * note with probability `copyForwardShare` (real notes are ~59% copied text), so full-text search
 * sees realistic term repetition.
 */
export function composeNote(
  random: Random,
  phrases: CompiledPhrases,
  type: DocumentType,
  values: PhraseValues,
  diagnosisCodes: readonly string[],
  memory: NoteMemory,
  copyForwardShare: number,
): ComposedNote {
  const layout = LAYOUTS[type.code] ?? DEFAULT_LAYOUT;
  const targetWords = Math.max(12, Math.round(lognormal(random, type.medianWords, type.sigma)));
  const diagnosisPhrases = diagnosisCodes.flatMap((code) => phrases.byDiagnosis.get(code) ?? phrases.byDiagnosis.get(code.slice(0, 3)) ?? []);
  const parts: string[] = [];
  let words = 0;
  for (const [section, share] of layout) {
    const budget = Math.max(4, Math.round(targetWords * share));
    const previous = memory.get(section);
    let text: string;
    if (previous !== undefined && random.next() < copyForwardShare) {
      text = previous;
      words += previous.length / 6;
    } else {
      const pool = phrases.sections.get(section) ?? [];
      const sentences: string[] = [];
      let sectionWords = 0;
      while (sectionWords < budget && (pool.length > 0 || diagnosisPhrases.length > 0)) {
        const useDiagnosis = diagnosisPhrases.length > 0 && DIAGNOSIS_SECTIONS.has(section) && random.next() < 0.35;
        const template = useDiagnosis || pool.length === 0 ? pick(random, diagnosisPhrases) : pick(random, pool);
        sentences.push(fillPhrase(template, values));
        sectionWords += template.words;
      }
      text = sentences.join(' ');
      words += sectionWords;
      memory.set(section, text);
    }
    parts.push(`${HEADINGS[section] ?? section.toUpperCase()}:\n${text}`);
  }
  return { body: parts.join('\n\n'), words: Math.round(words) };
}
