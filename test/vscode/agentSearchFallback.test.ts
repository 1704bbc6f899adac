// search_text when this VS Code has no ripgrep where the tool looks: the same tool built with a
// resolver that finds none reads the files itself. On a fixture folder its answer must match the
// ripgrep search line for line (the same matches in the same "path:line: text" shape), leave out
// excluded, git-ignored and credentials files the same way, and say when it stopped at the match
// cap or was cut to the byte cap.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { AgentTool, ToolInvocationContext, ToolOutcome } from '../../src/core/agent/agentTool';
import { searchTextTool } from '../../src/vscode/agent/tools/searchTextTool';
import { EXTENSION_ID } from './extensionId';
import { toolContext } from './toolContext';

const FIXTURE = 'agent-search-fixture';
const FALLBACK_NOTE = '(searched by reading files (this VS Code has no bundled ripgrep where expected).)';

describe('agent search_text without ripgrep (extension host, fixture folder)', () => {
  let withRipgrep: AgentTool;
  // The real tool with the one seam this test needs: a ripgrep resolver that finds nothing.
  const withoutRipgrep = searchTextTool(() => undefined);
  const fixture = (rel: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, FIXTURE, ...rel.split('/'));
  const write = (rel: string, text: string | Uint8Array) => vscode.workspace.fs.writeFile(fixture(rel), typeof text === 'string' ? new TextEncoder().encode(text) : text);
  const context = (over: Partial<ToolInvocationContext> = {}): ToolInvocationContext => toolContext({ conversationId: 'chat-search', ...over });
  const search = async (tool: AgentTool, input: Record<string, unknown>, over?: Partial<ToolInvocationContext>): Promise<ToolOutcome> => tool.invoke({ include: `${FIXTURE}/**`, ...input }, context(over));
  /** The answer's lines; the matches sorted, since rg reports files in the order its threads finish them. */
  const shape = (text: string) => {
    const lines = text.split('\n').filter((l) => l !== FALLBACK_NOTE);
    const matches = lines.filter((l) => /^agent-search-fixture\/.*:\d+: /.test(l));
    return { head: lines[0], matches: [...matches].sort(), notes: lines.filter((l) => l.startsWith('(')) };
  };

  before(async () => {
    const api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    withRipgrep = api.agentTools.builtins.find((t) => t.name === 'search_text')!;
    await write('src/store.ts', 'export function evict() {}\nconst note = "Evict later";\nexport const evictAll = () => evict();\n');
    await write('src/deep/more/policy.ts', '// evict the oldest entry first\nexport const policy = "lru";\n');
    await write('README.md', '# Store\r\n\r\nCall evict() to make room.\r\n');
    await write('.gitignore', 'build/\n*.log\n');
    await write('sub/.gitignore', '!kept.log\n');
    await write('sub/kept.log', 'evict logged and kept\n');
    await write('build/out.js', 'evict(); // built\n');
    await write('debug.log', 'evict in a log\n');
    await write('notes.skip', 'evict in an excluded file\n');
    await write('.env', 'EVICT_TOKEN=evict-secret\nOTHER=evict-again\n');
    await write('image.bin', new Uint8Array([0x00, 0x65, 0x76, 0x69, 0x63, 0x74, 0x00]));
    await vscode.workspace.getConfiguration('search').update('exclude', { '**/*.skip': true }, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('search').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, FIXTURE), { recursive: true });
  });

  it('finds the same lines as the ripgrep search, in the same shape, and says how it searched', async () => {
    const rg = await search(withRipgrep, { query: 'evict' });
    const read = await search(withoutRipgrep, { query: 'evict' });
    assert.ok(!rg.isError && !read.isError, `${rg.text}\n---\n${read.text}`);
    // Without this the comparison would be the fallback against itself.
    assert.ok(!rg.text.includes(FALLBACK_NOTE), `this VS Code has a bundled rg:\n${rg.text}`);
    assert.ok(read.text.includes(FALLBACK_NOTE), read.text);
    assert.deepEqual(shape(read.text), shape(rg.text));
    assert.deepEqual(shape(read.text).matches, [
      'agent-search-fixture/README.md:3: Call evict() to make room.',
      'agent-search-fixture/src/deep/more/policy.ts:1: // evict the oldest entry first',
      'agent-search-fixture/src/store.ts:1: export function evict() {}',
      'agent-search-fixture/src/store.ts:3: export const evictAll = () => evict();',
      'agent-search-fixture/sub/kept.log:1: evict logged and kept',
    ]);
    assert.equal(shape(read.text).head, '5 matching line(s) for "evict":');
  });

  it('leaves out git-ignored, excluded, binary and credentials files, and counts each hidden credentials match', async () => {
    const read = (await search(withoutRipgrep, { query: 'evict', ignoreCase: true })).text;
    for (const gone of ['build/out.js', 'debug.log', 'notes.skip', 'image.bin', '.env', 'evict-secret']) assert.ok(!read.includes(gone), `${gone} left out:\n${read}`);
    assert.match(read, /\(2 match\(es\) in credentials files not shown\.\)/);
    assert.match(read, /store\.ts:2: const note = "Evict later";/, 'ignoreCase finds the capitalised line');
    assert.deepEqual(shape(read), shape((await search(withRipgrep, { query: 'evict', ignoreCase: true })).text));
  });

  it('regular expressions and include globs narrow it as they narrow rg', async () => {
    const input = { query: 'export (const|function) evict\\w*', isRegexp: true, include: `${FIXTURE}/src/*.ts` };
    const read = await search(withoutRipgrep, input);
    assert.deepEqual(shape(read.text).matches, ['agent-search-fixture/src/store.ts:1: export function evict() {}', 'agent-search-fixture/src/store.ts:3: export const evictAll = () => evict();']);
    assert.deepEqual(shape(read.text), shape((await search(withRipgrep, input)).text));
    const broken = await search(withoutRipgrep, { query: '(', isRegexp: true });
    assert.equal(broken.isError, true);
    assert.match(broken.text, /regular expression does not compile/);
  });

  it('stops at the match cap and says so, and a reply over the byte cap is cut and says "truncated"', async () => {
    const capped = await search(withoutRipgrep, { query: 'evict', maxResults: 2 });
    assert.equal(shape(capped.text).matches.length, 2, capped.text);
    assert.match(capped.text, /^2 matching line\(s\) for "evict":/);
    assert.match(capped.text, /\(stopped at 2 matches; narrow the query or include, or raise maxResults\.\)/);
    const cut = await search(withoutRipgrep, { query: 'evict' }, { maxResultBytes: 150 });
    assert.equal(cut.truncated, true, cut.text);
    assert.ok(new TextEncoder().encode(cut.text).byteLength <= 150, cut.text);
    assert.match(cut.text, /\[truncated: .*Narrow the query or include\.\]$/);
  });

  it('no match is said plainly', async () => {
    const none = await search(withoutRipgrep, { query: 'nothing like this 4b3c' });
    assert.ok(!none.isError, none.text);
    assert.match(none.text, /^No matches for "nothing like this 4b3c"\./);
  });
});
