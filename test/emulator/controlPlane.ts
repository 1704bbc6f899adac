// Control plane (service `bedrock`): foundation models and inference profiles.
import { ACCOUNT_ID, GEO_REGIONS } from './catalog';
import type { CatalogModel, SystemProfile } from './catalog';
import { APP_PROFILE_ID, APP_PROFILE_NAME, appProfileArn, appProfileSource } from './modelResolver';
import type { RouteCall } from './routeContext';
import { notFound, schemaMessage, validation } from './serviceError';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function fmArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

function summary(m: CatalogModel, region: string): Json {
  return {
    modelArn: fmArn(region, m.modelId),
    modelId: m.modelId,
    modelName: m.modelName,
    providerName: m.providerName,
    inputModalities: m.inputModalities,
    outputModalities: m.outputModalities,
    responseStreamingSupported: m.streaming,
    customizationsSupported: m.customizations,
    inferenceTypesSupported: m.profileOnly ? ['INFERENCE_PROFILE'] : ['ON_DEMAND'],
    modelLifecycle: m.lifecycle,
  };
}

export async function listFoundationModels(call: RouteCall): Promise<void> {
  const q = call.query;
  const models = call.state.catalog.models.filter((m) => {
    if (m.mantleOnly) return false;
    const s = summary(m, call.region);
    if (q.byProvider && m.providerName.toLowerCase() !== q.byProvider.toLowerCase()) return false;
    if (q.byCustomizationType && !m.customizations.includes(q.byCustomizationType)) return false;
    if (q.byOutputModality && !m.outputModalities.includes(q.byOutputModality)) return false;
    if (q.byInferenceType && !(s.inferenceTypesSupported as string[]).includes(q.byInferenceType)) return false;
    return true;
  });
  for (const [k, allowed] of [
    ['byCustomizationType', ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION']],
    ['byOutputModality', ['TEXT', 'IMAGE', 'EMBEDDING']],
    ['byInferenceType', ['ON_DEMAND', 'PROVISIONED']],
  ] as const) {
    const v = q[k];
    if (v !== undefined && !(allowed as readonly string[]).includes(v))
      throw validation(`1 validation error detected: Value '${v}' at '${k}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  await call.ex.sendJson(200, { modelSummaries: models.map((m) => summary(m, call.region)) });
}

export async function getFoundationModel(call: RouteCall): Promise<void> {
  const label = call.label ?? '';
  const id = label.startsWith('arn:') ? label.slice(label.indexOf('foundation-model/') + 'foundation-model/'.length) : label;
  const m = call.state.catalog.model(id);
  if (!m || m.mantleOnly) throw notFound(`Could not resolve the foundation model from the model identifier: ${label}. Please verify that the requested model exists and is accessible in this region.`);
  await call.ex.sendJson(200, { modelDetails: summary(m, call.region) });
}

const GEO_NAMES: Record<string, string> = { us: 'US', eu: 'EU', apac: 'APAC', jp: 'JP', au: 'AU', ca: 'CA', 'us-gov': 'US-GOV', global: 'Global' };

function profileSummary(p: SystemProfile, region: string): Json {
  const regions = p.prefix === 'global' ? [region] : (GEO_REGIONS[p.prefix] ?? [region]);
  const models = regions.slice(0, 4).map((r) => ({ modelArn: fmArn(r, p.model.modelId) }));
  if (p.prefix === 'global') models.push({ modelArn: `arn:aws:bedrock:::foundation-model/${p.model.modelId}` });
  const name = `${GEO_NAMES[p.prefix]} ${p.model.modelName}`.slice(0, 64);
  return {
    inferenceProfileName: name,
    description: `Routes requests to ${p.model.modelName} in ${p.prefix === 'global' ? 'all commercial AWS Regions' : regions.join(', ')}.`.slice(0, 200),
    createdAt: '2024-10-22T00:00:00.000Z',
    updatedAt: '2025-06-01T00:00:00.000Z',
    inferenceProfileArn: `arn:aws:bedrock:${region}:${ACCOUNT_ID}:inference-profile/${p.id}`,
    models,
    inferenceProfileId: p.id,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
  };
}

function appProfile(call: RouteCall): Json | undefined {
  const src = appProfileSource(call.state.catalog, call.region);
  const p = src ? call.state.catalog.profile(src, call.region) : undefined;
  if (!p) return undefined;
  return {
    inferenceProfileName: APP_PROFILE_NAME,
    description: 'Application inference profile for cost tracking (team tag).',
    createdAt: '2025-07-01T00:00:00.000Z',
    updatedAt: '2025-07-01T00:00:00.000Z',
    inferenceProfileArn: appProfileArn(call.region),
    models: profileSummary(p, call.region).models,
    inferenceProfileId: APP_PROFILE_ID,
    status: 'ACTIVE',
    type: 'APPLICATION',
  };
}

function allProfiles(call: RouteCall): Json[] {
  const system = call.state.catalog.profilesForRegion(call.region).map((p) => profileSummary(p, call.region));
  const app = appProfile(call);
  return app ? [...system, app] : system;
}

export async function listInferenceProfiles(call: RouteCall): Promise<void> {
  const q = call.query;
  if (q.type !== undefined && q.type !== 'SYSTEM_DEFINED' && q.type !== 'APPLICATION')
    throw validation(`1 validation error detected: Value '${q.type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]`);
  const max = q.maxResults !== undefined ? Number(q.maxResults) : 1000;
  if (!Number.isInteger(max) || max < 1 || max > 1000)
    throw validation(`1 validation error detected: Value '${q.maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  const list = allProfiles(call).filter((p) => !q.type || p.type === q.type);
  let start = 0;
  if (q.nextToken) {
    const decoded = Number(Buffer.from(q.nextToken, 'base64').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0) throw validation(schemaMessage('#/nextToken: invalid pagination token'));
    start = decoded;
  }
  const page = list.slice(start, start + max);
  const next = start + max < list.length ? Buffer.from(`offset:${start + max}`).toString('base64') : undefined;
  await call.ex.sendJson(200, { inferenceProfileSummaries: page, ...(next ? { nextToken: next } : {}) });
}

export async function getInferenceProfile(call: RouteCall): Promise<void> {
  const label = call.label ?? '';
  const id = label.startsWith('arn:') ? label.slice(label.lastIndexOf('/') + 1) : label;
  const found = allProfiles(call).find((p) => p.inferenceProfileId === id);
  if (!found) throw notFound(`Inference profile ${label} not found.`);
  await call.ex.sendJson(200, found);
}

