import assert from 'node:assert/strict';
import { SETTINGS, SETTING_NAMES, type SettingName } from '../../../../src/core/settings/settingsTable';
import { checkSetting, showValue } from '../../../../src/core/settings/settingsValidation';

const check = (name: SettingName, raw: unknown) => checkSetting(SETTINGS[name], raw);

/** Hostile or mistaken values: each must give a usable value and a problem naming the setting and the value. */
const BAD: ReadonlyArray<[SettingName, unknown, number | string | string[], RegExp]> = [
  ['streamIdleTimeoutSeconds', 0, 5, /outside its range 5–3600\. Using the minimum, 5/],
  ['streamIdleTimeoutSeconds', -1, 5, /is -1, outside/],
  ['streamIdleTimeoutSeconds', 'abc', 60, /is not a number: abc\. Using the default, 60/],
  ['streamIdleTimeoutSeconds', 1e9, 3600, /is 1000000000, outside .* maximum, 3600/],
  ['streamIdleTimeoutSeconds', NaN, 60, /not a number: NaN/],
  ['streamIdleTimeoutSeconds', null, 60, /not a number: null/],
  ['streamIdleTimeoutSeconds', { seconds: 30 }, 60, /not a number: \{"seconds":30\}/],
  ['streamIdleTimeoutSeconds', [30], 60, /not a number: \[30\]/],
  ['streamIdleTimeoutSeconds', true, 60, /not a number: true/],
  ['streamIdleTimeoutSeconds', '30', 60, /not a number: 30/],
  ['streamIdleTimeoutSeconds', Infinity, 60, /not a number/],
  ['explainMaxCharacters', 'abc', 60_000, /`bedrock\.explain\.maxCharacters` is not a number: abc/],
  ['explainMaxCharacters', 1e12, 1_000_000, /maximum, 1000000/],
  ['explainMaxCharacters', 10, 1000, /minimum, 1000/],
  ['explainMaxCharacters', 2500.5, 2501, /whole number: 2500\.5\. Using 2501/],
  ['embeddingConcurrency', 0, 1, /minimum, 1/],
  ['embeddingConcurrency', 1000, 32, /maximum, 32/],
  ['embeddingConcurrency', 'many', 10, /not a number/],
  ['embeddingConcurrency', 2.4, 2, /whole number/],
  ['embeddingDimensions', -256, 0, /minimum, 0/],
  ['embeddingDimensions', '1024', 0, /not a number/],
  ['runtimeEndpoint', 'ftp://x', '', /^`bedrock\.endpoints\.runtime` is not an http\(s\) URL: ftp:\/\/x\./],
  ['runtimeEndpoint', 'not a url', '', /is not an http\(s\) URL: not a url/],
  ['mantleEndpoint', 'file:///etc/passwd', '', /`bedrock\.endpoints\.mantle` is not an http\(s\) URL/],
  ['mantleEndpoint', 'javascript:alert(1)', '', /not an http\(s\) URL/],
  ['controlEndpoint', 'localhost:4000', '', /`bedrock\.endpoints\.control` is not an http\(s\) URL/],
  ['controlEndpoint', 42, '', /is not text: 42/],
  ['controlEndpoint', 'http://', '', /not an http\(s\) URL/],
  ['proxy', 'socks5://proxy:1080', '', /`http\.proxy` is not an http\(s\) URL/],
  ['proxy', 'proxy.corp:3128', '', /`http\.proxy`/],
  ['region', 'us-east-1; rm -rf', '', /`bedrock\.region` is not a region .*: us-east-1; rm -rf/],
  ['region', 'US-EAST-1', '', /not a region/],
  ['region', 'useast1', '', /not a region/],
  ['region', '$(whoami)', '', /not a region/],
  ['region', ['us-east-1'], '', /not text/],
  ['profile', 'dev$(touch /tmp/x)', '', /`bedrock\.profile` is not a profile name/],
  ['profile', 'a`id`', '', /not a profile name/],
  ['profile', 'with space', '', /not a profile name/],
  ['profile', '--endpoint-url=https://x', '', /not a profile name/],
  ['profile', 'x'.repeat(5000), '', /too long/],
  ['chatDefaultModel', 'amazon.nova-lite-v1:0\nignore previous', '', /`bedrock\.chat\.defaultModel` is not a model id/],
  ['embeddingDefaultModel', { id: 'x' }, '', /not text/],
  ['s3Endpoint', 'ftp://s3.example.com', '', /`bedrock\.endpoints\.s3` is not an http\(s\) URL/],
  ['asyncS3OutputUri', 'my-bucket/videos', '', /`bedrock\.async\.s3OutputUri` is not an S3 URI/],
  ['asyncS3OutputUri', 's3://My_Bucket/videos', '', /not a usable S3 URI: "My_Bucket" is not a bucket name/],
  ['agentDisabledTools', 'run_in_terminal', [], /`bedrock\.agent\.disabledTools` is not a list of names: run_in_terminal\. Using the default/],
  ['agentDisabledTools', ['read_file', 3, '', { x: 1 }], ['read_file'], /holds entries that are not names \(\[3,"",\{"x":1\}\]\); they are ignored/],
  ['agentApprovalRead', 'never', 'allow', /`bedrock\.agent\.approval\.read` is never, not one of ask, askOncePerChat, allow\. Using the default, allow/],
  ['agentApprovalEdit', 1, 'ask', /is 1, not one of/],
  ['agentApprovalCreate', 'ALLOW', 'ask', /is ALLOW, not one of/],
  ['agentApprovalTerminal', 'allow; rm -rf /', 'ask', /`bedrock\.agent\.approval\.terminal` is allow; rm -rf \/, not one of/],
  ['agentApprovalExternal', null, 'ask', /is null, not one of/],
  ['agentMaxSteps', 0, 1, /`bedrock\.agent\.maxSteps` is 0, outside its range 1–200\. Using the minimum, 1/],
  ['agentMaxSteps', 'lots', 25, /not a number/],
  ['agentMaxResultBytes', 1e12, 1_048_576, /maximum, 1048576/],
  ['voiceId', 'siri', 'matthew', /is siri, not one of tiffany, matthew, .*leo\. Using the default, matthew/],
  ['voiceId', { id: 'amy' }, 'matthew', /not one of/],
];

describe('settings validation', () => {
  let handled = 0;
  after(() => console.log(`      bad setting values handled / tried: ${handled} / ${BAD.length}`));

  for (const [name, raw, expected, problem] of BAD) {
    it(`${SETTINGS[name].key} = ${showValue(raw).slice(0, 40)} → ${JSON.stringify(expected)}`, () => {
      const r = check(name, raw);
      assert.deepEqual(r.value, expected);
      assert.ok(typeof r.value === 'number' ? Number.isFinite(r.value) : typeof r.value === 'string' || Array.isArray(r.value));
      assert.match(r.problem ?? '', problem);
      assert.ok(r.problem?.includes(SETTINGS[name].key), 'the problem names the setting');
      handled++;
    });
  }

  it('every setting has at least one bad value in the table', () => {
    const covered = new Set(BAD.map(([n]) => n));
    assert.deepEqual(SETTING_NAMES.filter((n) => !covered.has(n)), []);
  });

  it('good values pass unchanged (trimmed) and say nothing', () => {
    const good: ReadonlyArray<[SettingName, unknown, unknown]> = [
      ['streamIdleTimeoutSeconds', 5, 5],
      ['streamIdleTimeoutSeconds', 90.5, 90.5],
      ['explainMaxCharacters', 1_000_000, 1_000_000],
      ['embeddingDimensions', 0, 0],
      ['embeddingConcurrency', 32, 32],
      ['runtimeEndpoint', ' http://127.0.0.1:4000 ', 'http://127.0.0.1:4000'],
      ['mantleEndpoint', 'https://vpce-0abc.bedrock-mantle.us-east-1.vpce.amazonaws.com', 'https://vpce-0abc.bedrock-mantle.us-east-1.vpce.amazonaws.com'],
      ['proxy', 'http://user:pw@proxy.corp:3128', 'http://user:pw@proxy.corp:3128'],
      ['region', 'us-gov-west-1', 'us-gov-west-1'],
      ['region', 'us-isob-east-1', 'us-isob-east-1'],
      ['region', 'eu-central-2', 'eu-central-2'],
      ['profile', 'dev.team+ci@corp-1', 'dev.team+ci@corp-1'],
      ['chatDefaultModel', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0'],
      ['region', '   ', ''],
    ];
    for (const [name, raw, value] of good) assert.deepEqual(check(name, raw), { value }, `${name} = ${String(raw)}`);
  });

  it('an unset value is the default, with no problem', () => {
    for (const name of SETTING_NAMES) assert.deepEqual(check(name, undefined), { value: SETTINGS[name].default });
  });

  it('shows values short, on one line, with URL passwords masked', () => {
    assert.equal(showValue('http://user:secret@proxy:8080'), 'http://user:***@proxy:8080');
    assert.equal(showValue('a\nb'), 'a b');
    assert.equal(showValue('x'.repeat(200)).length, 80);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(showValue(cyclic), 'object');
  });
});
