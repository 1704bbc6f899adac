// What the control plane lists (ListFoundationModels, ListInferenceProfiles), as the catalog's
// unit tests build it: an active, streaming, on-demand text model in us-east-1 unless the fields
// given say otherwise.
import { buildDescriptors, type FoundationModelInfo, type InferenceProfileInfo } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import type { ModelDescriptor } from '../../../../../src/core/bedrock/catalog/modelDescriptor';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';

export function foundationModel(id: string, fields: Partial<FoundationModelInfo> = {}): FoundationModelInfo {
  return {
    modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`,
    modelId: id,
    modelName: id,
    providerName: 'Other',
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    inferenceTypesSupported: ['ON_DEMAND'],
    modelLifecycle: { status: 'ACTIVE' },
    ...fields,
  };
}

/** A profile over `model` in each of `regions` (an application profile's ARN says so). */
function inferenceProfile(id: string, model: string, regions: string[], type = 'SYSTEM_DEFINED'): InferenceProfileInfo {
  return {
    inferenceProfileId: id,
    inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:${type === 'APPLICATION' ? 'application-' : ''}inference-profile/${id}`,
    inferenceProfileName: `Profile ${id}`,
    models: regions.map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${model}` })),
    type,
    status: 'ACTIVE',
  };
}

/** A profile of each scope over `model`: global, US geo and an application's. */
export function profilesOfEveryScope(model: string): InferenceProfileInfo[] {
  return [
    inferenceProfile(`global.${model}`, model, ['us-east-1', 'eu-west-1']),
    inferenceProfile(`us.${model}`, model, ['us-east-1', 'us-east-2', 'us-west-2']),
    inferenceProfile('my-app', model, ['us-east-1'], 'APPLICATION'),
  ];
}

/** The descriptors of `models` with no profiles, the shipped capabilities and nothing learned. */
export function descriptorsOf(models: FoundationModelInfo[]): ModelDescriptor[] {
  return buildDescriptors({ models, profiles: [], shipped: SHIPPED_MODELS, learned: {} });
}
