// The agent's built-in tools in a real extension host, against a fixture folder written into the
// test workspace: reading (ranges, the byte cap, binary and credentials files, paths outside),
// listing with excludes and .gitignore, searching with the bundled ripgrep, diagnostics, symbols,
// the active editor, the git diff through the git extension, edits shown as a diff and undone in
// one step, new files, and the picker writing the disabled-tools setting.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { AgentTool, ToolInvocationContext, ToolOutcome } from '../../src/core/agent/agentTool';
import { buildAgentTools } from '../../src/vscode/agent/registerAgentTools';
import { externalTools } from '../../src/vscode/agent/lmToolAdapter';
import { EXTENSION_ID } from './extensionId';
import { toolContext } from './toolContext';

const FIXTURE = 'agent-fixture';
const CACHE_TS = ['export const ttl = 60;', 'export const size = 100;', 'export function createCache() {', '  return new Map<string, string>();', '}', ''].join('\n');

describe('agent tools (extension host, fixture workspace)', () => {
  let api: WorkbenchApi;
  const root = () => vscode.workspace.workspaceFolders![0]!.uri;
  const fixture = (...parts: string[]) => vscode.Uri.joinPath(root(), FIXTURE, ...parts);
  const write = (rel: string, text: string | Uint8Array) => vscode.workspace.fs.writeFile(fixture(...rel.split('/')), typeof text === 'string' ? new TextEncoder().encode(text) : text);
  const read = async (rel: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture(...rel.split('/'))));
  const tool = (name: string): AgentTool => {
    const t = api.agentTools.builtins.find((b) => b.name === name);
    assert.ok(t, `built-in tool ${name}`);
    return t;
  };
  const context = (over: Partial<ToolInvocationContext> = {}): ToolInvocationContext => toolContext({ conversationId: 'chat-1', ...over });
  const call = (name: string, input: unknown, over?: Partial<ToolInvocationContext>): Promise<ToolOutcome> => tool(name).invoke(input, context(over));
  const ok = async (name: string, input: unknown, over?: Partial<ToolInvocationContext>): Promise<string> => {
    const r = await call(name, input, over);
    assert.ok(!r.isError, `${name} failed: ${r.text}`);
    return r.text;
  };
  const failure = async (name: string, input: unknown): Promise<string> => {
    const r = await call(name, input);
    assert.equal(r.isError, true, `${name} should have failed: ${r.text}`);
    return r.text;
  };

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await write('src/cache.ts', CACHE_TS);
    await write('.gitignore', 'ignored/\n*.log\n');
    await write('ignored/hidden.ts', 'export const createCacheIgnored = 1;\n');
    await write('app.log', 'createCache in a log\n');
    await write('scratch.tmp', 'createCache in an excluded file\n');
    await write('.env', 'API_TOKEN=createCache-secret\n');
    await write('blob.bin', new Uint8Array([0x89, 0x50, 0x00, 0x01, 0x02]));
    await write('notes.md', '# Cache notes\n\n## Eviction\n\nLRU.\n');
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/*.tmp': true, '**/.git': true }, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('read_file: numbered lines, a range, the byte cap said, binary and missing files refused', async () => {
    const whole = await ok('read_file', { path: `${FIXTURE}/src/cache.ts` });
    assert.match(whole, /^agent-fixture\/src\/cache\.ts \(5 lines\)\n1 \| export const ttl = 60;\n2 \| export const size = 100;/);
    assert.equal(await ok('read_file', { path: `${FIXTURE}/src/cache.ts`, startLine: 3, endLine: 4 }), 'agent-fixture/src/cache.ts, lines 3-4 of 5\n3 | export function createCache() {\n4 |   return new Map<string, string>();');
    const cappedOutcome = await call('read_file', { path: `${FIXTURE}/src/cache.ts` }, { maxResultBytes: 120 });
    assert.equal(cappedOutcome.truncated, true, 'the outcome says it was cut');
    const capped = cappedOutcome.text;
    assert.ok(new TextEncoder().encode(capped).byteLength <= 120, capped);
    assert.match(capped, /\[truncated: .*Read a smaller range with startLine\/endLine\.\]$/);
    assert.match(await failure('read_file', { path: `${FIXTURE}/blob.bin` }), /agent-fixture\/blob\.bin is a binary file/);
    assert.match(await failure('read_file', { path: `${FIXTURE}/nope.ts` }), /does not exist/);
    assert.match(await failure('read_file', { path: 3 }), /"path" must be a non-empty string/);
    assert.match(await failure('read_file', 'not json'), /must be a JSON object/);
  });

  it('read_file: outside the workspace and ".." are refused', async () => {
    assert.match(await failure('read_file', { path: '/etc/hostname' }), /outside the workspace folders/);
    assert.match(await failure('read_file', { path: `${FIXTURE}/../../x` }), /uses "\.\."/);
  });

  it('read_file: a credentials file needs the user to allow it, per file and per chat', async () => {
    const asked: string[] = [];
    const original = vscode.window.showWarningMessage;
    let answer: string | undefined;
    // The modal cannot be clicked from the extension host: answer it as the user would.
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async (message: string, _options: unknown, ...items: string[]) => {
      asked.push(message);
      return answer && items.includes(answer) ? answer : undefined;
    };
    try {
      assert.match(await failure('read_file', { path: `${FIXTURE}/.env` }), /^\.env is a credentials file, so the agent does not read or change it\. Only the user can allow it/);
      answer = 'Allow Reading agent-fixture/.env';
      assert.match(await ok('read_file', { path: `${FIXTURE}/.env` }), /API_TOKEN/);
      answer = undefined;
      assert.match(await ok('read_file', { path: `${FIXTURE}/.env` }), /API_TOKEN/, 'allowed once in this chat: not asked again');
      assert.equal((await call('read_file', { path: `${FIXTURE}/.env` }, { conversationId: 'chat-2' })).isError, true, 'another chat asks again');
      assert.deepEqual(asked, ['The agent wants to use agent-fixture/.env.', 'The agent wants to use agent-fixture/.env.', 'The agent wants to use agent-fixture/.env.']);
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    }
  });

  it('list_files: a glob, minus files.exclude and .gitignore', async () => {
    const text = await ok('list_files', { pattern: `${FIXTURE}/**` });
    const listed = text.split('\n').filter((l) => l.startsWith(FIXTURE));
    assert.ok(listed.includes('agent-fixture/src/cache.ts'), text);
    assert.ok(listed.includes('agent-fixture/notes.md'), text);
    for (const gone of ['agent-fixture/ignored/hidden.ts', 'agent-fixture/app.log', 'agent-fixture/scratch.tmp']) assert.ok(!listed.includes(gone), `${gone} left out:\n${text}`);
    assert.match(text, /file\(s\) ignored by \.gitignore left out/);
    assert.match(await ok('list_files', { pattern: `${FIXTURE}/**/*.nothing` }), /^No files match/);
    assert.match(await failure('list_files', { pattern: '../**' }), /reaches outside the workspace/);
  });

  it('search_text: matching lines with paths, not in ignored, excluded or credentials files', async () => {
    const text = await ok('search_text', { query: 'createCache', include: `${FIXTURE}/**` });
    assert.match(text, /agent-fixture\/src\/cache\.ts:3: export function createCache\(\) \{/);
    for (const gone of ['hidden.ts', 'app.log', 'scratch.tmp', 'API_TOKEN']) assert.ok(!text.includes(gone), `${gone} not searched:\n${text}`);
    assert.match(text, /1 match\(es\) in credentials files not shown/);
    assert.match(await ok('search_text', { query: 'export (const|function) \\w+', isRegexp: true, include: `${FIXTURE}/src/**` }), /3 matching line\(s\)/);
    assert.match(await ok('search_text', { query: 'no such text anywhere 9f8e7d', include: `${FIXTURE}/**` }), /^No matches/);
    assert.match(await failure('search_text', { query: '(', isRegexp: true, include: `${FIXTURE}/**` }), /The search failed: .*check the regular expression/);
  });

  it('get_diagnostics: a file and the workspace, most severe first', async () => {
    // A diagnostic collection as any linter extension publishes one.
    const collection = vscode.languages.createDiagnosticCollection('agent-test');
    try {
      const uri = fixture('src', 'cache.ts');
      const warning = new vscode.Diagnostic(new vscode.Range(0, 13, 0, 16), 'ttl is never read', vscode.DiagnosticSeverity.Warning);
      const error = new vscode.Diagnostic(new vscode.Range(3, 2, 3, 8), "Type 'Map' is not assignable", vscode.DiagnosticSeverity.Error);
      error.source = 'ts';
      error.code = 2322;
      collection.set(uri, [warning, error]);
      const text = await ok('get_diagnostics', { path: `${FIXTURE}/src/cache.ts` });
      assert.equal(text, "1 error, 1 warning in agent-fixture/src/cache.ts:\nagent-fixture/src/cache.ts:4:3 error Type 'Map' is not assignable (ts 2322)\nagent-fixture/src/cache.ts:1:14 warning ttl is never read");
      assert.match(await ok('get_diagnostics', {}), /agent-fixture\/src\/cache\.ts:4:3 error/);
      assert.match(await ok('get_diagnostics', { path: `${FIXTURE}/notes.md` }), /^No problems reported for agent-fixture\/notes\.md/);
    } finally {
      collection.dispose();
    }
  });

  it('document_symbols: the outline from the language extension (markdown headings)', async () => {
    // The markdown extension provides the outline; it activates on its language, which may not have happened yet.
    await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
    const text = await ok('document_symbols', { path: `${FIXTURE}/notes.md` });
    assert.match(text, /^Symbols in agent-fixture\/notes\.md:\n\w+ # Cache notes \(lines 1-\d+\)\n {2}\w+ ## Eviction \(lines 3-\d+\)/);
  });

  it('workspace_symbols: symbols by name from the providers, inside the workspace only', async () => {
    // A symbol provider as a language extension registers one.
    const provider = vscode.languages.registerWorkspaceSymbolProvider({
      provideWorkspaceSymbols: (query) =>
        query === 'createCache'
          ? [
              new vscode.SymbolInformation('createCache', vscode.SymbolKind.Function, 'cache', new vscode.Location(fixture('src', 'cache.ts'), new vscode.Position(2, 0))),
              new vscode.SymbolInformation('createCache', vscode.SymbolKind.Function, '', new vscode.Location(vscode.Uri.file('/usr/lib/outside.ts'), new vscode.Position(0, 0))),
            ]
          : [],
    });
    try {
      const text = await ok('workspace_symbols', { query: 'createCache' });
      assert.match(text, /function createCache in cache — agent-fixture\/src\/cache\.ts:3/);
      assert.ok(!text.includes('outside.ts'), text);
    } finally {
      provider.dispose();
    }
  });

  it('active_editor: the file, the cursor and the selected lines', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('src', 'cache.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 0, 4, 1);
    const text = await ok('active_editor', {});
    assert.match(text, /^File: agent-fixture\/src\/cache\.ts \(typescript, 6 lines\)\nCursor: line 5, column 2\nSelection: lines 3-5/);
    assert.match(text, /3 \| export function createCache\(\) \{\n4 \| {3}return new Map<string, string>\(\);\n5 \| \}$/);
  });

  it('git_diff: working-tree changes through the git extension, credentials files left out', async function () {
    this.timeout(60_000);
    const repoUri = fixture('repo');
    await write('repo/lib.ts', 'export const version = 1;\n');
    await write('repo/.env', 'TOKEN=one\n');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Agent Test', '-c', 'user.email=agent@test.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repoUri.fsPath });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
    await write('repo/lib.ts', 'export const version = 2;\n');
    await write('repo/.env', 'TOKEN=two\n');
    await write('repo/new.ts', 'new\n');
    const gitApi = vscode.extensions.getExtension<{ getAPI(v: 1): { openRepository(uri: vscode.Uri): Promise<{ status(): Promise<void> } | null> } }>('vscode.git')!;
    const repo = await (await gitApi.activate()).getAPI(1).openRepository(repoUri);
    assert.ok(repo, 'the git extension opened the fixture repository');
    await repo.status();
    const text = await ok('git_diff', {});
    assert.match(text, /-export const version = 1;\n\+export const version = 2;/);
    assert.ok(!text.includes('TOKEN'), text);
    assert.match(text, /diff of agent-fixture\/repo\/\.env left out: credentials file/);
    assert.match(text, /Untracked files:\nagent-fixture\/repo\/new\.ts/);
    assert.match(await ok('git_diff', { path: `${FIXTURE}/repo/lib.ts` }), /\+export const version = 2;/);
  });

  it('propose_edit: shown as a diff first, applied on approval as one undoable step', async () => {
    await write('edit.ts', 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    const input = { path: `${FIXTURE}/edit.ts`, oldText: 'const b = 2;\n', newText: 'const b = 20;\nconst bb = 21;\n' };
    assert.equal(tool('propose_edit').describe(input), 'Edit agent-fixture/edit.ts: replace 1 line with 2');
    const preview = await tool('propose_edit').preview!(input);
    assert.ok(preview, 'a preview was shown');
    const diffTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'bedrock-agent-proposed');
    const tab = diffTab();
    assert.ok(tab, 'a diff editor shows the proposal');
    const proposed = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified);
    assert.equal(proposed.getText(), 'const a = 1;\nconst b = 20;\nconst bb = 21;\nconst c = 3;\n');
    assert.equal(await read('edit.ts'), 'const a = 1;\nconst b = 2;\nconst c = 3;\n', 'nothing changes before approval');
    preview.dispose();
    assert.match(await ok('propose_edit', input), /^Edited agent-fixture\/edit\.ts: replace line 2 with 2 lines, saved\./);
    assert.equal(await read('edit.ts'), 'const a = 1;\nconst b = 20;\nconst bb = 21;\nconst c = 3;\n');
    const doc = await vscode.workspace.openTextDocument(fixture('edit.ts'));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), 'const a = 1;\nconst b = 2;\nconst c = 3;\n', 'one Undo reverts the whole edit');
    // Redo brings the editor back to the applied edit, which is what the file on disk holds.
    await vscode.commands.executeCommand('redo');
    assert.equal(doc.getText(), 'const a = 1;\nconst b = 20;\nconst bb = 21;\nconst c = 3;\n', 'Redo applies the whole edit again');
    assert.equal(doc.isDirty, false);
    assert.match(await failure('propose_edit', { path: `${FIXTURE}/edit.ts`, oldText: 'const z', newText: 'x' }), /oldText was not found in agent-fixture\/edit\.ts/);
    assert.match(await failure('propose_edit', { path: `${FIXTURE}/missing.ts`, oldText: 'a', newText: 'b' }), /does not exist; use create_file/);
    assert.match(await failure('propose_edit', { path: `${FIXTURE}/edit.ts` }), /Give oldText .* or content/);
    assert.match(await ok('propose_edit', { path: `${FIXTURE}/edit.ts`, content: 'whole\n' }), /^Edited agent-fixture\/edit\.ts: replace lines 1-4 with 1 line, saved\./);
    assert.equal(await read('edit.ts'), 'whole\n');
  });

  it('propose_edit on a file with unsaved typing edits the editor text and leaves saving to the user', async () => {
    await write('dirty.ts', 'one\ntwo\n');
    const doc = await vscode.workspace.openTextDocument(fixture('dirty.ts'));
    const typing = new vscode.WorkspaceEdit();
    typing.insert(doc.uri, new vscode.Position(0, 0), '// typed\n');
    assert.ok(await vscode.workspace.applyEdit(typing));
    assert.equal(doc.isDirty, true);
    assert.match(await ok('propose_edit', { path: `${FIXTURE}/dirty.ts`, oldText: 'two', newText: 'TWO' }), /in the editor, not saved \(the file already had unsaved changes/);
    assert.equal(doc.getText(), '// typed\none\nTWO\n');
    assert.equal(await read('dirty.ts'), 'one\ntwo\n', 'the file on disk keeps what the user last saved');
    await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
  });

  it('create_file: a new file (folders made), an existing one only with overwrite', async () => {
    const input = { path: `${FIXTURE}/made/deep/new.ts`, content: 'export const made = true;\n' };
    assert.equal(tool('create_file').describe(input), 'Create agent-fixture/made/deep/new.ts (1 line)');
    const preview = await tool('create_file').preview!(input);
    assert.ok(preview, 'the new file is shown first');
    preview.dispose();
    assert.match(await ok('create_file', input), /^Created agent-fixture\/made\/deep\/new\.ts \(1 line\)/);
    assert.equal(await read('made/deep/new.ts'), 'export const made = true;\n');
    assert.match(await failure('create_file', input), /already exists\. Edit it with propose_edit, or pass overwrite: true/);
    assert.match(await ok('create_file', { ...input, content: 'v2\n', overwrite: true }), /^Replaced/);
    assert.equal(await read('made/deep/new.ts'), 'v2\n');
    const original = vscode.window.showWarningMessage;
    // The user says no to the modal (it cannot be clicked from the extension host).
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async () => undefined;
    try {
      assert.match(await failure('create_file', { path: `${FIXTURE}/.env.local`, content: 'X=1' }), /\.env\.local is a credentials file/);
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    }
  });

  it('Restricted Mode leaves the acting tools out, and trust granted brings them back on the next call', () => {
    // The test workbench runs with workspace trust switched off (always trusted), so the trust
    // answer is the one thing given here; the tools are the real built-ins.
    let trusted = false;
    const offered = () => buildAgentTools({ builtins: api.agentTools.builtins, external: () => [], isTrusted: () => trusted, disabled: () => [] }).map((t) => t.name);
    assert.deepEqual(offered(), ['read_file', 'list_files', 'search_text', 'get_diagnostics', 'document_symbols', 'workspace_symbols', 'active_editor', 'git_diff']);
    trusted = true;
    assert.deepEqual(offered().slice(8), ['propose_edit', 'create_file', 'run_in_terminal']);
    assert.equal(vscode.workspace.isTrusted, true);
    assert.ok(api.agentTools.provider.tools().some((t) => t.name === 'run_in_terminal'), 'the product provider offers acting tools in a trusted workspace');
  });

  it('the tool picker groups tools, shows each kind\'s approval policy, and writes the disabled list', async () => {
    const shown = new Promise<vscode.QuickPick<vscode.QuickPickItem & { toolName?: string }>>((resolve) => (api.agentTools.onPickerShownForTests = resolve));
    const done = vscode.commands.executeCommand('bedrock.chat.pickTools');
    const pick = await shown;
    try {
      const items = pick.items;
      assert.equal(items[0]?.kind, vscode.QuickPickItemKind.Separator);
      assert.equal(items[0]?.label, 'Built-in');
      const item = (name: string) => items.find((i) => i.toolName === name)!;
      assert.match(item('read_file').description!, /reads · runs without asking/);
      assert.match(item('run_in_terminal').description!, /runs commands · asks every time/);
      assert.match(item('propose_edit').detail!, /^Proposes a change to an existing workspace file/);
      assert.ok(pick.selectedItems.some((i) => i.label === item('git_diff').label), 'enabled tools start ticked');
      // Untick two tools as the user would: make each the active row, toggle its checkbox.
      for (const name of ['git_diff', 'run_in_terminal']) {
        pick.activeItems = [item(name)];
        // The extension host sends a visible pick's changes on a timer; show() sends them now, so
        // the toggle below acts on this row.
        pick.show();
        await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      }
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      assert.deepEqual(vscode.workspace.getConfiguration('bedrock.agent').get('disabledTools'), ['git_diff', 'run_in_terminal']);
      const names = api.agentTools.provider.tools().map((t) => t.name);
      assert.ok(!names.includes('git_diff') && !names.includes('run_in_terminal') && names.includes('read_file'), names.join(', '));
    } finally {
      api.agentTools.onPickerShownForTests = undefined;
      await vscode.workspace.getConfiguration('bedrock.agent').update('disabledTools', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('VS Code tools from extensions become external tools run through vscode.lm.invokeTool; our own are left out', async () => {
    const own = new Set(vscode.lm.tools.filter((t) => t.name.startsWith('bedrock_')).map((t) => t.name));
    assert.ok(own.size >= 2, 'our own tools are registered with VS Code');
    assert.ok(!api.agentTools.provider.tools().some((t) => own.has(t.name)), 'the agent is not offered our own VS Code tools');
    // Without the exclusion, a VS Code tool runs through the real invokeTool.
    const adapted = externalTools(vscode.lm, new Set()).find((e) => e.tool.name === 'bedrock_list_models');
    assert.ok(adapted);
    assert.equal(adapted.tool.kind, 'external');
    assert.equal(adapted.group, 'Bedrock Workbench');
    // VS Code's own tools (no extension, no MCP server) are not offered; an extension's are, in its group.
    const offered = externalTools(vscode.lm, own);
    assert.ok(vscode.lm.tools.some((t) => t.name === 'vscode_editFile_internal'), 'this VS Code registers its own tools');
    assert.ok(!offered.some((e) => e.tool.name === 'vscode_editFile_internal'), 'VS Code\'s own tools are left out');
    assert.deepEqual(offered.find((e) => e.tool.name === 'renderMermaidDiagram')?.group, 'Mermaid Markdown Features');
    await api.catalog.refresh();
    const r = await adapted.tool.invoke({ query: 'nova-lite', output: 'text' }, context());
    assert.ok(!r.isError, r.text);
    assert.match(r.text, /amazon\.nova-lite-v1:0/);
  });
});
