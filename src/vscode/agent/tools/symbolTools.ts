// Symbols from the language extensions: the outline of one file (executeDocumentSymbolProvider)
// and a search over the workspace's symbols by name (executeWorkspaceSymbolProvider).
import * as vscode from 'vscode';
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool, oneLine } from '../../../core/agent/defineTool';
import { capResult, optionalInteger, requiredString } from '../../../core/agent/toolText';
import type { WorkspaceAccess } from '../workspaceAccess';

const MAX_SYMBOLS = 300;

function kindName(kind: vscode.SymbolKind): string {
  return (vscode.SymbolKind[kind] ?? 'Symbol').toLowerCase();
}

export function documentSymbolsTool(access: WorkspaceAccess): AgentTool {
  return defineTool({
    name: 'document_symbols',
    title: 'File outline',
    kind: 'read',
    description:
      "Lists the symbols a file declares (classes, functions, methods, variables, headings) with their kind and line range, nested as in the editor's outline. Empty when no language extension understands the file.",
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string', description: 'File path relative to the workspace root.' } },
      required: ['path'],
    },
    describe: (o) => `Outline of ${typeof o.path === 'string' ? o.path : 'a file'}`,
    async run(o, context) {
      const file = await access.resolve(requiredString(o, 'path', 'src/index.ts'), context.conversationId);
      await access.readText(file); // the same refusals as reading: missing, a folder, binary
      // Opening the document activates the extension for its language, which provides the symbols.
      await vscode.workspace.openTextDocument(file.uri);
      const symbols = (await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', file.uri)) ?? [];
      if (!symbols.length) return `No symbols found in ${file.relative} (no language extension reports symbols for it, or it declares none).`;
      const lines: string[] = [];
      const walk = (list: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[], depth: number) => {
        for (const s of [...list].sort((a, b) => rangeOf(a).start.line - rangeOf(b).start.line)) {
          if (lines.length >= MAX_SYMBOLS) return;
          const r = rangeOf(s);
          const detail = 'detail' in s && s.detail ? ` — ${oneLine(s.detail, 80)}` : '';
          lines.push(`${'  '.repeat(depth)}${kindName(s.kind)} ${s.name} (lines ${r.start.line + 1}-${r.end.line + 1})${detail}`);
          if ('children' in s && s.children.length) walk(s.children, depth + 1);
        }
      };
      walk(symbols, 0);
      if (lines.length >= MAX_SYMBOLS) lines.push(`(stopped at ${MAX_SYMBOLS} symbols)`);
      return capResult([`Symbols in ${file.relative}:`, ...lines].join('\n'), context.maxResultBytes, 'Read the file in ranges instead.');
    },
  });
}

function rangeOf(s: vscode.DocumentSymbol | vscode.SymbolInformation): vscode.Range {
  return 'location' in s ? s.location.range : s.range;
}

export function workspaceSymbolsTool(access: WorkspaceAccess): AgentTool {
  return defineTool({
    name: 'workspace_symbols',
    title: 'Find symbols',
    kind: 'read',
    description:
      'Finds symbols (classes, functions, types, …) across the workspace whose name matches a query, as the "Go to Symbol in Workspace" command does, with the file and line of each. Faster than a text search for finding where something is declared.',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Part of the symbol name, e.g. "createCache".' },
        maxResults: { type: 'integer', minimum: 1, maximum: MAX_SYMBOLS, description: 'Most symbols to return. Default 50.' },
      },
      required: ['query'],
    },
    describe: (o) => `Find symbol "${oneLine(o.query, 60)}"`,
    async run(o, context) {
      const query = requiredString(o, 'query', 'createCache');
      const limit = optionalInteger(o, 'maxResults', 1, MAX_SYMBOLS) ?? 50;
      const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query)) ?? [];
      const lines: string[] = [];
      const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      for (const s of found) {
        if (lines.length >= limit) break;
        if (!(await access.isOpenToTools(s.location.uri))) continue;
        const where = `${vscode.workspace.asRelativePath(s.location.uri, multiRoot)}:${s.location.range.start.line + 1}`;
        lines.push(`${kindName(s.kind)} ${s.name}${s.containerName ? ` in ${s.containerName}` : ''} — ${where}`);
      }
      if (!lines.length) return `No symbols match "${query}" (language extensions index only the languages they know; try search_text).`;
      const more = found.length > lines.length && lines.length >= limit ? [`(more matches not shown; refine the query or raise maxResults)`] : [];
      return capResult([`${lines.length} symbol(s) matching "${query}":`, ...lines, ...more].join('\n'), context.maxResultBytes, 'Refine the query.');
    },
  });
}
