/** The demo organisations, users and expert pool, generated from a fixed seed. */
export { demoExperts, demoOrganisations, demoSpecialties, demoUsers } from './demo-data';
export type { DemoUser } from './demo-data';
