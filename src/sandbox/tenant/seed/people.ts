// The seed's people: ~300 Contoso users with realistic attributes, plus the deliberate problem cases the product's
// diagnostics are about — frontline staff without a mailbox, Fabrikam users on an unverified domain, disabled
// accounts, B2B guests and a few users without a department (out of the Workplace scoping filter).
import type { User } from '../../../graph/model';
import type { Random } from '../../random';
import { DEFAULT_DOMAIN, EU_DOMAIN, GUEST_HOME_DOMAIN, INITIAL_DOMAIN, UNVERIFIED_DOMAIN, daysBefore, graphTime, stream } from './tenant';

const GIVEN_NAMES = [
  'Adele', 'Alex', 'Allan', 'Amara', 'Ana', 'Anders', 'Aiko', 'Beatriz', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe',
  'Christie', 'Daniel', 'Dara', 'Diego', 'Elif', 'Emily', 'Emre', 'Enrico', 'Fatima', 'Finn', 'Grace', 'Hana', 'Hiroshi',
  'Ines', 'Irvin', 'Isabel', 'Isaiah', 'Jamal', 'Joni', 'Jordan', 'Julia', 'Kenji', 'Lars', 'Lee', 'Leila', 'Lidia',
  'Lucas', 'Lynne', 'Maja', 'Malik', 'Marta', 'Megan', 'Mei', 'Miriam', 'Nestor', 'Nia', 'Noah', 'Olga', 'Omar',
  'Patti', 'Pradeep', 'Priya', 'Rafael', 'Ravi', 'Rosa', 'Sakura', 'Samir', 'Sara', 'Sean', 'Sofia', 'Sven', 'Tamar',
  'Tomás', 'Valentina', 'Wei', 'Yara', 'Yusuf', 'Zoë', 'Björn', 'Léa', 'Jürgen', 'Siobhan',
];

const SURNAMES = [
  'Adams', 'Ahmed', 'Alvarez', 'Andersson', 'Bauer', 'Becker', 'Bowen', 'Brennan', 'Castillo', 'Chandra', 'Chen', 'Costa',
  'Dubois', 'Eriksen', 'Fernández', 'Fischer', 'Garcia', 'Gupta', 'Hansen', 'Hassan', 'Hernandez', 'Ito', 'Jansen',
  'Johansson', 'Kaur', 'Kim', 'Kowalski', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau', 'Müller', 'Murphy',
  "O'Brien", 'Okafor', 'Olsen', 'Patel', 'Pereira', 'Petrov', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh', 'Smith',
  'Suzuki', 'Tanaka', 'Taylor', 'Nguyen', 'Van der Berg', 'Vance', 'Wagner', 'Walsh', 'Wilber', 'Williams', 'Yamamoto',
  'Zhang', 'Novak',
];

interface Department {
  name: string;
  head: string;
  titles: string[];
  /** Relative share of the workforce. */
  weight: number;
  costCenter: string;
}

const DEPARTMENTS: Department[] = [
  { name: 'Sales', head: 'VP of Sales', titles: ['Account Executive', 'Sales Development Representative', 'Sales Manager', 'Regional Sales Director'], weight: 14, costCenter: 'CC-4100' },
  { name: 'Marketing', head: 'Chief Marketing Officer', titles: ['Marketing Specialist', 'Content Strategist', 'Product Marketing Manager', 'Brand Designer'], weight: 8, costCenter: 'CC-4200' },
  { name: 'Engineering', head: 'VP of Engineering', titles: ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'Site Reliability Engineer', 'QA Engineer'], weight: 20, costCenter: 'CC-5100' },
  { name: 'Finance', head: 'Chief Financial Officer', titles: ['Accountant', 'Financial Analyst', 'Controller', 'Payroll Specialist'], weight: 6, costCenter: 'CC-2100' },
  { name: 'Human Resources', head: 'Chief People Officer', titles: ['HR Business Partner', 'Recruiter', 'HR Generalist'], weight: 5, costCenter: 'CC-2200' },
  { name: 'IT', head: 'Chief Information Officer', titles: ['Systems Administrator', 'Service Desk Analyst', 'Identity Engineer', 'IT Manager'], weight: 7, costCenter: 'CC-2300' },
  { name: 'Operations', head: 'Chief Operating Officer', titles: ['Operations Analyst', 'Logistics Coordinator', 'Facilities Manager'], weight: 7, costCenter: 'CC-3100' },
  { name: 'Customer Support', head: 'VP of Customer Success', titles: ['Support Engineer', 'Customer Success Manager', 'Support Team Lead'], weight: 10, costCenter: 'CC-3200' },
  { name: 'Legal', head: 'General Counsel', titles: ['Corporate Counsel', 'Paralegal'], weight: 3, costCenter: 'CC-2400' },
  { name: 'Retail', head: 'VP of Retail', titles: ['Store Associate', 'Shift Supervisor', 'Store Manager'], weight: 12, costCenter: 'CC-6100' },
];

interface Office {
  name: string;
  street: string;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  usageLocation: string;
  preferredLanguage: string;
  /** Fictional number ranges (555-01xx, Ofcom drama ranges …); the last digits are random. */
  phonePrefix: string;
  phoneDigits: number;
  europe: boolean;
  weight: number;
}

const OFFICES: Office[] = [
  { name: 'Seattle HQ', street: '1 Contoso Way', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'United States', usageLocation: 'US', preferredLanguage: 'en-US', phonePrefix: '+1 206 555 01', phoneDigits: 2, europe: false, weight: 30 },
  { name: 'New York', street: '350 Fifth Avenue', city: 'New York', state: 'NY', postalCode: '10118', country: 'United States', usageLocation: 'US', preferredLanguage: 'en-US', phonePrefix: '+1 212 555 01', phoneDigits: 2, europe: false, weight: 12 },
  { name: 'Toronto', street: '100 King Street West', city: 'Toronto', state: 'ON', postalCode: 'M5X 1A9', country: 'Canada', usageLocation: 'CA', preferredLanguage: 'en-CA', phonePrefix: '+1 416 555 01', phoneDigits: 2, europe: false, weight: 6 },
  { name: 'London', street: '1 Canada Square', city: 'London', state: null, postalCode: 'E14 5AB', country: 'United Kingdom', usageLocation: 'GB', preferredLanguage: 'en-GB', phonePrefix: '+44 20 7946 0', phoneDigits: 3, europe: true, weight: 12 },
  { name: 'Dublin', street: '1 Grand Canal Square', city: 'Dublin', state: null, postalCode: 'D02 P820', country: 'Ireland', usageLocation: 'IE', preferredLanguage: 'en-IE', phonePrefix: '+353 1 555 0', phoneDigits: 3, europe: true, weight: 5 },
  { name: 'Paris', street: '12 Rue de la Paix', city: 'Paris', state: 'Île-de-France', postalCode: '75002', country: 'France', usageLocation: 'FR', preferredLanguage: 'fr-FR', phonePrefix: '+33 1 99 00 ', phoneDigits: 4, europe: true, weight: 6 },
  { name: 'Munich', street: 'Leopoldstraße 8', city: 'München', state: 'Bayern', postalCode: '80802', country: 'Germany', usageLocation: 'DE', preferredLanguage: 'de-DE', phonePrefix: '+49 89 5550 ', phoneDigits: 4, europe: true, weight: 7 },
  { name: 'Madrid', street: 'Paseo de la Castellana 79', city: 'Madrid', state: 'Madrid', postalCode: '28046', country: 'Spain', usageLocation: 'ES', preferredLanguage: 'es-ES', phonePrefix: '+34 91 555 0', phoneDigits: 3, europe: true, weight: 4 },
  { name: 'Tokyo', street: '1-1 Marunouchi', city: 'Tokyo', state: 'Tokyo', postalCode: '100-0005', country: 'Japan', usageLocation: 'JP', preferredLanguage: 'ja-JP', phonePrefix: '+81 3 5555 0', phoneDigits: 3, europe: false, weight: 5 },
  { name: 'Sydney', street: '1 Macquarie Place', city: 'Sydney', state: 'NSW', postalCode: '2000', country: 'Australia', usageLocation: 'AU', preferredLanguage: 'en-AU', phonePrefix: '+61 2 5550 ', phoneDigits: 4, europe: false, weight: 5 },
];

/** What makes a seed user special; the logs and group memberships key off these. */
export type UserProfile = 'regular' | 'noMail' | 'unverifiedDomain' | 'disabled' | 'guest' | 'noDepartment' | 'executive';

export interface SeedPerson {
  user: User;
  profile: UserProfile;
  europe: boolean;
}

export interface People {
  admin: User;
  persons: SeedPerson[];
}

export const USER_COUNT = 300; // including the admin

const PROFILE_COUNTS: [UserProfile, number][] = [
  ['noMail', 14],
  ['unverifiedDomain', 9],
  ['disabled', 16],
  ['guest', 5],
  ['noDepartment', 6],
];

/** Mail-safe ASCII local part: "Zoë O'Brien" → "zoe.obrien". */
function localPart(given: string, surname: string): string {
  const clean = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/[^A-Za-z]/g, '').toLowerCase();
  return `${clean(given)}.${clean(surname)}`;
}

function phone(rng: Random, office: Office): string {
  return office.phonePrefix + rng.digits(office.phoneDigits).padStart(office.phoneDigits, '0');
}

function extensionAttributes(values: Record<number, string | null>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (let i = 1; i <= 15; i++) out[`extensionAttribute${i}`] = values[i] ?? null;
  return out;
}

export function buildPeople(now: Date): People {
  const rng = stream('people');
  const ids = stream('people/ids');
  const usedLocalParts = new Set<string>(['admin']);

  const admin: User = {
    id: ids.uuid(),
    userPrincipalName: `admin@${DEFAULT_DOMAIN}`,
    displayName: 'Sandbox Administrator',
    givenName: 'Sandbox',
    surname: 'Administrator',
    mail: `admin@${DEFAULT_DOMAIN}`,
    mailNickname: 'admin',
    accountEnabled: true,
    jobTitle: 'Application Administrator',
    department: 'IT',
    companyName: 'Contoso',
    employeeId: null,
    usageLocation: 'US',
    preferredLanguage: 'en-US',
    userType: 'Member',
    businessPhones: [],
    mobilePhone: null,
    createdDateTime: graphTime(daysBefore(now, 1400)),
  };

  // Which generated users get which problem: a fixed number of each, spread at random over the population.
  const generatedCount = USER_COUNT - 1;
  const profiles: UserProfile[] = new Array<UserProfile>(generatedCount).fill('regular');
  profiles[0] = 'executive';
  const slots = rng.shuffle(Array.from({ length: generatedCount - 1 }, (_, i) => i + 1));
  let cursor = 0;
  for (const [profile, count] of PROFILE_COUNTS) {
    for (let n = 0; n < count; n++) profiles[slots[cursor++]!] = profile;
  }

  const persons: SeedPerson[] = [];
  const headsByDepartment = new Map<string, User>();
  let ceo: User | undefined;

  for (let i = 0; i < generatedCount; i++) {
    const profile = profiles[i]!;
    const given = rng.pick(GIVEN_NAMES);
    const surname = rng.pick(SURNAMES);
    let local = localPart(given, surname);
    for (let n = 2; usedLocalParts.has(local); n++) local = `${localPart(given, surname)}${n}`;
    usedLocalParts.add(local);

    // Frontline staff and the (US-based) Fabrikam acquisition sit in North America, i.e. in the global Workplace instance.
    const office = profile === 'noMail' || profile === 'unverifiedDomain' ? rng.pick(OFFICES.filter((o) => !o.europe)) : rng.weighted(OFFICES.map((o) => [o, o.weight] as const));
    const department =
      profile === 'executive'
        ? undefined
        : profile === 'noMail'
          ? DEPARTMENTS.find((d) => d.name === 'Retail')!
          : rng.weighted(DEPARTMENTS.map((d) => [d, d.weight] as const));
    const isHead = department !== undefined && profile === 'regular' && !headsByDepartment.has(department.name);
    const jobTitle = profile === 'executive' ? 'Chief Executive Officer' : isHead ? department!.head : profile === 'noMail' ? rng.pick(['Store Associate', 'Store Associate', 'Shift Supervisor']) : rng.pick(department!.titles);

    const domain = profile === 'unverifiedDomain' ? UNVERIFIED_DOMAIN : office.europe ? EU_DOMAIN : DEFAULT_DOMAIN;
    const upn =
      profile === 'guest' ? `${local}_${GUEST_HOME_DOMAIN}#EXT#@${INITIAL_DOMAIN}` : `${local}@${domain}`;
    const mail = profile === 'noMail' ? null : profile === 'guest' ? `${local}@${GUEST_HOME_DOMAIN}` : `${local}@${domain}`;
    const employee = profile !== 'guest';
    const hired = daysBefore(now, rng.int(20, 3650));

    const user: User = {
      id: ids.uuid(),
      userPrincipalName: upn,
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      mail,
      mailNickname: profile === 'guest' ? `${local}_${GUEST_HOME_DOMAIN}#EXT#` : local,
      accountEnabled: profile !== 'disabled',
      jobTitle: employee ? jobTitle : null,
      department: employee && profile !== 'noDepartment' ? (department?.name ?? 'Executive') : null,
      companyName: profile === 'unverifiedDomain' ? 'Fabrikam' : employee ? 'Contoso' : 'Northwind Partners',
      employeeId: employee ? String(104200 + i * 3 + rng.int(0, 2)) : null,
      employeeType: employee ? (profile === 'noMail' ? 'Frontline' : 'Employee') : null,
      employeeHireDate: employee ? hired.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
      officeLocation: employee ? office.name : null,
      streetAddress: employee ? office.street : null,
      city: employee ? office.city : null,
      state: employee ? office.state : null,
      postalCode: employee ? office.postalCode : null,
      country: employee ? office.country : null,
      usageLocation: office.usageLocation,
      preferredLanguage: office.preferredLanguage,
      businessPhones: employee && profile !== 'noMail' ? [phone(rng, office)] : [],
      mobilePhone: rng.chance(0.7) ? phone(rng, office) : null,
      faxNumber: employee && rng.chance(0.05) ? phone(rng, office) : null,
      userType: profile === 'guest' ? 'Guest' : 'Member',
      createdDateTime: graphTime(employee ? hired : daysBefore(now, rng.int(5, 400))),
      onPremisesExtensionAttributes: extensionAttributes(
        employee
          ? {
              // extensionAttribute2 carries the cost center (the customized Workplace mapping reads it); a few are blank.
              2: rng.chance(0.92) ? (department?.costCenter ?? 'CC-1000') : null,
              10: office.name,
            }
          : {},
      ),
      manager: null,
    };

    if (profile === 'executive') ceo = user;
    if (isHead) headsByDepartment.set(department!.name, user);
    persons.push({ user, profile, europe: office.europe });
  }

  // Reporting lines: the CEO manages the department heads, who manage everyone else in their department.
  for (const { user, profile } of persons) {
    if (profile === 'executive' || profile === 'guest') continue;
    const head = user.department ? headsByDepartment.get(user.department) : undefined;
    const manager = head && head !== user ? head : ceo;
    if (manager && manager !== user) user.manager = { id: manager.id, displayName: manager.displayName };
  }

  return { admin, persons };
}
