/**
 * The documents' font: Noto Sans SC Regular (OFL-1.1), as the npm package ships it. A function
 * that prints carries it as a file beside its bundle; each document embeds the subset of glyphs it uses.
 */
export const DOCUMENT_FONT = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

/** The name the font file has beside a function's bundle. */
export const DOCUMENT_FONT_FILE = 'NotoSansSC-Regular.ttf';
