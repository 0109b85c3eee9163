// The seed's groups: department groups plus the groups the provisioning apps are assigned to. The app groups
// deliberately contain the problem users (no mail, unverified domain, guests, no department) so the jobs have the
// failures and scoping skips real tenants show.
import type { SeedGroup } from './types';
import type { People, SeedPerson } from './people';
import { DEFAULT_DOMAIN, stream } from './tenant';

export type GroupKey =
  | 'allEmployees'
  | 'workplace'
  | 'workplaceEmea'
  | 'slack'
  | 'zoom'
  | 'hrPilot'
  | 'benefits'
  | 'timesheets'
  | 'partners'
  | 'engineering'
  | 'sales'
  | 'marketing'
  | 'finance'
  | 'itAdmins'
  | 'retail'
  | 'managers';

interface GroupSpec {
  key: GroupKey;
  displayName: string;
  description: string;
  /** Microsoft 365 group (mail-enabled, "Unified") rather than a plain security group. */
  unified: boolean;
  includes(person: SeedPerson, managers: Set<string>): boolean;
}

const isEmployee = (p: SeedPerson) => p.profile !== 'guest';
const inDepartment = (...names: string[]) => (p: SeedPerson) => p.user.department !== null && names.includes(p.user.department);
const hasMail = (p: SeedPerson) => p.user.mail !== null;
const inCountry = (...countries: string[]) => (p: SeedPerson) => p.user.country != null && countries.includes(p.user.country);

/** A stable per-user coin flip, so membership doesn't depend on list order. */
function flip(userId: string, salt: string, probability: number): boolean {
  return stream(`${salt}/${userId}`).chance(probability);
}

const SPECS: GroupSpec[] = [
  { key: 'allEmployees', displayName: 'All Employees', description: 'Every Contoso and Fabrikam employee (members only, no guests).', unified: false, includes: isEmployee },
  {
    key: 'workplace',
    displayName: 'Workplace Users',
    description: 'Assigned to Workplace from Meta (global instance).',
    unified: false,
    // Everyone who isn't in EMEA, including the frontline staff without mailboxes, the Fabrikam users and a few
    // guests and disabled accounts — which is what makes the Workplace job's logs interesting.
    includes: (p) => !p.europe && (p.profile !== 'guest' || flip(p.user.id, 'workplace-guest', 0.6)) && (p.profile !== 'regular' || flip(p.user.id, 'workplace', 0.85)),
  },
  { key: 'workplaceEmea', displayName: 'Workplace Users (EMEA)', description: 'Assigned to Workplace from Meta (EMEA instance).', unified: false, includes: (p) => p.europe && isEmployee(p) && hasMail(p) },
  {
    key: 'slack',
    displayName: 'Slack Users',
    description: 'Slack workspace members.',
    unified: false,
    includes: (p) => isEmployee(p) && inDepartment('Engineering', 'Customer Support', 'Marketing', 'Sales', 'IT')(p),
  },
  { key: 'zoom', displayName: 'Zoom Licensed Users', description: 'Users with a licensed Zoom seat.', unified: false, includes: (p) => isEmployee(p) && hasMail(p) && flip(p.user.id, 'zoom', 0.5) },
  {
    key: 'hrPilot',
    displayName: 'HR SCIM Pilot',
    description: 'Pilot population for the Contoso HR SCIM integration.',
    unified: false,
    includes: (p) => isEmployee(p) && (inDepartment('Human Resources', 'IT')(p) || flip(p.user.id, 'hr-pilot', 0.1)),
  },
  {
    key: 'benefits',
    displayName: 'Benefits Portal Users',
    description: 'North American employees eligible for the benefits portal.',
    unified: false,
    includes: (p) => isEmployee(p) && inCountry('United States', 'Canada')(p),
  },
  {
    key: 'timesheets',
    displayName: 'Timesheet Users',
    description: 'Hourly staff who record time in Contoso Timesheets.',
    unified: false,
    includes: (p) => isEmployee(p) && inDepartment('Retail', 'Operations', 'Customer Support')(p),
  },
  {
    key: 'partners',
    displayName: 'Partner Collaboration',
    description: 'Guests from Northwind Partners and their Contoso contacts.',
    unified: true,
    includes: (p) => p.profile === 'guest' || (inDepartment('Sales')(p) && flip(p.user.id, 'partners', 0.3)),
  },
  { key: 'engineering', displayName: 'Engineering', description: 'Engineering department.', unified: true, includes: inDepartment('Engineering') },
  { key: 'sales', displayName: 'Sales', description: 'Sales department.', unified: true, includes: inDepartment('Sales') },
  { key: 'marketing', displayName: 'Marketing', description: 'Marketing department.', unified: true, includes: inDepartment('Marketing') },
  { key: 'finance', displayName: 'Finance', description: 'Finance department.', unified: true, includes: inDepartment('Finance') },
  { key: 'itAdmins', displayName: 'IT Administrators', description: 'IT staff with administrative duties.', unified: false, includes: inDepartment('IT') },
  { key: 'retail', displayName: 'Retail Store Staff', description: 'Store associates, supervisors and managers.', unified: false, includes: inDepartment('Retail') },
  { key: 'managers', displayName: 'People Managers', description: 'Everyone with direct reports.', unified: false, includes: (p, managers) => managers.has(p.user.id) },
];

export interface Groups {
  list: SeedGroup[];
  byKey: Record<GroupKey, SeedGroup>;
}

export function buildGroups(people: People): Groups {
  const ids = stream('groups/ids');
  const managers = new Set(people.persons.flatMap((p) => (p.user.manager ? [p.user.manager.id] : [])));
  const byKey = {} as Record<GroupKey, SeedGroup>;
  const list = SPECS.map((spec) => {
    const nickname = spec.displayName.replace(/[^A-Za-z0-9]/g, '');
    const group: SeedGroup = {
      id: ids.uuid(),
      displayName: spec.displayName,
      description: spec.description,
      mail: spec.unified ? `${nickname}@${DEFAULT_DOMAIN}` : null,
      mailEnabled: spec.unified,
      mailNickname: nickname,
      securityEnabled: !spec.unified || spec.key === 'engineering',
      groupTypes: spec.unified ? ['Unified'] : [],
      members: people.persons.filter((p) => spec.includes(p, managers)).map((p) => p.user.id),
    };
    byKey[spec.key] = group;
    return group;
  });
  // The admin runs the IT admin group.
  byKey.itAdmins.members.unshift(people.admin.id);
  return { list, byKey };
}
