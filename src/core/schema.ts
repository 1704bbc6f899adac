// Field-by-field checks for data read back from storage (or anywhere else we did not just build).
// A validator returns the value when it is usable as it is, a corrected copy when parts of it had to
// go, or `undefined` when it is unusable; every problem is recorded with its path. Containers keep
// their good parts: a bad array element or record entry is dropped, a bad optional field is left
// out, and only a bad required field rejects the object that holds it. A clean value is returned
// as it came (no copy, no string work), so reading a large cache costs little more than reading it;
// fields no schema names are then still on it, and never read.

/**
 * Problems found while validating. Each starts as what was wrong; the containers it sits in
 * prefix their part of the path on the way out, so a clean value costs no string work.
 */
export type Issues = { path: string; what: string }[];

export type Validator<T> = (raw: unknown, issues: Issues) => T | undefined;

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
const UNSAFE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const PATH_KEY_CHARS = 40;

/** Records a problem and rejects the value: for hand-written validators. */
export function problem(issues: Issues, what: string): undefined {
  issues.push({ path: '', what });
  return undefined;
}

/** Prefixes `segment` (`.name` or `[3]`) to the paths of the issues recorded since `from`: for hand-written containers. */
export function within(issues: Issues, from: number, segment: string): void {
  for (let i = from; i < issues.length; i++) issues[i].path = segment + issues[i].path;
}

const keySegment = (k: string) => `.${k.length > PATH_KEY_CHARS ? `${k.slice(0, PATH_KEY_CHARS)}…` : k}`;

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
  return (raw, issues) => {
    if (typeof raw !== 'string') return problem(issues, `expected a string, got ${describe(raw)}`);
    if (raw.length > max) return problem(issues, `longer than ${max} characters (${raw.length})`);
    if (raw.length < min) return problem(issues, min === 1 ? 'empty' : `shorter than ${min} characters`);
    if (pattern && !pattern.test(raw)) return problem(issues, 'not in the expected form');
    return raw;
  };
}

export function num(opts: { min?: number; max?: number; integer?: boolean } = {}): Validator<number> {
  const { min = -Number.MAX_VALUE, max = Number.MAX_VALUE, integer = false } = opts;
  return (raw, issues) => {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return problem(issues, `expected a number, got ${describe(raw)}`);
    if (raw < min) return problem(issues, `${raw} is below ${min}`);
    if (raw > max) return problem(issues, `${raw} is above ${max}`);
    if (integer && !Number.isInteger(raw)) return problem(issues, `${raw} is not a whole number`);
    return raw;
  };
}

export const bool: Validator<boolean> = (raw, issues) => (typeof raw === 'boolean' ? raw : problem(issues, `expected true or false, got ${describe(raw)}`));

export function oneOf<const T extends string | number | boolean | null>(values: readonly T[]): Validator<T> {
  const allowed = new Set<unknown>(values);
  return (raw, issues) => (allowed.has(raw) ? (raw as T) : problem(issues, `${typeof raw === 'string' ? 'a value' : describe(raw)} is not one of ${values.join(', ')}`));
}

export function nullable<T>(check: Validator<T>): Validator<T | null> {
  return (raw, issues) => (raw === null ? null : check(raw, issues));
}

/** An array whose unusable elements are dropped (each recorded); undefined only when it isn't an array. */
export function arrayOf<T>(item: Validator<T>, opts: { max?: number } = {}): Validator<T[]> {
  const { max = 100_000 } = opts;
  return (raw, issues) => {
    if (!Array.isArray(raw)) return problem(issues, `expected a list, got ${describe(raw)}`);
    if (raw.length > max) problem(issues, `${raw.length} entries, only the first ${max} kept`);
    const n = Math.min(raw.length, max);
    let out: T[] | undefined = n < raw.length ? [] : undefined;
    for (let i = 0; i < n; i++) {
      const from = issues.length;
      const v = item(raw[i], issues);
      if (issues.length > from) within(issues, from, `[${i}]`);
      // Copy only from the first element that differs.
      if (!out && v !== raw[i]) out = raw.slice(0, i) as T[];
      if (out && v !== undefined) out.push(v);
    }
    return out ?? (raw as T[]);
  };
}

/**
 * A string-keyed map whose unusable entries are dropped (each recorded), prototype-changing keys
 * included; undefined only when it isn't an object.
 */
export function recordOf<K extends string, T>(value: Validator<T>, opts: { key?: Validator<K>; maxKeys?: number } = {}): Validator<Partial<Record<K, T>>> {
  const { key, maxKeys = 10_000 } = opts;
  return (raw, issues) => {
    if (!isPlainRecord(raw)) return problem(issues, `expected an object, got ${describe(raw)}`);
    const keys = Object.keys(raw);
    if (keys.length > maxKeys) problem(issues, `${keys.length} entries, only the first ${maxKeys} kept`);
    let out: Partial<Record<K, T>> | undefined;
    for (let i = 0; i < Math.min(keys.length, maxKeys); i++) {
      const k = keys[i];
      const from = issues.length;
      let v: T | undefined;
      if (UNSAFE_KEYS.includes(k)) problem(issues, 'not a usable key');
      else if (!key || key(k, issues) !== undefined) v = value(raw[k], issues);
      if (issues.length > from) within(issues, from, keySegment(k));
      if (!out && (v !== raw[k] || UNSAFE_KEYS.includes(k))) {
        out = {};
        for (const earlier of keys.slice(0, i)) out[earlier as K] = raw[earlier] as T;
      }
      if (out && v !== undefined) out[k as K] = v;
    }
    if (!out && keys.length > maxKeys) out = Object.fromEntries(keys.slice(0, maxKeys).map((k) => [k, raw[k]])) as Partial<Record<K, T>>;
    return out ?? (raw as Partial<Record<K, T>>);
  };
}

/** An object with exactly the fields of `spec`; anything else in the stored value is left behind. */
export function object<T>(spec: ObjectSpec<T>): Validator<T> {
  // Parallel arrays: this loop runs for every field of every stored record, cold, at startup.
  const names = Object.keys(spec);
  const checks = names.map((n) => {
    const f = (spec as Record<string, Validator<unknown> | OptionalField<unknown>>)[n];
    return typeof f === 'function' ? f : f.optional;
  });
  const required = names.map((n) => typeof (spec as Record<string, unknown>)[n] === 'function');
  return (raw, issues) => {
    if (!isPlainRecord(raw)) return problem(issues, `expected an object, got ${describe(raw)}`);
    // Built once a field differs from what is stored (or the stored object carries a key that
    // would change a prototype); until then the stored object is the answer.
    let out: Record<string, unknown> | undefined;
    if (hasOwn(raw, '__proto__')) {
      problem(issues, 'not a usable key, left out');
      within(issues, issues.length - 1, '.__proto__');
      out = {};
    }
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const v = raw[name];
      const from = issues.length;
      const checked = v === undefined ? undefined : checks[i](v, issues);
      if (checked === undefined && required[i]) {
        if (issues.length === from) problem(issues, v === undefined ? 'missing' : 'unusable');
        within(issues, from, `.${name}`);
        return undefined;
      }
      if (issues.length > from) within(issues, from, `.${name}`);
      if (checked !== v && !out) {
        out = {};
        for (let j = 0; j < i; j++) if (raw[names[j]] !== undefined) out[names[j]] = raw[names[j]];
      }
      if (out && checked !== undefined) out[name] = checked;
    }
    return (out ?? raw) as T;
  };
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
    value = check(raw, issues);
  } catch (e) {
    issues.push({ path: '', what: `unreadable (${e instanceof Error ? e.message : String(e)})` });
    value = undefined;
  }
  if (issues.length) {
    const shown = issues
      .slice(0, ISSUES_SHOWN)
      .map(({ path, what }) => `${path.replace(/^\./, '') || 'value'}: ${what}`)
      .join('; ');
    const more = issues.length > ISSUES_SHOWN ? ` and ${issues.length - ISSUES_SHOWN} more` : '';
    warn(`${value === undefined ? 'Ignored' : 'Kept what was readable of'} ${what}: ${shown}${more}.`);
  }
  return value;
}
