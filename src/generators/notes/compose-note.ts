import { lognormal, pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import type { DocumentType, NotePhrases } from '../vocabulary.js';
import { isRelevant, type PhraseContext } from './phrase-relevance.js';
import { canFill, compilePhrase, fillPhrase, type PhraseTemplate, type PhraseValues } from './phrase-template.js';

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

export const HEADINGS: Record<string, string> = {
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
  /** Chief complaints by kind of visit reason, cut from the chief_complaint list by what they say. */
  readonly chiefComplaints: Readonly<Record<'chronic' | 'acute' | 'adultWellness' | 'childWellness', readonly PhraseTemplate[]>>;
}

export function compilePhrases(phrases: NotePhrases): CompiledPhrases {
  const compile = (record: Readonly<Record<string, readonly string[]>>) =>
    new Map(Object.entries(record).map(([key, list]) => [key, list.map(compilePhrase)] as const));
  const sections = compile(phrases.sections);
  const complaints = sections.get('chief_complaint') ?? [];
  const withDx = complaints.filter((t) => t.slots.has('dx') && !t.slots.has('lab'));
  const followUp = /follow-up|recheck|review|scheduled|refill|management/i;
  const orAll = (list: PhraseTemplate[]) => (list.length > 0 ? list : complaints);
  return {
    sections,
    byDiagnosis: compile(phrases.byDiagnosis),
    chiefComplaints: {
      chronic: orAll(withDx.filter((t) => followUp.test(t.text))),
      acute: orAll(withDx.filter((t) => !followUp.test(t.text))),
      adultWellness: orAll(complaints.filter((t) => /annual physical|vaccination|pre-operative/i.test(t.text))),
      childWellness: orAll(complaints.filter((t) => /well child|vaccination/i.test(t.text))),
    },
  };
}

/** The section texts of a patient's previous note, for copy-forward. */
export type NoteMemory = Map<string, string>;

export interface ComposedNote {
  readonly body: string;
  readonly words: number;
  /** The body cut at whitespace into headings ("PLAN:") and section texts, the same strings each time they recur. */
  readonly pieces: readonly string[];
}

// "PLAN:" and the like, one string per section, so a note's pieces repeat as the same strings.
const headingPieces = new Map<string, string>();
function headingPiece(section: string): string {
  let piece = headingPieces.get(section);
  if (piece === undefined) headingPieces.set(section, (piece = `${HEADINGS[section] ?? section.toUpperCase()}:`));
  return piece;
}

/** Who and what a note is about: only the patient's own visit reason, medications and results. */
export interface NoteSubject {
  /** Values fixed for the whole note (age, sex, pronoun, the visit's diagnosis, the author). */
  readonly base: Omit<PhraseValues, 'med' | 'lab' | 'value' | 'unit' | 'days'>;
  readonly reasonKind: 'chronic' | 'acute' | 'wellness' | undefined;
  readonly child: boolean;
  /** The patient's medications, lower case. */
  readonly meds: readonly string[];
  /** The patient's results so far, latest last. */
  readonly labs: readonly { readonly lab: string; readonly value: string; readonly unit: string }[];
  /** Problems, age and setting that decide which general phrases fit (phrase-relevance.ts). */
  readonly context: PhraseContext;
}

/**
 * Draws one sentence's values into `values` (one object per note, refilled per sentence: a fresh
 * object per sentence was a tenth of generation time). The draws and their order are the note's
 * random stream, so they must not change.
 */
function drawValues(values: PhraseValues, random: Random, subject: NoteSubject): PhraseValues {
  const lab = subject.labs.length > 0 ? subject.labs[subject.labs.length - 1 - Math.floor(random.next() * Math.min(6, subject.labs.length))] : undefined;
  values.med = subject.meds.length > 0 ? pick(random, subject.meds) : undefined;
  values.lab = lab?.lab;
  values.value = lab?.value;
  values.unit = lab?.unit;
  values.days = String(2 + Math.floor(random.next() * 13));
  return values;
}

/** A template whose placeholders this patient can fill, or undefined after a few tries. */
function pickFillable(random: Random, pool: readonly PhraseTemplate[], values: PhraseValues): PhraseTemplate | undefined {
  for (let attempt = 0; attempt < 6; attempt++) {
    const template = pick(random, pool);
    if (canFill(template, values)) return template;
  }
  return undefined;
}

// "Appetite is unchanged." -> "appetite is unchanged." when it becomes the second half of a sentence;
// acronyms (HEENT, BMI) and numbers keep their case.
function continuation(text: string): string {
  const first = text.split(/[\s:,]/, 1)[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function chiefComplaintPool(phrases: CompiledPhrases, subject: NoteSubject): readonly PhraseTemplate[] {
  const cc = phrases.chiefComplaints;
  switch (subject.reasonKind) {
    case 'chronic':
      return cc.chronic;
    case 'acute':
      return cc.acute;
    case 'wellness':
      return subject.child ? cc.childWellness : cc.adultWellness;
    default:
      return phrases.sections.get('chief_complaint') ?? [];
  }
}

/**
 * Assembles a note from phrase templates: a lognormal length for the note type (REALISM.md §1.5),
 * split over the type's sections. Each section is copied verbatim from the patient's previous
 * note with probability `copyForwardShare` (real notes are ~59% copied text), so full-text search
 * sees realistic term repetition. Otherwise sentences are drawn fresh, each with its own values
 * (one of the patient's medications, one of their results), and half of the general ones joined
 * in pairs: the pool then yields thousands of distinct sentences, so two unrelated notes share few
 * by chance. The chief complaint is one sentence about the visit's reason.
 */
export function composeNote(
  random: Random,
  phrases: CompiledPhrases,
  type: DocumentType,
  subject: NoteSubject,
  diagnosisCodes: readonly string[],
  memory: NoteMemory,
  copyForwardShare: number,
): ComposedNote {
  const layout = LAYOUTS[type.code] ?? DEFAULT_LAYOUT;
  const sentenceValues: PhraseValues = { ...subject.base, days: '' };
  const targetWords = Math.max(12, Math.round(lognormal(random, type.medianWords, type.sigma)));
  const diagnosisPhrases = diagnosisCodes.flatMap((code) => phrases.byDiagnosis.get(code) ?? phrases.byDiagnosis.get(code.slice(0, 3)) ?? []);
  const parts: string[] = [];
  const pieces: string[] = [];
  let words = 0;
  for (const [section, share] of layout) {
    const budget = Math.max(4, Math.round(targetWords * share));
    const previous = memory.get(section);
    let text: string;
    if (section !== 'chief_complaint' && previous !== undefined && random.next() < copyForwardShare) {
      text = previous;
      words += previous.length / 6;
    } else if (section === 'chief_complaint') {
      const values = drawValues(sentenceValues, random, subject);
      const template = pickFillable(random, chiefComplaintPool(phrases, subject), values);
      const complaint = template ? fillPhrase(template, values) : `Follow-up of ${subject.base.dx}.`;
      text = complaint.charAt(0).toUpperCase() + complaint.slice(1);
      words += template?.words ?? 3;
      memory.set(section, text);
    } else {
      const pool = (phrases.sections.get(section) ?? []).filter((t) => isRelevant(t, subject.context));
      const sentences: string[] = [];
      let sectionWords = 0;
      for (let guard = 0; sectionWords < budget && guard < 400 && (pool.length > 0 || diagnosisPhrases.length > 0); guard++) {
        const values = drawValues(sentenceValues, random, subject);
        const useDiagnosis = diagnosisPhrases.length > 0 && DIAGNOSIS_SECTIONS.has(section) && random.next() < 0.35;
        const template = pickFillable(random, useDiagnosis || pool.length === 0 ? diagnosisPhrases : pool, values);
        if (!template) continue;
        let sentence = fillPhrase(template, values);
        sectionWords += template.words;
        if (!useDiagnosis && sentence.endsWith('.') && random.next() < 0.75) {
          const second = pickFillable(random, pool, values);
          if (second && second !== template) {
            const tail = fillPhrase(second, values);
            if (tail.endsWith('.')) {
              sentence = `${sentence.slice(0, -1)}; ${continuation(tail)}`;
              sectionWords += second.words;
            }
          }
        }
        sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
      }
      text = sentences.join(' ');
      words += sectionWords;
      memory.set(section, text);
    }
    parts.push(`${headingPiece(section)}\n${text}`);
    pieces.push(headingPiece(section), text);
  }
  return { body: parts.join('\n\n'), words: Math.round(words), pieces };
}
