import type { Page } from 'playwright-core';

/**
 * Opens the repair's way to fix that holds this button, as a user would: its title is a toggle,
 * and only the first way is open at first.
 */
export async function openPlanWith(page: Page, button: string): Promise<void> {
  const plan = page.locator('.dns-plan details', {
    has: page.getByRole('button', { name: button, includeHidden: true }),
  });
  if (!(await plan.evaluate((node) => (node as HTMLDetailsElement).open))) {
    await plan.locator('summary').click();
  }
}
