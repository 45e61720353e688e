import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import type { DnsRecheck } from '../../../../electron/shared/schemas/dns';
import { DeviceCheckEntry } from '../../components/device-check-dialog';
import { DnsChangePanel } from '../../components/dns-change-panel';
import { DnsEvidence } from '../../components/dns-evidence';
import { DnsPlanList } from '../../components/dns-plan-list';
import { FailureNotice } from '../../components/failure-notice';
import { StepHeading } from '../../components/step-heading';
import { useDnsRepair } from '../use-dns-repair';

function recheckKey(recheck: DnsRecheck): string {
  if (!recheck.resolves) {
    return 'dns.recheck.dnsFailed';
  }
  if (recheck.https.status === 'ok') {
    return 'dns.recheck.ok';
  }
  return recheck.https.status === 'failed' ? 'dns.recheck.httpsFailed' : 'dns.recheck.dnsOnly';
}

/** "Fix the box's web address": verdict, evidence (collapsed), plans as choices, re-check. */
export function FixDnsStep({
  box,
  name = null,
  onBack,
}: {
  box: BoxInfo | null;
  /** The box's name when known (from the web address check): checked at once. */
  name?: string | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { state, check, apply, confirmApply, cancelApply, keep, undo, recheck } = useDnsRepair();
  const [target, setTarget] = useState(name ?? box?.ip ?? '');
  // Coming from the web address check, the user came to repair: show the verdict and plans.
  useEffect(() => {
    if (name !== null) {
      check(name, box?.ip);
    }
  }, [name, box?.ip, check]);
  const inputId = useId();
  const hintId = useId();
  const busy = state.check.status === 'loading';
  const loaded = state.check.status === 'loaded' ? state.check.value : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target.trim() !== '') {
      check(target.trim(), box?.ip);
    }
  };

  return (
    <section className="step fix-dns">
      <StepHeading>{t('dns.title')}</StepHeading>
      <p>{t('dns.intro')}</p>
      {state.openJournal && (
        <div className="notice notice-warning" role="alert">
          <p>{t('dns.change.open')}</p>
          <button type="button" onClick={undo}>
            {t('dns.change.restoreOpen')}
          </button>
        </div>
      )}
      <form onSubmit={submit} className="dns-form">
        <label htmlFor={inputId}>{t('dns.nameLabel')}</label>
        <input
          id={inputId}
          aria-describedby={hintId}
          value={target}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setTarget(event.target.value)}
        />
        <p id={hintId} className="muted">
          {t('dns.nameHint')}
        </p>
        <button type="submit" className="primary" disabled={busy || target.trim() === ''}>
          {t('dns.check')}
        </button>
      </form>
      <div aria-live="polite" className="live-region">
        {busy && <p>{t('dns.checking')}</p>}
        {state.check.status === 'failed' && <FailureNotice failure={state.check.error} />}
        {loaded && (
          <div
            className={`notice ${loaded.report.verdict === 'ok' ? 'notice-ok' : 'notice-problem'}`}
          >
            <p className="notice-title">{t(`dns.verdict.${loaded.report.verdict}.title`)}</p>
            <p>
              {t(`dns.verdict.${loaded.report.verdict}.description`, {
                name: loaded.report.name,
                ip: loaded.report.expectedIp,
                published: loaded.report.publishedAddresses.join(', ') || '-',
              })}
            </p>
            <p className="muted">{t('dns.checked', { ms: loaded.report.durationMs })}</p>
          </div>
        )}
        <DnsChangePanel
          change={state.change}
          preview={state.preview}
          promptWaiting={state.promptWaiting}
          onConfirm={() => {
            if (loaded) {
              confirmApply(loaded.report);
            }
          }}
          onCancel={cancelApply}
          onKeep={keep}
          onUndo={undo}
        />
        {state.recheck.status === 'loading' && <p>{t('dns.recheck.running')}</p>}
        {state.recheck.status === 'loaded' && (
          <p className={`notice ${state.recheck.value.reachable ? 'notice-ok' : 'notice-problem'}`}>
            {t(recheckKey(state.recheck.value))}
          </p>
        )}
        {state.recheck.status === 'failed' && <FailureNotice failure={state.recheck.error} />}
      </div>
      {loaded && (
        <>
          <DnsEvidence report={loaded.report} />
          <DnsPlanList
            report={loaded.report}
            plans={loaded.plans}
            busy={['previewing', 'confirm', 'applying'].includes(state.change.status)}
            onApply={() => apply(loaded.report)}
          />
          {!loaded.plans.some((plan) => plan.kind === 'other-devices') && (
            <DeviceCheckEntry
              box={{ ip: loaded.report.expectedIp, port: 8069, name: loaded.report.name }}
              thisComputer={loaded.report.verdict === 'ok' ? 'ok' : 'problem'}
              hint
            />
          )}
        </>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
        {loaded && (
          <button
            type="button"
            onClick={() => recheck(loaded.report)}
            disabled={state.recheck.status === 'loading'}
          >
            {t('dns.recheck.run')}
          </button>
        )}
      </div>
    </section>
  );
}
