// test:electron: the same in-extension-host suite as test:vscode, launched by @vscode/test-electron
// in a desktop VS Code it downloads. Needs internet on first run; on offline machines use
// `npm run test:vscode` (code-server), which runs the identical suite.
import { runTests } from '@vscode/test-electron';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'vscode', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { BEDROCK_WORKBENCH_TEST: '1' },
  });
} catch (e) {
  console.error(`test:electron failed: ${e instanceof Error ? e.message : e}`);
  console.error('If VS Code could not be downloaded (offline machine), run `npm run test:vscode` instead.');
  process.exit(1);
}
