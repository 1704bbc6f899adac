// The agent's tools as one feature: the built-in workspace tools, the tools VS Code knows from
// other extensions and MCP servers, the selection the user made in the picker, and Restricted
// Mode. `provider.tools()` decides on every call, so a turn sees trust granted a moment ago, a
// tool switched off in the picker or an MCP server that just started (`vscode.lm.tools` is read
// each time: the stable API has no change event for it).
import * as vscode from 'vscode';
import type { AgentTool, ApprovalPolicy, ToolKind } from '../../core/agent/agentTool';
import { selectAgentTools } from '../../core/agent/toolSelection';
import { Emitter, type Event } from '../../core/emitter';
import type { FeatureRegistration } from '../commands';
import { externalTools, type LanguageModelTools } from './lmToolAdapter';
import { PROPOSED_SCHEME, ProposedChanges } from './proposedChanges';
import { askToRestore, type ConfirmRestore } from './checkpointRestore';
import { BUILTIN_GROUP, showToolPicker, type PickerTool, type ToolPickItem } from './toolPicker';
import { activeEditorTool } from './tools/activeEditorTool';
import { diagnosticsTool } from './tools/diagnosticsTool';
import { createFileTool, proposeEditTool } from './tools/fileEditTools';
import { gitDiffTool } from './tools/gitDiffTool';
import { listFilesTool } from './tools/listFilesTool';
import { readFileTool } from './tools/readFileTool';
import { searchTextTool } from './tools/searchTextTool';
import { documentSymbolsTool, workspaceSymbolsTool } from './tools/symbolTools';
import { AgentTerminals, terminalTool } from './tools/terminalTool';
import { WorkspaceAccess, type ConfirmSecretFile } from './workspaceAccess';

export interface AgentToolSettings {
  disabledTools(): string[];
  setDisabledTools(names: string[]): Promise<boolean>;
  approvalPolicy(kind: ToolKind): ApprovalPolicy;
  onDidChangeDisabledTools(listener: () => void): vscode.Disposable;
}

export interface AgentToolsDeps {
  settings: AgentToolSettings;
  /** This extension's own language-model tool names (left out of the external tools). */
  ownToolNames: ReadonlySet<string>;
  /** `vscode.lm` in the product; tests may pass another source of VS Code tools. */
  lm?: LanguageModelTools;
  /** `vscode.workspace.isTrusted` in the product. */
  isTrusted?: () => boolean;
  /** Asks about a credentials file; a modal in the product. */
  confirmSecretFile?: ConfirmSecretFile;
}

export interface AgentToolProvider {
  /** The tools the agent is offered now. */
  tools(): AgentTool[];
  /** Fires when trust is granted or the picker changed the disabled list. */
  readonly onDidChange: Event<void>;
}

export interface AgentToolsRegistration extends FeatureRegistration<{ 'bedrock.chat.pickTools': () => Promise<void> }> {
  readonly provider: AgentToolProvider;
  /** Every built-in tool, whatever the trust and the picker say (tests call them directly). */
  readonly builtins: readonly AgentTool[];
  /** The open change previews (tests check a preview is shown and closed). */
  readonly proposals: ProposedChanges;
  /** Asks before an agent turn's files are restored: the modal (tests answer instead). */
  confirmRestore: ConfirmRestore;
  /** Called with the picker once it shows (tests drive it). */
  onPickerShownForTests?: (pick: vscode.QuickPick<ToolPickItem>) => void;
}

/** Every built-in tool, read-only ones first. */
export function builtinAgentTools(access: WorkspaceAccess, proposals: ProposedChanges, terminals: AgentTerminals, lastEditor: () => vscode.TextEditor | undefined): AgentTool[] {
  return [
    readFileTool(access),
    listFilesTool(),
    searchTextTool(),
    diagnosticsTool(access),
    documentSymbolsTool(access),
    workspaceSymbolsTool(access),
    activeEditorTool(access, lastEditor),
    gitDiffTool(access),
    proposeEditTool(access, proposals),
    createFileTool(access, proposals),
    terminalTool(terminals),
  ];
}

/** The tools offered now: built-in and VS Code's, minus the switched-off ones and, untrusted, the acting ones. */
export function buildAgentTools(deps: { builtins: readonly AgentTool[]; external: () => readonly AgentTool[]; isTrusted: () => boolean; disabled: () => readonly string[] }): AgentTool[] {
  return selectAgentTools([...deps.builtins, ...deps.external()], { trusted: deps.isTrusted(), disabled: deps.disabled() });
}

export function registerAgentTools(deps: AgentToolsDeps): AgentToolsRegistration {
  const lm = deps.lm ?? vscode.lm;
  const isTrusted = deps.isTrusted ?? (() => vscode.workspace.isTrusted);
  const access = new WorkspaceAccess(deps.confirmSecretFile);
  const proposals = new ProposedChanges();
  const terminals = new AgentTerminals();
  // The chat view has focus while the agent runs, so "the active editor" is the last text editor.
  let lastEditor = vscode.window.activeTextEditor;
  const trackEditor = vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e && e.document.uri.scheme !== PROPOSED_SCHEME && e.document.uri.scheme !== 'output') lastEditor = e;
  });
  const builtins = builtinAgentTools(access, proposals, terminals, () => (lastEditor && !lastEditor.document.isClosed ? lastEditor : undefined));
  const changed = new Emitter<void>();
  const fire = () => changed.fire();
  const external = () => externalTools(lm, deps.ownToolNames);
  const provider: AgentToolProvider = {
    tools: () => buildAgentTools({ builtins, external: () => external().map((e) => e.tool), isTrusted, disabled: () => deps.settings.disabledTools() }),
    onDidChange: changed.event,
  };
  const registration: AgentToolsRegistration = {
    provider,
    builtins,
    proposals,
    confirmRestore: askToRestore,
    commands: {
      'bedrock.chat.pickTools': () =>
        showToolPicker(
          {
            all: (): PickerTool[] => [...builtins.map((tool) => ({ tool, group: BUILTIN_GROUP })), ...external()],
            disabled: () => deps.settings.disabledTools(),
            setDisabled: (names) => deps.settings.setDisabledTools(names),
            approvalPolicy: (kind) => deps.settings.approvalPolicy(kind),
            isTrusted,
          },
          (pick) => registration.onPickerShownForTests?.(pick),
        ),
    },
    disposables: [
      trackEditor,
      proposals,
      terminals,
      changed,
      vscode.workspace.onDidGrantWorkspaceTrust(fire),
      deps.settings.onDidChangeDisabledTools(fire),
    ],
  };
  return registration;
}
