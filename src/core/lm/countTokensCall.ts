// Bedrock's CountTokens for one text, sent as a single user turn of a Converse request (the form
// every counting model accepts). Always asked with a foundation model id: the service counts for
// models, not for inference profiles.
import type { BedrockConnection } from '../bedrock/connection/connection';
import { loadAwsSdk } from '../bedrock/connection/loadAwsSdk';
import type { CountTokensCall } from './tokenCounter';

export function countTokensWith(connection: Pick<BedrockConnection, 'runtime'>): CountTokensCall {
  return async (baseModelId, text, signal) => {
    const [sdk, client] = await Promise.all([loadAwsSdk(), connection.runtime()]);
    const res = await client.send(
      new sdk.CountTokensCommand({ modelId: baseModelId, input: { converse: { messages: [{ role: 'user', content: [{ text }] }] } } }),
      { abortSignal: signal },
    );
    if (typeof res.inputTokens !== 'number') throw new Error(`CountTokens for ${baseModelId} answered without inputTokens`);
    return res.inputTokens;
  };
}
