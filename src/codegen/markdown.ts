/** Markdown text from spec text: prose, table cells, inline code, heading anchors and type links. */

/**
 * Spec prose as markdown. A `<` would open an HTML tag (`<name>.cloudapp.net` would vanish): element names such
 * as `<Disk>` become code, any other `<` an entity.
 */
export function prose(text: string): string {
  const escaped = text.replace(/&/g, '&amp;');
  if (escaped.includes('`')) return escaped.replace(/</g, '&lt;');
  return escaped.replace(/<(\/?[A-Za-z][\w:.-]*(?: [^<>]*)?\/?)>/g, '`<$1>`').replace(/<(?![^`]*>`)/g, '&lt;');
}

/** Prose for one markdown table cell: no pipes or line breaks may leak out of it. */
export function cell(text: string): string {
  return prose(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function codeCell(text: string): string {
  const code = text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
  return code.replace(/\|/g, '\\|');
}

/** GitHub's heading anchor for a plain name. */
export const anchor = (name: string): string => name.toLowerCase();

/** A type in a table: in code, linked to the models page when it names a model. */
export function typeCell(type: string, models: string[], page: string): string {
  const target = models.length === 1 ? models[0]! : undefined;
  const text = codeCell(type);
  return target ? `[${text}](${page}#${anchor(target)})` : text;
}
