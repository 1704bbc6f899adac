// The running summary of what an agent reply did with its tools ("Read 3 files, searched twice,
// edited 1 file"), from the calls' stable names (built-in tools) or, for any other tool, its kind.
// Only finished calls count; refused and failed ones are said as such, so nothing is claimed that
// did not happen.
import type { WireToolCall } from '../../src/shared/protocol';

/** One thing a reply can have done, and how it is said for a count. */
interface Activity {
  /** Counted in files: "read 1 file", "read 3 files". */
  nouns?: [verb: string, one: string, many: string];
  /** Counted in times: "searched once", "searched twice", "searched 4 times". */
  verb?: string;
}

const READ_FILES: Activity = { nouns: ['read', 'file', 'files'] };
const LISTED: Activity = { verb: 'listed files' };
const SEARCHED: Activity = { verb: 'searched' };
const PROBLEMS: Activity = { verb: 'checked problems' };
const SYMBOLS: Activity = { verb: 'looked up symbols' };
const EDITOR: Activity = { verb: 'looked at the editor' };
const DIFF: Activity = { verb: 'read the diff' };
const EDITED: Activity = { nouns: ['edited', 'file', 'files'] };
const CREATED: Activity = { nouns: ['created', 'file', 'files'] };
const RAN: Activity = { nouns: ['ran', 'command', 'commands'] };
const EXTERNAL: Activity = { nouns: ['used', 'extension tool', 'extension tools'] };
const OTHER_READ: Activity = { nouns: ['used', 'read tool', 'read tools'] };

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

const BY_KIND: Readonly<Record<NonNullable<WireToolCall['kind']>, Activity>> = {
  read: OTHER_READ,
  edit: EDITED,
  create: CREATED,
  terminal: RAN,
  external: EXTERNAL,
};

function activityOf(call: WireToolCall): Activity {
  return (Object.hasOwn(BY_NAME, call.name) ? BY_NAME[call.name] : undefined) ?? BY_KIND[call.kind ?? 'external'] ?? EXTERNAL;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function phrase(activity: Activity, n: number): string {
  if (activity.nouns) {
    const [verb, one, many] = activity.nouns;
    return `${verb} ${n} ${n === 1 ? one : many}`;
  }
  return `${activity.verb} ${times(n)}`;
}

/**
 * What the calls did so far, in the order each kind of activity first happened; '' when nothing
 * finished or was refused yet.
 */
export function agentSummary(calls: readonly WireToolCall[]): string {
  const counts = new Map<Activity, number>();
  let failed = 0;
  let denied = 0;
  for (const call of calls) {
    if (call.status === 'done') {
      const a = activityOf(call);
      counts.set(a, (counts.get(a) ?? 0) + 1);
    } else if (call.status === 'failed') failed++;
    else if (call.status === 'denied') denied++;
  }
  const parts = [...counts].map(([a, n]) => phrase(a, n));
  if (failed) parts.push(`${failed} ${failed === 1 ? 'tool' : 'tools'} failed`);
  if (denied) parts.push(`${denied} denied`);
  const text = parts.join(', ');
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}
