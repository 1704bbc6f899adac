// Reads a workspace text file, whole or a line range, with numbered lines (the model cites and
// edits by them) and the result kept under the byte cap with the cut said.
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool, ToolRefusal } from '../../../core/agent/defineTool';
import { capResult, numberLines, optionalInteger, requiredString } from '../../../core/agent/toolText';
import type { WorkspaceAccess } from '../workspaceAccess';

const MAX_LINE = 10_000_000;

export function readFileTool(access: WorkspaceAccess): AgentTool {
  return defineTool({
    name: 'read_file',
    title: 'Read file',
    kind: 'read',
    description:
      'Reads a text file in the workspace, whole or a range of lines. Lines come numbered ("12 | text"); the numbers are not part of the file. Use startLine/endLine for large files; a result that would be too long is cut and says so.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the workspace root, e.g. "src/index.ts".' },
        startLine: { type: 'integer', minimum: 1, description: 'First line to read (1-based). Default 1.' },
        endLine: { type: 'integer', minimum: 1, description: 'Last line to read, inclusive. Default: the end of the file.' },
      },
      required: ['path'],
    },
    describe: (o) => {
      const range = typeof o.startLine === 'number' || typeof o.endLine === 'number' ? `:${typeof o.startLine === 'number' ? o.startLine : 1}-${typeof o.endLine === 'number' ? o.endLine : 'end'}` : '';
      return `Read ${typeof o.path === 'string' ? o.path : 'a file'}${range}`;
    },
    async run(o, context) {
      const path = requiredString(o, 'path', 'src/index.ts');
      const start = optionalInteger(o, 'startLine', 1, MAX_LINE) ?? 1;
      const endAsked = optionalInteger(o, 'endLine', 1, MAX_LINE);
      if (endAsked !== undefined && endAsked < start) throw new ToolRefusal(`endLine (${endAsked}) is before startLine (${start}).`);
      const file = await access.resolve(path, context.conversationId);
      const text = await access.readText(file);
      const lines = text.split(/\r?\n/);
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      if (text === '') return `${file.relative} is empty.`;
      if (start > lines.length) throw new ToolRefusal(`${file.relative} has ${lines.length} lines; startLine ${start} is past the end.`);
      const end = Math.min(endAsked ?? lines.length, lines.length);
      const whole = start === 1 && end === lines.length;
      const header = whole ? `${file.relative} (${lines.length} lines)` : `${file.relative}, lines ${start}-${end} of ${lines.length}`;
      const body = `${header}\n${numberLines(lines.slice(start - 1, end), start)}`;
      return capResult(body, context.maxResultBytes, `Read a smaller range with startLine/endLine.`);
    },
  });
}
