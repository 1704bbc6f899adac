import * as vscode from 'vscode';
import type { IDisposable } from '../core/lifecycle';
import { COMMAND_IDS, type CommandId } from './commandIds';

export type CommandHandler = (...args: unknown[]) => unknown;

/** One handler per contributed command: a missing or extra entry is a type error. */
export type CommandTable = Record<CommandId, CommandHandler>;

/**
 * What every feature's `register<Feature>(deps)` returns: the handlers of the commands it owns
 * (activate() joins them into one `CommandTable`, so a command nobody handles does not compile)
 * and what to dispose when the extension deactivates.
 */
export interface FeatureRegistration<Commands extends Partial<CommandTable> = Partial<CommandTable>> {
  commands: Commands;
  disposables: IDisposable[];
}

export function registerCommands(table: CommandTable): IDisposable[] {
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, table[id]));
}
