/** Open data (信息公开): OCDS 1.1 releases and records of every tender, each derived from, and provable against, a public audit entry. */
export { noticeChanges } from './changes';
export { compileReleases } from './compile';
export type { LoggedEntry, OcdsConfig, OpenDataDeps, OpenDataStore, PublicLog } from './ports';
export { extensionsOf, recordPackage, releasePackage } from './publish';
export { ocidOf, releaseOf, yuan } from './releases';
export type { Release } from './releases';
export { openDataRoutes } from './routes';
