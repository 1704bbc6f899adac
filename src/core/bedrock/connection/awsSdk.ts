// The lazy boundary around the AWS SDK. Nothing outside this file imports an SDK package for its
// values (type-only imports are fine). esbuild builds this file as its own bundle, dist/aws-sdk.js,
// which the extension requires only when the first network call needs it — so activation stays
// fast and loads no SDK code (measured by `npm run bench`). Under tsx (tests) it is plain source.
export {
  BedrockClient,
  ListFoundationModelsCommand,
  GetFoundationModelCommand,
  ListInferenceProfilesCommand,
  GetInferenceProfileCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
export {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  CountTokensCommand,
  InvokeModelWithBidirectionalStreamCommand,
  StartAsyncInvokeCommand,
  GetAsyncInvokeCommand,
  ListAsyncInvokesCommand,
} from '@aws-sdk/client-bedrock-runtime';
export { S3Client, GetObjectCommand, PutObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
export { fromNodeProviderChain, fromIni } from '@aws-sdk/credential-providers';
export { NodeHttpHandler, NodeHttp2Handler } from '@smithy/node-http-handler';
// The proxy agent (and its `debug` dependency) is only needed when a proxy is configured.
export { HttpsProxyAgent } from 'https-proxy-agent';
