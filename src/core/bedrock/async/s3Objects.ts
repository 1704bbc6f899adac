// Async jobs' inputs and outputs in Amazon S3, through the real S3 client (loaded with the rest of
// the AWS SDK on first use). S3 takes AWS credentials only: with just a Bedrock API key, reading an
// output fails with a message that says so.
import type { BedrockConnection } from '../connection/connection';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { BedrockError, errorAction } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import { joinS3, parseS3Uri } from './s3Uri';

/** Outputs are small (a job's JSON, a video of a few MB); anything past this is not read into memory. */
export const MAX_OBJECT_BYTES = 512 * 1024 * 1024;
const MAX_LISTED = 1000;

interface S3ErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const S3_WORDING: Record<string, string> = {
  NoSuchKey: 'there is no object at',
  NotFound: 'there is no object at',
  NoSuchBucket: 'the bucket does not exist for',
  AccessDenied: 'your credentials may not read or write',
  InvalidAccessKeyId: 'S3 does not know the access key of your credentials for',
  SignatureDoesNotMatch: 'S3 refused the signature of your credentials for',
};

export class S3Objects {
  constructor(private readonly connection: BedrockConnection) {}

  private fail(e: unknown, uri: string): never {
    if (e instanceof BedrockError) throw e;
    const err = e as S3ErrorLike;
    const said = err.name ? S3_WORDING[err.name] : undefined;
    if (said) {
      const apiKeyOnly = this.connection.info.auth !== 'sigv4' && /AccessKey|Signature|AccessDenied/.test(err.name ?? '');
      throw new BedrockError(
        {
          kind: err.name === 'AccessDenied' ? 'accessDenied' : 'validation',
          code: err.name,
          status: err.$metadata?.httpStatusCode,
          message: `Amazon S3: ${said} ${uri}.${apiKeyOnly ? ' S3 takes AWS credentials (a profile, SSO or access keys); a Bedrock API key is accepted by Bedrock alone.' : ''}`,
          detail: err.message,
          action: errorAction(err.name === 'NoSuchBucket' ? 'openSettings' : apiKeyOnly ? 'reloadCredentials' : 'none'),
        },
        { cause: e },
      );
    }
    const c = classifyError(e, { auth: 'sigv4' });
    throw new BedrockError({ ...c, message: `Amazon S3 (${uri}): ${c.message}` }, { cause: e });
  }

  async get(uri: string, signal?: AbortSignal, maxBytes = MAX_OBJECT_BYTES): Promise<Uint8Array> {
    const { bucket, key } = parseS3Uri(uri);
    const sdk = await loadAwsSdk();
    const client = await this.connection.s3();
    try {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      if ((res.ContentLength ?? 0) > maxBytes) {
        throw new BedrockError({ kind: 'validation', message: `${uri} is ${res.ContentLength} bytes, more than the ${maxBytes} this reads into the editor.`, action: errorAction('none') });
      }
      if (!res.Body) return new Uint8Array();
      return await res.Body.transformToByteArray();
    } catch (e) {
      this.fail(e, uri);
    }
  }

  async getText(uri: string, signal?: AbortSignal): Promise<string> {
    return new TextDecoder().decode(await this.get(uri, signal, 64 * 1024 * 1024));
  }

  async put(uri: string, body: Uint8Array, contentType: string, signal?: AbortSignal): Promise<void> {
    const { bucket, key } = parseS3Uri(uri);
    const sdk = await loadAwsSdk();
    const client = await this.connection.s3();
    try {
      await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }), { abortSignal: signal });
    } catch (e) {
      this.fail(e, uri);
    }
  }

  /** The object URIs under a folder URI (`s3://bucket/prefix/`), at most 1,000. */
  async list(folderUri: string, signal?: AbortSignal): Promise<string[]> {
    const { bucket, key } = parseS3Uri(folderUri);
    const sdk = await loadAwsSdk();
    const client = await this.connection.s3();
    const out: string[] = [];
    let token: string | undefined;
    try {
      do {
        const res = await client.send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }), { abortSignal: signal });
        for (const o of res.Contents ?? []) if (o.Key) out.push(joinS3(`s3://${bucket}`, o.Key));
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token && out.length < MAX_LISTED);
    } catch (e) {
      this.fail(e, folderUri);
    }
    return out;
  }
}
