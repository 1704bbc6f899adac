// The moves the Models tree's arrow-key bindings pass to `bedrock.moveModelSelection`, and the
// list command that makes each. Free of `vscode`, so a unit test can hold the manifest's
// keybindings to this table.

export const LIST_MOVES = {
  down: 'list.focusDown',
  up: 'list.focusUp',
  pageDown: 'list.focusPageDown',
  pageUp: 'list.focusPageUp',
  first: 'list.focusFirst',
  last: 'list.focusLast',
} as const;

export type TreeMove = keyof typeof LIST_MOVES;

export function isTreeMove(value: unknown): value is TreeMove {
  return typeof value === 'string' && Object.hasOwn(LIST_MOVES, value);
}
