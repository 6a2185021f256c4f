import { Duration } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ComponentAlarm } from './alarm';
import { everyMinute } from './every-minute';
import { SunlitFunction } from './sunlit-function';

/**
 * The outbox relay: a function of its own, run every minute, that may read and write the table
 * and nothing else. It serves no route, so it shares no function whose privileges it would widen.
 */
export class Notifications extends Construct {
  readonly relayFunction: SunlitFunction;

  constructor(scope: Construct, id: string, props: { table: TableV2 }) {
    super(scope, id);
    this.relayFunction = new SunlitFunction(this, 'Relay', {
      entry: 'functions/notifications/relay.ts',
      description: 'Sunlit notifications: delivers the outbox by SMS and email',
      timeout: Duration.seconds(50),
    }).bindTable(props.table, 'readWrite');
    everyMinute(this, 'RelaySchedule', this.relayFunction, 'Delivers the outbox, every minute');
    new ComponentAlarm(this, 'Errors', { component: 'Notifications', functions: [this.relayFunction] });
  }
}
