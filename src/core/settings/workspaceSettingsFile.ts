// Reads a workspace's `.vscode/settings.json` (or a `.code-workspace` file's `settings`) to find
// values for settings that only user settings may set. VS Code drops machine-scoped values from
// workspace settings before an extension can see them, so this is the only way to tell the user
// that the repository they opened tried to set one.
import { SETTINGS, type SettingName } from './settingsTable';

/** Longest settings file we look at; a larger one is not a settings file anyone wrote by hand. */
export const MAX_SETTINGS_FILE = 1_000_000;

/** JSON with comments and trailing commas, the dialect VS Code accepts in settings files. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Dotted keys to values; `{"bedrock": {"region": "x"}}` counts as `bedrock.region` like VS Code reads it. */
function flatten(obj: Record<string, unknown>, prefix: string, into: Map<string, unknown>): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix + k;
    if (isRecord(v)) flatten(v, `${key}.`, into);
    else into.set(key, v);
  }
}

/**
 * The user-only settings a settings file sets, with their values. `section` picks the settings
 * object inside the file (`settings` in a `.code-workspace` file). Unreadable text gives none.
 */
export function userOnlySettingsIn(text: string, section?: string): Map<SettingName, unknown> {
  const found = new Map<SettingName, unknown>();
  if (text.length > MAX_SETTINGS_FILE) return found;
  let parsed: unknown;
  try {
    parsed = parseJsonc(text);
  } catch {
    return found;
  }
  const obj = section && isRecord(parsed) ? parsed[section] : parsed;
  if (!isRecord(obj)) return found;
  const flat = new Map<string, unknown>();
  flatten(obj, '', flat);
  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    if ('userOnly' in spec && flat.has(spec.key)) found.set(name, flat.get(spec.key));
  }
  return found;
}
