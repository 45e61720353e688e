import { boxNameProblem, type BoxNameProblem } from '../../../electron/shared/box-name-rule';
import { assertNever, type Failure } from '../../../electron/shared/result';
import type { BoxInfo } from '../../../electron/shared/schemas/box';
import type { BoxRestartProgress, PairingOutcome } from '../../../electron/shared/schemas/pairing';
import { actionGroup } from './action-group';
import type { Flow } from './flow';

/*
 * The overview's "Rename this box": the name typed (kept when the form is closed), and where
 * renaming stands. The box reboots before it answers (rename_iot.sh, doc §17 C9): the core waits
 * for it and checks the name it came back with, so only the core's answer says it worked. Pure;
 * wizard-state.ts routes the rename actions here.
 */

export type RenamePhase =
  | { readonly kind: 'closed' }
  /** The form is open; `problem` is the last attempt's failure, until the name is edited. */
  | { readonly kind: 'editing'; readonly problem: Failure | null }
  | {
      readonly kind: 'renaming';
      readonly name: string;
      readonly progress: BoxRestartProgress | null;
    }
  /** The box came back and reports the new name (checked by the core). */
  | { readonly kind: 'renamed'; readonly name: string };

export type RenameView = { readonly draft: string; readonly phase: RenamePhase };

export type RenameAction =
  | { readonly type: 'rename-open' }
  /** The form closes; what was typed stays for the next time it opens. */
  | { readonly type: 'rename-close' }
  | { readonly type: 'rename-draft-changed'; readonly draft: string }
  | { readonly type: 'rename-started' }
  | { readonly type: 'rename-progressed'; readonly progress: BoxRestartProgress }
  | { readonly type: 'rename-finished'; readonly outcome: PairingOutcome }
  | { readonly type: 'rename-failed'; readonly error: Failure };

export const isRenameAction = actionGroup<RenameAction>({
  'rename-open': true,
  'rename-close': true,
  'rename-draft-changed': true,
  'rename-started': true,
  'rename-progressed': true,
  'rename-finished': true,
  'rename-failed': true,
});

export function initialRename(draft: string): RenameView {
  return { draft, phase: { kind: 'closed' } };
}

/**
 * Whether the overview offers renaming, from what the core says about the box: only in the
 * setup flow (the check flow sends nothing to the box), only where the box can be renamed, and
 * not while it runs its own access point (renaming reboots it and renames that network too).
 */
export type RenameOffer = 'offered' | 'unsupported' | 'access-point' | 'none';

export function renameOffer(flow: Flow, box: BoxInfo): RenameOffer {
  if (flow !== 'setup') {
    return 'none';
  }
  if (!box.canRename) {
    return 'unsupported';
  }
  return box.accessPoint ? 'access-point' : 'offered';
}

/** Why the typed name cannot be sent yet (the rule shared with the core and the CLI). */
export function renameProblem(draft: string, box: BoxInfo): BoxNameProblem | null {
  return boxNameProblem(draft.trim(), box.name);
}

export function renameBusy(view: RenameView | undefined): boolean {
  return view?.phase.kind === 'renaming';
}

export function renameReducer(view: RenameView, box: BoxInfo, action: RenameAction): RenameView {
  const { phase } = view;
  switch (action.type) {
    case 'rename-open':
      return phase.kind === 'closed' || phase.kind === 'renamed'
        ? { ...view, phase: { kind: 'editing', problem: null } }
        : view;
    case 'rename-close':
      return phase.kind === 'editing' ? { ...view, phase: { kind: 'closed' } } : view;
    case 'rename-draft-changed':
      // Editing clears a failure that belonged to the name that caused it.
      return phase.kind === 'editing'
        ? { draft: action.draft, phase: { kind: 'editing', problem: null } }
        : view;
    case 'rename-started':
      return phase.kind === 'editing' && renameProblem(view.draft, box) === null
        ? { ...view, phase: { kind: 'renaming', name: view.draft.trim(), progress: null } }
        : view;
    case 'rename-progressed':
      return phase.kind === 'renaming'
        ? { ...view, phase: { ...phase, progress: action.progress } }
        : view;
    case 'rename-finished':
      // The name the box reports now, which the core compared with the one asked for.
      return phase.kind === 'renaming'
        ? { draft: '', phase: { kind: 'renamed', name: action.outcome.box.name ?? phase.name } }
        : view;
    case 'rename-failed':
      return phase.kind === 'renaming'
        ? { ...view, phase: { kind: 'editing', problem: action.error } }
        : view;
    default:
      return assertNever(action);
  }
}
