// Builds what "Explain Selection" / "Ask About Selection" send: the code, where it is, and a
// bounded amount of what surrounds it. Bounded on purpose: a selection larger than the model's
// budget is trimmed with a visible notice instead of being sent to fail.

export interface SourceSpan {
  /** Workspace-relative (or untitled) file name shown to the model and in the chat label. */
  fileName: string;
  languageId: string;
  /** Zero-based line numbers of the span, inclusive. */
  startLine: number;
  endLine: number;
  /** The text the user pointed at (selection, enclosing symbol or current line). */
  text: string;
  /** Why this span: what the user selected, or what we picked because nothing was selected. */
  origin: 'selection' | 'symbol' | 'line';
  /** Name of the enclosing symbol when origin is 'symbol'. */
  symbolName?: string;
}

export interface ExplainRequest {
  span: SourceSpan;
  /** All lines of the document, used for surrounding context. */
  documentLines: readonly string[];
  /** The user's question; absent for a plain "explain". */
  question?: string;
  /** How many characters of code (span + context) the model may receive. */
  budgetChars: number;
  /** Lines of context to include on each side of the span, before the character budget applies. */
  contextLines?: number;
  /**
   * Longest prompt the chat accepts, everything included (question, labels, fences). The code
   * budget shrinks to fit it, so no setting can produce a prompt the chat would refuse.
   */
  maxPromptChars?: number;
}

export interface ExplainPrompt {
  /** The user turn sent to the model: `request`, a blank line, then `context`. */
  prompt: string;
  /** The user's words (their question, or the explain request): what the chat shows and titles the chat with. */
  request: string;
  /** The file, the code and its surroundings: what the chat's context chip stands for. */
  context: string;
  /** Shown on the chat turn, e.g. "src/a.ts:10-24". */
  label: string;
  /** Set when the span was cut to fit the budget: a sentence the UI shows the user. */
  trimmedNotice?: string;
  /** Set when we explained something other than a selection: says what we picked. */
  originNotice?: string;
}

const DEFAULT_CONTEXT_LINES = 20;
/** Share of the budget the surrounding context may use; the span itself comes first. */
const CONTEXT_SHARE = 0.25;

export function buildExplainPrompt(req: ExplainRequest): ExplainPrompt {
  const max = req.maxPromptChars;
  // A budget that is not a number (a nonsense setting) leaves only the chat's own limit.
  const asked = Number.isFinite(req.budgetChars) ? req.budgetChars : Infinity;
  let budget = Math.max(MIN_BUDGET, Math.floor(Math.min(asked, max ?? Infinity)));
  let prompt = buildWithBudget(req, budget);
  // What surrounds the code (question, file name, fences) has no fixed size: shrink the code
  // budget by the excess until the whole prompt fits. Each pass removes at least the excess.
  for (let pass = 0; max !== undefined && prompt.prompt.length > max && budget > MIN_BUDGET && pass < 4; pass++) {
    budget = Math.max(MIN_BUDGET, budget - (prompt.prompt.length - max) - 64);
    prompt = buildWithBudget(req, budget);
  }
  return prompt;
}

/** Smallest code budget: below it an explanation has nothing to work with. */
const MIN_BUDGET = 200;

function buildWithBudget(req: ExplainRequest, budget: number): ExplainPrompt {
  const { span } = req;
  const lineRange = span.startLine === span.endLine ? `${span.startLine + 1}` : `${span.startLine + 1}-${span.endLine + 1}`;
  const label = `${span.fileName}:${lineRange}`;

  let code = span.text;
  let trimmedNotice: string | undefined;
  if (code.length > budget) {
    const kept = cutAtLineBoundary(code, budget);
    const keptLines = countLines(kept);
    const totalLines = countLines(code);
    trimmedNotice =
      `The selection is ${code.length.toLocaleString('en-US')} characters (${totalLines} lines), more than this model's budget of ` +
      `${budget.toLocaleString('en-US')}; only the first ${keptLines} lines were sent.`;
    code = kept;
  }

  const contextBudget = Math.floor(Math.min(budget - code.length, budget * CONTEXT_SHARE));
  const context = contextBudget > 0 ? surroundingContext(req.documentLines, span, req.contextLines ?? DEFAULT_CONTEXT_LINES, contextBudget) : undefined;

  const fence = fenceFor(code + (context?.before ?? '') + (context?.after ?? ''));
  const lang = span.languageId.replace(/[^\w+-]/g, '');
  const what =
    span.origin === 'selection' ? 'the selected code' : span.origin === 'symbol' ? `\`${span.symbolName ?? 'the enclosing symbol'}\`` : 'this line';
  const ask = req.question?.trim() ? req.question.trim() : `Explain ${what}: what it does, how, and anything surprising or risky.`;
  const parts = [`${ask}`, '', `File: \`${span.fileName}\` (${span.languageId}), lines ${lineRange}.`];
  if (trimmedNotice) parts.push(`Note: the code was trimmed to fit; it ends early.`);
  parts.push('', fence + lang, code, fence);
  if (context && (context.before || context.after)) {
    parts.push('', 'For context only (do not explain this part), the surrounding code:');
    if (context.before) parts.push('', `Before (lines ${context.beforeStart + 1}-${span.startLine}):`, fence + lang, context.before, fence);
    if (context.after) parts.push('', `After (lines ${span.endLine + 2}-${context.afterEnd + 1}):`, fence + lang, context.after, fence);
  }

  const originNotice =
    span.origin === 'symbol'
      ? `Nothing was selected, so the enclosing ${span.symbolName ? `symbol \`${span.symbolName}\`` : 'symbol'} (lines ${lineRange}) was used.`
      : span.origin === 'line'
        ? `Nothing was selected, so the current line (${lineRange}) was used.`
        : undefined;
  return { prompt: parts.join('\n'), request: ask, context: parts.slice(2).join('\n'), label, trimmedNotice, originNotice };
}

function surroundingContext(lines: readonly string[], span: SourceSpan, contextLines: number, budget: number) {
  // Spend the budget nearest-first, alternating sides, so both sides get their closest lines.
  const before: string[] = [];
  const after: string[] = [];
  let used = 0;
  for (let i = 1; i <= contextLines; i++) {
    const b = span.startLine - i;
    const a = span.endLine + i;
    let added = false;
    if (b >= 0 && b < lines.length && used + lines[b].length + 1 <= budget) {
      before.unshift(lines[b]);
      used += lines[b].length + 1;
      added = true;
    }
    if (a >= 0 && a < lines.length && used + lines[a].length + 1 <= budget) {
      after.push(lines[a]);
      used += lines[a].length + 1;
      added = true;
    }
    if (!added) break;
  }
  return {
    before: before.join('\n'),
    after: after.join('\n'),
    beforeStart: span.startLine - before.length,
    afterEnd: span.endLine + after.length,
  };
}

function cutAtLineBoundary(text: string, max: number): string {
  const cut = text.slice(0, max);
  const nl = cut.lastIndexOf('\n');
  return nl > max / 2 ? cut.slice(0, nl) : cut;
}

function countLines(text: string): number {
  return text.split('\n').length;
}

/** A fence longer than any backtick run in the code, so code containing ``` can't break out. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}
