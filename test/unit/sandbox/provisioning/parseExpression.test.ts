import assert from 'node:assert/strict';
import { GraphHarness, VERSIONS, assertGraphError } from '../graph-harness';
import { parseExpression } from '../../../../src/sandbox/provisioning/parseExpression';
import { seedJob } from './harness';

describe('sandbox provisioning: parseExpression', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());

  it('answers the documented Replace example on the job and the template schema, in v1.0 and beta', async () => {
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const body = {
      expression: 'Replace([preferredLanguage], "-", , , "_", ,  )',
      testInputObject: { definition: null, properties: [{ key: 'preferredLanguage', value: 'EN-US' }] },
    };
    for (const version of VERSIONS) {
      for (const path of [`${job.base}/schema/parseExpression`, `/servicePrincipals/${job.sp.resource.id}/synchronization/templates/scim/schema/parseExpression`]) {
        const result = await graph.post(version, path, body);
        assert.equal(result.status, 200, result.text);
        assert.equal(result.body['@odata.context'], `${graph.origin}/${version}/$metadata#microsoft.graph.parseExpressionResponse`);
        assert.equal(result.body.parsingSucceeded, true);
        assert.equal(result.body.evaluationSucceeded, true);
        assert.deepEqual(result.body.evaluationResult, ['EN_US']);
        assert.equal(result.body.error, null);
        const tree = result.body.parsedExpression;
        assert.equal(tree.name, 'Replace');
        assert.equal(tree.type, 'Function');
        assert.deepEqual(
          tree.parameters.map((p: any) => [p.key, p.value.name, p.value.type, p.value.expression]),
          [
            ['source', 'preferredLanguage', 'Attribute', '[preferredLanguage]'],
            ['Find', '-', 'Constant', '"-"'],
            ['Replacement', '_', 'Constant', '"_"'],
          ],
        );
      }
    }
  });

  it('reports parse errors as parsingSucceeded false (200), evaluation errors as evaluationSucceeded false, bad bodies as 400', async () => {
    const job = seedJob(graph, 'Contoso HR SCIM (custom)');
    const url = `${job.base}/schema/parseExpression`;
    const broken = await graph.post('v1.0', url, { expression: 'Join(" ", [givenName]' });
    assert.equal(broken.status, 200);
    assert.equal(broken.body.parsingSucceeded, false);
    assert.equal(broken.body.evaluationSucceeded, false);
    assert.equal(broken.body.parsedExpression, null);
    assert.equal(typeof broken.body.error.message, 'string');
    assert.ok(broken.body.error.message.length > 0);

    const unknown = await graph.post('v1.0', url, { expression: 'NoSuchFunction([mail])' });
    assert.equal(unknown.body.parsingSucceeded, false);
    assert.match(unknown.body.error.message, /NoSuchFunction/);

    const failing = await graph.post('v1.0', url, {
      expression: 'FormatDateTime([hireDate], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
      testInputObject: { properties: [{ key: 'hireDate', value: 'not a date' }] },
    });
    assert.equal(failing.body.parsingSucceeded, true);
    assert.equal(failing.body.evaluationSucceeded, false);
    assert.ok(failing.body.error.message);

    const multi = await graph.post('v1.0', url, {
      expression: 'Join(",", [proxyAddresses])',
      testInputObject: { properties: [{ key: 'proxyAddresses', value: ['a', 'b'], 'value@odata.type': '#Collection(String)' }] },
    });
    assert.deepEqual(multi.body.evaluationResult, ['a,b']);

    assertGraphError(await graph.post('v1.0', url, { expression: 42 }), 400, 'BadRequest');
    assertGraphError(await graph.post('v1.0', url, { expression: '[mail]', testInputObject: { properties: 'x' } }), 400);
  });

  it('parses without evaluating when no test input is given', () => {
    const result = parseExpression('[mail]', undefined);
    assert.equal(result.parsingSucceeded, true);
    assert.equal(result.evaluationSucceeded, false);
    assert.equal(result.evaluationResult, null);
  });
});
