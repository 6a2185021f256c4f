import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { IdPath } from '../kernel';
import { ObjectionPath } from '../tenders';
import { Challenges, ChallengeStep, RaiseChallenge } from './model';

/** What a caller sees of a tender's challenges: complainants withheld where they must be, and whether the process waits. */
export const ChallengesView = Challenges.omit({ version: true }).extend({
  hold: z.object({ article: z.string(), reason: z.string() }).optional(),
  /** On a single-source notice: any supplier may object to it until the publicity ends (74号令39). */
  noticeObjections: z.object({ until: z.iso.datetime({ offset: true }), article: z.string() }).optional(),
});

export const raiseChallengeRoute = defineRoute({
  operationId: 'raiseChallenge',
  method: 'POST',
  path: '/tenders/{id}/challenges',
  summary:
    'A bidder objects to the documents (异议, 条例22), queries (质疑, 法52) or objects to a single-source notice (74号令39), or complains to the regulator (投诉, 条例60 / 法55)',
  tags: ['complaints'],
  access: ['bidder'],
  request: { path: IdPath, body: RaiseChallenge },
  // Each accepted challenge is a permanent logged entry.
  throttle: { rate: 5, burst: 10 },
  responses: { 200: { description: "The tender's challenges", schema: ChallengesView } },
});

export const challengeStepRoute = defineRoute({
  operationId: 'takeChallengeStep',
  method: 'POST',
  path: '/tenders/{id}/challenges/{number}/steps',
  summary:
    'A step on a challenge by the role the law names: the tenderer answers (concluding its review of a single-source objection, 74号令40); the regulator accepts, refuses, investigates, stops or restarts the clock, suspends or lifts, upholds or dismisses; the complainant withdraws',
  tags: ['complaints'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: ObjectionPath, body: ChallengeStep },
  responses: { 200: { description: "The tender's challenges", schema: ChallengesView } },
});

export const listChallengesRoute = defineRoute({
  operationId: 'listChallenges',
  method: 'GET',
  path: '/tenders/{id}/challenges',
  summary: "A tender's challenges and complaints with their clocks, its suspensions, and whether it waits",
  tags: ['complaints'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: "The tender's challenges", schema: ChallengesView } },
});

export const complaintRoutes = [raiseChallengeRoute, challengeStepRoute, listChallengesRoute] as const;
