import { fail, ok, type Failure, type Result } from '../../shared/result';
import { parseBoxTarget } from '../box/box-target';
import type { Handlers } from '../dispatch';
import type { Lazy } from '../lazy';
import type { Ports } from '../ports';
import type { ReportService } from './create-report';

/** The contract's report channels: create, then save or copy the last report. */
export function reportHandlers(
  report: Lazy<ReportService>,
  ports: Pick<Ports, 'reportSaver' | 'clipboard'>,
): Pick<Handlers, 'report:create' | 'report:save' | 'report:copy-summary'> {
  const nothingYet = (): Result<never, Failure> =>
    fail('report-missing', 'create a report before saving or copying it');
  return {
    // An address that is not one still gets a report: its box check says why.
    'report:create': async ([ref], { signal }) =>
      ok(await (await report()).create({ ref, target: parseBoxTarget(ref) }, signal)),
    'report:save': async () => {
      const files = (await report()).files();
      if (files === null) {
        return nothingYet();
      }
      if (!ports.reportSaver) {
        return fail('not-implemented', 'no place to save reports in this runtime');
      }
      const location = await ports.reportSaver.save(files);
      return ok({ saved: location !== null, location });
    },
    'report:copy-summary': async () => {
      const summary = (await report()).lastSummary();
      if (summary === null) {
        return nothingYet();
      }
      if (!ports.clipboard) {
        return fail('not-implemented', 'no clipboard in this runtime');
      }
      ports.clipboard.writeText(summary);
      return ok(null);
    },
  };
}
