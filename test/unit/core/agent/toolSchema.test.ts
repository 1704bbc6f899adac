// Tool declarations per provider: what each model's provider accepts, whatever the tool declared.
import * as assert from 'node:assert/strict';
import { dialectOf, inputProblem, normalizeInputSchema, wireToolName } from '../../../../src/core/agent/toolSchema';
import { capResult } from '../../../../src/core/agent/toolCall';

const union = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  oneOf: [
    { type: 'object', properties: { path: { type: 'string' }, line: { type: 'integer' } }, required: ['path', 'line'] },
    { type: 'object', properties: { path: { type: 'string' }, symbol: { type: 'string' } }, required: ['path', 'symbol'] },
  ],
};

describe('agent: tool schemas per provider', () => {
  it('knows the provider behind model ids, profiles and ARNs', () => {
    assert.equal(dialectOf('anthropic.claude-sonnet-4-20250514-v1:0'), 'anthropic');
    assert.equal(dialectOf('us.anthropic.claude-sonnet-4-20250514-v1:0'), 'anthropic');
    assert.equal(dialectOf('arn:aws:bedrock:us-east-1:123:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0'), 'anthropic');
    assert.equal(dialectOf('openai.gpt-oss-120b-1:0'), 'openai');
    assert.equal(dialectOf('us.amazon.nova-pro-v1:0'), 'plain');
    assert.equal(dialectOf('meta.llama3-3-70b-instruct-v1:0'), 'plain');
  });

  for (const dialect of ['anthropic', 'openai', 'plain'] as const) {
    it(`${dialect}: merges a top-level oneOf into one object (required only where every branch requires it)`, () => {
      const out = normalizeInputSchema(union, dialect);
      assert.deepEqual(out, { type: 'object', properties: { path: { type: 'string' }, line: { type: 'integer' }, symbol: { type: 'string' } }, required: ['path'] });
    });

    it(`${dialect}: gives a schema without a type or properties the object form, and survives junk`, () => {
      for (const raw of [undefined, null, 'x', [], {}, { type: 'string' }, { properties: 5 }]) {
        const out = normalizeInputSchema(raw, dialect);
        assert.equal(out.type, 'object');
        assert.deepEqual(out.properties, {});
      }
    });
  }

  it('allOf at the top level requires what any part requires', () => {
    const out = normalizeInputSchema({ allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } }, required: ['b'] }] }, 'anthropic');
    assert.deepEqual(out.required, ['a', 'b']);
  });

  it('anthropic and openai keep nested unions, $refs and additionalProperties as the tool declared them', () => {
    const schema = {
      type: 'object',
      properties: { target: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/Range' }] }, opts: { type: 'object', additionalProperties: { type: 'string' } } },
      additionalProperties: false,
      $defs: { Range: { type: 'object', properties: { start: { type: 'integer' } } } },
    };
    for (const d of ['anthropic', 'openai'] as const) assert.deepEqual(normalizeInputSchema(schema, d), schema);
  });

  it('plain (Nova, Llama, Mistral, …): $refs resolved inline, definitions dropped, additionalProperties only as a boolean', () => {
    const out = normalizeInputSchema(
      {
        type: 'object',
        properties: { range: { $ref: '#/$defs/Range', description: 'which lines' }, loop: { $ref: '#/definitions/Loop' }, opts: { type: 'object', additionalProperties: { type: 'string' } } },
        additionalProperties: false,
        $defs: { Range: { type: 'object', properties: { start: { type: 'integer' } } } },
        definitions: { Loop: { type: 'object', properties: { again: { $ref: '#/definitions/Loop' } } } },
      },
      'plain',
    );
    assert.deepEqual(out.properties, {
      range: { type: 'object', properties: { start: { type: 'integer' } }, description: 'which lines' },
      loop: { type: 'object', properties: { again: { type: 'object', properties: { again: { type: 'object', properties: { again: { type: 'object', properties: { again: { type: 'object', properties: { again: { type: 'object', properties: { again: { type: 'object', properties: { again: { type: 'object', properties: { again: {} } } } } } } } } } } } } } } } },
      opts: { type: 'object' },
    });
    assert.equal(out.additionalProperties, false);
    assert.equal('$defs' in out || 'definitions' in out, false);
  });

  it('drops required names that are not properties (a refused schema on every provider)', () => {
    assert.deepEqual(normalizeInputSchema({ type: 'object', properties: { a: {} }, required: ['a', 'ghost', 7] }, 'plain').required, ['a']);
    assert.equal('required' in normalizeInputSchema({ type: 'object', properties: {}, required: ['ghost'] }, 'anthropic'), false);
  });

  it('names: keeps a valid one, rewrites the rest to [A-Za-z0-9_-]{1,64}, numbers clashes', () => {
    const taken = new Set<string>();
    assert.equal(wireToolName('readFile', taken), 'readFile');
    assert.equal(wireToolName('mcp.github/create issue', taken), 'mcp_github_create_issue');
    assert.equal(wireToolName('mcp_github_create_issue', taken), 'mcp_github_create_issue_2');
    assert.equal(wireToolName('', taken), 'tool');
    const long = wireToolName('x'.repeat(80), taken);
    assert.equal(long.length, 64);
    assert.equal(wireToolName('x'.repeat(80), taken), `${'x'.repeat(62)}_2`);
  });

  it('checks arguments: object, required, types, enums', () => {
    const schema = { type: 'object', properties: { path: { type: 'string' }, n: { type: 'integer' }, mode: { enum: ['a', 'b'] }, any: {} }, required: ['path'] };
    assert.equal(inputProblem({ path: 'x', n: 2, mode: 'a', any: [1] }, schema), undefined);
    assert.equal(inputProblem([], schema), 'the arguments must be a JSON object, not an array');
    assert.equal(inputProblem({}, schema), 'missing required property "path"');
    assert.equal(inputProblem({ path: 'x', n: 1.5 }, schema), '"n" must be integer, not a number');
    assert.equal(inputProblem({ path: 'x', mode: 'c' }, schema), '"mode" must be one of "a", "b"');
    assert.equal(inputProblem({ path: 'x' }, union), undefined, 'a union schema is checked in its merged form');
  });

  it('caps results on a character boundary and says how much was shown', () => {
    assert.deepEqual(capResult('short', 10), { text: 'short', truncated: false });
    assert.deepEqual(capResult('abcdef', 3), { text: 'abc\n[truncated: 3 of 6 bytes shown]', truncated: true });
    // 'é' is two bytes: a cut inside it backs up to the character's start.
    assert.equal(capResult('ééé', 3).text, 'é\n[truncated: 2 of 6 bytes shown]');
  });
});
