import assert from 'node:assert/strict';
import { elapsedText, jobFromService } from '../../../../../src/core/bedrock/async/asyncJob';
import { judgeEndpoint } from '../../../../../src/core/bedrock/connection/endpointPolicy';

describe('async jobs as the service describes them', () => {
  it('reads a summary field by field; odd fields stay empty instead of breaking the list', () => {
    const job = jobFromService({
      invocationArn: 'arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc123',
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0',
      status: 'Completed',
      submitTime: new Date('2026-01-01T00:00:00Z'),
      endTime: 'not a date',
      outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://b1b/out' } },
    })!;
    assert.equal(job.modelId, 'amazon.nova-reel-v1:0');
    assert.equal(job.invocationId, 'abc123');
    assert.equal(job.endTime, undefined);
    assert.equal(job.outputFolder, 's3://b1b/out/abc123/');
    assert.equal(jobFromService({ status: 'Completed' }), undefined, 'no ARN: nothing to name it by');
    assert.equal(jobFromService('x'), undefined);
    assert.equal(jobFromService({ invocationArn: 'arn:x/1', status: 42 })!.status, 'Unknown');
  });

  it('says how long a job ran, or has been running', () => {
    const submitTime = new Date('2026-01-01T00:00:00Z');
    const base = { invocationArn: 'a/1', invocationId: '1', modelId: 'm', submitTime };
    assert.equal(elapsedText({ ...base, status: 'InProgress' }, new Date('2026-01-01T00:01:05Z')), '1 min 5 s');
    assert.equal(elapsedText({ ...base, status: 'Completed', endTime: new Date('2026-01-01T00:00:42Z') }, new Date('2026-02-01T00:00:00Z')), '42 s');
    assert.equal(elapsedText({ ...base, status: 'Failed', endTime: new Date('2026-01-01T02:04:00Z') }, new Date()), '2 h 4 min');
  });
});

describe('endpoint policy: Amazon S3 for job outputs', () => {
  it('sends credentials to S3 hosts of the region and to loopback, nowhere else', () => {
    for (const url of ['https://s3.us-west-2.amazonaws.com', 'https://my-bucket.s3.us-west-2.amazonaws.com', 'https://s3.dualstack.us-west-2.amazonaws.com', 'https://s3-fips.us-west-2.amazonaws.com', 'http://127.0.0.1:4569']) {
      assert.equal(judgeEndpoint(url, 'us-west-2', 's3').allowed, true, url);
    }
    assert.equal(judgeEndpoint('https://bucket.s3.amazonaws.com', 'us-east-1', 's3').allowed, true, 'us-east-1 global endpoint');
    for (const url of ['https://s3.us-east-1.amazonaws.com', 'https://s3.us-west-2.amazonaws.com.evil.example', 'http://s3.us-west-2.amazonaws.com', 'https://s3.us-west-2.amazonaws.com:8443', 'https://bedrock-runtime.us-west-2.amazonaws.com']) {
      const v = judgeEndpoint(url, 'us-west-2', 's3');
      assert.equal(v.allowed, false, url);
    }
    const refused = judgeEndpoint('https://storage.example.com', 'us-west-2', 's3');
    assert.ok(!refused.allowed && refused.confirmable && /neither an Amazon S3 host of us-west-2 nor this machine/.test(refused.reason));
    assert.equal(judgeEndpoint('https://s3.us-west-2.amazonaws.com', 'us-west-2').allowed, false, 'an S3 host is not a Bedrock host');
  });
});
