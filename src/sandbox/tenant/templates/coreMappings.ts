// The user attribute mappings Entra's SCIM connectors share: the default table of the "non-gallery SCIM app" docs
// (userName ← userPrincipalName as the first matching attribute, active ← Switch([IsSoftDeleted], …), names, work
// address, phones, externalId ← mailNickname). Templates append their own extension mappings.
import type { AttributeMapping } from '../../../graph/model';
import { attribute, constant, fn, softDeletedToActive } from './mappingSource';
import { mapping } from './schemaParts';

export interface CoreMappingOptions {
  /** Include preferredLanguage (the legacy Workplace connector lists it too, so every template does today). */
  preferredLanguage?: boolean;
}

export function coreUserMappings(options: CoreMappingOptions = {}): AttributeMapping[] {
  const mappings: AttributeMapping[] = [
    mapping('userName', attribute('userPrincipalName'), { matchingPriority: 1 }),
    mapping('active', softDeletedToActive()),
    mapping('displayName', attribute('displayName')),
    mapping('title', attribute('jobTitle')),
    // Plain [mail] — realistic, and exactly what the "Missing Email field" lint rule is about.
    mapping('emails[type eq "work"].value', attribute('mail')),
  ];
  if (options.preferredLanguage ?? true) mappings.push(mapping('preferredLanguage', attribute('preferredLanguage')));
  mappings.push(
    mapping('name.givenName', attribute('givenName')),
    mapping('name.familyName', attribute('surname')),
    mapping('name.formatted', fn('Join', constant(' '), attribute('givenName'), attribute('surname'))),
    mapping('addresses[type eq "work"].formatted', attribute('physicalDeliveryOfficeName')),
    mapping('addresses[type eq "work"].streetAddress', attribute('streetAddress')),
    mapping('addresses[type eq "work"].locality', attribute('city')),
    mapping('addresses[type eq "work"].region', attribute('state')),
    mapping('addresses[type eq "work"].postalCode', attribute('postalCode')),
    mapping('addresses[type eq "work"].country', attribute('country')),
    mapping('phoneNumbers[type eq "work"].value', attribute('telephoneNumber')),
    mapping('phoneNumbers[type eq "mobile"].value', attribute('mobile')),
    mapping('phoneNumbers[type eq "fax"].value', attribute('facsimileTelephoneNumber')),
    mapping('externalId', attribute('mailNickname')),
  );
  return mappings;
}

/** Group mappings of SCIM apps that provision groups: displayName is the match key, members flow as references. */
export function coreGroupMappings(): AttributeMapping[] {
  return [
    mapping('displayName', attribute('displayName'), { matchingPriority: 1 }),
    mapping('externalId', attribute('objectId')),
    mapping('members', attribute('members')),
  ];
}
