// What the model explorer says about the catalog's state: why the list is empty (which welcome
// view to show) and the one-line message above the tree. Pure, so the choice is unit-tested.
import type { CatalogState } from '../bedrock/catalog/catalogSnapshot';
import type { ClassifiedError } from '../bedrock/errors/classifiedError';
import { redact } from '../bedrock/errors/redact';

/** Why the list is empty, for the welcome views (`bedrock.models.problem` context key). */
export type CatalogProblem = 'noCredentials' | 'accessDenied' | 'noBedrock' | 'network' | 'untrustedEndpoint' | 'other' | '';

/** The problem behind a failed refresh; a network failure in a region without Bedrock is `noBedrock`. */
export function catalogProblem(error: ClassifiedError | undefined, regionHasBedrock: () => boolean): CatalogProblem {
  if (!error) return '';
  switch (error.kind) {
    case 'credentials':
      return 'noCredentials';
    case 'accessDenied':
      return 'accessDenied';
    case 'untrustedEndpoint':
      return 'untrustedEndpoint';
    case 'network':
      return regionHasBedrock() ? 'network' : 'noBedrock';
    default:
      return 'other';
  }
}

export interface ExplorerStatusInput {
  state: CatalogState;
  /** Models and profiles in the catalog (before the filter). */
  count: number;
  /** Provider groups left after the filter. */
  visibleGroups: number;
  error: ClassifiedError | undefined;
  problem: CatalogProblem;
  /** When the shown list was fetched, ms since the epoch. */
  fetchedAt: number | undefined;
  /** The active filter in words, and how many models it leaves of how many. */
  filter?: { text: string; shown: number; total: number };
}

/** The message above the tree, or undefined for none (an empty list with a known problem, or no match, has its welcome view instead). */
export function explorerMessage(s: ExplorerStatusInput): string | undefined {
  if (s.state === 'refreshing') return s.count ? undefined : 'Loading models…';
  if (s.error && s.count) {
    const when = s.fetchedAt ? new Date(s.fetchedAt).toLocaleString() : 'an earlier session';
    return `Refresh failed: ${redact(s.error.message)} Showing the list from ${when}.`;
  }
  if (s.error && s.problem === 'other') return `Could not list models: ${redact(s.error.message)}`;
  // No match: the welcome view says so, with Clear Filter. Otherwise the filter is said here, as a
  // view alone in its container has no header to show its description in.
  if (s.count && s.visibleGroups === 0) return undefined;
  if (s.filter) return `${s.filter.text} · ${s.filter.shown} of ${s.filter.total} models`;
  return undefined;
}
