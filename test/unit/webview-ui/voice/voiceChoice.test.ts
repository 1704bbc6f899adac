// The Voice field of the chat's settings panel (jsdom, speaking as the host): shown only while a
// voice model is picked, listing that model's voices with their language; the chosen voice comes
// from the host's `chat/defaults`, and choosing one asks the host to save it. A Nova 2 Sonic voice
// with Nova Sonic shows Matthew, and says why.
import * as assert from 'node:assert/strict';
import { checkWebviewMessage } from '../../../../src/shared/protocolValidation';
import { MODELS, setup, teardown, type App } from '../chat/chatAppFixture';

const SONIC = 'amazon.nova-sonic-v1:0';
const SONIC2 = 'amazon.nova-2-sonic-v1:0';
const MODELS_WITH_VOICE = [
  ...MODELS,
  { id: SONIC, label: 'Nova Sonic', provider: 'Voice', voice: { typedTurns: false, voices: ['tiffany', 'matthew', 'amy'] } },
  { id: SONIC2, label: 'Nova 2 Sonic', provider: 'Voice', voice: { typedTurns: true, voices: ['tiffany', 'matthew', 'amy', 'kiara'] } },
];

describe('the Voice field in the chat settings', () => {
  let app: App;
  beforeEach(() => (app = setup()));
  afterEach(teardown);

  const field = () => app.$('.voice-choice');
  const select = () => app.$<HTMLSelectElement>('#voice-select');
  const pick = (modelId: string) => app.fromHost({ method: 'models/list', models: MODELS_WITH_VOICE, selectedModelId: modelId, chosenElsewhere: true });

  it('shows for a voice model only, inside the settings panel, with that model’s voices described', () => {
    pick('m1');
    assert.ok(app.$('#settings-panel').contains(field()), 'in the settings panel');
    assert.equal(field().hidden, true);
    pick(SONIC);
    assert.equal(field().hidden, false);
    assert.deepEqual(Array.from(select().options).map((o) => o.textContent), ['Tiffany — English (US), feminine', 'Matthew — English (US), masculine', 'Amy — English (UK), feminine']);
    assert.equal(select().value, 'matthew', 'the default until the host says otherwise');
  });

  it('shows the voice from the settings, and choosing one asks the host to save it', () => {
    pick(SONIC);
    app.fromHost({ method: 'chat/defaults', system: '', voiceId: 'amy' });
    assert.equal(select().value, 'amy');
    select().value = 'tiffany';
    select().dispatchEvent(new app.window.Event('change'));
    const saved = app.last('voice/setVoice');
    assert.deepEqual(saved, { method: 'voice/setVoice', voiceId: 'tiffany' });
    assert.ok(checkWebviewMessage(saved).ok, 'the host accepts it');
  });

  it('a Nova 2 Sonic voice with Nova Sonic: Matthew is shown, and the note says why', () => {
    app.fromHost({ method: 'chat/defaults', system: '', voiceId: 'kiara' });
    pick(SONIC2);
    assert.equal(select().value, 'kiara');
    assert.equal(app.$('#voice-note').textContent, '');
    pick(SONIC);
    assert.equal(select().value, 'matthew');
    assert.equal(app.$('#voice-note').textContent, 'Kiara is a Nova 2 Sonic voice: this model speaks as Matthew.');
  });

  it('the host refuses a voice that is not one of the documented voices', () => {
    const r = checkWebviewMessage({ method: 'voice/setVoice', voiceId: 'siri' });
    assert.ok(!r.ok && /voiceId is not one of the Nova Sonic voices/.test(r.problem));
  });
});
