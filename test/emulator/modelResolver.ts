// Turns a runtime model identifier (id, profile id, any ARN form) into a catalog model, with the
// errors real Bedrock gives for each way it can go wrong.
import { ACCOUNT_ID, Catalog, prefixesForRegion } from './catalog';
import type { ResolvedModel } from './routeContext';
import { MESSAGES, type ServiceError, onDemandMessage, validation } from './serviceError';

export const APP_PROFILE_ID = 'wb7app0prof1';
export const APP_PROFILE_NAME = 'workbench-team-sonnet';
const APP_PROFILE_BASE = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

export function appProfileArn(region: string): string {
  return `arn:aws:bedrock:${region}:${ACCOUNT_ID}:application-inference-profile/${APP_PROFILE_ID}`;
}

/** The system profile the application profile copies in this region (its geo, else global). */
export function appProfileSource(catalog: Catalog, region: string): string | undefined {
  const model = catalog.model(APP_PROFILE_BASE);
  if (!model) return undefined;
  const prefixes = prefixesForRegion(region);
  return model.profileIds.find((p) => prefixes.includes(p.slice(0, p.indexOf('.'))) && !p.startsWith('global.')) ?? model.profileIds.find((p) => p.startsWith('global.'));
}

/** Resolves without enforcing on-demand support (used to match faults by base model). */
export function lookupModel(catalog: Catalog, identifier: string, region: string): ResolvedModel | undefined {
  let id = identifier;
  const arn = /^arn:aws[\w-]*:bedrock:([\w-]*):(\d*):([\w-]+)\/(.+)$/.exec(identifier);
  if (arn) {
    const [, , , kind, rest] = arn;
    if (kind === 'foundation-model') {
      const m = catalog.model(rest!);
      return m && !m.mantleOnly ? { model: m, viaProfile: false } : undefined;
    }
    if (kind === 'application-inference-profile') {
      if (rest !== APP_PROFILE_ID) return undefined;
      const src = appProfileSource(catalog, region);
      const p = src ? catalog.profile(src, region) : undefined;
      return p ? { model: p.model, profileId: identifier, viaProfile: true } : undefined;
    }
    if (kind === 'inference-profile') id = rest!;
    else return undefined;
  }
  const profile = catalog.profile(id, region);
  if (profile) return { model: profile.model, profileId: id, viaProfile: true };
  if (Catalog.isProfileShaped(id)) return undefined;
  const m = catalog.model(id);
  // Models only bedrock-mantle serves are unknown to the runtime.
  return m && !m.mantleOnly ? { model: m, viaProfile: false } : undefined;
}

export function resolveModel(catalog: Catalog, identifier: string, region: string): ResolvedModel {
  const r = lookupModel(catalog, identifier, region);
  if (!r) throw validation(MESSAGES.invalidModel);
  if (!r.viaProfile && r.model.profileOnly) throw validation(onDemandMessage(r.model.modelId));
  return r;
}

/** A bedrock-mantle model: only the ids mantle lists (in-Region, no version suffix; no profiles, no runtime ids). */
export function lookupMantleModel(catalog: Catalog, name: string): ResolvedModel | undefined {
  const m = catalog.mantleModel(name);
  return m ? { model: m, viaProfile: false } : undefined;
}

/** Either endpoint's id form: for matching faults and logging before the route is known. */
export function lookupCompatModel(catalog: Catalog, name: string, region: string): ResolvedModel | undefined {
  return lookupModel(catalog, name, region) ?? lookupMantleModel(catalog, name);
}

export function notSupportedError(message: string): ServiceError {
  return validation(message);
}
