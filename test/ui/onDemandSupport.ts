// Shared steps of the on-demand and preview scenes: sign in app-only from the palette (as a user would type it), run a
// palette command, and read the sandbox over HTTP with a token of our own (to know which user to type).
import type { Page } from 'playwright-core';
import type { SandboxReadyInfo } from '../../src/sandbox/server';

export async function signInFromPalette(page: Page, sandbox: SandboxReadyInfo): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  await page.locator('.activitybar .action-item a[aria-label^="Entra Provisioning"]').waitFor({ timeout: 30_000 });
  await runFromPalette(page, 'Entra Provisioning: Sign In', 'Sign In…');
  await quickInput.getByText('App-only: client secret').first().waitFor({ timeout: 30_000 });
  await quickInput.locator('input').fill('App-only: client secret');
  await page.keyboard.press('Enter');
  for (const [prompt, value] of [['Tenant ID', sandbox.tenantId], ['Application (client) ID', sandbox.clientId], ['client secret', sandbox.clientSecret]] as const) {
    await quickInput.getByText(prompt, { exact: false }).first().waitFor({ timeout: 10_000 });
    await quickInput.locator('input').fill(value);
    await page.keyboard.press('Enter');
  }
  await page.locator('.notification-toast', { hasText: 'Signed in' }).first().waitFor({ timeout: 20_000 });
}

export async function runFromPalette(page: Page, command: string, label: string): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  await quickInput.locator('input').fill(`>${command}`);
  await quickInput.getByText(label, { exact: false }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** GET on the sandbox's Graph with an app-only token of the scene's own. */
export async function sandboxGet<T>(sandbox: SandboxReadyInfo, path: string): Promise<T> {
  const tokenResponse = await fetch(sandbox.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: `${sandbox.graph}.default` }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(new URL(`v1.0${path}`, sandbox.graph), { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** A user of the Benefits Portal's assigned group (in scope for its job). */
export async function benefitsMember(sandbox: SandboxReadyInfo): Promise<{ id: string; displayName: string; userPrincipalName: string }> {
  const groups = await sandboxGet<{ value: { id: string }[] }>(sandbox, `/groups?$filter=${encodeURIComponent("displayName eq 'Benefits Portal Users'")}`);
  const members = await sandboxGet<{ value: { id: string; displayName: string; userPrincipalName: string; '@odata.type': string }[] }>(sandbox, `/groups/${groups.value[0]!.id}/members`);
  const member = members.value.find((m) => m['@odata.type'] === '#microsoft.graph.user');
  if (!member) throw new Error('the Benefits group has no user member');
  return member;
}
