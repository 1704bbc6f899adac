import assert from 'node:assert/strict';
import { jobOutputFolder, parseS3Uri, s3UriProblem } from '../../../../../src/core/bedrock/async/s3Uri';
import { checkSetting } from '../../../../../src/core/settings/settingsValidation';
import { SETTINGS } from '../../../../../src/core/settings/settingsTable';

describe('S3 URIs', () => {
  it('parses bucket and prefix, and finds a job folder from its invocation ARN', () => {
    assert.deepEqual(parseS3Uri('s3://my-bucket/videos/out'), { bucket: 'my-bucket', key: 'videos/out' });
    assert.deepEqual(parseS3Uri('s3://my.bucket'), { bucket: 'my.bucket', key: '' });
    assert.equal(jobOutputFolder('s3://b1b/videos/', 'arn:aws:bedrock:us-east-1:123456789012:async-invoke/abcd1234'), 's3://b1b/videos/abcd1234/');
  });

  for (const [value, why] of [
    ['https://bucket/x', /not an S3 URI/],
    ['s3://', /not a bucket name/],
    ['s3://Upper/x', /"Upper" is not a bucket name/],
    ['s3://ab/x', /not a bucket name/],
    ['s3://a..b/x', /two dots/],
    ['s3://192.168.1.1/x', /IP address/],
    ['s3://bucket/a\u0000b', /control characters/],
  ] as const) {
    it(`refuses ${JSON.stringify(value)} and says why`, () => {
      assert.match(s3UriProblem(value) ?? '', why);
      assert.throws(() => parseS3Uri(value), why);
    });
  }

  it('bedrock.async.s3OutputUri: a bad value is named and ignored, a good one kept', () => {
    const bad = checkSetting(SETTINGS.asyncS3OutputUri, 's3://Bad Bucket/x');
    assert.equal(bad.value, '');
    assert.match(bad.problem ?? '', /`bedrock\.async\.s3OutputUri` is not a usable S3 URI/);
    assert.deepEqual(checkSetting(SETTINGS.asyncS3OutputUri, ' s3://good-bucket/jobs '), { value: 's3://good-bucket/jobs' });
  });
});
