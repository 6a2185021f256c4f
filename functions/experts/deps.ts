import { ExpertDeps } from '../../packages/experts';
import { expertStore } from '../../packages/storage';
import { clock, documentStore, platformTable } from '../adapters';

/** The expert pool's store and the documents bucket its imports are uploaded to. */
export const expertDeps = (): ExpertDeps => ({
  store: expertStore(platformTable()),
  documents: documentStore(),
  clock,
});
