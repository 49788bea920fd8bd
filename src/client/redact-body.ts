/**
 * Redaction of secret members in a body as a reader sees it, not as a pattern over its text: a small scanner of
 * XML markup (tags, comments, CDATA, processing instructions, any namespace prefix) and one of JSON tokens (names
 * decoded, so "Prim\u0061ry" is Primary). Everything inside a secret element — text, CDATA, comments, child
 * elements — is replaced by one REDACTED, and so is the value of a secret attribute or JSON member; a body cut
 * short inside a secret is redacted to its end. Neither scanner needs the body to be well formed (the bodies that
 * reach errors are often not), and each reads the text once, with indexOf steps, so no input makes it slow.
 */

export const REDACTED = 'REDACTED';

const NAME = /[^\s/>]+/y;
const ATTRIBUTE = /([^\s=<>"'/]+)\s*=\s*("[^"]*"?|'[^']*'?)/g;

function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Where the tag opened at `lt` ends (after its '>', quotes honoured), or the end of the text. */
function tagEnd(text: string, lt: number): number {
  let quote = 0;
  for (let j = lt + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j + 1;
  }
  return text.length;
}

/** The index after `close`, searched from `from`, or the end of the text when the construct is cut short. */
function after(text: string, close: string, from: number): number {
  const end = text.indexOf(close, from);
  return end === -1 ? text.length : end + close.length;
}

function redactAttributes(tag: string, isSecret: (name: string) => boolean): string {
  if (!tag.includes('=')) return tag;
  return tag.replace(ATTRIBUTE, (whole, name: string, value: string) => (isSecret(localName(name)) ? `${name}=${value[0]}${REDACTED}${value[0]}` : whole));
}

/**
 * Where the element a closing tag closes sits among the open ones: the innermost of that name within the last few
 * levels (a mismatched closing tag is ignored; looking deeper could make hostile nesting quadratic).
 */
function openIndex(open: readonly string[], local: string): number {
  for (let j = open.length - 1; j >= 0 && j >= open.length - 64; j--) if (open[j] === local) return j;
  return -1;
}

/** XML (or HTML, or a fragment of either) with the content of every secret element and attribute redacted. */
export function redactXml(text: string, isSecret: (name: string) => boolean): string {
  if (!text.includes('<')) return text;
  const out: string[] = [];
  /** Open elements, by local name; `secretAt` is the depth of the secret element being skipped, or -1. */
  const open: string[] = [];
  let secretAt = -1;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    if (secretAt === -1) out.push(text.slice(i, textEnd));
    if (lt === -1) break;
    let end: number;
    if (text.startsWith('<!--', lt)) end = after(text, '-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) end = after(text, ']]>', lt + 9);
    else if (text.startsWith('<?', lt)) end = after(text, '?>', lt + 2);
    else if (text.startsWith('<!', lt)) end = after(text, '>', lt + 2);
    else {
      end = tagEnd(text, lt);
      const closing = text.charCodeAt(lt + 1) === 47;
      NAME.lastIndex = lt + (closing ? 2 : 1);
      const name = NAME.exec(text);
      const local = name === null ? undefined : localName(name[0]);
      if (local !== undefined && closing) {
        const at = openIndex(open, local);
        if (at !== -1) open.length = at;
        if (secretAt !== -1 && open.length <= secretAt) secretAt = -1;
      } else if (local !== undefined && secretAt === -1) {
        const selfClosing = text.charCodeAt(end - 2) === 47 && text.charCodeAt(end - 1) === 62;
        if (!selfClosing) {
          open.push(local);
          if (isSecret(local)) {
            out.push(redactAttributes(text.slice(lt, end), isSecret), REDACTED);
            secretAt = open.length - 1;
            i = end;
            continue;
          }
        }
        out.push(redactAttributes(text.slice(lt, end), isSecret));
        i = end;
        continue;
      } else if (local !== undefined && text.charCodeAt(end - 2) !== 47) {
        open.push(local);
      }
    }
    if (secretAt === -1) out.push(text.slice(lt, end));
    i = end;
  }
  return out.join('');
}

/** The index after the JSON string starting at `quote`, or the end of the text when it is cut short. */
function stringEnd(text: string, quote: number): number {
  for (let j = quote + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j + 1;
  }
  return text.length;
}

function skipSpace(text: string, from: number): number {
  let j = from;
  while (j < text.length && /\s/.test(text[j]!)) j++;
  return j;
}

/** The index after the JSON value starting at `start` (a string, a nested object or array, or a bare scalar). */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 34) return stringEnd(text, start);
  if (first !== 123 && first !== 91) {
    let j = start;
    while (j < text.length && !/[,}\]\s]/.test(text[j]!)) j++;
    return j;
  }
  let depth = 0;
  for (let j = start; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) j = stringEnd(text, j) - 1;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return j + 1;
  }
  return text.length;
}

function decodedName(token: string): string {
  try {
    return JSON.parse(token.endsWith('"') && token.length > 1 ? token : `${token}"`) as string;
  } catch {
    return token.slice(1);
  }
}

/** JSON (or any text holding JSON members) with the value of every secret member redacted. */
export function redactJson(text: string, isSecret: (name: string) => boolean): string {
  if (!text.includes('"')) return text;
  const out: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const quote = text.indexOf('"', i);
    if (quote === -1) break;
    const end = stringEnd(text, quote);
    const colon = skipSpace(text, end);
    if (text.charCodeAt(colon) !== 58 || !isSecret(decodedName(text.slice(quote, end)))) {
      i = end;
      continue;
    }
    const start = skipSpace(text, colon + 1);
    out.push(text.slice(copied, start), `"${REDACTED}"`);
    copied = i = start < text.length ? valueEnd(text, start) : text.length;
  }
  out.push(text.slice(copied));
  return out.join('');
}

/**
 * Every form a known secret value can take in a body or a message: as it is, XML-escaped (with numeric
 * references for every character .NET writers escape that way), JSON-escaped, percent-encoded and base64.
 */
export function formsOf(secret: string): string[] {
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const forms = new Set([secret, xml, xml.replace(/"/g, '&quot;').replace(/'/g, '&apos;'), JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64').replace(/=+$/, '')]);
  try {
    forms.add(encodeURIComponent(secret));
  } catch {
    // A lone surrogate has no percent-encoded form, so it cannot have travelled in one.
  }
  return [...forms].filter((f) => f !== '');
}

/**
 * Values shorter than this are not scrubbed: a one-letter proxy user name cannot be told from the text around
 * it, and replacing every "u" would garble the message that explains the failure.
 */
const MIN_SCRUBBED_LENGTH = 4;

/**
 * Text with every known secret value replaced, in each of its forms, and with character references decoded first
 * where the text holds any (a service that quoted a password back may have escaped any of its characters).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text === '') return text;
  const scrubbed = secrets.filter((s) => s.length >= MIN_SCRUBBED_LENGTH);
  let out = text.includes('&#') ? decodeNumericReferencesNear(text, scrubbed) : text;
  for (const secret of scrubbed) for (const form of formsOf(secret)) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** Numeric references decoded (only they: a secret spelled with &#33; reads as itself), for the scrub above. */
function decodeNumericReferencesNear(text: string, secrets: readonly string[]): string {
  const decoded = text.replace(/&#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}));/g, (whole, d: string | undefined, h: string | undefined) => {
    const code = d !== undefined ? Number(d) : Number.parseInt(h!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return secrets.some((s) => decoded.includes(s)) ? decoded : text;
}
