// Turns whatever a settings file holds into a value the extension can use. Settings are hostile
// input like any other: a string where a number belongs, 0 or 1e9 for a timeout, a URL with a
// scheme we can't speak, a region with a shell command appended. Each falls back (to the default,
// or to the nearest end of the range) and says what was wrong, naming the setting and the value.
import { s3UriProblem } from '../bedrock/async/s3Uri';
import { isRegionId } from '../bedrock/connection/regions';
import type { ChoiceSetting, NameListSetting, NumberSetting, SettingSpec, TextSetting } from './settingsTable';

export interface CheckedSetting<T> {
  value: T;
  /** Why the stored value was not used as is: a sentence for the log and a warning. */
  problem?: string;
}

// A leading dash would read as a command-line option.
const PROFILE_NAME = /^[A-Za-z0-9_.+@][A-Za-z0-9_.+@-]*$/;
/** Model ids and ARNs are printable ASCII without spaces. */
const MODEL_ID = /^[\x21-\x7e]+$/;
const MAX_TEXT_SETTING = 2048;

/** The value as the user would recognise it, short and on one line. Passwords in URLs are masked. */
export function showValue(raw: unknown): string {
  let s: string;
  if (typeof raw === 'string') s = raw.replace(/(\/\/[^/:@\s]*:)[^/@\s]*@/, '$1***@');
  else if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) s = String(raw);
  else {
    try {
      s = JSON.stringify(raw) ?? typeof raw;
    } catch {
      s = typeof raw;
    }
  }
  s = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

export function checkSetting(spec: SettingSpec, raw: unknown): CheckedSetting<number | string | string[]> {
  if (raw === undefined) return { value: spec.type === 'array' ? [...spec.default] : spec.default };
  if (spec.type === 'array') return checkNameList(spec, raw);
  if ('choices' in spec) return checkChoice(spec, raw);
  return spec.type === 'string' ? checkText(spec, raw) : checkNumber(spec, raw);
}

const MAX_NAME = 128;

function checkNameList(spec: NameListSetting, raw: unknown): CheckedSetting<string[]> {
  const name = `\`${spec.key}\``;
  if (!Array.isArray(raw)) return { value: [...spec.default], problem: `${name} is not a list of names: ${showValue(raw)}. Using the default, an empty list.` };
  const isName = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_NAME;
  const value = raw.filter(isName).map((v) => v.trim());
  if (value.length === raw.length) return { value };
  return { value, problem: `${name} holds entries that are not names (${showValue(raw.filter((v) => !isName(v)))}); they are ignored.` };
}

function checkChoice(spec: ChoiceSetting, raw: unknown): CheckedSetting<string> {
  if (typeof raw === 'string' && spec.choices.includes(raw)) return { value: raw };
  return { value: spec.default, problem: `\`${spec.key}\` is ${showValue(raw)}, not one of ${spec.choices.join(', ')}. Using the default, ${spec.default}.` };
}

function checkNumber(spec: NumberSetting, raw: unknown): CheckedSetting<number> {
  const name = `\`${spec.key}\``;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    return { value: spec.default, problem: `${name} is not a number: ${showValue(raw)}. Using the default, ${spec.default}.` };
  }
  let value = raw;
  let problem: string | undefined;
  if (spec.type === 'integer' && !Number.isInteger(value)) {
    value = Math.round(value);
    problem = `${name} must be a whole number: ${raw}. Using ${value}.`;
  }
  if (value < spec.minimum || value > spec.maximum) {
    const [bound, which] = value < spec.minimum ? [spec.minimum, 'minimum'] : [spec.maximum, 'maximum'];
    return { value: bound, problem: `${name} is ${raw}, outside its range ${spec.minimum}–${spec.maximum}. Using the ${which}, ${bound}.` };
  }
  return problem ? { value, problem } : { value };
}

function checkText(spec: TextSetting, raw: unknown): CheckedSetting<string> {
  const name = `\`${spec.key}\``;
  const ignored = 'It is ignored until you change it.';
  if (typeof raw !== 'string') return { value: spec.default, problem: `${name} is not text: ${showValue(raw)}. ${ignored}` };
  const value = raw.trim();
  if (!value) return { value: spec.default };
  if (value.length > MAX_TEXT_SETTING) return { value: spec.default, problem: `${name} is ${value.length} characters long, too long to be valid. ${ignored}` };
  const problem = textProblem(spec.format, value);
  return problem ? { value: spec.default, problem: `${name} ${problem}: ${showValue(value)}. ${ignored}` } : { value };
}

/** What is wrong with a non-empty, trimmed value, as the middle of "`key` … : value". */
function textProblem(format: TextSetting['format'], value: string): string | undefined {
  switch (format) {
    case 'url':
      return urlProblem(value);
    case 'region':
      return isRegionId(value) ? undefined : 'is not a region (they look like us-east-1)';
    case 'profile':
      return PROFILE_NAME.test(value) ? undefined : 'is not a profile name (letters, digits and _ . + @ -, not starting with -)';
    case 'modelId':
      return MODEL_ID.test(value) ? undefined : 'is not a model id (they have no spaces, e.g. amazon.nova-lite-v1:0)';
    case 's3Uri':
      return s3UriProblem(value);
  }
}

function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'is not an http(s) URL';
  if (!url.hostname) return 'has no host name';
  return undefined;
}
