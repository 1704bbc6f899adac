// Child process for activation.bench.ts: loads dist/extension.js and calls activate() once, then
// reports the time and which SDK modules got loaded. VS Code's API is replaced by an auto-stub
// (a mock, because a benchmark in plain node has no extension host): every property is a callable
// that returns a disposable, so the probe measures only our own activation work.
const Module = require('node:module');
const path = require('node:path');

function stub(name) {
  const fn = function () {
    return stub(`${name}()`);
  };
  const assigned = new Map();
  return new Proxy(fn, {
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'dispose') return () => {};
      if (prop === 'then') return undefined; // not a thenable
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return undefined;
      return stub(`${name}.${String(prop)}`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}
// The module's top-level names come from @types/vscode, so bundles that copy own properties
// (esbuild's __toESM) see every namespace, class and enum.
const typings = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const topLevel = [...new Set([...typings.matchAll(/^\t(?:export )(?:namespace|class|enum|const|function) (\w+)/gm)].map((m) => m[1]))];
const vscodeStub = Object.fromEntries(topLevel.map((k) => [k, stub(`vscode.${k}`)]));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStub };
// Settings as a user with none set sees them: every value undefined (the extension applies its
// defaults). The auto-stub would answer every inspect() with a workspace value, which a real host
// only does for a workspace that sets one.
vscodeStub.workspace.getConfiguration = () => ({ get: (_k, d) => d, has: () => false, inspect: (key) => ({ key }), update: async () => {} });

const root = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));
const memento = () => ({ get: (_k, d) => d, update: async () => {}, keys: () => [], setKeysForSync: () => {} });
const context = {
  subscriptions: [],
  extension: { packageJSON: pkg, id: `${pkg.publisher}.${pkg.name}`, extensionUri: stub('uri') },
  extensionUri: stub('uri'),
  extensionPath: root,
  globalState: memento(),
  workspaceState: memento(),
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
  globalStorageUri: stub('uri'),
  storageUri: stub('uri'),
  logUri: stub('uri'),
  environmentVariableCollection: stub('env'),
  asAbsolutePath: (p) => path.join(root, p),
};

// The extension host has Node's networking and crypto modules loaded long before any extension
// activates (it uses them itself), so loading them here is not counted as our activation cost.
for (const m of ['node:http', 'node:https', 'node:http2', 'node:net', 'node:tls', 'node:crypto', 'node:fs', 'node:os', 'node:path']) require(m);
require(path.join(root, 'package.json'));

const t0 = process.hrtime.bigint();
const ext = require(path.join(root, 'dist', 'extension.js'));
Promise.resolve(ext.activate(context)).then(() => {
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const sdkModules = Object.keys(require.cache).filter((k) => /@aws-sdk|@smithy|aws-sdk\.js$/.test(k));
process.stdout.write(JSON.stringify({ ms, sdkModules }));
});
