import * as assert from 'node:assert/strict';
import { commentPath, fencePath } from '../../../src/shared/codeTarget';
import { isWorkspacePath } from '../../../src/shared/protocolValidation';

describe('code block target file', () => {
  it('reads the path a fence info string names', () => {
    assert.equal(fencePath('ts src/cache.ts'), 'src/cache.ts');
    assert.equal(fencePath('ts:src/cache.ts'), 'src/cache.ts');
    assert.equal(fencePath('ts title="src/cache.ts"'), 'src/cache.ts');
    assert.equal(fencePath("python file='app/main.py'"), 'app/main.py');
    assert.equal(fencePath('ts ./lib/a.ts'), 'lib/a.ts');
    assert.equal(fencePath('make src/Makefile'), 'src/Makefile');
    for (const info of ['ts', 'ts {1,3}', 'ts ../../etc/passwd', 'ts /etc/passwd', 'ts https://x.test/a.js', 'ts v1.2', undefined]) {
      assert.equal(fencePath(info), undefined, String(info));
    }
  });

  it('reads the path a comment on the first line names', () => {
    assert.equal(commentPath('// src/cache.ts\nexport const a = 1;'), 'src/cache.ts');
    assert.equal(commentPath('# file: app/main.py\nprint(1)'), 'app/main.py');
    assert.equal(commentPath('<!-- index.html -->\n<p>'), 'index.html');
    assert.equal(commentPath('/* styles/site.css */\nbody {}'), 'styles/site.css');
    for (const code of ['// TODO: fix this\n', '# Compute the sum\n', '#!/bin/bash\n', '#include <stdio.h>\n', 'const a = 1; // a.ts\n', '// e.g.\n']) {
      assert.equal(commentPath(code), undefined, code);
    }
  });

  it('the host accepts only relative workspace paths', () => {
    assert.ok(isWorkspacePath('src/a.ts'));
    for (const p of ['/etc/passwd', '../a.ts', 'src/../../a', 'C:\\\\x', 'file:///x', '\\\\server\\share', '', 'a\nb']) assert.equal(isWorkspacePath(p), false, p);
  });
});
