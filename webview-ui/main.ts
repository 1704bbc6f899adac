// Chat webview entry point. The chat UI lands with the chat panel; until then this bundle only
// proves the browser build works end to end.
export {};
