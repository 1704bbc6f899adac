// From a cached catalog of 1,000 models to a painted tree: what the explorer does on first paint
// (read back field by field, then group, filter, sort, and a row for every provider and model, as
// getChildren for all groups).
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { buildDescriptors, type FoundationModelInfo, type InferenceProfileInfo } from '../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { readCatalogSnapshot, type CatalogSnapshot } from '../../src/core/bedrock/catalog/catalogSnapshot';
import { buildModelTree } from '../../src/core/explorer/modelTree';
import { modelRow, profileRow, providerRow } from '../../src/core/explorer/treeRows';

const PROVIDERS = ['Anthropic', 'Amazon', 'Meta', 'Mistral AI', 'Cohere', 'AI21 Labs', 'DeepSeek', 'OpenAI', 'Qwen', 'Writer'];

function syntheticSnapshot(n: number): CatalogSnapshot {
  const models: FoundationModelInfo[] = [];
  const profiles: InferenceProfileInfo[] = [];
  for (let i = 0; i < n; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length];
    const id = `${provider.toLowerCase().replace(/\W/g, '')}.model-${i}-v1:0`;
    const profileOnly = i % 3 === 0;
    models.push({
      modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`,
      modelId: id,
      modelName: `Model ${i}`,
      providerName: provider,
      inputModalities: ['TEXT'],
      outputModalities: [i % 10 === 9 ? 'EMBEDDING' : 'TEXT'],
      responseStreamingSupported: true,
      inferenceTypesSupported: profileOnly ? ['INFERENCE_PROFILE'] : ['ON_DEMAND'],
      modelLifecycle: { status: i % 17 === 0 ? 'LEGACY' : 'ACTIVE' },
    });
    if (profileOnly) {
      for (const geo of ['us', 'global']) {
        profiles.push({
          inferenceProfileId: `${geo}.${id}`,
          inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${geo}.${id}`,
          inferenceProfileName: `${geo.toUpperCase()} Model ${i}`,
          models: [{ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${id}` }],
          type: 'SYSTEM_DEFINED',
          status: 'ACTIVE',
        });
      }
    }
  }
  const descriptors = buildDescriptors({ models, profiles, shipped: SHIPPED_MODELS, learned: {} });
  // A cache is what comes back from storage: plain JSON.
  return JSON.parse(JSON.stringify({ v: 1, region: 'us-east-1', account: '', fetchedAt: Date.now(), descriptors }));
}

function paint(snapshot: CatalogSnapshot): number {
  let rows = 0;
  for (const group of buildModelTree(snapshot.descriptors, { hideLegacy: false })) {
    providerRow(group);
    rows++;
    for (const model of group.models) {
      modelRow(model);
      rows++;
      for (const p of model.profiles) {
        profileRow(p);
        rows++;
      }
    }
  }
  return rows;
}

/**
 * One cold paint in this process (JIT not warmed): what a user waits for after a window reload,
 * from the stored value (checked field by field, as the catalog reads it) to every row.
 */
export function coldPaintMs(): { ms: number; rows: number; descriptors: number } {
  const stored = syntheticSnapshot(1000);
  const t0 = performance.now();
  const snapshot = readCatalogSnapshot(stored, stored.region, (m) => {
    throw new Error(`the synthetic cache is unreadable: ${m}`);
  })!;
  const rows = paint(snapshot);
  return { ms: performance.now() - t0, rows, descriptors: snapshot.descriptors.length };
}

const COLD_SAMPLES = 7;

export async function run(): Promise<void> {
  // Each sample is a fresh process, so every paint is cold; the figure is their median.
  const samples: { ms: number; rows: number; descriptors: number }[] = [];
  for (let i = 0; i < COLD_SAMPLES; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', `import('${pathToFileURL(import.meta.filename).href}').then(m => process.stdout.write(JSON.stringify((m.coldPaintMs ?? m.default.coldPaintMs)())))`], { encoding: 'utf8' });
    samples.push(JSON.parse(out.slice(out.indexOf('{'))));
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const warm = syntheticSnapshot(1000);
  for (let i = 0; i < 20; i++) paint(warm);
  const t0 = performance.now();
  paint(warm);
  console.log(`  (${samples[0].descriptors} descriptors, ${samples[0].rows} rows; cold ${sorted[0].toFixed(1)}–${sorted.at(-1)!.toFixed(1)} ms over ${COLD_SAMPLES} processes; warm ${(performance.now() - t0).toFixed(2)} ms)`);
  console.log(`bench: tree from cache: ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms`);
}
