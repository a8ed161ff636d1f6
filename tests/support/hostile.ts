/** fast-check arbitraries for hostile input: huge strings, unicode, control characters, wrong types, SQL/HTML payloads. */
import fc from "fast-check";

export const PAYLOADS = [
  "' OR '1'='1' --",
  "Robert'); DROP TABLE \"ApiAccount\";--",
  "<script>alert('x')</script>",
  "<img src=x onerror=alert(1)>",
  "\u0000\u0001\u001b[31m",
  "‮gnp.exe",
  "𝕳𝖊𝖑𝖑𝖔 👋🏽 ﷽",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "%00%0d%0a",
  "a".repeat(100_000),
  "",
  " ",
  "12345678200010",
  "Abcdefgh1234!",
] as const;

export const hostileString = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ minLength: 3000, maxLength: 5000 }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, 0, -1, Number.NaN, 1e308, [], {}) },
);

/** An object with the expected keys, each filled with hostile values (and sometimes extra keys). */
export function hostileRecord(keys: readonly string[]): fc.Arbitrary<unknown> {
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])) as Record<string, fc.Arbitrary<unknown>>, {
    requiredKeys: [],
  });
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue });
}
