// Lints a small source in memory under the path it would have, with the repository's
// eslint.config.mjs: the lint tests check that each rule flags what breaks it and lets the rest through.
import { ESLint, type Linter } from 'eslint';

let eslint: ESLint | undefined;

/** The messages of rule `ruleId` for `code` linted as `filePath`. */
export async function ruleMessages(code: string, filePath: string, ruleId: string): Promise<Linter.LintMessage[]> {
  eslint ??= new ESLint();
  return (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages).filter((m) => m.ruleId === ruleId);
}
