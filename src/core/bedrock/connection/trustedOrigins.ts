// The origins outside AWS the user agreed to send credentials to, as stored. Read field by field:
// anything that is not exactly an origin is not trusted, and an unreadable store trusts nothing
// (the user is asked again) rather than guessing.
import { arrayOf, object, oneOf, problem, readStored, type Validator } from '../../schema';
import { STORAGE_VERSIONS } from '../../storageKeys';

export interface StoredTrustedOrigins {
  v: typeof STORAGE_VERSIONS.trustedEndpoints;
  origins: string[];
}

/** A stored origin is kept only if it is exactly what URL parsing would produce for it. */
function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

const origin: Validator<string> = (raw, issues) => (isOrigin(raw) ? raw : problem(issues, 'not an origin (scheme://host:port)'));
const schema = object<StoredTrustedOrigins>({ v: oneOf([STORAGE_VERSIONS.trustedEndpoints]), origins: arrayOf(origin, { max: 1000 }) });

export function readTrustedOrigins(raw: unknown, warn: (message: string) => void): string[] {
  if (raw === undefined) return [];
  // Before `v` was stored, the value was the list itself.
  const value = Array.isArray(raw) ? { v: STORAGE_VERSIONS.trustedEndpoints, origins: raw } : raw;
  return [...new Set(readStored(schema, value, 'the trusted endpoints', warn)?.origins ?? [])];
}

export function storedTrustedOrigins(origins: string[]): StoredTrustedOrigins {
  return { v: STORAGE_VERSIONS.trustedEndpoints, origins };
}
