/**
 * Hostile bodies, built from a valid one: cut, mangled, re-rooted, retyped, nested deep, bloated, laced with
 * entities or bad bytes. Pure functions of their arguments (the randomness comes from fast-check), so that a case
 * is rebuilt identically from its seed.
 */

/** Text every entity definition expands to: finding it in a value or message means an entity was expanded. */
export const EXPANSION_MARKER = 'EXPANDED-ENTITY';

export function truncate(xml: string, fraction: number): string {
  return xml.slice(0, Math.floor(xml.length * fraction));
}

const NOISE = ['<', '>', '&', '/', '=', '"', "'", '!', '[', ']', '?', ';', '#', '\u0000', '</', '<!--', ']]>', '&#', 'xmlns:'];

/** Inserts, deletes or duplicates characters at the given positions (fractions of the length). */
export function mangle(xml: string, edits: ReadonlyArray<{ at: number; op: 'insert' | 'delete' | 'duplicate'; noise: number }>): string {
  let out = xml;
  for (const edit of edits) {
    const at = Math.floor(out.length * edit.at);
    if (edit.op === 'insert') out = out.slice(0, at) + NOISE[edit.noise % NOISE.length] + out.slice(at);
    else if (edit.op === 'delete') out = out.slice(0, at) + out.slice(at + 1 + (edit.noise % 8));
    else out = out.slice(0, at) + out.slice(at, at + 1 + edit.noise * 7) + out.slice(at);
  }
  return out;
}

export function renameRoot(xml: string, root: string, other: string): string {
  return xml.replace(new RegExp(`^<${root}\\b`), `<${other}`).replace(new RegExp(`</${root}>$`), `</${other}>`);
}

export const WRONG_SCALARS = [
  'abc', '', ' ', '1e309', '-1e309', '99999999999999999999999999999', '-0', '0x10', '1.5', 'NaN', 'Infinity', 'true',
  'yes', '2014-13-45T99:99:99Z', '9999999-01-01T00:00:00Z', '&#0;', '&#xD800;', '&#99999999;', '&unknown;', '\u0000',
  '9'.repeat(400), '<x/>',
];

/** Replaces the text of the n-th leaf element (modulo their count) with `text`. */
export function retype(xml: string, n: number, text: string): string {
  const leaves = [...xml.matchAll(/<(\w+)>([^<]*)<\/\1>/g)];
  if (leaves.length === 0) return xml;
  const leaf = leaves[n % leaves.length]!;
  const start = leaf.index + leaf[1]!.length + 2;
  return xml.slice(0, start) + text + xml.slice(start + leaf[2]!.length);
}

/** Inserts `inner` right after the root's start tag (or at the end of a self-closed root). */
export function insertInRoot(xml: string, inner: string): string {
  const close = xml.indexOf('>');
  if (close < 0) return xml + inner;
  if (xml[close - 1] === '/') {
    const name = /^<([\w:]+)/.exec(xml)?.[1] ?? 'Root';
    return `${xml.slice(0, close - 1)}>${inner}</${name}>${xml.slice(close + 1)}`;
  }
  return xml.slice(0, close + 1) + inner + xml.slice(close + 1);
}

/** `depth` nested elements of one name (a known member's or an unknown one), closed or left open. */
export function nest(name: string, depth: number, closed: boolean): string {
  return `<${name}>`.repeat(depth) + 'x' + (closed ? `</${name}>`.repeat(depth) : '');
}

export type Bloat = 'text' | 'attribute' | 'many-elements' | 'long-name' | 'whitespace' | 'comment';

/** About `size` characters of one kind of bulk. */
export function bloat(kind: Bloat, size: number): string {
  switch (kind) {
    case 'text': return `<Label>${'x'.repeat(size)}</Label>`;
    case 'attribute': return `<Unknown a="${'y'.repeat(size)}"/>`;
    case 'many-elements': return '<U/>'.repeat(Math.ceil(size / 4));
    case 'long-name': return `<${'N'.repeat(size)}/>`;
    case 'whitespace': return ' \n\t'.repeat(Math.ceil(size / 3));
    case 'comment': return `<!--${'-x'.repeat(Math.ceil(size / 2))}-->`;
  }
}

/**
 * Entity tricks: a billion-laughs DOCTYPE (in several disguises), external and parameter entities, bare
 * references. Every entity expands to the first half of the marker and every reference is followed by the
 * second half, so that the marker appears in a value or message only if an entity really was expanded.
 */
export function entityAttack(variant: number, root: string, xml: string): string {
  const [head, tail] = [EXPANSION_MARKER.slice(0, 9), EXPANSION_MARKER.slice(9)];
  const laughs = [`<!ENTITY a0 "${head}">`];
  for (let i = 1; i < 10; i++) laughs.push(`<!ENTITY a${i} "${`&a${i - 1};${tail} `.repeat(10)}">`);
  const body = insertInRoot(xml, `<Label>&a9;${tail}</Label>`);
  const external = insertInRoot(xml, `<Label>&ext;${tail}</Label>`);
  switch (variant % 10) {
    case 0: return `<!DOCTYPE ${root} [${laughs.join('')}]>${body}`;
    case 1: return `<?xml version="1.0"?>\n<!doctype ${root} [${laughs.join('')}]>${body}`;
    case 2: return `\ufeff  <!-- c -->\n<!DOCTYPE ${root} [${laughs.join('')}]>${body}`;
    case 3: return `<!DOCTYPE ${root} [<!ENTITY ext SYSTEM "file:///etc/hostname">]>${external}`;
    case 4: return `<!DOCTYPE ${root} [<!ENTITY ext SYSTEM "https://127.0.0.1:1/x">]>${external}`;
    case 5: return `<!DOCTYPE ${root} [<!ENTITY % p "<!ENTITY ext '${head}'>"> %p;]>${external}`;
    case 6: return `<!DOCTYPE ${root} SYSTEM "file:///etc/passwd">${xml}`;
    case 7: return insertInRoot(xml, `<Label>&a9;${tail}&ext;${tail}&lt;&#x41;&#65;</Label>`);
    case 8: return `<!DOCTYPE\t${root} [<!ENTITY a0 "${head}">]>${insertInRoot(xml, `<Label>&a0;${tail}</Label>`)}`;
    default: return insertInRoot(xml, `<Label><![CDATA[<!DOCTYPE x [<!ENTITY a0 "${head}">]>&a0;${tail}]]></Label>`);
  }
}

const BAD_BYTES = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf], [0x00], [0xef, 0xbf, 0xbe], [0x80, 0x80]];

/** The UTF-8 body with an invalid byte sequence spliced in at a fraction of its length. */
export function badUtf8(xml: string, at: number, variant: number): Buffer {
  const bytes = Buffer.from(xml, 'utf8');
  const cut = Math.floor(bytes.length * at);
  return Buffer.concat([bytes.subarray(0, cut), Buffer.from(BAD_BYTES[variant % BAD_BYTES.length]!), bytes.subarray(cut)]);
}

/** Hostile JSON: deep arrays, huge numbers, prototype keys, wrong types, or cut short. */
export function hostileJson(variant: number, valid: string, depth: number): string {
  switch (variant % 8) {
    case 0: return '['.repeat(depth) + ']'.repeat(depth);
    case 1: return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    case 2: return '{"ServiceName":1e999,"Url":123456789012345678901234567890,"Status":-0}';
    case 3: return '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    case 4: return valid.slice(0, Math.floor(valid.length / 2));
    case 5: return valid.replace(/"([^"]+)":"[^"]*"/, '"$1":{"nested":[1,2,3]}');
    case 6: return 'null';
    default: return `"${'s'.repeat(depth)}"`;
  }
}

/** Request ids a hostile server may send, to see whether any of them can steer the status poll elsewhere. */
export const HOSTILE_REQUEST_IDS = ['..', '.', '../../x', 'a/b', '?comp=media', '#frag', '%2e%2e', 'sp ace', 'é字', ' ', 'x'.repeat(10_000), '\r\nX-Injected: 1'];
