// The composer's attachment messages: picking, pasting and dropping files and images (webview →
// host), and the host's answers (accepted as a chip, refused, or an image to downscale first).
// Part of the protocol; protocol.ts re-exports them and lists them in its unions.
import type { WireAttachment } from './attachments';

// Webview → host

/** Attach from VS Code: files and images through the open dialog, the active editor, or its selection. */
export interface AttachPickMessage {
  method: 'attach/pick';
  /** Which source. */
  what: 'files' | 'activeEditor' | 'selection';
}

/** Attach bytes the webview holds: a pasted or dropped image (already downscaled to fit), or a dropped file. */
export interface AttachDataMessage {
  method: 'attach/data';
  /** The file name (pasted images get one from their type). */
  name: string;
  /** The MIME type the browser reported. */
  mime: string;
  /** The bytes, base64. */
  dataBase64: string;
  /** What the webview did to it, for the chip ("downscaled from 9,000 x 6,000 px"). */
  note?: string;
}

/** Attach files dropped from VS Code's explorer, by URI. */
export interface AttachUrisMessage {
  method: 'attach/uris';
  /** The dropped URIs; the host checks each one. */
  uris: string[];
}

// Host → webview

/** An attachment the host accepted: the composer shows it as a chip. */
export interface AttachAddedMessage {
  method: 'attach/added';
  attachment: WireAttachment;
}

/** An attachment the host refused (outside the workspace, a credential file, too large, unknown type). */
export interface AttachRefusedMessage {
  method: 'attach/refused';
  /** What was wrong and what to do, naming the file. */
  message: string;
}

/** An image picked in VS Code: the webview downscales it when too large and hands it back as `attach/data`. */
export interface AttachPrepareImageMessage {
  method: 'attach/prepareImage';
  name: string;
  mime: string;
  dataBase64: string;
}
