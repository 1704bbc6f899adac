// A corrupt catalog cache: the catalog still starts, keeps every readable descriptor, and says once
// what it dropped. Each case is read the way activation reads it (JSON back from a store), then read
// again after a settings change to show the warning is not repeated.
import assert from 'node:assert/strict';
import { Catalog } from '../../../../../src/core/bedrock/catalog/catalog';
import { buildDescriptors } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { BedrockConnection } from '../../../../../src/core/bedrock/connection/connection';
import { MemoryStore } from '../../../../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../../../../src/core/bedrock/routing/learnedCapabilities';
import type { ModelDescriptor } from '../../../../../src/core/bedrock/catalog/modelDescriptor';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { catalogKey } from '../../../../../src/core/storageKeys';

const REGION = 'us-east-1';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';
// Never contacted: loading the cache makes no request.
const SETTINGS = { region: REGION, endpoints: { control: 'http://127.0.0.1:9', runtime: 'http://127.0.0.1:9', mantle: 'http://127.0.0.1:9' } };

function goodDescriptors(): ModelDescriptor[] {
  const arn = (id: string) => `arn:aws:bedrock:${REGION}::foundation-model/${id}`;
  const descriptors = buildDescriptors({
    models: [
      { modelId: HAIKU, modelArn: arn(HAIKU), modelName: 'Claude 3 Haiku', providerName: 'Anthropic', inputModalities: ['TEXT'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' } },
      { modelId: TITAN, modelArn: arn(TITAN), modelName: 'Titan Text Embeddings V2', providerName: 'Amazon', inputModalities: ['TEXT'], outputModalities: ['EMBEDDING'], inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' } },
    ],
    profiles: [{ inferenceProfileId: `us.${HAIKU}`, inferenceProfileArn: `arn:aws:bedrock:${REGION}:123456789012:inference-profile/us.${HAIKU}`, inferenceProfileName: 'US Haiku', type: 'SYSTEM_DEFINED', models: [{ modelArn: arn(HAIKU) }] }],
    shipped: SHIPPED_MODELS,
    learned: {},
  });
  return JSON.parse(JSON.stringify(descriptors));
}

const GOOD = goodDescriptors();
const GOOD_IDS = GOOD.map((d) => d.id);
const snapshot = (descriptors: unknown, extra: Record<string, unknown> = {}) => ({ v: 1, region: REGION, account: '', fetchedAt: 1, descriptors, ...extra });
const haikuWith = (patch: Record<string, unknown>) => ({ ...GOOD.find((d) => d.id === HAIKU)!, ...patch });
const OTHERS = GOOD.filter((d) => d.id !== HAIKU);
const withoutHaiku = OTHERS.map((d) => d.id);

interface Case {
  name: string;
  stored: unknown;
  /** Descriptor ids the catalog must still hold (every good one in the stored value). */
  kept: string[];
  check?: (catalog: Catalog) => void;
}

const CASES: Case[] = [
  { name: 'snapshot is null', stored: null, kept: [] },
  { name: 'snapshot is a string', stored: 'garbage', kept: [] },
  { name: 'snapshot is an array', stored: [GOOD], kept: [] },
  { name: 'descriptors: null', stored: snapshot(null), kept: [] },
  { name: 'descriptors: "x"', stored: snapshot('x'), kept: [] },
  { name: 'descriptors: [null]', stored: snapshot([null]), kept: [] },
  { name: 'null and numbers among good descriptors', stored: snapshot([null, ...GOOD, 5, 'x', []]), kept: GOOD_IDS },
  { name: 'a descriptor with only an id', stored: snapshot([{ id: 'x.y-v1:0' }, ...GOOD]), kept: GOOD_IDS },
  { name: 'a descriptor missing its name', stored: snapshot([haikuWith({ name: undefined }), ...OTHERS]), kept: withoutHaiku },
  { name: 'a descriptor whose apis is null', stored: snapshot([haikuWith({ apis: null }), ...OTHERS]), kept: withoutHaiku },
  {
    name: 'one API answer of the wrong type',
    stored: snapshot([haikuWith({ apis: { ...haikuWith({}).apis, converse: { supported: 'yes', source: 'shipped' }, 'converse-stream': null } }), ...OTHERS]),
    kept: GOOD_IDS,
    check: (c) => {
      assert.equal(c.describe(HAIKU)!.apis.converse.supported, null, 'unreadable answer becomes unknown');
      assert.equal(c.describe(HAIKU)!.apis.invoke.supported, true, 'the readable answers are kept');
    },
  },
  {
    name: 'profiles with a null and a half profile',
    stored: snapshot([haikuWith({ profiles: [null, { id: 'us.x' }, ...haikuWith({}).profiles] }), ...OTHERS]),
    kept: GOOD_IDS,
    check: (c) => assert.deepEqual(c.describe(HAIKU)!.profiles.map((p) => p.id), [`us.${HAIKU}`]),
  },
  {
    name: 'modalities with null and a number',
    stored: snapshot([haikuWith({ outputModalities: [null, 7, 'TEXT'] }), ...OTHERS]),
    kept: GOOD_IDS,
    check: (c) => assert.deepEqual(c.describe(HAIKU)!.outputModalities, ['TEXT']),
  },
  { name: 'a 3,000-character id', stored: snapshot([haikuWith({ id: 'a'.repeat(3000) }), ...OTHERS]), kept: withoutHaiku },
  { name: 'a 1 MB name', stored: snapshot([haikuWith({ name: 'n'.repeat(1_000_000) }), ...OTHERS]), kept: withoutHaiku },
  {
    name: 'limits of the wrong type',
    stored: snapshot([haikuWith({ limits: { maxOutputTokens: 'lots', embed: 3 } }), ...OTHERS]),
    kept: GOOD_IDS,
    check: (c) => assert.deepEqual(c.describe(HAIKU)!.limits, {}),
  },
  {
    name: '__proto__ keys in the snapshot and a descriptor',
    stored: JSON.parse(
      `{"__proto__":{"polluted":1},"v":1,"region":"${REGION}","account":"","fetchedAt":1,"descriptors":[${GOOD.map((d) => JSON.stringify(d).replace('{', '{"__proto__":{"polluted":1},')).join(',')}]}`,
    ),
    kept: GOOD_IDS,
    check: (c) => {
      for (const d of c.descriptors) assert.equal(Object.getPrototypeOf(d), Object.prototype);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    },
  },
  {
    name: 'mantle fields: a kept null id beside a mantle-only flag of the wrong type',
    stored: snapshot([haikuWith({ mantleId: null, mantleOnly: 'yes' }), ...OTHERS]),
    kept: GOOD_IDS,
    check: (c) => {
      assert.equal(c.describe(HAIKU)!.mantleId, null, 'mantle listed nothing for it: still known');
      assert.equal(c.describe(HAIKU)!.mantleOnly, undefined);
    },
  },
  { name: 'a mantle id of 3,000 characters', stored: snapshot([haikuWith({ mantleId: 'm'.repeat(3000) }), ...OTHERS]), kept: GOOD_IDS, check: (c) => assert.equal(c.describe(HAIKU)!.mantleId, undefined) },
  { name: 'a future version', stored: snapshot(GOOD, { v: 2 }), kept: [] },
  { name: 'fetchedAt is a string', stored: snapshot(GOOD, { fetchedAt: 'yesterday' }), kept: [] },
];

describe('stored state: the catalog cache', () => {
  for (const c of CASES) {
    it(`${c.name}: starts, keeps every good descriptor, warns once`, () => {
      const store = new MemoryStore();
      store.update(catalogKey(REGION, undefined), c.stored);
      const warnings: string[] = [];
      const connection = new BedrockConnection(SETTINGS, {});
      const catalog = new Catalog(connection, store, new LearnedCapabilities(store), (m) => warnings.push(m));
      try {
        connection.update({ ...SETTINGS }); // reads the cache again, as a settings change does
        assert.equal(warnings.length, 1, `one warning, got: ${JSON.stringify(warnings)}`);
        assert.deepEqual(catalog.descriptors.map((d) => d.id).sort(), [...c.kept].sort(), 'every good descriptor and nothing else');
        if (c.kept.length) assert.equal(catalog.state, 'cached');
        // What the picker and the router do with every descriptor must work on what is left.
        for (const d of catalog.descriptors) {
          assert.equal(typeof d.apis.embed.supported === 'boolean' || d.apis.embed.supported === null, true);
          assert.ok(Array.isArray(d.outputModalities) && Array.isArray(d.profiles));
        }
        assert.ok(catalog.describe(HAIKU), 'a model still resolves (from the shipped table when the cache lost it)');
        c.check?.(catalog);
      } finally {
        catalog.dispose();
        connection.dispose();
      }
    });
  }

  it('a good cache loads untouched and says nothing', () => {
    const store = new MemoryStore();
    store.update(catalogKey(REGION, undefined), snapshot(GOOD));
    const warnings: string[] = [];
    const connection = new BedrockConnection(SETTINGS, {});
    const catalog = new Catalog(connection, store, new LearnedCapabilities(store), (m) => warnings.push(m));
    assert.deepEqual(catalog.descriptors, GOOD);
    assert.deepEqual(warnings, []);
    catalog.dispose();
    connection.dispose();
  });
});
