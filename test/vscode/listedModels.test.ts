import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../src/core/bedrock/catalog/modelDescriptor';
import type { WorkbenchApi } from '../../src/extension';
import { listedModels, type LoadingCatalog } from '../../src/vscode/listedModels';
import { EXTENSION_ID } from './extensionId';

/** A catalog in a given state whose refresh lists `onRefresh` (or fails), counting the fetches. */
function catalogIn(state: string, listed: readonly ModelDescriptor[], onRefresh: readonly ModelDescriptor[] | 'fails') {
  const catalog = {
    descriptors: listed,
    state,
    fetches: 0,
    async refresh() {
      catalog.fetches++;
      await new Promise((resolve) => setImmediate(resolve));
      if (onRefresh === 'fails') catalog.state = 'error';
      else [catalog.descriptors, catalog.state] = [onRefresh, 'fresh'];
    },
  };
  return catalog satisfies LoadingCatalog;
}

describe('commands run before the first model listing wait for it (extension host)', () => {
  let models: readonly ModelDescriptor[];
  before(async () => {
    const api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    models = api.catalog.descriptors;
    assert.ok(models.length > 0, 'the emulator lists models');
  });

  it('an empty catalog that has not failed is listed first: the command sees the models, not "none"', async () => {
    for (const state of ['empty', 'refreshing']) {
      const catalog = catalogIn(state, [], models);
      assert.deepEqual(await listedModels(catalog), models, state);
      assert.equal(catalog.fetches, 1, `${state}: one listing`);
    }
  });

  it('a failed listing is not retried by every command (its error is already shown); a listed catalog is not fetched again', async () => {
    const failed = catalogIn('error', [], models);
    assert.deepEqual(await listedModels(failed), []);
    assert.equal(failed.fetches, 0);

    const listed = catalogIn('cached', models.slice(0, 3), 'fails');
    assert.deepEqual(await listedModels(listed), models.slice(0, 3));
    assert.equal(listed.fetches, 0);

    const failsNow = catalogIn('empty', [], 'fails');
    assert.deepEqual(await listedModels(failsNow), [], 'a listing that fails answers with what is listed: nothing');
    assert.equal(failsNow.fetches, 1);
  });
});
