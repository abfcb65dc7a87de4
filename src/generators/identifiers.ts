// Human-facing identifiers that look real and are unique by construction: a bijective scramble of
// the entity index, so no lookup table or retry is needed.

const MRN_SPACE = 100_000_000; // 8 digits
const MRN_MULTIPLIER = 48_271; // odd and not a multiple of 5: a bijection modulo 10^8

/** An 8-digit medical record number, unique for every patient index below 10^8. */
export function deriveMrn(patientIndex: number): string {
  const scrambled = Number((BigInt(patientIndex) * BigInt(MRN_MULTIPLIER) + 12_345_679n) % BigInt(MRN_SPACE));
  return String(scrambled).padStart(8, '0');
}

/** A 10-digit NPI with a valid Luhn check digit (computed with the 80840 prefix, as CMS specifies). */
export function deriveNpi(providerIndex: number): string {
  const body = `1${String((providerIndex * 7_919 + 1_234_567) % 100_000_000).padStart(8, '0')}`;
  const digits = `80840${body}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}
