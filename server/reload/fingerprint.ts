// What identifies a loaded config for the "unchanged → no-op" check: the sha256 of its bytes,
// and a fingerprint of the secret values its references resolved to (a rotated
// ${file:…} secret must reload even though the bytes are the same).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readSecretRef, scanSecretRefs, type SecretSource } from '../config/secrets';

/** sha256 of the text's UTF-8 bytes (given as they are, or as the text). */
export function hashText(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex'); // a string is hashed as UTF-8
}

/** The config's identity: config.yaml's hash, joined by the template files when it names any
 *  (a template edited alone is a new config). Lengths prefix each part, so no two file lists
 *  hash the same bytes. */
export function configIdentity(fileHash: string, templates: readonly { path: string; text: string }[]): string {
  if (templates.length === 0) return fileHash;
  const h = createHash('sha256').update(fileHash);
  for (const t of templates) h.update(`|${t.path.length}:${t.path}|${Buffer.byteLength(t.text)}:`).update(t.text, 'utf8');
  return h.digest('hex');
}

/** The fingerprint is keyed per process: it is derived from secret values, and a plain
 *  sha256 of a short secret could be brute-forced if the fingerprint ever leaked into a
 *  record or a log. Equal fingerprints therefore mean "unchanged" only within one process. */
const FINGERPRINT_KEY = randomBytes(32);

/**
 * Cheap "did any secret change?" key: a keyed sha256 over the resolved value of every
 * ${env:..}/${file:..} reference a regex finds in the text (comments included: a superset
 * is harmless, a miss is not). No YAML parse. Never throws: an unresolvable reference
 * contributes a marker of why. '' when the text has no references.
 * Comparable only within one process (see FINGERPRINT_KEY); never persist or expose it.
 */
export function quickFingerprint(text: string, secrets: SecretSource): string {
  if (!text.includes('${')) return '';
  const refs = scanSecretRefs(text);
  if (refs.length === 0) return '';
  const mac = createHmac('sha256', FINGERPRINT_KEY);
  for (const ref of refs) {
    let result;
    try {
      result = readSecretRef(ref, secrets);
    } catch (err) {
      // A SecretSource is injected; a broken one must not break the promise above.
      result = { ok: false as const, marker: `threw:${(err as Error).name}`, message: '' };
    }
    // Lengths are prefixed so that no two different (ref, value) lists hash the same bytes.
    const part = result.ok ? `v${result.value.length}:${result.value}` : `x:${result.marker}`;
    mac.update(`${ref.text.length}:${ref.text}|${part}|`);
  }
  return mac.digest('hex');
}
