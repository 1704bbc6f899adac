// Catalog build: 1,000 models + 1,000 profiles merged with the shipped table into descriptors.
// Pure CPU (no SDK, no network): what the explorer pays after a refresh.
import { buildDescriptors, type FoundationModelInfo, type InferenceProfileInfo } from '../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../src/core/bedrock/catalog/shippedCapabilities.generated';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function syntheticInputs(n = 1000): { models: FoundationModelInfo[]; profiles: InferenceProfileInfo[] } {
  const providers = ['anthropic', 'amazon', 'meta', 'mistral', 'cohere', 'openai', 'qwen', 'deepseek'];
  const shippedIds = SHIPPED_MODELS.flatMap((r) => (r.id ? [r.id] : []));
  const models: FoundationModelInfo[] = [];
  for (let i = 0; i < n; i++) {
    // Real ids first (so the shipped-table join is exercised), then synthetic ones.
    const id = i < shippedIds.length ? shippedIds[i] : `${providers[i % providers.length]}.model-${i}-v1:0`;
    models.push({
      modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`,
      modelId: id,
      modelName: `Model ${i}`,
      providerName: providers[i % providers.length],
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: i % 7 !== 0,
      inferenceTypesSupported: i % 3 === 0 ? ['INFERENCE_PROFILE'] : ['ON_DEMAND'],
      modelLifecycle: { status: i % 11 === 0 ? 'LEGACY' : 'ACTIVE' },
    });
  }
  const profiles: InferenceProfileInfo[] = [];
  for (let i = 0; i < n; i++) {
    const m = models[i % models.length].modelId!;
    const prefix = i % 2 ? 'us' : 'global';
    profiles.push({
      inferenceProfileId: `${prefix}.${m}#${i}`,
      inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${prefix}.${m}`,
      inferenceProfileName: `${prefix.toUpperCase()} ${m}`,
      models: ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${m}` })),
      type: 'SYSTEM_DEFINED',
      status: 'ACTIVE',
    });
  }
  return { models, profiles };
}

export async function run(): Promise<void> {
  const inputs = syntheticInputs();
  const learned = {};
  for (let i = 0; i < 5; i++) buildDescriptors({ ...inputs, shipped: SHIPPED_MODELS, learned }); // warm-up
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    count = buildDescriptors({ ...inputs, shipped: SHIPPED_MODELS, learned }).length;
    times.push(performance.now() - t0);
  }
  if (count !== 2000) throw new Error(`expected 2000 descriptors, got ${count}`);
  console.log(`bench: catalog build: ${median(times).toFixed(2)} ms`);
}
