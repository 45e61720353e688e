import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useReducer } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Failure } from '../../../electron/shared/result';
import type { BoxInfo } from '../../../electron/shared/schemas/box';
import { createI18n } from '../../../renderer/src/i18n';
import {
  initialRename,
  renameReducer,
  type RenameAction,
  type RenameView,
} from '../../../renderer/src/wizard/rename-state';
import { OverviewStep } from '../../../renderer/src/wizard/steps/overview-step';
import type { Flow } from '../../../renderer/src/wizard/flow';
import { sampleFoundBox } from '../../fakes/sample-box';

/*
 * The overview's "Rename this box" as the user meets it: offered only where the core says the
 * box can be renamed, the name rule said inline as the name is typed, Cancel keeping what was
 * typed, and the wizard's own buttons held while the box reboots.
 */

type I18n = Awaited<ReturnType<typeof createI18n>>;

const g2: BoxInfo = { ...sampleFoundBox, api: 'g2', version: '24.01', name: 'iotbox' };

let en: I18n;
let de: I18n;
beforeAll(async () => {
  [en, de] = await Promise.all([createI18n('en'), createI18n('de')]);
});
afterEach(cleanup);

/** The overview with its rename state kept as the wizard keeps it; names sent are recorded. */
function Harness({
  box,
  flow,
  initial,
  sent,
}: {
  box: BoxInfo;
  flow: Flow;
  initial: RenameView;
  sent: string[];
}) {
  const [view, dispatch] = useReducer(
    (current: RenameView, action: RenameAction) => renameReducer(current, box, action),
    initial,
  );
  return (
    <OverviewStep
      box={box}
      flow={flow}
      certificate={null}
      rename={view}
      renameActions={{
        open: () => dispatch({ type: 'rename-open' }),
        close: () => dispatch({ type: 'rename-close' }),
        edit: (draft) => dispatch({ type: 'rename-draft-changed', draft }),
        send: (_box, name) => {
          sent.push(name);
          dispatch({ type: 'rename-started' });
        },
      }}
      onContinue={() => undefined}
      onBack={() => undefined}
      onCancel={() => undefined}
    />
  );
}

async function show(
  box: BoxInfo,
  options: { flow?: Flow; i18n?: I18n; initial?: RenameView } = {},
): Promise<string[]> {
  const sent: string[] = [];
  render(
    <I18nextProvider i18n={options.i18n ?? en}>
      <Harness
        box={box}
        flow={options.flow ?? 'setup'}
        initial={options.initial ?? initialRename('')}
        sent={sent}
      />
    </I18nextProvider>,
  );
  await act(async () => {
    await Promise.resolve();
  });
  return sent;
}

function renameField(): HTMLInputElement {
  const field = screen.getByLabelText('New name');
  if (!(field instanceof HTMLInputElement)) {
    throw new Error('the new name field is not an input');
  }
  return field;
}

describe('Rename this box, on the overview', () => {
  it('a box that can be renamed: the form says the rule as the name is typed, and sends a good name', async () => {
    const sent = await show(g2);
    fireEvent.click(screen.getByRole('button', { name: 'Rename this box' }));
    const field = renameField();
    expect(document.activeElement).toBe(field);
    expect(screen.getByText(/restarts it/)).toBeTruthy();
    const form = within(field.closest('form') ?? document.body);
    const save = form.getByRole('button', { name: 'Rename' });
    expect(save).toHaveProperty('disabled', true);

    fireEvent.change(field, { target: { value: 'till 7' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const problem = screen.getByText(/no spaces or other signs/);
    expect(field.getAttribute('aria-describedby')).toContain(problem.id);
    expect(save).toHaveProperty('disabled', true);

    fireEvent.change(field, { target: { value: 'x'.repeat(33) } });
    expect(screen.getByText(/At most 32 characters/)).toBeTruthy();
    fireEvent.change(field, { target: { value: 'iotbox' } });
    expect(screen.getByText('The box already has this name.')).toBeTruthy();

    fireEvent.change(field, { target: { value: 'Till-7' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(save).toHaveProperty('disabled', false);
    fireEvent.click(save);
    expect(sent).toEqual(['Till-7']);
    // The wait: the shared restart view, and the wizard's own buttons held meanwhile.
    expect(screen.getByRole('heading', { name: 'Renaming the box to Till-7' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Sending to the box…');
    for (const name of ['Back', 'Cancel', 'Continue']) {
      expect(screen.getByRole('button', { name })).toHaveProperty('disabled', true);
    }
  });

  it('Cancel closes the form and keeps what was typed', async () => {
    await show(g2);
    fireEvent.click(screen.getByRole('button', { name: 'Rename this box' }));
    fireEvent.change(renameField(), { target: { value: 'Till-7' } });
    const form = within(renameField().closest('form') ?? document.body);
    fireEvent.click(form.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByLabelText('New name')).toBeNull();
    const open = screen.getByRole('button', { name: 'Rename this box' });
    expect(document.activeElement).toBe(open);
    fireEvent.click(open);
    expect(renameField().value).toBe('Till-7');
  });

  it.each([
    [
      'a 19.0 or Windows box (the core says it cannot be renamed)',
      { canRename: false },
      /can't be renamed from here/,
    ],
    ['a box in access-point mode', { accessPoint: true }, /once the box is on your Wi-Fi/],
  ] as const)('%s: no rename, a short reason instead', async (_case, patch, reason) => {
    await show({ ...g2, ...patch });
    expect(screen.queryByRole('button', { name: 'Rename this box' })).toBeNull();
    expect(screen.getByText(reason)).toBeTruthy();
  });

  it('the check flow sends nothing to the box: no rename there', async () => {
    await show(g2, { flow: 'check' });
    expect(screen.queryByRole('button', { name: 'Rename this box' })).toBeNull();
    expect(screen.queryByText(/renamed/)).toBeNull();
  });

  it('a failed rename: the diagnosis and its next step, the name kept to try again', async () => {
    const problem: Failure = { code: 'box-rename-failed', detail: "still 'iotbox'" };
    await show(g2, { initial: { draft: 'Till-7', phase: { kind: 'editing', problem } } });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The box kept its old name');
    expect(alert.textContent).toContain('IoT app of your database');
    expect(renameField().value).toBe('Till-7');
  });

  it('the verified new name after the reboot', async () => {
    await show(
      { ...g2, name: 'Till-7' },
      { initial: { draft: '', phase: { kind: 'renamed', name: 'Till-7' } } },
    );
    expect(screen.getByRole('status').textContent).toContain('The box is now called Till-7.');
    expect(document.querySelector('.overview-identity dd')?.textContent).toContain('Till-7');
  });

  it('in German too, with the rule in the words of the form', async () => {
    await show(g2, { i18n: de });
    fireEvent.click(screen.getByRole('button', { name: 'Diese Box umbenennen' }));
    const field = screen.getByLabelText('Neuer Name');
    fireEvent.change(field, { target: { value: '-kasse' } });
    expect(
      screen.getByText('Der Name darf nicht mit einem Bindestrich beginnen oder enden.'),
    ).toBeTruthy();
  });
});
