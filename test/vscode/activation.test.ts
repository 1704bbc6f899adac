import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { COMMAND_IDS } from '../../src/vscode/commandIds';

import { EXTENSION_ID } from './extensionId';

describe('activation (in a real extension host)', () => {
  let api: WorkbenchApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    api = await ext.activate();
  });

  it('runs in a Node extension host', () => {
    assert.equal(typeof process.versions.node, 'string');
  });

  it('registers every contributed command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of COMMAND_IDS) assert.ok(all.has(id), `${id} is registered`);
  });

  it('contributes the Bedrock view container and the Models view', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, 'bedrock');
    assert.equal(pkg.contributes.views.bedrock[0].id, 'bedrock.models');
    // Focusing the view only works if the workbench registered it.
    await vscode.commands.executeCommand('bedrock.models.focus');
  });

  it('Show Log opens the "Bedrock Workbench" log channel', async () => {
    assert.equal(api.log.name, 'Bedrock Workbench');
    assert.equal(typeof api.log.logLevel, 'number', 'it is a LogOutputChannel');
    await vscode.commands.executeCommand('bedrock.showLog');
  });
});
