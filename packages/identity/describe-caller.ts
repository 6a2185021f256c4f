import { Organisation, OrganisationRepository } from '../organisations';
import { Caller } from '../kernel';

export interface CallerProfile extends Caller {
  organisation: Pick<Organisation, 'id' | 'name' | 'kind'> | null;
}

/** The caller as the platform knows them: role and user from the token, organisation from the registry. */
export const describeCaller = async (
  deps: { organisations: OrganisationRepository },
  caller: Caller,
): Promise<CallerProfile> => {
  const organisation = caller.org ? await deps.organisations.get(caller.org) : undefined;
  return {
    ...caller,
    organisation: organisation
      ? { id: organisation.id, name: organisation.name, kind: organisation.kind }
      : null,
  };
};
