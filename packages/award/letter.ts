import { DomainError, required, Caller } from '../kernel';
import { DOWNLOAD_URL_SECONDS } from '../tenders';
import { AwardDeps } from './ports';
/** The letter for the winner to download, and for staff and regulators; other bidders get their result notice. */
export const downloadAwardLetter = async (deps: AwardDeps, caller: Caller, tenderId: string) => {
  const letter = await required(deps.store.awardLetter(tenderId), 'award letter of tender', tenderId);
  if (caller.role === 'bidder' && caller.org !== letter.winner) {
    throw new DomainError('FORBIDDEN', 'Only the winning bidder receives the award letter (法45).');
  }
  const { objectKey: _key, ...facts } = letter;
  return {
    ...facts,
    url: await deps.documents.downloadUrl(letter.objectKey, DOWNLOAD_URL_SECONDS),
    expiresAt: new Date(deps.clock.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
  };
};
