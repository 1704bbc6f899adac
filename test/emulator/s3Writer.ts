// How the emulator's async jobs reach S3: the real S3 client, signed with the key Bedrock writes
// with, path-style against the local S3 server (test/emulator/s3Server.ts).
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BEDROCK_WRITER_KEY } from './s3Server';

export interface S3Writer {
  put(uri: string, body: Uint8Array | string, contentType: string): Promise<void>;
  get(uri: string): Promise<Uint8Array>;
  close(): void;
}

function split(uri: string): { Bucket: string; Key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m) throw new Error(`${uri} is not an S3 object URI`);
  return { Bucket: m[1]!, Key: m[2]! };
}

/** Names what S3 said, e.g. "NoSuchBucket: The specified bucket does not exist". */
function s3Problem(e: unknown, uri: string): Error {
  const err = e as { name?: string; message?: string };
  return new Error(`S3 answered ${err.name ?? 'an error'} for ${uri}${err.message && err.message !== err.name ? `: ${err.message}` : ''}`);
}

export function s3Writer(endpoint: string, region = 'us-east-1'): S3Writer {
  const client = new S3Client({ region, endpoint, forcePathStyle: true, credentials: BEDROCK_WRITER_KEY, maxAttempts: 1 });
  return {
    async put(uri, body, contentType) {
      try {
        await client.send(new PutObjectCommand({ ...split(uri), Body: typeof body === 'string' ? Buffer.from(body) : body, ContentType: contentType }));
      } catch (e) {
        throw s3Problem(e, uri);
      }
    },
    async get(uri) {
      try {
        const res = await client.send(new GetObjectCommand(split(uri)));
        return await res.Body!.transformToByteArray();
      } catch (e) {
        throw s3Problem(e, uri);
      }
    },
    close: () => client.destroy(),
  };
}
