/**
 * The formatter every generated .ts file goes through, so that generated code is laid out as hand-written code
 * is: Prettier, in-process, with the one configuration of the repository's TypeScript style, then comments
 * wrapped to the same width.
 */
import { format, type Options } from 'prettier';
import { wrapComments } from './wrap-comments.js';

const printWidth = 120;

/**
 * The style of src/: 120 columns, single quotes, trailing commas wherever the syntax allows them. The babel-ts
 * parser lays out this code exactly as the typescript one does, and starts faster in a fresh process.
 */
export const prettierOptions: Options = { parser: 'babel-ts', printWidth, singleQuote: true, trailingComma: 'all' };

export async function formatTypeScript(text: string): Promise<string> {
  return wrapComments(await format(text, prettierOptions), printWidth);
}

/** The files, with every .ts one formatted; other files (markdown, JSON) as they are. */
export async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const formatted = await Promise.all([...files].map(async ([path, text]) => [path, path.endsWith('.ts') ? await formatTypeScript(text) : text] as const));
  return new Map(formatted);
}
