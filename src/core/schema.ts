// Field-by-field checks for data read back from storage (or anywhere else we did not just build).
// A validator returns a fresh, well-typed copy holding only the fields it knows, or `undefined` when
// the value is unusable; every problem is recorded with its path. Containers keep their good parts:
// a bad array element or record entry is dropped, a bad optional field is left out, and only a bad
// required field rejects the object that holds it.

/** Problems found while validating, each as `path: what was wrong`. */
export type Issues = string[];

export type Validator<T> = (raw: unknown, path: string, issues: Issues) => T | undefined;

/** An optional field: absent is fine; present and invalid is recorded and the field left out. */
export interface OptionalField<T> {
  readonly optional: Validator<T>;
}

export function optional<T>(check: Validator<T>): OptionalField<T> {
  return { optional: check };
}

/** Optional keys of T need `optional(…)`, required keys a plain validator: the compiler keeps schema and type in step. */
export type ObjectSpec<T> = {
  [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? OptionalField<Exclude<T[K], undefined>> : Validator<T[K]>;
};

// Keys that change an object's prototype when assigned, or shadow what every object has.
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const PATH_KEY_CHARS = 40;

/** Records a problem and rejects the value: for hand-written validators. */
export function problem(issues: Issues, path: string, what: string): undefined {
  issues.push(`${path || 'value'}: ${what}`);
  return undefined;
}

/** How a wrong value is named in a problem, without echoing stored text. */
export function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  // Stored text is never echoed into a message: it may be anything the user once typed.
  if (typeof raw === 'string') return `a string of ${raw.length} characters`;
  if (typeof raw === 'object') return 'an object';
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : typeof raw;
}

export function isPlainRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** True when `obj` itself (not its prototype) holds `key`: what a lookup by a stored id must use. */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function str(opts: { max?: number; min?: number; pattern?: RegExp } = {}): Validator<string> {
  const { max = 100_000, min = 0, pattern } = opts;
  return (raw, path, issues) => {
    if (typeof raw !== 'string') return problem(issues, path, `expected a string, got ${describe(raw)}`);
    if (raw.length > max) return problem(issues, path, `longer than ${max} characters (${raw.length})`);
    if (raw.length < min) return problem(issues, path, min === 1 ? 'empty' : `shorter than ${min} characters`);
    if (pattern && !pattern.test(raw)) return problem(issues, path, 'not in the expected form');
    return raw;
  };
}

export function num(opts: { min?: number; max?: number; integer?: boolean } = {}): Validator<number> {
  const { min = -Number.MAX_VALUE, max = Number.MAX_VALUE, integer = false } = opts;
  return (raw, path, issues) => {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return problem(issues, path, `expected a number, got ${describe(raw)}`);
    if (raw < min) return problem(issues, path, `${raw} is below ${min}`);
    if (raw > max) return problem(issues, path, `${raw} is above ${max}`);
    if (integer && !Number.isInteger(raw)) return problem(issues, path, `${raw} is not a whole number`);
    return raw;
  };
}

export const bool: Validator<boolean> = (raw, path, issues) =>
  typeof raw === 'boolean' ? raw : problem(issues, path, `expected true or false, got ${describe(raw)}`);

export function oneOf<const T extends string | number | boolean | null>(values: readonly T[]): Validator<T> {
  const allowed = new Set<unknown>(values);
  return (raw, path, issues) => (allowed.has(raw) ? (raw as T) : problem(issues, path, `${typeof raw === 'string' ? 'a value' : describe(raw)} is not one of ${values.join(', ')}`));
}

export function nullable<T>(check: Validator<T>): Validator<T | null> {
  return (raw, path, issues) => (raw === null ? null : check(raw, path, issues));
}

/** An array whose unusable elements are dropped (each recorded); undefined only when it isn't an array. */
export function arrayOf<T>(item: Validator<T>, opts: { max?: number } = {}): Validator<T[]> {
  const { max = 100_000 } = opts;
  return (raw, path, issues) => {
    if (!Array.isArray(raw)) return problem(issues, path, `expected a list, got ${describe(raw)}`);
    if (raw.length > max) problem(issues, path, `${raw.length} entries, only the first ${max} kept`);
    const out: T[] = [];
    for (let i = 0; i < Math.min(raw.length, max); i++) {
      const v = item(raw[i], `${path}[${i}]`, issues);
      if (v !== undefined) out.push(v);
    }
    return out;
  };
}

/**
 * A string-keyed map whose unusable entries are dropped (each recorded), prototype-changing keys
 * included; undefined only when it isn't an object.
 */
export function recordOf<K extends string, T>(value: Validator<T>, opts: { key?: Validator<K>; maxKeys?: number } = {}): Validator<Partial<Record<K, T>>> {
  const { key, maxKeys = 10_000 } = opts;
  return (raw, path, issues) => {
    if (!isPlainRecord(raw)) return problem(issues, path, `expected an object, got ${describe(raw)}`);
    const out: Partial<Record<K, T>> = {};
    const keys = Object.keys(raw);
    if (keys.length > maxKeys) problem(issues, path, `${keys.length} entries, only the first ${maxKeys} kept`);
    for (const k of keys.slice(0, maxKeys)) {
      const at = `${path}.${k.length > PATH_KEY_CHARS ? `${k.slice(0, PATH_KEY_CHARS)}…` : k}`;
      if (UNSAFE_KEYS.has(k)) {
        problem(issues, at, 'not a usable key');
        continue;
      }
      if (key && key(k, at, issues) === undefined) continue;
      const v = value(raw[k], at, issues);
      if (v !== undefined) out[k as K] = v;
    }
    return out;
  };
}

/** An object with exactly the fields of `spec`; anything else in the stored value is left behind. */
export function object<T>(spec: ObjectSpec<T>): Validator<T> {
  const fields = Object.entries(spec) as [string, Validator<unknown> | OptionalField<unknown>][];
  return (raw, path, issues) => {
    if (!isPlainRecord(raw)) return problem(issues, path, `expected an object, got ${describe(raw)}`);
    for (const k of UNSAFE_KEYS) if (hasOwn(raw, k)) problem(issues, path ? `${path}.${k}` : k, 'not a usable key, ignored');
    const out: Record<string, unknown> = {};
    for (const [name, field] of fields) {
      const at = path ? `${path}.${name}` : name;
      const v = raw[name];
      if (typeof field === 'function') {
        if (v === undefined) return problem(issues, at, 'missing');
        const checked = field(v, at, issues);
        if (checked === undefined) return undefined;
        out[name] = checked;
      } else if (v !== undefined) {
        const checked = field.optional(v, at, issues);
        if (checked !== undefined) out[name] = checked;
      }
    }
    return out as T;
  };
}

/** A validator that never rejects: an unusable value is recorded and replaced by `fallback()`. */
export function orElse<T>(check: Validator<T>, fallback: () => T): Validator<T> {
  return (raw, path, issues) => check(raw, path, issues) ?? fallback();
}

/** Warns about each distinct message once per sink: re-reading the same bad value says nothing new. */
export function warnOnce(warn: (message: string) => void): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (said.has(message)) return;
    said.add(message);
    warn(message);
  };
}

const ISSUES_SHOWN = 3;

/**
 * Validates a stored value and says, in one warning, what was dropped. `what` names the store for
 * the user ("the cached model list"). Never throws: a validator bug or a hostile value gives undefined.
 */
export function readStored<T>(check: Validator<T>, raw: unknown, what: string, warn: (message: string) => void): T | undefined {
  const issues: Issues = [];
  let value: T | undefined;
  try {
    value = check(raw, '', issues);
  } catch (e) {
    issues.push(`unreadable (${e instanceof Error ? e.message : String(e)})`);
    value = undefined;
  }
  if (issues.length) {
    const shown = issues.slice(0, ISSUES_SHOWN).join('; ');
    const more = issues.length > ISSUES_SHOWN ? ` and ${issues.length - ISSUES_SHOWN} more` : '';
    warn(`${value === undefined ? 'Ignored' : 'Kept what was readable of'} ${what}: ${shown}${more}.`);
  }
  return value;
}
