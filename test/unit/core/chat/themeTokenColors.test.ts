import * as assert from 'node:assert/strict';
import { colorOf, findThemeContribution, loadTokenColorRules, parseJsonc, tokenColorsFor, type ThemeContribution } from '../../../../src/core/chat/themeTokenColors';

// Shaped like VS Code's built-in Dark Modern: it includes Dark+, which includes Dark (Visual Studio).
const FILES: Record<string, string> = {
  '/themes/dark_modern.json': `{
    // Dark Modern only changes workbench colours
    "name": "Dark Modern",
    "include": "./dark_plus.json",
    "colors": { "editor.background": "#1F1F1F", },
  }`,
  '/themes/dark_plus.json': `{
    "include": "./dark_vs.json",
    /* Dark+ refines a few scopes */
    "tokenColors": [
      { "scope": ["entity.name.function", "support.function"], "settings": { "foreground": "#DCDCAA" } },
      { "scope": "keyword.control", "settings": { "foreground": "#C586C0" } },
      { "scope": "variable", "settings": { "foreground": "#9CDCFE" } },
    ]
  }`,
  '/themes/dark_vs.json': `{
    "tokenColors": [
      { "scope": "comment", "settings": { "foreground": "#6A9955" } },
      { "scope": "keyword", "settings": { "foreground": "#569cd6" } },
      { "scope": ["string", "meta.embedded.assembly"], "settings": { "foreground": "#ce9178" } },
      { "scope": "constant.numeric, keyword.other.unit", "settings": { "foreground": "#b5cea8" } },
      { "scope": "source.js keyword", "settings": { "foreground": "#ff0000" } },
      { "scope": "string.quoted", "settings": { "foreground": "not a colour" } },
      { "scope": "url(\\"//x\\")", "settings": { "foreground": "#123456" } }
    ]
  }`,
};

const reader = (files: Record<string, string>) => ({
  read: async (file: string) => {
    if (!(file in files)) throw new Error(`ENOENT ${file}`);
    return files[file];
  },
});

describe('theme token colours', () => {
  it('parses JSON with comments, trailing commas and comment-like text inside strings', () => {
    assert.deepEqual(parseJsonc('{ // c\n "a": "http://x", /* b */ "b": [1, 2,], }'), { a: 'http://x', b: [1, 2] });
    assert.deepEqual(parseJsonc('{"s": "a \\" // not a comment", }'), { s: 'a " // not a comment' });
    assert.equal(parseJsonc('{ broken'), undefined);
  });

  it('follows includes (the including theme wins) and maps scopes to highlighter classes: keyword and string differ', async () => {
    const rules = await loadTokenColorRules('/themes/dark_modern.json', '/', reader(FILES));
    const colors = tokenColorsFor(rules);
    assert.equal(colors.keyword, '#569cd6');
    assert.equal(colors.string, '#ce9178');
    assert.notEqual(colors.keyword, colors.string);
    assert.equal(colors.comment, '#6A9955');
    assert.equal(colors.number, '#b5cea8', 'comma-separated selectors');
    assert.equal(colors['title-function'], '#DCDCAA', 'from the included Dark+');
    assert.equal(colors.params, '#9CDCFE', 'falls back to a broader scope (variable)');
  });

  it('picks the most specific selector, later rules winning ties; ignores descendant selectors and bad colours', () => {
    const rules = [
      { scope: 'keyword', settings: { foreground: '#111111' } },
      { scope: 'keyword.control', settings: { foreground: '#222222' } },
      { scope: 'keyword', settings: { foreground: '#333333' } },
      { scope: 'source.ts keyword.control', settings: { foreground: '#444444' } },
      { scope: 'keyword.control.flow', settings: { foreground: 'red' } },
    ];
    assert.equal(colorOf(rules, 'keyword'), '#333333');
    assert.equal(colorOf(rules, 'keyword.control.flow.ts'), '#222222');
    assert.equal(colorOf(rules, 'keywords'), undefined, 'a selector matches whole segments only');
  });

  it('a missing include, a cycle, an include outside the extension or a broken file contributes nothing and says so', async () => {
    const warnings: string[] = [];
    const files = {
      '/a.json': '{ "include": "./b.json", "tokenColors": [{ "scope": "string", "settings": { "foreground": "#abcdef" } }] }',
      '/b.json': '{ "include": "./a.json", "tokenColors": [{ "scope": "keyword", "settings": { "foreground": "#123456" } }] }',
      '/c.json': '{ "include": "../../etc/passwd", "tokenColors": "not a list" }',
      '/d.json': '{ "include": "./missing.json" }',
      '/e.json': '[1, 2]',
    };
    const colors = tokenColorsFor(await loadTokenColorRules('/a.json', '/', reader(files), (m) => warnings.push(m)));
    assert.deepEqual([colors.string, colors.keyword], ['#abcdef', '#123456'], 'the cycle stops, both files count');
    assert.deepEqual(await loadTokenColorRules('/ext/c.json', '/ext', reader({ '/ext/c.json': files['/c.json'] }), (m) => warnings.push(m)), []);
    assert.deepEqual(await loadTokenColorRules('/d.json', '/', reader(files), (m) => warnings.push(m)), []);
    assert.deepEqual(await loadTokenColorRules('/e.json', '/', reader(files), (m) => warnings.push(m)), []);
    assert.ok(warnings.some((w) => /outside its extension/.test(w)));
    assert.ok(warnings.some((w) => /missing\.json could not be read/.test(w)));
    assert.ok(warnings.some((w) => /e\.json is not a JSON object/.test(w)));
  });

  it('finds the configured theme by id or label, ignoring a "Default " prefix; another kind or an unknown name gets the kind default', () => {
    const themes: ThemeContribution[] = [
      { root: '/', id: 'Dark Modern', label: '%darkModern%', uiTheme: 'vs-dark', path: 'dm.json' },
      { root: '/', id: 'Light Modern', uiTheme: 'vs', path: 'lm.json' },
      { root: '/', label: 'Solarized Dark', uiTheme: 'vs-dark', path: 'sd.json' },
      { root: '/', id: 'Default High Contrast', uiTheme: 'hc-black', path: 'hc.json' },
    ];
    assert.equal(findThemeContribution(themes, 'Default Dark Modern', 'dark')?.path, 'dm.json');
    assert.equal(findThemeContribution(themes, 'Solarized Dark', 'dark')?.path, 'sd.json');
    assert.equal(findThemeContribution(themes, 'Solarized Dark', 'highContrast')?.path, 'hc.json', 'OS high contrast overrides the setting');
    assert.equal(findThemeContribution(themes, 'No Such Theme', 'light')?.path, 'lm.json');
  });
});
