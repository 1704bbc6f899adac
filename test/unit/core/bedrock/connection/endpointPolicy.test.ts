// Which URLs may receive credentials: exact hosts after URL normalisation, https for AWS hosts,
// loopback on any scheme and port, everything else only after the user trusts it.
import assert from 'node:assert/strict';
import { displayUrl, judgeEndpoint, trustChoices } from '../../../../../src/core/bedrock/connection/endpointPolicy';

type Expect = 'aws' | 'loopback' | 'ask' | 'ask-cleartext' | 'never';

const CASES: [url: string, expect: Expect, why: string][] = [
  // Amazon Bedrock hosts of the configured region (us-east-1)
  ['https://bedrock.us-east-1.amazonaws.com', 'aws', 'control plane'],
  ['https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse', 'aws', 'runtime'],
  ['https://bedrock-runtime-fips.us-east-1.amazonaws.com', 'aws', 'FIPS runtime'],
  ['https://bedrock-agent-runtime.us-east-1.amazonaws.com', 'aws', 'any bedrock* service'],
  ['https://bedrock-mantle.us-east-1.api.aws/v1', 'aws', 'mantle'],
  ['https://vpce-0a1b2c3d4e5f-abcd1234.bedrock-runtime.us-east-1.vpce.amazonaws.com', 'aws', 'VPC endpoint'],
  ['https://vpce-0a1b2c3d4e5f-abcd1234-us-east-1a.bedrock-runtime.us-east-1.vpce.amazonaws.com', 'aws', 'zonal VPC endpoint'],
  ['HTTPS://BEDROCK-RUNTIME.US-EAST-1.AMAZONAWS.COM', 'aws', 'upper case is the same host'],
  ['https://bedrock-runtime.us-east-1.amazonaws.com./', 'aws', 'trailing root dot is the same DNS name'],
  ['https://ｂedrock-runtime.us-east-1.amazonaws.com', 'aws', 'full-width letter maps to the same ASCII host'],
  ['https://bedrock%2Eus-east-1.amazonaws.com', 'aws', 'percent-escaped dot decodes to the real host'],
  ['https://bedrock-runtime.us-east-1.amazonaws.com:443/', 'aws', 'explicit default port'],
  // Look-alikes and tricks
  ['https://bedrock.us-east-1.amazonaws.com.evil.com', 'ask', 'suffix appended'],
  ['https://evil.com/bedrock.us-east-1.amazonaws.com', 'ask', 'host in the path'],
  ['https://evil.com?x=bedrock.us-east-1.amazonaws.com', 'ask', 'host in the query'],
  ['https://evil.com#bedrock.us-east-1.amazonaws.com', 'ask', 'host in the fragment'],
  ['https://bedrock.us-east-1.amazonaws.com@evil.com', 'never', 'userinfo disguise'],
  ['https://user:pass@bedrock.us-east-1.amazonaws.com', 'never', 'credentials in the URL'],
  ['https://evil.com\\@bedrock.us-east-1.amazonaws.com', 'ask', 'backslash is a path separator: host is evil.com'],
  ['https://bedrock.us-east-1.amazonaws.cοm', 'ask', 'Greek omicron: a different (punycode) host'],
  ['https://xbedrock.us-east-1.amazonaws.com', 'ask', 'service label must start with bedrock'],
  ['https://evil.bedrock.us-east-1.amazonaws.com', 'ask', 'extra label in front'],
  ['https://bedrock.us-west-2.amazonaws.com', 'ask', 'another region'],
  ['https://bedrock-mantle.us-east-1.api.aws.evil', 'ask', 'suffix on api.aws'],
  ['https://s3.us-east-1.amazonaws.com', 'ask', 'another AWS service'],
  ['https://evil.vpce.amazonaws.com', 'ask', 'vpce name without endpoint id, service and region'],
  ['https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com.evil.com', 'ask', 'vpce with suffix'],
  ['https://bedrock-runtime.us-east-1.amazonaws.com.cn', 'ask', 'China partition for a non-China region'],
  ['http://bedrock-runtime.us-east-1.amazonaws.com', 'ask-cleartext', 'AWS host over plain HTTP'],
  ['https://bedrock-runtime.us-east-1.amazonaws.com:8443', 'ask', 'AWS host on another port'],
  ['https://gateway.corp.example:8443/bedrock', 'ask', 'a company gateway: the user decides'],
  ['http://0.0.0.0:4010', 'ask-cleartext', 'the unspecified address is not a loopback name'],
  ['http://10.0.0.5:4010', 'ask-cleartext', 'private network host'],
  ['http://foo.localhost:4010', 'ask-cleartext', 'a *.localhost name is not guaranteed to resolve to loopback'],
  ['http://localhost.evil.com', 'ask-cleartext', 'localhost as a prefix'],
  // Loopback: this machine, any scheme and port
  ['http://127.0.0.1:4010', 'loopback', 'IPv4 loopback'],
  ['http://127.8.9.10', 'loopback', 'all of 127/8'],
  ['http://localhost:4010', 'loopback', 'localhost'],
  ['http://LOCALHOST.:4010', 'loopback', 'localhost, upper case, root dot'],
  ['http://[::1]:4010', 'loopback', 'IPv6 loopback'],
  ['http://[0:0:0:0:0:0:0:1]:4010', 'loopback', 'IPv6 loopback, long form'],
  ['http://[::ffff:127.0.0.1]:4010', 'loopback', 'IPv4-mapped loopback'],
  ['http://2130706433:4010', 'loopback', '127.0.0.1 as one decimal number'],
  ['http://0x7f.1:4010', 'loopback', '127.0.0.1 in hex shorthand'],
  // Never sent
  ['ftp://bedrock.us-east-1.amazonaws.com', 'never', 'not http(s)'],
  ['file:///etc/passwd', 'never', 'not http(s)'],
  ['bedrock.us-east-1.amazonaws.com', 'never', 'no scheme: not a URL'],
  ['', 'never', 'empty'],
];

function outcome(url: string, region = 'us-east-1'): Expect {
  const v = judgeEndpoint(url, region);
  if (v.allowed) return v.because;
  if (!v.confirmable) return 'never';
  return v.cleartext ? 'ask-cleartext' : 'ask';
}

describe('endpoint policy', () => {
  it(`judges ${CASES.length} URLs as expected`, () => {
    assert.ok(CASES.length >= 25);
    const wrong = CASES.filter(([url, expect]) => outcome(url) !== expect).map(([url, expect, why]) => `${url} (${why}): expected ${expect}, got ${outcome(url)}`);
    assert.deepEqual(wrong, []);
  });

  it('China partition hosts only for a cn- region; other partitions are asked about', () => {
    assert.equal(outcome('https://bedrock-runtime.cn-north-1.amazonaws.com.cn', 'cn-north-1'), 'aws');
    assert.equal(outcome('https://bedrock-runtime.us-gov-west-1.amazonaws.com', 'us-gov-west-1'), 'aws');
    assert.equal(outcome('https://bedrock-runtime.us-east-1.amazonaws.com', 'us-gov-west-1'), 'ask');
  });

  it('a malformed region matches no AWS host, so it cannot splice in another domain', () => {
    assert.equal(outcome('https://bedrock.evil.com', 'evil.com#'), 'ask');
    assert.equal(outcome('https://bedrock.x.amazonaws.com', 'x'), 'ask');
    assert.equal(outcome('https://bedrock.us-east-1.amazonaws.com', 'us-east-1; rm -rf'), 'ask');
  });

  it('the origin is what the user trusts: scheme, normalised host and port', () => {
    const v = judgeEndpoint('HTTPS://Gateway.Corp.Example:8443/path?q', 'us-east-1');
    assert.ok(!v.allowed && v.confirmable);
    assert.equal(v.origin, 'https://gateway.corp.example:8443');
  });

  it('user info is blanked before a URL is shown', () => {
    assert.equal(displayUrl('https://AKIA:secret@evil.com/x'), 'https://***@evil.com/x');
    assert.ok(!displayUrl('not a url //user:pw@host').includes('pw'));
    assert.ok(displayUrl(`https://x.com/${'a'.repeat(500)}`).length <= 201);
  });

  it('Trusted Endpoints… offers each untrusted configured origin once, and every trusted one for revoking', () => {
    const endpoints = {
      control: 'https://bedrock.us-east-1.amazonaws.com',
      runtime: 'https://gw.corp.example/bedrock',
      mantle: 'https://GW.corp.example/mantle',
    };
    assert.deepEqual(trustChoices(endpoints, 'us-east-1', ['http://old.example:8080']), {
      trust: [{ origin: 'https://gw.corp.example', setting: 'bedrock.endpoints.runtime', cleartext: false }],
      revoke: [{ origin: 'http://old.example:8080', usedBy: [] }],
    });
    assert.deepEqual(trustChoices(endpoints, 'us-east-1', ['https://gw.corp.example']), {
      trust: [],
      revoke: [{ origin: 'https://gw.corp.example', usedBy: ['bedrock.endpoints.runtime', 'bedrock.endpoints.mantle'] }],
    });
  });
});
