// The webview → host messages that act on the editor: a code block's buttons (copy, insert, open,
// apply) and moving the keyboard or the view to an editor. Part of the protocol; protocol.ts
// re-exports them and lists them in `WebviewToHostMessage`.

/** Show a context chip's range in its editor. */
export interface EditorRevealMessage {
  method: 'editor/reveal';
  /** The document's URI. */
  uri: string;
  /** Zero-based first line. */
  startLine: number;
  /** Zero-based last line, inclusive. */
  endLine: number;
}

/** Apply a code block: a diff of the target file opens, and the change is made when the user accepts it. */
export interface CodeApplyMessage {
  method: 'code/apply';
  /** The code block's text. */
  code: string;
  /** The fence's language tag, if any. */
  language?: string;
  /** A workspace path the fence's info string names (e.g. ```` ```ts src/a.ts ````), if any. */
  file?: string;
}

/** Copy a code block to the clipboard (the webview has no clipboard permission of its own). */
export interface CodeCopyMessage {
  method: 'code/copy';
  /** The code block's text. */
  code: string;
}

/** Insert a code block at the cursor of the active editor. */
export interface CodeInsertMessage {
  method: 'code/insert';
  /** The code block's text. */
  code: string;
  /** The fence's language tag, if any. */
  language?: string;
}

/** Open a code block in a new untitled editor. */
export interface CodeOpenInNewFileMessage {
  method: 'code/openInNewFile';
  /** The code block's text. */
  code: string;
  /** The fence's language tag, used to pick the editor language. */
  language?: string;
}

/** Escape in an idle composer: give the keyboard back to the editor the user was in. */
export interface EditorFocusMessage {
  method: 'editor/focus';
}
