import * as assert from 'node:assert/strict';
import type { ClassifiedError } from '../../../../src/core/bedrock/errors/classifiedError';
import { errorAction } from '../../../../src/core/bedrock/errors/classifiedError';
import { catalogProblem, explorerMessage, type ExplorerStatusInput } from '../../../../src/core/explorer/explorerStatus';

const error = (kind: ClassifiedError['kind'], message = 'It failed.'): ClassifiedError => ({ kind, message, action: errorAction('none') });

describe('explorer status: which welcome view, which message', () => {
  it('maps each failure kind to its welcome view', () => {
    assert.equal(catalogProblem(undefined, () => true), '');
    assert.equal(catalogProblem(error('credentials'), () => true), 'noCredentials');
    assert.equal(catalogProblem(error('accessDenied'), () => true), 'accessDenied');
    assert.equal(catalogProblem(error('untrustedEndpoint'), () => true), 'untrustedEndpoint');
    assert.equal(catalogProblem(error('throttled'), () => true), 'other');
  });

  it('a network failure is "no Bedrock here" only in a region without Bedrock', () => {
    assert.equal(catalogProblem(error('network'), () => true), 'network');
    assert.equal(catalogProblem(error('network'), () => false), 'noBedrock');
  });

  const base: ExplorerStatusInput = { state: 'fresh', count: 3, visibleGroups: 2, error: undefined, problem: '', fetchedAt: undefined };

  it('says nothing over a good list', () => assert.equal(explorerMessage(base), undefined));

  it('says "Loading models…" only while an empty list refreshes', () => {
    assert.equal(explorerMessage({ ...base, state: 'refreshing', count: 0 }), 'Loading models…');
    assert.equal(explorerMessage({ ...base, state: 'refreshing' }), undefined);
  });

  it('keeps the old list on a failed refresh and says since when, redacted', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const m = explorerMessage({ ...base, error: error('network', 'Timed out with key AKIAIOSFODNN7EXAMPLE.'), problem: 'network', fetchedAt: at });
    assert.ok(m?.startsWith('Refresh failed: Timed out with key '), m);
    assert.ok(!m?.includes('AKIAIOSFODNN7EXAMPLE'), m);
    assert.ok(m?.endsWith(`Showing the list from ${new Date(at).toLocaleString()}.`), m);
    assert.match(explorerMessage({ ...base, error: error('network'), problem: 'network' }) ?? '', /from an earlier session\.$/);
  });

  it('an empty list with a known problem leaves the words to its welcome view', () => {
    assert.equal(explorerMessage({ ...base, count: 0, visibleGroups: 0, error: error('credentials'), problem: 'noCredentials' }), undefined);
    assert.equal(explorerMessage({ ...base, count: 0, visibleGroups: 0, error: error('throttled', 'Slow down.'), problem: 'other' }), 'Could not list models: Slow down.');
  });

  it('says the active filter and what it leaves; a filter that hides every model is left to the welcome view (with Clear Filter)', () => {
    const filter = { text: 'Filter: “titan”', shown: 6, total: 130 };
    assert.equal(explorerMessage({ ...base, filter }), 'Filter: “titan” · 6 of 130 models');
    assert.equal(explorerMessage({ ...base, visibleGroups: 0, filter: { ...filter, shown: 0 } }), undefined);
  });
});
