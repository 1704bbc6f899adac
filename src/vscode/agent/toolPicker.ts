// "Configure Tools" for the Bedrock agent: every tool with a checkbox, grouped (built-in, then one
// group per extension or MCP server), each saying what it does and how its kind is approved. OK
// writes the unticked names to `bedrock.agent.disabledTools`; the gear opens the approval settings.
import * as vscode from 'vscode';
import type { AgentTool, ApprovalPolicy, ToolKind } from '../../core/agent/agentTool';
import { isActingKind } from '../../core/agent/agentTool';
import { nextDisabledList } from '../../core/agent/toolSelection';

export interface PickerTool {
  readonly tool: AgentTool;
  readonly group: string;
}

export interface ToolPickerDeps {
  /** Every tool, built-in first, whether enabled or not. */
  all(): PickerTool[];
  disabled(): readonly string[];
  setDisabled(names: string[]): Promise<boolean>;
  approvalPolicy(kind: ToolKind): ApprovalPolicy;
  isTrusted(): boolean;
}

export interface ToolPickItem extends vscode.QuickPickItem {
  readonly toolName?: string;
}

const KIND_LABEL: Record<ToolKind, string> = { read: 'reads', edit: 'edits files', create: 'creates files', terminal: 'runs commands', external: 'another extension' };
const POLICY_LABEL: Record<ApprovalPolicy, string> = { allow: 'runs without asking', askOncePerChat: 'asks once per chat', ask: 'asks every time' };

export const BUILTIN_GROUP = 'Built-in';

export function pickerItems(deps: ToolPickerDeps): ToolPickItem[] {
  const off = new Set(deps.disabled());
  const trusted = deps.isTrusted();
  const groups = new Map<string, PickerTool[]>();
  for (const entry of deps.all()) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  const items: ToolPickItem[] = [];
  for (const [group, entries] of groups) {
    items.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
    for (const { tool } of entries) {
      const restricted = !trusted && isActingKind(tool.kind);
      items.push({
        toolName: tool.name,
        label: tool.title === tool.name ? tool.name : `${tool.title}`,
        description: `${tool.name !== tool.title ? `${tool.name} · ` : ''}${KIND_LABEL[tool.kind]} · ${POLICY_LABEL[deps.approvalPolicy(tool.kind)]}${restricted ? ' · unavailable in Restricted Mode' : ''}`,
        detail: firstSentence(tool.description),
        picked: !off.has(tool.name),
      });
    }
  }
  return items;
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return (m?.[0] ?? text).replace(/\s+/g, ' ').slice(0, 200);
}

/** Shows the picker; resolves when it closes (after the setting was written, when accepted). */
export function showToolPicker(deps: ToolPickerDeps, onShow?: (pick: vscode.QuickPick<ToolPickItem>) => void): Promise<void> {
  const pick = vscode.window.createQuickPick<ToolPickItem>();
  pick.title = 'Bedrock Agent Tools';
  pick.placeholder = 'Tick the tools the agent may use; approval per kind is in the settings (gear).';
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const items = pickerItems(deps);
  pick.items = items;
  pick.selectedItems = items.filter((i) => i.picked);
  const settingsButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('gear'), tooltip: 'Approval settings…' };
  pick.buttons = [settingsButton];
  return new Promise<void>((resolve) => {
    const subs: vscode.Disposable[] = [];
    let saving: Promise<unknown> = Promise.resolve();
    subs.push(
      pick.onDidTriggerButton((b) => {
        if (b !== settingsButton) return;
        pick.hide();
        void vscode.commands.executeCommand('workbench.action.openSettings', 'bedrock.agent.approval');
      }),
      pick.onDidAccept(() => {
        const shown = items.flatMap((i) => (i.toolName ? [i.toolName] : []));
        const ticked = pick.selectedItems.flatMap((i) => (i.toolName ? [i.toolName] : []));
        saving = deps.setDisabled(nextDisabledList(deps.disabled(), shown, ticked));
        pick.hide();
      }),
      pick.onDidHide(() => {
        subs.forEach((s) => s.dispose());
        pick.dispose();
        void saving.then(() => resolve());
      }),
    );
    pick.show();
    onShow?.(pick);
  });
}
