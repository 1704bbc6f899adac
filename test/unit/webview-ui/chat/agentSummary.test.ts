// The running summary of an agent reply, from the calls' names (built-in tools) or kinds.
import * as assert from 'node:assert/strict';
import type { WireToolCall } from '../../../../src/shared/protocol';
import { agentSummary } from '../../../../webview-ui/chat/agentSummary';

const call = (name: string, status: WireToolCall['status'], kind?: WireToolCall['kind']): WireToolCall => ({ id: `${name}${Math.random()}`, name, input: '{}', status, ...(kind ? { kind } : {}) });

describe('agent summary line', () => {
  it('counts finished calls per activity, in the order each first happened, with once/twice/N times', () => {
    const calls = [call('read_file', 'done'), call('search_text', 'done'), call('read_file', 'done'), call('search_text', 'done'), call('read_file', 'done'), call('propose_edit', 'done', 'edit')];
    assert.equal(agentSummary(calls), 'Read 3 files, searched twice, edited 1 file');
    assert.equal(agentSummary([call('search_text', 'done'), call('search_text', 'done'), call('search_text', 'done')]), 'Searched 3 times');
    assert.equal(agentSummary([call('search_text', 'done')]), 'Searched once');
  });

  it('says nothing for calls still requested, waiting or running, and names failures and denials', () => {
    assert.equal(agentSummary([call('read_file', 'running'), call('run_in_terminal', 'awaitingApproval', 'terminal'), call('x', 'requested')]), '');
    assert.equal(agentSummary([call('read_file', 'done'), call('read_file', 'failed'), call('run_in_terminal', 'denied', 'terminal'), call('create_file', 'cancelled', 'create')]), 'Read 1 file, 1 tool failed, 1 denied');
  });

  it('a tool it does not know is counted by its kind; without a kind, as an extension tool', () => {
    assert.equal(agentSummary([call('mcp_fetch', 'done', 'external'), call('other_reader', 'done', 'read'), call('npmInstall', 'done', 'terminal'), call('untyped', 'done')]), 'Used 2 extension tools, used 1 read tool, ran 1 command');
    // A name that is a property of every object is not a built-in tool.
    assert.equal(agentSummary([call('constructor', 'done', 'create'), call('__proto__', 'done', 'create')]), 'Created 2 files');
  });
});
