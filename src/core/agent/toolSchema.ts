// Tool declarations as each model provider accepts them. A tool declares its input as it likes
// (an MCP server may send a top-level `oneOf`, `$ref`s, a `$schema` line); the model behind the
// API validates it, whichever API carries it, so the rules follow the provider:
// - every provider: the top level is `type: "object"` with `properties`; names match
//   `[A-Za-z0-9_-]{1,64}` (Bedrock's toolSpec rule, also OpenAI's and Anthropic's);
// - Anthropic (Converse, Messages, InvokeModel alike): "input_schema does not support oneOf,
//   allOf, or anyOf at the top level"; nested ones, `$ref` and `additionalProperties` are accepted;
// - OpenAI (gpt-oss and the frontier models): the top level must be an object schema, so a
//   top-level union is merged the same way; `additionalProperties` is accepted;
// - Amazon Nova and every other provider (Llama, Mistral, Cohere, DeepSeek, Qwen, …): only plain
//   JSON schema is safe: no `$ref` (resolved inline), no top-level union, and `additionalProperties`
//   only as true/false.
// A top-level union is merged into one object: every branch's properties, required only when
// every branch requires it (all of them for `allOf`); the tool still checks its own input.

export type SchemaDialect = 'anthropic' | 'openai' | 'plain';

type Schema = Record<string, unknown>;

const NAME_RULE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_REF_DEPTH = 8;

/** The dialect of the provider behind a model, profile or ARN id. */
export function dialectOf(modelId: string): SchemaDialect {
  if (/(^|[.:/])anthropic\./.test(modelId)) return 'anthropic';
  if (/(^|[.:/])openai\./.test(modelId)) return 'openai';
  return 'plain';
}

/** The tool's input schema as `dialect` accepts it; never throws, whatever the tool declared. */
export function normalizeInputSchema(raw: unknown, dialect: SchemaDialect): Schema {
  const root = isSchema(raw) ? raw : {};
  const defs = { ...asSchema(root.definitions), ...asSchema(root.$defs) };
  let schema: Schema = dialect === 'plain' ? (resolveRefs(root, defs, 0) as Schema) : root;
  schema = mergeTopLevelUnion(schema);
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$schema' || k === '$id' || k === 'type' || k === 'oneOf' || k === 'anyOf' || k === 'allOf') continue;
    if (dialect === 'plain' && (k === '$defs' || k === 'definitions')) continue;
    out[k] = v;
  }
  out.type = 'object';
  out.properties = isSchema(out.properties) ? out.properties : {};
  if (Array.isArray(out.required)) out.required = out.required.filter((r) => typeof r === 'string' && Object.hasOwn(out.properties as Schema, r));
  if (Array.isArray(out.required) && !out.required.length) delete out.required;
  return dialect === 'plain' ? (plainAdditionalProperties(out) as Schema) : out;
}

/**
 * A name every API accepts for the tool, unique among `taken` (which it joins): the tool's own
 * when it already fits, else with the other characters replaced and shortened, numbered on a clash.
 */
export function wireToolName(name: string, taken: Set<string>): string {
  let base = NAME_RULE.test(name) ? name : name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'tool';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) {
    const suffix = `_${n}`;
    base = base.slice(0, 64 - suffix.length);
    candidate = base + suffix;
  }
  taken.add(candidate);
  return candidate;
}

/**
 * What is wrong with `input` for `schema`, or undefined when it fits: an object at the top, every
 * required property present, each property of the JSON type it declares and in its `enum`. Enough
 * to send a model back with a precise message; the tool still checks what it needs.
 */
export function inputProblem(input: unknown, schema: unknown): string | undefined {
  if (!isSchema(input)) return `the arguments must be a JSON object, not ${jsonKind(input)}`;
  const s = isSchema(schema) ? mergeTopLevelUnion(schema) : {};
  const props = asSchema(s.properties);
  const missing = (Array.isArray(s.required) ? s.required : []).filter((r): r is string => typeof r === 'string' && !(r in input));
  if (missing.length) return `missing required ${missing.length === 1 ? 'property' : 'properties'} ${missing.map((m) => `"${m}"`).join(', ')}`;
  for (const [key, value] of Object.entries(input)) {
    const p = props[key];
    if (!isSchema(p)) continue;
    const types = typeof p.type === 'string' ? [p.type] : Array.isArray(p.type) ? p.type : [];
    if (types.length && !types.some((t) => fitsType(value, t))) return `"${key}" must be ${types.join(' or ')}, not ${jsonKind(value)}`;
    if (Array.isArray(p.enum) && !p.enum.some((e) => e === value)) return `"${key}" must be one of ${p.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  }
  return undefined;
}

function mergeTopLevelUnion(schema: Schema): Schema {
  const branches = (['oneOf', 'anyOf', 'allOf'] as const).flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]).filter(isSchema).map((b) => ({ b, all: k === 'allOf' })) : []));
  if (!branches.length) return schema;
  const properties: Schema = { ...asSchema(schema.properties) };
  const required = new Set(Array.isArray(schema.required) ? (schema.required as unknown[]).filter((r): r is string => typeof r === 'string') : []);
  const eitherRequired: Array<Set<string>> = [];
  for (const { b, all } of branches) {
    for (const [k, v] of Object.entries(asSchema(b.properties))) if (!(k in properties)) properties[k] = v;
    const req = new Set(Array.isArray(b.required) ? (b.required as unknown[]).filter((r): r is string => typeof r === 'string') : []);
    if (all) req.forEach((r) => required.add(r));
    else eitherRequired.push(req);
  }
  // Required by every alternative: required whichever the model picks.
  if (eitherRequired.length) for (const r of eitherRequired[0]) if (eitherRequired.every((set) => set.has(r))) required.add(r);
  const merged: Schema = { ...schema, type: 'object', properties };
  delete merged.oneOf;
  delete merged.anyOf;
  delete merged.allOf;
  if (required.size) merged.required = [...required];
  else delete merged.required;
  return merged;
}

/** Local `$ref`s (`#/$defs/X`, `#/definitions/X`) replaced by what they point at; a cycle or a deep chain becomes `{}`. */
function resolveRefs(node: unknown, defs: Schema, depth: number): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, defs, depth));
  if (!isSchema(node)) return node;
  if (typeof node.$ref === 'string') {
    const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(node.$ref);
    const target = m ? defs[decodeURIComponent(m[1])] : undefined;
    if (depth >= MAX_REF_DEPTH || !isSchema(target)) return node.description ? { description: node.description } : {};
    const { $ref: _ref, ...rest } = node;
    return resolveRefs({ ...target, ...rest }, defs, depth + 1);
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = resolveRefs(v, defs, depth);
  return out;
}

/** `additionalProperties` only as true or false, everywhere in the schema. */
function plainAdditionalProperties(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plainAdditionalProperties);
  if (!isSchema(node)) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'additionalProperties' && typeof v !== 'boolean') continue;
    out[k] = k === 'properties' && isSchema(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, plainAdditionalProperties(s)])) : plainAdditionalProperties(v);
  }
  return out;
}

function fitsType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isSchema(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asSchema(v: unknown): Schema {
  return isSchema(v) ? v : {};
}
