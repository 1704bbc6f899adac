// `s3://bucket/prefix` locations: where async jobs write (`bedrock.async.s3OutputUri`) and where
// their media inputs are read from. Checked by S3's bucket naming rules before anything is sent,
// so a typo is named here rather than coming back as an opaque service error.

export interface S3Location {
  bucket: string;
  /** The key or key prefix, without a leading slash; '' for the bucket's root. */
  key: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Why `name` is not an S3 bucket name, or undefined when it is one. */
function bucketProblem(name: string): string | undefined {
  if (!BUCKET.test(name)) return `"${name}" is not a bucket name (3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit)`;
  if (name.includes('..')) return `the bucket name "${name}" has two dots in a row`;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return `the bucket name "${name}" is an IP address`;
  return undefined;
}

/** What is wrong with `value` as an `s3://bucket[/prefix]` URI, or undefined when nothing is. */
export function s3UriProblem(value: string): string | undefined {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(value);
  if (!m) return 'is not an S3 URI (they look like s3://bucket/prefix)';
  const bucket = bucketProblem(m[1] ?? '');
  if (bucket) return `is not a usable S3 URI: ${bucket}`;
  const key = m[2] ?? '';
  if (key.length > 900) return 'is not a usable S3 URI: the prefix is longer than 900 characters';
  if (/[\u0000-\u001f\u007f\\]/.test(key)) return 'is not a usable S3 URI: the prefix has control characters or backslashes';
  return undefined;
}

/** Parses an S3 URI; throws an Error naming the problem. */
export function parseS3Uri(value: string): S3Location {
  const problem = s3UriProblem(value);
  if (problem) throw new Error(`${value} ${problem}.`);
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(value)!;
  return { bucket: m[1]!, key: m[2] ?? '' };
}

export function formatS3Uri(loc: S3Location): string {
  return `s3://${loc.bucket}/${loc.key}`;
}

/** The invocation id: the last `/` segment of an async invocation ARN. */
export function invocationIdOf(invocationArn: string): string {
  return invocationArn.slice(invocationArn.lastIndexOf('/') + 1);
}

/** Where a job writes: `<s3Uri>/<invocationId>/`. */
export function jobOutputFolder(s3Uri: string, invocationArn: string): string {
  return `${s3Uri.replace(/\/+$/, '')}/${invocationIdOf(invocationArn)}/`;
}

/** `base` joined with a relative key, one slash between them. */
export function joinS3(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ''), ...parts.map((p) => p.replace(/^\/+|\/+$/g, ''))].filter(Boolean).join('/');
}
