// The running summary of what an agent reply did with its tools ("Read 3 files, searched twice,
// edited 1 file, ran get_issue"), from the calls' stable names (built-in tools), an acting kind, or
// for any other tool its own name, as Copilot Chat says them. Files are counted once however many
// calls read or changed them. Only finished calls count; refused and failed ones are said as such,
// so nothing is claimed that did not happen.
import type { WireToolCall } from '../../src/shared/protocol';

/** One thing a reply can have done, and how it is said for a count. */
interface Activity {
  /** Counted in distinct files (by the call's `path`): "read 1 file", "read 3 files". */
  files?: [verb: string];
  /** Counted in calls: "ran 1 command", "ran 2 commands". */
  nouns?: [verb: string, one: string, many: string];
  /** Counted in times: "listed files", "listed files twice", "listed files 4 times"; `one` when once is said otherwise. */
  verb?: string;
  one?: string;
}

const READ_FILES: Activity = { files: ['read'] };
const LISTED: Activity = { verb: 'listed files' };
// "searched" alone reads unfinished: once is said.
const SEARCHED: Activity = { verb: 'searched', one: 'searched once' };
const PROBLEMS: Activity = { verb: 'checked for problems' };
const SYMBOLS: Activity = { verb: 'looked up symbols' };
const EDITOR: Activity = { verb: 'looked at the editor' };
const DIFF: Activity = { verb: 'read the diff' };
const EDITED: Activity = { files: ['edited'] };
const CREATED: Activity = { files: ['created'] };
const RAN: Activity = { nouns: ['ran', 'command', 'commands'] };

/** The built-in tools by their stable names; a tool not named here is counted by its kind. */
const BY_NAME: Readonly<Record<string, Activity>> = {
  read_file: READ_FILES,
  list_files: LISTED,
  search_text: SEARCHED,
  get_diagnostics: PROBLEMS,
  document_symbols: SYMBOLS,
  workspace_symbols: SYMBOLS,
  active_editor: EDITOR,
  git_diff: DIFF,
  propose_edit: EDITED,
  create_file: CREATED,
  run_in_terminal: RAN,
};

const BY_KIND: Readonly<Partial<Record<NonNullable<WireToolCall['kind']>, Activity>>> = {
  edit: EDITED,
  create: CREATED,
  terminal: RAN,
};

/** More tools of other extensions than this are counted together ("ran 3 extension tools"), not named. */
const NAMED_TOOLS = 2;

/** The activity of a built-in tool or a kind it can be counted by; undefined for a tool said by its name. */
function activityOf(call: WireToolCall): Activity | undefined {
  return (Object.hasOwn(BY_NAME, call.name) ? BY_NAME[call.name] : undefined) ?? (call.kind ? BY_KIND[call.kind] : undefined);
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** The file a call names, so two calls on one file count it once; the call itself when it names none. */
function fileOf(call: WireToolCall): string {
  try {
    const path = (JSON.parse(call.input) as { path?: unknown } | null)?.path;
    if (typeof path === 'string' && path.trim()) return `path:${path.trim().replace(/^\.\//, '')}`;
  } catch {
    // Input that is not JSON names no file.
  }
  return `call:${call.id}`;
}

function phrase(activity: Activity, calls: readonly WireToolCall[]): string {
  const n = calls.length;
  if (activity.files) {
    const files = new Set(calls.map(fileOf)).size;
    return `${activity.files[0]} ${files} ${files === 1 ? 'file' : 'files'}`;
  }
  if (activity.nouns) {
    const [verb, one, many] = activity.nouns;
    return `${verb} ${n} ${n === 1 ? one : many}`;
  }
  if (n === 1) return activity.one ?? activity.verb!;
  return `${activity.verb} ${times(n)}`;
}

/** Tools of other extensions and MCP servers, said by name as Copilot Chat does ("ran get_issue twice"); many are counted. */
function otherTools(byName: ReadonlyMap<string, number>): string[] {
  if (byName.size > NAMED_TOOLS) return [`ran ${byName.size} extension tools`];
  return [...byName].map(([name, n]) => (n === 1 ? `ran ${name}` : `ran ${name} ${times(n)}`));
}

/**
 * What the calls did so far, in the order each kind of activity first happened; '' when nothing
 * finished or was refused yet.
 */
export function agentSummary(calls: readonly WireToolCall[]): string {
  const done = new Map<Activity | 'other', WireToolCall[]>();
  const other = new Map<string, number>();
  let failed = 0;
  let denied = 0;
  for (const call of calls) {
    if (call.status === 'done') {
      const a = activityOf(call) ?? 'other';
      done.set(a, [...(done.get(a) ?? []), call]);
      if (a === 'other') other.set(call.name, (other.get(call.name) ?? 0) + 1);
    } else if (call.status === 'failed') failed++;
    else if (call.status === 'denied') denied++;
  }
  const parts = [...done].flatMap(([a, group]) => (a === 'other' ? otherTools(other) : [phrase(a, group)]));
  if (failed) parts.push(`${failed} ${failed === 1 ? 'tool' : 'tools'} failed`);
  if (denied) parts.push(`${denied} denied`);
  const text = parts.join(', ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : '';
}
