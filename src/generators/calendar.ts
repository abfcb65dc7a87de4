// Civil-calendar arithmetic on integer days and seconds since 1970-01-01 UTC, with formatting in
// exactly the text PostgreSQL prints (DateStyle ISO, TimeZone UTC). Pure integer math: no Date,
// no Intl, no locale, no clock.

export const SECONDS_PER_DAY = 86_400;
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

/** Days since the epoch of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** [year, month, day] of a day number (civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** 0 = Monday ... 6 = Sunday. */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

const dateCache = new Map<number, string>();

/** 'YYYY-MM-DD' for a day number. Cached: a dataset touches a few thousand distinct days. */
export function formatDate(days: number): string {
  let text = dateCache.get(days);
  if (text === undefined) {
    const [year, month, day] = civilFromDays(days);
    text = `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
    dateCache.set(days, text);
  }
  return text;
}

const DIGIT_0 = 0x30;

/** 'YYYY-MM-DD HH:MM:SS+00' for whole seconds since the epoch, as PostgreSQL prints timestamptz in UTC. */
export function formatTimestamp(seconds: number): string {
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / SECONDS_PER_DAY);
  let rest = whole - days * SECONDS_PER_DAY;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  const date = formatDate(days);
  if (date.length !== 10) return `${date} ${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[secs]}+00`;
  // One String.fromCharCode call, so the text is born one flat string: a template made a rope
  // that every write of the timestamp had to walk (most rows carry one).
  return String.fromCharCode(
    date.charCodeAt(0), date.charCodeAt(1), date.charCodeAt(2), date.charCodeAt(3), date.charCodeAt(4),
    date.charCodeAt(5), date.charCodeAt(6), date.charCodeAt(7), date.charCodeAt(8), date.charCodeAt(9),
    0x20, DIGIT_0 + Math.floor(hours / 10), DIGIT_0 + (hours % 10),
    0x3a, DIGIT_0 + Math.floor(minutes / 10), DIGIT_0 + (minutes % 10),
    0x3a, DIGIT_0 + Math.floor(secs / 10), DIGIT_0 + (secs % 10),
    0x2b, DIGIT_0, DIGIT_0,
  );
}

/** Parses 'YYYY-MM-DD' strictly; returns the day number or undefined when malformed or not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const days = daysFromCivil(year, month, day);
  const [y2, m2, d2] = civilFromDays(days);
  return y2 === year && m2 === month && d2 === day ? days : undefined;
}
