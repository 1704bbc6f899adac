// Every setting the extension reads, declared once: key, type, default and range. The manifest's
// `contributes.configuration` must agree with this table (a unit test compares them), and every
// read goes through `src/vscode/settings.ts`, which validates against it. To add a setting, add a
// row here and the same key to package.json.
import { DEFAULT_VOICE_ID, SONIC_VOICE_IDS } from '../../shared/sonicVoices';

interface SettingBase {
  /** Full configuration key, e.g. `bedrock.stream.idleTimeoutSeconds`. */
  readonly key: string;
  /**
   * The setting decides where credentials are sent or which credentials are used. It is declared
   * `"scope": "machine"` and restricted in untrusted workspaces, and read only from user (or
   * remote) settings: a value in a workspace's `.vscode/settings.json` is ignored, with a warning.
   */
  readonly userOnly?: true;
  /** What a user-only setting guards, for the warning when a workspace sets it (default: where credentials go). */
  readonly userOnlyBecause?: string;
  /** Declared by VS Code itself, not by this extension's manifest (we only read it). */
  readonly external?: true;
}

export interface NumberSetting extends SettingBase {
  readonly type: 'number' | 'integer';
  readonly default: number;
  readonly minimum: number;
  readonly maximum: number;
}

/** What a text setting holds; each has its own check. */
export type TextFormat = 'url' | 'region' | 'profile' | 'modelId' | 's3Uri';

export interface TextSetting extends SettingBase {
  readonly type: 'string';
  readonly format: TextFormat;
  /** Empty means "not set": the caller derives the value (region from the environment, AWS endpoints, …). */
  readonly default: '';
}

/** One of a fixed set of words (an enum in the manifest). */
export interface ChoiceSetting extends SettingBase {
  readonly type: 'string';
  readonly choices: readonly string[];
  readonly default: string;
}

/** A list of names (tool names): non-string or oversized entries are dropped. */
export interface NameListSetting extends SettingBase {
  readonly type: 'array';
  readonly default: readonly string[];
}

export type SettingSpec = NumberSetting | TextSetting | ChoiceSetting | NameListSetting;

const APPROVAL_CHOICES = ['ask', 'askOncePerChat', 'allow'] as const;
const AGENT_IS_THE_USERS = 'only your user settings decide which tools the agent has and what it may do without asking';

export const SETTINGS = {
  region: { key: 'bedrock.region', type: 'string', format: 'region', default: '', userOnly: true },
  profile: { key: 'bedrock.profile', type: 'string', format: 'profile', default: '', userOnly: true },
  controlEndpoint: { key: 'bedrock.endpoints.control', type: 'string', format: 'url', default: '', userOnly: true },
  runtimeEndpoint: { key: 'bedrock.endpoints.runtime', type: 'string', format: 'url', default: '', userOnly: true },
  mantleEndpoint: { key: 'bedrock.endpoints.mantle', type: 'string', format: 'url', default: '', userOnly: true },
  s3Endpoint: { key: 'bedrock.endpoints.s3', type: 'string', format: 'url', default: '', userOnly: true },
  // Where async jobs write is where data goes: chosen by the user, never by a workspace.
  asyncS3OutputUri: { key: 'bedrock.async.s3OutputUri', type: 'string', format: 's3Uri', default: '', userOnly: true },
  proxy: { key: 'http.proxy', type: 'string', format: 'url', default: '', userOnly: true, external: true },
  chatDefaultModel: { key: 'bedrock.chat.defaultModel', type: 'string', format: 'modelId', default: '' },
  embeddingDefaultModel: { key: 'bedrock.embedding.defaultModel', type: 'string', format: 'modelId', default: '' },
  streamIdleTimeoutSeconds: { key: 'bedrock.stream.idleTimeoutSeconds', type: 'number', default: 60, minimum: 5, maximum: 3600 },
  embeddingDimensions: { key: 'bedrock.embedding.dimensions', type: 'integer', default: 0, minimum: 0, maximum: 8192 },
  embeddingConcurrency: { key: 'bedrock.embedding.concurrency', type: 'integer', default: 10, minimum: 1, maximum: 32 },
  // The prompt built from this many characters must stay under the webview protocol's message limit.
  explainMaxCharacters: { key: 'bedrock.explain.maxCharacters', type: 'integer', default: 60_000, minimum: 1000, maximum: 1_000_000 },
  agentMaxSteps: { key: 'bedrock.agent.maxSteps', type: 'integer', default: 25, minimum: 1, maximum: 200 },
  // A result larger than this is cut with "[truncated: …]": enough for a long file, small next to any model's context.
  agentMaxResultBytes: { key: 'bedrock.agent.maxResultBytes', type: 'integer', default: 32_768, minimum: 1024, maximum: 1_048_576 },
  // What the agent may do without asking, and which tools it has: a repository's settings could
  // otherwise let its own instructions run commands unasked, so only the user sets these.
  agentDisabledTools: { key: 'bedrock.agent.disabledTools', type: 'array', default: [], userOnly: true, userOnlyBecause: AGENT_IS_THE_USERS },
  agentApprovalRead: { key: 'bedrock.agent.approval.read', type: 'string', choices: APPROVAL_CHOICES, default: 'allow', userOnly: true, userOnlyBecause: AGENT_IS_THE_USERS },
  agentApprovalEdit: { key: 'bedrock.agent.approval.edit', type: 'string', choices: APPROVAL_CHOICES, default: 'ask', userOnly: true, userOnlyBecause: AGENT_IS_THE_USERS },
  agentApprovalCreate: { key: 'bedrock.agent.approval.create', type: 'string', choices: APPROVAL_CHOICES, default: 'ask', userOnly: true, userOnlyBecause: AGENT_IS_THE_USERS },
  agentApprovalTerminal: { key: 'bedrock.agent.approval.terminal', type: 'string', choices: APPROVAL_CHOICES, default: 'ask', userOnly: true, userOnlyBecause: AGENT_IS_THE_USERS },
  agentApprovalExternal: { key: 'bedrock.agent.approval.external', type: 'string', choices: APPROVAL_CHOICES, default: 'ask', userOnly: true, userOnlyBecause: AGENT_IS_THE_USERS },
  // The voice is the user's own: a repository's settings do not choose how the chat speaks to them.
  voiceId: { key: 'bedrock.voice.voiceId', type: 'string', choices: SONIC_VOICE_IDS, default: DEFAULT_VOICE_ID, userOnly: true, userOnlyBecause: 'only your user settings choose the voice the chat speaks with' },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

/** What reading a setting gives: a number for numeric settings, a list for lists, else a trimmed string ('' = not set). */
export type SettingValue<N extends SettingName> = (typeof SETTINGS)[N]['default'] extends number
  ? number
  : (typeof SETTINGS)[N]['default'] extends readonly string[]
    ? string[]
    : (typeof SETTINGS)[N] extends { choices: readonly (infer C)[] }
      ? C
      : string;

/** The approval-policy setting of each tool kind. */
export const APPROVAL_SETTING = {
  read: 'agentApprovalRead',
  edit: 'agentApprovalEdit',
  create: 'agentApprovalCreate',
  terminal: 'agentApprovalTerminal',
  external: 'agentApprovalExternal',
} as const satisfies Record<string, SettingName>;

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** The settings the Bedrock connection is built from: a change to any of them rebuilds the clients. */
export const CONNECTION_SETTING_NAMES: readonly SettingName[] = ['region', 'profile', 'controlEndpoint', 'runtimeEndpoint', 'mantleEndpoint', 's3Endpoint', 'proxy'];
