import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import type { DnsReport } from '../../../../electron/shared/schemas/dns';
import type { Loadable } from '../../../../electron/shared/result';
import { FailureNotice } from '../../components/failure-notice';
import { ReportActions } from '../../components/report-actions';
import { StepHeading } from '../../components/step-heading';
import { StepActions } from '../../components/step-actions';
import { boxAddress } from '../connect-state';
import { reachedIpv4 } from '../../../../electron/shared/box-address';

/**
 * "Web address check": does this computer find the box's `*.odoo-iot.com` name at the box's
 * address? OK → continue; a problem → the DNS repair flow, with the report for support.
 */
export function WebAddressStep({
  box,
  name,
  check,
  onCheck,
  onContinue,
  onRepairDns,
  onBack,
  onCancel,
}: {
  box: BoxInfo;
  name: string;
  check: Loadable<DnsReport>;
  onCheck: (name: string, expectedIp: string | undefined) => void;
  onContinue: () => void;
  onRepairDns: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    if (check.status === 'idle') {
      onCheck(name, reachedIpv4(box));
    }
  }, [check.status, name, box, onCheck]);
  const report = check.status === 'loaded' ? check.value : null;
  const ok = report?.verdict === 'ok';
  const problem = check.status === 'failed' || (report !== null && !ok);
  return (
    <section className="step">
      <StepHeading>{t('webAddress.title')}</StepHeading>
      <p>{t('webAddress.intro')}</p>
      <p className="muted">
        <code>{name}</code>
      </p>
      <div aria-live="polite" className="live-region live-region-reserved">
        {check.status === 'loading' && (
          <div role="status">
            <p>{t('webAddress.checking')}</p>
            <p className="muted">{t('webAddress.busy')}</p>
          </div>
        )}
        {check.status === 'failed' && <FailureNotice failure={check.error} />}
        {report !== null && (
          <div className={`notice ${ok ? 'notice-ok' : 'notice-problem'}`}>
            <p className="notice-title">{t(`dns.verdict.${report.verdict}.title`)}</p>
            <p>
              {t(`dns.verdict.${report.verdict}.description`, {
                name: report.name,
                ip: report.expectedIp,
                published: report.publishedAddresses.join(', ') || '-',
              })}
            </p>
            {!ok && <p className="notice-action">{t('webAddress.repairHint')}</p>}
          </div>
        )}
      </div>
      {problem && <ReportActions target={boxAddress(box)} />}
      <StepActions>
        <button type="button" onClick={onBack} disabled={check.status === 'loading'}>
          {t('steps.back')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('steps.cancel')}
        </button>
        {problem && (
          <button type="button" onClick={() => onCheck(name, reachedIpv4(box))}>
            {t('webAddress.again')}
          </button>
        )}
        {report !== null && !ok && (
          <button type="button" className="primary" onClick={onRepairDns}>
            {t('steps.fixDns')}
          </button>
        )}
        {ok && (
          <button type="button" className="primary" onClick={onContinue}>
            {t('steps.continue')}
          </button>
        )}
      </StepActions>
    </section>
  );
}
