/**
 * SIRET rules (SPEC "API account" §3): 14 digits = SIREN (9) + NIC (5), with a Luhn check digit.
 * La Poste (SIREN 356000000) is the known exception: its establishments' SIRETs have a digit sum
 * divisible by 5 instead of a Luhn key — except its head office, 356 000 000 00048, which is
 * Luhn-valid (the same reading as python-stdnum's fr.siret).
 */
export const LA_POSTE_SIREN = "356000000";
export const LA_POSTE_HEAD_OFFICE = "35600000000048";

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN) && value !== LA_POSTE_HEAD_OFFICE) {
    let sum = 0;
    for (const c of value) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(value);
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value);
}

/** "12345678200010" → "123 456 782 00010" (SIREN in groups of 3, then NIC). */
export function formatSiret(siret: string): string {
  if (!/^\d{14}$/.test(siret)) return siret;
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}
