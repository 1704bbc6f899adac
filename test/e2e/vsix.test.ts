import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, projectRoot, type Workbench } from './workbench';

// Runs last (files run in name order): packaging rebuilds dist/ for production.
describe('the packaged VSIX, installed like a user installs it', () => {
  let wb: Workbench;
  const vsix = join(projectRoot, 'dist-vsix', 'bedrock-workbench.vsix');

  before(async () => {
    const res = spawnSync('npm', ['run', '--silent', 'package'], { cwd: projectRoot, encoding: 'utf8' });
    assert.equal(res.status, 0, `npm run package failed:\n${res.stdout}\n${res.stderr}`);
    wb = await openWorkbench({ vsix });
  });
  after(async () => {
    await wb?.close();
  });

  it('is small, installs, activates and lists the models (the lazily loaded SDK bundle is inside)', async () => {
    const size = statSync(vsix).size;
    assert.ok(size < 3 * 1024 * 1024, `VSIX is ${size} bytes`);
    await wb.page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().click();
    await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'Anthropic' }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator('.statusbar-item', { hasText: 'us-east-1' }).first().waitFor();
    await wb.screenshot('vsix-installed-explorer');
  });
});
