import assert from 'node:assert/strict';
import { applyRules, redact, redactByPattern, redactDeep, secretRedactor } from '../../../../../src/core/bedrock/errors/redact';
import { base64Cores, SecretRedactor } from '../../../../../src/core/bedrock/errors/secretRedactor';
import { ECHO_FORMATS, MARKER, MARKER_VALUES, survivingMarkers } from './secretEchoes';

describe('redaction: echo formats', () => {
  const byValue = new SecretRedactor();
  byValue.add(...MARKER_VALUES);
  const patternMisses: string[] = [];

  after(() => {
    console.log(`      echo formats: ${ECHO_FORMATS.length} tried, ${ECHO_FORMATS.length} redacted by value; patterns alone miss ${patternMisses.length}: ${patternMisses.join(', ')}`);
  });

  it('has at least 25 formats, and the leak check sees the markers in every one before redaction', () => {
    assert.ok(ECHO_FORMATS.length >= 25);
    for (const [name, text] of ECHO_FORMATS) assert.ok(survivingMarkers(text).length > 0, `${name}: the checker must see the raw echo`);
  });

  for (const [name, text] of ECHO_FORMATS) {
    it(`${name}: no marker survives by value, nor with patterns added`, () => {
      assert.deepEqual(survivingMarkers(byValue.redact(text)), [], byValue.redact(text));
      assert.deepEqual(survivingMarkers(redactByPattern(byValue.redact(text))), []);
      if (survivingMarkers(redactByPattern(text)).length) patternMisses.push(name);
    });
  }

  it('patterns alone miss the encoded, wrapped and unlabelled echoes: the value path is needed', () => {
    const misses = ECHO_FORMATS.filter(([, text]) => survivingMarkers(redactByPattern(text)).length > 0).map(([name]) => name);
    for (const expected of ['base64 of the token', 'base64 of "Bearer key"', 'JSON with \\/ escaping', 'split across lines (76 columns)', 'bare value, no label', 'HTML entities']) {
      assert.ok(misses.includes(expected), `patterns alone were expected to miss ${expected}`);
    }
  });

  it('patterns alone catch the labelled shapes named in the bug report, whatever the value', () => {
    const token = 'FQoGZXIvYXdzEUnknownTokenNeverRegistered0123456789+/=';
    for (const text of [
      `{'x-amz-security-token': 'someOtherValue0123456789', 'Authorization': 'Bearer abcdefgh12345678'}`,
      `The security token 'a1b2c3d4e5f6g7h8i9j0k1l2' is expired`,
      `<Token>unregisteredTokenValue99</Token>`,
      `Authorization=Bearer%20abc%2Bdef%2F0123456789`,
      `x-amz-security-token:${token}`,
    ]) {
      const out = redactByPattern(text);
      assert.ok(out.includes('***'), out);
      for (const secret of ['someOtherValue0123456789', 'abcdefgh12345678', 'a1b2c3d4e5f6g7h8i9j0k1l2', 'unregisteredTokenValue99', 'abc%2Bdef%2F0123456789', token]) {
        assert.ok(!out.includes(secret), `${secret} survived in ${out}`);
      }
    }
  });
});

describe('redaction: the rules\' trigger words', () => {
  // Texts every rule changes, built from each rule's own shape; the quick trigger check may skip a
  // text only when no rule would change it.
  const SHAPES = [
    `"sessionToken": "v4lu3v4lu3v4lu3"`, `'x-amz-security-token': 'v4lu3v4lu3'`, `\\"apiKey\\": \\"v4lu3v4lu3\\"`,
    'Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261205', 'password=hunter2hunter2', 'X-Amz-Signature%3Dabcdef0123',
    'https://user:pa55word@proxy.example:8080', 'Bearer%20abcdefgh12345678', 'Basic dXNlcjpwYXNzd29yZA==',
    '<SecretAccessKey>abcdefgh12345678</SecretAccessKey>', 'The security token a1b2c3d4e5f6g7h8i9j0k1 is expired',
    'ABSKabcdefgh12345678', 'bedrock-api-key-abcdefgh', 'ASIAABCDEFGHIJKLMNOP', 'IQoJb3JpZ2luX2VjEabc', 'FwoGZXIvYXdzEabc',
  ];

  it('every rule shape holds a trigger word and is changed by the rules', () => {
    for (const text of SHAPES) {
      assert.notEqual(applyRules(text), text, `the rules must change: ${text}`);
      assert.equal(redactByPattern(text), applyRules(text), `the trigger must not skip: ${text}`);
    }
  });

  it('the trigger check never changes the result: echo corpus, shapes in other cases, and ordinary lines', () => {
    const texts = [
      ...ECHO_FORMATS.map(([, text]) => text),
      ...SHAPES.flatMap((t) => [t.toUpperCase(), t.toLowerCase(), `prefix ${t} suffix`]),
      'Bedrock Workbench 0.1.0 activated (region us-east-1)',
      'Model list refreshed: 170 models and profiles in us-east-1',
    ];
    for (const text of texts) assert.equal(redactByPattern(text), applyRules(text), text);
  });

  it('ordinary log lines skip the rules', () => {
    const line = 'Model list refreshed: 170 models and profiles in us-east-1';
    assert.equal(redactByPattern(line), line);
  });
});

describe('redaction: values and ordinary text', () => {
  it('ignores values shorter than 8 characters and leaves ordinary text alone', () => {
    const r = new SecretRedactor();
    r.add('abc', '', undefined, '  ', 'us-east-1');
    assert.equal(r.size, 1, 'only us-east-1 (9 characters) is long enough');
    r.clear();
    r.add('short');
    assert.equal(r.redact('a short message'), 'a short message');
    for (const s of [
      'Bedrock rejected the request: The maximum tokens you requested exceeds the model limit of 4096.',
      'Model list refreshed: 120 models and profiles in us-east-1',
      'The security token included in the request is expired',
      'Connection changed: region us-east-1, credentials sigv4 (profile work)',
      'inputTokens: 12, outputTokens: 40, max_tokens: 4096',
      'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
    ]) assert.equal(redactByPattern(s), s);
  });

  it('base64 cores cover every alignment: the secret inside any longer base64 string is found', () => {
    const secret = 'k3y/with+symbols=0123';
    const cores = base64Cores(secret);
    assert.equal(cores.length, 3);
    for (const prefix of ['', 'a', 'ab', 'abc', 'Bearer ', 'id:']) {
      const encoded = Buffer.from(prefix + secret + 'tail').toString('base64');
      assert.ok(cores.some((c) => encoded.includes(c)), `prefix ${JSON.stringify(prefix)}`);
    }
  });

  it('keeps masking rotated-out values, and masks a secret containing another one whole', () => {
    const r = new SecretRedactor();
    r.add('first-session-token-value');
    r.add('second-session-token-value');
    assert.equal(r.redact('old first-session-token-value new second-session-token-value'), 'old *** new ***');
    r.add('abcdefgh', 'abcdefgh-and-more');
    assert.equal(r.redact('[abcdefgh-and-more]'), '[***]');
  });

  it('redact() uses the process-wide values the connection registers; redactDeep copies structures', () => {
    secretRedactor.add(MARKER.secretAccessKey);
    try {
      assert.equal(redact(`x ${MARKER.secretAccessKey} y`), 'x *** y');
      const input = { error: { message: `key ${MARKER.secretAccessKey}`, list: [MARKER.secretAccessKey, 3] }, n: 1 };
      assert.deepEqual(redactDeep(input), { error: { message: 'key ***', list: ['***', 3] }, n: 1 });
      assert.equal(input.error.message, `key ${MARKER.secretAccessKey}`, 'the input is not modified');
    } finally {
      secretRedactor.clear();
    }
  });
});
