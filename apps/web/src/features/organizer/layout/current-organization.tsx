import type { MeResponse } from '@zevents/contracts';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type OrganizationMembership = MeResponse['organizations'][number];

const STORAGE_KEY = 'zevents.organizer.organizationId';

interface CurrentOrganization {
  organization: OrganizationMembership;
  organizations: OrganizationMembership[];
  selectOrganization: (organizationId: string) => void;
  /** The caller's membership in any organization, for events that belong to another one. */
  membershipOf: (organizationId: string) => OrganizationMembership | undefined;
}

const CurrentOrganizationContext = createContext<CurrentOrganization | null>(null);

function readStoredId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeId(id: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Private mode or storage full: the choice lasts for this visit only.
  }
}

/** Makes an organization the current one on the next visit to /organizer (after joining it). */
export function rememberCurrentOrganization(organizationId: string): void {
  storeId(organizationId);
}

/** The organization the organizer works in, remembered across visits in localStorage. */
export function CurrentOrganizationProvider({
  organizations,
  children,
}: {
  organizations: OrganizationMembership[];
  children: ReactNode;
}) {
  // A link into one organization (`?organization=<id>`, as emails send) wins over the remembered one.
  const [selectedId, setSelectedId] = useState<string | null>(() => {
    const linked = new URLSearchParams(window.location.search).get('organization');
    if (linked && organizations.some((org) => org.id === linked)) {
      storeId(linked);
      return linked;
    }
    return readStoredId();
  });
  const organization =
    organizations.find((org) => org.id === selectedId) ?? (organizations[0] as OrganizationMembership);

  const selectOrganization = useCallback((organizationId: string) => {
    storeId(organizationId);
    setSelectedId(organizationId);
  }, []);

  const value = useMemo<CurrentOrganization>(
    () => ({
      organization,
      organizations,
      selectOrganization,
      membershipOf: (organizationId) => organizations.find((org) => org.id === organizationId),
    }),
    [organization, organizations, selectOrganization],
  );
  return <CurrentOrganizationContext.Provider value={value}>{children}</CurrentOrganizationContext.Provider>;
}

export function useCurrentOrganization(): CurrentOrganization {
  const value = useContext(CurrentOrganizationContext);
  if (!value) throw new Error('useCurrentOrganization outside CurrentOrganizationProvider');
  return value;
}
