import { lognormal, normal } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';

/** A patient's height and BMI, fixed for the history window (adults) so weights are consistent. */
export interface BodySize {
  heightCm(ageYears: number): number;
  readonly bmi: number;
}

/** Height by age: a simple growth curve to an adult height drawn once per patient (A). */
export function createBodySize(random: Random, sex: 'female' | 'male', ageYears: number): BodySize {
  const adult = normal(random, sex === 'female' ? 162 : 176, 7);
  // Adult BMI: median 28, sigma 0.2 gives ~40% obese (REALISM.md §1.3: 42.4%). Children lower.
  const bmi = ageYears < 18 ? lognormal(random, 17 + ageYears * 0.25, 0.12) : lognormal(random, 28, 0.2);
  return {
    bmi,
    heightCm(age) {
      if (age < 1) return 50 + 25 * age;
      if (age < 13) return 75 + 6.3 * (age - 1);
      if (age < 18) return 150.6 + ((adult - 150.6) * (age - 13)) / 5;
      return adult;
    },
  };
}
