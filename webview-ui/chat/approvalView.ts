// The inline approval under a tool step waiting for the user: what is asked, and Allow once /
// Allow for this chat / Deny. A terminal command is shown whole in a field the user may edit
// before allowing it (commandField.ts); what runs is what they allowed. One answer per call: the first click
// disables everything and posts it; the block redraws from the host's next status for the call.
import type { AgentApproveMessage, WireToolCall } from '../../src/shared/protocol';
import { commandField, isRunnable } from './commandField';
import { el } from './dom';

/** The question per kind; the step's label above it names the file or the command. */
export type ApprovalDecision = AgentApproveMessage['decision'];

const QUESTIONS: Readonly<Record<NonNullable<WireToolCall['kind']>, string>> = {
  read: 'Allow this tool to read from the workspace?',
  edit: 'Apply this edit?',
  create: 'Create this file?',
  terminal: 'Run this command in a terminal?',
  external: "Run this extension's tool?",
};

const CHOICES: ReadonlyArray<[decision: ApprovalDecision, label: string, style: 'primary' | 'secondary', title: string]> = [
  ['once', 'Allow once', 'primary', 'Run this call; ask again next time'],
  ['chat', 'Allow for this chat', 'secondary', 'Run this and every later call of this tool in this chat without asking'],
  ['deny', 'Deny', 'secondary', 'Do not run it; the model is told you declined'],
];

/** The answer sent for a call: the decision, and the command as edited when the user changed it. */
export interface SentAnswer {
  decision: ApprovalDecision;
  edited?: string;
}

export type ApproveHandler = (toolId: string, decision: ApprovalDecision, edited?: string) => void;

/** The command of a terminal call, which the user may edit before allowing it; undefined for any other call. */
export function editableCommand(call: WireToolCall): string | undefined {
  if (call.kind !== 'terminal') return undefined;
  try {
    const input = JSON.parse(call.input) as unknown;
    const command = typeof input === 'object' && input !== null ? (input as { command?: unknown }).command : undefined;
    return typeof command === 'string' ? command : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the approval row for `call`; `answered` is the answer already sent for it, if any. */
export function approvalRow(call: WireToolCall, answered: SentAnswer | undefined, onAnswer: (answer: SentAnswer) => void): HTMLElement {
  const what = call.label ?? call.name;
  const command = editableCommand(call);
  const box = command === undefined ? undefined : commandField(answered?.edited ?? command);
  const field = box?.input;
  if (field) field.disabled = !!answered;
  const buttons = CHOICES.map(([decision, label, style, title]) => {
    const b = el('button', { type: 'button', class: `approval-button is-${style}`, 'data-decision': decision, title }, label);
    if (answered) {
      b.disabled = true;
      if (answered.decision === decision) b.classList.add('is-chosen');
    }
    return b;
  });
  const allows = buttons.filter((b) => b.getAttribute('data-decision') !== 'deny');
  // An emptied command, or one broken over lines, cannot be allowed; Deny stays.
  const checkCommand = () => {
    if (field) for (const b of allows) b.disabled = !isRunnable(field.value);
  };
  if (!answered) checkCommand();
  field?.addEventListener('input', checkCommand);
  for (const b of buttons) {
    b.addEventListener('click', () => {
      if (b.disabled || buttons.some((x) => x.classList.contains('is-chosen'))) return;
      for (const x of buttons) x.disabled = true;
      b.classList.add('is-chosen');
      const decision = b.getAttribute('data-decision') as ApprovalDecision;
      // Trimmed, as the tool runs it, and compared with the command as the field first showed it
      // (a textarea reads line endings back as \n).
      const ran = box?.input.value.trim();
      const edited = box && ran !== undefined && decision !== 'deny' && ran !== box.shown.trim() ? ran : undefined;
      if (field) field.disabled = true;
      onAnswer(edited === undefined ? { decision } : { decision, edited });
    });
  }
  return el(
    'div',
    { class: 'tool-approval', role: 'group', 'aria-label': `Approval needed: ${what}` },
    el('span', { class: 'codicon codicon-shield tool-approval-icon', 'aria-hidden': 'true' }),
    el('span', { class: 'tool-approval-question' }, QUESTIONS[call.kind ?? 'external'] ?? QUESTIONS.external),
    box?.element,
    el('div', { class: 'tool-approval-buttons' }, ...buttons),
  );
}
