// The log channel every part of the extension writes to, with every line redacted on the way in:
// credential values the connection registered and anything shaped like a secret never reach the
// Output view or the log file on disk.
import type * as vscode from 'vscode';
import { redact } from '../core/bedrock/errors/redact';

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Arguments VS Code would format (objects as JSON), formatted and redacted here instead. */
const redactArgs = (args: unknown[]): string[] => args.map((a) => redact(text(a)));

export function redactingLog(inner: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return {
    get name() {
      return inner.name;
    },
    get logLevel() {
      return inner.logLevel;
    },
    onDidChangeLogLevel: inner.onDidChangeLogLevel,
    trace: (message, ...args) => inner.trace(redact(message), ...redactArgs(args)),
    debug: (message, ...args) => inner.debug(redact(message), ...redactArgs(args)),
    info: (message, ...args) => inner.info(redact(message), ...redactArgs(args)),
    warn: (message, ...args) => inner.warn(redact(message), ...redactArgs(args)),
    error: (error, ...args) => inner.error(redact(text(error)), ...redactArgs(args)),
    append: (value) => inner.append(redact(value)),
    appendLine: (value) => inner.appendLine(redact(value)),
    replace: (value) => inner.replace(redact(value)),
    clear: () => inner.clear(),
    show: ((columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      typeof columnOrPreserve === 'boolean' || columnOrPreserve === undefined
        ? inner.show(columnOrPreserve)
        : inner.show(columnOrPreserve, preserveFocus)) as vscode.LogOutputChannel['show'],
    hide: () => inner.hide(),
    dispose: () => inner.dispose(),
  };
}
