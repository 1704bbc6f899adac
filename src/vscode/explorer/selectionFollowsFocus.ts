// The Models tree's arrow keys move its selection, as in VS Code's Problems and Search lists, so the
// Model Details view (which follows the selection) follows the keyboard. An extension's tree cannot
// ask for that: its arrow keys move only the list's focus, and the stable API reports neither the focus
// nor its moves. So the keys the tree contributes run the list's own move, then toggle the focused
// row into the selection (the one row that changes is the focused one), then select that row alone.
import * as vscode from 'vscode';
import type { TreeNode } from '../../core/explorer/modelTree';
import { isTreeMove, LIST_MOVES, type TreeMove } from './treeMoves';

/**
 * The handler of `bedrock.moveModelSelection`. Moves run one after another: two interleaved
 * moves would toggle each other's rows.
 */
export function moveModelSelection(view: vscode.TreeView<TreeNode>, warn: (message: string) => void): (move?: unknown) => Promise<void> {
  let queue = Promise.resolve();
  return (move?: unknown) => {
    if (move !== undefined && !isTreeMove(move)) {
      warn(`bedrock.moveModelSelection takes one of ${Object.keys(LIST_MOVES).join(', ')}; it was given ${String(JSON.stringify(move)).slice(0, 80)}, so the selection stays.`);
      return queue;
    }
    const next = queue.then(() => moveOnce(view, move ?? 'down'));
    queue = next.catch((e: unknown) => warn(`Moving the Models selection failed: ${e instanceof Error ? e.message : String(e)}`));
    return queue;
  };
}

async function moveOnce(view: vscode.TreeView<TreeNode>, move: TreeMove): Promise<void> {
  if (!view.visible) return;
  const before = view.selection;
  await vscode.commands.executeCommand(LIST_MOVES[move]);
  await vscode.commands.executeCommand('list.toggleSelection');
  const after = view.selection;
  const focused = after.find((n) => !before.includes(n)) ?? before.find((n) => !after.includes(n));
  if (focused) await view.reveal(focused, { select: true, focus: true });
}
