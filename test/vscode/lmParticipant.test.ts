// The @bedrock participant's handler and the provider's list behaviour, in the real extension host.
// Sending from VS Code's Chat view needs a GitHub sign-in this machine cannot do, so the handler is
// called the way the Chat view calls it, with a request and a response stream that records what the
// handler writes (the only stand-ins here); the router, catalog and emulator behind it are real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { createParticipantHandler } from '../../src/vscode/lm/bedrockParticipant';
import { BedrockChatProvider, type LmCatalog } from '../../src/vscode/lm/bedrockChatProvider';
import { errorAction } from '../../src/core/bedrock/errors/classifiedError';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, fault, recordedRequests } from './emulatorClient';

const NOVA = 'amazon.nova-micro-v1:0';
const GPT = 'openai.gpt-oss-20b-1:0';
const HAIKU_PROFILE = 'us.anthropic.claude-3-haiku-20240307-v1:0';

function recordingStream() {
  const written = { markdown: '', progress: [] as string[], buttons: [] as vscode.Command[], references: [] as unknown[] };
  const stream = {
    markdown: (v: string | vscode.MarkdownString) => void (written.markdown += typeof v === 'string' ? v : v.value),
    progress: (v: string) => void written.progress.push(v),
    button: (c: vscode.Command) => void written.buttons.push(c),
    reference: (v: unknown) => void written.references.push(v),
    anchor: () => undefined,
    filetree: () => undefined,
    push: () => undefined,
  } as unknown as vscode.ChatResponseStream;
  return { stream, written };
}

const chatRequest = (prompt: string, command?: string, model?: { vendor: string; id: string }) =>
  ({ prompt, command, model, references: [], toolReferences: [], toolInvocationToken: undefined }) as unknown as vscode.ChatRequest;
const noHistory = { history: [] } as unknown as vscode.ChatContext;
const token = () => new vscode.CancellationTokenSource().token;

describe('@bedrock participant (handler in the real extension host)', () => {
  let api: WorkbenchApi;
  let handler: vscode.ChatRequestHandler;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    handler = createParticipantHandler({
      router: api.router,
      catalog: api.catalog,
      describe: (id) => api.catalog.describe(id),
      region: () => api.connection.info.region,
      defaultModel: () => NOVA,
      log: api.log,
    });
  });

  beforeEach(() => clearEmulator());

  it('/route explains how a profile is reached and why', async () => {
    const { stream, written } = recordingStream();
    const result = await handler(chatRequest(HAIKU_PROFILE, 'route'), noHistory, stream, token());
    assert.equal(result?.errorDetails, undefined);
    assert.match(written.markdown, /1\. First \*\*ConverseStream\*\* on bedrock-runtime with `us\.anthropic\.claude-3-haiku/);
    assert.match(written.markdown, /model `anthropic\.claude-3-haiku-20240307-v1:0`/);
  });

  it('/models lists the chat models matching the prompt, with a way to pick one', async () => {
    const { stream, written } = recordingStream();
    await handler(chatRequest('nova-micro', 'models'), noHistory, stream, token());
    assert.match(written.markdown, /- `amazon\.nova-micro-v1:0` — Nova Micro/);
    assert.ok(!written.markdown.includes('claude'), 'only matches');
    assert.deepEqual(written.buttons.map((b) => b.command), ['bedrock.setDefaultChatModel']);
  });

  it('/explain sends the selection through the router and streams the answer', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;\nfunction twice(n: number) {\n  return n * 2;\n}\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 3, 1);
    const { stream, written } = recordingStream();
    const result = await handler(chatRequest('', 'explain'), noHistory, stream, token());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(result?.errorDetails, undefined);
    assert.ok(written.markdown.length > 0, 'an answer streamed');
    assert.equal(written.references.length, 1, 'the code it explained is referenced');
    const sent = (await recordedRequests()).find((r) => r.route === 'ConverseStream')!;
    assert.equal(sent.modelId, NOVA, 'the default model, since the picker holds no Bedrock model');
    assert.ok(JSON.stringify(sent.body).includes('return n * 2;'), 'the selected code was sent');
  });

  it('answers with the Bedrock model picked in the model picker', async () => {
    const { stream, written } = recordingStream();
    await handler(chatRequest('Say hello', undefined, { vendor: 'bedrock', id: GPT }), noHistory, stream, token());
    assert.ok(written.markdown.length > 0);
    assert.equal((await recordedRequests()).filter((r) => r.route !== 'CountTokens').at(-1)?.resolvedModelId, GPT);
  });

  it('a failure is the turn error, worded by us', async () => {
    await fault({ kind: 'throttling', count: 10, route: 'ConverseStream' });
    const { stream } = recordingStream();
    const result = await handler(chatRequest('hello'), noHistory, stream, token());
    assert.match(result?.errorDetails?.message ?? '', /^Amazon Bedrock: Bedrock is throttling requests/);
  });
});

describe('vscode.lm model list: changes and credentials', () => {
  let api: WorkbenchApi;
  const global = vscode.ConfigurationTarget.Global;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });

  after(() => vscode.workspace.getConfiguration('bedrock').update('region', 'us-east-1', global));

  /** Re-asks VS Code on each change event until the list satisfies `ok`. */
  function listUntil(ok: (ids: string[]) => boolean, what: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const check = async () => {
        const ids = (await vscode.lm.selectChatModels({ vendor: 'bedrock' })).map((m) => m.id);
        if (!ok(ids)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(ids);
      };
      const sub = vscode.lm.onDidChangeChatModels(() => void check());
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`Timed out waiting for ${what}`));
      }, 20_000);
      void check();
    });
  }

  it('a region change reaches VS Code: the list is re-read with that region’s profiles', async () => {
    let fired = 0;
    const sub = api.languageModels.provider.onDidChangeLanguageModelChatInformation(() => fired++);
    await vscode.workspace.getConfiguration('bedrock').update('region', 'eu-west-1', global);
    const ids = await listUntil((ids) => ids.some((id) => id.startsWith('eu.')), 'eu. profiles in the list');
    sub.dispose();
    assert.ok(fired > 0, 'the provider said its list changed');
    assert.ok(!ids.some((id) => id.startsWith('us.')), 'no profiles of the old region');
    await vscode.workspace.getConfiguration('bedrock').update('region', 'us-east-1', global);
    await listUntil((ids) => ids.some((id) => id.startsWith('us.')), 'us. profiles back');
  });

  it('without credentials: nothing and no prompt when silent; otherwise an offer of the connection menu', async () => {
    // A catalog whose refresh found no credentials: the real extension host has them, so this one is a stand-in.
    const catalog: LmCatalog = {
      descriptors: [],
      state: 'error',
      error: { kind: 'credentials', reason: 'missing', message: 'No AWS credentials found.', action: errorAction('openSettings') },
      refresh: () => Promise.resolve(),
      onDidChange: () => ({ dispose: () => undefined }),
    };
    const provider = new BedrockChatProvider({ catalog, router: api.router, tokens: api.languageModels.tokens, onDidChangeConnection: () => ({ dispose: () => undefined }), defaultModel: () => undefined, log: api.log });
    const shown: string[] = [];
    const original = vscode.window.showWarningMessage;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, ...items: string[]) => {
      shown.push(`${message} [${items.join(', ')}]`);
      return Promise.resolve(undefined);
    };
    try {
      assert.deepEqual(await provider.provideLanguageModelChatInformation({ silent: true }, token()), []);
      assert.deepEqual(shown, [], 'silent never prompts');
      assert.deepEqual(await provider.provideLanguageModelChatInformation({ silent: false }, token()), []);
      assert.equal(shown.length, 1);
      assert.match(shown[0], /No AWS credentials found\. .*\[Open Bedrock Connection Menu\]$/);
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
      provider.dispose();
    }
  });
});
