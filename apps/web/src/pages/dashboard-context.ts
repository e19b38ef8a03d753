import { createContext, useContext, useEffect } from 'react';
import type { Me, Role } from '../api.ts';

export interface DashboardState {
  me: Me;
  logout: (reason?: string) => void;
}

export const DashboardContext = createContext<DashboardState | null>(null);

export function useDashboard(): DashboardState {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard outside the dashboard');
  return value;
}

const RANK: Record<Role, number> = { viewer: 0, recruiter: 1, admin: 2, owner: 3 };
export const ROLES: Role[] = ['owner', 'admin', 'recruiter', 'viewer'];

export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** Sets the document title for a page. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · AI Interviewer`;
  }, [title]);
}
