import assert from 'node:assert/strict';
import type { AgentTool, ToolKind } from '../../../../src/core/agent/agentTool';
import { nextDisabledList, selectAgentTools } from '../../../../src/core/agent/toolSelection';

const tool = (name: string, kind: ToolKind): AgentTool => ({
  name,
  kind,
  title: name,
  description: name,
  inputSchema: { type: 'object' },
  source: kind === 'external' ? 'extension' : 'builtin',
  describe: () => name,
  invoke: async () => ({ text: name }),
});

describe('agent tool selection', () => {
  const all = [tool('read_file', 'read'), tool('propose_edit', 'edit'), tool('create_file', 'create'), tool('run_in_terminal', 'terminal'), tool('mcp_fetch', 'external'), tool('read_file', 'external')];

  it('trusted: everything but the switched-off names; a duplicate name keeps the first', () => {
    const names = selectAgentTools(all, { trusted: true, disabled: ['create_file'] }).map((t) => [t.name, t.kind]);
    assert.deepEqual(names, [['read_file', 'read'], ['propose_edit', 'edit'], ['run_in_terminal', 'terminal'], ['mcp_fetch', 'external']]);
  });

  it('Restricted Mode: only the read tools', () => {
    assert.deepEqual(selectAgentTools(all, { trusted: false, disabled: [] }).map((t) => t.name), ['read_file']);
  });

  it('the picker writes what it showed unticked and keeps hidden names it did not show', () => {
    assert.deepEqual(nextDisabledList(['gone_tool', 'read_file'], ['read_file', 'git_diff', 'propose_edit'], ['read_file', 'propose_edit']), ['git_diff', 'gone_tool']);
  });
});
