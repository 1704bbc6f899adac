// A readable name for a model no listing names. bedrock-mantle's list (OpenAI's shape) carries ids
// only, and the runtime does not list the models only mantle serves; the shipped table knows some
// of them by name alone (the AWS pages name them before any id is published). Those are matched by
// their name's letters and digits; any other id is turned into words by a rule that only changes
// case and separators, so what it shows is always what the id says.

/** Letters and digits only, lower case: `Claude Mythos 5` and `claude-mythos-5` both give `claudemythos5`. */
export function compactName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Written in capitals wherever they stand in an id. */
const ACRONYMS = new Set(['gpt', 'oss', 'vl', 'ai', 'r1', 'v2', 'v3', 'llm', 'tts', 'ocr']);

function word(token: string): string {
  if (ACRONYMS.has(token)) return token.toUpperCase();
  // Parameter counts and mixture-of-experts sizes: 8b → 8B, a35b → A35B, 1.5t → 1.5T.
  if (/^[a-z]?\d+(\.\d+)?[bmkt]$/.test(token)) return token.toUpperCase();
  if (/^\d/.test(token)) return token;
  return token[0]!.toUpperCase() + token.slice(1);
}

/**
 * `openai.gpt-5.5` → `GPT-5.5`, `anthropic.claude-mythos-5` → `Claude Mythos 5`,
 * `qwen.qwen3-coder-480b-a35b` → `Qwen3 Coder 480B A35B`. The provider prefix, a version suffix
 * (`-v1:0`, `-1:0`) and a release date (`-20251001`) are left out; each `-` becomes a space, except
 * after an acronym followed by a number or another acronym (`GPT-5.5`, `GPT-OSS`), as their makers write them.
 */
export function readableModelName(modelId: string): string {
  const bare = modelId.includes('.') ? modelId.slice(modelId.indexOf('.') + 1) : modelId;
  const core = bare
    .replace(/-v\d+(:\d+)?$/, '')
    .replace(/(-\d+)?:\d+$/, '')
    .replace(/-\d{8}$/, '');
  const tokens = core.split(/[-_\s]+/).filter(Boolean);
  if (!tokens.length) return modelId;
  let out = '';
  tokens.forEach((t, i) => {
    const joined = i > 0 && ACRONYMS.has(tokens[i - 1]!) && (/^\d/.test(t) || ACRONYMS.has(t));
    out += (i === 0 ? '' : joined ? '-' : ' ') + word(t);
  });
  return out;
}

/**
 * The shipped row a model only mantle lists is, among the rows known by name alone: its id without
 * the provider prefix has the same letters and digits as the row's name, and the prefix names the
 * row's provider (`moonshotai.` for Moonshot).
 */
export function rowNamedLike<Row extends { p: string; n: string; id?: string }>(modelId: string, rows: readonly Row[]): Row | undefined {
  const dot = modelId.indexOf('.');
  if (dot <= 0) return undefined;
  const prefix = compactName(modelId.slice(0, dot));
  const key = compactName(modelId.slice(dot + 1));
  if (!key) return undefined;
  return rows.find((r) => {
    if (r.id || compactName(r.n) !== key) return false;
    const provider = compactName(r.p);
    return !!provider && (prefix.startsWith(provider) || provider.startsWith(prefix));
  });
}
