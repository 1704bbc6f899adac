// The host side of attachments: the open dialog, the active editor and its selection, files dropped
// from the explorer, bytes pasted or dropped in the webview. Every file is checked (inside an open
// workspace folder, not a credentials file, not too large, a type the chat takes) before it becomes
// a chip; workspace files are kept by reference and re-read, everything else goes into the content
// store by hash. Images go through the webview first so it can downscale them.
import * as vscode from 'vscode';
import type { AttachDataMessage, AttachPickMessage, AttachUrisMessage, HostToWebviewMessage } from '../../shared/protocol';
import type { WireAttachment } from '../../shared/attachments';
import { IMAGE_MIME, formatBytes } from '../../core/bedrock/adapters/mediaFormats';
import { classifyAttachment, credentialFileReason, fenceTagOf, MAX_IMAGE_BYTES, MAX_TEXT_BYTES, sizeRefusal } from '../../core/chat/attachments/attachmentPolicy';
import type { AttachmentReader } from '../../core/chat/attachments/attachmentParts';
import type { ContentStore } from '../../core/chat/attachments/contentStore';

type AttachMessage = AttachPickMessage | AttachDataMessage | AttachUrisMessage;
type Post = (m: HostToWebviewMessage) => void;

/** A refusal that is the user's to fix (named file, reason); anything else is a failure to report. */
class Refusal extends Error {}

export class WorkspaceAttachments {
  constructor(
    private readonly store: ContentStore,
    /** The text editor the user was last in (the chat view has focus when the button is pressed). */
    private readonly lastEditor: () => vscode.TextEditor | undefined,
  ) {}

  /** Handles one attach message; everything ends in `attach/added`, `attach/prepareImage` or `attach/refused`. */
  async handle(msg: AttachMessage, post: Post): Promise<void> {
    try {
      switch (msg.method) {
        case 'attach/pick':
          if (msg.what === 'files') {
            const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Attach', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, title: 'Attach files or images' });
            for (const uri of uris ?? []) await this.guard(post, () => this.attachUri(uri, post));
          } else post({ method: 'attach/added', attachment: await this.fromEditor(msg.what) });
          return;
        case 'attach/uris':
          for (const raw of msg.uris) await this.guard(post, () => this.attachUri(parseUri(raw), post));
          return;
        case 'attach/data':
          post({ method: 'attach/added', attachment: await this.fromData(msg) });
          return;
      }
    } catch (e) {
      post({ method: 'attach/refused', message: e instanceof Refusal ? e.message : `The attachment failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Reads attachments back for sending: workspace files re-checked, stored copies checked against their hash. */
  readonly reader: AttachmentReader = {
    read: async (a) => {
      if ('sha256' in a.source) return this.store.get(a.source.sha256);
      const uri = parseUri(a.source.uri);
      this.checkPlace(uri);
      const stat = await vscode.workspace.fs.stat(uri).then(undefined, () => undefined);
      if (!stat) throw new Error('the file is gone (moved or deleted)');
      const tooBig = sizeRefusal(a.name, stat.size);
      if (tooBig) throw new Error(tooBig);
      return vscode.workspace.fs.readFile(uri);
    },
  };

  private async guard(post: Post, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      post({ method: 'attach/refused', message: e instanceof Refusal ? e.message : `The attachment failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Inside an open workspace folder and not a credentials file; throws a Refusal naming the file. */
  private checkPlace(uri: vscode.Uri): string {
    const name = vscode.workspace.asRelativePath(uri, false);
    if (!vscode.workspace.getWorkspaceFolder(uri)) throw new Refusal(`${uri.path.split('/').pop()} is outside the workspace; the chat attaches files from the open folders only.`);
    const credential = credentialFileReason(uri.path);
    if (credential) throw new Refusal(`${credential}; the chat never attaches credentials.`);
    return name;
  }

  private async attachUri(uri: vscode.Uri, post: Post): Promise<void> {
    const name = this.checkPlace(uri);
    const stat = await vscode.workspace.fs.stat(uri).then(undefined, () => undefined);
    if (!stat) throw new Refusal(`${name} cannot be read.`);
    if (stat.type & vscode.FileType.Directory) throw new Refusal(`${name} is a folder; attach the files in it.`);
    const tooBig = sizeRefusal(name, stat.size);
    if (tooBig) throw new Refusal(tooBig);
    const bytes = await vscode.workspace.fs.readFile(uri);
    const c = classifyAttachment(name, bytes, { pickedImage: true });
    if (typeof c === 'string') throw new Refusal(c);
    if (c.kind === 'image') {
      // The webview measures and, when needed, downscales it, then hands it back as `attach/data`.
      post({ method: 'attach/prepareImage', name: uri.path.split('/').pop() ?? name, mime: IMAGE_MIME[c.format], dataBase64: Buffer.from(bytes).toString('base64') });
      return;
    }
    post({ method: 'attach/added', attachment: { id: newId(), kind: c.kind, name, format: c.format, size: bytes.byteLength, source: { uri: uri.toString() } } });
  }

  private async fromEditor(what: 'activeEditor' | 'selection'): Promise<WireAttachment> {
    const editor = this.lastEditor();
    if (!editor) throw new Refusal('No text editor is open: open a file, then attach it.');
    const doc = editor.document;
    const name = doc.isUntitled ? doc.uri.path || 'Untitled' : vscode.workspace.asRelativePath(doc.uri, false);
    if (!doc.isUntitled) this.checkPlace(doc.uri);
    const format = fenceTagOf(name) === 'text' ? doc.languageId : fenceTagOf(name);
    if (what === 'selection') {
      const sel = editor.selection;
      if (sel.isEmpty) throw new Refusal(`Nothing is selected in ${name}: select the code to attach.`);
      const bytes = new TextEncoder().encode(doc.getText(sel));
      if (bytes.byteLength > MAX_TEXT_BYTES) throw new Refusal(`The selection is ${formatBytes(bytes.byteLength)}; the chat attaches up to ${formatBytes(MAX_TEXT_BYTES)} of text.`);
      const end = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
      return { id: newId(), kind: 'text', name, format, size: bytes.byteLength, source: { sha256: await this.store.put(bytes) }, note: `lines ${sel.start.line + 1}–${end}` };
    }
    // A saved workspace file is kept by reference; unsaved text is kept as it is now.
    if (!doc.isUntitled && !doc.isDirty && doc.uri.scheme !== 'untitled') {
      const bytes = await vscode.workspace.fs.readFile(doc.uri);
      const c = classifyAttachment(name, bytes);
      if (typeof c === 'string') throw new Refusal(c);
      return { id: newId(), kind: c.kind, name, format: c.kind === 'text' ? format : c.format, size: bytes.byteLength, source: { uri: doc.uri.toString() } };
    }
    const bytes = new TextEncoder().encode(doc.getText());
    if (bytes.byteLength > MAX_TEXT_BYTES) throw new Refusal(`${name} is ${formatBytes(bytes.byteLength)}; the chat attaches up to ${formatBytes(MAX_TEXT_BYTES)} of text. Attach a selection instead.`);
    return { id: newId(), kind: 'text', name, format, size: bytes.byteLength, source: { sha256: await this.store.put(bytes) }, note: 'unsaved' };
  }

  private async fromData(msg: AttachDataMessage): Promise<WireAttachment> {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(msg.dataBase64) || msg.dataBase64.length % 4 !== 0) throw new Refusal(`${msg.name} arrived damaged (not base64); attach it again.`);
    const bytes = new Uint8Array(Buffer.from(msg.dataBase64, 'base64'));
    const name = msg.name.replace(/[\\/]/g, '_');
    const c = classifyAttachment(name, bytes);
    if (typeof c === 'string') throw new Refusal(c);
    if (c.kind === 'image' && bytes.byteLength > MAX_IMAGE_BYTES) throw new Refusal(`${name} is still ${formatBytes(bytes.byteLength)} after downscaling; attach a smaller image.`);
    const out: WireAttachment = { id: newId(), kind: c.kind, name, format: c.format, size: bytes.byteLength, source: { sha256: await this.store.put(bytes) } };
    if (msg.note) out.note = msg.note;
    return out;
  }
}

function parseUri(raw: string): vscode.Uri {
  try {
    return vscode.Uri.parse(raw, true);
  } catch {
    throw new Refusal('A dropped item is not a file.');
  }
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}
