// The approval gate: policy per kind, per-chat memory, previews shown while asking and closed after.
import * as assert from 'node:assert/strict';
import { ApprovalGate } from '../../../../src/core/agent/approvalGate';
import type { ApprovalPolicy, ToolKind } from '../../../../src/core/agent/agentTool';
import { fixtureTool } from './agentFixtures';

describe('agent: approval gate', () => {
  it('by default runs read tools and asks for every acting kind', async () => {
    const gate = new ApprovalGate();
    for (const kind of ['edit', 'create', 'terminal', 'external'] as ToolKind[]) assert.equal(gate.runsWithoutAsking(fixtureTool('t', kind, () => ({ text: '' })), 'c'), false, kind);
    assert.equal(gate.runsWithoutAsking(fixtureTool('t', 'read', () => ({ text: '' })), 'c'), true);
  });

  it('follows the policy of the kind from settings', async () => {
    const policies: Partial<Record<ToolKind, ApprovalPolicy>> = { read: 'ask', edit: 'allow' };
    const gate = new ApprovalGate((k) => policies[k] ?? 'ask');
    let asked = 0;
    assert.equal(await gate.decide(fixtureTool('r', 'read', () => ({ text: '' })), {}, 'c', async () => (asked++, 'once')), true);
    assert.equal(await gate.decide(fixtureTool('e', 'edit', () => ({ text: '' })), {}, 'c', async () => (asked++, 'deny')), true);
    assert.equal(asked, 1);
  });

  it('shows the preview while asking and closes it after the answer, even a denial; a failing preview still asks', async () => {
    const gate = new ApprovalGate();
    const events: string[] = [];
    const tool = { ...fixtureTool('edit', 'edit', () => ({ text: '' })), preview: async () => (events.push('shown'), { dispose: () => events.push('closed') }) };
    assert.equal(await gate.decide(tool, {}, 'c', async () => (events.push('asked'), 'deny')), false);
    assert.deepEqual(events, ['shown', 'asked', 'closed']);
    const failing = { ...fixtureTool('edit2', 'edit', () => ({ text: '' })), preview: () => Promise.reject(new Error('no diff')) };
    assert.equal(await gate.decide(failing, {}, 'c', async () => 'once'), true);
  });

  it('forgets a chat when told', async () => {
    const gate = new ApprovalGate();
    const tool = fixtureTool('edit', 'edit', () => ({ text: '' }));
    await gate.decide(tool, {}, 'c', async () => 'chat');
    assert.equal(gate.runsWithoutAsking(tool, 'c'), true);
    gate.forget('c');
    assert.equal(gate.runsWithoutAsking(tool, 'c'), false);
  });
});
