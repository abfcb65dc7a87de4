import { normal } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { SECONDS_PER_DAY, weekday } from '../calendar.js';

// When things happen (REALISM.md §1.8): clinics Mon-Fri with morning and afternoon peaks, a share
// of EHR work after hours, emergency departments busiest in the evening and on Mondays.

/** A day in [start, end) where weekends keep only `weekendShare` of the activity. */
export function pickClinicDay(random: Random, startDay: number, endDay: number, weekendShare: number): number {
  const day = startDay + Math.floor(random.next() * (endDay - startDay));
  const dow = weekday(day);
  if (dow < 5 || random.next() < weekendShare * 3.5) return day;
  // move the weekend day to the adjacent weekday (Saturday -> Friday, Sunday -> Monday)
  const moved = dow === 5 ? day - 1 : day + 1;
  return moved >= startDay && moved < endDay ? moved : day;
}

/** Local seconds after midnight during clinic hours: peaks 09-11 and 13-16. */
export function clinicSecondOfDay(random: Random): number {
  const morning = random.next() < 0.5;
  const hour = morning ? normal(random, 10, 0.9) : normal(random, 14.5, 1.1);
  return Math.round(Math.min(17.9, Math.max(8, hour)) * 3600);
}

/** Local seconds for EHR work: clinic hours, or after hours with the given share. */
export function workSecondOfDay(random: Random, afterHoursShare: number): number {
  if (random.next() >= afterHoursShare) return clinicSecondOfDay(random);
  const evening = random.next() < 0.8;
  const hour = evening ? 18 + random.next() * 5 : 6 + random.next() * 2;
  return Math.floor(hour * 3600);
}

/** ED arrivals: lowest around 06:00, highest around 19:00 (a cosine day curve, by rejection). */
export function edSecondOfDay(random: Random): number {
  for (;;) {
    const hour = random.next() * 24;
    const density = (1 + 0.5 * Math.cos((2 * Math.PI * (hour - 19)) / 24)) / 1.5;
    if (random.next() < density) return Math.floor(hour * 3600);
  }
}

/** A day for an ED visit: uniform, with Mondays 15% busier. */
export function pickEdDay(random: Random, startDay: number, endDay: number): number {
  for (;;) {
    const day = startDay + Math.floor(random.next() * (endDay - startDay));
    if (weekday(day) === 0 || random.next() < 1 / 1.15) return day;
  }
}

/** Epoch seconds of a local time in an organization (fixed UTC offset). */
export function toEpochSeconds(day: number, localSecond: number, utcOffsetMinutes: number): number {
  return day * SECONDS_PER_DAY + localSecond - utcOffsetMinutes * 60;
}

/** The day itself if it is Monday-Friday, else the next Monday. */
export function workdayOnOrAfter(day: number): number {
  const dow = weekday(day);
  return dow < 5 ? day : day + (7 - dow);
}

/** Monday-Friday days in [startDay, endDay). */
export function countWorkdays(startDay: number, endDay: number): number {
  let count = 0;
  for (let day = startDay; day < endDay; day++) if (weekday(day) < 5) count++;
  return count;
}
