// The editor's own token colours for the chat's code blocks: a colour theme's `tokenColors` (its
// JSON, with comments and trailing commas, following `include`s) mapped onto the classes the
// highlighter emits. Theme files come from any installed extension, so they are read as untrusted
// input: a file that cannot be read or parsed contributes nothing, includes stay inside the
// theme's extension and stop at a fixed depth, and only `#rgb[a]`/`#rrggbb[aa]` colours pass.
import * as path from 'node:path';
import type { TokenColors } from '../../shared/protocol';

export interface TokenColorRule {
  /** Selectors as in TextMate themes: one string (comma-separated) or a list. */
  scope?: string | string[];
  settings?: { foreground?: string };
}

/**
 * Highlighter class → the TextMate scopes that colour the same thing in the editor, most fitting
 * first. The first scope any rule of the theme matches gives the class its colour.
 */
export const HIGHLIGHT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  keyword: ['keyword', 'storage.type', 'storage.modifier'],
  'built_in': ['support.function', 'support.class', 'entity.name.function'],
  type: ['entity.name.type', 'support.type', 'storage.type'],
  literal: ['constant.language', 'constant'],
  number: ['constant.numeric', 'constant'],
  string: ['string'],
  regexp: ['string.regexp', 'string'],
  symbol: ['constant.other.symbol', 'constant'],
  comment: ['comment'],
  doctag: ['storage.type.class.jsdoc', 'comment'],
  meta: ['meta.preprocessor', 'keyword.control.directive', 'keyword'],
  'title-function': ['entity.name.function', 'support.function'],
  'title-class': ['entity.name.type.class', 'entity.name.class', 'entity.name.type'],
  params: ['variable.parameter', 'variable'],
  variable: ['variable.other', 'variable'],
  property: ['variable.other.property', 'support.type.property-name', 'variable'],
  attr: ['support.type.property-name', 'entity.other.attribute-name'],
  attribute: ['entity.other.attribute-name'],
  tag: ['entity.name.tag'],
  name: ['entity.name.tag'],
  'selector-tag': ['entity.name.tag.css', 'entity.name.tag'],
  'selector-class': ['entity.other.attribute-name.class.css', 'entity.other.attribute-name'],
  operator: ['keyword.operator'],
  section: ['markup.heading', 'entity.name.section'],
  bullet: ['markup.list', 'punctuation.definition.list.begin.markdown'],
  link: ['markup.underline.link', 'string.other.link'],
  addition: ['markup.inserted'],
  deletion: ['markup.deleted'],
  subst: ['meta.embedded', 'variable'],
};

const COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const MAX_INCLUDE_DEPTH = 8;
const MAX_RULES = 5000;

/** JSON with comments and trailing commas, as VS Code reads theme files; undefined when not parseable. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '"') {
      // Copy a string verbatim, escapes included.
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else {
      out += ch;
      i++;
    }
  }
  // Trailing commas before a closing bracket (strings are intact, so a comma inside one is safe:
  // the pattern needs only whitespace between the comma and the bracket).
  out = out.replace(/,(\s*[\]}])/g, '$1');
  try {
    return JSON.parse(out.charCodeAt(0) === 0xfeff ? out.slice(1) : out);
  } catch {
    return undefined;
  }
}

export interface ThemeFileReader {
  /** The file's text (a path inside the theme's extension, `/`-separated). */
  read(file: string): Promise<string>;
}

/**
 * The theme's token colour rules, included themes' first (the including theme's rules win).
 * `root` is the extension's folder: an include that leaves it is ignored. Never throws; each
 * problem is reported to `warn` and skipped.
 */
export async function loadTokenColorRules(file: string, root: string, reader: ThemeFileReader, warn: (message: string) => void = () => undefined): Promise<TokenColorRule[]> {
  const seen = new Set<string>();
  const load = async (current: string, depth: number): Promise<TokenColorRule[]> => {
    if (depth > MAX_INCLUDE_DEPTH || seen.has(current)) return [];
    seen.add(current);
    let theme: unknown;
    try {
      theme = parseJsonc(await reader.read(current));
    } catch (e) {
      warn(`the theme file ${current} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
    if (!isRecord(theme)) {
      warn(`the theme file ${current} is not a JSON object`);
      return [];
    }
    const rules: TokenColorRule[] = [];
    if (typeof theme.include === 'string') {
      const included = path.posix.normalize(path.posix.join(path.posix.dirname(current), theme.include));
      if (isInside(included, root)) rules.push(...(await load(included, depth + 1)));
      else warn(`the theme file ${current} includes ${theme.include}, outside its extension; ignored`);
    }
    if (Array.isArray(theme.tokenColors)) rules.push(...theme.tokenColors.filter(isRecord).slice(0, MAX_RULES));
    return rules;
  };
  return load(path.posix.normalize(file), 0);
}

function isInside(file: string, root: string): boolean {
  const r = path.posix.normalize(root).replace(/\/$/, '');
  return file === r || file.startsWith(`${r}/`);
}

/** The colour each highlighter class gets from `rules`, for the classes the theme colours. */
export function tokenColorsFor(rules: readonly TokenColorRule[]): TokenColors {
  const out: TokenColors = {};
  for (const [cls, scopes] of Object.entries(HIGHLIGHT_SCOPES)) {
    for (const scope of scopes) {
      const color = colorOf(rules, scope);
      if (color) {
        out[cls] = color;
        break;
      }
    }
  }
  return out;
}

/**
 * The foreground the theme gives `scope`: the rule whose selector matches it most specifically
 * (most dot-separated parts); among equals the later rule, as in TextMate. Only plain selectors
 * count: a descendant selector (`source.js keyword`) colours only inside its context.
 */
export function colorOf(rules: readonly TokenColorRule[], scope: string): string | undefined {
  let best: { parts: number; color: string } | undefined;
  for (const rule of rules) {
    const color = rule.settings?.foreground;
    if (typeof color !== 'string' || !COLOR.test(color.trim())) continue;
    for (const selector of selectorsOf(rule.scope)) {
      if (selector !== scope && !scope.startsWith(`${selector}.`)) continue;
      const parts = selector.split('.').length;
      if (!best || parts >= best.parts) best = { parts, color: color.trim() };
    }
  }
  return best?.color;
}

function selectorsOf(scope: TokenColorRule['scope']): string[] {
  const list = typeof scope === 'string' ? scope.split(',') : Array.isArray(scope) ? scope.filter((s): s is string => typeof s === 'string') : [];
  return list.map((s) => s.trim()).filter((s) => s && !/\s/.test(s) && !s.startsWith('-'));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The colour theme VS Code uses for a theme kind when the configured one cannot be found. */
export const DEFAULT_THEME_BY_KIND = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  highContrast: 'Default High Contrast',
  highContrastLight: 'Default High Contrast Light',
} as const;

/** `uiTheme` in a theme contribution → its kind. */
export function themeKindOf(uiTheme: unknown): keyof typeof DEFAULT_THEME_BY_KIND | undefined {
  switch (uiTheme) {
    case 'vs':
      return 'light';
    case 'vs-dark':
      return 'dark';
    case 'hc-black':
      return 'highContrast';
    case 'hc-light':
      return 'highContrastLight';
    default:
      return undefined;
  }
}

export interface ThemeContribution {
  /** The extension's folder. */
  root: string;
  /** `id` (or `label`) as `workbench.colorTheme` names it, the label, the `uiTheme` and the file. */
  id?: string;
  label?: string;
  uiTheme?: string;
  path: string;
}

/**
 * The contribution the setting names (by id, then label) when it is of `kind`; else the kind's
 * default theme. Built-in themes have been renamed between releases (`Default Dark Modern` is
 * `Dark Modern` in newer ones, and the setting is migrated), so a leading `Default ` is not significant.
 */
export function findThemeContribution(themes: readonly ThemeContribution[], configured: string | undefined, kind: keyof typeof DEFAULT_THEME_BY_KIND): ThemeContribution | undefined {
  const bare = (name: string | undefined) => name?.replace(/^Default /, '');
  const named = (name: string) =>
    themes.find((t) => (t.id ?? t.label) === name) ?? themes.find((t) => t.label === name) ?? themes.find((t) => bare(t.id ?? t.label) === bare(name));
  const wanted = configured ? named(configured) : undefined;
  if (wanted && themeKindOf(wanted.uiTheme) === kind) return wanted;
  return named(DEFAULT_THEME_BY_KIND[kind]);
}
