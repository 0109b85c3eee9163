// Reads an Entra source attribute (as a provisioning expression names it, e.g. [telephoneNumber]) off a Graph user.
// Provisioning uses the directory's internal names, which differ from Graph's JSON property names in places
// (telephoneNumber ↔ businessPhones[0], mobile ↔ mobilePhone, physicalDeliveryOfficeName ↔ officeLocation, …).
import type { User } from '../../../graph/model';

export function entraUserAttribute(user: User, name: string): string | null {
  const extension = /^extensionAttribute(\d{1,2})$/.exec(name);
  if (extension) return user.onPremisesExtensionAttributes?.[name] ?? null;
  switch (name) {
    case 'objectId':
      return user.id;
    case 'IsSoftDeleted':
      // Disabled (or unassigned / out of scope — the caller decides those) reads as soft-deleted (§6.6).
      return user.accountEnabled ? 'False' : 'True';
    case 'accountEnabled':
      return user.accountEnabled ? 'True' : 'False';
    case 'telephoneNumber':
      return user.businessPhones?.[0] ?? null;
    case 'mobile':
      return user.mobilePhone ?? null;
    case 'facsimileTelephoneNumber':
      return user.faxNumber ?? null;
    case 'physicalDeliveryOfficeName':
      return user.officeLocation ?? null;
    case 'manager':
      return user.manager?.id ?? null;
    default: {
      const value = user[name];
      return typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 'True' : 'False') : null;
    }
  }
}
