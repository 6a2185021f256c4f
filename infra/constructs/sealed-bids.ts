import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as routes from '../../packages/bidding/routes';
import * as custody from '../../packages/custody/routes';
import { RouteFunction, RouteFunctionsProps, serveRoutes } from './route-functions';

const handlers: RouteFunction[] = [
  { route: custody.registerCustodianKeyRoute, file: 'register-custodian-key', table: 'readWrite' },
  { route: custody.listCustodiansRoute, file: 'list-custodians', table: 'read' },
  { route: custody.myShareRoute, file: 'my-share', table: 'read' },
  // Bidders write ciphertext straight to the bids bucket through a presigned PUT.
  { route: routes.requestBidUploadRoute, file: 'request-bid-upload', table: 'readWrite', bids: 'write' },
  // At the deadline many bidders confirm at once and appends to the log queue up: give them
  // time up to API Gateway's own limit rather than fail a bid that would have been received.
  {
    route: routes.confirmBidRoute,
    file: 'confirm-bid',
    table: 'readWrite',
    bids: 'read',
    signsCheckpoints: true,
    timeout: Duration.seconds(29),
    memorySize: 1024,
  },
  // Receipts may store a newly signed checkpoint.
  { route: routes.myBidRoute, file: 'my-bids', table: 'readWrite', signsCheckpoints: true },
  { route: routes.withdrawBidRoute, file: 'withdraw-bid', table: 'readWrite', signsCheckpoints: true },
  { route: routes.recordBondRoute, file: 'record-bond', table: 'readWrite' },
  { route: routes.startOpeningRoute, file: 'start-opening', table: 'readWrite', bids: 'read' },
  // The last share rebuilds the key and decrypts every bid: hundreds of megabytes for a large tender.
  {
    route: routes.submitShareRoute,
    file: 'submit-share',
    table: 'readWrite',
    bids: 'read',
    lifecycle: 'resume',
    timeout: Duration.minutes(10),
    memorySize: 3008,
  },
  { route: routes.getOpeningRoute, file: 'get-opening', table: 'read', bids: 'read' },
  { route: routes.raiseObjectionRoute, file: 'raise-objection', table: 'readWrite', bids: 'read' },
  { route: routes.answerObjectionRoute, file: 'answer-objection', table: 'readWrite', bids: 'read' },
];

/**
 * Sealed bids and the opening (开标): custodian keys, upload slots and receipts, withdrawals,
 * bonds, the custodians' shares, the opening record. No function reads a bid before the opening.
 */
export class SealedBids extends Construct {
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    serveRoutes(this, props, 'bidding', handlers);
  }
}
