// Shared pieces of the agent integration tests: fixture tools (what a test's workspace would
// answer; the real workspace tools are tested in the vscode tier), a backend that runs one exact
// API path through the real adapters and SDK clients, and the scripted agent scenario.
import type { AgentTool, ToolKind, ToolOutcome } from '../../../src/core/agent/agentTool';
import type { ChatBackend } from '../../../src/core/chat/chatBackend';
import type { BedrockConnection } from '../../../src/core/bedrock/connection/connection';
import type { Scenario } from '../../emulator/scenario';
import { runPath, type ApiPath } from '../router/apiPaths';

export function tool(name: string, kind: ToolKind, properties: Record<string, unknown>, run: (input: Record<string, unknown>, signal: AbortSignal) => Promise<ToolOutcome> | ToolOutcome, schema?: Record<string, unknown>): AgentTool & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    name,
    description: `${name} (fixture)`,
    title: name,
    kind,
    source: 'builtin',
    inputSchema: schema ?? { type: 'object', properties, required: Object.keys(properties) },
    describe: (input) => `${name} ${JSON.stringify(input)}`,
    async invoke(input, context) {
      calls.push(input);
      return run(input as Record<string, unknown>, context.signal);
    },
  };
}

export const readFile = () => tool('readFile', 'read', { path: { type: 'string' } }, (i) => ({ text: `contents of ${String(i.path)}` }));
export const searchText = () => tool('searchText', 'read', { query: { type: 'string' } }, (i) => ({ text: `found ${String(i.query)} in c.ts` }));

/** A backend whose every model call takes exactly `path` (no planner, no fallback). */
export function pathBackend(connection: BedrockConnection, path: ApiPath): ChatBackend {
  return { stream: (request, signal) => runPath(connection, path, request, { signal }), chatModels: () => [] };
}

/** Call A, then B and C in parallel, then answer quoting every result. */
export const PARALLEL = 'AGENT-PARALLEL';
export const MALFORMED = 'AGENT-MALFORMED';
export const LONG = 'AGENT-LONG';
export const EDIT = 'AGENT-EDIT';

export const AGENT_SCENARIO: Scenario = {
  rules: [
    {
      match: { promptIncludes: PARALLEL },
      reply: {
        agent: {
          steps: [
            { text: 'Reading a.ts first.', toolCalls: [{ name: 'readFile', input: { path: 'a.ts' } }] },
            { toolCalls: [{ name: 'readFile', input: { path: 'b.ts' } }, { name: 'searchText', input: { query: 'needle' } }] },
          ],
          answer: 'Answer from the tools:',
        },
      },
    },
    {
      match: { promptIncludes: MALFORMED },
      reply: {
        agent: {
          steps: [{ toolCalls: [{ name: 'readFile', input: { path: 7 }, rawArguments: '{"path": "a.ts"' }, { name: 'deleteEverything', input: {} }] }],
          answer: 'What went wrong:',
        },
      },
    },
    { match: { promptIncludes: LONG }, reply: { agent: { steps: [1, 2, 3, 4].map((n) => ({ toolCalls: [{ name: 'readFile', input: { path: `${n}.ts` } }] })) } } },
    { match: { promptIncludes: EDIT }, reply: { agent: { steps: [{ text: 'Editing.', toolCalls: [{ name: 'proposeEdit', input: { path: 'a.ts' } }] }], answer: 'Edit outcome:' } } },
  ],
};
