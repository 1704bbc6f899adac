// `aws sso login` gets the profile as one argument, and only a profile that exists and looks like one.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ssoLoginArgs } from '../../../../../src/core/bedrock/connection/ssoLogin';

describe('aws sso login arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aws-sso-'));
  // A hostile config file may even define sections named like a shell payload or a CLI option.
  writeFileSync(join(dir, 'config'), '[profile dev-sso]\nsso_session = corp\n[profile x$(touch /tmp/pwned)]\nregion = us-east-1\n[profile a.b+c@d_e-f]\n[profile --debug]\n');
  writeFileSync(join(dir, 'credentials'), '[ci]\naws_access_key_id = X\n');
  const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };

  it('an existing profile becomes one argv element; none set means the CLI default', () => {
    assert.deepEqual(ssoLoginArgs('dev-sso', env), { ok: true, args: ['sso', 'login', '--profile', 'dev-sso'] });
    assert.deepEqual(ssoLoginArgs('a.b+c@d_e-f', env), { ok: true, args: ['sso', 'login', '--profile', 'a.b+c@d_e-f'] });
    assert.deepEqual(ssoLoginArgs('ci', env), { ok: true, args: ['sso', 'login', '--profile', 'ci'] });
    assert.deepEqual(ssoLoginArgs(undefined, env), { ok: true, args: ['sso', 'login'] });
  });

  for (const hostile of ['x$(touch /tmp/pwned)', 'x`id`', 'dev-sso; rm -rf ~', 'dev-sso && curl evil', '"dev-sso"', 'dev sso', 'dev-sso\n', '--debug', '-p']) {
    it(`refuses ${JSON.stringify(hostile)}, naming the setting and the value`, () => {
      const plan = ssoLoginArgs(hostile, env);
      assert.equal(plan.ok, false);
      if (plan.ok) return;
      assert.match(plan.message, /`bedrock\.profile`/);
      assert.ok(plan.message.includes(JSON.stringify(hostile)), plan.message);
    });
  }

  it('a well-formed name that no shared file defines is refused with the files it looked in', () => {
    const plan = ssoLoginArgs('prod', env);
    assert.ok(!plan.ok);
    assert.ok(plan.message.includes(env.AWS_CONFIG_FILE) && plan.message.includes(env.AWS_SHARED_CREDENTIALS_FILE), plan.message);
  });
});
