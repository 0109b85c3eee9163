import assert from 'node:assert/strict';
import type { Filter, FilterClause } from '../../../../src/graph/model';
import { evaluateClause, evaluateScope, previewObject, sourceFromGraphUser } from '../../../../src/mapping/preview';
import { employeesOnlyScope, EMPLOYEES_ONLY_FILTER_NAME } from '../../../../src/sandbox/tenant/seed';
import { graphUser, setScope, templateSchema } from './fixtures';

const clause = (sourceOperandName: string, operatorName: string, ...values: string[]): FilterClause => ({
  sourceOperandName,
  operatorName,
  targetOperand: values.length ? { values } : null,
});
const passes = (c: FilterClause, source: Record<string, string | string[] | null>) => evaluateClause(c, source).passed;

describe('preview: scoping filters (mapping-expressions.md §8)', () => {
  it('EQUALS / NOT EQUALS are case-sensitive; NULL fails both', () => {
    assert.equal(passes(clause('department', 'EQUALS', 'sales'), { department: 'sales' }), true);
    assert.equal(passes(clause('department', 'EQUALS', 'sales'), { department: 'Sales' }), false); // §8.4 vector
    assert.equal(passes(clause('department', 'NOT EQUALS', 'sales'), { department: 'Sales' }), true);
    assert.equal(passes(clause('department', 'NOT EQUALS', 'sales'), {}), false);
    assert.equal(passes(clause('department', 'EQUALS', 'Sales', 'Retail'), { department: 'Retail' }), true);
    assert.equal(passes(clause('department', 'NOT EQUALS', 'Sales', 'Retail'), { department: 'Retail' }), false);
  });

  it('IS TRUE / IS FALSE read "True"/"False" in any case; IS NULL / IS NOT NULL', () => {
    assert.equal(passes(clause('accountEnabled', 'IS TRUE'), { accountEnabled: 'True' }), true);
    assert.equal(passes(clause('accountEnabled', 'IS TRUE'), { accountEnabled: 'true' }), true);
    assert.equal(passes(clause('accountEnabled', 'IS TRUE'), { accountEnabled: 'False' }), false);
    assert.equal(passes(clause('accountEnabled', 'IS FALSE'), { accountEnabled: 'FALSE' }), true);
    assert.equal(passes(clause('accountEnabled', 'IS FALSE'), {}), false);
    assert.equal(passes(clause('jobTitle', 'IS NULL'), {}), true);
    assert.equal(passes(clause('jobTitle', 'IS NULL'), { jobTitle: '' }), true);
    assert.equal(passes(clause('jobTitle', 'IS NULL'), { jobTitle: 'x' }), false);
    assert.equal(passes(clause('jobTitle', 'IS NOT NULL'), { jobTitle: 'x' }), true);
    assert.equal(passes(clause('jobTitle', 'IS NOT NULL'), { jobTitle: null }), false);
  });

  it('REGEX MATCH is unanchored and case-sensitive (.NET IsMatch); NOT REGEX MATCH is false for NULL', () => {
    const upn = clause('userPrincipalName', 'REGEX MATCH', '.*\\@domain.com');
    assert.equal(passes(upn, { userPrincipalName: 'a@domain.com' }), true);
    assert.equal(passes(upn, { userPrincipalName: 'a@DOMAIN.com' }), false);
    const worker = clause('workerID', 'REGEX MATCH', '(1[0-9][0-9][0-9][0-9][0-9][0-9])');
    assert.equal(passes(worker, { workerID: '1234567' }), true);
    assert.equal(passes(worker, { workerID: '999999' }), false);
    assert.equal(passes(worker, { workerID: '91234567' }), true, 'unanchored: a match inside the value counts');
    assert.equal(passes(clause('workerID', 'REGEX MATCH', '^(1[0-9]{6})$'), { workerID: '91234567' }), false, 'anchor explicitly for whole-value');
    const notGuest = clause('userPrincipalName', 'NOT REGEX MATCH', '.*#EXT#.*');
    assert.equal(passes(notGuest, { userPrincipalName: 'a@contoso.com' }), true);
    assert.equal(passes(notGuest, { userPrincipalName: 'a_x.com#EXT#@contoso.com' }), false);
    assert.equal(passes(notGuest, {}), false);
    const bad = evaluateClause(clause('mail', 'REGEX MATCH', '(unclosed'), { mail: 'x' });
    assert.equal(bad.passed, false);
    assert.match(bad.error!, /Invalid regular expression/);
  });

  it('Greater_Than(_OR_EQUALS) and Less_Than(_OR_EQUALS) compare integers; non-integers fail with an error', () => {
    assert.equal(passes(clause('employeeId', 'Greater_Than', '1000'), { employeeId: '1001' }), true);
    assert.equal(passes(clause('employeeId', 'Greater_Than', '1000'), { employeeId: '1000' }), false);
    assert.equal(passes(clause('employeeId', 'Greater_Than_OR_EQUALS', '1000'), { employeeId: '1000' }), true);
    assert.equal(passes(clause('employeeId', 'Greater_Than', '9'), { employeeId: '10' }), true, 'numeric, not text order');
    assert.equal(passes(clause('employeeId', 'GREATER_THAN', '9'), { employeeId: '10' }), true, 'operator spelling ignores case');
    assert.equal(passes(clause('employeeId', 'Less_Than', '9'), { employeeId: '10' }), false);
    assert.equal(passes(clause('employeeId', 'Less_Than_OR_EQUALS', '10'), { employeeId: '10' }), true);
    const text = evaluateClause(clause('employeeId', 'Greater_Than', '5'), { employeeId: 'E100' });
    assert.equal(text.passed, false);
    assert.match(text.error!, /not an integer/);
  });

  it('Includes, ENDS_WITH, & and !&; unknown operators fail with an error', () => {
    assert.equal(passes(clause('mail', 'Includes', 'contoso'), { mail: 'a@contoso.com' }), true);
    assert.equal(passes(clause('mail', 'Includes', 'Contoso'), { mail: 'a@contoso.com' }), false);
    assert.equal(passes(clause('mail', 'ENDS_WITH', '@contoso.com'), { mail: 'a@contoso.com' }), true);
    assert.equal(passes(clause('country', '&', 'US,CA,MX'), { country: 'CA' }), true);
    assert.equal(passes(clause('country', '!&', 'US,CA,MX'), { country: 'DE' }), true);
    const unknown = evaluateClause(clause('country', 'STARTS_WITH', 'U'), { country: 'US' });
    assert.deepEqual([unknown.passed, unknown.error], [false, "Unknown scoping operator 'STARTS_WITH'"]);
  });

  it('a multi-valued attribute must pass for every value', () => {
    assert.equal(passes(clause('otherMails', 'ENDS_WITH', '@contoso.com'), { otherMails: ['a@contoso.com', 'b@contoso.com'] }), true);
    assert.equal(passes(clause('otherMails', 'ENDS_WITH', '@contoso.com'), { otherMails: ['a@contoso.com', 'b@fabrikam.com'] }), false);
  });

  it('ANDs clauses inside a group, ORs groups, and reports every clause', () => {
    const scope: Filter = {
      categoryFilterGroups: [],
      inputFilterGroups: [],
      groups: [
        { name: 'Sales in Seattle', clauses: [clause('department', 'EQUALS', 'Sales'), clause('city', 'EQUALS', 'Seattle')] },
        { name: 'Executives', clauses: [clause('jobTitle', 'REGEX MATCH', '^(VP|Chief)')] },
      ],
    };
    const sales = evaluateScope(scope, { department: 'Sales', city: 'Seattle', jobTitle: 'Account Executive' });
    assert.equal(sales.inScope, true);
    assert.deepEqual(sales.groups.map((g) => g.passed), [true, false]);
    assert.equal(sales.reason, 'In scope: scoping filter "Sales in Seattle" passed (all 2 clause(s)).');
    const vp = evaluateScope(scope, { department: 'Sales', city: 'London', jobTitle: 'VP of Sales' });
    assert.equal(vp.inScope, true);
    const out = evaluateScope(scope, { department: 'Sales', city: 'London', jobTitle: 'Account Executive' });
    assert.equal(out.inScope, false);
    assert.deepEqual(out.groups[0]!.clauses, [
      { sourceAttributeName: 'department', operatorName: 'EQUALS', targetOperand: ['Sales'], actual: 'Sales', passed: true },
      { sourceAttributeName: 'city', operatorName: 'EQUALS', targetOperand: ['Seattle'], actual: 'London', passed: false },
    ]);
    assert.equal(
      out.reason,
      'Out of scope: no scoping filter passed — "Sales in Seattle": city EQUALS \'Seattle\' is false (actual "London"); "Executives": jobTitle REGEX MATCH \'^(VP|Chief)\' is false (actual "Account Executive").',
    );
  });

  it('an unassigned object is out of scope whatever the filter; no filter means in scope', () => {
    assert.deepEqual(evaluateScope(null, {}, false), { inScope: false, assigned: false, groups: [], reason: 'Out of scope: the object is not assigned to the application.' });
    assert.equal(evaluateScope(null, {}).inScope, true);
  });

  it('through previewObject: the sandbox\'s "Employees only" filter passes a member and drops a guest (request null)', () => {
    const schema = setScope(templateSchema('FacebookWorkplace'), employeesOnlyScope());
    const member = previewObject(schema, sourceFromGraphUser(graphUser()));
    assert.equal(member.scoping.inScope, true);
    assert.equal(member.scoping.groups[0]!.title, EMPLOYEES_ONLY_FILTER_NAME);
    assert.ok(member.request);
    const guest = previewObject(schema, sourceFromGraphUser(graphUser({ userPrincipalName: 'sam_fabrikam.com#EXT#@contoso.com' })));
    assert.equal(guest.scoping.inScope, false);
    assert.equal(guest.request, null);
    assert.match(guest.scoping.reason, /userPrincipalName NOT REGEX MATCH '\.\*#EXT#\.\*' is false/);
    const noDepartment = previewObject(schema, sourceFromGraphUser(graphUser({ department: null })));
    assert.deepEqual(noDepartment.scoping.groups[0]!.clauses[0], {
      sourceAttributeName: 'department',
      operatorName: 'IS NOT NULL',
      targetOperand: [],
      actual: null,
      passed: false,
    });
    assert.equal(previewObject(schema, sourceFromGraphUser(graphUser()), { isAssigned: false }).request, null);
  });
});
