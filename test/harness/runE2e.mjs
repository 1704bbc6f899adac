// test:e2e: Playwright specs in test/e2e drive the real workbench; each spec opens its own.
import { spawnSync } from 'node:child_process';
import { findChromium } from './browser.mjs';
import { provision } from './provision.mjs';

findChromium(); // fail fast with the how-to-install message
provision();
const res = spawnSync('npx', ['mocha', '--config', 'test/e2e/.mocharc.json', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(res.status ?? 1);
