import assert from 'node:assert/strict';
import { GraphHarness, VERSIONS, assertGraphError, keysOf } from './graph-harness';
import { FILTER_OPERATORS, MAPPING_FUNCTIONS } from '../../../src/sandbox/tenant/templates';

const TEMPLATE_KEYS = ['applicationId', 'default', 'description', 'discoverable', 'factoryTag', 'id', 'metadata'];

describe('sandbox Graph: templates and schema', function () {
  this.timeout(10_000);
  let graph: GraphHarness;
  before(async () => {
    graph = await GraphHarness.start();
  });
  after(() => graph.close());

  async function scimJob() {
    const sp = await graph.servicePrincipalNamed('Contoso Benefits Portal');
    const job = (await graph.get('v1.0', `/servicePrincipals/${sp.id}/synchronization/jobs`)).body.value[0];
    const state = () => graph.sandbox.tenant.job(graph.sandbox.tenant.servicePrincipal(sp.id)!, job.id)!;
    return { sp, job, base: `/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}`, state };
  }

  it('lists and gets templates on the service principal and on the application', async () => {
    const sp = await graph.servicePrincipalNamed('Workplace from Meta');
    const appObjectId = graph.sandbox.tenant.servicePrincipal(sp.id)!.applicationObjectId;
    for (const version of VERSIONS) {
      const list = await graph.get(version, `/servicePrincipals/${sp.id}/synchronization/templates`);
      assert.equal(list.body['@odata.context'], `${graph.origin}/${version}/$metadata#servicePrincipals('${sp.id}')/synchronization/templates`);
      assert.deepEqual(list.body.value.map((t: { id: string }) => t.id).sort(), ['FacebookAtWorkOutDelta', 'FacebookWorkplace']);
      for (const template of list.body.value) {
        assert.deepEqual(keysOf(template), TEMPLATE_KEYS);
        assert.equal(template.applicationId, sp.appId);
      }
      const fromApp = await graph.get(version, `/applications/${appObjectId}/synchronization/templates`);
      assert.deepEqual(fromApp.body.value, list.body.value);
      const one = await graph.get(version, `/applications/${appObjectId}/synchronization/templates/FacebookWorkplace`);
      assert.equal(one.body.factoryTag, list.body.value.find((t: { id: string }) => t.id === 'FacebookWorkplace').factoryTag);
      assertGraphError(await graph.get(version, `/servicePrincipals/${sp.id}/synchronization/templates/nope`), 404);
      assertGraphError(await graph.get(version, '/applications/00000000-0000-0000-0000-000000000000/synchronization/templates'), 404);
    }
  });

  it('serves template schemas, directories, filterOperators and functions (job, SP template and app template)', async () => {
    const { sp, base } = await scimJob();
    const appObjectId = graph.sandbox.tenant.servicePrincipal(sp.id)!.applicationObjectId;
    const templateBases = [
      `/servicePrincipals/${sp.id}/synchronization/templates/scim/schema`,
      `/applications/${appObjectId}/synchronization/templates/scim/schema`,
    ];
    for (const path of templateBases) {
      const schema = await graph.get('beta', path);
      assert.equal(schema.status, 200);
      assert.ok(Array.isArray(schema.body.directories) && Array.isArray(schema.body.synchronizationRules));
      const dirs = await graph.get('beta', `${path}/directories`);
      assert.equal(dirs.body.value.length, schema.body.directories.length);
      const dir = await graph.get('beta', `${path}/directories/${schema.body.directories[0].id}`);
      assert.equal(dir.body.name, schema.body.directories[0].name);
    }
    for (const path of [`${base}/schema`, ...templateBases]) {
      for (const version of VERSIONS) {
        const operators = await graph.get(version, `${path}/filterOperators`);
        assert.equal(operators.body['@odata.context'], `${graph.origin}/${version}/$metadata#Collection(microsoft.graph.filterOperatorSchema)`);
        assert.deepEqual(operators.body.value, FILTER_OPERATORS);
        assert.deepEqual(keysOf(operators.body.value[0]), ['arity', 'multivaluedComparisonType', 'name', 'supportedAttributeTypes']);
        const functions = await graph.get(version, `${path}/functions`);
        assert.deepEqual(functions.body.value, MAPPING_FUNCTIONS);
        assert.deepEqual(keysOf(functions.body.value[0]), ['name', 'parameters']);
      }
    }
  });

  it('gets the job schema, lists and gets its directories, and discovers a directory', async () => {
    const { base, job, state, sp } = await scimJob();
    for (const version of VERSIONS) {
      const schema = await graph.get(version, `${base}/schema`);
      assert.equal(
        schema.body['@odata.context'],
        `${graph.origin}/${version}/$metadata#servicePrincipals('${sp.id}')/synchronization/jobs('${job.id}')/schema/$entity`,
      );
      assert.deepEqual(keysOf(schema.body), ['@odata.context', 'directories', 'id', 'synchronizationRules', 'version']);
      const directories = await graph.get(version, `${base}/schema/directories`);
      assert.deepEqual(directories.body.value, schema.body.directories);
      const target = schema.body.directories[1];
      const one = await graph.get(version, `${base}/schema/directories/${target.id}`);
      assert.equal(one.body.name, target.name);
      assertGraphError(await graph.get(version, `${base}/schema/directories/nope`), 404);
    }
    const source = state().schema.directories[0]!;
    graph.sandbox.tenant.setClock(() => new Date('2031-05-06T07:08:09.000Z'));
    const discovered = await graph.post('v1.0', `${base}/schema/directories/${source.id}/discover`);
    assert.equal(discovered.status, 200);
    assert.equal(discovered.body['@odata.context'], `${graph.origin}/v1.0/$metadata#microsoft.graph.directoryDefinition`);
    assert.equal(discovered.body.discoveryDateTime, '2031-05-06T07:08:09.000Z');
    assert.equal(discovered.body.id, source.id);
    assert.equal(state().schema.directories[0]!.discoveryDateTime, '2031-05-06T07:08:09.000Z', 'discovery is saved in the schema');
    assertGraphError(await graph.post('v1.0', `${base}/schema/directories/nope/discover`), 404);
    graph.sandbox.tenant.setClock(() => new Date());
  });

  it('PUT replaces the schema (a rules change forces an initial cycle), DELETE restores the template default', async () => {
    const { base, state } = await scimJob();
    const original = (await graph.get('v1.0', `${base}/schema`)).body;
    const { '@odata.context': _c, ...schema } = original;
    assert.ok(state().runtime.watermark !== null);

    // Directory-only edit: replaced, no resync.
    schema.directories[1].objects[0].attributes.push({ ...schema.directories[1].objects[0].attributes[0], name: 'urn:example:custom:2.0:User:badge', anchor: false });
    assert.equal((await graph.put('v1.0', `${base}/schema`, schema)).status, 204);
    assert.ok(state().runtime.watermark !== null, 'attribute list edits do not resync');
    const afterDirectoryEdit = (await graph.get('beta', `${base}/schema`)).body;
    assert.ok(afterDirectoryEdit.directories[1].objects[0].attributes.some((a: { name: string }) => a.name === 'urn:example:custom:2.0:User:badge'));

    // Mapping edit: resync.
    schema.synchronizationRules[0].objectMappings[0].attributeMappings.pop();
    assert.equal((await graph.put('beta', `${base}/schema`, schema)).status, 204);
    assert.equal(state().runtime.watermark, null);
    assert.equal(state().runtime.initialCycleReason, 'schemaChanged');
    const { '@odata.context': _c2, ...stored } = (await graph.get('v1.0', `${base}/schema`)).body;
    assert.deepEqual(stored, schema);

    assertGraphError(await graph.put('v1.0', `${base}/schema`, { synchronizationRules: [] }), 400, 'BadRequest');
    assertGraphError(await graph.put('v1.0', `${base}/schema`, { directories: [], synchronizationRules: [{ name: 'x' }] }), 400);
    assertGraphError(await graph.call('PUT', 'v1.0', `${base}/schema`, { rawBody: '{' }), 400);

    assert.equal((await graph.delete('v1.0', `${base}/schema`)).status, 204);
    const reset = (await graph.get('v1.0', `${base}/schema`)).body;
    const sp = await graph.servicePrincipalNamed('Contoso Benefits Portal');
    const template = (await graph.get('v1.0', `/servicePrincipals/${sp.id}/synchronization/templates/scim/schema`)).body;
    assert.deepEqual(reset.synchronizationRules, template.synchronizationRules);
    assert.deepEqual(reset.directories, template.directories);
  });

  it('answers PATCH on a schema with 405 like Graph, and parseExpression (job and template) with the engine', async () => {
    const { base, sp } = await scimJob();
    for (const version of VERSIONS) {
      const patched = await graph.call('PATCH', version, `${base}/schema`, { body: { directories: [] } });
      assertGraphError(patched, 405);
      assert.match(patched.body.error.message, /No HTTP resource was found that matches the request URI/);
      const parsed = await graph.post(version, `${base}/schema/parseExpression`, { expression: '[mail]' });
      assert.equal(parsed.status, 200);
      assert.equal(parsed.body.parsingSucceeded, true);
      assert.deepEqual(parsed.body.parsedExpression, { expression: '[mail]', name: 'mail', parameters: [], type: 'Attribute' });
      // Details: test/unit/sandbox/provisioning/parseExpression.test.ts. A body without an expression is a 400.
      assertGraphError(await graph.post(version, `/servicePrincipals/${sp.id}/synchronization/templates/scim/schema/parseExpression`, {}), 400);
      assertGraphError(await graph.post(version, `/servicePrincipals/${sp.id}/synchronization/acquireAccessToken`, {}), 501);
    }
  });

  it('lets the application customise a template and its schema, which new jobs then use', async () => {
    const travel = await graph.servicePrincipalNamed('Contoso Travel');
    const appObjectId = graph.sandbox.tenant.servicePrincipal(travel.id)!.applicationObjectId;
    const template = `/applications/${appObjectId}/synchronization/templates/scim`;
    const schema = (await graph.get('v1.0', `${template}/schema`)).body;
    const { '@odata.context': _c, ...custom } = schema;
    custom.synchronizationRules[0].objectMappings[0].attributeMappings.pop();
    assert.equal((await graph.put('v1.0', `${template}/schema`, custom)).status, 204);
    const created = await graph.post('v1.0', `/servicePrincipals/${travel.id}/synchronization/jobs`, { templateId: 'scim' });
    const jobSchema = (await graph.get('v1.0', `/servicePrincipals/${travel.id}/synchronization/jobs/${created.body.id}/schema`)).body;
    assert.deepEqual(jobSchema.synchronizationRules, custom.synchronizationRules);
    assert.equal((await graph.delete('v1.0', `${template}/schema`)).status, 204);
    const restored = (await graph.get('v1.0', `${template}/schema`)).body;
    assert.notDeepEqual(restored.synchronizationRules, custom.synchronizationRules);

    const current = (await graph.get('beta', template)).body;
    const update = { ...current, description: 'Customised for Contoso' };
    delete update['@odata.context'];
    delete update.metadata;
    assert.equal((await graph.call('PATCH', 'beta', template, { body: update })).status, 204);
    const updated = (await graph.get('beta', template)).body;
    assert.equal(updated.description, 'Customised for Contoso');
    assert.deepEqual(updated.metadata, [], 'properties left out of the update are erased');
    assert.equal(updated.factoryTag, current.factoryTag);
    assertGraphError(await graph.call('PATCH', 'beta', template, { body: { discoverable: 'yes' } }), 400);
  });
});
