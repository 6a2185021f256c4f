/** Organisations the platform knows: tenderers, agencies, bidders, the center, regulators, employers. */
export { Organisation } from './organisation';
export type { OrganisationRepository } from './organisation';
