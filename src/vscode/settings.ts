// The one place the extension reads and writes its settings. Keys, types, defaults and ranges come
// from the table in core; every value is validated on read, and a bad one is replaced (default or
// range bound) and reported once: a log line and a warning with "Open Settings". Settings that
// decide where credentials go are read from user settings only.
import * as vscode from 'vscode';
import { Emitter } from '../core/emitter';
import { SETTING_NAMES, SETTINGS, type SettingName, type SettingSpec, type SettingValue } from '../core/settings/settingsTable';
import { checkSetting, showValue } from '../core/settings/settingsValidation';
import { MAX_SETTINGS_FILE, userOnlySettingsIn } from '../core/settings/workspaceSettingsFile';
import { showErrorMessage, showWarningMessage } from './notify';

const OPEN_SETTINGS = 'Open Settings';

/** Problems already reported, so each distinct one reaches the user once per session. */
const reported = new Set<string>();
const noticeEmitter = new Emitter<string>();
let log: vscode.LogOutputChannel | undefined;

/** Fires with each setting problem the first time it is reported. */
export const onDidReportSettingProblem = noticeEmitter.event;
/** Every setting problem reported so far, in order (the in-extension-host tests read it). */
export const reportedSettingProblems: string[] = [];

function report(key: string, problem: string): void {
  if (reported.has(problem)) return;
  reported.add(problem);
  reportedSettingProblems.push(problem);
  log?.warn(`Setting ignored: ${problem}`);
  // Shown without waiting: reading a setting never blocks on, or fails because of, a notification.
  Promise.resolve(showWarningMessage(problem, OPEN_SETTINGS)).then(
    (pick) => pick && vscode.commands.executeCommand('workbench.action.openSettings', key),
    () => undefined,
  );
  noticeEmitter.fire(problem);
}

function reportWorkspaceValue(spec: SettingSpec, value: unknown): void {
  report(
    spec.key,
    `This workspace's settings set \`${spec.key}\` to ${showValue(value)}. It is ignored: ${spec.userOnlyBecause ?? 'only your user settings choose where your credentials are sent and which are used'}.`,
  );
}

function sectionAndKey(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}

function rawValue(spec: SettingSpec): unknown {
  const [section, key] = sectionAndKey(spec.key);
  const cfg = vscode.workspace.getConfiguration(section);
  if (!('userOnly' in spec)) return cfg.get(key);
  // VS Code already keeps machine-scoped values out of workspace settings; reading only the user
  // and default values holds even when it doesn't (an older host, a value nested as an object).
  const seen = cfg.inspect(key);
  const fromWorkspace = seen?.workspaceFolderValue !== undefined ? seen.workspaceFolderValue : seen?.workspaceValue;
  if (fromWorkspace !== undefined) reportWorkspaceValue(spec, fromWorkspace);
  return seen?.globalValue !== undefined ? seen.globalValue : seen?.defaultValue;
}

/** The setting's current, validated value: a number in range, or a trimmed string ('' = not set). */
export function readSetting<N extends SettingName>(name: N): SettingValue<N> {
  const spec: SettingSpec = SETTINGS[name];
  const { value, problem } = checkSetting(spec, rawValue(spec));
  if (problem) report(spec.key, problem);
  return value as SettingValue<N>;
}

/**
 * The value as written (trimmed; user settings only for a user-only setting), unchecked: for a
 * command that refuses a bad value with its own message rather than falling back.
 */
export function readSettingAsWritten(name: SettingName): string | undefined {
  const raw = rawValue(SETTINGS[name]);
  return typeof raw === 'string' ? raw.trim() || undefined : undefined;
}

/** Calls `listener` after any of the named settings changed. */
export function onDidChangeSettings(names: readonly SettingName[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (names.some((n) => e.affectsConfiguration(SETTINGS[n].key))) listener();
  });
}

/**
 * Writes a setting to user settings; on failure the old value stays and the user is told what
 * happened and what to do (a read-only settings file, a policy-managed setting, …).
 */
export async function updateSetting<N extends SettingName>(name: N, value: SettingValue<N>, what: string): Promise<boolean> {
  const [section, key] = sectionAndKey(SETTINGS[name].key);
  try {
    await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
    return true;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    void showErrorMessage(`Could not save ${what} (${reason}). The previous setting is unchanged; check that your user settings file is writable, then try again.`);
    return false;
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_SETTINGS_FILE) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // no settings file: nothing to report
  }
}

/** Finds user-only settings in the open workspace's settings files, which VS Code hides from us. */
async function scanWorkspaceSettingsFiles(): Promise<void> {
  try {
    const files: [vscode.Uri, string | undefined][] = (vscode.workspace.workspaceFolders ?? []).map((f) => [vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'), undefined]);
    const workspaceFile = vscode.workspace.workspaceFile;
    if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push([workspaceFile, 'settings']);
    for (const [uri, section] of files) {
      const text = await readText(uri);
      if (text === undefined) continue;
      for (const [name, value] of userOnlySettingsIn(text, section)) reportWorkspaceValue(SETTINGS[name], value);
    }
  } catch (e) {
    // Only a warning is lost: the settings themselves are still read from user settings only.
    log?.warn(`Could not check the workspace settings files: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkAll(): void {
  for (const name of SETTING_NAMES) readSetting(name);
  void scanWorkspaceSettingsFiles();
}

/**
 * Reports bad setting values as soon as they appear (at activation, on every settings change, when
 * a workspace settings file changes) rather than when a request first reads them.
 */
export function watchSettings(channel: vscode.LogOutputChannel): vscode.Disposable {
  log = channel;
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
  const subs = [
    watcher,
    watcher.onDidCreate(() => void scanWorkspaceSettingsFiles()),
    watcher.onDidChange(() => void scanWorkspaceSettingsFiles()),
    vscode.workspace.onDidChangeConfiguration(checkAll),
    vscode.workspace.onDidChangeWorkspaceFolders(checkAll),
  ];
  // After activation: the first paint doesn't wait for a check of settings it doesn't read.
  const initial = setTimeout(checkAll, 0);
  return new vscode.Disposable(() => {
    clearTimeout(initial);
    for (const s of subs) s.dispose();
    log = undefined;
  });
}

/** VS Code's own `workbench.colorTheme` (the chat colours code blocks like the theme); undefined when not a name. */
export function readColorThemeSetting(): string | undefined {
  const value: unknown = vscode.workspace.getConfiguration('workbench').get('colorTheme');
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

/**
 * The globs VS Code's own `files.exclude` or `search.exclude` set to `true` for `scope` (a folder);
 * conditional entries (`{ "when": … }`) and anything malformed are skipped.
 */
export function readExcludeGlobs(setting: 'files.exclude' | 'search.exclude', scope?: vscode.Uri): string[] {
  const [section, key] = sectionAndKey(setting);
  const value: unknown = vscode.workspace.getConfiguration(section, scope).get(key);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([glob, on]) => (on === true && glob.length > 0 && glob.length <= 1000 ? [glob] : []));
}
