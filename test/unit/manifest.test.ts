import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMAND_IDS } from '../../src/vscode/commandIds';

const manifestText = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
const manifest = JSON.parse(manifestText);

/**
 * The keys that stand twice in one object of `json` (valid JSON), each as its path. JSON.parse keeps
 * the last of them without a word, so a setting or menu written twice would lose one silently.
 */
function duplicateKeys(json: string): string[] {
  const found: string[] = [];
  let i = 0;
  const skipSpace = () => {
    while (/\s/.test(json[i] ?? '')) i++;
  };
  const readString = (): string => {
    const start = i++;
    while (json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
    return JSON.parse(json.slice(start, ++i)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    const open = json[i];
    if (open === '{' || open === '[') {
      const close = open === '{' ? '}' : ']';
      const seen = new Set<string>();
      i++;
      skipSpace();
      if (json[i] === close) return void i++;
      for (let n = 0; ; n++) {
        skipSpace();
        let at = `${path}[${n}]`;
        if (open === '{') {
          const key = readString();
          at = `${path}.${key}`;
          if (seen.has(key)) found.push(at);
          seen.add(key);
          skipSpace();
          i++; // the colon
        }
        readValue(at);
        skipSpace();
        if (json[i++] === close) return;
      }
    }
    if (open === '"') return void readString();
    while (i < json.length && !/[\s,}\]]/.test(json[i])) i++;
  };
  readValue('');
  return found;
}

describe('manifest', () => {
  it('contributes exactly the commands the command table registers', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, [...COMMAND_IDS].sort());
  });

  it('has no key twice in one object', () => {
    assert.deepEqual(duplicateKeys('{"a": [1, {"b": "x\\"y", "b": 2}], "c": {"d": true}, "c": null}'), ['.a[1].b', '.c'], 'the check itself finds duplicates');
    assert.deepEqual(duplicateKeys(manifestText), []);
  });
});
