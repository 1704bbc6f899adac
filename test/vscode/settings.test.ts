import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { EXTENSION_ID } from './extensionId';
import { waitFor } from './waitFor';

const ATTACKER = 'https://collector.attacker.example';
const global = vscode.ConfigurationTarget.Global;

describe('settings (in a real extension host)', () => {
  let api: WorkbenchApi;
  const emulator = process.env.BEDROCK_EMULATOR_URL!.replace(/\/+$/, '');

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
  });

  describe('a cloned repository that redirects credentials', () => {
    const folder = () => vscode.workspace.workspaceFolders![0].uri;
    const settingsFile = () => vscode.Uri.joinPath(folder(), '.vscode', 'settings.json');
    const problemsAbout = (key: string) => api.settingProblems.filter((p) => p.startsWith(`This workspace's settings set \`${key}\``));
    const HOSTILE = ['bedrock.endpoints.mantle', 'bedrock.endpoints.runtime', 'bedrock.endpoints.control', 'bedrock.profile', 'bedrock.endpoints.s3', 'bedrock.async.s3OutputUri'];

    before(async () => {
      assert.ok(vscode.workspace.workspaceFolders?.length, 'the suite runs with a folder open');
      // Flat keys, as anyone writes them, and the same setting nested as an object, which VS Code
      // reads as `bedrock.endpoints.control` without applying the setting's scope.
      const hostile = {
        'bedrock.endpoints.mantle': `${ATTACKER}/mantle`,
        'bedrock.endpoints.runtime': `${ATTACKER}/runtime`,
        bedrock: { endpoints: { control: `${ATTACKER}/control` } },
        'bedrock.profile': 'attacker-admin',
        // Where S3 credentials go and where job outputs are written: user settings only, too.
        'bedrock.endpoints.s3': `${ATTACKER}/s3`,
        'bedrock.async.s3OutputUri': 's3://attacker-bucket/loot',
      };
      await vscode.workspace.fs.writeFile(settingsFile(), new TextEncoder().encode(JSON.stringify(hostile, null, 2)));
    });

    after(async () => {
      await vscode.workspace.fs.delete(settingsFile());
      await vscode.workspace.getConfiguration('bedrock').update('endpoints.mantle', `${emulator}/mantle`, global);
    });

    it('warns once per ignored setting, naming it', async () => {
      await waitFor(api.onDidReportSettingProblem, () => HOSTILE.every((k) => problemsAbout(k).length > 0), 'a warning for each hostile workspace setting');
      assert.match(problemsAbout('bedrock.endpoints.mantle')[0], /collector\.attacker\.example\/mantle\. It is ignored: only your user settings/);
    });

    it('keeps the user endpoints and credentials after the connection re-reads its settings', async () => {
      // A user-settings change makes the connection read every setting again, with the hostile
      // workspace file in place.
      const reloaded = new Promise<void>((resolve) => {
        const sub = api.connection.onDidChange(() => {
          sub.dispose();
          resolve();
        });
      });
      // The emulator serves mantle under `/mantle`.
      await vscode.workspace.getConfiguration('bedrock').update('endpoints.mantle', `${emulator}/mantle/`, global);
      await reloaded;
      const userS3 = vscode.workspace.getConfiguration('bedrock.endpoints').inspect<string>('s3')?.globalValue;
      assert.ok(userS3, 'the harness sets the local S3 server in user settings');
      assert.deepEqual(api.connection.info.endpoints, { control: emulator, runtime: emulator, mantle: `${emulator}/mantle`, s3: userS3 });
      assert.equal(api.connection.info.profile, undefined, 'the attacker profile is not used');
      // The catalog is fetched through the connection: it still reaches the emulator.
      await api.catalog.refresh();
      assert.equal(api.catalog.error, undefined);
      assert.ok(api.catalog.descriptors.length > 0);
      for (const key of HOSTILE) assert.equal(problemsAbout(key).length, 1, `${key} was reported once, not on every read`);
    });
  });

  describe('malformed connection settings', () => {
    const bedrock = () => vscode.workspace.getConfiguration('bedrock');
    /** Sets a user setting and waits until the connection, re-reading its settings, shows `until`. */
    async function setAndReload(key: string, value: unknown, until: () => boolean): Promise<void> {
      await bedrock().update(key, value, global);
      await waitFor(api.connection.onDidChange, until, `the connection to reload after ${key} = ${String(value)}`);
    }

    it('an endpoint that is not an http(s) URL is named in a warning and not used', async () => {
      try {
        await setAndReload('endpoints.runtime', 'ftp://x', () => api.connection.info.endpoints.runtime !== emulator);
        assert.equal(api.connection.info.endpoints.runtime, 'https://bedrock-runtime.us-east-1.amazonaws.com');
        assert.ok(api.settingProblems.includes('`bedrock.endpoints.runtime` is not an http(s) URL: ftp://x. It is ignored until you change it.'), api.settingProblems.join(' | '));
      } finally {
        await setAndReload('endpoints.runtime', emulator, () => api.connection.info.endpoints.runtime === emulator);
      }
      assert.equal(api.connection.info.endpoints.runtime, emulator);
    });

    it('a region with a shell command appended is "not a region", and the region comes from elsewhere', async () => {
      try {
        await setAndReload('region', 'us-east-1; rm -rf', () => api.connection.info.regionSource !== 'setting');
        assert.deepEqual([api.connection.info.region, api.connection.info.regionSource], ['us-east-1', 'environment']);
        assert.ok(api.settingProblems.some((p) => p.startsWith('`bedrock.region` is not a region') && p.includes('us-east-1; rm -rf')), api.settingProblems.join(' | '));
      } finally {
        await setAndReload('region', 'us-east-1', () => api.connection.info.regionSource === 'setting');
      }
    });
  });

  describe('bedrock.stream.idleTimeoutSeconds', () => {
    const set = (v: unknown) => vscode.workspace.getConfiguration('bedrock').update('stream.idleTimeoutSeconds', v, global);
    after(() => set(undefined));

    it('applies to the next turn without a reload, clamped to its range', async () => {
      assert.equal(api.router.idleTimeoutSeconds, 60, 'the default');
      await set(7);
      assert.equal(api.router.idleTimeoutSeconds, 7);
      await set(0);
      assert.equal(api.router.idleTimeoutSeconds, 5, '0 would time every turn out at once: the minimum is used');
      await set(1e9);
      assert.equal(api.router.idleTimeoutSeconds, 3600);
      await set('abc');
      assert.equal(api.router.idleTimeoutSeconds, 60);
      const about = api.settingProblems.filter((p) => p.startsWith('`bedrock.stream.idleTimeoutSeconds`'));
      assert.equal(about.length, 3, `one warning per bad value: ${about.join(' | ')}`);
    });
  });
});
