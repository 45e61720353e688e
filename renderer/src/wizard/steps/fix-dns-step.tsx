import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { verdictGuide, type GuideText } from '../../../../electron/shared/dns-guidance';
import type { BoxInfo } from '../../../../electron/shared/schemas/box';
import type { DnsReport } from '../../../../electron/shared/schemas/dns';
import { DeviceCheckEntry } from '../../components/device-check-dialog';
import { DnsChangePanel } from '../../components/dns-change-panel';
import { DnsEvidence } from '../../components/dns-evidence';
import { DnsPlanList } from '../../components/dns-plan-list';
import { DnsRouterCard } from '../../components/dns-router-card';
import { FailureNotice } from '../../components/failure-notice';
import { StepHeading } from '../../components/step-heading';
import { StepActions } from '../../components/step-actions';
import { checkOutcome, type DnsCheckResult } from '../dns-repair-state';
import { useDnsRepair } from '../use-dns-repair';
import { reachedIpv4 } from '../../../../electron/shared/box-address';

/** The verdict of the latest check, and whether the fix just tried did it. */
function Verdict({ result }: { result: DnsCheckResult }) {
  const { t } = useTranslation();
  const say = (text: GuideText) => t(text.key, text.values ?? {});
  const guide = verdictGuide(result.report);
  const outcome = checkOutcome(result);
  const secure =
    outcome !== 'found'
      ? null
      : result.https === null
        ? 'dns.recheck.dnsOnly'
        : 'dns.recheck.httpsFailed';
  const attempt = result.attempt === null ? null : t(`dns.plans.${result.attempt}.title`);
  return (
    <div className={`notice ${outcome === 'problem' ? 'notice-problem' : 'notice-ok'}`}>
      <p className="notice-title">
        {outcome === 'reachable' ? t('dns.recheck.ok') : say(guide.title)}
      </p>
      <p>{say(guide.description)}</p>
      {guide.notes.map((note) => (
        <p key={note.key}>{say(note)}</p>
      ))}
      {secure !== null && <p>{t(secure)}</p>}
      {attempt !== null && (
        <p className="notice-action">
          {outcome === 'problem'
            ? t('dns.notYet', { fix: attempt })
            : t('dns.fixed', { fix: attempt })}
        </p>
      )}
      <p className="muted">{t('dns.checked', { ms: result.report.durationMs })}</p>
    </div>
  );
}

/**
 * "Fix the box's web address": knows the box (its name, or its address to learn the name from)
 * and checks at once; one check ("Check" / "Check again" / "I did this") whose verdict replaces
 * the previous one in place, takes focus and comes into view; the router as recognised, with
 * its admin page and a way to correct it; the fixes in the order that works on that router.
 */
export function FixDnsStep({
  box,
  name = null,
  known = null,
  onBack,
}: {
  box: BoxInfo | null;
  /** The box's odoo-iot.com name when the wizard knows it: checked at once. */
  name?: string | null;
  /** A verdict already gathered for that name: shown at once instead of asking again. */
  known?: DnsReport | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { state, check, show, correctRouter, apply, confirmApply, cancelApply, keep, undo } =
    useDnsRepair();
  // The box is looked at where it answered, never at the address it reports.
  const reached = box === null ? undefined : reachedIpv4(box);
  const start = name ?? reached ?? '';
  const [target, setTarget] = useState(start);
  const verdictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (known !== null) {
      show(known);
    } else if (start !== '') {
      check(start, reached);
    }
  }, [known, start, reached, check, show]);
  const inputId = useId();
  const hintId = useId();
  const busy = state.check.status === 'loading';
  const loaded = state.check.status === 'loaded' ? state.check.value : null;
  const checkedAt = loaded?.report.checkedAt ?? null;
  // A new verdict is where the user looks next: move focus to it and bring it into view.
  useEffect(() => {
    if (checkedAt !== null) {
      verdictRef.current?.focus({ preventScroll: true });
      verdictRef.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    }
  }, [checkedAt]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target.trim() !== '') {
      check(target.trim(), reached);
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
          {state.check.status === 'idle' ? t('dns.check') : t('dns.recheck.run')}
        </button>
      </form>
      <div
        ref={verdictRef}
        tabIndex={-1}
        aria-live="polite"
        className="live-region dns-verdict"
        data-testid="dns-verdict"
      >
        {busy && <p role="status">{t('dns.checking')}</p>}
        {state.check.status === 'failed' && <FailureNotice failure={state.check.error} />}
        {loaded && <Verdict result={loaded} />}
      </div>
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
      {loaded && loaded.report.verdict !== 'ok' && (
        <>
          <DnsRouterCard
            router={loaded.report.router}
            onCorrect={(family) => correctRouter(loaded.report, family)}
          />
          <DnsPlanList
            report={loaded.report}
            plans={loaded.plans}
            busy={['previewing', 'confirm', 'applying'].includes(state.change.status)}
            checking={busy}
            onApply={() => apply(loaded.report)}
            onTried={(kind) => check(loaded.report.name, loaded.report.expectedIp, kind)}
          />
        </>
      )}
      {loaded && !loaded.plans.some((plan) => plan.kind === 'other-devices') && (
        <DeviceCheckEntry
          box={{ ip: loaded.report.expectedIp, port: 8069, name: loaded.report.name }}
          thisComputer={loaded.report.verdict === 'ok' ? 'ok' : 'problem'}
          hint
        />
      )}
      {loaded && <DnsEvidence report={loaded.report} />}
      <StepActions>
        <button type="button" onClick={onBack}>
          {t('steps.back')}
        </button>
      </StepActions>
    </section>
  );
}
