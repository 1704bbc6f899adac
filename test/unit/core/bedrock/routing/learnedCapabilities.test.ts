// A corrupt store of learned facts: planning a route never throws, every readable fact is kept,
// and the store says once what it dropped. The next thing learned is saved in the current format
// alongside the facts that survived.
import assert from 'node:assert/strict';
import { Catalog } from '../../../../../src/core/bedrock/catalog/catalog';
import { BedrockConnection } from '../../../../../src/core/bedrock/connection/connection';
import { MemoryStore } from '../../../../../src/core/keyValueStore';
import { LearnedCapabilities, type LearnedFacts } from '../../../../../src/core/bedrock/routing/learnedCapabilities';
import { Router } from '../../../../../src/core/bedrock/routing/router';
import { learnedKey } from '../../../../../src/core/storageKeys';

const REGION = 'us-east-1';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';
const SETTINGS = { region: REGION, endpoints: { control: 'http://127.0.0.1:9', runtime: 'http://127.0.0.1:9', mantle: 'http://127.0.0.1:9' } };
const GOOD_TITAN = { noSystemPrompt: true };
const store1 = (models: unknown) => ({ v: 1, models });

interface Case {
  name: string;
  stored: unknown;
  /** What `all()` must hold afterwards: every good fact in the stored value. */
  kept: LearnedFacts;
}

const CASES: Case[] = [
  { name: '"garbage"', stored: 'garbage', kept: {} },
  { name: 'the number 5', stored: 5, kept: {} },
  { name: 'null', stored: null, kept: {} },
  { name: 'an array', stored: [{ profile: 'x' }], kept: {} },
  { name: 'models: null', stored: store1(null), kept: {} },
  { name: 'profile: 5', stored: store1({ [HAIKU]: { profile: 5, maxTokens: 100 }, [TITAN]: GOOD_TITAN }), kept: { [HAIKU]: { maxTokens: 100 }, [TITAN]: GOOD_TITAN } },
  { name: 'unversioned (older) store with profile: 5', stored: { [HAIKU]: { profile: 5, maxTokens: 100 }, [TITAN]: GOOD_TITAN }, kept: { [HAIKU]: { maxTokens: 100 }, [TITAN]: GOOD_TITAN } },
  { name: 'a null model entry', stored: store1({ [HAIKU]: null, [TITAN]: GOOD_TITAN }), kept: { [TITAN]: GOOD_TITAN } },
  { name: 'a string model entry', stored: store1({ [HAIKU]: 'profile', [TITAN]: GOOD_TITAN }), kept: { [TITAN]: GOOD_TITAN } },
  {
    name: 'apis with a null answer and an unknown API',
    stored: store1({ [HAIKU]: { apis: { converse: null, teleport: { supported: true, note: '', at: 1 }, 'converse-stream': { supported: false, note: 'no', at: 1 } } } }),
    kept: { [HAIKU]: { apis: { 'converse-stream': { supported: false, note: 'no', at: 1 } } } },
  },
  { name: 'apis: "all"', stored: store1({ [HAIKU]: { apis: 'all', noToolStreaming: true } }), kept: { [HAIKU]: { noToolStreaming: true } } },
  { name: 'maxTokens of -1', stored: store1({ [HAIKU]: { maxTokens: -1 }, [TITAN]: GOOD_TITAN }), kept: { [HAIKU]: {}, [TITAN]: GOOD_TITAN } },
  { name: 'maxTokens as text', stored: store1({ [HAIKU]: { maxTokens: '4096', noSystemPrompt: 'yes' } }), kept: { [HAIKU]: {} } },
  { name: 'a 3,000-character profile', stored: store1({ [HAIKU]: { profile: 'p'.repeat(3000) }, [TITAN]: GOOD_TITAN }), kept: { [HAIKU]: {}, [TITAN]: GOOD_TITAN } },
  { name: 'an empty model id', stored: store1({ '': { noSystemPrompt: true }, [TITAN]: GOOD_TITAN }), kept: { [TITAN]: GOOD_TITAN } },
  {
    name: '__proto__ and constructor as model ids',
    stored: JSON.parse(`{"v":1,"models":{"__proto__":{"profile":"evil"},"constructor":{"noSystemPrompt":true},"${TITAN}":{"noSystemPrompt":true}}}`),
    kept: { [TITAN]: GOOD_TITAN },
  },
  {
    name: 'route facts: a host-scoped refusal, an unknown host, a bad prefix',
    stored: store1({
      [HAIKU]: {
        apis: { messages: { supported: false, note: 'no', at: 1, endpoint: 'runtime' }, responses: { supported: false, note: 'no', at: 1, endpoint: 'moon' } },
        unknownTo: { runtime: { note: 'The provided model identifier is invalid.', at: 2 }, moon: { note: 'x', at: 2 }, mantle: { note: 5, at: 2 } },
        mantlePrefix: '/openai/v1',
      },
      [TITAN]: { mantlePrefix: '/evil/v9', noSystemPrompt: true },
    }),
    kept: {
      [HAIKU]: {
        apis: { messages: { supported: false, note: 'no', at: 1, endpoint: 'runtime' } },
        unknownTo: { runtime: { note: 'The provided model identifier is invalid.', at: 2 } },
        mantlePrefix: '/openai/v1',
      },
      [TITAN]: GOOD_TITAN,
    },
  },
];

function rig(stored: unknown) {
  const store = new MemoryStore();
  store.update(learnedKey(REGION), stored);
  const warnings: string[] = [];
  const learned = new LearnedCapabilities(store, (m) => warnings.push(m));
  const connection = new BedrockConnection(SETTINGS, {});
  const catalog = new Catalog(connection, store, learned);
  const router = new Router({ connection, directory: catalog, learned });
  return { store, warnings, learned, router, dispose: () => (catalog.dispose(), connection.dispose()) };
}

describe('stored state: learned capabilities', () => {
  for (const c of CASES) {
    it(`${c.name}: plans still work, good facts kept, warns once`, () => {
      const r = rig(c.stored);
      try {
        assert.deepEqual(r.learned.all(REGION), c.kept);
        for (const id of [HAIKU, TITAN]) {
          assert.doesNotThrow(() => r.router.plan({ modelId: id, task: id === TITAN ? 'embed' : 'chat', features: { streaming: true, systemPrompt: true } }));
        }
        assert.equal(r.learned.get(REGION, 'constructor'), undefined, 'no inherited value answers for a model id');
        assert.equal(r.warnings.length, 1, `one warning, got: ${JSON.stringify(r.warnings)}`);
        // Learning something new saves the survivors too, in the current format.
        r.learned.learn(REGION, HAIKU, { profile: `us.${HAIKU}` });
        const saved = r.store.get<{ v: number; models: LearnedFacts }>(learnedKey(REGION))!;
        assert.equal(saved.v, 1);
        assert.deepEqual(saved.models, { ...c.kept, [HAIKU]: { ...c.kept[HAIKU], profile: `us.${HAIKU}` } });
        assert.equal(r.warnings.length, 1, 'nothing more to say after the store was read once');
        assert.equal(({} as Record<string, unknown>).profile, undefined, 'no prototype was changed');
      } finally {
        r.dispose();
      }
    });
  }

  it('a store a newer version wrote is not read and not overwritten; what is learned meanwhile is used', () => {
    const newer = { v: 2, models: { [HAIKU]: { profile: 'x' } } };
    const r = rig(newer);
    try {
      assert.deepEqual(r.learned.all(REGION), {});
      r.learned.learn(REGION, HAIKU, { maxTokens: 100 });
      assert.equal(r.learned.get(REGION, HAIKU)?.maxTokens, 100);
      assert.deepEqual(r.store.get(learnedKey(REGION)), newer, 'left as it is');
      assert.equal(r.warnings.length, 1, JSON.stringify(r.warnings));
      assert.match(r.warnings[0], /newer version/);
    } finally {
      r.dispose();
    }
  });

  it('a model id that would change a prototype is never learned about', () => {
    const r = rig(undefined);
    r.learned.learn(REGION, '__proto__', { profile: 'evil' });
    assert.deepEqual(r.learned.all(REGION), {});
    assert.equal(Object.getPrototypeOf(r.learned.all(REGION)), Object.prototype);
    assert.deepEqual(r.warnings, []);
    r.dispose();
  });
});
