// The model details page as HTML: static markup from the view model (every value escaped), one
// stylesheet from media/, and a few lines of script that swap in the next model's markup when the
// host posts it and turn the action buttons into messages.
import type { ModelDetailsView } from '../../core/explorer/modelDetails';
import { contentSecurityPolicy, escapeHtml, htmlDocument } from '../webview/webviewHtml';

/** What the page's buttons may ask for; anything else posted to the host is ignored. */
export const DETAILS_ACTIONS = ['chat', 'setDefault', 'copyId'] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

export function isDetailsAction(x: unknown): x is DetailsAction {
  return typeof x === 'string' && (DETAILS_ACTIONS as readonly string[]).includes(x);
}

/** Host → page: show this markup (built by `modelDetailsBody`, so every value in it is escaped). */
export interface DetailsShowMessage {
  type: 'details/show';
  html: string;
}

/** Page → host: the page's script runs and listens; or a button was pressed. */
export type DetailsPageMessage = { type: 'details/ready' } | { type: 'details/action'; action: DetailsAction };

export function readDetailsPageMessage(msg: unknown): DetailsPageMessage | undefined {
  const m = msg as { type?: unknown; action?: unknown } | null;
  if (m?.type === 'details/ready') return { type: 'details/ready' };
  if (m?.type === 'details/action' && isDetailsAction(m.action)) return { type: 'details/action', action: m.action };
  return undefined;
}

/** Which default the model on show already is, if any. */
export type DefaultRole = 'chat' | 'embedding' | undefined;

function button(action: DetailsAction, label: string, opts: { primary?: boolean; title?: string; disabled?: boolean } = {}): string {
  const title = opts.title ? ` title="${escapeHtml(opts.title)}"` : '';
  return `<button type="button" class="${opts.primary ? 'primary' : 'secondary'}" data-action="${action}"${title}${opts.disabled ? ' disabled' : ''}>${escapeHtml(label)}</button>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function defaultButton(v: ModelDetailsView, isDefault: DefaultRole): string {
  const role = v.canChat ? 'chat' : v.canEmbed ? 'embedding' : undefined;
  if (!role) return '';
  if (isDefault === role) return button('setDefault', `Default ${role === 'chat' ? 'Chat' : 'Embedding'} Model`, { disabled: true, title: `Already the default ${role} model` });
  const setting = role === 'chat' ? 'bedrock.chat.defaultModel' : 'bedrock.embedding.defaultModel';
  return button('setDefault', 'Set as Default', { title: `Make it the default ${role} model (${setting})` });
}

/** The details of one model: header with actions, facts, the router's plans, APIs, limits, profiles. */
export function modelDetailsBody(v: ModelDetailsView, isDefault?: DefaultRole): string {
  const e = escapeHtml;
  const actions = [v.canChat ? button('chat', 'Chat', { primary: true, title: `Chat with ${v.name}` }) : '', defaultButton(v, isDefault), button('copyId', 'Copy ID', { title: v.id })].join('');
  const mark = isDefault ? `<span class="badge">★ default ${isDefault} model</span>` : '';
  const facts = v.facts.map(([k, val]) => `<dt>${e(k)}</dt><dd>${e(val)}</dd>`).join('');
  const apis = v.apis
    .map((a) => `<tr class="${a.mark === '✓' ? 'yes' : a.mark === '✗' ? 'no' : 'unknown'}"><td>${e(a.api)}</td><td class="mark">${a.mark}</td><td class="source">${e(a.source)}</td></tr>`)
    .join('');
  const plans = v.plans
    .map((p) => {
      const steps = p.steps.map((s) => `<li><code>${e(s.text)}</code><span class="reason">${e(s.reason)}</span></li>`).join('');
      return `<h3>${e(p.task)}</h3>${steps ? `<ol>${steps}</ol>` : ''}${p.note ? `<p class="note">${e(p.note)}</p>` : ''}`;
    })
    .join('');
  const profiles = v.profiles.length
    ? `<ul class="profiles">${v.profiles.map((p) => `<li><strong>${e(p.name)}</strong> <code>${e(p.id)}</code><span class="reason">${e(p.scope)}</span></li>`).join('')}</ul>`
    : `<p class="note">${e(v.noProfiles ?? '')}</p>`;
  return [
    `<header><h1>${e(v.name)}</h1>${mark}<p class="id"><code>${e(v.id)}</code></p>${v.arn ? `<p class="arn">${e(v.arn)}</p>` : ''}<div class="actions">${actions}</div></header>`,
    `<div class="sections">`,
    section('Overview', `<dl>${facts}</dl>`),
    v.plans.length ? section('How the router calls it', plans) : '',
    section('APIs', `<table><thead><tr><th>API</th><th></th><th>Source</th></tr></thead><tbody>${apis}</tbody></table>`),
    v.limits.length ? section('Limits', `<ul>${v.limits.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`) : '',
    section('Inference profiles', profiles),
    `</div>`,
  ].join('\n');
}

/** What the view shows before any model is picked. */
export const NO_MODEL_BODY = '<p class="empty">Click a model in the Models list to see how the router calls it, the APIs it supports and where that is known from, its limits and its inference profiles.</p>';

/**
 * The page: `body` at first, then whatever markup the host posts. The markup comes from
 * `modelDetailsBody` (every value escaped); even so, the CSP runs no script but this nonce'd one.
 */
export function modelDetailsPage(opts: { body: string; cspSource: string; nonce: string; styleUri: string }): string {
  return htmlDocument({
    csp: contentSecurityPolicy(opts.cspSource, opts.nonce),
    title: 'Model Details',
    head: `<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">`,
    body: `<main>
${opts.body}
</main>
<script nonce="${opts.nonce}">
const vscode = acquireVsCodeApi();
const main = document.querySelector('main');
window.addEventListener('message', (event) => {
  const msg = event.data;
  if (!msg || msg.type !== 'details/show' || typeof msg.html !== 'string') return;
  main.innerHTML = msg.html;
  window.scrollTo(0, 0);
});
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (button && !button.disabled) vscode.postMessage({ type: 'details/action', action: button.dataset.action });
});
vscode.postMessage({ type: 'details/ready' });
</script>`,
  });
}
