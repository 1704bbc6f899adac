// Control plane through the real @aws-sdk/client-bedrock client (HTTP/1.1 default handler).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import {
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  ResourceNotFoundException,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import type { InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/emulator';
import type { EmulatorHandle } from '../../emulator/emulator';
import { controlClient } from '../../emulator/sdkClients';
import { STABILITY_TEXT_TO_IMAGE_ROWS } from '../../emulator/imageFamilies';

const data = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'data', 'bedrock-model-apis.json'), 'utf8')) as Array<{ modelId: string | null; apis: Record<string, boolean | null> }>;

describe('emulator control plane', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('lists every model of the data file with its real id, and the Stability text-to-image models beside them', async () => {
    const out = await controlClient(emu.url).send(new ListFoundationModelsCommand({}));
    const ids = new Set(out.modelSummaries!.map((m) => m.modelId));
    // Models with only OpenAI/Anthropic-compatible APIs are served by bedrock-mantle alone, which lists them itself.
    const mantleOnly = (row: (typeof data)[number]) => !row.apis.invoke && !row.apis.converse && !!(row.apis.chatCompletions || row.apis.responses || row.apis.messages);
    // A row whose notes name a second id (Nova Reel v1:1 beside v1:0) is listed under both.
    const secondIds = data.filter((row) => !mantleOnly(row) && ((row as { notes?: string[] }).notes ?? []).some((n) => /second ID/.test(n))).length;
    assert.equal(out.modelSummaries!.length, data.filter((row) => !mantleOnly(row)).length + STABILITY_TEXT_TO_IMAGE_ROWS.length + secondIds);
    for (const row of STABILITY_TEXT_TO_IMAGE_ROWS) assert.ok(ids.has(row.modelId), row.modelId);
    assert.ok(ids.has('amazon.nova-reel-v1:1'));
    for (const row of data) if (row.modelId && !mantleOnly(row)) assert.ok(ids.has(row.modelId), row.modelId);
    assert.ok(!ids.has('xai.grok-4.3'), 'a mantle-only model is not in the runtime list');
    const haiku = out.modelSummaries!.find((m) => m.modelId === 'anthropic.claude-3-haiku-20240307-v1:0')!;
    assert.equal(haiku.modelArn, 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0');
    assert.equal(haiku.providerName, 'Anthropic');
    assert.deepEqual(haiku.inputModalities, ['TEXT', 'IMAGE']);
    assert.equal(haiku.responseStreamingSupported, true);
    assert.deepEqual(haiku.inferenceTypesSupported, ['ON_DEMAND']);
    assert.equal(haiku.modelLifecycle?.status, 'ACTIVE');
    const sonnet4 = out.modelSummaries!.find((m) => m.modelId === 'anthropic.claude-sonnet-4-20250514-v1:0')!;
    assert.deepEqual(sonnet4.inferenceTypesSupported, ['INFERENCE_PROFILE']);
  });

  it('applies every ListFoundationModels filter', async () => {
    const c = controlClient(emu.url);
    const byProvider = await c.send(new ListFoundationModelsCommand({ byProvider: 'Anthropic' }));
    assert.ok(byProvider.modelSummaries!.length > 5);
    assert.ok(byProvider.modelSummaries!.every((m) => m.providerName === 'Anthropic'));
    const embed = await c.send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }));
    assert.ok(embed.modelSummaries!.some((m) => m.modelId === 'amazon.titan-embed-text-v2:0'));
    assert.ok(embed.modelSummaries!.every((m) => m.outputModalities!.includes('EMBEDDING')));
    const onDemand = await c.send(new ListFoundationModelsCommand({ byInferenceType: 'ON_DEMAND' }));
    assert.ok(!onDemand.modelSummaries!.some((m) => m.modelId === 'anthropic.claude-sonnet-4-20250514-v1:0'));
    const ft = await c.send(new ListFoundationModelsCommand({ byCustomizationType: 'FINE_TUNING' }));
    assert.ok(ft.modelSummaries!.length > 0 && ft.modelSummaries!.every((m) => m.customizationsSupported!.includes('FINE_TUNING')));
    assert.equal(emu.requests.at(-1)!.query.byCustomizationType, 'FINE_TUNING');
  });

  it('gets one foundation model by id or ARN, and 404s an unknown one', async () => {
    const c = controlClient(emu.url);
    const byId = await c.send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.titan-embed-text-v2:0' }));
    assert.equal(byId.modelDetails?.modelId, 'amazon.titan-embed-text-v2:0');
    const byArn = await c.send(new GetFoundationModelCommand({ modelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3' }));
    assert.equal(byArn.modelDetails?.providerName, 'Cohere');
    await assert.rejects(c.send(new GetFoundationModelCommand({ modelIdentifier: 'nope.model-v1:0' })), (e: unknown) => {
      assert.ok(e instanceof ResourceNotFoundException);
      assert.equal(e.$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('pages inference profiles with paginateListInferenceProfiles', async () => {
    const c = controlClient(emu.url);
    const before = emu.requests.length;
    const all: InferenceProfileSummary[] = [];
    for await (const page of paginateListInferenceProfiles({ client: c, pageSize: 7 }, {})) all.push(...page.inferenceProfileSummaries!);
    const calls = emu.requests.slice(before).filter((r) => r.route === 'ListInferenceProfiles');
    assert.equal(calls.length, Math.ceil(all.length / 7));
    assert.ok(calls.length >= 3);
    assert.equal(calls[0]!.query.maxResults, '7');
    assert.ok(calls[1]!.query.nextToken);
    assert.equal(new Set(all.map((p) => p.inferenceProfileId)).size, all.length);
    const sonnet = all.find((p) => p.inferenceProfileId === 'us.anthropic.claude-sonnet-4-20250514-v1:0')!;
    assert.equal(sonnet.type, 'SYSTEM_DEFINED');
    assert.equal(sonnet.inferenceProfileArn, 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0');
    assert.ok(sonnet.models!.length >= 3);
    assert.ok(sonnet.models!.some((m) => m.modelArn!.startsWith('arn:aws:bedrock:us-west-2::foundation-model/')));
    assert.ok(all.some((p) => p.inferenceProfileId!.startsWith('global.')));
    assert.ok(!all.some((p) => p.inferenceProfileId!.startsWith('eu.')), 'us-east-1 sees no eu. profiles');
  });

  it('filters by type and includes one application inference profile', async () => {
    const c = controlClient(emu.url);
    const apps = await c.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    assert.equal(apps.inferenceProfileSummaries!.length, 1);
    const app = apps.inferenceProfileSummaries![0]!;
    assert.equal(app.type, 'APPLICATION');
    assert.match(app.inferenceProfileArn!, /:application-inference-profile\//);
    assert.equal(emu.requests.at(-1)!.query.type, 'APPLICATION');
    const got = await c.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: app.inferenceProfileArn! }));
    assert.equal(got.inferenceProfileId, app.inferenceProfileId);
    assert.match(got.models![0]!.modelArn!, /anthropic\.claude-sonnet-4-5/);
  });

  it('decides which profiles exist from the SigV4 region', async () => {
    const eu = await controlClient(emu.url, { region: 'eu-west-1' }).send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }));
    const ids = eu.inferenceProfileSummaries!.map((p) => p.inferenceProfileId!);
    assert.ok(ids.some((id) => id.startsWith('eu.')));
    assert.ok(!ids.some((id) => id.startsWith('us.')));
    assert.equal(emu.requests.at(-1)!.auth.region, 'eu-west-1');
    const got = await controlClient(emu.url, { region: 'eu-west-1' }).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'eu.anthropic.claude-sonnet-4-20250514-v1:0' }));
    assert.match(got.inferenceProfileArn!, /^arn:aws:bedrock:eu-west-1:/);
    await assert.rejects(
      controlClient(emu.url, { region: 'eu-west-1' }).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.anthropic.claude-sonnet-4-20250514-v1:0' })),
      ResourceNotFoundException,
    );
  });
});
