// The running summary of an agent reply, from the calls' names (built-in tools), acting kinds, or
// the names of other extensions' tools: every activity said for one call and for many, files
// counted once however many calls touched them.
import * as assert from 'node:assert/strict';
import type { WireToolCall } from '../../../../src/shared/protocol';
import { agentSummary } from '../../../../webview-ui/chat/agentSummary';

let next = 0;
const call = (name: string, status: WireToolCall['status'], kind?: WireToolCall['kind'], input: unknown = {}): WireToolCall => ({
  id: `${name}-${next++}`,
  name,
  input: typeof input === 'string' ? input : JSON.stringify(input),
  status,
  ...(kind ? { kind } : {}),
});
const done = (name: string, n: number, kind?: WireToolCall['kind']) => Array.from({ length: n }, () => call(name, 'done', kind));

describe('agent summary line', () => {
  it('counts finished calls per activity, in the order each first happened', () => {
    const calls = [
      call('read_file', 'done', 'read', { path: 'a.ts' }),
      call('search_text', 'done'),
      call('read_file', 'done', 'read', { path: 'b.ts' }),
      call('search_text', 'done'),
      call('read_file', 'done', 'read', { path: 'c.ts' }),
      call('propose_edit', 'done', 'edit', { path: 'a.ts' }),
    ];
    assert.equal(agentSummary(calls), 'Read 3 files, searched twice, edited 1 file');
  });

  const wording: Array<[string, WireToolCall['kind'] | undefined, string, string, string]> = [
    ['search_text', 'read', 'Searched once', 'Searched twice', 'Searched 3 times'],
    ['list_files', 'read', 'Listed files', 'Listed files twice', 'Listed files 3 times'],
    ['get_diagnostics', 'read', 'Checked for problems', 'Checked for problems twice', 'Checked for problems 3 times'],
    ['document_symbols', 'read', 'Looked up symbols', 'Looked up symbols twice', 'Looked up symbols 3 times'],
    ['workspace_symbols', 'read', 'Looked up symbols', 'Looked up symbols twice', 'Looked up symbols 3 times'],
    ['active_editor', 'read', 'Looked at the editor', 'Looked at the editor twice', 'Looked at the editor 3 times'],
    ['git_diff', 'read', 'Read the diff', 'Read the diff twice', 'Read the diff 3 times'],
    ['run_in_terminal', 'terminal', 'Ran 1 command', 'Ran 2 commands', 'Ran 3 commands'],
    ['mcp_github_get_issue', 'external', 'Ran mcp_github_get_issue', 'Ran mcp_github_get_issue twice', 'Ran mcp_github_get_issue 3 times'],
  ];
  for (const [name, kind, one, two, three] of wording) {
    it(`${name}: once, twice, 3 times`, () => {
      assert.equal(agentSummary(done(name, 1, kind)), one);
      assert.equal(agentSummary(done(name, 2, kind)), two);
      assert.equal(agentSummary(done(name, 3, kind)), three);
    });
  }

  it('files are counted once however many calls read or changed them; a call naming no file counts as one', () => {
    for (const [name, verb] of [['read_file', 'Read'], ['propose_edit', 'Edited'], ['create_file', 'Created']] as const) {
      assert.equal(agentSummary([call(name, 'done', undefined, { path: 'a.ts' })]), `${verb} 1 file`);
      assert.equal(agentSummary([call(name, 'done', undefined, { path: 'a.ts' }), call(name, 'done', undefined, { path: './a.ts' })]), `${verb} 1 file`);
      assert.equal(agentSummary([call(name, 'done', undefined, { path: 'a.ts' }), call(name, 'done', undefined, { path: 'b.ts' }), call(name, 'done', undefined, 'not json')]), `${verb} 3 files`);
    }
  });

  it('says nothing for calls still requested, waiting or running, and names failures and denials', () => {
    assert.equal(agentSummary([]), '');
    assert.equal(agentSummary([call('read_file', 'running'), call('run_in_terminal', 'awaitingApproval', 'terminal'), call('x', 'requested')]), '');
    assert.equal(agentSummary([call('read_file', 'done', 'read', { path: 'a' }), call('read_file', 'failed'), call('run_in_terminal', 'denied', 'terminal'), call('create_file', 'cancelled', 'create')]), 'Read 1 file, 1 tool failed, 1 denied');
    assert.equal(agentSummary([call('read_file', 'failed'), call('search_text', 'failed'), call('propose_edit', 'denied'), call('create_file', 'denied')]), '2 tools failed, 2 denied');
  });

  it('other extensions\' tools are said by name, up to two; more are counted', () => {
    assert.equal(agentSummary([...done('get_issue', 2, 'external'), call('read_file', 'done', 'read', { path: 'a' }), ...done('fetch', 1, 'external')]), 'Ran get_issue twice, ran fetch, read 1 file');
    assert.equal(agentSummary([...done('a_tool', 1, 'external'), ...done('b_tool', 2, 'external'), ...done('c_tool', 1)]), 'Ran 3 extension tools');
    // A reading tool that is not built in is said by its name too; an acting kind counts as its activity.
    assert.equal(agentSummary([call('other_reader', 'done', 'read'), call('npmInstall', 'done', 'terminal'), call('writer', 'done', 'create', { path: 'n.ts' })]), 'Ran other_reader, ran 1 command, created 1 file');
  });

  it('a name that is a property of every object is not a built-in tool', () => {
    assert.equal(agentSummary([call('constructor', 'done', 'create'), call('__proto__', 'done', 'create')]), 'Created 2 files');
  });
});
