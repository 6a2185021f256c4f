/**
 * The award letter's font: Noto Sans SC Regular (OFL-1.1), as the npm package ships it. A function
 * carries it as a file beside its bundle; the letter embeds the subset of glyphs it uses.
 */
export const AWARD_LETTER_FONT = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
