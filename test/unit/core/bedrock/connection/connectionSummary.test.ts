import * as assert from 'node:assert/strict';
import { resolveInfo } from '../../../../../src/core/bedrock/connection/connection';
import { connectionSummary } from '../../../../../src/core/bedrock/connection/connectionSummary';
import { endpointOverrides, hasEndpointOverride, overrideSummary } from '../../../../../src/core/bedrock/connection/endpointOverrides';
import { classifyError } from '../../../../../src/core/bedrock/errors/classifyError';

const info = (endpoints: Record<string, string> = {}, region = 'us-east-1') => resolveInfo({ region, endpoints }, {});

describe('connection summary: overridden endpoints and failures', () => {
  it('says nothing about endpoints when every one is AWS’s public host', () => {
    const i = info();
    assert.deepEqual(endpointOverrides(i), []);
    assert.equal(hasEndpointOverride(i), false);
    const s = connectionSummary(i, []);
    assert.equal(s.text, '$(cloud) us-east-1 · default credentials');
    assert.equal(s.warning, false);
  });

  it('names the local emulator, a VPC endpoint, or custom endpoints', () => {
    const emulator = info({ control: 'http://127.0.0.1:4010', runtime: 'http://127.0.0.1:4010', mantle: 'http://127.0.0.1:4010/mantle' });
    assert.equal(overrideSummary(endpointOverrides(emulator)), 'local emulator');
    assert.match(connectionSummary(emulator, []).text, / · local emulator$/);
    const vpc = info({ runtime: 'https://vpce-0abc-xyz.bedrock-runtime.us-east-1.vpce.amazonaws.com' });
    assert.deepEqual(endpointOverrides(vpc).map((o) => [o.endpoint, o.kind]), [['runtime', 'vpc']]);
    assert.equal(overrideSummary(endpointOverrides(vpc)), 'VPC endpoint');
    const mixed = info({ runtime: 'https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com', control: 'https://gateway.example.com' });
    assert.equal(overrideSummary(endpointOverrides(mixed)), 'custom endpoints');
    const tip = connectionSummary(mixed, []).tooltip.join('\n');
    assert.match(tip, /runtime → https:\/\/vpce-0abc\S+ \(VPC endpoint\)/);
    assert.match(tip, /control → https:\/\/gateway\.example\.com\/ \(custom endpoint\)/);
  });

  it('never shows the user info of an endpoint URL', () => {
    const i = info({ control: 'https://user:hunter2@gateway.example.com' });
    assert.doesNotMatch(connectionSummary(i, []).tooltip.join('\n'), /hunter2/);
  });

  it('says which endpoint failed, in the text and the hover, with the warning colour', () => {
    const i = info({ control: 'http://127.0.0.1:4010' });
    const s = connectionSummary(i, [{ endpoint: 'control', doing: 'listing models', message: 'The connection to Bedrock failed or the stream was corrupted.' }]);
    assert.match(s.text, /^\$\(cloud-offline\) us-east-1 · .* · control failed$/);
    assert.equal(s.warning, true);
    assert.match(s.tooltip.join('\n'), /control endpoint \(http:\/\/127\.0\.0\.1:4010\) failed listing models: The connection/);
  });

  it('a network failure offers the endpoint settings when an endpoint is overridden, the proxy settings otherwise', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), { code: 'ECONNREFUSED' });
    assert.equal(classifyError(refused).action.id, 'checkNetwork');
    const c = classifyError(refused, { endpointOverride: true });
    assert.equal(c.kind, 'network');
    assert.deepEqual(c.action, { id: 'checkEndpoints', label: 'Open endpoint settings' });
  });
});
