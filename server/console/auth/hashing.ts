// Password and API-token hashes: scrypt (node:crypto), salted, its cost stored with the hash
// ("scrypt$N$r$p$salt$hash", base64url) so a later, costlier default still verifies old
// hashes. Verification compares in constant time. Session ids are 256 random bits: a plain
// SHA-256 of one is as hard to reverse as the id is to guess, and costs nothing per request.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** N = 2^15, r = 8: 32 MiB and tens of milliseconds per hash. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await derive(secret, Buffer.from(parts[4]!, 'base64url'), { N, r, p }, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spends the time a verification would, so an unknown user answers as slowly as a known one. */
export async function verifyNothing(secret: string): Promise<void> {
  await derive(secret, randomBytes(SALT_BYTES), COST);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Random text for passwords, tokens and session ids (base64url of `bytes` random bytes). */
export function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A public id: `bytes` random bytes in hex. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }, length = KEY_BYTES): Promise<Buffer> {
  // maxmem above scrypt's 128·N·r bytes, which Node's 32 MiB default does not leave room for.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}
