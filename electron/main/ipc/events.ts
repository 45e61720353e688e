import type { WebContents } from 'electron';

import { events, type EventChannel, type EventPayload } from '../../shared/contract';
import type { EventSink, LogPort } from '../../core/ports';

/**
 * The one typed way to send events to the renderer. Events are validated against the contract
 * and queued until the renderer says it has subscribed (`app:signal-ready`), so none is lost.
 */
export function createEventSender(log: LogPort): EventSink & {
  attach(target: WebContents): void;
  markReady(): void;
} {
  let target: WebContents | undefined;
  let ready = false;
  const queue: [EventChannel, unknown][] = [];

  const deliver = (channel: EventChannel, payload: unknown): void => {
    if (target && !target.isDestroyed()) {
      target.send(channel, payload);
    }
  };

  return {
    attach(next) {
      target = next;
      ready = false;
    },
    markReady() {
      ready = true;
      for (const [channel, payload] of queue.splice(0)) {
        deliver(channel, payload);
      }
    },
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      const parsed = events[channel].payload.safeParse(payload);
      if (!parsed.success) {
        log.error('event payload breaks the contract', { channel });
        return;
      }
      if (ready) {
        deliver(channel, parsed.data);
      } else {
        queue.push([channel, parsed.data]);
      }
    },
  };
}
