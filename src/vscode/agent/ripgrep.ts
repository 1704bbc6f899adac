// Runs the ripgrep that ships with VS Code (VS Code has no stable text-search API for extensions).
// Always an argument vector, never a shell line: the query comes from a model.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

let cached: string | null | undefined;

/** The path of VS Code's bundled rg, or undefined when this VS Code has none where we look. */
export function bundledRipgrep(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  const root = vscode.env.appRoot;
  // Where VS Code releases have kept it: @vscode/ripgrep (packed or not), and in newer builds
  // @vscode/ripgrep-universal with one binary per platform.
  const candidates = ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    join(root, modules, '@vscode', 'ripgrep', 'bin', exe),
    join(root, modules, '@vscode', 'ripgrep-universal', 'bin', `${process.platform}-${process.arch}`, exe),
    join(root, modules, 'vscode-ripgrep', 'bin', exe),
  ]);
  cached = candidates.find((p) => existsSync(p)) ?? null;
  return cached ?? undefined;
}

export interface RipgrepMatch {
  /** Path as rg printed it, relative to the folder it ran in. */
  path: string;
  line: number;
  text: string;
}

/**
 * Runs `rg --json` in `cwd` and collects matches until `limit` (then stops rg); resolves with the
 * matches and whether it stopped early. Rejects on a failure rg reports (a bad regex, …).
 */
export function runRipgrep(rg: string, args: readonly string[], cwd: string, limit: number, signal: AbortSignal, accept: (m: RipgrepMatch) => boolean): Promise<{ matches: RipgrepMatch[]; limitHit: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(rg, ['--json', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const matches: RipgrepMatch[] = [];
    let limitHit = false;
    let buffered = '';
    let stderr = '';
    const stop = () => child.kill();
    signal.addEventListener('abort', stop, { once: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0 && !limitHit) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = parseMatch(line);
        if (!m || !accept(m)) continue;
        matches.push(m);
        if (matches.length >= limit) {
          limitHit = true;
          stop();
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.on('error', (e) => {
      signal.removeEventListener('abort', stop);
      reject(e);
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', stop);
      if (signal.aborted) reject(new Error('cancelled'));
      // 0: matches, 1: none; 2 with matches: some files could not be read (kept as a partial answer).
      else if (code === 0 || code === 1 || limitHit || (code === 2 && matches.length)) resolve({ matches, limitHit });
      else reject(new Error(stderr.trim().split('\n')[0] || `ripgrep exited with code ${code}`));
    });
  });
}

function parseMatch(line: string): RipgrepMatch | undefined {
  try {
    const event = JSON.parse(line) as { type?: string; data?: { path?: { text?: string }; lines?: { text?: string }; line_number?: number } };
    if (event.type !== 'match' || !event.data) return undefined;
    const path = event.data.path?.text;
    const text = event.data.lines?.text;
    const lineNumber = event.data.line_number;
    if (typeof path !== 'string' || typeof text !== 'string' || typeof lineNumber !== 'number') return undefined;
    return { path: path.replace(/^\.[\\/]/, '').replace(/\\/g, '/'), line: lineNumber, text: text.replace(/\r?\n$/, '') };
  } catch {
    return undefined;
  }
}
