import { useEffect, useId, useRef, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

import { BOX_NAME_MAX_LENGTH } from '../../../electron/shared/box-name-rule';
import type { BoxInfo } from '../../../electron/shared/schemas/box';
import { boxAddress } from '../wizard/connect-state';
import {
  renameProblem,
  type RenameOffer,
  type RenamePhase,
  type RenameView,
} from '../wizard/rename-state';
import { FailureNotice } from './failure-notice';
import { ReportActions } from './report-actions';
import { RestartProgress } from './restart-progress';

export type RenameActions = {
  readonly open: () => void;
  readonly close: () => void;
  readonly edit: (draft: string) => void;
  readonly send: (box: BoxInfo, name: string) => void;
};

/**
 * The overview's "Rename this box": a calm secondary action where the box can be renamed, a
 * short reason where it cannot. The form checks the name with the rule the core applies; the
 * box then reboots (the shared restart view follows it) and the name it came back with is
 * shown. Wording follows Odoo's own rename dialog (hw_posbox_homepage HostnameDialog).
 */
export function BoxRename({
  box,
  offer,
  view,
  actions,
}: {
  box: BoxInfo;
  offer: RenameOffer;
  view: RenameView;
  actions: RenameActions;
}) {
  const { t } = useTranslation();
  const { draft, phase } = view;
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const headingId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnPhase(phase.kind, { button: buttonRef, input: inputRef, heading: headingRef });

  if (offer === 'none') {
    return null;
  }
  if (offer !== 'offered') {
    return (
      <p className="overview-rename muted">
        {offer === 'unsupported'
          ? t('overview.rename.unsupported')
          : t('overview.rename.accessPoint')}
      </p>
    );
  }

  const problem = phase.kind === 'editing' ? renameProblem(draft, box) : null;
  // An empty field only keeps Rename disabled: there is nothing wrong to say yet.
  const shownProblem = problem === 'empty' ? null : problem;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (problem === null) {
      actions.send(box, draft);
    }
  };

  return (
    <section className="overview-rename" aria-labelledby={headingId}>
      {(phase.kind === 'closed' || phase.kind === 'renamed') && (
        <>
          <h3 id={headingId} className="visually-hidden">
            {t('overview.rename.action')}
          </h3>
          {phase.kind === 'renamed' && (
            <div className="notice notice-ok" role="status">
              <p className="notice-title">{t('overview.rename.renamed', { name: phase.name })}</p>
              <p>{t('overview.rename.renamedText')}</p>
            </div>
          )}
          <button type="button" ref={buttonRef} onClick={actions.open}>
            {t('overview.rename.action')}
          </button>
        </>
      )}

      {phase.kind === 'editing' && (
        <form className="rename-form" onSubmit={submit}>
          <h3 id={headingId}>{t('overview.rename.action')}</h3>
          <p>{t('overview.rename.restarts')}</p>
          <div className="field">
            <label htmlFor={inputId}>{t('overview.rename.label')}</label>
            <input
              id={inputId}
              ref={inputRef}
              type="text"
              value={draft}
              placeholder={box.name ?? undefined}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              aria-invalid={shownProblem !== null}
              aria-describedby={shownProblem === null ? hintId : `${problemId} ${hintId}`}
              onChange={(event) => actions.edit(event.target.value)}
            />
            <p id={hintId} className="muted">
              {t('overview.rename.hint', { max: BOX_NAME_MAX_LENGTH })}
            </p>
          </div>
          <div aria-live="polite" className="live-region">
            {shownProblem !== null && (
              <p id={problemId} className="field-problem">
                {t(`overview.rename.problem.${shownProblem}`, { max: BOX_NAME_MAX_LENGTH })}
              </p>
            )}
            {phase.problem !== null && <FailureNotice failure={phase.problem} />}
          </div>
          {phase.problem !== null && <ReportActions target={boxAddress(box)} />}
          <div className="actions">
            <button type="button" onClick={actions.close}>
              {t('overview.rename.cancel')}
            </button>
            <button type="submit" className="primary" disabled={problem !== null}>
              {t('overview.rename.save')}
            </button>
          </div>
        </form>
      )}

      {phase.kind === 'renaming' && (
        <>
          <h3 id={headingId} ref={headingRef} tabIndex={-1}>
            {t('overview.rename.renaming', { name: phase.name })}
          </h3>
          <RestartProgress progress={phase.progress} />
        </>
      )}
    </section>
  );
}

/**
 * The control that replaced the one just pressed takes focus: the field when the form opens,
 * the heading of the wait, the Rename button once the form closes or the box is back.
 */
function useFocusOnPhase(
  kind: RenamePhase['kind'],
  targets: {
    readonly button: RefObject<HTMLButtonElement | null>;
    readonly input: RefObject<HTMLInputElement | null>;
    readonly heading: RefObject<HTMLHeadingElement | null>;
  },
): void {
  const { button, input, heading } = targets;
  const shown = useRef(kind);
  useEffect(() => {
    if (shown.current === kind) {
      return;
    }
    shown.current = kind;
    const target =
      kind === 'editing' ? input.current : kind === 'renaming' ? heading.current : button.current;
    target?.focus();
  }, [kind, button, input, heading]);
}
