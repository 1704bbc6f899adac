import * as assert from 'node:assert/strict';
import { modelDetailsView } from '../../../src/core/explorer/modelDetails';
import { descriptorsOf, foundationModel } from '../core/bedrock/catalog/catalogInputs';
import { isDetailsAction, modelDetailsBody, modelDetailsPage, readDetailsPageMessage } from '../../../src/vscode/explorer/modelDetailsHtml';

const hostile = '<img src=x onerror=alert(1)>"\'&';
const [d] = descriptorsOf([foundationModel('acme.model-v1:0', { modelName: hostile, providerName: `Acme ${hostile}` })]);

describe('model details page', () => {
  const body = modelDetailsBody(modelDetailsView(d, {}));
  const html = modelDetailsPage({ body, cspSource: 'vscode-resource:', nonce: 'abc123', styleUri: 'vscode-resource:/media/modelDetails.css' });

  it('escapes every model-supplied value', () => {
    assert.ok(!html.includes('<img'), 'no markup from the service');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;'));
  });

  it('runs only its own nonce’d script under the house CSP, and offers the actions that apply', () => {
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="abc123">/);
    for (const action of ['chat', 'setDefault', 'copyId']) assert.match(html, new RegExp(`data-action="${action}"`));
    assert.match(html, /title="Make it the default chat model \(bedrock\.chat\.defaultModel\)">Set as Default</);
  });

  it('marks the default model and disables its Set as Default', () => {
    const asDefault = modelDetailsBody(modelDetailsView(d, {}), 'chat');
    assert.match(asDefault, /class="badge">★ default chat model</);
    assert.match(asDefault, /data-action="setDefault"[^>]* disabled>Default Chat Model</);
    assert.doesNotMatch(body, /disabled|badge/);
  });

  it('accepts only the ready message and the three actions from the page', () => {
    assert.ok(isDetailsAction('copyId'));
    for (const bad of ['eval', '', undefined, { action: 'chat' }, 'constructor']) assert.equal(isDetailsAction(bad), false);
    assert.deepEqual(readDetailsPageMessage({ type: 'details/action', action: 'chat' }), { type: 'details/action', action: 'chat' });
    assert.deepEqual(readDetailsPageMessage({ type: 'details/ready', extra: 1 }), { type: 'details/ready' });
    for (const bad of [null, 'details/ready', { type: 'details/action', action: 'eval' }, { action: 'chat' }, { type: 'details/show', html: '<b>' }]) assert.equal(readDetailsPageMessage(bad), undefined);
  });
});
