// extensionTestsPath entry: runs mocha inside the extension host (the @vscode/test-electron contract).
import Mocha from 'mocha';
import './suite';
export {};
