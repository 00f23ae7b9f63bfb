import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * The accessibility audit every page passes: WCAG 2.1 A and AA, one main landmark, no empty table
 * header. Findings are listed by rule and element, so a failure says what to fix.
 */
export async function expectNoAxeFindings(page: Page, where: string): Promise<void> {
  // Entrance animations and lazy chunks first: axe reads colours as painted.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  const wcag = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const practices = await new AxeBuilder({ page })
    .withRules(['landmark-one-main', 'empty-table-header'])
    .analyze();
  expect(
    [...wcag.violations, ...practices.violations].map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`).join('; ')}`,
    ),
    `axe-core findings on ${where}`,
  ).toEqual([]);
}
