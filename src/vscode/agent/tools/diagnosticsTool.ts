// The problems VS Code knows about (compiler errors, lint warnings) for one file or the whole
// workspace, most severe first. Files outside the workspace and credentials files are left out.
import * as vscode from 'vscode';
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool } from '../../../core/agent/defineTool';
import { capResult, optionalString } from '../../../core/agent/toolText';
import type { WorkspaceAccess } from '../workspaceAccess';

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;
const MAX_ENTRIES = 500;

export function diagnosticsTool(access: WorkspaceAccess): AgentTool {
  return defineTool({
    name: 'get_diagnostics',
    title: 'Diagnostics',
    kind: 'read',
    description:
      'Lists the problems (errors, warnings) VS Code reports for a file, or for every file in the workspace when no path is given, as "path:line:column severity message (source code)". Only files the language tools have looked at have problems listed; opening a file may add more.',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string', description: 'File path relative to the workspace root. Omit for the whole workspace.' } },
    },
    describe: (o) => `Diagnostics of ${typeof o.path === 'string' && o.path ? o.path : 'the workspace'}`,
    async run(o, context) {
      const path = optionalString(o, 'path')?.trim();
      let entries: Array<[vscode.Uri, readonly vscode.Diagnostic[]]>;
      let names: Map<string, string>;
      if (path) {
        const file = await access.resolve(path, context.conversationId);
        entries = [[file.uri, vscode.languages.getDiagnostics(file.uri)]];
        names = new Map([[file.uri.toString(), file.relative]]);
      } else {
        entries = [];
        names = new Map();
        for (const [uri, list] of vscode.languages.getDiagnostics()) {
          if (!list.length || !(await access.isOpenToTools(uri))) continue;
          entries.push([uri, list]);
          names.set(uri.toString(), vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1));
        }
      }
      const rows: Array<{ severity: number; line: string }> = [];
      for (const [uri, list] of entries) {
        for (const d of list) {
          const code = typeof d.code === 'object' ? d.code.value : d.code;
          const origin = [d.source, code].filter((x) => x !== undefined && x !== '').join(' ');
          rows.push({
            severity: d.severity,
            line: `${names.get(uri.toString())}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity] ?? 'info'} ${d.message.replace(/\s*\n\s*/g, ' ')}${origin ? ` (${origin})` : ''}`,
          });
        }
      }
      rows.sort((a, b) => a.severity - b.severity || a.line.localeCompare(b.line, undefined, { numeric: true }));
      const where = path ? (names.values().next().value as string) : 'the workspace';
      if (!rows.length) return `No problems reported for ${where}.`;
      const counts = SEVERITY.map((s, i) => [s, rows.filter((r) => r.severity === i).length] as const).filter(([, n]) => n).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
      const shown = rows.slice(0, MAX_ENTRIES).map((r) => r.line);
      if (rows.length > MAX_ENTRIES) shown.push(`(${rows.length - MAX_ENTRIES} more not shown; ask for one file at a time.)`);
      return capResult([`${counts.join(', ')} in ${where}:`, ...shown].join('\n'), context.maxResultBytes, 'Ask for one file at a time.');
    },
  });
}
