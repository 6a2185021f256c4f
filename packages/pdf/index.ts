/** One-page documents in Chinese as PDF (the award letter, the service-fee receipt), with the amounts and dates they state. */
export { capitalYuan, chineseDate, formatYuan } from './amounts';
export { DOCUMENT_FONT, DOCUMENT_FONT_FILE } from './font';
export { renderPage } from './page';
export type { Block, Fact, PageText } from './page';
