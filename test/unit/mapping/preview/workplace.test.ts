import assert from 'node:assert/strict';
import { previewObject, sourceFromGraphUser, compilePreview } from '../../../../src/mapping/preview';
import { buildSeed } from '../../../../src/sandbox/tenant/seed';
import { WORKPLACE2_AUTH_METHOD, WORKPLACE2_START_DATE, fn } from '../../../../src/sandbox/tenant/templates';
import { attribute, graphUser, mapping, templateSchema, userMappings } from './fixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const AUTH_URN = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';
const START_URN = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';

/** The Workplace 2.0 template plus two Facebook 2.0 extension mappings an admin would add. */
function workplaceSchema() {
  const schema = templateSchema('FacebookWorkplace');
  userMappings(schema).push(
    mapping(WORKPLACE2_AUTH_METHOD, attribute('extensionAttribute1')),
    mapping(WORKPLACE2_START_DATE, attribute('extensionAttribute5')),
  );
  return schema;
}

describe('preview: Workplace from Meta (SCIM 2.0, FacebookWorkplace template)', () => {
  it('produces the exact POST body for a user through the default mappings and two Facebook 2.0 extensions', () => {
    const result = previewObject(workplaceSchema(), sourceFromGraphUser(graphUser()));
    assert.equal(result.scoping.inScope, true);
    assert.equal(result.rule.name, 'USER_OUTBOUND_USER');
    assert.deepEqual(result.objectMapping, {
      name: 'Provision Azure Active Directory Users',
      sourceObjectName: 'User',
      targetObjectName: 'User',
      enabled: true,
    });
    assert.deepEqual(result.request, {
      method: 'POST',
      path: '/Users',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, AUTH_URN, START_URN],
        userName: 'adele.vance@contoso.com',
        active: true,
        displayName: 'Adele Vance',
        title: 'Retail Manager',
        emails: [{ type: 'work', value: 'adele.vance@contoso.com', primary: true }],
        preferredLanguage: 'en-US',
        name: { givenName: 'Adele', familyName: 'Vance', formatted: 'Adele Vance' },
        addresses: [
          {
            type: 'work',
            formatted: 'Seattle HQ',
            streetAddress: '1 Contoso Way',
            locality: 'Seattle',
            region: 'WA',
            postalCode: '98101',
            country: 'United States',
          },
        ],
        phoneNumbers: [
          { type: 'work', value: '+1 206 555 0100' },
          { type: 'mobile', value: '+1 206 555 0199' },
        ],
        externalId: 'adele.vance',
        [ENTERPRISE]: {
          manager: { value: '0b8e2f61-3c4d-4a5b-8c9d-1e2f3a4b5c6d' },
          department: 'Retail',
          organization: 'Contoso',
          employeeNumber: 'E1001',
        },
        [AUTH_URN]: { authMethod: 'sso' },
        [START_URN]: { startDate: 1700000000 },
      },
    });
    // The fax has no value: reported, not sent.
    const fax = result.attributes.find((a) => a.targetAttributeName === 'phoneNumbers[type eq "fax"].value')!;
    assert.deepEqual([fax.sent, fax.reason, fax.value], [false, 'null', null]);
  });

  it('sends active as a JSON boolean: false for a disabled user', () => {
    const result = previewObject(workplaceSchema(), sourceFromGraphUser(graphUser({ accountEnabled: false })));
    assert.equal(result.request!.body['active'], false);
    const active = result.attributes.find((a) => a.targetAttributeName === 'active')!;
    assert.equal(active.value, 'False');
    assert.equal(active.sentValue, false);
    assert.equal(active.expression, 'Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    assert.ok(active.trace.some((s) => s.kind === 'attribute' && s.name === 'IsSoftDeleted' && s.result === 'True'));
  });

  it('reports userName as the matching attribute with its filter', () => {
    const result = previewObject(workplaceSchema(), sourceFromGraphUser(graphUser({ userPrincipalName: 'o"brien\\x@contoso.com' })));
    assert.deepEqual(result.matching, [
      { targetAttributeName: 'userName', matchingPriority: 1, value: 'o"brien\\x@contoso.com', filter: 'userName eq "o\\"brien\\\\x@contoso.com"' },
    ]);
  });

  it('previews every seed user of the sandbox; a seed user with a manager gives the body built from its fields', () => {
    const seed = buildSeed('default', new Date('2025-01-15T12:00:00Z'));
    const preview = compilePreview(templateSchema('FacebookWorkplace'));
    for (const user of seed.users) {
      const result = preview(sourceFromGraphUser(user as unknown as Record<string, unknown>));
      assert.equal(result.attributes.filter((a) => a.reason === 'error').length, 0, user.userPrincipalName);
      assert.equal(result.request!.body['userName'], user.userPrincipalName);
      assert.equal(result.request!.body['active'], user.accountEnabled);
    }
    const user = seed.users.find((u) => u.manager && u.mail && u.businessPhones?.length && u.mobilePhone && u.department && u.employeeId && u.state)!;
    assert.ok(user, 'the seed has a fully populated user');
    const body = preview(sourceFromGraphUser(user as unknown as Record<string, unknown>)).request!.body;
    const address: Record<string, unknown> = { type: 'work' };
    for (const [key, value] of [
      ['formatted', user.officeLocation],
      ['streetAddress', user.streetAddress],
      ['locality', user.city],
      ['region', user.state],
      ['postalCode', user.postalCode],
      ['country', user.country],
    ] as const) {
      if (value) address[key] = value;
    }
    const expected: Record<string, unknown> = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      userName: user.userPrincipalName,
      active: true,
      displayName: user.displayName,
      title: user.jobTitle,
      emails: [{ type: 'work', value: user.mail, primary: true }],
      ...(user.preferredLanguage ? { preferredLanguage: user.preferredLanguage } : {}),
      name: { givenName: user.givenName, familyName: user.surname, formatted: `${user.givenName} ${user.surname}` },
      addresses: [address],
      phoneNumbers: [
        { type: 'work', value: user.businessPhones![0] },
        { type: 'mobile', value: user.mobilePhone },
      ],
      externalId: user.mailNickname,
      [ENTERPRISE]: {
        manager: { value: user.manager!.id },
        department: user.department,
        ...(user.companyName ? { organization: user.companyName } : {}),
        employeeNumber: user.employeeId,
      },
    };
    assert.deepEqual(body, expected);
  });

  it('legacy SCIM 1.0 names (FacebookAtWorkOutDelta) land under their dotted URN with the 1.0 core schema', () => {
    const schema = templateSchema('FacebookAtWorkOutDelta');
    userMappings(schema).push(mapping('urn:scim:schemas:extension:facebook:auth_method:1.0:auth_method', fn('ToLower', attribute('extensionAttribute1'))));
    const body = previewObject(schema, sourceFromGraphUser(graphUser())).request!.body;
    assert.deepEqual(body['schemas'], [
      'urn:scim:schemas:core:1.0',
      'urn:scim:schemas:extension:enterprise:1.0',
      'urn:scim:schemas:extension:facebook:auth_method:1.0',
    ]);
    assert.deepEqual(body['urn:scim:schemas:extension:enterprise:1.0'], {
      manager: { value: '0b8e2f61-3c4d-4a5b-8c9d-1e2f3a4b5c6d' },
      department: 'Retail',
      organization: 'Contoso',
      employeeNumber: 'E1001',
    });
    assert.deepEqual(body['urn:scim:schemas:extension:facebook:auth_method:1.0'], { auth_method: 'sso' });
  });
});
