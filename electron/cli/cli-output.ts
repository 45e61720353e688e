import { parseBoxTarget, type BoxTarget } from '../core/box/box-target';
import { isInputError, type DiagnosisCode } from '../shared/diagnosis';
import type { GuideText } from '../shared/dns-guidance';
import { messageAt } from '../shared/locales';
import en from '../shared/locales/en.json';
import type { Failure } from '../shared/result';
import { EXIT_PROBLEM, EXIT_USAGE, UsageError, type CliIo } from './io';

/*
 * What every `iotbox` command prints the same way: the `<box>` argument, failures (text or one
 * JSON document, with the same translated message as the app), and `{{value}}` templates from
 * the locale file.
 */

export type Message = {
  readonly title: string;
  readonly description: string;
  readonly action: string;
};

export function messageFor(code: DiagnosisCode): Message | undefined {
  const messages: Readonly<Record<string, Message>> = en.messages;
  return messages[code];
}

/** Fills `{{name}}` placeholders the way i18next does for the app. */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/{{(\w+)}}/g, (whole, key: string) =>
    values[key] === undefined ? whole : String(values[key]),
  );
}

/** A sentence from the English file by its key (the CLI speaks English, like its --help). */
export function english(text: GuideText): string {
  const message = messageAt(en, text.key);
  return message === null ? text.key : fillTemplate(message, text.values ?? {});
}

const BOX_KINDS = 'an IP address, host name or URL';

/**
 * A box address from the command line, parsed here once, before anything is sent: the services
 * take the target as is. Not an address: a usage error (exit 2). `name` and `what` word it.
 */
export function boxAddress(text: string, name = '<box>', what = BOX_KINDS): BoxTarget {
  const target = parseBoxTarget(text);
  if (!target.ok) {
    throw new UsageError(`${name} must be ${what}, got '${text}'`);
  }
  return target.value;
}

/** The one `<box>` positional: as typed (a report names it so) and parsed. */
export function boxTargetArgument(
  positionals: readonly string[],
  what = BOX_KINDS,
): { readonly ref: string; readonly target: BoxTarget } {
  const [box, ...extra] = positionals;
  if (box === undefined) {
    throw new UsageError(`missing <box> (${what})`);
  }
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument '${extra[0] ?? ''}'`);
  }
  return { ref: box, target: boxAddress(box, '<box>', what) };
}

/** The one `<box>` positional, parsed. */
export function boxArgument(positionals: readonly string[]): BoxTarget {
  return boxTargetArgument(positionals).target;
}

/**
 * Prints a failure (text, or one JSON document) with the app's own message, and returns the exit
 * code: 2 when the input was wrong and nothing was sent, else 1 (the check found a problem).
 */
export function printFailure(
  io: CliIo,
  json: boolean,
  failure: Failure,
  extra: object = {},
): number {
  const message = messageFor(failure.code);
  if (json) {
    const error = {
      code: failure.code,
      title: message?.title ?? failure.code,
      ...(message ? { description: message.description, action: message.action } : {}),
      ...(failure.detail === undefined ? {} : { detail: failure.detail }),
    };
    io.stdout(`${JSON.stringify({ ok: false, ...extra, error }, null, 2)}\n`);
  } else {
    io.stderr(`iotbox: ${message?.title ?? failure.code}\n`);
    if (message) {
      io.stderr(`${message.description}\n${message.action}\n`);
    }
    if (failure.detail !== undefined) {
      io.stderr(`(${failure.detail})\n`);
    }
  }
  return isInputError(failure.code) ? EXIT_USAGE : EXIT_PROBLEM;
}
