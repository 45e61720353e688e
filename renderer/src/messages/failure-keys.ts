import type { Failure } from '../../../electron/shared/result';

/** The one mapping from a failure code to its translated title, description and action. */
export function failureKeys(failure: Failure): {
  title: string;
  description: string;
  action: string;
} {
  const base = `messages.${failure.code}`;
  return { title: `${base}.title`, description: `${base}.description`, action: `${base}.action` };
}
