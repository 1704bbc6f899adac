import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../../src/core/bedrock/adapters/chatEvent';
import { replayableHistory } from '../../../../../src/core/bedrock/routing/requestShaping';
import { INLINE_REASONING_TAGS, TagSplitter } from '../../../../../src/core/bedrock/adapters/tagSplitter';

function split(chunks: string[]): { reasoning: string; text: string; events: ChatEvent[] } {
  const events: ChatEvent[] = [];
  const s = new TagSplitter(INLINE_REASONING_TAGS);
  for (const c of chunks) s.push(c, events);
  s.flush(events);
  const join = (t: string) => events.filter((e) => e.type === t).map((e) => (e as { text: string }).text).join('');
  return { reasoning: join('reasoning'), text: join('text'), events };
}

describe('TagSplitter (inline reasoning on the compatible endpoints)', () => {
  it('gpt-oss <reasoning> in one piece', () => {
    const r = split(['<reasoning>Add the numbers.</reasoning>It is 4.']);
    assert.deepEqual([r.reasoning, r.text], ['Add the numbers.', 'It is 4.']);
  });

  it('every tag cut at every position across deltas', () => {
    const whole = '<think>Check units.</think>Use metres.';
    for (let size = 1; size <= 8; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size));
      const r = split(chunks);
      assert.deepEqual([r.reasoning, r.text], ['Check units.', 'Use metres.'], `chunks of ${size}`);
      assert.ok(r.events.every((e) => e.type !== 'text' || !/[<>]/.test(e.text)), `no tag pieces in text (chunks of ${size})`);
    }
  });

  it('leading whitespace does not end the place where reasoning may start', () => {
    const r = split(['\n', ' <reason', 'ing>a</reasoning>b']);
    assert.equal(r.reasoning, 'a');
    assert.equal(r.text.trim(), 'b');
  });

  it('a tag inside the answer is the answer (a reply about XML keeps its text)', () => {
    const r = split(['Wrap it in ', '<think>', 'x</think> tags.']);
    assert.equal(r.reasoning, '');
    assert.equal(r.text, 'Wrap it in <think>x</think> tags.');
  });

  it('text that only looks like a tag start is released at the end', () => {
    const r = split(['The answer <', 'is 4 <rea']);
    assert.equal(r.text, 'The answer <is 4 <rea');
  });

  it('a stream cut inside reasoning keeps what came as reasoning', () => {
    const r = split(['<reasoning>half a tho', 'ught']);
    assert.deepEqual([r.reasoning, r.text], ['half a thought', '']);
  });

  it('a reply stored with its tags (before they were split out) is replayed without them', () => {
    const [user, assistant] = replayableHistory([
      { role: 'user', content: [{ type: 'text', text: '<think>the user may write tags</think> hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: '\n<reasoning>Think first.</reasoning>The answer.' }] },
    ]);
    assert.deepEqual(user.content, [{ type: 'text', text: '<think>the user may write tags</think> hi' }]);
    assert.equal(assistant.content.map((p) => (p.type === 'text' ? p.text : '')).join('').trim(), 'The answer.');
  });
});
