import * as vscode from 'vscode';

/** A row of a saving quick pick: what choosing it yields. */
export type SavingPickItem<T> = vscode.QuickPickItem & { choice: T };

/**
 * A quick pick whose rows each carry a save button: Enter uses the row once, the button uses it
 * and also keeps it as the default through `save`. Undefined when dismissed.
 */
export function pickWithSaveButton<T>(title: string, items: SavingPickItem<T>[], save: (choice: T) => Promise<unknown>): Promise<T | undefined> {
  const button: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save'), tooltip: 'Use and save as default' };
  for (const item of items) item.buttons = [button];
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<SavingPickItem<T>>();
    qp.title = title;
    qp.items = items;
    qp.matchOnDescription = true;
    let result: T | undefined;
    const accept = async (item: SavingPickItem<T> | undefined, persist: boolean) => {
      if (!item) return;
      result = item.choice;
      qp.hide();
      if (persist) await save(item.choice);
    };
    qp.onDidAccept(() => void accept(qp.selectedItems[0], false));
    qp.onDidTriggerItemButton((e) => void accept(e.item, true));
    qp.onDidHide(() => {
      qp.dispose();
      resolve(result);
    });
    qp.show();
  });
}
