// The agent settings the tools read, through the one settings reader: which tools the user
// switched off, and each kind's approval policy (shown in the picker).
import type * as vscode from 'vscode';
import type { ApprovalPolicy, ToolKind } from '../../core/agent/agentTool';
import { APPROVAL_SETTING } from '../../core/settings/settingsTable';
import { onDidChangeSettings, readSetting, updateSetting } from '../settings';
import type { AgentToolSettings } from './registerAgentTools';

export function agentToolSettings(): AgentToolSettings {
  return {
    disabledTools: () => readSetting('agentDisabledTools'),
    setDisabledTools: (names) => updateSetting('agentDisabledTools', names, "the agent's tool choice"),
    approvalPolicy: (kind: ToolKind): ApprovalPolicy => readSetting(APPROVAL_SETTING[kind]),
    onDidChangeDisabledTools: (listener): vscode.Disposable => onDidChangeSettings(['agentDisabledTools', ...Object.values(APPROVAL_SETTING)], listener),
  };
}
