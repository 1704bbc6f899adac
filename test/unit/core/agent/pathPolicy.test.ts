// The path policy against a real folder on disk: inside the workspace only, symlinks resolved,
// `..` refused, credentials files held back unless allowed, multi-root names.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveToolPath, secretRefusal, type PathDecision, type WorkspaceFolderPath } from '../../../../src/core/agent/pathPolicy';

describe('agent path policy', () => {
  let root: string;
  let ws: WorkspaceFolderPath;
  let outside: string;

  before(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'path-policy-')));
    await mkdir(join(root, 'ws', 'src'), { recursive: true });
    await mkdir(join(root, 'other'), { recursive: true });
    await writeFile(join(root, 'ws', 'src', 'a.ts'), 'export const a = 1;\n');
    await writeFile(join(root, 'ws', '.env'), 'SECRET=1\n');
    outside = join(root, 'other', 'secret.txt');
    await writeFile(outside, 'outside');
    await symlink(outside, join(root, 'ws', 'link-out.txt'));
    await symlink(join(root, 'other'), join(root, 'ws', 'dir-out'));
    await symlink(join(root, 'ws', '.env'), join(root, 'ws', 'notes.txt'));
    ws = { name: 'ws', fsPath: join(root, 'ws') };
  });
  after(() => rm(root, { recursive: true, force: true }));

  const inside = (d: PathDecision) => {
    assert.equal(d.kind, 'inside', d.kind === 'refused' ? d.reason : d.kind);
    return d as Extract<PathDecision, { kind: 'inside' }>;
  };
  const refusal = (d: PathDecision) => {
    assert.equal(d.kind, 'refused');
    return (d as Extract<PathDecision, { kind: 'refused' }>).reason;
  };

  it('a relative path, "./" and an absolute path inside the folder resolve to the real file', async () => {
    for (const p of ['src/a.ts', './src/a.ts', join(root, 'ws', 'src', 'a.ts'), 'src\\a.ts']) {
      const d = inside(await resolveToolPath(p, [ws]));
      assert.equal(d.absolute, join(root, 'ws', 'src', 'a.ts'), p);
      assert.equal(d.relative, 'src/a.ts');
    }
  });

  it('a workspace opened through a link keeps its own path for VS Code and checks the real one', async () => {
    await symlink(join(root, 'ws'), join(root, 'ws-link'));
    const d = inside(await resolveToolPath('src/a.ts', [{ name: 'ws', fsPath: join(root, 'ws-link') }]));
    assert.deepEqual([d.absolute, d.real, d.relative], [join(root, 'ws-link', 'src', 'a.ts'), join(root, 'ws', 'src', 'a.ts'), 'src/a.ts']);
  });

  it('a file that does not exist yet is checked through its parent', async () => {
    const d = inside(await resolveToolPath('src/new/deep.ts', [ws]));
    assert.equal(d.absolute, join(root, 'ws', 'src', 'new', 'deep.ts'));
  });

  it('"..", "~", absolute paths elsewhere and non-strings are refused with a reason', async () => {
    assert.match(refusal(await resolveToolPath('../other/secret.txt', [ws])), /uses "\.\."/);
    assert.match(refusal(await resolveToolPath('src/../../other/secret.txt', [ws])), /uses "\.\."/);
    assert.match(refusal(await resolveToolPath('~/.aws/credentials', [ws])), /home folder/);
    assert.match(refusal(await resolveToolPath(outside, [ws])), /outside the workspace folders \(ws\)/);
    assert.match(refusal(await resolveToolPath('/etc/passwd', [ws])), /outside the workspace/);
    assert.match(refusal(await resolveToolPath(42, [ws])), /"path" must be a file path/);
    assert.match(refusal(await resolveToolPath('a\0b', [ws])), /NUL/);
    assert.match(refusal(await resolveToolPath('src/a.ts', [])), /No workspace folder is open/);
  });

  it('a symlink (file or folder) leading out of the workspace is refused', async () => {
    assert.match(refusal(await resolveToolPath('link-out.txt', [ws])), /through a link/);
    assert.match(refusal(await resolveToolPath('dir-out/secret.txt', [ws])), /through a link/);
    assert.match(refusal(await resolveToolPath('dir-out/new-file.txt', [ws])), /through a link/);
  });

  it('credentials files are held back, also behind an innocent-looking link, until the user allows that file', async () => {
    for (const p of ['.env', 'notes.txt', 'config/.env.local', 'certs/server.pem', 'keys/id_rsa', 'deploy.key', 'store.p12', '.aws/credentials', '.npmrc']) {
      const d = await resolveToolPath(p, [ws]);
      assert.equal(d.kind, 'secret', p);
    }
    const env = await resolveToolPath('.env', [ws]);
    assert.ok(env.kind === 'secret');
    assert.match(secretRefusal(env), /^\.env is a credentials file, so the agent does not read or change it\. Only the user can allow it/);
    const allowed = await resolveToolPath('.env', [ws], { isAllowed: (p) => p === join(root, 'ws', '.env') });
    assert.equal(inside(allowed).relative, '.env');
    // Allowing one file allows no other.
    assert.equal((await resolveToolPath('certs/server.pem', [ws], { isAllowed: (p) => p === join(root, 'ws', '.env') })).kind, 'secret');
  });

  it('multi-root: a leading folder name picks that folder, and names are shown with it', async () => {
    const other: WorkspaceFolderPath = { name: 'other', fsPath: join(root, 'other') };
    const d = inside(await resolveToolPath('other/secret.txt', [ws, other]));
    assert.equal(d.absolute, outside);
    assert.equal(d.relative, 'other/secret.txt');
    assert.equal(d.folder.name, 'other');
    assert.equal(inside(await resolveToolPath('src/a.ts', [ws, other])).relative, 'ws/src/a.ts');
    // With both open, the link out of ws lands inside "other": allowed, under the name it was given.
    const link = inside(await resolveToolPath('link-out.txt', [ws, other]));
    assert.deepEqual([link.relative, link.absolute, link.real], ['ws/link-out.txt', join(root, 'ws', 'link-out.txt'), outside]);
  });
});
