// Chat webview entry point: builds the markdown pipeline (renderer → DOMPurify → DOM, batched per
// animation frame) and starts the chat app. Every message to the host is a protocol message.
import DOMPurify from 'dompurify';
import { ChatApp } from './chat/chatApp';
import { acquireHostApi } from './chat/vscodeApi';
import { animationFrameScheduler } from './markdown/frameScheduler';
import { attachMarkdownInteractions } from './markdown/interactions';
import { createMarkdownHtmlRenderer } from './markdown/markdownHtml';
import { createSanitizer } from './markdown/sanitizer';
import { StreamingMarkdown } from './markdown/streamingMarkdown';
import '@vscode/codicons/dist/codicon.css';
import './styles/chat.css';
import './styles/markdown.css';
import './styles/images.css';
import './styles/voice.css';
import './styles/messages.css';
import './styles/tokens.css';
import './styles/attachments.css';
import './styles/header.css';
import './styles/modelPicker.css';
import './styles/composerControls.css';
import './styles/agent.css';

const host = acquireHostApi();
const renderer = createMarkdownHtmlRenderer();
const sanitizer = createSanitizer(DOMPurify(window));
const scheduler = animationFrameScheduler(window);

new ChatApp({
  host,
  root: document.body,
  makeMarkdown: (announce) => new StreamingMarkdown({ document, renderer, sanitizer, scheduler, announce }),
  attachInteractions: (transcript) =>
    attachMarkdownInteractions(transcript, {
      openLink: (href) => host.postMessage({ method: 'link/open', href }),
      codeAction: (action, code, language, file) => {
        const lang = language ? { language } : {};
        if (action === 'copy') host.postMessage({ method: 'code/copy', code });
        else if (action === 'apply') host.postMessage({ method: 'code/apply', code, ...lang, ...(file ? { file } : {}) });
        else host.postMessage({ method: action === 'insert' ? 'code/insert' : 'code/openInNewFile', code, ...lang });
      },
    }),
});
