import * as fontkit from 'fontkit';
import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';

/** One row of a table of facts: its label, and its value on one or more lines; an undefined value is left out. */
export type Fact = [label: string, value: string | readonly string[] | undefined];

/** What a document's body is made of, top to bottom. */
export type Block =
  /** Wrapped, flush left: a salutation. */
  | { line: string }
  /** Wrapped, its first line indented as Chinese paragraphs are. */
  | { paragraph: string }
  /** Labels and values in two columns, with a little space above and below. */
  | { facts: readonly Fact[] };

export interface PageText {
  /** The PDF's document information; `date` is its creation date, which keeps the bytes stable. */
  info: { title: string; subject: string; author: string; date: Date };
  heading: string;
  /** Right-aligned under the heading: `编号：…`. */
  reference?: string;
  body: readonly Block[];
  /** Right-aligned below the body, one line each: who issues the document and when. */
  signature?: readonly string[];
  /** Small print at the foot of the last page. */
  footnote?: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 72;
const BODY_SIZE = 12;
const LINE_HEIGHT = BODY_SIZE * 1.9;
const TEXT_WIDTH = A4[0] - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.1);
// Two ideographic spaces: how Chinese paragraphs indent.
const INDENT = '\u3000\u3000';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

type Listener = (chunk?: Uint8Array) => void;

/**
 * The stream pdf-lib reads a subset from, without Node's streams (the ledger's entry reaches the
 * browser through the bidding context): the bytes as one chunk, then the end, once it listens for both.
 */
const encodedStream = (bytes: Uint8Array) => {
  const listeners = new Map<string, Listener>();
  const stream = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      if (event === 'end' && listeners.has('data')) {
        queueMicrotask(() => {
          listeners.get('data')!(bytes);
          listener();
        });
      }
      return stream;
    },
  };
  return stream;
};

/**
 * fontkit itself, not pdf-lib's old fork of it: the fork writes TrueType subsets whose glyph
 * offsets drift, so many characters print blank. pdf-lib reads a subset as the fork's stream.
 */
const subsettingFontkit: Fontkit = {
  create: (bytes) => {
    const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!('createSubset' in font)) throw new TypeError('A font collection is not a font.');
    const createSubset = font.createSubset.bind(font);
    return Object.assign(font, {
      createSubset: () => {
        const subset = createSubset();
        return Object.assign(subset, { encodeStream: () => encodedStream(subset.encode()) });
      },
    }) as unknown as ReturnType<Fontkit['create']>;
  },
};

/**
 * A unit that stays on one line: one Chinese character, or a run of Latin letters, digits and
 * signs (an id, a price with its ¥; `2026年` too), with any opening bracket that precedes it and
 * any punctuation that follows it, since neither may be left alone at a line's end or start.
 */
const UNIT = /[（《“‘]*(?:¥?[!-~]+[年月日]?|.)[，。、：；！？）》”’]*/gsu;

/** Lines of at most `width` points, breaking between units only. */
const wrap = (text: string, font: PDFFont, size: number, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(UNIT) ?? []) {
    if (line && font.widthOfTextAtSize(line + token, size) > width) {
      lines.push(line);
      line = token.trimStart();
    } else line += token;
  }
  return line ? [...lines, line] : lines;
};

/** Where the next line goes: a page, and a height on it; a line below the margin starts a new page. */
class Cursor {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - 100;
  }

  /** Room for `lines` more lines on this page, or a new page. */
  need(lines: number) {
    if (this.y - (lines - 1) * LINE_HEIGHT >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN - BODY_SIZE;
  }

  text(text: string, x: number, size = BODY_SIZE) {
    this.page.drawText(text, { x, y: this.y, size, font: this.font, color: INK });
  }

  right(text: string, size = BODY_SIZE) {
    this.text(text, A4[0] - MARGIN - this.font.widthOfTextAtSize(text, size), size);
  }

  /** Writes lines downwards from `x`, each on the next line. */
  lines(lines: readonly string[], x: number) {
    for (const line of lines) {
      this.need(1);
      this.text(line, x);
      this.y -= LINE_HEIGHT;
    }
  }
}

const writeFacts = (cursor: Cursor, font: PDFFont, facts: readonly Fact[]) => {
  const shown = facts.filter((fact): fact is [string, string | readonly string[]] => fact[1] !== undefined);
  const labelWidth = Math.max(
    ...shown.map(([label]) => font.widthOfTextAtSize(`${INDENT}${label}：`, BODY_SIZE)),
  );
  const valueX = MARGIN + labelWidth;
  for (const [label, value] of shown) {
    const lines = (typeof value === 'string' ? [value] : value).flatMap((part) =>
      wrap(part, font, BODY_SIZE, A4[0] - MARGIN - valueX),
    );
    // A label is never left at a page's foot without its value.
    cursor.need(1);
    cursor.text(`${INDENT}${label}：`, MARGIN);
    cursor.lines(lines, valueX);
  }
};

/**
 * A document in Chinese as A4 PDF: a centred heading, its reference, the body, the signature
 * and a footnote, on as many pages as it takes. Only the glyphs used are embedded, which keeps a
 * page at some 30 KB. The same text always gives the same bytes (the date is the document's,
 * the font's subset tag is fixed, pdf-lib's ids are seeded), so a document's SHA-256 can be
 * checked against any copy.
 */
export const renderPage = async (text: PageText, fontBytes: Uint8Array): Promise<Uint8Array> => {
  if (Number.isNaN(text.info.date.getTime())) throw new RangeError('The document has no valid date.');
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(subsettingFontkit);
  // A fixed subset tag, not a random one, keeps the bytes stable; one font per document cannot clash.
  const font = await doc.embedFont(fontBytes, { subset: true, customName: 'SUNLIT+NotoSansSC-Regular' });
  doc.setTitle(text.info.title);
  doc.setSubject(text.info.subject);
  doc.setAuthor(text.info.author);
  doc.setLanguage('zh-CN');
  doc.setProducer('Sunlit');
  doc.setCreator('Sunlit');
  doc.setCreationDate(text.info.date);
  doc.setModificationDate(text.info.date);

  const cursor = new Cursor(doc, font);
  const headingSize = 26;
  cursor.text(text.heading, (A4[0] - font.widthOfTextAtSize(text.heading, headingSize)) / 2, headingSize);
  cursor.y -= 36;
  if (text.reference) cursor.right(text.reference, 10.5);
  cursor.y -= 40;

  for (const block of text.body) {
    if ('line' in block) cursor.lines(wrap(block.line, font, BODY_SIZE, TEXT_WIDTH), MARGIN);
    else if ('paragraph' in block)
      cursor.lines(wrap(INDENT + block.paragraph, font, BODY_SIZE, TEXT_WIDTH), MARGIN);
    else {
      cursor.y -= LINE_HEIGHT / 3;
      writeFacts(cursor, font, block.facts);
      cursor.y -= LINE_HEIGHT / 3;
    }
  }

  if (text.signature?.length) {
    cursor.y -= LINE_HEIGHT;
    cursor.need(text.signature.length + 1);
    cursor.y -= LINE_HEIGHT;
    for (const line of text.signature) {
      cursor.right(line);
      cursor.y -= LINE_HEIGHT;
    }
  }
  if (text.footnote) {
    cursor.page.drawText(text.footnote, {
      x: MARGIN,
      y: MARGIN - 20,
      size: 9,
      font,
      color: rgb(0.4, 0.4, 0.4),
    });
  }
  return doc.save();
};
