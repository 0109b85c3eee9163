// App role functions (mapping-expressions.md §4 AppRoleAssignmentsComplex, SingleAppRoleAssignment; §5).
//
// The evaluator's source attribute `appRoleAssignments` is a list with one entry per assigned role: either the role's
// value ("Admin") or a JSON object string `{"id": "…", "value": "Admin", "displayName": "Admin"}` (the shape the
// service's PATCH bodies show).
import { list, type Call, type FunctionImpl } from './call';

export interface AppRoleAssignment {
  id?: string;
  value: string;
  displayName: string;
}

/** The type every provisioned role carries (entra-docs#391: it can't be mapped to anything else). */
export const APP_ROLE_TYPE = 'WindowsAzureActiveDirectoryRole';

function assignments(call: Call): AppRoleAssignment[] {
  return list(call, 0).map((entry) => {
    const trimmed = entry.trim();
    if (!trimmed.startsWith('{')) return { value: entry, displayName: entry };
    try {
      const parsed = JSON.parse(trimmed) as { id?: unknown; value?: unknown; displayName?: unknown };
      const value = typeof parsed.value === 'string' ? parsed.value : typeof parsed.displayName === 'string' ? parsed.displayName : undefined;
      if (value === undefined) throw new Error('no value');
      return {
        ...(typeof parsed.id === 'string' ? { id: parsed.id } : {}),
        value,
        displayName: typeof parsed.displayName === 'string' ? parsed.displayName : value,
      };
    } catch {
      return call.fail('type', `${call.info.name}: ${JSON.stringify(entry)} is not an app role assignment ({"value": …, "displayName": …})`, 0);
    }
  });
}

export const ROLE_FUNCTIONS: Record<string, FunctionImpl> = {
  AppRoleAssignments(call) {
    const roles = assignments(call);
    return roles.length ? roles.map((r) => r.value) : null;
  },

  AppRoleAssignmentsComplex(call) {
    // One JSON object per role, as the POST body sends them: every role non-primary.
    const roles = assignments(call);
    if (!roles.length) return null;
    return roles.map((r) => JSON.stringify({ primary: false, type: APP_ROLE_TYPE, displayName: r.displayName, value: r.value }));
  },

  AssertiveAppRoleAssignmentsComplex(call) {
    // Same roles, in the `display` spelling its documented POST/PATCH bodies use.
    const roles = assignments(call);
    if (!roles.length) return null;
    return roles.map((r) => JSON.stringify({ primary: false, type: APP_ROLE_TYPE, display: r.displayName, value: r.value }));
  },

  SingleAppRoleAssignment(call) {
    const roles = assignments(call);
    if (roles.length === 0) return null;
    if (roles.length > 1) {
      // The service's own message (azure-docs#42487), typos included.
      return call.fail(
        'app-role-assignments',
        `An error occured while evaluating this function: 'SingleAppRoleAssignment.' No more than one app role assignment was expected, but this many where found: ${roles.length}`,
        0,
      );
    }
    return roles[0]!.value;
  },
};
