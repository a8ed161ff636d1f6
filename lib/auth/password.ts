/**
 * Password hashing for people and API accounts: argon2id (@node-rs/argon2, prebuilt, offline)
 * with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1).
 */
import { hash, verify } from "@node-rs/argon2";

/** Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolatedModules cannot read). */
const ARGON2ID = 2;

export const HASH_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, HASH_PARAMS);
}

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** A valid hash of a random value, verified against when the user is unknown (equal timing). */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
}
