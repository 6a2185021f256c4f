import { DomainError, createOnce, newId, notFound, Caller } from '../kernel';
import { actorOf } from '../audit-log';
import { dealCodeOf } from '../procedures';
import { Project, RegisterProject } from './model';
import { TenderDeps } from './ports';
const sameRequest = (project: Project, request: RegisterProject): boolean =>
  (Object.keys(RegisterProject.shape) as (keyof RegisterProject)[]).every(
    (key) => project[key] === request[key],
  );

const requireOrganisation = async (
  deps: TenderDeps,
  id: string,
  kind: 'tenderer' | 'agency',
  field: string,
) => {
  const org = await deps.store.organisation(id);
  if (!org || org.kind !== kind) {
    throw new DomainError('VALIDATION_FAILED', `${field}: ${id} is not a registered ${kind} organisation.`, {
      field,
    });
  }
};

/**
 * 进场登记: staff register a trading project. With an idempotency key a retry returns the
 * project the first attempt created (and refuses the key for a different request).
 */
export const registerProject = async (
  deps: TenderDeps,
  caller: Caller,
  request: RegisterProject,
  idempotencyKey?: string,
): Promise<{ project: Project; created: boolean }> => {
  await requireOrganisation(deps, request.tendererOrg, 'tenderer', 'body.tendererOrg');
  if (request.agencyOrg) await requireOrganisation(deps, request.agencyOrg, 'agency', 'body.agencyOrg');
  const now = deps.clock.now();
  const id = newId('P', now, idempotencyKey ? { user: caller.user, key: idempotencyKey } : undefined);
  const { value, created } = await createOnce({
    keyed: idempotencyKey !== undefined,
    what: 'project',
    read: () => deps.store.project(id),
    sameRequest: (existing) => sameRequest(existing, request),
    create: async () => {
      const project: Project = {
        ...request,
        id,
        dealCode: dealCodeOf(id),
        status: 'registered',
        registeredAt: now.toISOString(),
        registeredBy: caller.user,
        version: 0,
      };
      await deps.store.commit({
        entry: {
          actor: actorOf(caller),
          action: 'project.registered',
          subject: { projectId: id },
          data: {
            name: project.name,
            dealCode: dealCodeOf(id),
            type: project.type,
            tendererOrg: project.tendererOrg,
            stateFunded: project.stateFunded,
          },
        },
        create: [{ kind: 'project', value: project }],
      });
      return project;
    },
  });
  return { project: value, created };
};

/** Staff accept a registered project; accepting twice is refused. */
export const acceptProject = async (
  deps: TenderDeps,
  caller: Caller,
  projectId: string,
): Promise<Project> => {
  const project = await deps.store.project(projectId);
  if (!project) throw notFound('project', projectId);
  if (project.status !== 'registered') {
    throw new DomainError('CONFLICT', `Project ${projectId} is already ${project.status}.`, {
      field: 'status',
    });
  }
  const accepted: Project = {
    ...project,
    status: 'accepted',
    acceptedAt: deps.clock.now().toISOString(),
    version: project.version + 1,
  };
  await deps.store.commit({
    entry: { actor: actorOf(caller), action: 'project.accepted', subject: { projectId } },
    replace: [{ record: { kind: 'project', value: accepted }, expect: { version: project.version } }],
  });
  return accepted;
};

export const getProject = async (deps: TenderDeps, projectId: string): Promise<Project> => {
  const project = await deps.store.project(projectId);
  if (!project) throw notFound('project', projectId);
  return project;
};
