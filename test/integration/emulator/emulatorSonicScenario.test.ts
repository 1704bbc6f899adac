// The emulator's scenarios for Nova Sonic's spoken turns: a rule with `heard` scripts what the model
// hears in the next spoken turn (by model and route, in order, `times` honoured), and only there —
// the text routes never take such a rule, nor its uses.
import * as assert from 'node:assert/strict';
import { ScenarioPlayer } from '../../emulator/scenario';

const SONIC = 'amazon.nova-sonic-v1:0';
const BIDI = 'InvokeModelWithBidirectionalStream';

describe('emulator scenarios: what a spoken Nova Sonic turn hears', () => {
  it('spoken turns take the `heard` rules in order, each as often as `times` allows, then none', () => {
    const player = new ScenarioPlayer({
      defaults: { text: 'a default for text routes' },
      rules: [
        { match: { model: 'amazon.nova-2-sonic-v1:0' }, reply: { heard: 'another model' } },
        { match: { route: BIDI }, times: 1, reply: { heard: 'Use read_file on {"path":"a.ts"}' } },
        { match: { route: BIDI }, times: 1, reply: { heard: 'Thanks.', text: 'You are welcome.' } },
        { match: { promptIncludes: 'x' }, reply: { heard: 'never: nothing typed to match' } },
      ],
    });
    assert.deepEqual(player.pickSpoken(BIDI, SONIC), { heard: 'Use read_file on {"path":"a.ts"}' });
    assert.deepEqual(player.pickSpoken(BIDI, SONIC), { heard: 'Thanks.', text: 'You are welcome.' }, 'defaults do not apply to speech');
    assert.equal(player.pickSpoken(BIDI, SONIC), undefined, 'then the fixed transcript');
  });

  it('a text route skips the `heard` rules and leaves their uses for speech', () => {
    const player = new ScenarioPlayer({ rules: [{ times: 1, reply: { heard: 'spoken words' } }, { reply: { text: 'typed answer' } }] });
    assert.deepEqual(player.pick('ConverseStream', 'm1', 'hello'), { text: 'typed answer' });
    assert.deepEqual(player.pickSpoken(BIDI, SONIC), { heard: 'spoken words' });
  });
});
