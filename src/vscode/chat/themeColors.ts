// The active colour theme's token colours for the chat's code blocks: the theme's own JSON read
// from the extension that contributes it (VS Code gives extensions no API for token colours), and
// read again when the theme changes.
import * as vscode from 'vscode';
import { Emitter } from '../../core/emitter';
import { findThemeContribution, loadTokenColorRules, tokenColorsFor, type DEFAULT_THEME_BY_KIND, type ThemeContribution } from '../../core/chat/themeTokenColors';
import { readColorThemeSetting } from '../settings';
import type { TokenColors } from '../../shared/protocol';

const KIND: Record<vscode.ColorThemeKind, keyof typeof DEFAULT_THEME_BY_KIND> = {
  [vscode.ColorThemeKind.Light]: 'light',
  [vscode.ColorThemeKind.Dark]: 'dark',
  [vscode.ColorThemeKind.HighContrast]: 'highContrast',
  [vscode.ColorThemeKind.HighContrastLight]: 'highContrastLight',
};

export class ThemeTokenColors implements vscode.Disposable {
  private current: Promise<TokenColors> | undefined;
  private readonly changed = new Emitter<TokenColors>();
  private readonly subscription: vscode.Disposable;
  /** Fires with the new colours after the colour theme changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log?: vscode.LogOutputChannel) {
    this.subscription = vscode.window.onDidChangeActiveColorTheme(() => {
      this.current = undefined;
      void this.colors().then((c) => this.changed.fire(c));
    });
  }

  /** The colours for the active theme (read once per theme); empty when the theme cannot be read. */
  colors(): Promise<TokenColors> {
    this.current ??= this.read().catch((e: unknown) => {
      this.log?.warn(`chat: the colour theme's token colours could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return {};
    });
    return this.current;
  }

  private async read(): Promise<TokenColors> {
    const themes: Array<ThemeContribution & { extension: vscode.Extension<unknown> }> = [];
    for (const extension of vscode.extensions.all) {
      const contributed: unknown = (extension.packageJSON as { contributes?: { themes?: unknown } } | undefined)?.contributes?.themes;
      if (!Array.isArray(contributed)) continue;
      for (const t of contributed as Array<Record<string, unknown>>) {
        if (typeof t?.path !== 'string') continue;
        themes.push({
          extension,
          root: '/',
          id: typeof t.id === 'string' ? t.id : undefined,
          label: typeof t.label === 'string' ? t.label : undefined,
          uiTheme: typeof t.uiTheme === 'string' ? t.uiTheme : undefined,
          path: t.path,
        });
      }
    }
    const configured = readColorThemeSetting();
    const theme = findThemeContribution(themes, configured, KIND[vscode.window.activeColorTheme.kind]) as (typeof themes)[number] | undefined;
    if (!theme) return {};
    const root = theme.extension.extensionUri;
    // Paths are read relative to the extension's folder, which is `/` to the loader: an include
    // cannot climb out of it.
    const rules = await loadTokenColorRules(`/${theme.path.replace(/^\.?\//, '')}`, '/', {
      read: async (file) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, file))),
    }, (message) => this.log?.warn(`chat: ${message}`));
    return tokenColorsFor(rules);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
