/**
 * Distribution parameters of the generator. Each cites REALISM.md; (A) marks an assumption where
 * no published figure was found. A profile or --config file may override any of them under "params".
 */
export const DEFAULT_PARAMS = {
  /** Share of patients in the largest tenant; the rest follow Zipf. RLS plans depend on this skew (§6, A). */
  largestTenantShare: 0.36,
  /** Zipf exponent of the remaining tenant sizes (§6, A). */
  tenantZipfExponent: 1.1,
  /** Share of female patients (§6, A). */
  femaleShare: 0.55,
  /** Office visits per person-year, before age/sex factors (§1.1: 335.6 per 100, 3.9 in SIPP). */
  officeVisitsPerYear: 3.9,
  /** Gamma shape of per-patient visit rates: 0.7 gives 27% with no visit in a year (§TL;DR, [9]). */
  officeVisitShape: 0.7,
  /** Share of office visits held virtually (A). */
  virtualVisitShare: 0.15,
  /** ED visits per person-year and negative-binomial shape (§6: 0.4, 0.3, A). */
  edVisitsPerYear: 0.4,
  edVisitShape: 0.3,
  /** Admissions per person-year (§6: 8%). */
  admissionsPerYear: 0.08,
  /** Length of stay: lognormal median days and sigma (~1% over 8 nights, §6). */
  stayMedianDays: 3,
  staySigma: 0.42,
  /** Share of admissions with an ICU stay (§6, A). */
  icuShare: 0.15,
  /** Lab panels at office visits: probability of any (§1.2: ~30%). */
  officeLabProbability: 0.3,
  /** Labs at ED visits (§1.1: blood drawn at 38.8%). */
  edLabProbability: 0.39,
  /** Lab results per admission, scaled by U(0.3, 1) (§1.2: 274 in MIMIC-IV, an upper bound). */
  labsPerAdmission: 274,
  /** Medication orders per office visit: zero-inflated Poisson (§6: 27% zero, mean 2.26). */
  medsPerVisitMean: 2.26,
  medsPerVisitZeroShare: 0.27,
  /** Medication orders and diagnosis codes per admission (§1.2: 36 and 11). */
  medsPerAdmission: 36,
  diagnosesPerAdmission: 11,
  /** Share of note text copied forward from the patient's previous note (§1.5: 58.8%). */
  copyForwardShare: 0.6,
  /** Telephone encounters and portal-message notes (documents without a visit) per person-year (A). */
  telephoneNotesPerYear: 4,
  /** Share of office visits with a nursing intake note besides the clinician's progress note (A). */
  intakeNoteShare: 0.5,
  /** Care-team size: lognormal median and sigma, clamped to 3-8 (§6, A). */
  careTeamMedian: 4.5,
  careTeamSigma: 0.3,
  /** Primary-care panel a care pod is staffed for: median and clamp, per pod (§1.1, §6: 1,200-1,900 [30]). */
  panelMedian: 1500,
  panelMin: 1200,
  panelMax: 1900,
  /** Per-clinician workload multiplier: lognormal sigma on inbox and audit volume (§6: 0.5). */
  clinicianWorkloadSigma: 0.5,
  /** Inbox tasks per primary-care clinician-workday at a full panel (§1.7: 76.9 [21]). */
  tasksPerPcpDay: 76.9,
  /** Inbox tasks per specialist-workday at a full caseload (§1.7: 29.1 [21]). */
  tasksPerSpecialistDay: 29.1,
  /** Patients a specialist follows at a full caseload (A: no published figure found). */
  specialistCaseload: 600,
  /** Audit events per ambulatory encounter: lognormal median, sigma (§1.6: ~33 per encounter [25], A for sigma). */
  auditPerEncounterMedian: 33,
  auditSigma: 0.6,
  /**
   * Audit events per inbox task (chart opened, results and notes read, task updated): lognormal
   * median (A). Chosen so a full-panel primary-care clinician lands near ~1,000 a day (§1.6, §6):
   * ~77 tasks x ~7 plus ~16 visits x ~25 of the visit's ~40 entries (measured: ~1,030 at workload 1).
   */
  auditPerTaskMedian: 6,
  /** Day-to-day lognormal sigma of a clinician's activity (A; with the workload sigma ~0.6 in all, §6). */
  auditDaySigma: 0.45,
  /** Audit events per inpatient day (A, between the ~33/encounter and ~660/ICU-patient figures of §1.6). */
  auditPerInpatientDay: 120,
  /** Share of audit reads that are break-glass accesses by someone outside the care team (§1.6, A). */
  breakGlassShare: 0.01,
  /** Share of activity timestamps after clinic hours (§1.8: 24%). */
  afterHoursShare: 0.24,
  /** Share of clinic activity on weekends (§6, A). */
  weekendShare: 0.05,
} as const;

export type Params = { -readonly [K in keyof typeof DEFAULT_PARAMS]: number };
