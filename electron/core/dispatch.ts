import { z } from 'zod';

import {
  invoke,
  isInvokeChannel,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
} from '../shared/contract';
import { fail, type Failure, type Result } from '../shared/result';
import type { LogPort } from './ports';

export type HandlerContext = { readonly signal: AbortSignal };

export type Handlers = {
  readonly [C in InvokeChannel]: (
    args: InvokeArgs<C>,
    context: HandlerContext,
  ) => Promise<Result<InvokeResult<C>, Failure>>;
};

/** Transport-neutral entry point: (channel, untrusted arguments) → a serialisable Result. */
export type Dispatch = (
  channel: unknown,
  rawArgs: readonly unknown[],
  context: HandlerContext,
) => Promise<Result<unknown, Failure>>;

type AnyHandler = (args: unknown, context: HandlerContext) => Promise<Result<unknown, Failure>>;

export function createDispatch(handlers: Handlers, log: LogPort): Dispatch {
  return async (channel, rawArgs, context) => {
    if (!isInvokeChannel(channel)) {
      return fail('invalid-arguments', 'unknown channel');
    }
    const spec = invoke[channel];
    const parsed = spec.args.safeParse(rawArgs);
    if (!parsed.success) {
      return fail('invalid-arguments', z.prettifyError(parsed.error));
    }
    // The contract ties each channel to its handler's argument type; TypeScript cannot follow
    // that correlation through an indexed access, hence the one widening here.
    const handler = handlers[channel] as AnyHandler;
    let result: Result<unknown, Failure>;
    try {
      result = await handler(parsed.data, context);
    } catch (error) {
      if (context.signal.aborted) {
        return fail('cancelled');
      }
      log.error('handler threw', {
        channel,
        error: error instanceof Error ? error.stack : String(error),
      });
      return fail('internal');
    }
    if (!result.ok) {
      return result;
    }
    // Results are parsed on the way out too: it strips anything the contract does not declare,
    // so a service can never leak an extra field (a secret, a Node object) to the renderer.
    const output = spec.result.safeParse(result.value);
    if (!output.success) {
      log.error('handler result breaks the contract', {
        channel,
        issues: z.prettifyError(output.error),
      });
      return fail('internal');
    }
    return { ok: true, value: output.data };
  };
}
