import assert from 'node:assert/strict';
import { odataString, searchFilter } from '../../../../src/provisioning/onDemand';

describe('directory search queries', () => {
  it('escapes OData string literals', () => {
    assert.equal(odataString("O'Brien"), "'O''Brien'");
  });

  it('searches users by the start of their names, UPN and mail; groups by name and mail', () => {
    assert.equal(
      searchFilter('User', ' ada '),
      "startswith(displayName,'ada') or startswith(userPrincipalName,'ada') or startswith(mail,'ada') or startswith(givenName,'ada') or startswith(surname,'ada')",
    );
    assert.equal(searchFilter('Group', 'Mar'), "startswith(displayName,'Mar') or startswith(mail,'Mar') or startswith(mailNickname,'Mar')");
  });
});
