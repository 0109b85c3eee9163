// provisionOnDemand answers in the documented shapes (graph-synchronization.md §3.7): the classic pair whose key is
// {"result","details"} and whose value is one record, the cross-tenant pair whose key is the StatusInfo type name and
// whose value is an array, and the group example's "{}". Values are built with JSON.stringify, as Graph nests them.

/** Classic shape, the docs' Entra → SaaS example: skipped as RedundantExport (values shortened). */
export const classicRedundantExport = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.stringKeyStringValuePair',
  key: JSON.stringify({ result: 'Skipped', details: { errorCode: 'RedundantExport', errorMessage: 'The state of the user in both the source and target systems already match.' } }),
  value: JSON.stringify({
    action: 'Other',
    changeId: '0d1e2f30-1111-4a60-ae31-a8980da0a389',
    startTime: '2020-06-26T13:58:24.5494971Z',
    endTime: '2020-06-26T13:58:24.7682084Z',
    modifiedProperties: [
      { displayName: 'accountEnabled', oldValue: null, newValue: 'True' },
      { displayName: 'displayName', oldValue: null, newValue: 'Bill Bob' },
      { displayName: 'userPrincipalName', oldValue: null, newValue: 'BillBob@contoso.com' },
    ],
    provisioningSteps: [
      { name: 'EntryImport', type: 'Import', status: 'Success', description: "Retrieved User 'BillBob@contoso.com' from Azure Active Directory", timestamp: '2020-06-26T13:58:24.5494971Z', details: { objectId: '52cf7b7a', accountEnabled: 'True' } },
      { name: 'EntryImport', type: 'Matching', status: 'Success', description: "Retrieved 'BillBob@contoso.com' from customappsso", timestamp: '2020-06-26T13:58:24.7214072Z', details: { id: '52507a19', userName: 'BillBob@contoso.com' } },
      {
        name: 'EntrySynchronizationScoping',
        type: 'Scoping',
        status: 'Success',
        description: 'Determine if User in scope by evaluating against each scoping filter',
        timestamp: '2020-06-26T13:58:24.7526181Z',
        details: { IsActive: 'True', Assigned: 'True', IsEffectivelyEntitledForProvisioning: 'True', IsInProvisioningScopeDisplayName: 'True', ScopeEvaluationResult: '{}' },
      },
      { name: 'EntrySynchronizationSkip', type: 'Export', status: 'Skipped', description: 'The state of the user in both the source and target systems already match.', timestamp: '2020-06-26T13:58:24.7682084Z', details: { SkipReason: 'RedundantExport' } },
    ],
    reportableIdentifier: 'BillBob@contoso.com',
    statusInfo: { status: 'Skipped', errorCode: null, reason: null, additionalDetails: null, errorCategory: null, recommendedAction: null },
    sourceIdentity: { id: '62cf7b7a', type: 'User', displayName: null, details: null },
    sourceSystem: { id: null, name: 'Azure Active Directory', details: null },
    targetIdentity: { id: '52507a19', type: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', displayName: null, details: null },
    targetSystem: { id: null, name: 'customappsso', details: null },
  }),
};

/** Classic shape, a Workplace failure on the export step (the unverified-domain code 1789003). */
export const classicFailure = {
  key: JSON.stringify({ result: 'Failure', details: { errorCode: 'UnprocessableEntity', errorMessage: 'Workplace refused the request.' } }),
  value: JSON.stringify({
    action: 'Create',
    provisioningSteps: [
      { name: 'EntryImport', type: 'Import', status: 'Success', description: 'Retrieved the user', timestamp: '2024-01-01T00:00:00Z', details: {} },
      {
        name: 'EntrySynchronizationScoping',
        type: 'Scoping',
        status: 'Success',
        description: 'In scope',
        timestamp: '2024-01-01T00:00:01Z',
        details: { ScopeEvaluationResult: JSON.stringify({ 'Marketing department filter.department EQUALS \'Marketing\'': true }) },
      },
      { name: 'EntryExportAdd', type: 'Export', status: 'Failure', description: 'Failed to create the user', timestamp: '2024-01-01T00:00:02Z', details: { ReportableIdentifier: 'pat@unverified.example' } },
    ],
    modifiedProperties: [{ displayName: 'emails[type eq "work"].value', oldValue: null, newValue: 'pat@unverified.example' }],
    reportableIdentifier: 'pat@unverified.example',
    statusInfo: {
      status: 'Failure',
      errorCode: 'UnprocessableEntity',
      reason: 'Workplace answered 400: error 1789003, the user is on an unverified domain.',
      additionalDetails: null,
      errorCategory: 'nonServiceFailure',
      recommendedAction: 'Verify the domain in Workplace.',
    },
    sourceIdentity: { id: 'u-1', type: 'User', displayName: 'Pat', details: {} },
    targetIdentity: { id: null, type: 'User', displayName: null, details: {} },
  }),
};

/** Cross-tenant shape: the StatusInfo type name as key, an array of records as value. */
export const crossTenant = {
  key: 'Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo',
  value: JSON.stringify([
    {
      provisioningSteps: [
        { name: 'EntryImportAdd', type: 'Import', status: 'Success', description: 'Received user change', timestamp: '2022-04-21T18:40:07Z', details: {} },
        { name: 'EntrySynchronizationScoping', type: 'Scoping', status: 'Success', description: 'In scope', timestamp: '2022-04-21T18:40:08Z', details: { 'Scoping filter evaluation passed': 'True' } },
        { name: 'EntryExportUpdate', type: 'Export', status: 'Success', description: 'User was updated', timestamp: '2022-04-21T18:40:09Z', details: {} },
      ],
      modifiedProperties: [{ displayName: 'DisplayName', newValue: 'Adele Vest' }],
      action: 'Update',
      reportableIdentifier: 'adelev@chicago.example',
      statusInfo: { status: 'Success' },
      sourceIdentity: { id: '38a2171b', type: 'user' },
      targetIdentity: { id: '87cb2512', type: 'User' },
      targetSystem: { name: 'Azure Active Directory' },
    },
    { provisioningSteps: [], statusInfo: { status: 'Success' }, reportableIdentifier: 'second@chicago.example' },
  ]),
};

/** The group example: success, and `value` = "{}". */
export const groupEmpty = { key: JSON.stringify({ result: 'Success', details: {} }), value: '{}' };
