// "No selection" falls back to the innermost code symbol that contains the cursor. Works on the
// shape of vscode.DocumentSymbol without importing vscode.

export interface SymbolLike {
  name: string;
  /** Zero-based inclusive line range of the whole symbol. */
  range: { start: { line: number }; end: { line: number } };
  children?: readonly SymbolLike[];
}

/** Kinds worth explaining on their own; a variable or field alone is better served by its line. */
export function findEnclosingSymbol<T extends SymbolLike>(symbols: readonly T[], line: number, isInteresting: (s: T) => boolean = () => true): T | undefined {
  let best: T | undefined;
  const visit = (list: readonly T[]) => {
    for (const s of list) {
      if (s.range.start.line <= line && line <= s.range.end.line) {
        if (isInteresting(s)) best = s; // deeper matches overwrite: innermost wins
        if (s.children?.length) visit(s.children as readonly T[]);
      }
    }
  };
  visit(symbols);
  return best;
}
