import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { feeScheduleFrom } from '../packages/ledger';
import { thresholdsFrom } from '../packages/procedures';
import { Api } from './constructs/api';
import { Auctions } from './constructs/auctions';
import { AuditLog } from './constructs/audit-log';
import { Award } from './constructs/award';
import { BackgroundWork } from './constructs/background-work';
import { DrawCeremony } from './constructs/draw-ceremony';
import { ExpertPool } from './constructs/expert-pool';
import { Identity } from './constructs/identity';
import { Ledger } from './constructs/ledger';
import { Notifications } from './constructs/notifications';
import { Platform } from './constructs/platform';
import { Portal } from './constructs/portal';
import { SealedBids } from './constructs/sealed-bids';
import { Storage } from './constructs/storage';
import { Supervision } from './constructs/supervision';
import { TenderLifecycle } from './constructs/tender-lifecycle';
import { Tenders } from './constructs/tenders';

/**
 * The platform, read as the architecture diagram: the stateful storage; identity and the API;
 * one component per bounded context, each a function granted exactly what its context touches;
 * the tender lifecycle driving each tender from its publication to its close; and the
 * background work that runs what is too long for a request.
 */
export class SunlitStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const storage = new Storage(this, 'Storage');
    const identity = new Identity(this, 'Identity');
    const api = new Api(this, 'Api', { identity });
    const granted = {
      api,
      table: storage.table,
      idempotency: storage.idempotency,
      documents: storage.documents,
      bids: storage.bids,
    };

    const platform = new Platform(this, 'Platform', granted);
    const auditLog = new AuditLog(this, 'AuditLog', {
      api,
      table: storage.table,
      tiles: storage.auditTiles,
      origin: this.node.tryGetContext('auditLogOrigin') ?? 'sunlit.example/audit-log',
    });
    const lifecycle = new TenderLifecycle(this, 'TenderLifecycle', {
      table: storage.table,
      documents: storage.documents,
    });
    // Closing the bidding writes the process log's final anchor, which signs its checkpoint.
    auditLog.grantSigning(lifecycle.platformFunction);
    const tenders = new Tenders(this, 'Tenders', { ...granted, lifecycle });
    // 公开招标数额标准: a city sets its own (cdk -c gpOpenTenderingThresholdFen=…); the functions that
    // list and check procedures read the same value, checked here before anything deploys.
    const threshold: unknown = this.node.tryGetContext('gpOpenTenderingThresholdFen');
    if (threshold !== undefined) {
      thresholdsFrom(String(threshold));
      for (const fn of [platform.function, tenders.function]) {
        fn.addEnvironment('GP_OPEN_TENDERING_THRESHOLD_FEN', String(threshold));
      }
    }
    const experts = new ExpertPool(this, 'ExpertPool', granted);
    const draws = new DrawCeremony(this, 'DrawCeremony', { ...granted, lifecycle });
    const sealedBids = new SealedBids(this, 'SealedBids', { ...granted, auditLog, lifecycle });
    const award = new Award(this, 'Award', { ...granted, lifecycle });
    // 交易服务费: a city sets its own schedule (cdk -c serviceFeeSchedule='{…}', or an object in
    // cdk.json); the functions that publish results charge by it, checked here before anything deploys.
    const feeSchedule: unknown = this.node.tryGetContext('serviceFeeSchedule');
    if (feeSchedule !== undefined) {
      const schedule = JSON.stringify(
        feeScheduleFrom(typeof feeSchedule === 'string' ? feeSchedule : JSON.stringify(feeSchedule)),
      );
      // Lambda keeps at most 4 KB of environment per function, the other variables included.
      if (schedule.length > 3000) {
        throw new RangeError(
          `The service fee schedule takes ${schedule.length} characters; at most 3000 fit.`,
        );
      }
      for (const fn of [award.function, lifecycle.platformFunction]) {
        fn.addEnvironment('SERVICE_FEE_SCHEDULE', schedule);
      }
    }
    new Supervision(this, 'Supervision', granted);
    new Auctions(this, 'Auctions', { ...granted, auditLog, identity });
    new Ledger(this, 'Ledger', granted);

    const work = new BackgroundWork(this, 'BackgroundWork', {
      workers: { 'import-experts': experts.importWorker, 'decrypt-bids': sealedBids.decryptionWorker },
    });
    work.grantStart(experts.function);
    work.grantStart(sealedBids.function);

    // The web portal, on the API's origin; the browser uploads documents and sealed bids itself.
    // A custom domain in front of the distribution (cdk -c portalUrl=https://…), if any.
    const customPortalUrl: string | undefined = this.node.tryGetContext('portalUrl');
    const portal = new Portal(this, 'Portal', {
      api,
      identity,
      customUrl: customPortalUrl,
      browserBuckets: [storage.documents, storage.bids],
    });

    // The relay links each expert's summons to the portal's answer page; the draw ceremony takes the
    // answers. Email goes from one SES identity (cdk -c emailIdentity=… -c emailFrom=…).
    const emailIdentity: string = this.node.tryGetContext('emailIdentity') ?? 'sunlit.example';
    const notifications = new Notifications(this, 'Notifications', {
      table: storage.table,
      portalUrl: customPortalUrl ?? portal.url,
      email: {
        identity: emailIdentity,
        from: this.node.tryGetContext('emailFrom') ?? `notices@${emailIdentity}`,
      },
    });
    notifications.grantLinkReading(draws.function);
  }
}
