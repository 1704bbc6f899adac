// The model details page as HTML: static markup from the view model (every value escaped), one
// stylesheet from media/, and a few lines of script that turn the action buttons into messages.
import type { ModelDetailsView } from '../../core/explorer/modelDetails';
import { contentSecurityPolicy, escapeHtml, htmlDocument } from '../webview/webviewHtml';


/** What the page's buttons may ask for; anything else posted to the host is ignored. */
export const DETAILS_ACTIONS = ['chat', 'setDefault', 'copyId'] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

export function isDetailsAction(x: unknown): x is DetailsAction {
  return typeof x === 'string' && (DETAILS_ACTIONS as readonly string[]).includes(x);
}

function button(action: DetailsAction, label: string, primary = false): string {
  return `<button type="button" class="${primary ? 'primary' : 'secondary'}" data-action="${action}">${escapeHtml(label)}</button>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

export function modelDetailsBody(v: ModelDetailsView): string {
  const e = escapeHtml;
  const actions = [
    v.canChat ? button('chat', 'Chat', true) : '',
    v.canChat ? button('setDefault', 'Set as Default Chat Model') : v.canEmbed ? button('setDefault', 'Set as Default Embedding Model') : '',
    button('copyId', 'Copy ID'),
  ].join('');
  const facts = v.facts.map(([k, val]) => `<dt>${e(k)}</dt><dd>${e(val)}</dd>`).join('');
  const apis = v.apis
    .map((a) => `<tr class="${a.mark === '✓' ? 'yes' : a.mark === '✗' ? 'no' : 'unknown'}"><td>${e(a.api)}</td><td class="mark">${a.mark}</td><td>${e(a.source)}</td></tr>`)
    .join('');
  const plans = v.plans
    .map((p) => {
      const steps = p.steps.map((s) => `<li><code>${e(s.text)}</code><span class="reason">${e(s.reason)}</span></li>`).join('');
      return `<h3>${e(p.task)}</h3>${steps ? `<ol>${steps}</ol>` : ''}${p.note ? `<p class="note">${e(p.note)}</p>` : ''}`;
    })
    .join('');
  const profiles = v.profiles.length
    ? `<ul>${v.profiles.map((p) => `<li><strong>${e(p.name)}</strong> <code>${e(p.id)}</code> <span class="reason">${e(p.scope)}</span></li>`).join('')}</ul>`
    : `<p class="note">${e(v.noProfiles ?? '')}</p>`;
  return [
    `<header><h1>${e(v.name)}</h1><p class="id"><code>${e(v.id)}</code></p>${v.arn ? `<p class="arn">${e(v.arn)}</p>` : ''}<div class="actions">${actions}</div></header>`,
    `<dl>${facts}</dl>`,
    v.plans.length ? section('How the router calls it', plans) : '',
    section('APIs', `<table><thead><tr><th>API</th><th></th><th>Source</th></tr></thead><tbody>${apis}</tbody></table>`),
    v.limits.length ? section('Limits', `<ul>${v.limits.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`) : '',
    section('Inference profiles', profiles),
  ].join('\n');
}

export function modelDetailsHtml(v: ModelDetailsView, opts: { cspSource: string; nonce: string; styleUri: string }): string {
  return htmlDocument({
    csp: contentSecurityPolicy(opts.cspSource, opts.nonce),
    title: v.name,
    head: `<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">`,
    body: `<main>
${modelDetailsBody(v)}
</main>
<script nonce="${opts.nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (button) vscode.postMessage({ action: button.dataset.action });
});
</script>`,
  });
}
