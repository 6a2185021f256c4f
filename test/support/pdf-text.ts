import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** Reading a document the platform printed back as a PDF viewer's copy and search do. */

/** The decoded bytes of the stream `ref` points to. */
export const streamBytes = (doc: PDFDocument, ref: unknown): Uint8Array => {
  const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
  if (!(stream instanceof PDFRawStream)) throw new Error(`${String(ref)} is not a stream`);
  return decodePDFRawStream(stream).decode();
};

const streamText = (doc: PDFDocument, ref: unknown): string =>
  Buffer.from(streamBytes(doc, ref)).toString('latin1');

export const dicts = (doc: PDFDocument): PDFDict[] =>
  doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => (object instanceof PDFRawStream ? object.dict : object))
    .filter((object): object is PDFDict => object instanceof PDFDict);

/** The ToUnicode CMap of the document's font: subset glyph id → characters. */
const toUnicode = (doc: PDFDocument): Map<number, string> => {
  const font = dicts(doc).find((dict) => dict.get(PDFName.of('ToUnicode')));
  if (!font) throw new Error('no font with a ToUnicode CMap');
  const glyphs = new Map<number, string>();
  const cmap = streamText(doc, font.get(PDFName.of('ToUnicode')));
  for (const [, glyph, unicode] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/gi)) {
    const units = unicode!.match(/.{4}/g)!.map((hex) => parseInt(hex, 16));
    glyphs.set(parseInt(glyph!, 16), String.fromCharCode(...units));
  }
  return glyphs;
};

/**
 * Every string a page draws: the subset glyph ids of its `Tj`, and its text read back through
 * the font's ToUnicode CMap.
 */
export const drawnStrings = (doc: PDFDocument, page = 0): { ids: number[]; text: string }[] => {
  const glyphs = toUnicode(doc);
  const contents = doc.getPage(page).node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  const content = refs.map((ref) => streamText(doc, ref)).join('\n');
  return [...content.matchAll(/<([0-9a-f]*)> Tj/gi)].map(([, hex]) => {
    const ids = hex!.match(/.{4}/g)!.map((id) => parseInt(id, 16));
    return { ids, text: ids.map((id) => glyphs.get(id) ?? '\ufffd').join('') };
  });
};

/** The text of every page, one drawn string a line. */
export const pdfText = (doc: PDFDocument): string =>
  doc
    .getPages()
    .flatMap((_, page) => drawnStrings(doc, page).map(({ text }) => text))
    .join('\n');
