/**
 * The formatter every generated .ts file goes through, so that generated code is laid out as hand-written code
 * is: Prettier, in-process, with the one configuration of the repository's TypeScript style.
 */
import { format, type Options } from 'prettier';

/** The style of src/: 120 columns, single quotes, trailing commas wherever the syntax allows them. */
export const prettierOptions: Options = { parser: 'typescript', printWidth: 120, singleQuote: true, trailingComma: 'all' };

export function formatTypeScript(text: string): Promise<string> {
  return format(text, prettierOptions);
}

/** The files, with every .ts one formatted; other files (markdown, JSON) as they are. */
export async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const formatted = await Promise.all([...files].map(async ([path, text]) => [path, path.endsWith('.ts') ? await formatTypeScript(text) : text] as const));
  return new Map(formatted);
}
