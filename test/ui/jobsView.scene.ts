// UI scenes of the Provisioning Jobs view. See test/runner/ui.ts for the Workbench API.
import { sideBarShows, type Scene } from '../runner/ui';

const activityLabel = 'Entra Provisioning';
const jobsViewName = 'Provisioning Jobs';

export const scenes: Scene[] = [
  {
    // First contact: the activity-bar entry opens the jobs view, which (with no tenant signed in) shows its
    // welcome content.
    name: 'jobs-view-welcome',
    async play(wb) {
      await wb.check(`the activity bar has an "${activityLabel}" entry`, () =>
        wb.page.locator(`.activitybar .action-item a[aria-label^="${activityLabel}"]`).waitFor({ timeout: 30_000 }),
      );
      await wb.check(`clicking it opens the ${activityLabel} side bar`, () => wb.openActivity(activityLabel));
      await wb.check(`the side bar shows the "${jobsViewName}" view`, () => sideBarShows(wb.page, jobsViewName));
      await wb.check('the view shows its welcome content', () =>
        sideBarShows(wb.page, 'shows every app provisioning (SCIM) job'),
      );
      await wb.screenshot('jobs-view-welcome');
    },
  },
];
