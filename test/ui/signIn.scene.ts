// UI scene of sign-in: the palette command's quick pick, and the device-code notification with its code, its link
// and its "Copy code and open browser" action; then the test enters the code over HTTP as a person would.
import { type Scene } from '../runner/ui';

export const scenes: Scene[] = [
  {
    name: 'sign-in-device-code',
    workbench: { sandbox: true },
    async play(wb) {
      const { page } = wb;
      const quickInput = page.locator('.quick-input-widget');
      await wb.check('the Sign In command is in the palette', async () => {
        // The palette lists contributed commands once the extension is registered (its activity entry shows it).
        await page.locator('.activitybar .action-item a[aria-label^="Entra Provisioning"]').waitFor({ timeout: 30_000 });
        await wb.openActivity('Entra Provisioning');
        await page.keyboard.press('F1');
        await quickInput.locator('input').fill('>Entra Provisioning: Sign In');
        await quickInput.getByText('Sign In…', { exact: false }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
      });
      await wb.check('it offers the four ways to sign in', async () => {
        for (const text of ['Sign in with the browser', 'Sign in with a device code', 'App-only: client secret', 'App-only: certificate']) {
          await quickInput.getByText(text).first().waitFor({ timeout: 10_000 });
        }
      });
      await wb.screenshot('sign-in-methods');
      await wb.check('device code → tenant and client id keep their defaults', async () => {
        await quickInput.locator('input').fill('device code');
        await page.keyboard.press('Enter');
        await quickInput.getByText("or 'organizations'", { exact: false }).waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await quickInput.getByText('Client ID of the app', { exact: false }).waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
      });
      const notification = page.locator('.notification-toast', { hasText: 'Enter the code' });
      await wb.check('a notification shows the code, the link and "Copy code and open browser"', async () => {
        await notification.waitFor({ timeout: 15_000 });
        await notification.locator('a', { hasText: 'Copy code and open browser' }).waitFor({ timeout: 5_000 });
      });
      await wb.screenshot('sign-in-device-code');
      await wb.check('entering the code signs in and the prompt closes', async () => {
        const origin = new URL(wb.sandbox!.graph).origin;
        const pending = (await (await fetch(`${origin}/_sandbox/identity/deviceCodes`)).json()) as { value: { userCode: string }[] };
        const userCode = pending.value[0]?.userCode;
        if (!userCode) throw new Error('no pending device code');
        await fetch(`${origin}/devicelogin`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ otc: userCode }).toString(),
        });
        // Entra's polling interval (5 s) applies here: the notification closes on the next poll.
        await page.locator('.notification-toast', { hasText: 'Signed in' }).first().waitFor({ timeout: 20_000 });
        await notification.waitFor({ state: 'detached', timeout: 10_000 });
      });
      await wb.screenshot('sign-in-done');
    },
  },
];
