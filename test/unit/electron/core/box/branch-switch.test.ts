import { describe, expect, it } from 'vitest';

import { branchVerdict } from '../../../../../electron/core/box/branch-switch';

// What this start's part of the box log says about check_git_branch() (hw_drivers helpers).

const START =
  '2026-12-01 10:00:00,000 4242 INFO ? odoo.service.server: HTTP service (werkzeug) running on iotbox:8069';
const SAME =
  "2026-12-01 10:00:02,000 4242 INFO ? odoo.addons.hw_drivers.tools.helpers: Current IoT Box local git branch: 17.0 / Associated Odoo database's git branch: 17.0";
const OTHER =
  "2026-12-01 10:00:02,000 4242 INFO ? odoo.addons.hw_drivers.tools.helpers: Current IoT Box local git branch: 17.0 / Associated Odoo database's git branch: 18.0";
const UPDATING =
  '2026-12-01 10:00:02,100 4242 INFO ? odoo.addons.hw_drivers.tools.helpers: Updating odoo folder to the branch 18.0';

describe('branchVerdict', () => {
  it('reads only the current start', () => {
    expect(branchVerdict([START, OTHER, UPDATING, START, SAME].join('\n'))).toBe('settled');
    expect(branchVerdict([START, SAME, START, OTHER, UPDATING].join('\n'))).toBe('switching');
  });

  it('different branches without the checkout line yet, or nothing: unknown', () => {
    expect(branchVerdict([START, OTHER].join('\n'))).toBe('unknown');
    expect(branchVerdict(START)).toBe('unknown');
    expect(branchVerdict('')).toBe('unknown');
  });
});
