// Reads the AWS shared config/credentials files just enough to list profiles and find a profile's
// region, so the UI can show which profile and which file were used: a profile that exists only in
// `credentials` or only in `config` is otherwise hard to diagnose.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SharedProfile {
  name: string;
  file: string;
  region?: string;
  sso: boolean;
}

type Env = Record<string, string | undefined>;

function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/[#;].*$/, '').trim();
    if (!t) continue;
    const sec = /^\[([^\]]+)\]$/.exec(t);
    if (sec) {
      current = {};
      sections.set(sec[1].trim(), current);
    } else if (current) {
      const eq = t.indexOf('=');
      if (eq > 0) current[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
    }
  }
  return sections;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export function configFiles(env: Env = process.env): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

export function listProfiles(env: Env = process.env): SharedProfile[] {
  const files = configFiles(env);
  const out = new Map<string, SharedProfile>();
  for (const [section, values] of parseIni(read(files.config))) {
    const name = section === 'default' ? 'default' : section.startsWith('profile ') ? section.slice(8).trim() : undefined;
    if (!name) continue;
    out.set(name, { name, file: files.config, region: values.region, sso: !!(values.sso_start_url || values.sso_session) });
  }
  for (const [section] of parseIni(read(files.credentials))) {
    if (!out.has(section)) out.set(section, { name: section, file: files.credentials, sso: false });
  }
  return [...out.values()];
}

export function profileRegion(profile: string | undefined, env: Env = process.env): string | undefined {
  const name = profile || env.AWS_PROFILE || 'default';
  return listProfiles(env).find((p) => p.name === name)?.region;
}
