// Which voice a voice turn speaks with: the `bedrock.voice.voiceId` setting (declared once, its
// manifest enum and descriptions from the same table), each model's voices, and the rule for a
// voice the model does not have (the default speaks instead, and the turn line says so once).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chooseVoice, voicesOf } from '../../../../../src/core/bedrock/speech/voiceModels';
import { SETTINGS } from '../../../../../src/core/settings/settingsTable';
import { checkSetting } from '../../../../../src/core/settings/settingsValidation';
import { DEFAULT_VOICE_ID, describeVoice, SONIC_VOICES, SONIC_VOICE_IDS } from '../../../../../src/shared/sonicVoices';
import { voiceModelOptions } from '../../../../../src/core/chat/modelOptions';
import { shippedDescriptor } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { ChatTurns } from '../../../../../src/core/chat/chatTurns';
import type { VoiceEvent, VoiceTurnRequest } from '../../../../../src/core/bedrock/speech/voiceSession';
import type { ChatStreamMessage, ModelOption } from '../../../../../src/shared/protocol';
import { ScriptedBackend } from '../../chat/fakeBackend';

const SONIC = 'amazon.nova-sonic-v1:0';
const SONIC2 = 'amazon.nova-2-sonic-v1:0';
const NOVA_SONIC_VOICES = ['tiffany', 'matthew', 'amy', 'ambre', 'florian', 'beatrice', 'lorenzo', 'greta', 'lennart', 'lupe', 'carlos'];
const NOVA_2_ONLY = ['olivia', 'kiara', 'arjun', 'tina', 'carolina', 'leo'];

describe('voice choice', () => {
  it('Nova Sonic has the eleven documented voices; Nova 2 Sonic those and six more; an unknown speech model none known', () => {
    assert.deepEqual(voicesOf(SONIC), NOVA_SONIC_VOICES);
    assert.deepEqual(voicesOf(SONIC2), [...NOVA_SONIC_VOICES, ...NOVA_2_ONLY]);
    assert.equal(voicesOf('amazon.nova-3-sonic-v1:0'), undefined);
    assert.deepEqual(SONIC_VOICES.filter((v) => v.nova2Only).map((v) => v.id), NOVA_2_ONLY);
  });

  it('keeps a voice the model has, and passes any voice to a model whose voices are not known', () => {
    assert.deepEqual(chooseVoice('amy', voicesOf(SONIC), 'Nova Sonic'), { voiceId: 'amy' });
    assert.deepEqual(chooseVoice('kiara', voicesOf(SONIC2), 'Nova 2 Sonic'), { voiceId: 'kiara' });
    assert.deepEqual(chooseVoice('kiara', undefined, 'Nova 3 Sonic'), { voiceId: 'kiara' });
  });

  it('never sends a Nova 2 Sonic voice to Nova Sonic: Matthew speaks, and the note names the setting and the choices', () => {
    const c = chooseVoice('leo', voicesOf(SONIC), 'Nova Sonic');
    assert.equal(c.voiceId, DEFAULT_VOICE_ID);
    assert.match(c.replaced ?? '', /^Nova Sonic has no voice "leo" \(bedrock\.voice\.voiceId\), so it spoke as matthew\. Choose one of its voices \(tiffany, matthew, .*carlos\) or a model that has leo\.$/);
  });

  it('the setting: one of the documented voices, Matthew by default, user settings only; anything else falls back with a warning', () => {
    const spec = SETTINGS.voiceId;
    assert.equal(spec.key, 'bedrock.voice.voiceId');
    assert.deepEqual(spec.choices, SONIC_VOICE_IDS);
    assert.equal(spec.default, 'matthew');
    assert.ok('userOnly' in spec);
    assert.deepEqual(checkSetting(spec, 'greta'), { value: 'greta' });
    const bad = checkSetting(spec, 'Matthew ');
    assert.equal(bad.value, 'matthew');
    assert.match(bad.problem ?? '', /`bedrock\.voice\.voiceId` is Matthew , not one of tiffany, matthew/);
  });

  it('the manifest describes each voice as the chat does: language, gender, and which are Nova 2 Sonic only', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8'));
    const declared = manifest.contributes.configuration.properties['bedrock.voice.voiceId'];
    assert.deepEqual(declared.enumDescriptions, SONIC_VOICES.map(describeVoice));
    assert.equal(describeVoice(SONIC_VOICES.find((v) => v.id === 'kiara')!), 'Kiara — English (India) and Hindi, feminine (Nova 2 Sonic only)');
  });

  it('the picker tells the webview which voices each Sonic model has', () => {
    const options = voiceModelOptions([SONIC, SONIC2].map((id) => shippedDescriptor(id, SHIPPED_MODELS)));
    assert.deepEqual(options.map((o) => [o.id, o.voice?.voices?.length]), [[SONIC2, 17], [SONIC, 11]]);
  });
});

describe('voice choice in chat turns', () => {
  const REPLY: VoiceEvent[] = [
    { type: 'transcript', role: 'user', stage: 'final', text: 'hi' },
    { type: 'transcript', role: 'assistant', stage: 'final', text: 'Hello.' },
    { type: 'end', stopReason: 'END_TURN' },
  ];

  function turnsWith(voiceId: (() => string) | undefined) {
    const asked: VoiceTurnRequest[] = [];
    const posted: ChatStreamMessage[] = [];
    const turns = new ChatTurns({
      backend: new ScriptedBackend(async function* () {}),
      history: { get: () => undefined, save: async () => {} },
      post: (m) => posted.push(m),
      voice: {
        voice: async function* (r) {
          asked.push(r);
          yield* REPLY;
        },
        clips: { put: async () => 'a'.repeat(64), get: async () => new Uint8Array() },
        openMicrophone: () => 'none',
        ...(voiceId ? { voiceId } : {}),
      },
    });
    return { asked, posted, turns };
  }
  const option = (id: string): ModelOption => voiceModelOptions([shippedDescriptor(id, SHIPPED_MODELS)])[0]!;
  const typed = (requestId: string) => ({ method: 'chat/send' as const, requestId, conversationId: 'c', text: 'hi', voice: { source: 'text' as const } });
  const notes = (posted: ChatStreamMessage[]) => posted.flatMap((m) => (m.method === 'chat/end' ? [m.stats?.routeNote] : []));

  it('the session gets the voice from the setting', async () => {
    const t = turnsWith(() => 'tina');
    await t.turns.send(typed('r1'), SONIC2, option(SONIC2));
    assert.equal(t.asked[0]!.voiceId, 'tina');
    assert.deepEqual(notes(t.posted), [undefined]);
  });

  it('without a setting reader the default voice speaks', async () => {
    const t = turnsWith(undefined);
    await t.turns.send(typed('r1'), SONIC2, option(SONIC2));
    assert.equal(t.asked[0]!.voiceId, 'matthew');
  });

  it('a replaced voice is said on the first turn only, and again for another model or voice', async () => {
    let wanted = 'olivia';
    const t = turnsWith(() => wanted);
    await t.turns.send(typed('r1'), SONIC2, option(SONIC2));
    // Nova Sonic's voices; typed turns let the scripted session stand in for speech here.
    const v1 = { ...option(SONIC), voice: { typedTurns: true, voices: [...voicesOf(SONIC)!] } };
    await t.turns.send(typed('r2'), SONIC, v1);
    await t.turns.send(typed('r3'), SONIC, v1);
    wanted = 'leo';
    await t.turns.send(typed('r4'), SONIC, v1);
    assert.deepEqual(t.asked.map((r) => r.voiceId), ['olivia', 'matthew', 'matthew', 'matthew']);
    const said = notes(t.posted);
    assert.equal(said[0], undefined);
    assert.match(said[1] ?? '', /no voice "olivia"/);
    assert.equal(said[2], undefined);
    assert.match(said[3] ?? '', /no voice "leo"/);
  });
});
