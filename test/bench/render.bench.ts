// Streaming markdown renderer, measured in headless Chromium. This one file is both the node-side
// driver (`run`) and the page-side code (`renderBench`): esbuild bundles it for the browser with
// the node-only modules external — they are imported dynamically inside `run`, which the page
// never calls.
//
// What is measured (all in one page, side by side):
// - a ~200 KB reply (headings, paragraphs, lists, tables, code fences) streamed in 4-character
//   deltas. Frames: the renderer batches per animation frame; here a synchronous scheduler runs a
//   "frame" every DELTAS_PER_FRAME deltas, so timings are render cost, not frame waits. 4 deltas
//   (16 chars, ~4 tokens) per 16.7 ms frame is ~240 tokens/s — a fast Bedrock model; slower models
//   give fewer frames per character and a cheaper stream.
// - naive: for every frame, marked + DOMPurify over the whole text so far and `innerHTML =` it.
//   Doing that for all ~12,500 frames is quadratic (minutes), so it is sampled: NAIVE_SAMPLES
//   frames at the midpoints of equal slices of the stream are timed, and the total is the mean
//   sample cost times the frame count (midpoint rule: per-frame cost is a smooth, ~linear
//   function of the prefix length, so this integrates it accurately).
// - one-shot: the same naive pipeline once over the final text (the cheapest way to show it).
// - growth: the streamed cost of the first ~100 KB (cut at a block boundary) vs the whole 200 KB.
// - heap: 50 turns of ~5 KB streamed into one document, after a forced GC (CDP).
// Layout and paint are not included for either side (no forced reflow).
import createDOMPurify from 'dompurify';
import { manualFrameScheduler } from '../../webview-ui/markdown/frameScheduler';
import { createMarkdownHtmlRenderer } from '../../webview-ui/markdown/markdownHtml';
import { ALLOWED_ATTR, ALLOWED_TAGS, createSanitizer } from '../../webview-ui/markdown/sanitizer';
import { StreamingMarkdown } from '../../webview-ui/markdown/streamingMarkdown';

const DELTA = 4;
const DELTAS_PER_FRAME = 4;
const NAIVE_SAMPLES = 24;
const REPLY_BYTES = 200 * 1024;
const TURNS = 50;
const TURN_BYTES = 5 * 1024;

// ---------------------------------------------------------------------------------------------
// Page side
// ---------------------------------------------------------------------------------------------

/** Deterministic pseudo-random numbers, so every run streams the same reply. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = (
  'the model returns a stream of events each carrying text deltas and the renderer appends them ' +
  'region profile inference bedrock converse invoke latency tokens throughput request response ' +
  'client handler cache buffer parse render block fence table list item heading paragraph'
).split(' ');

/** A realistic assistant reply of at least `bytes` characters. */
export function generateReply(bytes: number, seed = 7): string {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = (): string => {
    let s = words(6 + Math.floor(rand() * 14));
    const r = rand();
    if (r < 0.15) s += ` **${words(2)}**`;
    else if (r < 0.3) s += ` \`${pick(WORDS)}()\``;
    else if (r < 0.38) s += ` [${words(2)}](https://docs.example.com/${pick(WORDS)})`;
    else if (r < 0.45) s += ` *${words(3)}*`;
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (): string => Array.from({ length: 2 + Math.floor(rand() * 4) }, sentence).join(' ');
  const code = (): string => {
    const lang = pick(['ts', 'python', 'bash', 'json', 'go', 'rust']);
    const lines = Array.from({ length: 6 + Math.floor(rand() * 20) }, (_, i) => {
      const w = pick(WORDS);
      if (lang === 'python') return `${i % 3 ? '    ' : ''}${w}_${i} = compute("${pick(WORDS)}", ${i})  # ${words(3)}`;
      if (lang === 'bash') return `aws bedrock-runtime ${w} --model-id ${pick(WORDS)} --region us-east-1 | jq '.${pick(WORDS)}'`;
      if (lang === 'json') return `  "${w}${i}": { "value": ${i * 7}, "label": "${words(2)}" },`;
      return `${i % 4 ? '  ' : ''}const ${w}${i} = await client.${pick(WORDS)}({ id: "${pick(WORDS)}", n: ${i} }); // ${words(3)}`;
    });
    return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
  };
  const list = (): string => {
    const ordered = rand() < 0.4;
    return Array.from({ length: 3 + Math.floor(rand() * 5) }, (_, i) => {
      const item = `${ordered ? `${i + 1}.` : '-'} ${sentence()}`;
      return rand() < 0.3 ? `${item}\n  - ${sentence()}\n  - ${sentence()}` : item;
    }).join('\n');
  };
  const table = (): string => {
    const cols = 3 + Math.floor(rand() * 3);
    const head = `| ${Array.from({ length: cols }, () => pick(WORDS)).join(' | ')} |`;
    const sep = `|${Array.from({ length: cols }, () => '---').join('|')}|`;
    const rows = Array.from({ length: 3 + Math.floor(rand() * 6) }, () => `| ${Array.from({ length: cols }, () => words(1 + Math.floor(rand() * 3))).join(' | ')} |`);
    return [head, sep, ...rows].join('\n');
  };
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rand();
    const block =
      parts.length % 12 === 0 ? `## ${words(4)}` : r < 0.45 ? paragraph() : r < 0.65 ? code() : r < 0.85 ? list() : r < 0.95 ? table() : `### ${words(3)}`;
    parts.push(block);
    size += block.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/** The longest prefix of `text` that ends at a blank line and has at most `bytes` characters. */
function prefixAtBlockBoundary(text: string, bytes: number): string {
  const cut = text.lastIndexOf('\n\n', bytes);
  return text.slice(0, cut > 0 ? cut + 2 : bytes);
}

function pageSetup() {
  const purify = createDOMPurify(window);
  const naivePurify = createDOMPurify(window);
  const renderer = createMarkdownHtmlRenderer();
  const sanitizer = createSanitizer(purify);
  const host = document.createElement('main');
  document.body.append(host);
  return { naivePurify, renderer, sanitizer, host };
}

let page: ReturnType<typeof pageSetup> | undefined;
function env(): ReturnType<typeof pageSetup> {
  return (page ??= pageSetup());
}

/** Streams `text` through the real renderer; returns [milliseconds, frames]. */
function streamIncremental(text: string, keep = false): [number, number] {
  const { renderer, sanitizer, host } = env();
  if (!keep) host.replaceChildren();
  const scheduler = manualFrameScheduler();
  const view = new StreamingMarkdown({ document, renderer, sanitizer, scheduler });
  host.append(view.element);
  let frames = 0;
  const t0 = performance.now();
  for (let i = 0, d = 0; i < text.length; i += DELTA) {
    view.append(text.slice(i, i + DELTA));
    if (++d % DELTAS_PER_FRAME === 0) frames += scheduler.runFrame();
  }
  view.finish();
  return [performance.now() - t0, frames + 1];
}

/** Full re-render of `markdown`: parse + sanitize the whole text, then `innerHTML`. */
function naiveRender(markdown: string): number {
  const { naivePurify, renderer, host } = env();
  const t0 = performance.now();
  host.innerHTML = naivePurify.sanitize(renderer.renderText(markdown), {
    ALLOWED_TAGS: [...ALLOWED_TAGS],
    ALLOWED_ATTR: [...ALLOWED_ATTR],
  });
  return performance.now() - t0;
}

/** Estimated naive streaming total for `text` (see the header comment for the sampling). */
function naiveStreamEstimate(text: string): number {
  const frameChars = DELTA * DELTAS_PER_FRAME;
  const frames = Math.ceil(text.length / frameChars);
  let sum = 0;
  for (let k = 0; k < NAIVE_SAMPLES; k++) {
    const frame = Math.floor(((k + 0.5) / NAIVE_SAMPLES) * frames);
    sum += naiveRender(text.slice(0, Math.min(text.length, (frame + 1) * frameChars)));
  }
  env().host.replaceChildren();
  return (sum / NAIVE_SAMPLES) * frames;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const renderBench = {
  figures(): { speedup: number; vsOneShot: number; growth: number } {
    const reply = generateReply(REPLY_BYTES);
    const half = prefixAtBlockBoundary(reply, REPLY_BYTES / 2);
    // Warm-up: JIT, highlight.js grammars, DOMPurify's parser.
    streamIncremental(half.slice(0, 20_000));
    naiveRender(reply);

    const full: number[] = [];
    const halves: number[] = [];
    const oneShot: number[] = [];
    for (let i = 0; i < 3; i++) {
      full.push(streamIncremental(reply)[0]);
      halves.push(streamIncremental(half)[0]);
      oneShot.push(naiveRender(reply));
    }
    const naive = naiveStreamEstimate(reply);
    const stream = median(full);
    return { speedup: naive / stream, vsOneShot: stream / median(oneShot), growth: stream / median(halves) };
  },

  /** Streams TURNS replies into one transcript (kept on screen, like a long conversation). */
  turns(): void {
    env().host.replaceChildren();
    for (let t = 0; t < TURNS; t++) streamIncremental(generateReply(TURN_BYTES, 100 + t), true);
  },
};

// ---------------------------------------------------------------------------------------------
// Node side
// ---------------------------------------------------------------------------------------------

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function run(): Promise<void> {
  const { chromium } = await import('playwright-core');
  const esbuild = await import('esbuild');
  const { fileURLToPath } = await import('node:url');
  const path = await import('node:path');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '../..');

  const bundle = await esbuild.build({
    stdin: {
      contents: `import { renderBench } from './test/bench/render.bench.ts'; globalThis.renderBench = renderBench;`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    external: ['playwright-core', 'esbuild', 'node:*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    type Bench = typeof renderBench;
    const figures = await page.evaluate(() => (globalThis as unknown as { renderBench: Bench }).renderBench.figures());

    const cdp = await page.context().newCDPSession(page);
    await page.evaluate(() => (globalThis as unknown as { renderBench: Bench }).renderBench.turns());
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');

    console.log(`bench: render speed-up vs naive: ${figures.speedup.toFixed(1)} x`);
    console.log(`bench: render vs one-shot: ${figures.vsOneShot.toFixed(2)} x`);
    console.log(`bench: render growth 100KB to 200KB: ${figures.growth.toFixed(2)} x`);
    console.log(`bench: webview heap after 50 turns: ${(heap.usedSize / 1024 / 1024).toFixed(1)} MB`);
  } finally {
    await browser.close();
  }
}
