import * as vscode from 'vscode';
import type { IDisposable } from '../core/lifecycle';
import { COMMAND_IDS, type CommandId } from './commandIds';

export type CommandHandler = (...args: unknown[]) => unknown;

/** One handler per contributed command: a missing or extra entry is a type error. */
export type CommandTable = Record<CommandId, CommandHandler>;

export function registerCommands(table: CommandTable): IDisposable[] {
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, table[id]));
}
