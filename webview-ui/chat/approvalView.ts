// The inline approval under a tool step waiting for the user: what is asked, and Allow once /
// Allow for this chat / Deny. One answer per call: the first click disables all three and posts
// it; the block redraws from the host's next status for the call.
import type { AgentApproveMessage, WireToolCall } from '../../src/shared/protocol';
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

export type ApproveHandler = (toolId: string, decision: ApprovalDecision) => void;

/** Builds the approval row for `call`; `answered` is the decision already sent for it, if any. */
export function approvalRow(call: WireToolCall, answered: ApprovalDecision | undefined, onAnswer: (decision: ApprovalDecision) => void): HTMLElement {
  const what = call.label ?? call.name;
  const buttons = CHOICES.map(([decision, label, style, title]) => {
    const b = el('button', { type: 'button', class: `approval-button is-${style}`, 'data-decision': decision, title }, label);
    if (answered) {
      b.disabled = true;
      if (answered === decision) b.classList.add('is-chosen');
    }
    return b;
  });
  for (const b of buttons) {
    b.addEventListener('click', () => {
      if (buttons.some((x) => x.disabled)) return;
      for (const x of buttons) x.disabled = true;
      b.classList.add('is-chosen');
      onAnswer(b.getAttribute('data-decision') as ApprovalDecision);
    });
  }
  return el(
    'div',
    { class: 'tool-approval', role: 'group', 'aria-label': `Approval needed: ${what}` },
    el('span', { class: 'codicon codicon-shield tool-approval-icon', 'aria-hidden': 'true' }),
    el('span', { class: 'tool-approval-question' }, QUESTIONS[call.kind ?? 'external'] ?? QUESTIONS.external),
    el('div', { class: 'tool-approval-buttons' }, ...buttons),
  );
}
