// The AWS CLI arguments for `aws sso login`. A profile name comes from a setting, which a workspace
// or a synced file may have written: it is passed as one argument (never through a shell), and only
// when it names a profile that exists in the shared config files and has the characters AWS uses.
import { configFiles, listProfiles } from './sharedConfig';

type Env = Record<string, string | undefined>;

// The characters AWS allows in a profile name; a leading dash would read as a CLI option.
const PROFILE_NAME = /^[A-Za-z0-9_.+@][A-Za-z0-9_.+@-]*$/;

export type SsoLoginPlan = { ok: true; args: string[] } | { ok: false; message: string };

export function ssoLoginArgs(profile: string | undefined, env: Env = process.env): SsoLoginPlan {
  if (!profile) return { ok: true, args: ['sso', 'login'] };
  const shown = JSON.stringify(profile.length > 80 ? `${profile.slice(0, 80)}…` : profile);
  if (!PROFILE_NAME.test(profile)) {
    return { ok: false, message: `\`bedrock.profile\` is ${shown}, which is not an AWS profile name (letters, digits and _ . + @ -, not starting with -). Choose a profile with "Bedrock: Choose AWS Profile".` };
  }
  if (!listProfiles(env).some((p) => p.name === profile)) {
    const files = configFiles(env);
    return { ok: false, message: `\`bedrock.profile\` is ${shown}, but neither ${files.config} nor ${files.credentials} defines that profile. Choose a profile with "Bedrock: Choose AWS Profile".` };
  }
  return { ok: true, args: ['sso', 'login', '--profile', profile] };
}
