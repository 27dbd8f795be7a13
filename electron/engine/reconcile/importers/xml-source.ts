// An XML broker file as a tree of elements that know where they start in the text, so a problem
// can name file:line:col. Every attribute stays the exact text the broker wrote (no number
// parsing: decimals are checked on their digits). A syntax error is bad_request at file:line:col.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LifeboatError } from '../../../../shared/result';

export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** Offset of the element's "<" in the text. */
  start: number;
}

export interface XmlSource {
  fileName: string;
  /** The text without a byte-order mark; offsets count from here. */
  text: string;
  root: XmlElement;
  /** file:line:col of an offset. */
  whereAt(offset: number): string;
  /** The line an offset is on. */
  lineAt(offset: number): number;
}

const META = XMLParser.getMetaDataSymbol() as unknown as string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  preserveOrder: true,
  captureMetaData: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  processEntities: true,
  htmlEntities: false,
});

export function parseXmlSource(fileName: string, input: string): XmlSource {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lines = lineStarts(text);
  const lineAt = (offset: number) => lineIndex(lines, offset) + 1;
  const whereAt = (offset: number) => {
    const i = lineIndex(lines, offset);
    return `${fileName}:${i + 1}:${offset - lines[i] + 1}`;
  };
  if (text.trim() === '') throw new LifeboatError('bad_request', 'not valid XML: the file is empty', fileName);
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    // Broker statements never declare one; a DOCTYPE is how entity-expansion attacks arrive.
    throw new LifeboatError('bad_request', 'not a broker statement: the XML declares a DOCTYPE (broker statements have none; Lifeboat does not expand XML entities)', whereAt(doctype.index));
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    // A file cut short mid-tag fails on whatever it was cut in ("boolean attribute 'cu'"): say what it looks like.
    const truncated = /^Unclosed tag/.test(msg) || !text.trimEnd().endsWith('>') ? ' (is the file truncated?)' : '';
    throw new LifeboatError('bad_request', `not valid XML: ${msg}${truncated}`, `${fileName}:${line}:${col}`);
  }
  const top = (parser.parse(text) as OrderedNode[]).map(toElement).filter((e): e is XmlElement => e !== null);
  if (top.length !== 1) throw new LifeboatError('bad_request', `not valid XML: ${top.length} root elements (a document has one)`, fileName);
  return { fileName, text, root: top[0], whereAt, lineAt };
}

/** One node as fast-xml-parser writes it with preserveOrder: { name: children, ':@': attributes }. */
type OrderedNode = Record<string, unknown>;

function toElement(node: OrderedNode): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return null; // text between elements: Flex keeps its data in attributes
  const meta = (node as Record<string, { startIndex?: number } | undefined>)[META];
  const children = (node[name] as OrderedNode[]).map(toElement).filter((e): e is XmlElement => e !== null);
  return { name, attrs: (node[':@'] as Record<string, string> | undefined) ?? {}, children, start: meta?.startIndex ?? 0 };
}

/** Offset of the value of attribute `name` in the start tag at `start`, or the tag's own offset. */
export function attributeOffset(text: string, start: number, name: string): number {
  const tagEnd = text.indexOf('>', start);
  const tag = text.slice(start, tagEnd === -1 ? undefined : tagEnd);
  const m = new RegExp(`\\s${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*["']`).exec(tag);
  return m ? start + m.index + m[0].length : start;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
