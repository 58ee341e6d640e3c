import { EventTransport, HubEvent } from './hub-event';

/**
 * The embedded default: the relay hands a batch straight to the bank's applier in the same
 * process; publish resolves when the bank's transaction has committed, so the relay marks the
 * rows published only then.
 */
export class InProcessTransport implements EventTransport {
  readonly name = 'inprocess';

  constructor(private readonly deliver: (events: HubEvent[]) => Promise<void>) {}

  publish(events: HubEvent[]): Promise<void> {
    return this.deliver(events);
  }

  async close(): Promise<void> {}
}
