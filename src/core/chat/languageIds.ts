// Fence info strings ("ts", "py", "sh") to VS Code language ids, for "Open in New File".

const ALIASES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  rb: 'ruby',
  rs: 'rust',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  ps1: 'powershell',
  yml: 'yaml',
  md: 'markdown',
  'c++': 'cpp',
  'c#': 'csharp',
  cs: 'csharp',
  kt: 'kotlin',
  golang: 'go',
  dockerfile: 'dockerfile',
  html: 'html',
  xml: 'xml',
  json: 'json',
  sql: 'sql',
};

/** The language id for a fence tag; unknown tags pass through lower-cased (VS Code ignores unknown ids). */
export function languageIdForFence(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const t = tag.toLowerCase();
  return ALIASES[t] ?? t;
}
