import type { PhraseTemplate } from './phrase-template.js';

// The general phrase lists mix sentences about particular problems (a glucose log, a bulging
// eardrum, a parent's report). A sentence about a problem is kept only for a patient who has it,
// so a note reads like one patient's chart rather than a string of unrelated complaints.
// Rules match the phrase text; codes are ICD-10-CM prefixes of the visit reason or problem list.
const TOPICS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/glucose|hypoglyc|diabet|A1c|monofilament|foot exam|polydipsia/i, ['E11', 'R73']],
  [/blood pressure|low-sodium/i, ['I10']],
  [/cough|sputum|wheez|congestion|sore throat|pharynx|tonsil|crackles|respiratory infection|chest x-ray|viral illness|lymph nodes/i, ['J', 'U07']],
  [/tympanic|pulling at the right ear|cerumen/i, ['H6']],
  [/Positive for dysuria|Urinary frequency|urinary tract|costovertebral|urine culture/i, ['N39']],
  [/back pain|straight leg|paraspinal|radiates down the back|Heat, gentle stretching/i, ['M54']],
  [/knee|arthralgia|physical therapy/i, ['M17']],
  [/ankle ligament/i, ['S93']],
  [/heartburn|epigastri/i, ['K21']],
  [/chest pain, atypical|irregularly irregular|murmur|telemetry|troponin|cardiology|ECG/i, ['I25', 'I48', 'I50']],
  [/leg swelling|pitting edema|ankle swelling|shortness of breath occurs/i, ['I50', 'N18', 'J44']],
  [/Mood is depressed|Depression screening positive|behavioral health|Worsening mood/i, ['F32']],
  [/nervous\/anxious|Anxious, fidgety|Stress at work|Sleep has been poor|sleep disturbance/i, ['F41', 'F32', 'G47']],
  [/Positive for rash|papules/i, ['L', 'T78']],
  [/Erythematous, warm, tender area/i, ['L03']],
  [/weight loss|anti-obesity|nutrition program|Overweight|Weight is up/i, ['E66']],
  [/smoker|Smoking cessation/i, ['F17']],
  [/Positive for numbness/i, ['E11', 'G']],
  [/thyroid|thyromegaly/i, ['E03']],
];
const CHILD_ONLY = /child|Mother reports|Pediatric:|fontanelle|Well child/i;
const ADULT_ONLY = /spouse|alcohol|smoker|Mammogram|Colon cancer|Advance care|Well adult|Work note|Stress at work/i;
const OLDER_ONLY = /fell while|Fall without|Fall precautions|activities of daily living/i;
const ED_ONLY = /emergency department by/i;
const INPATIENT_ONLY = /bedside|Admit to|tolerating diet|requiring admission|telemetry|kidney injury, now resolved|Discharge home|mental status/i;

export type NoteSetting = 'office' | 'emergency' | 'inpatient' | 'phone';

export interface PhraseContext {
  readonly codes: readonly string[];
  readonly age: number;
  readonly setting: NoteSetting;
}

interface Requirement {
  readonly minAge: number;
  readonly maxAge: number;
  readonly setting: NoteSetting | undefined;
  /** Each entry: the patient must have a code starting with one of these prefixes. */
  readonly topics: readonly (readonly string[])[];
}

// Rules are matched once per phrase, not once per note.
const requirements = new WeakMap<PhraseTemplate, Requirement>();

function requirementOf(template: PhraseTemplate): Requirement {
  let requirement = requirements.get(template);
  if (!requirement) {
    const text = template.text;
    requirement = {
      minAge: OLDER_ONLY.test(text) ? 65 : ADULT_ONLY.test(text) ? 18 : 0,
      maxAge: CHILD_ONLY.test(text) ? 17 : Infinity,
      setting: ED_ONLY.test(text) ? 'emergency' : INPATIENT_ONLY.test(text) ? 'inpatient' : undefined,
      topics: TOPICS.filter(([pattern]) => pattern.test(text)).map(([, prefixes]) => prefixes),
    };
    requirements.set(template, requirement);
  }
  return requirement;
}

/** Whether a general phrase fits this patient and setting. */
export function isRelevant(template: PhraseTemplate, context: PhraseContext): boolean {
  const r = requirementOf(template);
  if (context.age < r.minAge || context.age > r.maxAge) return false;
  if (r.setting !== undefined && r.setting !== context.setting) return false;
  return r.topics.every((prefixes) => context.codes.some((code) => prefixes.some((prefix) => code.startsWith(prefix))));
}
